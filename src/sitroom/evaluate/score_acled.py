"""ACLED notes: one note in (no publication date), one event out."""
from __future__ import annotations

import re
from typing import Callable

from sitroom.evaluate.common import Extractor, Score, main_event, safe_extract
from sitroom.evaluate.metrics import macro_f1, ratio, same_place, strip_era
from sitroom.evaluate.shared import article_from_text

TARGETS = {"fatalities exact": 0.85}


def score_acled(rows: list[dict], extractor: Extractor,
                progress: Callable[[int], None] | None = None) -> list[Score]:
    n = len(rows)
    hits = dict.fromkeys(("event type", "sub-event type", "date exact", "country", "admin1",
                          "location (25 km or name)", "fatalities exact", "actor1 exact",
                          "actor1 era-insensitive"), 0)
    gold_sub, pred_sub, events_total = [], [], 0
    for row in rows:
        article = article_from_text(row["notes"], row["event_id_cnty"])
        events = safe_extract(extractor, article)
        events_total += len(events)
        ev = main_event(events)
        gold_sub.append(row["sub_event_type"])
        pred_sub.append(ev.sub_event_type if ev else "")
        if progress:
            progress(1)
        if ev is None:
            continue
        hits["event type"] += ev.event_type == row["event_type"]
        hits["sub-event type"] += ev.sub_event_type == row["sub_event_type"]
        hits["date exact"] += (ev.event_date or "") == row["event_date_iso"]
        hits["country"] += ev.country == row["country"]
        hits["admin1"] += _same_admin(ev.admin1, row["admin1"])
        hits["location (25 km or name)"] += same_place(
            ev.location, ev.latitude, ev.longitude, row["location"], row["latitude"], row["longitude"])
        hits["fatalities exact"] += _int(row["fatalities"]) == ev.fatalities
        hits["actor1 exact"] += ev.actor1 == row["actor1"]
        hits["actor1 era-insensitive"] += strip_era(ev.actor1).lower() == strip_era(row["actor1"]).lower()
    scores = [Score(m, ratio(h, n), n, TARGETS.get(m)) for m, h in hits.items()]
    scores.insert(2, Score("sub-event type macro-F1", macro_f1(gold_sub, pred_sub) if n else None, n))
    scores.append(Score("events per note (mean)", events_total / n if n else None, n, None, higher_is_better=False))
    return scores


def score_acled_components(rows: list[dict]) -> list[Score]:
    """resolve_event_date and count_fatalities alone, span = the whole note."""
    from sitroom.extract.dates import resolve_event_date
    from sitroom.extract.fatalities import count_fatalities

    n = len(rows)
    date_hits = fat_hits = dated_n = dated_hits = precision_hits = 0
    for row in rows:
        text = row["notes"]
        d = resolve_event_date(text, 0, len(text), None)
        precision_hits += str(min(d.precision, 3)) == row.get("time_precision", "")
        ok = d.date == row["event_date_iso"]
        date_hits += ok
        if _OPENS_WITH_DATE.match(text):
            dated_n += 1
            dated_hits += ok
        fat_hits += count_fatalities(text, 0, len(text)).best == _int(row["fatalities"])
    return [
        Score("date exact: resolve_event_date alone", ratio(date_hits, n), n),
        Score("date exact, notes opening 'On 28 April 2020': resolve_event_date alone",
              ratio(dated_hits, dated_n), dated_n, 1.0),
        Score("time precision: resolve_event_date alone", ratio(precision_hits, n), n),
        Score("fatalities exact: count_fatalities alone", ratio(fat_hits, n), n, 0.85),
    ]


# "On 28 April 2020, ...", "Around 7 May 2020 (as reported), ...", "Property destruction: On 2 June 2022, ..."
_OPENS_WITH_DATE = re.compile(r"^(?:[A-Z][a-z ]+: )?(?:On|Around|As reported on) \d{1,2} [A-Z][a-z]+ \d{4}")


def _same_admin(pred: str, gold: str) -> bool:
    from sitroom.evaluate.metrics import norm_name

    return bool(pred) and norm_name(pred) == norm_name(gold)


def _int(v) -> int:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return -1
