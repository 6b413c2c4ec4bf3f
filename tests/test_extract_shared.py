"""Extraction against the labelled data in ../shared (skipped when absent).

Seeds: every required event found, few false events (GOLD_FORMAT.md's matching rule).
ACLED notes (tuning half only, slow): event typing stays well above the keyword baseline.
"""
from __future__ import annotations

import csv
import hashlib
import re

import pytest

from sitroom.extract import extract_events
from sitroom.records import Article
from conftest import shared_path


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.lower()))


def _as_list(x) -> list:
    return x if isinstance(x, list) else [x]


def _matches(event, gold: dict) -> bool:
    gold_words = _words(gold["evidence"])
    ev_words = set().union(*(_words(s.text) for s in event.evidence))
    if gold_words and len(gold_words & ev_words) >= len(gold_words) / 2:
        return True
    return event.sub_event_type in _as_list(gold["sub_event_type"]) and event.event_date in _as_list(gold["event_date"])


def test_seeds_recall_and_precision(gold_seeds, seeds_dir) -> None:
    required = found = true_pos = false_pos = 0
    for page in gold_seeds["articles"]:
        text = (seeds_dir / page["file"]).read_text(encoding="utf-8")
        events = extract_events(Article(id=page["file"], text=text, content_hash="h", raw_hash="r",
                                        published=page["published"], title=page["title"]))
        for gold in page["events"]:
            if gold["required"]:
                required += 1
                found += any(_matches(e, gold) for e in events)
        for e in events:
            matched = [g for g in page["events"] if _matches(e, g)]
            if any(g["required"] for g in matched):
                true_pos += 1
            elif not matched:
                false_pos += 1
        for span in (s for e in events for s in e.evidence):
            assert text[span.start:span.end] == span.text
    assert found / required >= 0.9
    assert true_pos / (true_pos + false_pos) >= 0.75


def _tuning(key: str) -> bool:
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % 2 == 0


@pytest.mark.slow
def test_acled_notes_tuning_half() -> None:
    path = shared_path("data", "acled_dev.csv")
    with open(path, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if _tuning(r["event_id_cnty"])]
    right = n_events = 0
    for r in rows:
        events = extract_events(Article(id=r["event_id_cnty"], text=r["notes"], content_hash="h", raw_hash="r"))
        n_events += len(events)
        main = max(events, key=lambda e: e.confidence) if events else None
        right += bool(main and main.event_type == r["event_type"])
    assert right / len(rows) >= 0.85
    assert n_events / len(rows) <= 1.5
