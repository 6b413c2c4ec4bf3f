"""The hand-coded seeds gold (../shared/gold/seeds.json), scored as GOLD_FORMAT.md says:
an extracted event matches a gold event of the same article when its evidence
covers at least half of the gold evidence's words, or when its date and
sub-event type agree; unmatched extracted events are false positives unless
they match a `required: false` event; fields are scored on matched required events."""
from __future__ import annotations

import logging
import re
from typing import Callable

from sitroom.evaluate.common import Extractor, Score, safe_extract
from sitroom.evaluate.metrics import matches_gold, ratio, same_place, strip_era
from sitroom.evaluate.shared import article_from_text, seeds_dir
from sitroom.records import Article, Event

log = logging.getLogger(__name__)

FIELDS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
          "fatalities")
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def evidence_covers(pred: Event, gold_evidence: str) -> bool:
    """Does the event's evidence cover at least half of the gold evidence's words?"""
    gold = _words(gold_evidence)
    if not gold:
        return False
    have = set(_words(" ".join(s.text for s in pred.evidence)))
    return sum(w in have for w in gold) * 2 >= len(gold)


def event_matches(pred: Event, gold: dict) -> bool:
    if evidence_covers(pred, gold.get("evidence", "")):
        return True
    return bool(pred.event_date) and matches_gold(pred.event_date, gold.get("event_date")) \
        and matches_gold(pred.sub_event_type, gold.get("sub_event_type"))


def field_ok(pred: Event, gold: dict, name: str) -> bool:
    """One field of a matched event against the gold (lists = any of; null = empty is right)."""
    if name == "event_type" and gold.get("type_pairs"):
        return any(pred.event_type == t for t, _ in gold["type_pairs"])
    if name == "sub_event_type" and gold.get("type_pairs"):
        return any(pred.sub_event_type == s for _, s in gold["type_pairs"])
    if name not in gold:
        return True
    value = getattr(pred, name)
    if name == "location":
        return same_place(value, pred.latitude, pred.longitude, gold["location"],
                          gold.get("latitude"), gold.get("longitude"))
    if name in ("actor1", "actor2"):
        options = gold[name] if isinstance(gold[name], list) else [gold[name]]
        return matches_gold(value, options) or matches_gold(
            strip_era(value), [strip_era(o) if o else o for o in options])
    return matches_gold(value, gold[name])


def match_article(preds: list[Event], gold_events: list[dict]) -> tuple[list[tuple[Event, dict]], int, int]:
    """(matched required pairs, false positives, required count): greedy one-to-one in gold order."""
    required = [g for g in gold_events if g.get("required", True)]
    optional = [g for g in gold_events if not g.get("required", True)]
    free = list(preds)
    pairs: list[tuple[Event, dict]] = []
    for g in required:
        # Evidence matches first, then date + sub-event type.
        hit = next((p for p in free if evidence_covers(p, g.get("evidence", ""))), None) \
            or next((p for p in free if event_matches(p, g)), None)
        if hit is not None:
            pairs.append((hit, g))
            free.remove(hit)
    # Matching is one-to-one: a second mention of a matched required event is a false positive too.
    fp = sum(1 for p in free if not any(event_matches(p, g) for g in optional))
    return pairs, fp, len(required)


_ARTICLES: dict[tuple[str, str | None], Article] = {}


def _seed_article(path, published: str | None) -> Article:
    """The seed page as sitroom ingests it (cached: sitroom and the baseline read the same pages)."""
    key = (str(path), published)
    if key not in _ARTICLES:
        _ARTICLES[key] = _ingest_seed(path, published)
    return _ARTICLES[key]


def _ingest_seed(path, published: str | None) -> Article:
    try:
        from sitroom.api import iter_articles

        articles = list(iter_articles([str(path)], published=published))
        if articles:
            return articles[0]
    except Exception as exc:  # ingest/clean not ready: fall back to the raw text
        log.warning("ingest of %s failed (%s: %s); using the raw text", path, type(exc).__name__, exc)
    text = path.read_text(encoding="utf-8", errors="replace")
    return article_from_text(text, path.name, published=published)


def score_seeds(gold: dict, extractor: Extractor, progress: Callable[[int], None] | None = None) -> list[Score]:
    folder = seeds_dir()
    matched_pairs: list[tuple[Event, dict]] = []
    fp = required_n = 0
    for art in gold.get("articles", []):
        article = _seed_article(folder / art["file"], art.get("published"))
        preds = safe_extract(extractor, article)
        pairs, a_fp, a_req = match_article(preds, art.get("events", []))
        matched_pairs += pairs
        fp += a_fp
        required_n += a_req
        if progress:
            progress(1)
    m = len(matched_pairs)
    scores = [
        Score("recall of required events", ratio(m, required_n), required_n),
        Score("precision", ratio(m, m + fp), m + fp),
    ]
    for name in FIELDS:
        scores.append(Score(f"{name} (matched)", ratio(sum(field_ok(p, g, name) for p, g in matched_pairs), m), m))
    return scores


