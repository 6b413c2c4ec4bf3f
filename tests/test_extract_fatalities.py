"""count_fatalities on our own sentences, by ACLED's rules, with known answers."""
from __future__ import annotations

import pytest

from sitroom.extract.fatalities import count_fatalities


def count(text: str):
    return count_fatalities(text, 0, len(text))


@pytest.mark.parametrize("text,best", [
    ("Six shepherds were killed by a landmine.", 6),
    ("Twenty-two people were killed in the raid.", 22),
    ("The blast killed 1,200 people.", 1200),
    ("At least 14 people died when the shell hit the bus.", 14),
    ("More than 30 fighters were killed.", 30),
    ("Up to 15 villagers lost their lives.", 15),
    ("The death toll rose to 27.", 27),
    ("Rescuers found the bodies of 9 men.", 9),
    ("The group executed 4 prisoners.", 4),
    ("Gunmen shot and killed a farmer near his home.", 1),
    ("A teacher was shot dead outside the school.", 1),
    ("The rocket landed on the house, resulting in his death.", 1),
    ("A roadside bomb hit the car, leaving the driver dead.", 1),
    ("Gunmen attacked the post and left 3 (including an officer) dead.", 3),
])
def test_figures(text, best):
    assert count(text).best == best


@pytest.mark.parametrize("text,best", [
    ("Dozens of people were killed in the market.", 12),
    ("Several civilians were killed.", 10),
    ("Many fighters were killed in the assault.", 10),
    ("Tens of soldiers were killed.", 10),
    ("Hundreds of people were killed in the offensive.", 100),
    ("A dozen recruits were killed.", 12),
    ("An unknown number of fighters were killed.", 10),
])
def test_vague_quantities(text, best):
    result = count(text)
    assert result.best == best
    assert result.vague


@pytest.mark.parametrize("text", [
    "Eight people were injured in the blast.",
    "Police wounded 5 protesters.",
    "Three people are missing after the flood of gunfire.",
    "Security forces arrested 40 people.",
    "The clashes displaced 2,000 families.",
    "No casualties were reported.",
    "The strike killed or injured 4 fighters.",
    "There were no fatalities.",
])
def test_not_deaths(text):
    assert count(text).best == 0


def test_killed_not_wounded():
    assert count("The attack killed 6 civilians and wounded 10 others.").best == 6
    assert count("One soldier was killed and one was wounded.").best == 1
    assert count("The blast left 2 soldiers dead and 7 others injured.").best == 2


def test_including_is_a_part_not_an_addition():
    assert count("The strike killed two people including a child.").best == 2
    assert count("The raid killed five farmers including a boy.").best == 5
    assert count("Four people died, among them two women.").best == 4


def test_several_victim_groups_add_up():
    assert count("The raid killed 3 soldiers and 2 civilians.").best == 5
    assert count("Three soldiers and two civilians were killed.").best == 5


def test_ranges():
    result = count("Between 10 and 15 fighters were killed.")
    assert (result.best, result.low, result.high) == (10, 10, 15)
    result = count("10-15 fighters were killed.")
    assert (result.best, result.low, result.high) == (10, 10, 15)


def test_conflicting_reports_take_the_lowest_credible_figure():
    result = count("At least 34 people were killed, and later the death toll rose to 60, then to over 70.")
    assert result.best == 34
    assert result.low == 34
    assert result.high == 70


def test_totals_over_time_are_aggregates_not_counts():
    result = count("Air strikes have killed more than 6,500 civilians since 2015.")
    assert result.aggregate
    assert result.best == 0
    result = count("The war has killed 230,000 people since it began.")
    assert result.aggregate and result.best == 0


def test_event_count_beside_an_aggregate():
    text = "A car bomb killed 8 people on Tuesday. The conflict has killed 300,000 people since 2011."
    assert count(text).best == 8


def test_analyst_statements_of_the_coded_figure():
    assert count("Clashes left an unknown number dead. Unknown fatalities coded as 10.").best == 10
    assert count("Fatalities coded as 0 (the group claimed 3).").best == 0
    assert count("Deaths unknown: 10 were coded and divided over 5 events, 2 coded to each.").best == 2
    assert count("Total fatalities of 30 are split, 10 each, between the three locations.").best == 10
    assert count("Deaths unclear, coded as 6 (half a dozen) and spread over three locations.").best == 2


def test_dates_and_other_numbers_are_not_victims():
    assert count("On 12 May 2021, 3 rockets hit the town 5 km away; no one was killed.").best == 0
    assert count("A 12-year-old boy was killed.").best == 1


def test_figures_carry_offsets_into_the_text():
    text = "Earlier news. The strike killed 7 people."
    start = text.index("The")
    result = count_fatalities(text, start, len(text))
    assert result.best == 7
    value, a, b = result.figures[0]
    assert value == 7 and text[a:b] == "7"


def test_odd_input_never_raises():
    assert count_fatalities("", 0, 0).best == 0
    assert count_fatalities("killed", 10, 2).best == 0
    assert count_fatalities("\x00 killed 9999999999999999999999 people", -1, 999).best >= 0


@pytest.mark.parametrize("text,best", [
    ("Three people, including two children, were killed.", 3),
    ("The attack left 12 dead and 30 wounded.", 12),
    ("Gunmen opened fire, killing at least seven.", 7),
    ("The strike killed seven people, among them three children.", 7),
    ("Eleven civilians, among them four children, died.", 11),
    ("The bombing killed a family of five.", 5),
    ("Seven members of one family were killed when a shell hit their home.", 7),
    ("The monitor put the death toll at 44.", 44),
    ("Militants killed one person and injured another.", 1),
    ("The raid killed a commander and two of his aides.", 3),
    ("Six people were killed, the ministry said. Medics said eight died.", 6),
    ("The shelling killed 4 people, 2 of them children.", 4),
    ("At least 3 protesters were shot dead by police.", 3),
    ("Police fired tear gas; several protesters were injured.", 0),
    ("Fighting since Monday has killed 40 people.", 0),
    ("Israeli strikes killed 6 fighters and a civilian.", 7),
    ("A car bomb exploded near a market, killing at least 8 people and wounding 25 others, a medic said.", 8),
])
def test_news_sentences(text, best):
    assert count(text).best == best


@pytest.mark.parametrize("text,best", [
    ("Rocket fire on the town killed 8 people and wounded 58 more", 8),
    ("4 Villagers Killed 27 Hurt in Mortar Fire", 4),
    ("Two gunmen killed 3 soldiers at the gate.", 3),
    ("2 gunmen killed a guard.", 1),
    ("A child and his mother were killed.", 2),
    ("A woman and a child were killed.", 2),
    ("The blast at the depot claimed the lives of 17 workers including 4 women.", 17),
])
def test_headlines_and_attackers(text, best):
    assert count(text).best == best


@pytest.mark.parametrize("text,best", [
    ("Two more soldiers died of their wounds on Tuesday, bringing the death toll to six.", 6),
    ("Three additional bodies were pulled from the rubble, raising the number of dead to 11.", 11),
    ("Two other fighters succumbed to their wounds overnight, and the death toll reached 9.", 9),
    ("Rescuers found four more bodies in the ruins; the toll rose to 15.", 15),
    ("Three more villagers died in hospital, taking the toll to at least 12.", 12),
    ("Two more civilians died on Friday and the death toll has risen to 8.", 8),
])
def test_increment_with_a_cumulative_toll_is_not_a_conflicting_report(text, best):
    result = count(text)
    assert (result.best, result.low, result.high) == (best, best, best)


@pytest.mark.parametrize("text,best", [
    ("Two more soldiers died of their wounds on Tuesday.", 2),
    ("Three additional bodies were found near the checkpoint.", 3),
    ("The strike killed three civilians and two more died later.", 5),
])
def test_increments_alone_are_kept(text, best):
    assert count(text).best == best


def test_increment_sample_article():
    from sitroom.data import data_path

    text = data_path("sample/horan-free-voice-daraa-ied-update.txt").read_text(encoding="utf-8")
    result = count(text)
    assert (result.best, result.low, result.high) == (6, 6, 6)


@pytest.mark.parametrize("text, best", [
    ("The death toll from Monday's shelling of the bus depot on the edge of town has risen to 11, doctors said.", 11),
    ("The death toll from the bombing of the bus station has now climbed to 23.", 23),
    ("The injury toll from the blast has risen to 30.", 0),
    ("Fuel prices in the city have risen to 14 pounds a litre.", 0),
])
def test_a_toll_governs_its_figure_across_a_long_subject(text, best):
    assert count(text).best == best


def test_fractions_of_a_million_are_read_whole():
    from sitroom.extract.fatalities import count_fatalities

    text = "Half a million people were killed, the group said."
    assert count_fatalities(text, 0, len(text)).best == 500000
    text = "The war has now cost a quarter of a million lives, the monitor estimates."
    assert count_fatalities(text, 0, len(text)).figures[0][0] == 250000
