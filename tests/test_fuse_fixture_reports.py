"""Fusion on self-written multi-outlet reports (tests/fixtures/fusion_reports.jsonl), through the
real clean + extract: reports of one incident told by outlets of opposite slant (different
wording, place granularity, tolls, actors and sub-event words) should fuse; different incidents in
one governorate on the same or adjacent day should not. Scored as FA-KES is: two reports are one
incident when they share an event of the mentions their leads tell (`incident_mentions`)."""
from __future__ import annotations

import functools
import json
from itertools import combinations
from pathlib import Path

from sitroom.fuse.evaluation import incident_mentions
from sitroom.fuse.fusion import fuse_mentions
from sitroom.records import Event, RawDocument

FIXTURE = Path(__file__).parent / "fixtures" / "fusion_reports.jsonl"


def read_reports() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


@functools.lru_cache(maxsize=1)
def extracted_reports() -> dict[str, list[Event]]:
    """report id -> its mentions (clean + extract, as `extract_fakes` runs them)."""
    from sitroom import api

    out = {}
    for rep in read_reports():
        raw = RawDocument(origin=f"fixture:{rep['id']}", ext_id=rep["id"], text=f"{rep['title']}\n\n{rep['text']}",
                          title=rep["title"], outlet=rep["outlet"], published=rep["published"])
        mentions = api.extract_article(api.clean(raw))
        for m in mentions:
            m.outlet = m.outlet or rep["outlet"]
            m.article_id = rep["id"]
            m.mention_id = f"{rep['id']}:{m.mention_id}"
        out[rep["id"]] = mentions
    return out


def fixture_scores(fuse=fuse_mentions) -> dict:
    """Pairwise precision/recall of fused incidents against the fixture's incident labels, and
    the wrongly merged and wrongly split report pairs."""
    reports = read_reports()
    mentions = extracted_reports()
    index = fuse([m for ms in mentions.values() for m in ms])
    event_of = {m.mention_id: g.id for g in index.groups.values() for m in g.mentions}
    incident = {k: {event_of[m.mention_id] for m in incident_mentions(ms)} for k, ms in mentions.items()}
    label = {rep["id"]: rep["incident"] for rep in reports}
    tp = fp = fn = 0
    merged, split = [], []
    for a, b in combinations(sorted(label), 2):
        same, linked = label[a] == label[b], bool(incident[a] & incident[b])
        tp += same and linked
        if linked and not same:
            fp += 1
            merged.append((a, b))
        if same and not linked:
            fn += 1
            split.append((a, b))
    return {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "true_pairs": tp, "false_merges": merged, "false_splits": split}


def test_fixture_labels_are_well_formed():
    reports = read_reports()
    assert len({r["incident"] for r in reports}) >= 25
    assert len({r["id"] for r in reports}) == len(reports)


def test_reports_of_one_incident_fuse_and_neighbours_stay_apart():
    s = fixture_scores()
    # Measured 1.0 / 0.77 (0.93 / 0.58 before the anchored cross-type rule; docs/fusion.md);
    # the floors leave room for extraction to shift a little.
    assert s["precision"] >= 0.9, s["false_merges"]
    assert s["recall"] >= 0.7, s["false_splits"]
