"""Read fused events, their sources, claims and stories from the store.

Portable SQL with `?` placeholders only; every user value is a parameter,
never part of the SQL text. Shared by reports and the HTTP API, so both
filter the same way.
"""
from __future__ import annotations

import base64
import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sitroom.store import Store

EVENT_COLUMNS = (
    "id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "country",
    "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities",
    "fatalities_low", "fatalities_high", "notes", "confidence", "n_sources", "n_outlets", "contested",
    "contested_json", "story_id", "first_seen", "last_updated", "revision",
)
_SELECT = "SELECT " + ", ".join(f"e.{c}" for c in EVENT_COLUMNS) + " FROM events e"


class CursorError(ValueError):
    """An opaque page cursor that this server did not issue."""


@dataclass(frozen=True)
class EventFilter:
    """The filters every surface shares (CLI report, API, dashboard)."""

    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None  # YYYY-MM-DD, inclusive
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None  # matches actor1, actor2 or their associates (substring, any case)
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    contested: bool | None = None
    q: str | None = None  # text search in notes, location, actors and source article text
    story_id: str | None = None

    def with_dates(self, date_from: str | None, date_to: str | None) -> "EventFilter":
        return replace(self, date_from=date_from, date_to=date_to)


def _like(value: str) -> str:
    """A LIKE pattern matching `value` literally anywhere (wildcards escaped)."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where_clause(f: EventFilter) -> tuple[str, list]:
    """SQL condition on alias `e` and its parameters."""
    conds: list[str] = []
    params: list = []
    if f.date_from:
        conds.append("e.event_date >= ?")
        params.append(f.date_from)
    if f.date_to:
        # Before the next day: includes "2019-11-07" and month-precision "2019-11", and needs
        # no punctuation in the bound (PostgreSQL's locale collations ignore it).
        day = parse_day(f.date_to)
        if day is not None and day < date(MAX_YEAR, 12, 31):
            conds.append("e.event_date < ?")
            params.append((day + timedelta(days=1)).isoformat())
        else:
            conds.append("e.event_date <= ?")
            params.append(f.date_to + "~")
    if f.country:
        conds.append("(lower(e.country) = ? OR lower(e.iso3) = ?)")
        params += [f.country.lower(), f.country.lower()]
    if f.admin1:
        conds.append("lower(e.admin1) = ?")
        params.append(f.admin1.lower())
    if f.event_type:
        conds.append("lower(e.event_type) = ?")
        params.append(f.event_type.lower())
    if f.actor:
        pattern = _like(f.actor)
        conds.append(
            "(" + " OR ".join(
                f"lower(coalesce(e.{c}, '')) LIKE ? ESCAPE '\\'"
                for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
            ) + ")"
        )
        params += [pattern] * 4
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        conds.append("e.longitude BETWEEN ? AND ? AND e.latitude BETWEEN ? AND ?")
        params += [min_lon, max_lon, min_lat, max_lat]
    if f.contested is not None:
        conds.append("coalesce(e.contested, FALSE) = ?")
        params.append(bool(f.contested))
    if f.story_id:
        conds.append("e.story_id = ?")
        params.append(f.story_id)
    if f.q:
        pattern = _like(f.q)
        fields = ("notes", "location", "actor1", "actor2", "admin1", "country", "sub_event_type")
        conds.append(
            "(" + " OR ".join(f"lower(coalesce(e.{c}, '')) LIKE ? ESCAPE '\\'" for c in fields)
            + " OR EXISTS (SELECT 1 FROM event_sources s JOIN articles a ON a.id = s.article_id"
            " WHERE s.event_id = e.id AND (lower(a.text) LIKE ? ESCAPE '\\'"
            " OR lower(coalesce(a.title, '')) LIKE ? ESCAPE '\\')))"
        )
        params += [pattern] * (len(fields) + 2)
    return (" AND ".join(conds) or "TRUE"), params


def event_row(r: dict) -> dict:
    """A stored events row as plain JSON-ready values."""
    d = {c: r.get(c) for c in EVENT_COLUMNS}
    d["contested"] = bool(d["contested"])
    try:
        reasons = json.loads(d.pop("contested_json") or "[]")
    except ValueError:
        reasons = []
    d["contested_reasons"] = [str(x) for x in reasons] if isinstance(reasons, list) else [str(reasons)]
    for k in ("fatalities", "fatalities_low", "fatalities_high", "n_sources", "n_outlets"):
        d[k] = int(d[k] or 0)
    for k in ("latitude", "longitude", "confidence"):
        d[k] = float(d[k]) if d[k] is not None else None
    for k in ("event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2",
              "country", "iso3", "admin1", "admin2", "location", "notes", "civilian_targeting"):
        d[k] = d[k] or ""
    return d


# --- cursors ---------------------------------------------------------------
# Order is newest first, then id: stable under inserts of other dates.
def encode_cursor(event_date: str | None, event_id: str) -> str:
    raw = json.dumps([event_date or "", event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        event_date, event_id = json.loads(raw)
        if not isinstance(event_date, str) or not isinstance(event_id, str):
            raise ValueError
        return event_date, event_id
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise CursorError("invalid cursor") from exc


def list_events(
    store: Store, f: EventFilter = EventFilter(), limit: int | None = None, cursor: str | None = None,
) -> tuple[list[dict], str | None]:
    """Events matching `f`, newest first; (page, next cursor or None)."""
    cond, params = where_clause(f)
    if cursor:
        last_date, last_id = decode_cursor(cursor)
        cond += " AND (coalesce(e.event_date, '') < ? OR (coalesce(e.event_date, '') = ? AND e.id > ?))"
        params += [last_date, last_date, last_id]
    sql = f"{_SELECT} WHERE {cond} ORDER BY coalesce(e.event_date, '') DESC, e.id"
    if limit is not None:
        sql += f" LIMIT {int(limit) + 1}"
    rows = [event_row(r) for r in store.query(sql, params)]
    next_cursor = None
    if limit is not None and len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["event_date"], rows[-1]["id"])
    return rows, next_cursor


def get_event(store: Store, event_id: str) -> dict | None:
    """One event with its sources (and evidence in context), claims and revisions."""
    rows = store.query(f"{_SELECT} WHERE e.id = ?", (event_id,))
    if not rows:
        return None
    event = event_row(rows[0])
    event["sources"] = event_sources(store, [event_id]).get(event_id, [])
    event["claims"] = event_claims(store, [event_id]).get(event_id, [])
    event["revisions"] = [
        {
            "revision": int(r["revision"]), "revised_at": r["revised_at"], "reason": r["reason"] or "",
            "changes": _json_obj(r["changes_json"]),
        }
        for r in store.query(
            "SELECT revision, revised_at, reason, changes_json FROM event_revisions "
            "WHERE event_id = ? ORDER BY revision", (event_id,),
        )
    ]
    return event


def _json_obj(text: str | None) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {"value": value}


def _placeholders(n: int) -> str:
    return ", ".join("?" for _ in range(n))


CONTEXT_CHARS = 160  # characters of article text shown either side of an evidence span


def event_sources(store: Store, event_ids: list[str], with_context: bool = True) -> dict[str, list[dict]]:
    """event id -> its sources: article title, URL, outlet, and evidence spans in context."""
    out: dict[str, list[dict]] = defaultdict(list)
    for chunk_start in range(0, len(event_ids), 500):
        ids = event_ids[chunk_start:chunk_start + 500]
        text_col = "a.text" if with_context else "NULL"
        rows = store.query(
            "SELECT s.event_id, s.mention_id, s.article_id, s.outlet, s.published, s.fatalities, "
            f"s.evidence_json, a.title, a.url, a.outlet AS article_outlet, {text_col} AS article_text "
            "FROM event_sources s LEFT JOIN articles a ON a.id = s.article_id "
            f"WHERE s.event_id IN ({_placeholders(len(ids))}) "
            "ORDER BY s.event_id, s.published, s.mention_id",
            ids,
        )
        for r in rows:
            spans = _spans(r["evidence_json"])
            text = r["article_text"] or ""
            evidence = []
            for s in spans:
                item = {"text": s["text"], "start": s["start"], "end": s["end"], "before": "", "after": ""}
                if text and 0 <= s["start"] <= s["end"] <= len(text):
                    item["before"] = text[max(0, s["start"] - CONTEXT_CHARS):s["start"]]
                    item["after"] = text[s["end"]:s["end"] + CONTEXT_CHARS]
                evidence.append(item)
            out[r["event_id"]].append({
                "mention_id": r["mention_id"], "article_id": r["article_id"],
                "outlet": r["outlet"] or r["article_outlet"] or "", "published": r["published"],
                "fatalities": int(r["fatalities"] or 0), "title": r["title"] or "",
                "url": r["url"] or "", "evidence": evidence,
            })
    return dict(out)


def _spans(text: str | None) -> list[dict]:
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return []
    spans = []
    for s in items if isinstance(items, list) else []:
        if isinstance(s, dict) and "text" in s:
            spans.append({"text": str(s["text"]), "start": int(s.get("start", -1)), "end": int(s.get("end", -1))})
    return spans


def event_claims(store: Store, event_ids: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for chunk_start in range(0, len(event_ids), 500):
        ids = event_ids[chunk_start:chunk_start + 500]
        rows = store.query(
            "SELECT c.id, c.event_id, c.article_id, c.speaker, c.stance, c.subject, c.value, c.text, "
            "a.outlet, a.url, a.title FROM claims c LEFT JOIN articles a ON a.id = c.article_id "
            f"WHERE c.event_id IN ({_placeholders(len(ids))}) ORDER BY c.event_id, c.id",
            ids,
        )
        for r in rows:
            out[r["event_id"]].append({
                "id": r["id"], "article_id": r["article_id"], "speaker": r["speaker"] or "",
                "stance": r["stance"] or "", "subject": r["subject"] or "", "value": r["value"],
                "text": r["text"] or "", "outlet": r["outlet"] or "", "url": r["url"] or "",
                "title": r["title"] or "",
            })
    return dict(out)


def get_article(store: Store, article_id: str) -> dict | None:
    rows = store.query(
        "SELECT id, title, url, outlet, published, language, story_id, text FROM articles WHERE id = ?",
        (article_id,),
    )
    if not rows:
        return None
    r = rows[0]
    return {k: (r[k] if r[k] is not None else ("" if k != "published" else None)) for k in r}


def list_stories(store: Store, limit: int = 200) -> list[dict]:
    rows = store.query(
        "SELECT s.id, s.title, s.first_published, s.last_published, s.n_articles, s.n_outlets, "
        "(SELECT count(*) FROM events e WHERE e.story_id = s.id) AS n_events "
        f"FROM stories s ORDER BY s.last_published DESC, s.id LIMIT {int(limit)}"
    )
    return [
        {
            "id": r["id"], "title": r["title"] or "", "first_published": r["first_published"],
            "last_published": r["last_published"], "n_articles": int(r["n_articles"] or 0),
            "n_outlets": int(r["n_outlets"] or 0), "n_events": int(r["n_events"] or 0),
        }
        for r in rows
    ]


def framing_rows(store: Store, actor: str | None = None) -> tuple[str, list[dict]]:
    """How outlets frame actors: ('terms', rows of actor, outlet, term, count) from
    the fusion stage's framing table; when it has nothing, ('stances', rows of
    outlet, speaker, stance, claims) counted from the claims table."""
    try:
        from sitroom.fuse import framing_table
    except ImportError:
        framing_table = None
    if framing_table is not None:
        try:
            table = framing_table(store, actor=actor)
        except Exception:  # noqa: BLE001 - a store without the fusion tables: fall back to claims
            table = {}
        rows = [
            {"actor": a, "outlet": o, "term": t, "count": int(n)}
            for a, outlets in sorted(table.items()) for o, terms in sorted(outlets.items())
            for t, n in sorted(terms.items())
        ]
        if rows:
            return "terms", rows
    cond, params = "TRUE", []
    if actor:
        cond = "lower(coalesce(c.speaker, '')) LIKE ? ESCAPE '\\'"
        params = [_like(actor)]
    rows = store.query(
        "SELECT coalesce(a.outlet, '') AS outlet, coalesce(c.speaker, '') AS speaker, "
        "coalesce(c.stance, '') AS stance, count(*) AS n FROM claims c "
        f"LEFT JOIN articles a ON a.id = c.article_id WHERE {cond} "
        "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        params,
    )
    return "stances", [
        {"outlet": r["outlet"], "speaker": r["speaker"], "stance": r["stance"], "claims": int(r["n"])} for r in rows
    ]


# --- time -------------------------------------------------------------------
MIN_YEAR, MAX_YEAR = 1800, 2200  # dates outside are treated as missing


def parse_day(value: str | None) -> date | None:
    """A date from 'YYYY-MM-DD' (or the first day of 'YYYY-MM' / 'YYYY')."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        if not MIN_YEAR <= y <= MAX_YEAR:
            return None  # garbage, and date arithmetic near year 1 or 9999 overflows
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def latest_event_date(store: Store, f: EventFilter = EventFilter()) -> date | None:
    cond, params = where_clause(replace(f, date_from=None, date_to=None))
    return parse_day(store.scalar(f"SELECT max(e.event_date) FROM events e WHERE {cond}", params))


def daily_rows(store: Store, f: EventFilter) -> list[dict]:
    """Minimal rows for counting: date, type, fatalities, region and actors."""
    cond, params = where_clause(f)
    return store.query(
        "SELECT e.event_date, e.event_type, e.fatalities, e.country, e.admin1, e.actor1, e.actor2 "
        f"FROM events e WHERE {cond} AND e.event_date IS NOT NULL",
        params,
    )


def weekly_counts(store: Store, f: EventFilter) -> list[dict]:
    """[{week (Monday), event_type, events, fatalities}] sorted by week then type.

    Counted in Python over the filtered rows: week arithmetic differs between
    SQL engines, and the row set of a filtered period is small."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in daily_rows(store, f):
        day = parse_day(r["event_date"])
        if day is None:
            continue
        key = (week_start(day).isoformat(), r["event_type"] or "Unknown")
        counts[key][0] += 1
        counts[key][1] += int(r["fatalities"] or 0)
    return [
        {"week": week, "event_type": etype, "events": n, "fatalities": fat}
        for (week, etype), (n, fat) in sorted(counts.items())
    ]


MAX_PERIOD_DAYS = 3653  # a report covers at most ten years, ending at the requested end


def _days_before(d: date, days: int) -> date:
    try:
        return d - timedelta(days=days)
    except OverflowError:
        return date.min


@dataclass
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self, lengths: int = 1) -> "Period":
        """The `lengths` periods of equal length just before this one (clipped at year 1)."""
        end = _days_before(self.start, 1)
        return Period(_days_before(self.start, self.days * lengths), max(end, date.min))

    def label(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


def default_period(store: Store, f: EventFilter, weeks: int = 4) -> Period | None:
    """The filter's dates, else the last `weeks` weeks up to the latest event."""
    start, end = parse_day(f.date_from), parse_day(f.date_to)
    if end is None:
        end = latest_event_date(store, f)
        if end is None:
            return None
    if start is None:
        start = _days_before(end, 7 * weeks - 1)
    if start > end:
        start, end = end, start
    start = max(start, _days_before(end, MAX_PERIOD_DAYS - 1))
    return Period(start, end)


@dataclass
class TypeFigures:
    events: int = 0
    fatalities: int = 0
    previous_events: int = 0
    previous_fatalities: int = 0


@dataclass
class Headline:
    period: Period
    previous: Period
    by_type: dict[str, TypeFigures] = field(default_factory=dict)

    @property
    def total(self) -> TypeFigures:
        t = TypeFigures()
        for v in self.by_type.values():
            t.events += v.events
            t.fatalities += v.fatalities
            t.previous_events += v.previous_events
            t.previous_fatalities += v.previous_fatalities
        return t


def headline_figures(store: Store, f: EventFilter, period: Period) -> Headline:
    """Events and fatalities by type, against the previous period of equal length."""
    prev = period.previous()
    head = Headline(period, prev)
    for p, current in ((period, True), (prev, False)):
        for r in daily_rows(store, f.with_dates(p.start.isoformat(), p.end.isoformat())):
            fig = head.by_type.setdefault(r["event_type"] or "Unknown", TypeFigures())
            if current:
                fig.events += 1
                fig.fatalities += int(r["fatalities"] or 0)
            else:
                fig.previous_events += 1
                fig.previous_fatalities += int(r["fatalities"] or 0)
    head.by_type = dict(sorted(head.by_type.items(), key=lambda kv: (-kv[1].events, kv[0])))
    return head
