"""What is not an ACLED event: scope rules on our own sentences."""
from __future__ import annotations

import pytest

from sitroom.extract.scope import comment_boundary, sentence_scope, trigger_is_irrealis


@pytest.mark.parametrize("text, reason", [
    ("More than 4,000 civilians have been killed in air strikes since 2015, the group said.", "aggregate"),
    ("Since the start of the war, shelling has killed thousands in the province.", "aggregate"),
    ("About 2,000 foreign troops are deployed in the country at three bases.", "standing deployment"),
    ("A strong earthquake killed 40 people in the mountain villages.", "natural disaster"),
    ("A boiler at a fertiliser plant exploded, killing two workers.", "accident or industrial disaster"),
])
def test_sentence_out_of_scope(text: str, reason: str) -> None:
    verdict = sentence_scope(text)
    assert verdict.factor == 0.0 and verdict.reason == reason


def test_diplomatic_sentence_is_damped() -> None:
    assert sentence_scope("The foreign ministers condemned the sanctions at the summit.").factor < 0.5


def test_real_event_in_scope() -> None:
    assert sentence_scope("On Monday, rebels shelled the town, killing three civilians.").factor == 1.0


@pytest.mark.parametrize("text, word, reason", [
    ("The group warned it would attack the bases.", "attack", "forecast"),
    ("The ministry denied that its jets bombed the hospital.", "bombed", "denial"),
    ("Officials fear militants could launch new attacks.", "attacks", "forecast"),
    ("Militants attacked the base on Monday.", "attacked", ""),
])
def test_trigger_irrealis(text: str, word: str, reason: str) -> None:
    assert trigger_is_irrealis(text, text.index(word)) == reason


def test_comment_boundary() -> None:
    text = "Rebels shelled the town.\n\nYou must be logged in to post a comment.\nreader: the army shelled it"
    assert text[:comment_boundary(text)].strip() == "Rebels shelled the town."
    assert comment_boundary("No comments here.") == len("No comments here.")


@pytest.mark.parametrize("text, word, reason", [
    ("The army swept the area and no clashes were reported.", "clashes", "denial"),
    ("Police arrested 20 opposition supporters ahead of the rally.", "rally", "forecast"),
    ("Ahead of the elections, police arrested 20 opposition supporters.", "arrested", ""),
])
def test_negation_and_ahead_of(text: str, word: str, reason: str) -> None:
    assert trigger_is_irrealis(text, text.index(word)) == reason


@pytest.mark.parametrize("text, reason", [
    ("The court sentenced two soldiers for the killing of a farmer.", "court case"),
    ("The group claimed responsibility for the attack in a statement.", "claim of responsibility"),
])
def test_court_cases_and_claims_are_damped(text: str, reason: str) -> None:
    verdict = sentence_scope(text)
    assert verdict.factor < 0.5 and verdict.reason == reason


@pytest.mark.parametrize("text", [
    "Attackers hacked a farmer to death with machetes, police said.",  # not a cyber attack
    "A crowd set upon a woman accused of witchcraft.",  # an accusation against the victim, not a statement
    "The warring parties signed a ceasefire agreement after talks at the summit.",  # an ACLED Agreement
    "Government forces reclaimed the oil field held by the militia since January.",  # who held it, no total
    "Troops seized the highway for the first time since 2012.",
    "Residents beat a suspected thief to death in the market.",  # mob justice is no ordinary crime
])
def test_round_two_scope_keeps_events(text: str) -> None:
    assert sentence_scope(text).factor == 1.0, sentence_scope(text)


def test_running_total_since_a_month_is_still_aggregate() -> None:
    assert sentence_scope("Since January, 200 people have been killed in the district.").reason == "aggregate"


def test_warning_shots_are_no_forecast() -> None:
    text = "Soldiers fired warning shots to disperse a protest outside the barracks."
    assert trigger_is_irrealis(text, text.index("protest")) == ""


def test_mine_clearance_is_no_industrial_accident() -> None:
    assert sentence_scope("Two deminers were killed when a mine exploded during clearance work.").factor > 0


# Round three: news-wire phrasings.
@pytest.mark.parametrize("text, word, reason", [
    ("Residents fear renewed clashes in the town.", "clashes", "forecast"),
    ("A would-be attacker blew himself up at the gate.", "blew", ""),  # "would-be" is no modal
    ("Villagers fled in fear as gunmen attacked the market.", "attacked", ""),
])
def test_round_three_irrealis(text: str, word: str, reason: str) -> None:
    assert trigger_is_irrealis(text, text.index(word)) == reason


@pytest.mark.parametrize("text, reason", [
    ("Swarms of locusts destroyed crops in three counties.", "natural disaster"),
    ("Officials blamed the rebels for the attack on the convoy.", "claim of responsibility"),
])
def test_round_three_out_of_scope(text: str, reason: str) -> None:
    assert sentence_scope(text).reason == reason


# What people fled or stayed home "for fear of" did not happen; the cue governs only the
# words right after it, not a later clause nor a killing told before it.
@pytest.mark.parametrize("text, word, reason", [
    ("Residents fled for fear of air strikes.", "air strikes", "forecast"),
    ("Hundreds of families left their homes for fear of renewed shelling.", "shelling", "forecast"),
    ("Shops stayed closed out of fear of attacks by the militia.", "attacks", "forecast"),
    ("Villagers hid in the hills in fear of reprisal raids.", "raids", "forecast"),
    ("Thousands fled for fear of reprisals after air strikes killed 12 people.", "air strikes", ""),
    ("Residents fled for fear after gunmen attacked the village.", "attacked", ""),
    ("Gunmen killed the chief for fear he would talk to the army.", "killed", ""),
])
def test_for_fear_of(text: str, word: str, reason: str) -> None:
    assert trigger_is_irrealis(text, text.index(word)) == reason


def test_flight_for_fear_is_no_event() -> None:
    from sitroom.extract.classify import classify

    assert classify("Residents fled for fear of air strikes.") is None
    assert classify("Families stayed home for fear of clashes in the old city.") is None
    cls = classify("Thousands fled for fear of reprisals after air strikes killed 12 people.")
    assert cls is not None and cls.sub_event_type == "Air/drone strike"
