"""Fuse: one real-world event, once, linked to every report of it.

- stories.py     near-duplicate articles (MinHash LSH) grouped into stories; syndicated copies
- fusion.py      mentions from different articles merged into events (blocked, incremental, stable ids)
- claims.py      attributed statements: who said what, with which stance
- contested.py   disagreements on toll, actors, occurrence
- framing.py     the words each outlet uses for each actor
- repository.py  events, sources, claims and revisions in the store
- pipeline.py    `fuse_store(store)`, called by `sitroom.api.ingest` after storing
"""
from __future__ import annotations

from collections import defaultdict

from sitroom.fuse.claims import extract_claims
from sitroom.fuse.contested import contested_reasons
from sitroom.fuse.framing import FramingTerm, framing_terms
from sitroom.fuse.fusion import FusionIndex, MentionGroup, fuse_mentions, mention_match
from sitroom.fuse.pipeline import FuseReport, build_fused_event, fuse_store
from sitroom.fuse.repository import load_event, query_events
from sitroom.fuse.stories import list_stories, story_articles
from sitroom.records import FusedEvent
from sitroom.store import Store


def list_events(
    store: Store, *, country: str | None = None, admin1: str | None = None, event_type: str | None = None,
    actor: str | None = None, date_from: str | None = None, date_to: str | None = None,
    contested: bool | None = None, limit: int | None = None,
) -> list[FusedEvent]:
    """Fused events, newest first, filtered (sources/claims are not loaded: use get_event)."""
    return query_events(
        store, country=country, admin1=admin1, event_type=event_type, actor=actor, date_from=date_from,
        date_to=date_to, contested=contested, limit=limit,
    )


def get_event(store: Store, event_id: str) -> FusedEvent | None:
    """One fused event with sources, evidence, claims, figures and revisions (id or unique prefix)."""
    return load_event(store, event_id)


def framing_table(store: Store, actor: str | None = None) -> dict[str, dict[str, dict[str, int]]]:
    """actor -> outlet -> term -> count, for every actor (or those whose name contains `actor`)."""
    sql = "SELECT actor, outlet, term, count(*) AS n FROM framing_terms"
    params: list = []
    if actor:
        sql += " WHERE lower(actor) LIKE ?"
        params.append(f"%{actor.lower()}%")
    sql += " GROUP BY actor, outlet, term ORDER BY actor, outlet, term"
    table: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for r in store.query(sql, params):
        table[r["actor"]][r["outlet"] or "(unknown outlet)"][r["term"]] = int(r["n"])
    return {a: dict(o) for a, o in table.items()}


def evaluate_fusion_on_fakes(path: str, **options) -> dict:
    """Pairwise precision/recall of fusion on FA-KES (see sitroom.fuse.evaluation)."""
    from sitroom.fuse.evaluation import evaluate_fusion_on_fakes as _evaluate

    return _evaluate(path, **options)


__all__ = [
    "FramingTerm",
    "FuseReport",
    "FusionIndex",
    "MentionGroup",
    "build_fused_event",
    "contested_reasons",
    "evaluate_fusion_on_fakes",
    "extract_claims",
    "framing_table",
    "framing_terms",
    "fuse_mentions",
    "fuse_store",
    "get_event",
    "list_events",
    "list_stories",
    "mention_match",
    "story_articles",
]
