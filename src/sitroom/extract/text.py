"""Sentence splitting with character offsets into the clean article text.

A fast regex splitter, not a parser: extraction only needs sentence spans
good enough to find trigger sentences and quote them as evidence. Every
span satisfies ``text[start:end] == sentence`` (leading/trailing blanks are
trimmed off the span, never rewritten).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens ending in a period that do not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm brig cmdr gov sen rep rev st "
    "jr sr vs etc approx no nos fig inc ltd co corp dept est al e.g i.e u.s u.k u.n u.s.a "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft km hrs".split()
)

# Candidate boundary: terminal punctuation (+ closing quotes/brackets) then space(s);
# or a line break; or a period glued to a capitalised word ("located.Syrian").
_BOUNDARY = re.compile(
    r"(?P<punct>[.!?]+[\"'\u201d\u2019)\]]*)(?P<space>\s+)(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u0600-\u06FF])"
    r"|(?P<newline>\n\s*)"
    r"|(?<=[a-z]{3})(?P<glued>\.)(?=[A-Z][a-z])"
)
_WORD_BEFORE = re.compile(r"(\S+)$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: ``article_text[start:end] == text``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


def _is_abbreviation(text: str, punct_start: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, punct_start - 20), punct_start)
    if not m:
        return False
    word = m.group(1).lower().lstrip("(\"'\u201c")
    if word in _ABBREVIATIONS:
        return True
    # Initials ("J.", "U.S.") and single capitals before a period.
    return len(word) == 1 and word.isalpha() or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets; blank stretches produce no sentence."""
    if not text:
        return []
    pieces: list[tuple[int, int, int]] = []  # (start, end, paragraph)
    start = 0
    paragraph = 0
    for m in _BOUNDARY.finditer(text):
        if m.group("punct") is not None:
            if m.group("punct") == "." and _is_abbreviation(text, m.start("punct")):
                continue
            end = m.end("punct")
            next_start = m.end()
            new_paragraph = "\n" in m.group("space")
        elif m.group("newline") is not None:
            end = m.start()
            next_start = m.end()
            new_paragraph = True
        else:
            end = m.end("glued")
            next_start = m.end()
            new_paragraph = False
        pieces.append((start, end, paragraph))
        if new_paragraph:
            paragraph += 1
        start = next_start
    pieces.append((start, len(text), paragraph))

    sentences: list[Sentence] = []
    for s, e, para in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append(Sentence(len(sentences), s, e, text[s:e], para))
    return sentences


_WORD = re.compile(r"\w+(?:[-']\w+)*")


def count_words(text: str) -> int:
    """Number of word tokens (for throughput figures)."""
    return sum(1 for _ in _WORD.finditer(text))


# --- dates: a small fallback used only when sitroom.extract.dates is absent, and
# to tell whether a sentence carries its own date (which separates incidents).
_MONTHS = {
    m: i + 1 for i, names in enumerate((
        "january jan", "february feb", "march mar", "april apr", "may", "june jun",
        "july jul", "august aug", "september sep sept", "october oct", "november nov",
        "december dec",
    )) for m in names.split()
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?[ -]" + _MONTH + r"(?:,?[ -](?P<year>(?:19|20)\d\d))?\b"),
    re.compile(r"\b" + _MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,? (?P<year>(?:19|20)\d\d))?"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(
    r"\b(?:on |last |early |late )?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<word>yesterday|today|overnight|last night|this morning|tonight)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateExpression:
    date: str | None  # YYYY-MM-DD when it resolves, else None
    start: int
    end: int
    kind: str  # explicit | relative


def find_date_expression(sentence: str, published: str | None = None) -> DateExpression | None:
    """The first explicit or relative date expression in ``sentence``, resolved if possible."""
    import datetime as _dt

    for pattern in _DATE_PATTERNS:
        m = pattern.search(sentence)
        if not m:
            continue
        gd = m.groupdict()
        month = int(gd["mnum"]) if gd.get("mnum") else _MONTHS.get(gd["month"].lower().rstrip("."), 0)
        day = int(gd["day"])
        year = int(gd["year"]) if gd.get("year") else (int(published[:4]) if published else None)
        try:
            date = _dt.date(year, month, day).isoformat() if year else None
        except ValueError:
            continue
        if date and published and not gd.get("year") and date > published:
            date = _dt.date(year - 1, month, day).isoformat()  # "December 30" in a January article
        return DateExpression(date, m.start(), m.end(), "explicit")
    m = _RELATIVE.search(sentence)
    if m:
        date = None
        if published:
            try:
                pub = _dt.date.fromisoformat(published[:10])
            except ValueError:
                pub = None
            if pub:
                if m.group("weekday"):
                    delta = (pub.weekday() - _WEEKDAYS.index(m.group("weekday").lower())) % 7
                    date = (pub - _dt.timedelta(days=delta)).isoformat()
                elif m.group("word").lower() in ("yesterday", "last night"):
                    date = (pub - _dt.timedelta(days=1)).isoformat()
                else:
                    date = pub.isoformat()
        return DateExpression(date, m.start(), m.end(), "relative")
    return None
