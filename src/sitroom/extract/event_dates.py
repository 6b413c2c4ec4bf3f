"""The pipeline's choice of an incident's date, over all the sentences that tell it.

ACLED dates an event by the day it happened: an attack is dated by the attack, not by the
later deaths of the wounded, the funerals, the statements or the reports about it. The lead
sentence of an incident often carries a follow-up's date ("Two more soldiers died on Tuesday
...") or none ("The attack was repelled."), while another sentence of the same incident, or the
lead of its paragraph, tells the attack's day. dates.py reads single spans; this module weighs
the spans of one incident against each other.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

from sitroom.extract.components import call, component
from sitroom.extract.interfaces import DateResult
from sitroom.extract.text import Sentence, find_date_expression
from sitroom.records import Event

__all__ = ["date_by_note_opening", "incident_date", "is_background", "note_opening_date", "sentence_date",
           "story_date", "told_relative_to_story"]

# Sentences of the incident this close to its lead (in sentences) may date it.
_NEAR = 2


def _call(name: str, *args: Any) -> Any:
    """sitroom.extract.dates.<name>(*args) through the pipeline's component guard."""
    return call("dates", name, *args)


def sentence_date(text: str, sentence: Sentence, published: str | None) -> str | None:
    """The day a sentence gives its own incident (used to tell incidents apart): a follow-up's or a
    statement's date ("died of his wounds on Tuesday", "the army said on Monday") does not count."""
    if component("dates", "resolve_event_date") is None:  # the dates component is optional
        expr = find_date_expression(sentence.text, published)
        return expr.date if expr else None
    d: DateResult | None = _call("resolve_event_date", text, sentence.start, sentence.end, published)
    if d is not None and d.source == "relative" and not published:
        return None  # "on Wednesday" with no page date: its day is a guess, not a reason to split
    if (_own_date(d, sentence.start, sentence.end)
            and (d.precision == 1 or (d.precision == 2 and d.source == "explicit"))  # type: ignore[union-attr]
            and _role(text, d) not in ("followup", "report")):  # type: ignore[arg-type]
        return d.date  # type: ignore[union-attr]
    if d is not None and d.date and d.source in ("published", "text-date"):
        # A lead holding the page's dateline ("Published April 24 2017 Jets struck ..."): resolve_event_date
        # reads the dateline as the page's date, and it still dates the lead's incident.
        expr = _call("expression_at", text, sentence.start, sentence.end)
        if expr is not None and expr.kind == "full" and expr.role not in ("followup", "report"):
            return f"{expr.year:04d}-{expr.month:02d}-{expr.day:02d}"
    return None


def _own_date(date: DateResult | None, start: int, end: int) -> bool:
    """A date read from an expression inside text[start:end] itself."""
    return (date is not None and bool(date.date) and date.source in ("explicit", "relative")
            and start <= date.start and date.end <= end)


def _role(text: str, date: DateResult) -> str:
    expr = _call("expression_at", text, date.start, date.end)
    return expr.role if expr is not None else ""


def told_relative_to_story(text: str, date: DateResult) -> bool:
    """Dated from another date of the story ("the day before", "two days later"): a side event
    told around the story's own one."""
    if date.source not in ("explicit", "relative") or date.start < 0:
        return False
    expr = _call("expression_at", text, date.start, date.end)
    return expr is not None and expr.kind == "anchored"


def _named_date_after(text: str, head: Sentence, published: str | None) -> DateResult | None:
    """A date naming the incident in the next sentences of the lead's paragraph ("The attack took
    place on Monday night.", "Monday's bombing was the third this month."): such a sentence tells
    the lead's incident even when it names no event of its own."""
    end = text.find("\n", head.end)
    end = len(text) if end < 0 else end
    stops = 0
    for i in range(head.end, end):  # at most _NEAR sentences on
        if text[i] in ".!?" and (i + 1 == len(text) or text[i + 1].isspace()):
            stops += 1
            if stops > _NEAR:
                end = i
                break
    for expr in _call("expressions_in", text, head.end, end) or ():
        if expr.role == "named" and not expr.discouraged:
            found: DateResult | None = _call("resolve_event_date", text, expr.start, expr.end, published)
            if _own_date(found, expr.start, expr.end):
                return found
    return None


def incident_date(text: str, head: Sentence, members: Sequence[Sentence], spans: list[tuple[int, int]],
                  published: str | None) -> DateResult | None:
    """The incident's date:

    1. the lead sentence's own date, unless it dates a follow-up ("died of wounds on Tuesday");
    2. else a date another sentence of the incident, near the lead, binds to it ("Monday's attack", "the blast
       occurred on Monday") or a written day date there ("The attack took place on 4 May.");
    3. else a date naming the incident in the next sentences of the lead's paragraph ("The
       attack took place on Monday night.");
    4. else, the lead's follow-up date giving way to a date earlier in its paragraph (the
       note's opening "On 29 April, ..."), and kept when there is none;
    5. else what ``resolve_event_date`` finds for the lead (an earlier date in its paragraph or
       the article, the page date); else a date near the top of the article.

    Only bound or written day dates are taken from the later evidence: other weekdays there
    ("said on Saturday") are often the report's day, and months or years the background.
    """
    date: DateResult | None = _call("resolve_event_date", text, head.start, head.end, published)
    followup: DateResult | None = None
    if _own_date(date, head.start, head.end):
        if _role(text, date) != "followup":  # type: ignore[arg-type]
            return date
        followup = date
    for member in members:
        if member.start == head.start or abs(member.index - head.index) > _NEAR:
            continue  # far-off members are often another day's incident merged by kind
        other: DateResult | None = _call("resolve_event_date", text, member.start, member.end, published)
        if not _own_date(other, member.start, member.end):
            continue
        role = _role(text, other)  # type: ignore[arg-type]
        if role == "named" or (role != "followup" and other.source == "explicit" and other.precision == 1):  # type: ignore[union-attr]
            return other
    named = _named_date_after(text, head, published)
    if named is not None:
        return named
    if followup is not None:
        # Nothing in the incident dates the attack itself: a date told before the lead in its
        # paragraph does; else the follow-up's day is the nearest known.
        before: DateResult | None = _call("resolve_event_date", text, head.start, head.start, published)
        if before is not None and before.date and before.source in ("explicit", "relative"):
            return before
        return followup
    whole_start, whole_end = spans[0][0], spans[-1][1]
    if (whole_start, whole_end) != (head.start, head.end):
        whole: DateResult | None = _call("resolve_event_date", text, whole_start, whole_end, published)
        if (_own_date(whole, whole_start, whole_end) and whole.source == "explicit"  # type: ignore[union-attr]
                and whole.precision == 1 and _role(text, whole) != "followup"):  # type: ignore[union-attr,arg-type]
            return whole
    if date is None or date.source in ("", "published"):
        # No date near the lead sentence: the article's lead usually dates it.
        wider: DateResult | None = _call("resolve_event_date", text, 0, spans[0][1], published)
        if wider is not None and wider.date and wider.source not in ("", "published"):
            date = wider
    return date


# An incident dated this many days or more before the story's own date is background, not news.
_BACKGROUND_DAYS = 21


def story_date(text: str, published: str | None) -> str | None:
    """The story's own day: the page's date, else its dateline, else its first written full date."""
    if published:
        return published[:10]
    ref: DateResult | None = _call("resolve_event_date", text, 0, 0, None)
    return ref.date if ref is not None and ref.date and len(ref.date) == 10 else None


def is_background(event_date: str | None, story_day: str | None) -> bool:
    """An incident the story recalls ("a massacre in May 2012", "last month") rather than reports:
    news tells what happened in the last days, and dates the past it looks back on."""
    if not event_date or not story_day:
        return False
    import datetime as dt

    try:
        day = dt.date.fromisoformat(story_day)
    except ValueError:
        return False
    # A month or a year counts from its middle, as ACLED dates them (time precision 3).
    if len(event_date) == 4:
        last = dt.date(int(event_date), 7, 1)
    elif len(event_date) == 7:
        last = dt.date(int(event_date[:4]), int(event_date[5:7]), 15)
    else:
        try:
            last = dt.date.fromisoformat(event_date[:10])
        except ValueError:
            return False
    return (day - last).days >= _BACKGROUND_DAYS


# An analyst's note opens with its event's date ("On 30 April 2019, ...", "Around 10 October 2019
# (as reported), ...", "Looting: On 5 May 2020, ..."): ACLED writes the event_date first.
_NOTE_OPENING = re.compile(r"\s*(?:[A-Z][A-Za-z ]{2,40}: )?(?:On|Around|As reported on)\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b")


def note_opening_date(text: str, published: str | None) -> DateResult | None:
    """The date a note opens with, when it opens the way an analyst's note does; else None."""
    m = _NOTE_OPENING.match(text)
    if m is None:
        return None
    date: DateResult | None = _call("resolve_event_date", text, 0, m.end(), published)
    return date if date is not None and date.date and date.source == "explicit" else None


def date_by_note_opening(text: str, main: Event, published: str | None) -> bool:
    """A note opening "On 30 April 2019, ..." is dated by that opening. When its main event is read
    from a later sentence dated before it ("He was abducted several days earlier."), that day is
    background; an event told in the opening sentence keeps the day its incident gives
    ("succumbed on 21 April to wounds from clashes a few days earlier"), and one dated after the
    opening is a later incident of its own. Sets the main event's date in place; True if it did."""
    day = note_opening_date(text, published)
    if day is None or not main.evidence or main.evidence[0].start < day.end \
            or (main.event_date or "") >= day.date:  # type: ignore[operator]
        return False
    main.event_date, main.time_precision = day.date, min(day.precision, 3)
    return True
