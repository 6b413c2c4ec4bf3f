"""ACLED note rules for fatality counts, beside the token scanner in fatalities.py:

- the analyst's own statement of the coded figure ("Fatalities coded as 0", "Unknown fatalities coded
  as 10, split between these 5 events, 2 coded to each", "1 fatality split among 12 events");
- deaths told without a number ("killed him", "his death", "civilians were killed");
- dates blanked before counting; figures that share a cue summed, the lowest credible total kept;
- increments ("two more died") dropped when the span also gives the cumulative toll ("bringing the
  death toll to six"): an increment is part of the toll, not a conflicting report.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from sitroom.data import load_json
from sitroom.extract import fatalities as _f
from sitroom.extract.text import split_sentences

__all__ = ["TollStatement", "bare_victims", "drop_increments", "group_totals", "lowest_credible", "mask_dates",
           "stated_coding", "toll_statements", "word_number"]

# "men killed him": an active verb with an object, the plural noun is the killer, not the victims.
_ACTIVE_OBJECT = {"him", "her", "them", "a", "an", "the", "his", "their", "its"}

_NUM = r"(\d{1,3}(?:,\d{3})+|\d+|[a-z]+(?:-[a-z]+)?)"
_SHARE = r" (?:between|among|across|over) (?:the |both )?" + _NUM + r"? ?(?:events|locations|days|places)?"
_OVERRIDES = [
    # "split ... 5 each", "with 2 coded to each": the per-event share is stated.
    ("each", re.compile(r"(?:split|spread|divided)[^.]{0,80}?\b" + _NUM + r" (?:coded to )?each\b"
                        r"|\bwith " + _NUM + r" coded to each\b|\bcoded as " + _NUM + r" each\b", re.I)),
    # "1 fatality split among 12 events", "coded as 10 and split over the 5 events"
    ("split", re.compile(r"\b" + _NUM + r" (?:fatalit(?:y|ies)|deaths?)? ?(?:are |were )?(?:split|spread|divided)"
                         r"(?: up)?" + _SHARE, re.I)),
    ("split", re.compile(r"\bcoded (?:as|to) " + _NUM + r"(?: \([^)]*\))?,? (?:and )?(?:split|spread|divided)"
                         r"(?: up)?" + _SHARE, re.I)),
    # "Total of 12 fatalities coded for X", "4 fatalities.", "Total fatalities 9.", "Fatalities coded as 0"
    ("coded", re.compile(r"(?:^|[.;]\s+)(?:a )?total(?: of)? " + _NUM + r" fatalit(?:y|ies) (?:were |are )?coded",
                         re.I)),
    ("coded", re.compile(r"(?:^|[.;]\s+)" + _NUM + r" fatalit(?:y|ies)\s*(?:[.;]|$)", re.I)),
    ("coded", re.compile(r"\btotal fatalities(?: of)? " + _NUM + r"\s*(?:[.;]|$)", re.I)),
    ("coded", re.compile(r"\b(?:fatalities|fatality|deaths|number)\s+(?:are |were |was |is )?coded\s+(?:as|to)\s+"
                         + _NUM, re.I)),
]


def word_number(s: str) -> int | None:
    if s is None:
        return None
    s = s.lower()
    if s == "both":
        return 2
    toks = _f._tokens(s)[0]
    parsed = _f.parse_number(toks, 0) if toks else None
    return parsed[0] if parsed and parsed[1] == len(toks) else None


# Every override pattern holds one of these words (matched with the same IGNORECASE rules).
_OVERRIDE_WORDS = re.compile(r"each|split|spread|divided|fatalit|coded", re.I)
# The words each override needs (one of every group); used on ASCII text, where lower() is IGNORECASE.
_SPLIT_WORDS = ("split", "spread", "divided")
_NEEDS = [(("each",),), (_SPLIT_WORDS,), (("coded",), _SPLIT_WORDS), (("fatalit",),), (("fatalit",),),
          (("fatalit",),), (("coded",),)]


def stated_coding(span: str) -> int | None:
    """An analyst's own statement of the coded figure ("Fatalities coded as 0")."""
    if not _OVERRIDE_WORDS.search(span):
        return None
    low = span.lower() if span.isascii() else None
    for (kind, rx), needs in zip(_OVERRIDES, _NEEDS):
        if low is not None and not all(any(w in low for w in group) for group in needs):
            continue
        m = rx.search(span)
        if not m:
            continue
        nums = [g for g in m.groups() if g]
        if kind == "each":
            v = word_number(nums[0])
            if v is not None:
                return v
        elif kind == "split":
            total = word_number(nums[0])
            parts = word_number(nums[1]) if len(nums) > 1 else (2 if "both" in m.group(0).lower() else None)
            if total is not None and parts:
                return total // parts
        else:
            v = word_number(nums[0])
            if v is not None:
                return v
    return None


def bare_victims(low: list[str]) -> list[_f.Quantity]:
    """'killed him', 'his death', 'civilians were killed': deaths without a number."""
    lex = _f._lex()
    out: list[_f.Quantity] = []
    for i, w in enumerate(low):
        if w in ("him", "her") and i > 0 and low[i - 1] in ("killed", "killing", "executed", "executing",
                                                                "murdered", "assassinated"):
            out.append(_f.Quantity(1, 1, 1, i, i, i, cue=i - 1, kind="kill"))
        elif w == "death" and i > 0 and low[i - 1] in ("his", "her"):
            out.append(_f.Quantity(1, 1, 1, i - 1, i, i, cue=i, kind="kill"))
        elif (w in ("him", "her") or w in lex["victims"] and i > 0 and low[i - 1] in ("the", "his", "her")) \
                and i + 1 < len(low) and low[i + 1] in ("dead", "killed") \
                and i - 1 - (w not in ("him", "her")) >= 0 \
                and low[i - 1 - (w not in ("him", "her"))] in ("leaving", "left", "leave", "leaves"):
            out.append(_f.Quantity(1, 1, 1, i, i, i, cue=i + 1, kind="kill"))
        elif w in lex["victims"] and i > 0 and low[i - 1] in ("the", "his", "her") and not w.endswith("s") \
                and _f._match_at(low, i + 1, [("was", "killed"), ("was", "shot", "dead"), ("died",),
                                           ("was", "executed"), ("was", "found", "dead"), ("was", "murdered")]):
            out.append(_f.Quantity(1, 1, 1, i - 1, i, i, cue=i + 1, kind="kill"))
        elif w in lex["plural_victims"] and _f._match_at(low, i + 1, [("were", "killed"), ("killed",), ("died",)]) \
                and not _f._match_at(low, i + 1 + (low[i + 1] == "were"), lex["nonkill"]) \
                and not (low[i + 1] == "killed" and i + 2 < len(low) and low[i + 2] in _ACTIVE_OBJECT) \
                and not (i > 0 and (low[i - 1][0].isdigit() or low[i - 1] in ("the", "two", "both"))):
            out.append(_f.Quantity(10, 10, 10, i, i, i, vague=True, cue=i + 1, kind="kill"))
    return out[:1]


def mask_dates(text: str) -> str:
    """The text with its dates (full, day-month, month-year, year) blanked: their digits are not counts."""
    from sitroom.extract.dates import find_date_expressions, may_hold_day_dates

    if not may_hold_day_dates(text):
        return text  # no expression of a masked kind: nothing to mask
    chars = list(text)
    for e in find_date_expressions(text):
        if e.kind in ("full", "month_day", "month_year", "year"):
            chars[e.start:e.end] = " " * (e.end - e.start)
    return "".join(chars)


def lowest_credible(totals: list[tuple[int, int, int]]) -> int:
    """The lowest figure that still reports the lead event.

    The first figure leads; a later, smaller one is a conflicting report of the same
    deaths when it is of the same order (at least half), and otherwise a part or
    another incident ("12 of them in Marjeh"), which does not lower the count."""
    lead = totals[0][0]
    return min(t[0] for t in totals if t[0] * 2 >= lead)


def group_totals(kills: list[_f.Quantity]) -> list[tuple[int, int, int]]:
    """Sum figures that share a cue (or say "also"); separate reports stay apart (conflicts)."""
    groups: list[list[_f.Quantity]] = []
    for q in kills:
        if groups and (q.cue == groups[-1][-1].cue or q.extra):
            groups[-1].append(q)
        else:
            groups.append([q])
    return [(sum(q.value for q in g), sum(q.low for q in g), sum(q.high for q in g)) for g in groups]


# "two more", "three additional", "two other soldiers": a figure added to deaths already reported.
_INCREMENT_WORDS = {"more", "additional", "other"}
_TOLL = r"(?:(?:death|overall|total|casualty|final) )?(?:toll|tally)" \
        r"|number of (?:the )?(?:dead|deaths|fatalities|victims|people killed|those killed)"
# The words before a cumulative toll's number: "bringing the death toll to", "the toll rose to",
# "death toll reached", "raising the number of dead to" (quantity modifiers may follow: "to at least").
_CUMULATIVE = re.compile(
    r"(?:\b(?:bring|brings|bringing|brought|raise|raises|raising|raised|push|pushes|pushing|pushed|take|takes"
    r"|taking|took|lift|lifts|lifting|lifted)(?: the)? (?:" + _TOLL + r") (?:to|at)"
    r"|\b(?:" + _TOLL + r")(?: (?:has|had|have|was|is|now|then|later|further|again|since))*"
    r" (?:rose|risen|rises|rising|climbed|climbs|climbing|jumped|jumps|increased|increases|mounted|grew"
    r"|reached|reaches|reaching|hit|hits)(?: to)?)"
    r"(?: (?:to|at|least|more|than|over|nearly|almost|about|around|some|up))*$")


def _is_increment(low: list[str], q: _f.Quantity) -> bool:
    return q.last + 1 < len(low) and low[q.last + 1] in _INCREMENT_WORDS


def _is_cumulative(low: list[str], q: _f.Quantity) -> bool:
    pre = low[max(0, q.first - 8):q.first]
    k = q.first
    while k < q.last and low[k] in _f._QUANTITY_MODIFIERS:  # "to", "at least" before the number itself
        pre.append(low[k])
        k += 1
    return bool(_CUMULATIVE.search(" ".join(pre)))


def drop_increments(low: list[str], kills: list[_f.Quantity]) -> list[_f.Quantity]:
    """The kill figures without increments ("two more") when a cumulative toll is also given.

    "Two more soldiers died ..., bringing the death toll to six" = 6: the toll already holds the two.
    With no cumulative toll in the span the increments stay (they may be all we know)."""
    increments = [q for q in kills if _is_increment(low, q)]
    if not increments or not any(_is_cumulative(low, q) for q in kills if q not in increments):
        return kills
    return [q for q in kills if q not in increments]


_TOLL_VERBS = {"rose", "risen", "climbed", "reached", "increased", "jumped", "stood", "stands", "hit"}
_TOLL_AUX = {"has", "had", "have", "now", "to", "further", "since", "later", "then"}


def toll_clause_cue(low: list[str], first: int) -> int:
    """Where "toll" governs a figure across a long subject: "the death toll from
    Tuesday's strikes on the market has risen to 14". Returns the index of "toll", or -1."""
    j = first - 1
    while j >= 0 and low[j] in _TOLL_AUX:
        j -= 1
    if j < 0 or low[j] not in _TOLL_VERBS:
        return -1
    for k in range(j - 1, max(-1, j - 25), -1):
        if low[k] in _f._SENTENCE_END:
            return -1
        if low[k] == "toll":
            return -1 if k > 0 and low[k - 1] in ("injury", "casualty", "wounded") else k
    return -1


class TollStatement(NamedTuple):
    """A sentence that states a death toll as such, and the figure it gives."""

    best: int
    low: int
    high: int
    start: int
    end: int


@functools.lru_cache(maxsize=1)
def _toll_noun_pattern() -> re.Pattern:
    nouns = sorted(load_json("fatality_words.json")["toll_nouns"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in nouns) + r")\b", re.IGNORECASE)


def toll_statements(text: str) -> list[TollStatement]:
    """Sentences that report a death toll as such ("Hospital sources gave a toll of 12", "The
    death toll has since risen to 30"), with their figure (read by count_fatalities). Reports often restate an event's
    toll apart from the sentences telling the event, as the figure changes through the day;
    those figures belong to the event's reported range. Totals over many days are left out.
    Sentences are extraction's own (split_sentences), so a statement lines up with the evidence
    sentences fusion compares it with, and "U.S." or "3.5" do not cut a sentence short."""
    nouns = _toll_noun_pattern()
    if not text or not nouns.search(text):
        return []
    out = []
    for s in split_sentences(text):
        if not nouns.search(s.text):
            continue
        fc = _f.count_fatalities(text, s.start, s.end)
        if fc.best > 0 and not fc.aggregate:
            out.append(TollStatement(fc.best, fc.low or fc.best, fc.high or fc.best, s.start, s.end))
    return out
