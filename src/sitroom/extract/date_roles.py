"""What a date expression dates in its sentence: the incident itself, or a later step of the story.

News tells an attack and then what followed it: "Two soldiers died of their wounds on Tuesday
after Monday's attack", "his body was found on 8 May", "the army said on Monday". ACLED dates an
event by the day it happened, so each date gets a role:

- "named": the date names the incident ("Monday's attack", "the 3 May bombing", "the attack
  took place on Monday");
- "attached": the nearest cue before it is an event word ("exploded on Monday");
- "followup": a death from wounds, a funeral, a body found ("died of wounds on Tuesday"), or a
  sentence opening on a date whose first cue is one ("On 21 April, a fighter succumbed ...");
- "report": a statement ("the army said on Monday"), often the incident's own day in news;
- "": nothing tells.

Cue words: data/date_words.json.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

from sitroom.data import load_json
from sitroom.extract import prefix_scan

if TYPE_CHECKING:
    from sitroom.extract.dates import DateExpression

__all__ = ["mark_roles"]

_WINDOW = 100  # characters before a date searched for its governing cue
_MAX_GAP_WORDS = 6  # words between the cue and the date ("died of their wounds on Tuesday")
_OPENING_CHARS = 24  # a date this close to its sentence start opens the sentence ("On 3 May 2020, ...")
_AFTER_CHARS = 160
_CLAUSE_END = re.compile(r"[.!?;:\n]")


def _phrase(p: str) -> str:
    return r"\s+".join(re.escape(w) for w in p.split())


@functools.lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, dict[str, str], re.Pattern, re.Pattern, re.Pattern]:
    w = load_json("date_words.json")
    kinds: dict[str, str] = {}
    for p in w["event_cues"]:
        kinds[p] = "event"
    for p in w["report_cues"]:
        kinds[p] = "report"
    for p in w["followup_cues"]:
        kinds[p] = "followup"
    for p in w["dating_cues"]:
        kinds[p] = "named"  # "the attack took place on Monday": the sentence dates the incident
    alternation = "|".join(_phrase(p) for p in sorted(kinds, key=len, reverse=True))
    nouns = "|".join(_phrase(p) for p in sorted(w["event_nouns"], key=len, reverse=True))
    # "Monday's roadside bomb attack", "the 28 October bombing": the date names the incident.
    # The words between are modifiers ("roadside bomb"), never a phrase of their own ("statement about the").
    modifier = r"(?!(?:about|on|of|the|a|an|that|which|by|to|for|in|at|after|before|and)\b)[\w-]+\s+"
    bound = re.compile(rf"^(?:['\u2019]s)?\s+(?:{modifier}){{0,3}}?(?:{nouns})\b", re.IGNORECASE)
    # "died on Tuesday of his wounds", "died late on Tuesday in hospital": the verb before, its cause after.
    verbs = "|".join(_phrase(p) for p in w["death_verbs"])
    wounds = "|".join(_phrase(p) for p in w["wound_words"])
    died_before = re.compile(rf"\b(?:{verbs})\s+(?:[\w-]+\s+)?(?:on\s+)?$", re.IGNORECASE)
    wounds_after = re.compile(rf"^\s*,?\s*(?:of|from|in|at)\s+(?:[\w-]+\s+){{0,2}}?(?:{wounds})\b", re.IGNORECASE)
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE), kinds, bound, died_before, wounds_after


def _kind(match: re.Match) -> str:
    return _cues()[1].get(" ".join(match.group(0).lower().split()), "event")


def _clause_start(text: str, pos: int) -> int:
    lo = max(0, pos - _WINDOW)
    cut = lo
    for m in _CLAUSE_END.finditer(text, lo, pos):
        cut = m.end()
    return cut


def _role(text: str, e: DateExpression) -> str:
    """'named', 'attached', 'followup', 'report' or '' for one expression."""
    cue_re, _, bound, died_before, wounds_after = _cues()
    after = text[e.end:e.end + 60]
    lead = text[max(0, e.start - 5):e.start]
    if bound.match(after) and (after[:1] in "'\u2019" or re.search(r"\bthe\s+$", lead, re.IGNORECASE)):
        return "named"
    start = _clause_start(text, e.start)
    before = text[start:e.start]
    if died_before.search(before) and wounds_after.match(after):
        return "followup"
    found = prefix_scan.finditer(cue_re, text, start, e.start)
    last = found[-1] if found else None
    if last is not None and len(text[last.end():e.start].split()) <= _MAX_GAP_WORDS:
        kind = _kind(last)
        return "attached" if kind == "event" else kind
    if len(before.strip()) <= _OPENING_CHARS:
        # "On 21 April 2017, a fighter succumbed to wounds ...": the clause's first cue decides.
        end = _CLAUSE_END.search(text, e.end, e.end + _AFTER_CHARS)
        first = prefix_scan.search(cue_re, text, e.end, end.start() if end else min(len(text), e.end + _AFTER_CHARS))
        if first is not None and _kind(first) == "followup":
            return "followup"
    return ""


def mark_roles(text: str, exprs: list[DateExpression]) -> None:
    """Set each expression's `role` (see module docstring)."""
    for e in exprs:
        e.role = _role(text, e)
        if e.role == "named":
            e.discouraged = False  # "from Tuesday's shelling": the preposition governs the attack, not the day


# A day-month without a year this many days after the page's date is a date still to come ("talks
# to open on 12 June" on a 4 June page), not the same day of the year before.
_AHEAD_DAYS = 30


def ahead_of_page(e: "DateExpression", page: "dt.date | None") -> bool:
    """A yearless day-month falling shortly after the page's date: an announced or planned day."""
    if page is None or e.kind != "month_day" or not e.month or not e.day:
        return False
    for year in (page.year, page.year + 1):  # "on January 5" on a 20 December page is next year's
        try:
            ahead = (dt.date(year, e.month, e.day) - page).days
        except ValueError:
            continue
        if 0 < ahead <= _AHEAD_DAYS:
            return True
    return False
