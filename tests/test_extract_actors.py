"""Actors: mentions, ACLED names, roles, inter codes, interaction, civilian targeting.
Sentences are our own writing."""
from __future__ import annotations

import pytest

from sitroom.extract.actors import (
    assign_actors,
    evaluate_on_acled,
    find_actor_mentions,
    inter_code,
    interaction_code,
    strip_era,
)


def _assign(text: str, event_type: str, sub: str, country: str):
    return assign_actors(text, 0, len(text), event_type, sub, country)


def _actors(text: str, country: str) -> list[str]:
    return [strip_era(m[3]) for m in find_actor_mentions(text, 0, len(text), country)]


@pytest.mark.parametrize("text,country,expected", [
    ("Russian jets pounded the outskirts of the town in 2020.", "Syria", "Military Forces of Russia"),
    ("Regime troops advanced on the village.", "Syria", "Military Forces of Syria"),
    ("Israeli warplanes hit a depot near the airport.", "Syria", "Military Forces of Israel"),
    ("Turkish-backed militants stormed the farm.", "Syria", "Opposition Rebels (Syria)"),
    ("Daesh cells attacked a checkpoint.", "Syria", "Islamic State (Syria)"),
    ("ISIS fighters ambushed a patrol.", "Iraq", "Islamic State (Iraq)"),
    ("The SDF said it repelled the assault.", "Syria", "QSD: Syrian Democratic Forces"),
    ("QSD units moved into the town.", "Syria", "QSD: Syrian Democratic Forces"),
    ("YPG fighters withdrew from the hill.", "Syria", "YPG: Peoples Protection Units"),
    ("HTS gunmen set up a checkpoint.", "Syria", "HTS: Hayat Tahrir al Sham"),
    ("Nusra took the hilltop.", "Syria", "HTS: Hayat Tahrir al Sham"),
    ("Taliban fighters overran the district centre in 2019.", "Afghanistan", "Taliban"),
    ("Al-Shabaab militants fired mortars at the base.", "Somalia", "Al Shabaab"),
    ("Boko Haram raided the village.", "Nigeria", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("Fulani militia attacked farmers.", "Nigeria", "Fulani Ethnic Militia (Nigeria)"),
    ("Houthi forces fired a drone at the port.", "Yemen", "Military Forces of Yemen Supreme Political Council"),
    ("Unknown assailants threw a bomb.", "Mali", "Unidentified Armed Group (Mali)"),
    ("Gunmen opened fire on the bus.", "Haiti", "Unidentified Armed Group (Haiti)"),
    ("Protesters gathered in the square.", "France", "Protesters (France)"),
    ("Demonstrators marched to parliament.", "Chile", "Protesters (Chile)"),
    ("A mob burned the shop.", "India", "Rioters (India)"),
    ("Residents fled the shelling.", "Syria", "Civilians (Syria)"),
    ("Police arrested the organisers.", "Kenya", "Police Forces of Kenya"),
    ("Security forces cordoned off the area.", "Iraq", "Military Forces of Iraq"),
])
def test_mention_resolves_to_acled_name(text, country, expected):
    assert expected in _actors(text, country)


def test_backed_demonym_is_not_the_state():
    names = _actors("Iran-backed militias shelled the base.", "Syria")
    assert "Militia (Pro-Iran)" in names
    assert not any(n.startswith("Military Forces of Iran") for n in names)


def test_named_actor_absorbs_head_noun():
    mentions = find_actor_mentions("IS militants attacked the post.", 0, 31, "Iraq")
    assert len(mentions) == 1 and mentions[0][0] == "IS militants"


def test_state_forces_abroad_are_external():
    text = "Turkish drones struck a car near the border in 2021."
    got = find_actor_mentions(text, 0, len(text), "Syria")
    assert got[0][4] == 8
    got = find_actor_mentions(text, 0, len(text), "Turkey")
    assert got[0][4] == 1


def test_era_suffix_follows_the_year():
    text = "On 3 May 2020, Russian jets bombed the village."
    r = _assign(text, "Explosions/Remote violence", "Air/drone strike", "Syria")
    assert r.actor1 == "Military Forces of Russia (2000-)"


def test_air_strike_on_civilians():
    text = "On 4 March 2020, a Russian air strike killed six civilians in the town."
    r = _assign(text, "Explosions/Remote violence", "Air/drone strike", "Syria")
    assert strip_era(r.actor1) == "Military Forces of Russia"
    assert r.actor2 == "Civilians (Syria)"
    assert (r.inter1, r.inter2, r.interaction) == (8, 7, 78)
    assert r.civilian_targeting == "Civilian targeting"


def test_violence_against_civilians_defaults_to_unidentified_group():
    text = "A shepherd was found shot dead near the village."
    r = _assign(text, "Violence against civilians", "Attack", "Syria")
    assert r.actor1 == "Unidentified Armed Group (Syria)"
    assert r.actor2 == "Civilians (Syria)"
    assert r.interaction == 37
    assert r.civilian_targeting == "Civilian targeting"


def test_passive_victim_is_actor2():
    text = "Two soldiers were killed by Al-Shabaab militants in an ambush."
    r = _assign(text, "Battles", "Armed clash", "Somalia")
    assert r.actor1 == "Al Shabaab"
    assert strip_era(r.actor2) == "Military Forces of Somalia"
    assert r.interaction == 12


def test_attack_by_is_the_initiator():
    text = "The army repelled an attack by Boko Haram fighters on the garrison."
    r = _assign(text, "Battles", "Armed clash", "Nigeria")
    assert r.actor1.startswith("Boko Haram")
    assert strip_era(r.actor2) == "Military Forces of Nigeria"


def test_battle_with_one_named_side_gets_unidentified_opponent():
    text = "Regime forces clashed with gunmen near the dam."
    r = _assign(text, "Battles", "Armed clash", "Syria")
    assert strip_era(r.actor1) == "Military Forces of Syria"
    assert r.actor2 == "Unidentified Armed Group (Syria)"
    assert r.interaction == 13


def test_peaceful_protest_is_sole_actor_with_assoc():
    text = "Hundreds of teachers protested outside the ministry over unpaid wages."
    r = _assign(text, "Protests", "Peaceful protest", "Iraq")
    assert r.actor1 == "Protesters (Iraq)"
    assert (r.actor2, r.inter2, r.interaction) == ("", 0, 60)
    assert "Teachers (Iraq)" in r.assoc_actor_1
    assert r.civilian_targeting == ""


def test_protest_with_intervention_has_police_as_actor2():
    text = "Police fired tear gas to disperse women protesting against the price rises."
    r = _assign(text, "Protests", "Protest with intervention", "Kenya")
    assert r.actor1 == "Protesters (Kenya)"
    assert strip_era(r.actor2) == "Police Forces of Kenya"
    assert r.interaction == 16
    assert "Women (Kenya)" in r.assoc_actor_1


def test_riot_rioters_first_target_second():
    text = "Residents pelted Russian troops with stones as the convoy passed."
    r = _assign(text, "Riots", "Violent demonstration", "Syria")
    assert r.actor1 == "Rioters (Syria)"
    assert strip_era(r.actor2) == "Military Forces of Russia"
    assert r.interaction == 58


def test_arrest_arresting_force_first():
    text = "Police detained three journalists in the capital."
    r = _assign(text, "Strategic developments", "Arrests", "Turkey")
    assert strip_era(r.actor1) == "Police Forces of Turkey"
    assert r.actor2 == "Civilians (Turkey)"


def test_movement_of_forces_is_sole_actor():
    text = "Turkish forces sent a convoy of forty vehicles to their base."
    r = _assign(text, "Strategic developments", "Change to group/activity", "Syria")
    assert strip_era(r.actor1) == "Military Forces of Turkey"
    assert (r.actor2, r.inter2, r.interaction) == ("", 0, 80)


def test_attribution_replaces_unidentified():
    text = "Unknown gunmen believed to be IS attacked an SDF checkpoint."
    r = _assign(text, "Battles", "Armed clash", "Syria")
    assert r.actor1 == "Islamic State (Syria)"
    assert r.actor2 == "QSD: Syrian Democratic Forces"


def test_looks_outside_span_when_span_has_no_actor():
    text = "Israeli warplanes struck the area at dawn. The raid destroyed a depot."
    start = text.index("The raid")
    r = assign_actors(text, start, len(text), "Explosions/Remote violence", "Air/drone strike", "Syria")
    assert strip_era(r.actor1) == "Military Forces of Israel"


@pytest.mark.parametrize("name,country,code", [
    ("Protesters (Iraq)", "Iraq", 6), ("Rioters (Iraq)", "Iraq", 5), ("Civilians (Iraq)", "Iraq", 7),
    ("Unidentified Armed Group (Iraq)", "Iraq", 3), ("Military Forces of Iraq (2020-)", "Iraq", 1),
    ("Military Forces of Russia (2000-)", "Syria", 8), ("Al Shabaab", "Somalia", 2),
    ("Fulani Ethnic Militia (Nigeria)", "Nigeria", 4), ("", "", 0),
])
def test_inter_code(name, country, code):
    assert inter_code(name, country) == code


def test_interaction_code():
    assert interaction_code(2, 1) == 12
    assert interaction_code(3, 7) == 37
    assert interaction_code(6, 0) == 60
    assert interaction_code(0, 0) == 0


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "a" * 5000, "((([[[", "Police"])
def test_never_raises_on_odd_text(text):
    r = assign_actors(text, 0, len(text), "Battles", "Armed clash", "Syria")
    assert isinstance(r.actor1, str)
    assert assign_actors(text, 50, 10, "", "", "").actor1 is not None
    assert isinstance(find_actor_mentions(text, -5, 10**6, ""), list)


def test_acled_dev_actor1_accuracy(shared):
    scores = evaluate_on_acled(str(shared("data", "acled_dev.csv")))
    assert scores["tuning"]["actor1_no_era"] >= 0.70
    assert "test" not in scores  # the test half is never scored here


def test_acronyms_match_only_in_their_own_case():
    assert "JaS: Levant Front" in _actors("JaS fighters shelled the checkpoint.", "Syria")
    assert _actors("JAS fighters raided the market.", "Nigeria")[0].startswith("Boko Haram")
    assert not any(n.startswith("Islamic State") for n in _actors("This is what it is.", "Syria"))


def test_state_forces_named_as_acled_does_in_that_war():
    text = "US forces raided a house near the oil field."
    assert _actors(text, "Syria")[0] == "Global Coalition Against Daesh"
    assert _actors(text, "Iraq")[0] == "Military Forces of the United States"
    assert _actors("Saudi jets bombed the road.", "Yemen")[0] == "Operation Restoring Hope"


def test_umbrella_operation_takes_its_members():
    text = "Turkish forces and SNA factions operating under Operation Peace Spring shelled the village."
    r = _assign(text, "Explosions/Remote violence", "Shelling/artillery/missile attack", "Syria")
    assert r.actor1 == "Operation Peace Spring"
    assert r.inter1 == 2


def test_taliban_after_takeover_are_the_state():
    before = "In May 2019 Taliban fighters attacked a police post."
    after = "In May 2022 Taliban fighters detained a former official."
    assert _assign(before, "Battles", "Armed clash", "Afghanistan").actor1 == "Taliban"
    r = _assign(after, "Strategic developments", "Arrests", "Afghanistan")
    assert strip_era(r.actor1) == "Military Forces of Afghanistan" and r.inter1 == 1


def test_named_tribal_militia_keeps_its_name():
    text = "The Shammar Tribal Militia clashed with police near the market."
    assert "Shammar Tribal Militia (Iraq)" in _actors(text, "Iraq")


def test_fighting_within_one_group_repeats_the_actor():
    text = "Members of a clan militia clashed with one another over land."
    r = _assign(text, "Battles", "Armed clash", "Lebanon")
    assert r.actor1 == r.actor2 == "Unidentified Tribal Militia (Lebanon)"
    assert r.interaction == 44


def test_migrants_are_international_civilians():
    text = "Coast guards detained forty migrants off the coast."
    r = _assign(text, "Strategic developments", "Arrests", "Turkey")
    assert r.actor2 == "Civilians (International)"


def test_reciprocal_fire_has_two_sides():
    text = "Regime forces and opposition rebels exchanged fire on the front line."
    r = _assign(text, "Battles", "Armed clash", "Syria")
    assert strip_era(r.actor1) == "Military Forces of Syria"
    assert r.actor2 == "Opposition Rebels (Syria)"


def test_date_phrase_is_not_a_target_cue():
    text = "On Monday Russian jets pounded a camp of Turkish-backed fighters, killing 20."
    r = _assign(text, "Explosions/Remote violence", "Air/drone strike", "Syria")
    assert strip_era(r.actor1) == "Military Forces of Russia"
    assert r.actor2 == "Opposition Rebels (Syria)"
    assert r.interaction == 28


def test_country_inferred_from_where_when_not_given():
    text = "Turkish-backed fighters attacked government troops in a village in northern Syria."
    r = _assign(text, "Battles", "Armed clash", "")
    assert r.actor1 == "Opposition Rebels (Syria)"
    assert strip_era(r.actor2) == "Military Forces of Syria"


def test_country_as_subject_is_its_military_but_not_as_place():
    assert strip_era(_actors("Turkey shelled the border village.", "Syria")[0]) == "Military Forces of Turkey"
    assert _actors("Fighters in Syria attacked by drones.", "Iraq")[:1] != ["Military Forces of Syria"]


def test_only_modifiers_between_demonym_and_force_noun():
    names = _actors("The Swiss embassy said its troops were safe.", "Mali")
    assert not any(n.startswith("Military Forces of Switzerland") for n in names)
    assert "Military Forces of Turkey" in _actors("Turkish and Russian forces patrolled the road.", "Syria")


def test_named_group_absorbs_following_generic_noun():
    got = find_actor_mentions("FARDC soldiers clashed with M23 rebels.", 0, 38, "Democratic Republic of Congo")
    assert [m[3] for m in got][-1] == "M23: March 23 Movement"
    assert got[-1][0] == "M23 rebels"


# ---- who did it and who was hit (sentences written for these tests) ----

@pytest.mark.parametrize("text,country,etype,sub,actor1,actor2", [
    # The side a bomb hits is actor2; the unnamed bomber is an unidentified armed group.
    ("A roadside bomb went off as an army truck drove past the village, killing three soldiers.",
     "Syria", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     "Unidentified Armed Group (Syria)", "Military Forces of Syria"),
    ("A landmine exploded when an SDF patrol drove over it near the town.",
     "Syria", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     "Unidentified Armed Group (Syria)", "QSD: Syrian Democratic Forces"),
    ("Islamic State militants planted a bomb that hit a police car on the highway.",
     "Iraq", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     "Islamic State (Iraq)", "Police Forces of Iraq"),
    # Everyone named was hit: the attacker is unnamed.
    ("Four soldiers were killed when their post came under fire overnight.",
     "Mali", "Battles", "Armed clash", "Unidentified Armed Group (Mali)", "Military Forces of Mali"),
    ("Three soldiers were killed and two wounded when gunmen opened fire on their convoy.",
     "Niger", "Battles", "Armed clash", "Unidentified Armed Group (Niger)", "Military Forces of Niger"),
    # "an attack by X", "an X assault": X attacked, whoever repelled it is actor2.
    ("Army units repelled an attack by Boko Haram fighters near the town.",
     "Nigeria", "Battles", "Armed clash",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Military Forces of Nigeria"),
    ("Troops repelled a Taliban assault on the district centre in 2019.",
     "Afghanistan", "Battles", "Armed clash", "Taliban", "Military Forces of Afghanistan"),
    # "took the hill from X": X lost it.
    ("HTS fighters seized the hill from regime forces after a night of fighting.",
     "Syria", "Battles", "Non-state actor overtakes territory",
     "HTS: Hayat Tahrir al Sham", "Military Forces of Syria"),
    # A non-state actor took a place and nobody else is named: it took it from the state.
    ("Rebel fighters took full control of the town on Sunday.",
     "Syria", "Battles", "Non-state actor overtakes territory",
     "Opposition Rebels (Syria)", "Military Forces of Syria"),
    ("Turkish and SNA forces shelled YPG positions near the dam.",
     "Syria", "Explosions/Remote violence", "Shelling/artillery/missile attack",
     "Military Forces of Turkey", "YPG: Peoples Protection Units"),
    ("Along the disputed frontier, the military forces of India and Pakistan traded fire overnight.",
     "India", "Battles", "Armed clash", "Military Forces of India", "Military Forces of Pakistan"),
    ("In the town square, gunmen killed an officer of the regime's Air Force Intelligence.",
     "Syria", "Battles", "Armed clash", "Unidentified Armed Group (Syria)",
     "Military Forces of Syria Air Force Intelligence Directorate"),
    ("Regime jets bombed the last rebel stronghold in the province.",
     "Syria", "Explosions/Remote violence", "Air/drone strike",
     "Military Forces of Syria", "Opposition Rebels (Syria)"),
    # Nobody named makes an arrest: the police did, and the arrested group is actor2.
    ("Two leaders of the gang were arrested in the capital on Friday.",
     "El Salvador", "Strategic developments", "Arrests",
     "Police Forces of El Salvador", "Unidentified Gang (El Salvador)"),
    # Movements of forces have no actor2.
    ("Turkish troops deployed to the border for an operation against the PKK.",
     "Turkey", "Strategic developments", "Change to group/activity", "Military Forces of Turkey", ""),
])
def test_roles_follow_who_acted_and_who_was_hit(text, country, etype, sub, actor1, actor2):
    r = _assign(text, etype, sub, country)
    assert (strip_era(r.actor1), strip_era(r.actor2)) == (actor1, actor2)


def test_anti_prefix_names_the_enemy_not_the_group():
    assert not any("Supreme Political Council" in n for n in _actors("Anti-Houthi fighters shelled a hill.", "Yemen"))


def test_coded_as_names_the_actor():
    text = "Anti-Houthi fighters (coded as Southern Resistance) shelled Houthi positions near the port."
    r = _assign(text, "Explosions/Remote violence", "Shelling/artillery/missile attack", "Yemen")
    assert r.actor1 == "Southern Resistance"
    assert strip_era(r.actor2) == "Military Forces of Yemen Supreme Political Council"


def test_ethnic_group_militia_is_named_after_the_group():
    assert "Hema Ethnic Militia (Democratic Republic of Congo)" in _actors(
        "Hema militiamen attacked a displacement camp.", "Democratic Republic of Congo")


def test_definite_generic_refers_back_to_the_named_group():
    text = "Al Shabaab fighters stormed the village at dawn. The militants burned houses and killed three villagers."
    start = text.index("The militants")
    r = assign_actors(text, start, len(text), "Violence against civilians", "Attack", "Somalia")
    assert (r.actor1, r.actor2) == ("Al Shabaab", "Civilians (Somalia)")


def test_unnamed_gunmen_stay_unnamed():
    text = "Unknown gunmen attacked an SDF patrol near the town. The gunmen fled after the attack."
    r = _assign(text, "Battles", "Armed clash", "Syria")
    assert r.actor1 == "Unidentified Armed Group (Syria)"


def test_pronoun_opening_takes_the_previous_subject():
    text = "Taliban fighters attacked a checkpoint in the district on Monday. They killed two soldiers."
    start = text.index("They")
    r = assign_actors(text, start, len(text), "Battles", "Armed clash", "Afghanistan")
    assert r.actor1 == "Taliban"


def test_country_from_names_used_only_in_one_country():
    r = _assign("QDW fighters clashed with IS cells in the desert.", "Battles", "Armed clash", "")
    assert r.actor1 == "QDW: National Defence Forces" and r.actor2 == "Islamic State (Syria)"


@pytest.mark.parametrize("text,country,expected", [
    ("On 2 March 2022, Malian troops raided the village.", "Mali", "Military Forces of Mali (2021-)"),
    ("On 2 March 2019, Malian troops raided the village.", "Mali", "Military Forces of Mali (2013-2020)"),
    ("On 2 March 2019, Kenyan police dispersed the crowd.", "Kenya", "Police Forces of Kenya (2013-2022)"),
    ("On 2 March 2019, Syrian troops shelled the village.", "Syria", "Military Forces of Syria (2000-)"),
])
def test_era_suffix_from_the_regime_period(text, country, expected):
    assert expected in [m[3] for m in find_actor_mentions(text, 0, len(text), country)]


def test_excessive_force_is_coded_from_the_side_that_used_it():
    text = "On 4 May 2021, soldiers opened fire on a peaceful march in the city, killing two demonstrators."
    r = _assign(text, "Protests", "Excessive force against protesters", "Myanmar")
    assert strip_era(r.actor1) == "Military Forces of Myanmar" and r.actor2 == "Protesters (Myanmar)"
    assert r.interaction == 16


def test_private_security_is_an_other_force():
    text = "Private security guards shot at villagers near the mine."
    r = _assign(text, "Violence against civilians", "Attack", "Peru")
    assert (r.actor1, r.inter1) == ("Private Security Forces (Peru)", 8)
    assert inter_code("Private Security Forces (Peru)") == 8
