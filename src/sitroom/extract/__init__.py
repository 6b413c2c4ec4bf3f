"""Extract: ACLED-style events from a cleaned article."""
from __future__ import annotations

from sitroom.records import Article, Event


def extract_events(article: Article) -> list[Event]:
    # Placeholder until the extraction pipeline lands: no events.
    return []
