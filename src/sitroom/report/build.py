"""Assemble a situation report's content from the store; renderers format it."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone

from sitroom.report import figures
from sitroom.report.outlook import Outlook, build_outlook
from sitroom.report.query import (
    EventFilter, Headline, Period, daily_rows, default_period, event_claims, event_sources,
    headline_figures, list_events, parse_day, weekly_counts,
)
from sitroom.store import Store

TOP_EVENTS = 8
MAX_CONTESTED_CLAIMS = 20
WEEKLY_CHART_WEEKS = 16  # the chart shows the report period and the weeks before it, for context
DOUBTING_STANCES = ("denies", "doubts", "unconfirmed")


@dataclass
class Citation:
    number: int
    outlet: str
    title: str
    url: str
    published: str | None
    article_id: str


@dataclass
class SignificantEvent:
    event: dict
    summary: str
    citations: list[Citation]
    contested: bool
    contested_reasons: list[str]


@dataclass
class ContestedClaim:
    event_id: str
    event_summary: str
    speaker: str
    stance: str
    subject: str
    value: str | None
    text: str
    citation: Citation | None


@dataclass
class Report:
    title: str
    scope: str
    period: Period
    generated_at: str
    headline: Headline | None
    n_events: int
    map_png: bytes | None
    chart_png: bytes | None
    significant: list[SignificantEvent] = field(default_factory=list)
    contested_claims: list[ContestedClaim] = field(default_factory=list)
    outlook: Outlook | None = None
    citations: list[Citation] = field(default_factory=list)
    map_points: list[dict] = field(default_factory=list)  # what draw_figures plots
    weekly: list[dict] = field(default_factory=list)
    chart_start: date | None = None

    @property
    def empty(self) -> bool:
        return self.n_events == 0


def describe_scope(f: EventFilter) -> str:
    parts = []
    if f.country:
        parts.append(f"country {f.country}")
    if f.admin1:
        parts.append(f"region {f.admin1}")
    if f.actor:
        parts.append(f"actor '{f.actor}'")
    if f.event_type:
        parts.append(f"event type {f.event_type}")
    if f.contested is not None:
        parts.append("contested events" if f.contested else "uncontested events")
    if f.q:
        parts.append(f"text '{f.q}'")
    return ", ".join(parts) or "all events"


def event_summary(e: dict) -> str:
    """One line: when, what, where, who, how many dead, how many outlets."""
    what = e.get("sub_event_type") or e.get("event_type") or "Event"
    where = ", ".join(x for x in (e.get("location"), e.get("admin1"), e.get("country")) if x) or "unknown place"
    actors = " vs ".join(x for x in (e.get("actor1"), e.get("actor2")) if x)
    deaths = int(e.get("fatalities") or 0)
    line = f"{e.get('event_date') or 'undated'}: {what} in {where}"
    if actors:
        line += f"; {actors}"
    line += f"; {deaths} {'fatality' if deaths == 1 else 'fatalities'}"
    outlets = int(e.get("n_outlets") or 0)
    if outlets:
        line += f"; {outlets} {'outlet' if outlets == 1 else 'outlets'}"
    return line


def _significance(e: dict) -> tuple:
    return (-int(e["fatalities"] or 0), -int(e["n_outlets"] or 0), -int(e["n_sources"] or 0), e["id"])


def _weeks_before(d: date, weeks: int) -> date:
    try:
        return d - timedelta(weeks=weeks)
    except OverflowError:
        return date.min


def coverage_start(store: Store) -> date | None:
    """The first day the data can speak for: the later of the first event and the
    first published article. Events dated before the corpus begins are looked-back
    mentions, so counting them as a quiet baseline would invent an escalation."""
    first_event = parse_day(store.scalar("SELECT min(event_date) FROM events WHERE event_date IS NOT NULL"))
    first_article = parse_day(store.scalar(
        "SELECT min(a.published) FROM articles a WHERE a.published IS NOT NULL AND a.published <> '' "
        "AND EXISTS (SELECT 1 FROM event_sources s WHERE s.article_id = a.id)"
    ))
    days = [d for d in (first_event, first_article) if d is not None]
    return max(days) if days else None


def build_report(store: Store, f: EventFilter | None = None, with_figures: bool = True) -> Report:
    """Everything a report says, computed from the store for filter `f`.

    The period is f.date_from..f.date_to, by default the last 4 weeks up to
    the latest event date matching the other filters."""
    f = f or EventFilter()
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    period = default_period(store, f)
    title = f"Situation report: {describe_scope(f)}"
    if period is None:
        today = datetime.now(timezone.utc).date()
        return Report(title, describe_scope(f), Period(today, today), now, None, 0, None, None)
    scoped = f.with_dates(period.start.isoformat(), period.end.isoformat())
    events, _ = list_events(store, scoped)
    head = headline_figures(store, f, period)

    citations: dict[tuple[str, str], Citation] = {}

    def cite(src: dict) -> Citation:
        key = (src["article_id"], src.get("url") or "")
        if key not in citations:
            citations[key] = Citation(
                len(citations) + 1, src.get("outlet") or "", src.get("title") or "", src.get("url") or "",
                src.get("published"), src["article_id"],
            )
        return citations[key]

    top = sorted(events, key=_significance)[:TOP_EVENTS]
    sources = event_sources(store, [e["id"] for e in top], with_context=False)
    significant = [
        SignificantEvent(
            e, event_summary(e), [cite(s) for s in sources.get(e["id"], [])], e["contested"], e["contested_reasons"],
        )
        for e in top
    ]

    contested_ids = [e["id"] for e in events]
    by_id = {e["id"]: e for e in events}
    claims = event_claims(store, contested_ids)
    contested_claims = []
    for event_id in sorted(claims, key=lambda i: _significance(by_id[i])):
        e = by_id[event_id]
        for c in claims[event_id]:
            if not (e["contested"] or c["stance"] in DOUBTING_STANCES):
                continue
            src = {"article_id": c["article_id"], "outlet": c["outlet"], "title": c["title"], "url": c["url"],
                   "published": None}
            contested_claims.append(ContestedClaim(
                event_id, event_summary(e), c["speaker"], c["stance"], c["subject"], c["value"], c["text"],
                cite(src) if c["article_id"] else None,
            ))
    contested_claims = contested_claims[:MAX_CONTESTED_CLAIMS]

    outlook_from = period.previous(3).start
    history = replace(f, date_from=None, date_to=None)
    history_start = coverage_start(store)
    outlook = build_outlook(
        daily_rows(store, history.with_dates(outlook_from.isoformat(), period.end.isoformat())),
        period.start, period.end, history_start=history_start,
    )

    chart_start = min(_weeks_before(period.end, WEEKLY_CHART_WEEKS), period.start)
    report = Report(
        title, describe_scope(f), period, now, head, len(events), None, None,
        significant, contested_claims, outlook, sorted(citations.values(), key=lambda c: c.number),
        map_points=[{k: e[k] for k in ("latitude", "longitude", "event_type", "fatalities")} for e in events],
        weekly=weekly_counts(store, f.with_dates(chart_start.isoformat(), period.end.isoformat())),
        chart_start=chart_start,
    )
    if with_figures:
        draw_figures(report)
    return report


def draw_figures(report: Report) -> Report:
    """Draw the map and the weekly chart from the data build_report collected.
    Needs no store, so a server can draw after releasing its database lock."""
    if report.empty or report.chart_start is None:
        return report
    report.map_png = figures.draw_map(report.map_points, f"Events {report.period.label()} ({report.n_events})")
    report.chart_png = figures.draw_weekly_chart(
        report.weekly, report.chart_start, report.period.end, highlight_from=report.period.start,
    )
    return report
