"""ACLED-style one-sentence summaries for extracted events.

"On 6 November 2019, rioters threw stones at Military Forces of Russia in
Kobani (Aleppo). No fatalities." The phrasing per sub-event type lives in
data/event_note_templates.json.
"""
from __future__ import annotations

import datetime as dt
import re

from sitroom.data import load_json
from sitroom.records import Event


def _human_date(date: str | None, precision: int) -> str:
    if not date:
        return ""
    try:
        if len(date) == 10:
            d = dt.date.fromisoformat(date)
            if precision >= 3:
                return f"In {d:%B %Y}"
            if precision == 2:
                return f"Around {d.day} {d:%B %Y}"
            return f"On {d.day} {d:%B %Y}"
        if len(date) == 7:
            d = dt.date.fromisoformat(date + "-01")
            return f"In {d:%B %Y}"
        if len(date) == 4:
            return f"In {date}"
    except ValueError:
        return ""
    return ""


def _place(event: Event) -> str:
    if not event.location:
        return f" in {event.country}" if event.country else ""
    place = f" in {event.location}"
    region = event.admin1 if event.admin1 and event.admin1 != event.location else ""
    if region:
        place += f" ({region})"
    elif event.country and event.country != event.location:
        place += f" ({event.country})"
    return place


def _fatality_sentence(event: Event) -> str:
    if event.fatalities <= 0:
        return "No fatalities reported."
    if event.fatalities == 1:
        return "1 fatality."
    return f"{event.fatalities} fatalities."


def make_note(event: Event) -> str:
    """One ACLED-style summary sentence (plus the fatality sentence) for ``event``."""
    templates = load_json("event_note_templates.json")
    template = templates.get(event.sub_event_type) or templates["_default"]
    actor1 = event.actor1 or templates["_unknown_actor"].get(event.event_type, "unidentified actors")
    actor2 = event.actor2 or templates["_unknown_target"].get(event.sub_event_type) or \
        templates["_unknown_target"].get(event.event_type, "")
    if not actor2:  # drop the object phrase rather than leave a dangling preposition
        template = re.sub(r"\s+(?:against|with|from|of|at)\s+\{actor2\}", "", template)
    body = template.format(actor1=actor1, actor2=actor2).strip()
    when = _human_date(event.event_date, event.time_precision)
    sentence = f"{when}, {body}" if when else body[:1].upper() + body[1:]
    sentence = sentence.rstrip(".") + _place(event) + "."
    return f"{sentence} {_fatality_sentence(event)}"
