"""Event dates: explicit, relative and partial date expressions, resolved
against the publication date or a date found in the text.

Own regexes (fast); dateparser is too slow for the hot path. Precision: 1 day,
2 week (middle of the week), 3 month (YYYY-MM), 4 year (YYYY).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass

from sitroom.data import load_json
from sitroom.extract import prefix_scan
from sitroom.extract.date_roles import ahead_of_page, mark_roles
from sitroom.extract.interfaces import DateResult

__all__ = ["resolve_event_date", "find_date_expressions", "DateExpression", "parse_reference_date",
           "expression_at", "expressions_in"]


@dataclass
class DateExpression:
    """A date expression found in text, before resolution against a reference."""

    start: int
    end: int
    # full | month_day | month_year | month | year | weekday | offset | anchored | week | this_month
    # | last_month | last_year
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int = 0  # days for "offset", weeks back for "week"
    discouraged: bool = False  # preceded by since/until/...: rarely the event's own date
    alt: tuple[int, int, int] | None = None  # the other reading of an ambiguous 6/11/2019
    span: bool = False  # "on Saturday and Sunday": several days, dated by the last one
    approximate: bool = False  # "a few days earlier": read with week precision
    # What the date dates (date_roles.py): "named" ("Monday's attack"), "attached" ("exploded on
    # Monday"), "followup" ("died of wounds on Tuesday"), "report" ("said on Monday") or "".
    role: str = ""


@functools.lru_cache(maxsize=1)
def _words() -> dict:
    return load_json("date_words.json")


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    w = _words()
    # Longest names first so "September" wins over "Sep".
    months = "|".join(sorted(w["months"], key=len, reverse=True))
    weekdays = "|".join(sorted(w["weekdays"], key=len, reverse=True))
    mon = rf"(?P<mon>{months})\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    offsets = "|".join(sorted((re.escape(k) for k in w["day_offsets"]), key=len, reverse=True))
    return {
        "iso": re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"),
        "dmy": re.compile(rf"\b{day}(?:\s*-\s*[0-3]?\d)?\s+(?:of\s+)?{mon}(?:,?\s+{year})?\b", re.I),
        "mdy": re.compile(rf"\b{mon}\s+{day}(?!\d)(?:\s*,?\s*{year})?\b(?!\s*(?:km|%|percent))", re.I),
        "glued": re.compile(rf"\b{mon}\s+(?P<day>[0-3]?\d)(?P<year>(?:19|20)\d\d)\b", re.I),
        "my": re.compile(rf"\b{mon},?\s+{year}\b", re.I),
        "month": re.compile(
            r"\b(?P<pre>in|during|since|until|by|early|late|mid|end of|beginning of|last|this)(?:\s+|-)"
            rf"(?:of\s+)?{mon}(?!\s*\d)\b",
            re.I),
        "slash": re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)\b"),
        # "21.08.2013", "05-07-2015" (page datelines): four-digit year, glued text may follow ("2013Get").
        "numeric": re.compile(r"(?<![\d.\-/])(?P<a>[0-3]?\d)(?P<sep>[.\-])(?P<b>[0-3]?\d)(?P=sep)"
                              r"(?P<year>(?:19|20)\d\d)(?![\d.\-/]\d)"),
        "weekday": re.compile(rf"\b(?P<wd>{weekdays})\.?\b(?!\s*-)", re.I),
        "offset": re.compile(rf"\b(?P<off>{offsets})\b", re.I),
        "anchored": re.compile(r"\b(?P<off>" + "|".join(
            sorted((re.escape(k) for k in w["anchored_day_offsets"]), key=len, reverse=True)) + r")\b", re.I),
        "ago": re.compile(r"\b(?P<n>a|an|one|two|three|four|five|six|seven|\d{1,2}) (?P<unit>days?|weeks?) ago\b",
                          re.I),
        # "two days earlier", "a day later": counted from the story's own date.
        "days_rel": re.compile(r"\b(?P<n>one|two|three|four|five|six|seven|\d{1,2}) days? (?P<dir>earlier|later)\b",
                               re.I),
        "approx": re.compile(r"\b(?P<off>" + "|".join(
            sorted((re.escape(k) for k in w["approximate_day_offsets"]), key=len, reverse=True)) + r")\b", re.I),
        "week": re.compile(r"\b(?P<which>last|this|past|previous|earlier this|late last|early last)"
                           r"\s+week(?:end)?\b", re.I),
        "this_month": re.compile(r"\b(?:earlier|early|late|later)?\s*this month\b", re.I),
        "last_month": re.compile(r"\b(?:last|past|previous) month\b", re.I),
        "last_year": re.compile(r"\b(?:last|past|previous) year\b", re.I),
        "year": re.compile(r"\b(?P<pre>in|during)\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-/])", re.I),
        "prefix": re.compile(
            r"\b(?:" + "|".join(w["not_event_date_prefixes"]) + r")\s+(?:the\s+)?(?:\w+\s+)?$", re.I),
    }


# Patterns opening with \b: scanned together (prefix_scan gives each one's own finditer matches).
_SCANNED = ("iso", "dmy", "mdy", "glued", "my", "month", "slash", "weekday", "offset", "anchored", "ago", "week",
            "last_month", "last_year", "year", "days_rel", "approx")


@functools.lru_cache(maxsize=1)
def _scan_set() -> prefix_scan.PatternSet:
    p = _patterns()
    return prefix_scan.PatternSet([p[k] for k in _SCANNED])


def _scan(text: str) -> dict[str, list[re.Match]]:
    """Every pattern's matches over the whole text, as its own finditer finds them."""
    p = _patterns()
    found = _scan_set().finditer_each(text, 0, len(text))
    hits = {k: found.get(i, []) for i, k in enumerate(_SCANNED)}
    hits["numeric"] = prefix_scan.finditer(p["numeric"], text)
    # "this month" must be there (same IGNORECASE rules) for the pattern to match: found fast first.
    hits["this_month"] = list(p["this_month"].finditer(text)) if prefix_scan.search(_THIS_MONTH, text) else []
    return hits


_THIS_MONTH = re.compile(r"this month", re.I)


@functools.lru_cache(maxsize=1)
def _day_date_hint() -> re.Pattern:
    """What every expression of kind full / month_day / month_year / year holds (with a digit):
    a 19xx/20xx year, a digit slash digit, or a month name (the patterns' own IGNORECASE rules)."""
    months = "|".join(sorted(_words()["months"], key=len, reverse=True))
    return re.compile(rf"(?:19|20)\d\d|\d/\d|{months}", re.I)


def may_hold_day_dates(text: str) -> bool:
    """False only when find_date_expressions(text) has no full, month_day, month_year or year expression."""
    return bool(_DIGIT.search(text)) and prefix_scan.search(_day_date_hint(), text) is not None


_DIGIT = re.compile(r"\d")


_AGO_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _month_num(name: str) -> int | None:
    return _words()["months"].get(name.lower().rstrip("."))


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)
        return True
    except ValueError:
        return False


def find_date_expressions(text: str) -> list[DateExpression]:
    """Every date expression in `text`, in text order, overlapping ones merged (longest wins)."""
    return [dataclasses.replace(e) for e in _find_cached(text)]


@functools.lru_cache(maxsize=16)
def _find_cached(text: str) -> tuple[DateExpression, ...]:
    # One article is resolved once per event: scan its text once.
    return tuple(_find(text))


def _find(text: str) -> list[DateExpression]:
    if not text:
        return []
    p = _scan(text)
    found: list[DateExpression] = []
    for m in p["iso"]:
        y, mo, d = int(m["year"]), int(m["mon"]), int(m["day"])
        if _valid(y, mo, d):
            found.append(DateExpression(m.start(), m.end(), "full", y, mo, d))
    for key in ("dmy", "mdy"):
        for m in p[key]:
            mon_text = m["mon"]
            if mon_text.lower() == "may" and not mon_text[0].isupper():
                continue  # the verb "may"
            if mon_text.lower() in ("mar", "sun", "sat") and mon_text.islower():
                continue
            mo, d = _month_num(mon_text), int(m["day"])
            y = int(m["year"]) if m["year"] else None
            if mo and 1 <= d <= 31 and _valid(y, mo, d):
                found.append(DateExpression(m.start(), m.end(), "full" if y else "month_day", y, mo, d))
    for m in p["glued"]:  # "Last updated at Apr 232017"
        mo, d, y = _month_num(m["mon"]), int(m["day"]), int(m["year"])
        if mo and _valid(y, mo, d):
            found.append(DateExpression(m.start(), m.end(), "full", y, mo, d))
    for m in p["my"]:
        mo = _month_num(m["mon"])
        if mo and m["mon"][0].isupper():
            found.append(DateExpression(m.start(), m.end(), "month_year", int(m["year"]), mo))
    for m in p["month"]:
        if m["mon"][0].isupper():
            found.append(DateExpression(m.start("mon"), m.end(), "month", None, _month_num(m["mon"])))
    for m in [*p["slash"], *p["numeric"]]:
        a, b, yr = int(m["a"]), int(m["b"]), int(m["year"])
        yr = yr + 2000 if yr < 100 else yr
        # Day first (international usage) unless only month first is valid; both kept when ambiguous.
        if _valid(yr, b, a):
            alt = (yr, a, b) if a != b and _valid(yr, a, b) else None
            found.append(DateExpression(m.start(), m.end(), "full", yr, b, a, alt=alt))
        elif _valid(yr, a, b):
            found.append(DateExpression(m.start(), m.end(), "full", yr, a, b))
    for m in p["weekday"]:
        wd = m["wd"]
        if len(wd) <= 4 and not wd[0].isupper():
            continue  # "sat", "wed" as words
        if len(wd) <= 4 and not (wd.istitle() or wd.isupper()):
            continue
        found.append(DateExpression(m.start(), m.end(), "weekday", weekday=_words()["weekdays"][wd.lower()]))
    for m in p["offset"]:
        found.append(DateExpression(m.start(), m.end(), "offset", offset=_words()["day_offsets"][m["off"].lower()]))
    for m in p["anchored"]:  # "the day before": relative to the story's own date
        found.append(DateExpression(m.start(), m.end(), "anchored",
                                    offset=_words()["anchored_day_offsets"][m["off"].lower()]))
    for m in p["ago"]:
        n = int(m["n"]) if m["n"].isdigit() else _AGO_NUMBERS.get(m["n"].lower(), 1)
        kind = "offset" if m["unit"].lower().startswith("day") else "week"
        found.append(DateExpression(m.start(), m.end(), kind, offset=-n if kind == "offset" else n))
    for m in p["days_rel"]:
        n = int(m["n"]) if m["n"].isdigit() else _AGO_NUMBERS.get(m["n"].lower(), 1)
        found.append(DateExpression(m.start(), m.end(), "anchored", offset=-n if m["dir"].lower() == "earlier" else n))
    for m in p["approx"]:  # "a few days earlier/ago": about three days, known to the week
        off = _words()["approximate_day_offsets"][" ".join(m["off"].lower().split())]
        kind = "offset" if m["off"].lower().endswith("ago") else "anchored"
        found.append(DateExpression(m.start(), m.end(), kind, offset=off, approximate=True))
    for m in p["week"]:
        back = 0 if m["which"].lower() in ("this", "earlier this") else 1
        found.append(DateExpression(m.start(), m.end(), "week", offset=back))
    for key in ("this_month", "last_month", "last_year"):
        for m in p[key]:
            s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            found.append(DateExpression(s, m.end(), key))
    for m in p["year"]:
        found.append(DateExpression(m.start("year"), m.end(), "year", int(m["year"])))
    return _merge(text, found)


def _merge(text: str, found: list[DateExpression]) -> list[DateExpression]:
    # Longest first; drop anything overlapping an already kept expression.
    found.sort(key=lambda e: (-(e.end - e.start), e.start))
    kept: list[DateExpression] = []
    for e in found:
        if all(e.end <= k.start or e.start >= k.end for k in kept):
            kept.append(e)
    kept.sort(key=lambda e: e.start)
    # "Wednesday, November 6": the weekday only restates the explicit date that follows.
    out: list[DateExpression] = []
    for i, e in enumerate(kept):
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if (e.kind == "weekday" and nxt and nxt.kind in ("full", "month_day")
                and re.fullmatch(r"[\s,(]*(?:the\s+)?", text[e.end:nxt.start] or "")):
            nxt.start = e.start
            continue
        if (e.kind == "weekday" and nxt and nxt.kind == "weekday" and 0 < (nxt.weekday - e.weekday) % 7 <= 3
                and _SPAN_JOIN.fullmatch(text[e.end:nxt.start] or "")):
            nxt.start, nxt.span = e.start, True  # "on Saturday and Sunday": one span, dated by its last day
            continue
        prefix = _patterns()["prefix"].search(text[max(0, e.start - 25):e.start])
        e.discouraged = bool(prefix)
        out.append(e)
    mark_roles(text, out)
    return out


_SPAN_JOIN = re.compile(r"\s*(?:,|and|or|to|through|till|until|-|\u2013)\s*(?:on\s+|early\s+|late\s+)?", re.I)


def parse_reference_date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD (or longer ISO timestamp) string as a date; None if it is not one."""
    if not value:
        return None
    m = re.match(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _week_middle(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=3)


def _resolve(e: DateExpression, ref: dt.date | None, fallback_year: int | None,
             nearest: bool = False) -> tuple[str | None, int]:
    """(date string, precision) for one expression; (None, 0) when it cannot resolve.

    `nearest`: `ref` is a date told earlier in the text, not the page's date, so a later
    "on 8 May" may follow it: a day-month takes the year that puts it nearest to `ref`."""
    if e.kind == "full":
        day = dt.date(e.year, e.month, e.day)
        if e.alt and ref is not None:
            # 6/11/2019: the reading on or before the reference date and nearest to it.
            readings = [r for r in (day, dt.date(*e.alt)) if r <= ref]
            day = max(readings) if readings else day
        return day.isoformat(), 1
    if e.kind == "month_year":
        return f"{e.year:04d}-{e.month:02d}", 3
    if e.kind == "year":
        return f"{e.year:04d}", 4
    if e.kind == "month_day":
        if ref is None:
            if fallback_year is None or not _valid(fallback_year, e.month, e.day):
                return None, 0
            return dt.date(fallback_year, e.month, e.day).isoformat(), 1
        if nearest:
            days = [dt.date(y, e.month, e.day) for y in (ref.year - 1, ref.year, ref.year + 1)
                    if _valid(y, e.month, e.day)]
            return min(days, key=lambda d: abs((d - ref).days)).isoformat(), 1
        # The year that puts the day on or before the reference date.
        for y in (ref.year, ref.year - 1):
            if _valid(y, e.month, e.day) and dt.date(y, e.month, e.day) <= ref:
                return dt.date(y, e.month, e.day).isoformat(), 1
        return None, 0
    if e.kind == "month":
        if ref is None:
            return (f"{fallback_year:04d}-{e.month:02d}", 3) if fallback_year else (None, 0)
        y = ref.year if e.month <= ref.month else ref.year - 1
        return f"{y:04d}-{e.month:02d}", 3
    if ref is None:
        return None, 0
    if e.kind == "weekday":
        back = (ref.weekday() - e.weekday) % 7
        return (ref - dt.timedelta(days=back)).isoformat(), 2 if e.span else 1
    if e.kind in ("offset", "anchored"):
        return (ref + dt.timedelta(days=e.offset)).isoformat(), 2 if e.approximate else 1
    if e.kind == "week":
        middle = _week_middle(ref - dt.timedelta(weeks=e.offset))
        return min(middle, ref).isoformat(), 2
    if e.kind == "this_month":
        return f"{ref.year:04d}-{ref.month:02d}", 3
    if e.kind == "last_month":
        y, m = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
        return f"{y:04d}-{m:02d}", 3
    if e.kind == "last_year":
        return f"{ref.year - 1:04d}", 4
    return None, 0


def _paragraph_start(text: str, pos: int) -> int:
    cut = text.rfind("\n\n", 0, pos)
    if cut < 0:
        cut = text.rfind("\n", 0, pos)
    return cut + 1 if cut >= 0 else 0


def _text_reference(exprs: list[DateExpression], before: int) -> tuple[dt.date | None, int, int]:
    """The latest full date starting before `before`, else the first full date in the text."""
    full = [e for e in exprs if e.kind == "full"]
    if not full:
        return None, -1, -1
    earlier = [e for e in full if e.start < before]
    e = earlier[-1] if earlier else full[0]
    return dt.date(e.year, e.month, e.day), e.start, e.end


# "Posted on August 3 2013", "Published on 4 May": the page's own date, though "on" leads it.
_PAGE_DATE_LEAD = re.compile(r"\b(?:posted|published|updated|date of publication)\s*(?:on|at)?\s*:?\s*$", re.I)
_APPROXIMATE = re.compile(r"\b(?:around|about|circa|approximately|as reported on|reported on|the week of)\s+$", re.I)
_DATELINE_WINDOW = 160
_EVENT_DATE_LEAD = re.compile(r"(?:\bon|\baround|\bof|\bsince|\buntil|\bby|\bfrom|\bbetween|\bbefore|\bafter|\bin)\s*$",
                              re.I)


def _dateline(text: str, exprs: list[DateExpression]) -> DateExpression | None:
    """A full date opening the article ("AFP Sunday 1 Feb 2015", "Published April 4 2017").

    ACLED notes open with "On 28 April 2020," -- an event date, never a dateline."""
    for e in exprs:
        if e.start > _DATELINE_WINDOW:
            return None
        if e.kind != "full":
            continue
        lead = text[max(0, e.start - 30):e.start]
        if _EVENT_DATE_LEAD.search(lead) and not _PAGE_DATE_LEAD.search(lead):
            return None
        others = [x for x in exprs if x is not e and x.start > e.end]
        return e if others else None
    return None


def _pick(candidates: list[DateExpression]) -> DateExpression | None:
    """The event's own date among several: day-precise, not 'since ...' and not a follow-up's
    ("died of wounds on Tuesday", "said on Monday") first, else the first."""
    if not candidates:
        return None
    for want in (
        lambda e: not e.discouraged and e.role != "followup" and e.kind in _DAY_KINDS,
        lambda e: not e.discouraged and e.kind in _DAY_KINDS,
        lambda e: not e.discouraged,
        lambda e: True,
    ):
        chosen = [e for e in candidates if want(e)]
        if chosen:
            return chosen[0]
    return None


_DAY_KINDS = ("full", "month_day", "weekday", "offset", "anchored")


def _nearest_earlier_date(exprs: list[DateExpression], before: int, ref: dt.date | None,
                          fallback_year: int | None, page: dt.date | None = None) -> DateResult | None:
    """The nearest explicit day date earlier in the article (before the span's paragraph), when the
    span itself and its paragraph give none: the story's own date usually precedes its details.

    Dates after the reference date, 'since ...'/'until ...' dates and yearless days shortly after
    the `page` date (days still to come) are passed over."""
    for e in reversed([e for e in exprs if e.end <= before]):
        if e.discouraged or e.kind not in ("full", "month_day"):
            continue
        value, _ = _resolve(e, ref, fallback_year)
        if value and ahead_of_page(e, page):
            continue
        if value and (ref is None or value <= ref.isoformat()):
            return DateResult(value, 2, e.start, e.end, "text-date")
    return None


def resolve_event_date(text: str, start: int, end: int, published: str | None) -> DateResult:
    """The date of the event told in text[start:end]; never raises on odd text."""
    try:
        return DateResult(*_resolve_cached(text or "", start, end, published))
    except Exception:  # odd text must never break extraction
        ref = parse_reference_date(published)
        return DateResult(ref.isoformat() if ref else None, 2 if ref else 1, source="published" if ref else "")


@functools.lru_cache(maxsize=256)
def _resolve_cached(text: str, start: int, end: int, published: str | None) -> tuple:
    """The pipeline resolves most sentences twice (event_dates.sentence_date while finding the
    candidates, incident_date while building the event): the second time is a lookup. A tuple,
    so each caller gets its own DateResult."""
    r = _resolve_event_date(text, start, end, published)
    return r.date, r.precision, r.start, r.end, r.source


def _resolve_event_date(text: str, start: int, end: int, published: str | None) -> DateResult:
    start = max(0, min(start, len(text)))
    end = max(start, min(end if end >= 0 else len(text), len(text)))
    exprs = list(_find_cached(text))  # read only below: no copies needed
    pub = parse_reference_date(published)
    dateline = _dateline(text, exprs)
    if dateline is not None:
        # The page's own date: a reference for "on Wednesday", not the event's date.
        exprs = [e for e in exprs if e is not dateline]
        pub = pub or dt.date(dateline.year, dateline.month, dateline.day)
    text_ref, ref_start, ref_end = _text_reference(exprs, end)
    # Relative expressions lean on publication first; absent that, on a nearby full date.
    ref = pub or text_ref
    years = [e.year for e in exprs if e.year and e.start < end] or [e.year for e in exprs if e.year]
    fallback_year = years[-1] if years else None

    inside = [e for e in exprs if e.start >= start and e.end <= end]
    para = _paragraph_start(text, start)
    before = [e for e in exprs if e.start >= para and e.end <= start]
    if pub is None and any(e.kind in ("weekday", "offset", "week") for e in inside) and not any(
            e.kind == "full" for e in exprs):
        return DateResult(None, 1, source="")  # "on Thursday" with nothing to anchor it
    # Before the span, only a day date may be its incident's: a month or year there ("in April",
    # "since 2013") is background to the sentence that told it.
    for pool in (inside, [e for e in reversed(before) if e.kind in _DAY_KINDS]):
        remaining = list(pool)
        while remaining:
            e = _pick(remaining)
            if e is None:
                break
            e_ref, nearest = ref, False
            if e.kind == "anchored" or (pub is None and e.kind not in ("full", "month_year", "year")):
                # A relative date in an undated text: anchor on the latest full date before it.
                anchored, _, _ = _text_reference(exprs, e.start)
                e_ref, nearest = anchored or ref, anchored is not None and e.kind == "month_day"
            value, precision = _resolve(e, e_ref, fallback_year, nearest)
            on_page = pub is not None and e_ref is pub  # read against the page's date, not a date in the text
            if value and on_page and ahead_of_page(e, pub):
                value = None  # "talks to open on 12 June" on a 4 June page: not last year's
            if value and precision == 1 and _APPROXIMATE.search(text[max(0, e.start - 20):e.start]):
                precision = 2  # "Around 7 May", "As reported on 1 May": ACLED's week precision, same date
            if value:
                kind = "explicit" if e.kind in ("full", "month_day", "month_year", "month", "year") else "relative"
                return DateResult(value, precision, e.start, e.end, kind)
            remaining.remove(e)
    earlier = _nearest_earlier_date(exprs, para, ref, fallback_year, pub)
    if earlier is not None:
        return earlier
    if dateline is not None and parse_reference_date(published) is None:
        return DateResult(pub.isoformat(), 2, dateline.start, dateline.end, "text-date")
    if pub is not None:
        return DateResult(pub.isoformat(), 2, source="published")
    if text_ref is not None:
        return DateResult(text_ref.isoformat(), 2, ref_start, ref_end, "text-date")
    return DateResult(None, 1, source="")


def expressions_in(text: str, start: int, end: int) -> list[DateExpression]:
    """Copies of the date expressions inside text[start:end], in text order."""
    return [dataclasses.replace(e) for e in _find_cached(text or "") if start <= e.start and e.end <= end]


def expression_at(text: str, start: int, end: int) -> DateExpression | None:
    """A copy of the date expression overlapping text[start:end] (its kind and role), or None."""
    for e in _find_cached(text or ""):
        if e.start < end and start < e.end:
            return dataclasses.replace(e)
    return None
