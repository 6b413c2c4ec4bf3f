"""Fused events in the store: read and write events, sources, claims and revisions.

Only the Store's generic methods are used: query / execute / transaction with
`?` placeholders and portable SQL, and the keyed bulk methods (insert_rows,
update_rows, delete_rows, rows_by_keys) each backend implements its fastest way.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable

from sitroom.fuse.fusion import MentionGroup, mention_order_key
from sitroom.records import Claim, Event, EventSource, FusedEvent, Revision, Span
from sitroom.store import Store
from sitroom.store.base import mention_from_row

EVENT_FIELDS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "country", "iso3", "admin1",
    "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low",
    "fatalities_high", "notes", "confidence",
)
EVENT_COLUMNS = ("id",) + EVENT_FIELDS + (
    "n_sources", "n_outlets", "contested", "contested_json", "story_id", "first_seen", "last_updated", "revision",
)
# A change in any of these is a revision of the event (kept in event_revisions).
REVISED_FIELDS = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
    "fatalities", "fatalities_low", "fatalities_high", "n_sources", "n_outlets", "contested",
)


def _date_shift(d: str, days: int) -> str:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(d[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return d


def _period_end(d: str) -> str:
    """The last day of a YYYY, YYYY-MM or YYYY-MM-DD period, as text that sorts after every
    date in it in any collation."""
    return d if len(d) >= 10 else (d + "-31" if len(d) == 7 else d + "-12-31")


def load_candidate_groups(store: Store, mentions: list[Event], window_days: int = 2) -> list[MentionGroup]:
    """Stored events that new mentions could join: those with a member mention dated
    within the new mentions' date range (plus a margin), in one query."""
    dates = sorted(m.event_date for m in mentions if m.event_date)
    if not dates:
        return []
    lo, hi = _date_shift(dates[0], -window_days)[:7], _date_shift(dates[-1], window_days)
    # Whole events (every member, also those dated outside the range): a new mention is scored
    # against the mean of all members and any member may veto it. Membership is read from
    # event_sources, so a member re-extracted and waiting for a later batch (its event_id
    # cleared) still counts: the event is not revised down and back up meanwhile.
    rows = store.query(
        "SELECT s.event_id AS member_of, m.* FROM event_sources s JOIN event_mentions m ON m.mention_id = s.mention_id "
        "WHERE s.event_id IN (SELECT DISTINCT s2.event_id FROM event_sources s2 JOIN event_mentions m2 "
        "ON m2.mention_id = s2.mention_id WHERE m2.event_date >= ? AND m2.event_date <= ?)",
        (lo, hi),
    )
    by_event: dict[str, list[Event]] = defaultdict(list)
    for r in rows:
        by_event[r["member_of"]].append(mention_from_row(r))
    return [
        MentionGroup(eid, sorted(ms, key=mention_order_key), is_new=False) for eid, ms in sorted(by_event.items())
    ]


def event_rows(store: Store, ids: Iterable[str]) -> dict[str, dict]:
    """id -> stored events row, for those of `ids` that are stored."""
    return {r["id"]: r for r in store.rows_by_keys("events", "id", ids)}


def copy_of_map(store: Store, article_ids: Iterable[str] | None = None) -> dict[str, str]:
    """article id -> the article it is a syndicated copy of (for `article_ids`, else all)."""
    if article_ids is None:
        rows = store.query("SELECT article_id, copy_of FROM article_signatures WHERE copy_of IS NOT NULL")
    else:
        rows = store.rows_by_keys("article_signatures", "article_id", article_ids, "article_id, copy_of")
    return {r["article_id"]: r["copy_of"] for r in rows if r["copy_of"]}


def previous_events(store: Store, mention_ids: Iterable[str]) -> set[str]:
    """Events that already list these mentions as sources (a re-extracted mention was fused before)."""
    return {r["event_id"] for r in store.rows_by_keys("event_sources", "mention_id", mention_ids, "event_id")}


def drop_events(store: Store, ids: list[str]) -> None:
    """Remove events left without any mention (their revision history is kept)."""
    if ids:
        with store.transaction():
            for table, col in (("events", "id"), ("event_sources", "event_id"), ("claims", "event_id")):
                store.delete_rows(table, (col,), ids)


def claim_id(event_id: str, c: Claim) -> str:
    key = f"{event_id}|{c.article_id}|{c.start}|{c.speaker}|{c.stance}|{c.subject}"
    return "cl-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def event_row_values(fe: FusedEvent, stored_revision: int = 0) -> tuple:
    """The events row; `revision` is the newest of fe.revisions, else the stored one
    (a re-fused event that did not change keeps its revision number)."""
    e = fe.event
    return (fe.id,) + tuple(getattr(e, f) for f in EVENT_FIELDS) + (
        len(fe.sources), fe.n_outlets, fe.contested, json.dumps(fe.contested_reasons, ensure_ascii=False),
        fe.story_id, fe.first_seen, fe.last_updated,
        max((r.revision for r in fe.revisions), default=int(stored_revision or 0)),
    )


SOURCE_KEY = ("event_id", "mention_id")
SOURCE_COLUMNS = SOURCE_KEY + ("article_id", "outlet", "published", "fatalities", "evidence_json")
CLAIM_KEY = ("id",)
CLAIM_COLUMNS = CLAIM_KEY + ("event_id", "mention_id", "article_id", "speaker", "stance", "subject", "value", "text",
                             "span_start", "span_end")


def save_events(store: Store, fused: list[tuple[FusedEvent, list[Event], list[Revision]]],
                stored: dict[str, dict] | None = None, linked: Iterable[tuple[str, str]] | None = None,
                claim_mention=None) -> None:
    """Write events with their sources, claims, new revisions and mention links, in one transaction.

    `stored`: the events rows already stored (id -> row); those events are revised in
    place: changed columns UPDATEd, sources and claims that went away deleted, new ones
    inserted. A key is never deleted and re-inserted in one transaction (DuckDB's ART
    indexes fail on that), and nothing unchanged is rewritten. `linked`: (mention id,
    event id) links to set (default: every member). `claim_mention(event_id, claim)`:
    the mention a claim is attached to, if known.
    """
    if not fused:
        return
    stored = stored or {}
    revised = [fe.id for fe, _, _ in fused if fe.id in stored]
    with store.transaction():
        rows = [event_row_values(fe, (stored.get(fe.id) or {}).get("revision") or 0) for fe, _, _ in fused]
        store.insert_rows("events", EVENT_COLUMNS, [r for r in rows if r[0] not in stored])
        store.update_rows("events", ("id",), EVENT_COLUMNS[1:], [
            r for r in rows if r[0] in stored and r != tuple(stored[r[0]].get(c) for c in EVENT_COLUMNS)
        ])
        sources = {
            (fe.id, s.mention_id): (fe.id, s.mention_id, s.article_id, s.outlet, s.published, s.fatalities,
                                    json.dumps([sp.__dict__ for sp in s.evidence], ensure_ascii=False))
            for fe, _, _ in fused for s in fe.sources
        }
        sync_rows(store, "event_sources", SOURCE_KEY, SOURCE_COLUMNS, sources,
                   store.rows_by_keys("event_sources", "event_id", revised) if revised else [])
        claims: dict[tuple, tuple] = {}
        for fe, _, _ in fused:
            for c in fe.claims:
                cid = claim_id(fe.id, c)
                mention = claim_mention(fe.id, c) if claim_mention else None
                claims.setdefault((cid,), (cid, fe.id, mention, c.article_id or "", c.speaker, c.stance, c.subject,
                                           c.value, c.text, c.start, c.end))
        sync_rows(store, "claims", CLAIM_KEY, CLAIM_COLUMNS, claims,
                   store.rows_by_keys("claims", "event_id", revised) if revised else [])
        store.insert_rows(
            "event_revisions", ("event_id", "revision", "revised_at", "reason", "changes_json"),
            [(fe.id, r.revision, r.at, r.reason, json.dumps(r.changes, ensure_ascii=False))
             for fe, _, revs in fused for r in revs],
        )
        if linked is None:
            linked = [(m.mention_id, fe.id) for fe, members, _ in fused for m in members]
        store.update_rows("event_mentions", ("mention_id",), ("event_id",), list(linked))


def sync_rows(store: Store, table: str, key: tuple[str, ...], columns: tuple[str, ...],
               wanted: dict[tuple, tuple], current: list[dict]) -> None:
    """Make the stored rows `current` (of the events being written) into `wanted` (key ->
    row in `columns` order): delete what went away, insert what is new, update what changed."""
    have = {tuple(r[c] for c in key): tuple(r[c] for c in columns) for r in current}
    store.delete_rows(table, key, [k for k in have if k not in wanted])
    store.insert_rows(table, columns, [row for k, row in wanted.items() if k not in have])
    n = len(key)
    store.update_rows(table, key, columns[n:], [row for k, row in wanted.items() if k in have and have[k] != row])


def delete_in(store: Store, table: str, column: str, keys: list) -> None:
    """DELETE rows whose `column` is in `keys`."""
    store.delete_rows(table, (column,), list(keys))


def insert_rows(store: Store, table: str, columns: tuple[str, ...] | list[str], rows: list[tuple]) -> None:
    """INSERT many rows in bulk (the store's fastest way: multi-row VALUES, or a DataFrame on DuckDB)."""
    store.insert_rows(table, tuple(columns), list(rows))


def update_by_key(store: Store, table: str, set_column: str, key_column: str, pairs: list[tuple]) -> None:
    """SET `set_column` per key from (key, value) pairs, in place."""
    store.update_rows(table, (key_column,), (set_column,), list(pairs))


def set_flag(store: Store, table: str, column: str, key_column: str, keys: list) -> None:
    """SET a boolean column TRUE for these keys (in place, one UPDATE per chunk)."""
    update_by_key(store, table, column, key_column, [(k, True) for k in dict.fromkeys(keys)])


# --- reading ------------------------------------------------------------------

def _event_from_row(r: dict) -> Event:
    e = Event(article_id="")
    for f in EVENT_FIELDS:
        v = r.get(f)
        if v is None:
            continue
        setattr(e, f, v)
    for f in ("inter1", "inter2", "interaction", "fatalities", "fatalities_low", "fatalities_high", "time_precision"):
        setattr(e, f, int(getattr(e, f) or 0))
    return e


def fused_from_row(r: dict) -> FusedEvent:
    return FusedEvent(
        id=r["id"], event=_event_from_row(r), n_outlets=int(r["n_outlets"] or 0), contested=bool(r["contested"]),
        contested_reasons=json.loads(r["contested_json"] or "[]"), first_seen=r["first_seen"],
        last_updated=r["last_updated"], story_id=r["story_id"],
    )


def load_event(store: Store, event_id: str) -> FusedEvent | None:
    rows = store.query("SELECT * FROM events WHERE id = ?", (event_id,))
    if not rows:
        rows = store.query("SELECT * FROM events WHERE id LIKE ? ORDER BY id LIMIT 2", (event_id + "%",))
        if len(rows) != 1:
            return None
    fe = fused_from_row(rows[0])
    fe.sources = [
        EventSource(
            mention_id=s["mention_id"], article_id=s["article_id"], outlet=s["outlet"], published=s["published"],
            fatalities=int(s["fatalities"] or 0),
            evidence=[Span(**x) for x in json.loads(s["evidence_json"] or "[]")],
        )
        for s in store.query(
            "SELECT * FROM event_sources WHERE event_id = ? ORDER BY published, mention_id", (fe.id,)
        )
    ]
    if fe.sources:
        fe.event.article_id = fe.sources[0].article_id
        fe.event.mention_id = fe.sources[0].mention_id
        fe.event.evidence = list(fe.sources[0].evidence)
    fe.claims = [
        Claim(speaker=c["speaker"] or "", stance=c["stance"] or "", text=c["text"] or "",
              start=int(c["span_start"] if c["span_start"] is not None else -1),
              end=int(c["span_end"] if c["span_end"] is not None else -1),
              subject=c["subject"] or "occurrence", value=c["value"], article_id=c["article_id"])
        for c in store.query("SELECT * FROM claims WHERE event_id = ? ORDER BY article_id, span_start, id", (fe.id,))
    ]
    fe.revisions = [
        Revision(revision=int(v["revision"]), at=v["revised_at"], changes=json.loads(v["changes_json"] or "{}"),
                 reason=v["reason"] or "")
        for v in store.query("SELECT * FROM event_revisions WHERE event_id = ? ORDER BY revision", (fe.id,))
    ]
    return fe


def query_events(
    store: Store, *, country: str | None = None, admin1: str | None = None, event_type: str | None = None,
    actor: str | None = None, date_from: str | None = None, date_to: str | None = None,
    contested: bool | None = None, limit: int | None = None,
) -> list[FusedEvent]:
    """Fused events matching the filters, newest first (type matches event or sub-event type;
    actor matches any actor field, case-insensitively, as a substring)."""
    where, params = [], []
    if country:
        where.append("(lower(country) = lower(?) OR lower(iso3) = lower(?))")
        params += [country, country]
    if admin1:
        where.append("lower(admin1) = lower(?)")
        params.append(admin1)
    if event_type:
        where.append("(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))")
        params += [event_type, event_type]
    if actor:
        like = f"%{actor.lower()}%"
        where.append("(lower(actor1) LIKE ? OR lower(actor2) LIKE ? OR lower(assoc_actor_1) LIKE ? "
                     "OR lower(assoc_actor_2) LIKE ?)")
        params += [like] * 4
    if date_from:
        where.append("event_date >= ?")
        params.append(date_from)
    if date_to:
        where.append("event_date <= ?")
        params.append(_period_end(date_to))  # "2020-10" includes every day of October
    if contested is not None:
        where.append("contested = ?")
        params.append(bool(contested))
    sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY event_date DESC, id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [fused_from_row(r) for r in store.query(sql, params)]


def source_counts(store: Store, ids: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in store.query(
            f"SELECT id, n_sources FROM events WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
        ):
            out[r["id"]] = int(r["n_sources"] or 0)
    return out
