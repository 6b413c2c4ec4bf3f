"""Publication dates: datelines in scraped text, and normalising given dates.

A dateline is a short line that holds a date and nothing else but dateline
words ("Published", "Updated", weekday names, a time, a time zone):
"Monday, Oct 26, 2020 - 09:05 PM", "Wed 05 Apr 2017", "Posted on 3 May 2019".
A labelled date at the very start of the text (" date 2024-11-30 On ...")
is a scraped metadata prefix. Dates inside sentences are not datelines.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from sitroom.data import load_json


@functools.lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_json("clean_dates.json")


@functools.lru_cache(maxsize=1)
def _date_patterns() -> list[tuple[re.Pattern, str]]:
    v = _vocab()
    months = "|".join(sorted(map(re.escape, v["months"]), key=len, reverse=True))
    weekdays = "|".join(sorted(map(re.escape, v["weekdays"]), key=len, reverse=True))
    wd = rf"(?:(?:{weekdays})\.?,?\s+)?"
    return [
        (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"), "ymd"),
        (re.compile(rf"(?i)\b{wd}({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"), "mdy"),
        (re.compile(rf"(?i)\b{wd}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({months})\.?,?\s+(\d{{4}})\b"), "dmy"),
        (re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])"), "dmy_num"),
        (re.compile(r"(?<![\d/])(\d{4})/(\d{1,2})/(\d{1,2})(?![\d/])"), "ymd"),
    ]


_TIME = re.compile(r"(?i)\b\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)")
_ZONE = re.compile(r"(?i)\b(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?")


def _build(y: int, m: int, d: int) -> str | None:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    if not 1900 <= day.year <= 2100:
        return None
    return day.isoformat()


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first absolute calendar date in `text`: (YYYY-MM-DD, start, end)."""
    months = _vocab()["months"]
    best = None
    for pattern, order in _date_patterns():
        for match in pattern.finditer(text):
            g = match.groups()
            if order == "ymd":
                iso = _build(int(g[0]), int(g[1]), int(g[2]))
            elif order == "mdy":
                iso = _build(int(g[2]), months[g[0].lower().rstrip(".")], int(g[1]))
            elif order == "dmy":
                iso = _build(int(g[2]), months[g[1].lower().rstrip(".")], int(g[0]))
            else:
                iso = _build(int(g[2]), int(g[1]), int(g[0]))
            if iso and (best is None or match.start() < best[1]):
                best = (iso, match.start(), match.end())
            if iso:
                break
    return best


def dateline_date(line: str, max_chars: int = 100) -> str | None:
    """The date of a dateline line, or None when the line is more than a dateline."""
    stripped = line.strip()
    if not stripped or len(stripped) > max_chars:
        return None
    found = find_date(stripped)
    if not found:
        return None
    iso, start, end = found
    rest = stripped[:start] + " " + stripped[end:]
    rest = _ZONE.sub(" ", _TIME.sub(" ", rest)).lower()
    labels = sorted(_vocab()["labels"] + _vocab()["weekdays"], key=len, reverse=True)
    for label in labels:
        rest = re.sub(rf"(?<![\w]){re.escape(label)}(?![\w])", " ", rest)
    if re.search(r"[^\W\d_]", rest):  # any letter left: a sentence, not a dateline
        return None
    return iso


def dateline_prefix(line: str) -> tuple[str, int] | None:
    """(date, length) of a labelled date opening a line: ' date 2024-11-30 On November 30...'."""
    labels = "|".join(sorted(map(re.escape, _vocab()["prefix_labels"]), key=len, reverse=True))
    match = re.match(rf"(?i)\s*(?:{labels})\s*:?\s*", line)
    weekdays = "|".join(sorted(map(re.escape, _vocab()["weekdays"]), key=len, reverse=True))
    if not match:
        # Unlabelled, a date opening the text is a dateline only when it starts with a
        # weekday: "Sun 05 Jul 2015 22 dead in ..." (not "March 2011 saw the first protests").
        match = re.match(rf"(?i)\s*(?=(?:{weekdays})\.?,?\s)", line)
        if not match:
            return None
    found = find_date(line[match.end():match.end() + 60])
    if not found or found[1] != 0:
        return None
    iso, _, end = found
    cut = match.end() + end
    tail = re.match(
        r"(?i)[ \t\u00a0]*(?:[-–—|,@][ \t\u00a0]*)?(?:\d{1,2}[:.]\d{2}(?::\d{2})?[ \t\u00a0]*(?:[ap]\.?m\.?)?"
        r"[ \t\u00a0]*(?:GMT|UTC|[A-Z]{3,4}T)?[ \t\u00a0]*(?:[-–—|,:][ \t\u00a0]*)?)?",
        line[cut:],
    )
    return iso, cut + (tail.end() if tail else 0)


def normalise_date(value: str | None) -> str | None:
    """A given publication date (ISO, RFC 822, 'Oct 26, 2020', ...) as YYYY-MM-DD, else None."""
    if not value or not str(value).strip():
        return None
    value = str(value).strip()
    found = find_date(value)
    if found:
        return found[0]
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if match:
        return value  # month precision, as given
    return None
