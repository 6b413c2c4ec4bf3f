"""Fusion quality on FA-KES: does fusion merge articles about the same incident
and keep apart those about different ones?

"Same incident" (the label): the same labelled date and governorate. Each
article is cleaned and extracted by the real pipeline, with the publication
date its page opens with (`leading_date`). All mentions of all articles are
fused. An article's incident is the fused event of its main mention (the one
reported first in the text, see `main_mention`); articles a and b are predicted
"same" when the event of a's main mention holds any mention of b, or the event
of b's main mention holds any mention of a (an article is linked to an incident
if any of its mentions is in it). Scores are pairwise precision and recall over
article pairs; `score_fakes` also gives the older, stricter definitions
(main events only; same main event) for comparison. See docs/fusion.md.
"""
from __future__ import annotations

import csv
import re
import sys
import time
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

from sitroom.extract.dates import find_date_expressions
from sitroom.fuse.fusion import fuse_mentions
from sitroom.records import Event, RawDocument

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_NAMED = re.compile(r"\b(?:(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})|([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}))\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?!\d)")


def leading_date(text: str, head: int = 160) -> str | None:
    """The publication date FA-KES pages open with ("Sun 05 Jul 2015", "April 4 2017",
    "05-07-2015" day first, "Last updated at Apr 232017", or after the title:
    "... in rebel-held Idlib Reuters Wednesday 26 Oct 2016"), as the feed metadata a live
    ingest would carry. The first full date in the page's head, read by `sitroom.extract.dates`."""
    start = text[:head]
    for e in find_date_expressions(start):
        if e.kind == "full" and e.year and e.month and e.day:
            try:
                return date(e.year, e.month, e.day).isoformat()
            except ValueError:
                continue
    return _regex_leading_date(start[:90])


def _regex_leading_date(start: str) -> str | None:
    m = _NAMED.search(start)
    if m:
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        mon = _MONTHS.get(month[:3].lower())
        if mon:
            try:
                return date(int(year), mon, int(day)).isoformat()
            except ValueError:
                pass
    m = _NUMERIC.search(start)
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            return None
    return None


def _matches_label(m: Event, row: dict) -> bool:
    """The extracted event has the labelled date and governorate (FA-KES "damascus" covers Rural Damascus)."""
    place = (m.admin1 or "").lower().replace(" ", "").replace("-", "")
    label = row["location"].lower().replace(" ", "")
    return m.event_date == _label_date(row["date"]) and label[:4] in place


def _label_date(s: str) -> str:
    return datetime.strptime(s.strip(), "%m/%d/%y").date().isoformat()


def main_mention(mentions: list[Event]) -> Event | None:
    """The article's main event: the one reported first in the text (news puts the
    incident in the lead), the most confident on ties."""
    if not mentions:
        return None
    return min(mentions, key=lambda m: (m.evidence[0].start if m.evidence else 10**9, -m.confidence))


def read_fakes(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def row_key(i: int, r: dict) -> str:
    """FA-KES repeats a few unit_ids: rows are keyed by position too."""
    return f"{i}:{r['unit_id']}"


def extract_fakes(rows: list[dict], progress: bool = False) -> dict[str, list[Event]]:
    """row key -> mentions, through clean + extract (no store)."""
    from sitroom import api

    out: dict[str, list[Event]] = {}
    for i, r in enumerate(rows):
        raw = RawDocument(origin=f"fakes:{r['unit_id']}", ext_id=r["unit_id"], text=r["article_content"],
                          title=r.get("article_title") or None, outlet=r.get("source") or None,
                          published=leading_date(r["article_content"]))
        try:
            article = api.clean(raw)
            mentions = api.extract_article(article)
        except Exception as exc:  # noqa: BLE001 - one bad row must not end the evaluation
            print(f"fakes row {r['unit_id']}: {exc}", file=sys.stderr)
            mentions = []
        key = row_key(i, r)
        for m in mentions:
            m.outlet = m.outlet or r.get("source")
            m.article_id = key  # texts repeat in FA-KES: keep rows apart
            m.mention_id = f"{key}:{m.mention_id}"
        out[key] = mentions
        if progress and (i + 1) % 50 == 0:
            print(f"  extracted {i + 1}/{len(rows)}", file=sys.stderr)
    return out


def pairwise_scores(gold: dict[str, object], predicted: dict[str, object | None]) -> dict:
    """Pairwise precision/recall: gold and predicted map item -> cluster (None = alone)."""
    def same_cluster(a: str, b: str) -> bool:
        pa = predicted.get(a)
        return pa is not None and pa == predicted.get(b)

    return pairwise_linked(gold, same_cluster)


def pairwise_linked(gold: dict[str, object], linked) -> dict:
    """Pairwise precision/recall with a predicate: linked(a, b) -> True when fusion put the
    two articles in one incident."""
    items = sorted(gold)
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_gold, same_pred = gold[a] == gold[b], linked(a, b)
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(items) * (len(items) - 1) // 2, "gold_same_pairs": tp + fn, "predicted_same_pairs": tp + fp,
            "true_positives": tp, "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def linked_articles(mentions: dict[str, list[Event]], index) -> tuple[dict[str, str | None], dict[str, set[str]]]:
    """(article -> event of its main mention, article -> events of all its mentions)."""
    event_of = {m.mention_id: g.id for g in index.groups.values() for m in g.mentions}
    main_event, events = {}, {}
    for key, ms in mentions.items():
        main = main_mention(ms)
        main_event[key] = event_of.get(main.mention_id) if main else None
        events[key] = {event_of[m.mention_id] for m in ms if m.mention_id in event_of}
    return main_event, events


def score_fakes(rows: list[dict], mentions: dict[str, list[Event]], threshold: float | None = None) -> dict:
    """All the FA-KES fusion scores for extracted `mentions` (row key -> mentions).

    Headline ("linked"): all mentions of all articles are fused; articles a and b are one
    incident when the event of a's main mention holds any mention of b, or the event of b's
    main mention holds any mention of a (an article is linked to an incident if any of its
    mentions is in it: FA-KES labels a retrospective article with the incident it recalls)."""
    options = {} if threshold is None else {"threshold": threshold}
    gold = {row_key(i, r): (_label_date(r["date"]), r["location"].strip().lower()) for i, r in enumerate(rows)}
    mains = {key: main_mention(ms) for key, ms in mentions.items()}
    index = fuse_mentions([m for ms in mentions.values() for m in ms], **options)
    main_event, events = linked_articles(mentions, index)

    def linked(a: str, b: str) -> bool:
        ea, eb = main_event.get(a), main_event.get(b)
        return bool((ea and ea in events.get(b, ())) or (eb and eb in events.get(a, ())))

    scores = pairwise_linked(gold, linked)
    scores.update({"fused_events": len(index.groups), "comparisons": index.comparisons})
    main_only = fuse_mentions([m for m in mains.values() if m], **options)
    event_of = {m.mention_id: g.id for g in main_only.groups.values() for m in g.mentions}
    legacy = pairwise_scores(gold, {k: (event_of.get(m.mention_id) if m else None) for k, m in mains.items()})
    same_main = pairwise_scores(gold, main_event)
    well = [k for k, m in mains.items() if m and _matches_label(m, rows[int(k.split(":")[0])])]
    # Fusion alone: only articles whose main event carries the labelled date and governorate.
    given = fuse_mentions([mains[k] for k in well], **options)
    event_of = {m.mention_id: g.id for g in given.groups.values() for m in g.mentions}
    given_extraction = pairwise_scores({k: gold[k] for k in well}, {k: event_of.get(mains[k].mention_id) for k in well})
    scores.update({
        "fused": "all mentions fused; an article is linked to the event of another's main mention "
                 "when any of its mentions is in it",
        "main_events_only": legacy, "same_main_event": same_main,
        "articles": len(rows), "articles_with_events": sum(1 for ms in mentions.values() if ms),
        "mentions": sum(map(len, mentions.values())),
        "main_event_has_label_date_and_governorate": len(well),
        "given_correct_extraction": given_extraction,
        "definition": "same incident = same labelled date and governorate; pairs over all articles",
    })
    return scores


def evaluate_fusion_on_fakes(path: str | Path, progress: bool = False, limit: int | None = None) -> dict:
    """Pairwise precision and recall of fusion against FA-KES incident labels (see `score_fakes`)."""
    t0 = time.perf_counter()
    rows = read_fakes(path)[:limit] if limit else read_fakes(path)
    mentions = extract_fakes(rows, progress=progress)
    scores = score_fakes(rows, mentions)
    scores["extract_seconds"] = round(time.perf_counter() - t0, 1)
    return scores
