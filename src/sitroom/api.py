"""The public Python API. Everything the CLI does, a notebook can do too:

    import sitroom.api as sr
    report = sr.ingest(["../shared/seeds"], db="sitroom.duckdb")
    for ev in sr.extract(["page.html"], published="2019-11-07"):
        print(ev.event_type, ev.location, ev.fatalities)
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from sitroom.errors import InputError, SitroomError
from sitroom.records import Article, Event, RawDocument
from sitroom.store import Store, open_store

log = logging.getLogger(__name__)

BATCH_SIZE = 200  # articles per transaction: a crash loses at most one uncommitted batch


@dataclass
class IngestReport:
    """What an ingest run did: counts, and every input it could not read."""

    read: int = 0
    added: int = 0
    skipped: int = 0  # already stored (same normalised content or URL)
    events: int = 0
    non_english: int = 0
    errors: list[InputError] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (
            f"read {self.read} documents: {self.added} added, {self.skipped} already stored, "
            f"{self.non_english} non-English, {self.events} event mentions, {len(self.errors)} errors"
        )


def read_documents(
    paths: Iterable[str], on_error: Callable[[InputError], None] | None = None, **options
) -> Iterator[RawDocument]:
    """Every document in the given files, directories, feeds or URLs."""
    from sitroom.ingest import read_inputs

    yield from read_inputs(list(paths), on_error=on_error, **options)


def clean(raw: RawDocument) -> Article:
    """Clean one raw document: strip furniture and comments, find metadata."""
    from sitroom.clean import clean_document

    return clean_document(raw)


def extract_article(article: Article) -> list[Event]:
    """ACLED-style event mentions in one cleaned article ([] for non-English)."""
    if not article.is_english:
        return []
    from sitroom.extract import extract_events

    return extract_events(article)


def iter_articles(
    paths: Iterable[str], on_error: Callable[[InputError], None] | None = None,
    published: str | None = None, **options,
) -> Iterator[Article]:
    """Read and clean; errors go to `on_error` and the rest goes on."""
    for raw in read_documents(paths, on_error=on_error, **options):
        try:
            article = clean(raw)
        except InputError as exc:
            if on_error:
                on_error(exc)
            continue
        except SitroomError as exc:
            if on_error:
                on_error(InputError(raw.name, str(exc)))
            continue
        # --published is a fallback: a date the page itself carries wins.
        if published and not article.published:
            article.published = published
        yield article


def extract(
    paths: Iterable[str], published: str | None = None,
    on_error: Callable[[InputError], None] | None = None, **options,
) -> Iterator[Event]:
    """Events from inputs, without a database (`sitroom extract`)."""
    for article in iter_articles(paths, on_error=on_error, published=published, **options):
        yield from extract_article(article)


def ingest(
    paths: Iterable[str], db: str | Store | None = None, *, extract_events: bool = True,
    fuse: bool = True, progress: Callable[[int], None] | None = None, **options,
) -> IngestReport:
    """Read, clean, dedupe, extract and store; then fuse. Idempotent.

    Articles and their event mentions are committed together in batches, so
    a run killed at any point leaves whole articles only, and a re-run adds
    exactly what is missing.
    """
    report = IngestReport()
    store = db if isinstance(db, Store) else open_store(db)
    try:
        batch: list[Article] = []
        for article in iter_articles(paths, on_error=report.errors.append, **options):
            report.read += 1
            if progress:
                progress(1)
            batch.append(article)
            if len(batch) >= BATCH_SIZE:
                _store_batch(store, batch, report, extract_events)
                batch = []
        _store_batch(store, batch, report, extract_events)
        if fuse and report.added:
            fuse_store(store)
    finally:
        if not isinstance(db, Store):
            store.close()
    return report


def _store_batch(store: Store, batch: list[Article], report: IngestReport, extract_events: bool) -> None:
    if not batch:
        return
    # An exact copy later in the same batch is skipped too, before extraction.
    seen: set[str] = set()
    fresh = []
    for a in batch:
        if a.content_hash not in seen and not store.has_article(a):
            seen.add(a.content_hash)
            fresh.append(a)
    report.skipped += len(batch) - len(fresh)
    mentions: list[Event] = []
    if extract_events:
        for a in fresh:
            if a.is_english:
                mentions.extend(extract_article(a))
    with store.transaction():
        added, skipped = store.add_articles(fresh)
        report.skipped += len(skipped)
        added_ids = {a.id for a in added}
        kept = [e for e in mentions if e.article_id in added_ids]
        store.add_mentions(kept)
        if extract_events:
            store.mark_extracted(added)
    report.added += len(added)
    report.added_ids.extend(a.id for a in added)
    report.events += len(kept)
    report.non_english += sum(1 for a in added if not a.is_english)


def fuse_store(store: Store) -> None:
    """Group stories and fuse event mentions into events (see `sitroom.fuse`)."""
    try:
        from sitroom.fuse import fuse_store as _fuse
    except ImportError:  # fusion not available: mentions stay unfused
        log.warning("fusion stage is not installed; events are not fused")
        return
    _fuse(store)


def show_article(article_id: str, db: str | None = None) -> Article | None:
    with open_store(db) as store:
        return store.get_article(article_id)


# Fusion, stories, claims and framing (issue 4): the same functions the CLI uses.
def list_events(db: str | Store | None = None, **filters):
    """Fused events, newest first; filters: country, admin1, event_type, actor,
    date_from, date_to, contested, limit."""
    from sitroom.fuse import list_events as _list

    return _with_store(db, lambda s: _list(s, **filters))


def get_event(event_id: str, db: str | Store | None = None):
    """One fused event with sources, evidence, claims and revisions (id prefix accepted)."""
    from sitroom.fuse import get_event as _get

    return _with_store(db, lambda s: _get(s, event_id))


def list_stories(db: str | Store | None = None, limit: int | None = None):
    from sitroom.fuse import list_stories as _stories

    return _with_store(db, lambda s: _stories(s, limit=limit))


def framing_table(db: str | Store | None = None, actor: str | None = None):
    """outlet x actor -> the words each outlet uses for each actor."""
    from sitroom.fuse import framing_table as _framing

    return _with_store(db, lambda s: _framing(s, actor=actor))


def report(db: str | Store | None = None, fmt: str = "md", **filters) -> bytes:
    """A situation report (md, html or pdf bytes); filters as `sitroom report`."""
    from sitroom.report import make_report
    from sitroom.report.query import EventFilter

    return _with_store(db, lambda s: make_report(s, EventFilter(**filters) if filters else None, fmt=fmt))


def _with_store(db, fn):
    if isinstance(db, Store):
        return fn(db)
    with open_store(db) as store:
        return fn(store)
