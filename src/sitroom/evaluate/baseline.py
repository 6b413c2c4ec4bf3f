"""A deliberately simple keyword baseline, so `sitroom eval` shows what the
real extractor adds: first keyword -> sub-event type, first number near
"killed", first date-looking string, first capitalised word after "in"."""
from __future__ import annotations

import functools
import re

from sitroom.data import load_json
from sitroom.evaluate.common import event_type_of
from sitroom.records import Article, Event, Span

_DATE = re.compile(
    r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b"
    r"|\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}),? (\d{4})\b")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_KILLED_AFTER = re.compile(r"\b(?:killed|killing)\s+(\S+)", re.I)
_KILLED_BEFORE = re.compile(r"\b(\S+)\s+(?:\w+\s+)?(?:were |was )?(?:killed|dead|died)\b", re.I)
_PLACE = re.compile(r"\bin ([A-Z][a-z'\-]+)")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@functools.lru_cache(maxsize=1)
def _keywords() -> list[tuple[str, str]]:
    return [(k, s) for k, s in load_json("eval_mappings.json")["baseline_keywords"]]


def _number(token: str) -> int | None:
    token = token.lower().replace(",", "")
    if token.isdigit():
        return int(token)
    return load_json("number_words.json")["units"].get(token) if token not in ("a", "an", "no") else None


def extract_events_baseline(article: Article) -> list[Event]:
    """At most one event per article, from keywords alone."""
    text = article.text or ""
    low = text.lower()
    found = [(low.find(k), k, s) for k, s in _keywords() if k in low]
    if not found:
        return []
    pos, keyword, sub = min(found, key=lambda f: f[0])
    sentence = next((m for m in _SENTENCE.finditer(text) if m.start() <= pos < m.end()), None)
    date = article.published
    m = _DATE.search(text)
    if m:
        if m.group(1):
            day, month, year = m.group(1), m.group(2), m.group(3)
        else:
            month, day, year = m.group(4), m.group(5), m.group(6)
        date = f"{int(year):04d}-{_MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}"
    fatalities = 0
    for rx in (_KILLED_AFTER, _KILLED_BEFORE):
        k = rx.search(text)
        if k and _number(k.group(1)):
            fatalities = _number(k.group(1)) or 0
            break
    place = _PLACE.search(text)
    return [Event(
        article_id=article.id, event_date=date, event_type=event_type_of(sub), sub_event_type=sub,
        location=place.group(1) if place else "", fatalities=fatalities, fatalities_low=fatalities,
        fatalities_high=fatalities, confidence=0.1,
        evidence=[Span(sentence.group(0), sentence.start(), sentence.end())] if sentence else [],
    )]
