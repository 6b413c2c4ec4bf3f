"""CASE 2021 snippets (sub-event type, silence out of scope) and FA-KES articles."""
from __future__ import annotations

from typing import Callable

from sitroom.data import load_json
from sitroom.evaluate.common import Extractor, Score, main_event, safe_extract
from sitroom.evaluate.metrics import norm_name, ratio, within
from sitroom.evaluate.shared import article_from_text, fakes_date


def _maps() -> dict:
    return load_json("eval_mappings.json")


def case_label_to_acled(label: str) -> str | None:
    """The ACLED sub-event type for a CASE label (None for the out-of-scope classes)."""
    return _maps()["case_to_acled"].get(label.strip().upper())


def score_case(rows: list[dict], extractor: Extractor,
               progress: Callable[[int], None] | None = None) -> list[Score]:
    out_of_scope = set(_maps()["case_out_of_scope"])
    in_n = in_hits = out_n = silent = 0
    for row in rows:
        label = row["SubType"].strip()
        events = safe_extract(extractor, article_from_text(row["EventSnippet"], f"case-{row['id']}"))
        if progress:
            progress(1)
        if label in out_of_scope:
            out_n += 1
            silent += not events
            continue
        gold = case_label_to_acled(label)
        if gold is None:
            continue
        in_n += 1
        ev = main_event(events)
        in_hits += bool(ev) and ev.sub_event_type == gold
    return [
        Score("sub-event type accuracy (ACLED classes)", ratio(in_hits, in_n), in_n),
        Score("silent on out-of-scope classes", ratio(silent, out_n), out_n),
    ]


def fakes_governorate_ok(admin1: str, location: str) -> bool:
    names = _maps()["fakes_governorates"].get(location.strip().lower(), [location])
    return bool(admin1) and norm_name(admin1) in {norm_name(n) for n in names}


def score_fakes(rows: list[dict], extractor: Extractor,
                progress: Callable[[int], None] | None = None) -> list[Score]:
    causes = _maps()["fakes_cause_to_sub_event"]
    n = len(rows)
    date_hits = near_hits = gov_hits = cause_n = cause_hits = fat_hits = 0
    for row in rows:
        article = article_from_text(row["article_content"], f"fakes-{row['unit_id']}", title=row["article_title"])
        ev = main_event(safe_extract(extractor, article))
        if progress:
            progress(1)
        cause = row["cause_of_death"].strip().lower()
        cause_n += cause in causes
        if ev is None:
            continue
        date_hits += (ev.event_date or "") == fakes_date(row["date"])
        near_hits += _days_apart(ev.event_date, fakes_date(row["date"])) <= 1
        gov_hits += fakes_governorate_ok(ev.admin1, row["location"])
        if cause in causes:
            cause_hits += ev.sub_event_type in causes[cause]
        gold = _int(row["nb_civilians"]) + _int(row["nb_noncivilians"])
        fat_hits += within(ev.fatalities, gold)
    return [
        Score("date exact", ratio(date_hits, n), n),
        # FA-KES often labels an incident told "on Wednesday" with Thursday's publication date.
        Score("date within 1 day (diagnostic)", ratio(near_hits, n), n),
        Score("governorate", ratio(gov_hits, n), n),
        Score("cause -> sub-event type", ratio(cause_hits, cause_n), cause_n),
        Score("fatalities within 20% (or 2)", ratio(fat_hits, n), n, 0.50),
    ]


def _days_apart(pred: str | None, gold: str | None) -> int:
    """Days between two YYYY-MM-DD dates; a large number when either is missing or partial."""
    import datetime as dt

    try:
        return abs((dt.date.fromisoformat(pred or "") - dt.date.fromisoformat(gold or "")).days)
    except ValueError:
        return 10**6


def _int(v) -> int:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return 0


def score_fakes_components(rows: list[dict]) -> list[Score]:
    """resolve_event_date and count_fatalities alone, span = the whole article, no publication date."""
    from sitroom.extract.dates import resolve_event_date
    from sitroom.extract.fatalities import count_fatalities

    n = len(rows)
    date_hits = fat_hits = 0
    for row in rows:
        text = row["article_content"]
        date_hits += resolve_event_date(text, 0, len(text), None).date == fakes_date(row["date"])
        gold = _int(row["nb_civilians"]) + _int(row["nb_noncivilians"])
        fat_hits += within(count_fatalities(text, 0, len(text)).best, gold)
    return [
        Score("date exact: resolve_event_date alone", ratio(date_hits, n), n),
        Score("fatalities within 20% (or 2): count_fatalities alone", ratio(fat_hits, n), n, 0.50),
    ]
