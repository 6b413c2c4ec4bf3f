"""Sub-event typing on a self-written generalisation set (tests/fixtures/classify_generalisation.jsonl).

The set covers all 25 ACLED sub-event types and non-events, in analyst-note and news-wire
style; scripts/eval_classify_generalisation.py prints its confusions. The floors sit a
little under the measured scores so a change that loses ground fails here.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from sitroom.evaluate.common import event_type_of, main_event
from sitroom.evaluate.shared import article_from_text
from sitroom.extract.classify import classify
from sitroom.extract.pipeline import extract_events
from sitroom.records import event_taxonomy

FIXTURE = Path(__file__).parent / "fixtures" / "classify_generalisation.jsonl"
NONE = "none"
# Measured 2026-11-23 (round 2) on 615 sentences: sub-event 0.974, event type (events) 0.978, silent 0.969.
SUB_EVENT_FLOOR = 0.94
EVENT_TYPE_FLOOR = 0.95
SILENT_FLOOR = 0.92
# src/sitroom/data/subevent_examples.jsonl, written by someone who did not tune the rules.
# Measured 2026-11-23 on all 1,108 sentences: sub-event 0.937, event type 0.949. Only the
# aggregate is asserted: the rules are tuned on its DEV half alone (scripts/eval_classify_generalisation.py).
EXAMPLES = Path(__file__).parents[1] / "src" / "sitroom" / "data" / "subevent_examples.jsonl"
EXAMPLES_SUB_EVENT_FLOOR = 0.91
EXAMPLES_EVENT_TYPE_FLOOR = 0.93


def _rows() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _predict(text: str, key: str) -> str:
    ev = main_event(extract_events(article_from_text(text, key)))
    return ev.sub_event_type if ev else NONE


@pytest.fixture(scope="module")
def predictions() -> list[tuple[str, str]]:
    return [(r["sub_event_type"], _predict(r["text"], f"gen-{i}")) for i, r in enumerate(_rows())]


def test_fixture_covers_every_sub_event_type() -> None:
    counts = Counter(r["sub_event_type"] for r in _rows())
    subs = {s for subs in event_taxonomy().values() for s in subs}
    assert len(_rows()) >= 250
    assert subs <= set(counts), subs - set(counts)
    assert set(counts) <= subs | {NONE}
    assert counts[NONE] >= 20 and min(counts[s] for s in subs) >= 8


def test_sub_event_accuracy_floor(predictions) -> None:
    acc = sum(g == p for g, p in predictions) / len(predictions)
    assert acc >= SUB_EVENT_FLOOR, acc


def test_event_type_accuracy_floor(predictions) -> None:
    events = [(g, p) for g, p in predictions if g != NONE]
    etype = lambda s: NONE if s == NONE else event_type_of(s)  # noqa: E731
    acc = sum(etype(g) == etype(p) for g, p in events) / len(events)
    assert acc >= EVENT_TYPE_FLOOR, acc


def test_silent_on_non_events_floor(predictions) -> None:
    nones = [p for g, p in predictions if g == NONE]
    assert sum(p == NONE for p in nones) / len(nones) >= SILENT_FLOOR


def test_independent_examples_floor() -> None:
    rows = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [(r["sub_event_type"], _predict(r["text"], f"ex-{i}")) for i, r in enumerate(rows)]
    sub_acc = sum(g == p for g, p in pairs) / len(pairs)
    type_acc = sum(event_type_of(g) == (event_type_of(p) if p != NONE else NONE) for g, p in pairs) / len(pairs)
    assert sub_acc >= EXAMPLES_SUB_EVENT_FLOOR and type_acc >= EXAMPLES_EVENT_TYPE_FLOOR, (sub_acc, type_acc)


def sub(text: str) -> str | None:
    cls = classify(text)
    return cls.sub_event_type if cls else None


@pytest.mark.parametrize("text, expected", [
    # who was hit decides Battles vs Violence against civilians
    ("Militants killed seven shepherds grazing their flock near the border.", "Attack"),  # object named, not armed
    ("Two gendarmes were shot dead by gunmen at the market.", "Armed clash"),  # passive: the subject is the victim
    ("Gunmen shot dead a trader near the army barracks.", "Attack"),  # "near the barracks" says where, not whom
    ("An off-duty soldier was stabbed to death outside his home.", "Attack"),
    ("Insurgents ambushed a column of paramilitary troops on the highway.", "Armed clash"),
    # a non-state group seizing enemy fighters is a battle, seizing civilians an abduction
    ("The rebels captured and detained four soldiers at their checkpoint.", "Armed clash"),
    ("The rebels detained four bus drivers at their checkpoint.", "Abduction/forced disappearance"),
    # crude weapons outside a demonstration: mob violence, not an armed clash
    ("Youths from two neighbouring villages fought with sticks and machetes over a football match.", "Mob violence"),
    # lethal force at a protest
    ("Troops shot dead two men during a protest against the curfew.", "Excessive force against protesters"),
    # territory words
    ("Soldiers drove the jihadists out of the village after a day of heavy fighting.", "Government regains territory"),
    ("The militia handed control of the bridge to the police without a fight.", "Non-violent transfer of territory"),
    # a crowd destroying property riots; a drone's grenade is an air strike
    ("A mob set fire to the house of a councillor accused of corruption.", "Mob violence"),
    ("A quadcopter dropped a grenade on a police checkpoint, wounding an officer.", "Air/drone strike"),
    ("Police detained forty marchers at the entrance to the square.", "Protest with intervention"),
    # strategic developments told by their own words
    ("Guards fired warning shots in the air to keep the crowd back from the gate.", "Other"),
    ("Investigators found a mass grave holding the bodies of 30 people.", "Other"),
    ("The two clans signed a non-aggression pact.", "Agreement"),
])
def test_boundary_rules(text: str, expected: str) -> None:
    assert sub(text) == expected


@pytest.mark.parametrize("text", [
    "The rebels said they had not carried out any attack on the town.",
    "The army did not shell the village, a spokesman insisted.",
])
def test_negated_trigger_is_no_event(text: str) -> None:
    assert sub(text) is None


@pytest.mark.parametrize("text", [
    "A march against the fuel price rise is planned for next Friday in the capital.",
    "The number of people killed in the fighting this year has risen to 400, the monitor said.",
    "Security forces have detained hundreds of activists since the coup.",
])
def test_plans_and_totals_are_no_event(text: str) -> None:
    assert _predict(text, "plan") == NONE


# tests/fixtures/news_snippets.jsonl: 373 self-written news-wire snippets (headlines, datelines,
# South Asian, African and Latin American news English; "none" for disasters, diplomacy, crime,
# attribution, threats). Rules were tuned on its DEV half only (md5 even); see
# scripts/eval_classify_generalisation.py --snippets. Measured 2026-11-23 (round 3) on DEV+CHECK:
# sub-event 0.914, event type (events) 0.944, silent on non-events 0.886.
SNIPPETS = Path(__file__).parent / "fixtures" / "news_snippets.jsonl"
SNIPPETS_SUB_EVENT_FLOOR = 0.88
SNIPPETS_EVENT_TYPE_FLOOR = 0.91
SNIPPETS_SILENT_FLOOR = 0.85


def test_news_snippets_floor() -> None:
    rows = [json.loads(line) for line in SNIPPETS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 350
    pairs = [(r["sub_event_type"], _predict(r["text"], f"sn-{i}")) for i, r in enumerate(rows)]
    sub_acc = sum(g == p for g, p in pairs) / len(pairs)
    events = [(g, p) for g, p in pairs if g != NONE]
    type_acc = sum(event_type_of(g) == (event_type_of(p) if p != NONE else NONE) for g, p in events) / len(events)
    nones = [p for g, p in pairs if g == NONE]
    silent = sum(p == NONE for p in nones) / len(nones)
    assert sub_acc >= SNIPPETS_SUB_EVENT_FLOOR, sub_acc
    assert type_acc >= SNIPPETS_EVENT_TYPE_FLOOR, type_acc
    assert silent >= SNIPPETS_SILENT_FLOOR, silent
