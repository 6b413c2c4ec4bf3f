"""News-style phrasing of events (headlines, captions, passive voice, several sentences),
on our own invented snippets: the main event's ACLED sub-event type."""
from __future__ import annotations

import pytest
from test_extract_classify import assert_stems_gate

from sitroom.evaluate.common import main_event
from sitroom.evaluate.shared import article_from_text
from sitroom.extract.pipeline import extract_events


def main_sub(text: str) -> str | None:
    ev = main_event(extract_events(article_from_text(text, "news-style")))
    return ev.sub_event_type if ev else None


VIOLENT_DEMONSTRATIONS = [
    # the rally in one sentence, the violence in the next (or the reverse): one demonstration
    "Thousands of students rallied in the centre of Varnok on Friday against tuition fees. "
    "Clashes erupted between riot police and protesters near the education ministry.",
    "Protesters hurled rocks at police lines in Ostrel overnight, officials said. "
    "Demonstrators gathered again on Tuesday to denounce the new pension law.",
    # photo captions in the present tense
    "A protester throws a traffic cone at a burning barricade during a march against the mayor in Dellin, May 3, 2021.",
    # news words for a demonstration gone violent
    "Nationalist and leftist crowds staged aggressive demonstrations against one another in three provincial towns.",
    "Pensioners have rallied in the capital after three nights of street violence over cuts to benefits.",
    "Farmers tore down the metal barriers in front of the assembly during a protest over grain prices.",
]


@pytest.mark.parametrize("text", VIOLENT_DEMONSTRATIONS)
def test_violent_demonstration_told_in_news_style(text):
    assert main_sub(text) == "Violent demonstration"


def test_a_peaceful_rally_stays_peaceful_beside_an_old_toll():
    # mourning demonstrators killed weeks ago: the rally itself was peaceful
    text = ("Thousands of nurses marched through Kelvar on Sunday to mourn colleagues killed last month "
            "when the old clinic was raided.")
    assert main_sub(text) == "Peaceful protest"


@pytest.mark.parametrize("text, expected", [
    ("Riot police beat a student protester during a demonstration outside the Ostrel courthouse on Monday.",
     "Excessive force against protesters"),
    # a rights group's report of a specific incident is still the incident
    ("Police in Lanmoor fired live bullets to disperse a peaceful march, killing one protester on 4 June, "
     "Human Rights Watch said today.", "Excessive force against protesters"),
    # tear gas "deployed" is the police response to a crowd, not a troop deployment
    ("Police on Saturday deployed tear gas to disperse activists who had occupied the square in front of the town hall.",
     "Protest with intervention"),
])
def test_force_against_demonstrators(text, expected):
    assert main_sub(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "captured on Thursday a ...": the day between the verb and the place
    ("Army units captured on Thursday a strategic hilltop in the south of Harlow province, the defence ministry said.",
     "Government regains territory"),
    ("Government troops on Monday freed four villages from the insurgents in the east of the country.",
     "Government regains territory"),
    # a place held only briefly: the fight, not a change of control
    ("Insurgents attacked an army outpost near Tessik on Friday, killing three soldiers, and briefly seized control "
     "of the nearby market town.", "Armed clash"),
])
def test_territory_in_news_phrasing(text, expected):
    assert main_sub(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a bare passive detention, no captor named: the authorities' arrest
    ("A prominent opposition blogger has been detained in the north of the country ahead of the elections.", "Arrests"),
    ("Three union leaders were detained on Tuesday, their lawyer said.", "Arrests"),
    # a named armed group as the captor stays an abduction
    ("Two engineers were detained by militants at a roadblock near the dam.", "Abduction/forced disappearance"),
])
def test_detentions(text, expected):
    assert main_sub(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Gun attacks on two villages near Morrow have left nine people dead, local officials said.", "Attack"),
    # a rape told with the beatings that went with it
    ("Soldiers raped, beat and robbed women in three villages during the operation, a rights group said in a report.",
     "Sexual violence"),
    ("Sexual violence against displaced women by militia members has left many of them badly injured, "
     "according to a report published on Monday.", "Sexual violence"),
    # missiles fired by jets are an air strike
    ("Two missiles were fired in a night attack by foreign jets on a depot near the airport, local media said.",
     "Air/drone strike"),
])
def test_violence_in_news_phrasing(text, expected):
    assert main_sub(text) == expected


@pytest.mark.parametrize("text", [
    # aircraft named with nothing done by them: movements and build-ups, not strikes
    "Six foreign military planes entered the country's air defence identification zone on Tuesday, prompting "
    "fighter jets to scramble on an emergency sortie.",
    "The navy has formed a new drone command that will have bases along the coast, the commander said.",
    "Units of troops were formed in three border districts of the Western Region.",
])
def test_aircraft_and_new_units_are_changes_not_strikes(text):
    assert main_sub(text) == "Change to group/activity"


def test_stems_gate_the_new_patterns():
    """The Aho-Corasick pre-filter must not hide any of the patterns these sentences match."""
    assert_stems_gate([
        "Government troops on Monday freed four villages from the insurgents.",
        "Two missiles were fired in a night attack by foreign jets on a depot.",
        "Gun attacks on two villages have left nine people dead.",
        "Police deployed tear gas to disperse activists.",
        "Units of troops were formed in three border districts.",
        "Troops found an underground depot containing rifles.",
        "Fighters left the town under a deal, handing it over to the army.",
        "The two militias agreed on Friday to a 48-hour truce.",
        "Nurses on strike gathered outside the ministry.",
    ])


@pytest.mark.parametrize("text, expected", [
    # a day between the verb and its object
    ("The two militias agreed on Friday to a 48-hour truce brokered by tribal elders, officials said.", "Agreement"),
    # a depot "containing" the weapons: the find is told by the container
    ("Troops sweeping the hills found an underground depot containing large amounts of rifles and ammunition.",
     "Disrupted weapons use"),
    # headlines and strikers
    ("Thousands march against graft in Ostrel", "Peaceful protest"),
    ("Nurses on strike gathered outside the health ministry on Wednesday.", "Peaceful protest"),
    ("Rebel fighters left the town under a deal with the government, handing it over to the army.",
     "Non-violent transfer of territory"),
])
def test_more_news_phrasing(text, expected):
    assert main_sub(text) == expected


@pytest.mark.parametrize("text", [
    # a missile test condemned in a council: diplomacy, not an attack
    "The council condemned the country's latest ballistic missile test and vowed to tighten sanctions.",
    # firefighters are no firefight
    "A team of firefighters searched the rubble of the hotel for survivors of the earthquake on Saturday.",
    # blasts told before the sentence naming the chemical warehouse they came from
    "Fresh explosions were heard near the blast site on Monday, sending smoke over the port. "
    "Officials evacuated residents within two kilometres. "
    "The blasts came from a warehouse storing hazardous chemicals.",
])
def test_not_events(text):
    assert main_sub(text) is None


@pytest.mark.parametrize("text, expected", [
    # one protester or demonstrator is still a demonstration
    ("A protester died after being struck by a tear gas canister fired by riot police in Kelvar.",
     "Excessive force against protesters"),
    ("A lone demonstrator stood outside the embassy in Dellin holding a placard.", "Peaceful protest"),
    # what police attempted did not happen, but the marchers it was attempted on were there
    ("Soldiers tried to stop the marchers at the bridge in Ostrel, firing tear gas.", "Protest with intervention"),
    ("Clashes erupted as police tried to clear the protest camp, with demonstrators throwing rocks.",
     "Violent demonstration"),
])
def test_demonstrators_in_news_phrasing(text, expected):
    assert main_sub(text) == expected


@pytest.mark.parametrize("text", [
    "The government plans to ban protests in the capital next week.",
    "Police will disperse any protesters who gather in the square on Friday, the governor warned.",
])
def test_planned_measures_against_protests_are_no_event(text):
    assert main_sub(text) is None


@pytest.mark.parametrize("text", [
    "The country test-fired a new ballistic missile over the sea on Wednesday, the defence ministry said.",
    # who is suspected to be behind a bombing told elsewhere: an attribution, not the bombing
    "The interior minister said on Friday that two foreign nationals are suspected to be behind last month's "
    "double bombing of a chapel in Marlo.",
    "Officials said the gang is suspected of being behind a string of kidnappings on the coastal road.",
])
def test_tests_and_attributions_are_no_event(text):
    assert main_sub(text) is None


def test_a_rally_for_the_release_of_detained_demonstrators_is_peaceful():
    # the detentions are the rally's cause, told from an earlier day
    text = ("Hundreds of students rallied in Varnok on Friday, demanding the release of demonstrators "
            "detained at last week's march.")
    assert main_sub(text) == "Peaceful protest"


@pytest.mark.parametrize("text, expected", [
    # the clash with police told right after the march is the marchers'
    ("Hundreds of miners marched to the governor's office in Tarso on Monday. "
     "Some of them later smashed shop windows and clashed with riot police.", "Violent demonstration"),
    ("Police beat and detained several protesters at a sit-in outside the electoral commission.",
     "Excessive force against protesters"),
    # a town held only for hours: a battle, not a change of control
    ("Insurgents briefly took over the district centre before being pushed back by the army.", "Armed clash"),
])
def test_crowds_and_brief_takeovers(text, expected):
    assert main_sub(text) == expected
