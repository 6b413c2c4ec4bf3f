"""What every scorer shares: an extractor type, the main event, score records."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from sitroom.records import Article, Event

log = logging.getLogger(__name__)

Extractor = Callable[[Article], list[Event]]


@dataclass
class Score:
    """One measure on one set: value in [0, 1] (or a mean), over n rows."""

    measure: str
    value: float | None
    n: int
    target: float | None = None
    higher_is_better: bool = True


def safe_extract(extractor: Extractor, article: Article) -> list[Event]:
    """Extraction that never stops an evaluation run: an error counts as no events."""
    try:
        return list(extractor(article) or [])
    except Exception as exc:  # a crash on one row is a wrong answer, not a dead run
        log.warning("extraction failed on %s: %s", article.ext_id or article.id, exc)
        return []


def main_event(events: list[Event]) -> Event | None:
    """The highest-confidence event (the first on ties)."""
    best: Event | None = None
    for e in events:
        if best is None or (e.confidence or 0) > (best.confidence or 0):
            best = e
    return best


def event_type_of(sub_event_type: str) -> str:
    from sitroom.records import event_taxonomy

    for etype, subs in event_taxonomy().items():
        if sub_event_type in subs:
            return etype
    return ""
