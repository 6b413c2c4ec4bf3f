"""`fuse_store(store)`: stories, framing, then fusion of new mentions into events.

Incremental and idempotent: only articles without a signature and mentions
without an event are processed; a second run over the same store changes
nothing. Each touched event is recomputed from all its mentions; if its
figures changed, a revision is recorded (the event is revised in place).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sitroom.extract.fatality_rules import toll_statements
from sitroom.fuse.claims import attach_claims
from sitroom.fuse.contested import contested_reasons
from sitroom.fuse.framing import framing_terms
from sitroom.fuse.fusion import (
    MentionGroup,
    fuse_mentions,
    fused_fields,
    mention_order_key,
)
from sitroom.fuse.repository import (
    REVISED_FIELDS,
    copy_of_map,
    drop_events,
    event_rows,
    load_candidate_groups,
    previous_events,
    save_events,
    set_flag,
    sync_rows,
)
from sitroom.fuse.stories import group_stories
from sitroom.fuse.tolls import (
    MentionSpan,
    mention_spans,
    toll_updates,
    with_toll_updates,
)
from sitroom.records import Claim, Event, EventSource, FusedEvent, Revision
from sitroom.store import Store
from sitroom.store.base import utcnow

log = logging.getLogger(__name__)
MENTION_BATCH = 20000  # new mentions fused per pass (bounded memory)


@dataclass
class FuseReport:
    stories: int = 0
    mentions: int = 0
    events_created: int = 0
    events_revised: int = 0
    framing_terms: int = 0
    comparisons: int = 0
    revised_ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"fused {self.mentions} new mentions: {self.events_created} events created, "
            f"{self.events_revised} revised; {self.stories} stories touched; {self.framing_terms} framing terms"
        )


def fuse_store(store: Store) -> FuseReport:
    """Group new articles into stories, record framing, fuse new mentions into events."""
    report = FuseReport()
    report.stories = len(group_stories(store))
    report.framing_terms = record_framing(store)
    while True:
        new = _unfused_mentions(store, MENTION_BATCH)
        if not new:
            break
        _fuse_batch(store, new, report)
        if len(new) < MENTION_BATCH:
            break
    log.info(report.summary())
    return report


def _unfused_mentions(store: Store, limit: int) -> list[Event]:
    from sitroom.store.base import mention_from_row

    rows = store.query(
        "SELECT * FROM event_mentions WHERE event_id IS NULL "
        f"ORDER BY coalesce(published, event_date, '9999'), mention_id LIMIT {int(limit)}"
    )
    return [mention_from_row(r) for r in rows]


def _fuse_batch(store: Store, new: list[Event], report: FuseReport) -> None:
    existing = load_candidate_groups(store, new)
    # A re-extracted mention already fused keeps its place: drop its stale copy first.
    new_ids = {m.mention_id for m in new}
    for g in existing:
        g.mentions = [m for m in g.mentions if m.mention_id not in new_ids]
    existing = [g for g in existing if g.mentions]
    index = fuse_mentions(new, existing)
    report.comparisons += index.comparisons
    report.mentions += len(new)
    touched = [g for g in index.groups.values() if any(m.mention_id in new_ids for m in g.mentions)]
    # Re-extracted mentions may have left the event they were in: rebuild or drop that event.
    left = previous_events(store, new_ids) - {g.id for g in touched}
    touched += [index.groups[eid] for eid in sorted(left) if eid in index.groups]
    emptied = [eid for eid in sorted(left) if eid not in index.groups]
    old_rows = event_rows(store, [g.id for g in touched])
    article_ids = {m.article_id for g in touched for m in g.mentions}
    copies = copy_of_map(store, article_ids)
    articles = _ArticleCache(store)
    articles.load(article_ids)
    now = utcnow()
    out = []
    for g in sorted(touched, key=lambda g: g.id):
        fe = build_fused_event(g, copies, articles)
        revisions = _revisions(fe, old_rows.get(g.id), [m for m in g.mentions if m.mention_id in new_ids], now)
        fe.revisions = revisions
        if g.id in old_rows:
            report.events_revised += 1 if revisions else 0
            if revisions:
                report.revised_ids.append(g.id)
        else:
            report.events_created += 1
        out.append((fe, g.mentions, revisions))
    # Only new mentions change event: members loaded from the store already point at theirs.
    linked = [(m.mention_id, g.id) for g in touched for m in g.mentions if m.mention_id in new_ids]
    with store.transaction():
        drop_events(store, emptied)
        save_events(store, out, stored=old_rows, linked=linked, claim_mention=articles.claim_mention)


class _ArticleCache:
    """Article text, outlet and story, read in bulk once per batch; and, for articles with
    text, their stored mentions, toll updates (statements outside their events' sentences,
    see fuse/tolls.py) and claims, each claim attached to one mention (fuse/claims.py)."""

    def __init__(self, store: Store):
        self.store = store
        self._rows: dict[str, dict | None] = {}
        self._mentions: dict[str, list[Event]] = {}
        self._tolls: dict[str, dict] = {}
        self._claims: dict[str, dict[str, list[Claim]]] = {}
        self._claim_owner: dict[tuple, str] = {}

    def load(self, article_ids: set[str]) -> None:
        from sitroom.store.base import mention_from_row

        missing = sorted(a for a in article_ids if a not in self._rows)
        for a in missing:
            self._rows[a] = None
        for r in self.store.rows_by_keys("articles", "id", missing, "id, text, outlet, published, story_id"):
            self._rows[r["id"]] = r
        with_text = [a for a in missing if self._rows[a] and self._rows[a]["text"]]
        for a in with_text:
            self._mentions[a] = []
        for r in self.store.rows_by_keys("event_mentions", "article_id", with_text):
            self._mentions[r["article_id"]].append(mention_from_row(r))

    def get(self, article_id: str) -> dict | None:
        if article_id not in self._rows:
            self.load({article_id})
        return self._rows[article_id]

    def _article_mentions(self, article_id: str, also: Event | None = None) -> list[Event]:
        stored = sorted(self._mentions.get(article_id, []), key=lambda m: m.mention_id)
        if also is not None and all(m.mention_id != also.mention_id for m in stored):
            stored.append(also)  # not stored (built outside the store): still one of the article's mentions
        return stored

    def toll_updates(self, article_id: str) -> dict:
        """mention id -> toll statements of the article that update that mention's toll."""
        if article_id not in self._tolls:
            art = self.get(article_id)
            found: dict = {}
            statements = toll_statements(art["text"]) if art and art["text"] else []
            if statements:
                spans: list[MentionSpan] = mention_spans(self._article_mentions(article_id))
                found = toll_updates(art["text"], spans, statements)
            self._tolls[article_id] = found
        return self._tolls[article_id]

    def claims_of(self, m: Event) -> list[Claim]:
        """The claims of m's article attached to m (each claim to the nearest mention)."""
        art = self.get(m.article_id)
        if not art or not art["text"]:
            return []
        by_mention = self._claims.get(m.article_id)
        if by_mention is None or m.mention_id not in by_mention:
            mentions = self._article_mentions(m.article_id, also=m)
            by_mention = attach_claims(art["text"], {x.mention_id: x.evidence for x in mentions},
                                       article_id=m.article_id)
            self._claims[m.article_id] = by_mention
        return by_mention.get(m.mention_id, [])

    def own_claim(self, mention: Event, c: Claim) -> None:
        self._claim_owner[_claim_key(c)] = mention.mention_id

    def claim_mention(self, event_id: str, c: Claim) -> str | None:
        return self._claim_owner.get(_claim_key(c))


def _claim_key(c: Claim) -> tuple:
    return c.article_id, c.start, c.speaker, c.stance, c.subject


def build_fused_event(group: MentionGroup, copies: dict[str, str], articles=None) -> FusedEvent:
    """The fused record of a group of mentions: fields, sources, claims, outlets, contested.

    Claims come from ``articles.claims_of`` (the store's article cache, which runs
    `attach_claims`); without ``articles`` the event carries no claims."""
    mentions = sorted(group.mentions, key=mention_order_key)
    for m in mentions:  # mentions carry outlet/published; fill from the article when missing
        art = articles.get(m.article_id) if articles else None
        if art:
            m.outlet = m.outlet or art["outlet"]
            m.published = m.published or art["published"]
    updates_of = getattr(articles, "toll_updates", None)  # an article's own later tolls widen the range
    tolled = [with_toll_updates(m, updates_of(m.article_id).get(m.mention_id, [])) if updates_of else m
              for m in mentions]
    ev = fused_fields(tolled)
    sources = [
        EventSource(mention_id=m.mention_id, article_id=m.article_id, outlet=m.outlet, published=m.published,
                    fatalities=m.fatalities, evidence=list(m.evidence))
        for m in mentions
    ]
    claims_of = getattr(articles, "claims_of", None)
    own = getattr(articles, "own_claim", None)
    claims: list[Claim] = []
    for m in mentions:
        # Claims come only from attach_claims (one claim -> one mention). A mention's own
        # `claims` (claims_json) is not read: extraction leaves it empty, and claims carried
        # there per article would reach every event of that article.
        found = claims_of(m) if claims_of else []
        for c in found:
            c.article_id = c.article_id or m.article_id
            if own:
                own(m, c)
        claims.extend(found)
    key = _independence_keys(mentions, copies)
    reasons = contested_reasons(mentions, claims, key)
    story_ids = [articles.get(m.article_id)["story_id"] for m in mentions
                 if articles and articles.get(m.article_id) and articles.get(m.article_id)["story_id"]]
    published = [m.published for m in mentions if m.published]
    return FusedEvent(
        id=group.id, event=ev, sources=sources, claims=claims, n_outlets=len(set(key.values())),
        contested=bool(reasons), contested_reasons=reasons,
        first_seen=min(published) if published else None, last_updated=max(published) if published else None,
        story_id=story_ids[0] if story_ids else None,
    )


def _independence_keys(mentions: list[Event], copies: dict[str, str]) -> dict[str, str]:
    """article id -> independence group: one per outlet, syndicated copies joined to their original."""
    rows = [{"id": m.article_id, "outlet": m.outlet, "copy_of": copies.get(m.article_id)} for m in mentions]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for r in rows:
        a = "a:" + r["id"]
        find(a)
        for other in (("o:" + r["outlet"].strip().lower()) if r["outlet"] else None,
                      ("a:" + r["copy_of"]) if r["copy_of"] else None):
            if other:
                ra, rb = find(a), find(other)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    return {r["id"]: find("a:" + r["id"]) for r in rows}


def _revisions(fe: FusedEvent, old: dict | None, added: list[Event], now: str) -> list[Revision]:
    """The revision this run makes: creation, or the fields a new source changed."""
    new_values = _revised_values(fe)
    if old is None:
        return [Revision(revision=1, at=now, changes={k: [None, v] for k, v in new_values.items()},
                         reason=f"created from {len(fe.sources)} source(s)")]
    changes = {}
    for k, v in new_values.items():
        before = old.get(k)
        if k == "contested":
            before = bool(before)
        if before != v and not (before in (None, "") and v in (None, "")):
            changes[k] = [before, v]
    if not changes:
        return []
    who = ", ".join(sorted({f"{m.article_id}" + (f" ({m.outlet})" if m.outlet else "") for m in added}))
    return [Revision(revision=int(old.get("revision") or 0) + 1, at=now, changes=changes,
                     reason=f"new source: {who}" if who else "re-fused")]


def _revised_values(fe: FusedEvent) -> dict:
    out = {}
    for k in REVISED_FIELDS:
        if k == "n_sources":
            out[k] = len(fe.sources)
        elif k == "n_outlets":
            out[k] = fe.n_outlets
        elif k == "contested":
            out[k] = fe.contested
        else:
            out[k] = getattr(fe.event, k)
    return out


def record_framing(store: Store) -> int:
    """Framing terms of every article not yet read for them."""
    rows = store.query(
        "SELECT a.id, a.text, a.outlet FROM articles a JOIN article_signatures s ON s.article_id = a.id "
        "WHERE s.framed IS NULL OR s.framed = FALSE ORDER BY a.id"
    )
    if not rows:
        return 0
    countries = {
        r["article_id"]: r["country"]
        for r in store.query(
            "SELECT article_id, country, count(*) AS n FROM event_mentions WHERE country IS NOT NULL AND country <> '' "
            "GROUP BY article_id, country ORDER BY article_id, n, country DESC"
        )
    }  # the last row per article wins: its most frequent country
    out = {}
    for r in rows:
        terms = framing_terms(r["text"] or "", countries.get(r["id"], ""))
        out.update({(r["id"], i): (r["id"], i, r["outlet"], t.actor, t.term, t.category, t.scare_quoted)
                    for i, t in enumerate(terms)})
    ids = [r["id"] for r in rows]
    with store.transaction():  # rows left from an earlier reading are synced by key, never deleted and re-added
        sync_rows(store, "framing_terms", ("article_id", "position"),
                  ("article_id", "position", "outlet", "actor", "term", "category", "scare_quoted"), out,
                  store.rows_by_keys("framing_terms", "article_id", ids))
        set_flag(store, "article_signatures", "framed", "article_id", ids)
    return len(out)
