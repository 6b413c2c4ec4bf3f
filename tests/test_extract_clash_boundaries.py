"""Battle or not: who was hit, what fire was told, and what a road block says.

All sentences are written for these tests (places and groups are invented or generic)."""
from __future__ import annotations

import pytest

from sitroom.extract import extract_events
from sitroom.extract.classify import classify
from sitroom.records import Article, Event


def sub(text: str) -> str | None:
    cls = classify(text)
    return cls.sub_event_type if cls else None


def main_sub(text: str) -> str | None:
    events = extract_events(Article(id="cb", text=text, content_hash="h", raw_hash="r"))
    best: Event | None = max(events, key=lambda e: e.confidence, default=None)
    return best.sub_event_type if best else None


@pytest.mark.parametrize("text, expected", [
    # an assassination is coded by whom it killed
    ("On 3 March 2021, gunmen assassinated a commander of the Hamza Brigade near Tel Hawa.", "Armed clash"),
    ("On 3 March 2021, gunmen assassinated the mukhtar of Kafr Sabil in front of his house.", "Attack"),
    # "in the Eighth Brigade" says whom the victim served, "in the Military Prison" where he was
    ("On 3 May 2020, unknown gunmen assassinated a leader in the Eighth Brigade in Busra Tal.", "Armed clash"),
    ("On 3 May 2020, gunmen shot dead a prisoner's brother in the Military Hospital car park.", "Attack"),
    # the victim is the noun nearest before "killed by", not the force that found the body
    ("On 9 June 2022, police found the body of a farmer killed by unknown gunmen near Umm Tuwayna.", "Attack"),
    # a passive subject is the victim, whatever place noun stands nearer the verb
    ("On 7 June 2021, a soldier guarding the grain market was shot dead by gunmen in Tafas.", "Armed clash"),
    # guards firing on escaping inmates attack people in their custody
    ("On 2 May 2020, prison guards opened fire on inmates who tried to escape from the central jail.", "Attack"),
    # a former policeman is a civilian
    ("On 8 August 2022, a former police officer was shot dead outside his shop in Vila Nova.", "Attack"),
    # an air force as the agent of the strike
    ("In the Hamrin hills, the Iraqi air force bombed a militant hideout on 11 May 2020, killing two militants.",
     "Air/drone strike"),
    # fire told with its weapon is still opened fire; the arrest of the gunman afterwards is no event of its own
    ("On 10 March 2022, a man from a feuding clan opened small arms fire at his neighbours' farmhouse outside "
     "Kubaysa; nobody was hurt, and police later detained the gunman.", "Attack"),
    # a group leaving an alliance
    ("On 4 May 2020, the Liwa al-Fath group ended its affiliation with the Northern Front operations room.",
     "Change to group/activity"),
    # equipment destroyed in a clash is the clash's outcome
    ("Government troops clashed with rebel fighters near Tel Kurdi, where the rebels destroyed an army tank.",
     "Armed clash"),
])
def test_who_was_hit_and_what_was_done(text: str, expected: str) -> None:
    assert sub(text) == expected


@pytest.mark.parametrize("text, expected", [
    # several kinds of light-weapons fire, or fire along a front, is an exchange between sides
    ("Ceasefire monitors recorded projectiles and explosions, shots and bursts of fire from small arms near "
     "Petrivka overnight on 5 May 2020.", "Armed clash"),
    ("Monitors counted 40 mortar rounds and shots fired in both directions across the line of contact near "
     "Petrivka on 5 May 2020.", "Armed clash"),
    # explosions alone, or one heavy weapon aimed at a town, stay shelling
    ("On 5 May 2020, monitors recorded 4 explosions involving artillery near Petrivka.",
     "Shelling/artillery/missile attack"),
    ("On 14 January 2022, border troops shelled the hamlet of Qara Tepe with heavy machine guns.",
     "Shelling/artillery/missile attack"),
])
def test_fire_exchanged_is_a_clash_and_explosions_are_shelling(text: str, expected: str) -> None:
    assert sub(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a road blocked by marchers is a peaceful protest (codebook: violent with barricades or burning tyres)
    ("On 2 May 2020, protesters angry at fuel prices blocked the coastal highway near Amrit for two hours.",
     "Peaceful protest"),
    ("On 2 May 2020, protesters angry at fuel prices blocked the coastal highway with burning tyres and "
     "rubbish bins.", "Violent demonstration"),
    ("On 2 May 2020, protesters blocked the main road in the port district with waste containers.",
     "Violent demonstration"),
    # roads and railways shut across a region, traffic disrupted: a disruptive blockade
    ("Striking farmers blocked highways and rail lines across Vardan province on Monday in protest at new "
     "grain tariffs.", "Violent demonstration"),
    # a fist fight between individuals is Mob violence, not a battle
    ("Residents queuing for cooking gas in Tal Ahmar clashed with one another in a fist fight on 23 June 2022, "
     "and several were hurt.", "Mob violence"),
])
def test_road_blocks_and_fist_fights(text: str, expected: str) -> None:
    assert sub(text) == expected


def test_fire_on_a_commanders_car_is_fire_on_the_commander() -> None:
    text = ("On 28 January 2022, two masked men on a motorbike opened fire on the car of a Hamza Division field "
            "commander outside Kafr Naya; he escaped unhurt.")
    assert main_sub(text) == "Armed clash"
    text = text.replace("the car of a Hamza Division field commander", "the car of a schoolteacher")
    assert main_sub(text) == "Attack"


@pytest.mark.parametrize("text, expected", [
    # the town taken, told in the sentence after the fighting, codes the incident
    ("Clashes took place between army units and rebel factions near Tell Zahab. Rebel fighters made gains, "
     "taking control of two hills overlooking the road.", "Non-state actor overtakes territory"),
    # a relative clause names its own capturer, not the first force of the sentence
    ("Rebel factions and army units fought for hours in Tell Zahab, where the army finally managed to "
     "establish control of the hilltop.", "Government regains territory"),
    ("After heavy fighting with jihadist fighters, as a result the army controlled Kafr Tin and the nearby farms.",
     "Government regains territory"),
])
def test_a_fight_that_took_ground_is_a_territory_change(text: str, expected: str) -> None:
    assert main_sub(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an appositive between the subject and the verb does not name the capturer
    ("The rebels, who had fought army units for days, captured the village of Kafr Tin.",
     "Non-state actor overtakes territory"),
    ("SDF fighters, backed by US troops, captured the village of Kafr Tin.", "Non-state actor overtakes territory"),
    ("Rebel fighters, after heavy clashes with regime forces, captured the village of Kafr Tin.",
     "Non-state actor overtakes territory"),
])
def test_the_subject_before_an_appositive_took_the_place(text: str, expected: str) -> None:
    assert main_sub(text) == expected


@pytest.mark.parametrize("text, expected", [
    # forces seizing members of an armed group fought that group; their weapons were part of the capture
    ("On 5 February 2022, SDF forces detained three IS militants and seized their rifles in Abu Hamam.",
     "Armed clash"),
    ("Soldiers detained twelve IS members during a sweep near Tal Baydar on 26 January 2023 and seized the "
     "group's rifles and ammunition.", "Armed clash"),
    # members of a group named as such are that group; their relatives are not
    ("On 22 December 2021, the SDF detained several members of the Raqqa Military Council in Tabqa.", "Armed clash"),
    ("On 5 February 2022, SDF forces detained the wives of IS militants at a checkpoint in Hasakah.",
     "Abduction/forced disappearance"),
    # suspects may be anyone: an arrest stays an arrest
    ("On 5 February 2022, police arrested four suspected militants at a checkpoint in Kuna.", "Arrests"),
    ("On 5 February 2022, police arrested two journalists covering the strike in Kuna.", "Arrests"),
])
def test_detained_fighters_are_a_clash(text: str, expected: str) -> None:
    assert main_sub(text) == expected


def test_a_crowds_violence_told_in_the_next_sentence_makes_the_demonstration_violent() -> None:
    text = ("On 10 April 2022, around 300 people demonstrated in Port Elise against the election results. "
            "They broke windows of a bank and set bins on fire.")
    assert main_sub(text) == "Violent demonstration"
    calm = ("On 10 April 2022, around 300 people demonstrated in Port Elise against the election results. "
            "They carried banners and sang songs.")
    assert main_sub(calm) == "Peaceful protest"


@pytest.mark.parametrize("text, expected", [
    # agents who "abduct" someone make them disappear; police who detain someone arrest them
    ("On 3 May 2021, members of the military intelligence abducted two farmers on the road to Tafas.",
     "Abduction/forced disappearance"),
    ("On 3 May 2021, a teacher was abducted by plainclothes intelligence officers outside her school in Van.",
     "Abduction/forced disappearance"),
    ("On 3 May 2021, police detained two activists outside the court in Van.", "Arrests"),
    ("Security forces illegally abducted a lawyer from his office in Port Elise, his family said.",
     "Abduction/forced disappearance"),
])
def test_who_detained_tells_an_abduction_from_an_arrest(text: str, expected: str) -> None:
    assert main_sub(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the speaker who says "it" took the place is the one who took it
    ("The army said it had regained control of Kafr Tin after two days of fighting.", "Government regains territory"),
    ("The rebels said they had captured Kafr Tin after two days of fighting.", "Non-state actor overtakes territory"),
    # party supporters fighting with no weapon named are a mob, not armed groups
    ("Clashes between supporters of two rival parties left five people injured in Port Elise.", "Mob violence"),
])
def test_speakers_and_supporters(text: str, expected: str) -> None:
    assert sub(text) == expected


@pytest.mark.parametrize("text, expected", [
    # party supporters who beat people are rioters; with guns they are an armed attack
    ("On 3 May 2020, supporters of the ruling party assaulted two opposition candidates in Kenema.", "Mob violence"),
    ("On 3 May 2020, NDP activists attacked a rival councillor with sticks in Feni.", "Mob violence"),
    ("On 3 May 2020, NDP activists shot and injured two rival party supporters in Feni.", "Attack"),
])
def test_party_supporters_who_attack_unarmed_are_a_mob(text: str, expected: str) -> None:
    assert sub(text) == expected


@pytest.mark.parametrize("text, expected", [
    # torture or death in custody makes a detention an Attack (codebook); a charge of torture does not
    ("On 3 May 2020, soldiers arrested a young man at a checkpoint in Tell Shihab and tortured him to death.",
     "Attack"),
    ("On 3 May 2020, militants abducted a teacher in Wadi Rima and tortured him.", "Attack"),
    ("On 3 May 2020, police arrested two men accused of torturing a child in Kanoa.", "Arrests"),
])
def test_harm_in_custody_is_an_attack(text: str, expected: str) -> None:
    assert main_sub(text) == expected
