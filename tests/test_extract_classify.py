"""Event typing: ACLED's boundaries between sub-event types, on our own sentences."""
from __future__ import annotations

import pytest

from sitroom.extract.classify import candidate_labels, classify, event_type_of, find_triggers, _label_patterns


def sub(text: str) -> str | None:
    cls = classify(text)
    return cls.sub_event_type if cls else None


@pytest.mark.parametrize("text, expected", [
    # an air strike during a battle is part of the Battle
    ("Government troops clashed with rebel fighters near the village for hours while warplanes carried out air strikes on rebel positions.", "Armed clash"),
    ("Warplanes carried out air strikes on the town market, killing four civilians.", "Air/drone strike"),
    ("Army artillery shelled the outskirts of the town overnight.", "Shelling/artillery/missile attack"),
    # territory: who took it, and was it contested
    ("After two days of clashes, regime forces recaptured the village of Tel Hamra from rebel factions.", "Government regains territory"),
    ("Rebel fighters captured the town of Qasr Bayda after fierce clashes with the army.", "Non-state actor overtakes territory"),
    ("Opposition fighters took control of the town without resistance after the army withdrew.", "Non-violent transfer of territory"),
    # demonstrations vs riots, and the response to them
    ("Hundreds of teachers held a peaceful protest outside the ministry demanding higher pay.", "Peaceful protest"),
    ("Police fired tear gas to disperse students who were protesting against the new fees.", "Protest with intervention"),
    ("Protesters threw stones and burned tyres in front of the governor's office.", "Violent demonstration"),
    ("Security forces opened fire on protesters with live ammunition, killing three demonstrators.", "Excessive force against protesters"),
    ("A mob lynched a man accused of theft in the market.", "Mob violence"),
    # abductions, arrests, attacks
    ("Gunmen abducted two aid workers on the road to the camp.", "Abduction/forced disappearance"),
    # police who report a kidnapping did not make it; "0 fatalities" kills nobody
    ("On 3 May 2021, gunmen kidnapped a trader near the bus station, police said.", "Abduction/forced disappearance"),
    ("Bandits abducted 15 passengers on the highway, according to police. 0 fatalities.", "Abduction/forced disappearance"),
    ("On 3 May 2021, activists were abducted by security forces in the city.", "Arrests"),
    ("Gunmen kidnapped a shopkeeper and killed him the next day.", "Attack"),
    ("Police arrested twelve opposition activists in a night raid.", "Arrests"),
    ("Unidentified gunmen shot dead a village mukhtar in front of his house.", "Attack"),
    # weapons not used
    ("Air defences intercepted two drones launched towards the airport.", "Disrupted weapons use"),
    ("Army engineers defused an IED planted on the main road.", "Disrupted weapons use"),
    ("Security forces seized a large cache of weapons and ammunition in a farmhouse.", "Disrupted weapons use"),
    # the weapon names the explosion
    ("A roadside bomb exploded under a military vehicle, wounding two soldiers.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint, killing five policemen.", "Suicide bomb"),
    ("Residents reported a chlorine attack on the district, with dozens suffering breathing problems.", "Chemical weapon"),
    ("A man threw a hand grenade into a cafe, injuring six people.", "Grenade"),
    # strategic developments
    ("Turkish forces set up a new military base near the town.", "Headquarters or base established"),
    ("Militiamen looted shops and burned houses in the village.", "Looting/property destruction"),
    ("The two sides signed a ceasefire agreement in the capital.", "Agreement"),
    ("A Russian military convoy of twenty vehicles arrived at the airport as reinforcements.", "Change to group/activity"),
])
def test_sub_event_type(text: str, expected: str) -> None:
    assert sub(text) == expected


def test_event_type_follows_taxonomy() -> None:
    cls = classify("Rebel fighters clashed with army units near the bridge.")
    assert cls is not None and cls.event_type == "Battles" == event_type_of(cls.sub_event_type)


@pytest.mark.parametrize("text", [
    "The minister said the government will respond to any attack on its soldiers.",  # forecast/threat
    "The army denied that it had shelled the village.",  # denial
    "The weather was mild and the market was busy on Tuesday.",  # nothing
])
def test_no_event(text: str) -> None:
    assert classify(text, find_triggers(text)) is None


def test_stems_gate_every_pattern_on_our_sentences() -> None:
    # The Aho-Corasick pre-filter must never hide a pattern that would match.
    sentences = [
        "Aerial strikes hit the town and an explosive exploded near the gate; rebels took Maarat.",
        "Fighters exchanged artillery fire and police detained protesters who hurled stones.",
        "Looters ransacked shops; a mine was planted; troops withdrew and handed over the base.",
        "A US drone strike and a kamikaze drone hit the depot; HIMARS fired; a car struck a mine.",
        "Villagers beat a thief; riot police fired tear gas; bandits rustled cattle and uprooted trees.",
        "The militia took two men hostage and formed a new brigade; the army staged a coup.",
    ]
    for s in sentences:
        labels = candidate_labels(s)
        for lp in _label_patterns():
            if lp.regex.search(s):
                assert lp.label in labels, (lp.label, s)


# The general vocabulary of each sub-event type (synonyms and inflections), on our own sentences.
@pytest.mark.parametrize("text, expected", [
    ("A US drone strike killed a senior commander near the airport.", "Air/drone strike"),
    ("A kamikaze drone hit an energy facility in the city.", "Air/drone strike"),
    ("A Russian helicopter fired missiles at the village.", "Air/drone strike"),
    ("A quadcopter dropped two grenades on the trenches.", "Air/drone strike"),
    ("Ukrainian forces fired HIMARS at an ammunition depot.", "Shelling/artillery/missile attack"),
    ("Monitors heard 20 explosions near the village overnight.", "Shelling/artillery/missile attack"),
    ("A vehicle struck a mine on the road, wounding three passengers.", "Remote explosive/landmine/IED"),
    ("A powerful blast ripped through a crowded market, killing at least 20 people.", "Remote explosive/landmine/IED"),
    ("Fighting erupted between two rival armed factions in the town, leaving three fighters dead.", "Armed clash"),
    ("Soldiers neutralised four terrorists in an encounter near the border.", "Armed clash"),
    ("Armed men massacred villagers in an overnight raid.", "Attack"),
    ("The body of a man was found with gunshot wounds near the bridge.", "Attack"),
    ("Police beat a journalist covering the event.", "Attack"),
    ("The militia seized two villagers and took them to an unknown location.", "Abduction/forced disappearance"),
    ("Students marched to the governor's office.", "Peaceful protest"),
    ("Riot police used water cannon to disperse demonstrators outside the parliament.", "Protest with intervention"),
    ("Rioters blocked the highway with burning tires and vandalised shops.", "Violent demonstration"),
    ("Villagers beat a man accused of witchcraft to death.", "Mob violence"),
    ("Settlers uprooted olive trees on the farmers' land.", "Looting/property destruction"),
    ("Bandits rustled over 100 cattle from herders in the village.", "Looting/property destruction"),
    ("Air defence shot down a cruise missile over the region.", "Disrupted weapons use"),
    ("The army set up a new camp near the village.", "Headquarters or base established"),
    ("The rebels withdrew from the town and handed it over to government forces without a fight.",
     "Non-violent transfer of territory"),
    ("Regime forces started a security operation and detained a number of young men for conscription.",
     "Abduction/forced disappearance"),
    ("The armed group announced the formation of a new brigade.", "Change to group/activity"),
    ("The military staged a coup and dissolved the government.", "Other"),
])
def test_sub_event_vocabulary(text: str, expected: str) -> None:
    assert sub(text) == expected


@pytest.mark.parametrize("text", [
    "Police have arrested 20 opposition supporters ahead of the rally.",  # the rally is still to come
    "The army launched a military operation in the area; no clashes were reported.",  # "no clashes"
])
def test_boundaries_of_context_words(text: str) -> None:
    assert sub(text) in ("Arrests", "Change to group/activity")


def test_territory_side_unknown_is_flagged() -> None:
    said = classify("Rebel fighters captured the town of Qasr Bayda after fierce clashes with the army.")
    unsaid = classify("The 5th Corps captured the village of Tel Hamra on Monday after heavy clashes.")
    assert said is not None and not said.side_unknown
    assert unsaid is not None and unsaid.side_unknown
