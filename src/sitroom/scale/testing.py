"""Helpers for tests and benchmarks that need a real PostgreSQL database.

`SITROOM_TEST_PG` names a server (scripts/pg_start.sh prints one); each test
gets a fresh database on it, dropped afterwards.
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit


def pg_server_url() -> str | None:
    return os.environ.get("SITROOM_TEST_PG") or None


def with_database(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + dbname))


@contextmanager
def fresh_pg_database(server_url: str, prefix: str = "sitroom_t") -> Iterator[str]:
    """Create an empty database on the server, yield its URL, drop it after."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin_url = with_database(server_url, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(server_url, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_test_corpus(n: int, fmt: str, out: str, seed: int = 1) -> dict:
    """Write a synthetic corpus with bench/make_corpus.py (repository checkout only)."""
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[3] / "bench" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("sitroom_bench_make_corpus", script)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_corpus(n, fmt, out, seed)


def distinct_content_hashes(paths: list[str], **options) -> set[str]:
    """What a correct ingest stores: one article per normalised content hash
    (read and cleaned in this process, the single-process reference)."""
    from sitroom.api import iter_articles

    return {a.content_hash for a in iter_articles(paths, **options)}


def expected_ingest(paths: list[str], **options) -> dict[str, set[str]]:
    """The single-process known answer for an ingest: content hashes of the
    distinct articles and the mention ids their extraction yields (ids repeated
    within one article get the store's "#2", "#3" suffixes)."""
    from sitroom.api import extract_article, iter_articles

    hashes: set[str] = set()
    mentions: set[str] = set()
    for article in iter_articles(paths, **options):
        if article.content_hash in hashes:
            continue
        hashes.add(article.content_hash)
        seen: dict[str, int] = {}
        for e in extract_article(article):
            n = seen[e.mention_id] = seen.get(e.mention_id, 0) + 1
            mentions.add(e.mention_id if n == 1 else f"{e.mention_id}#{n}")
    return {"hashes": hashes, "mentions": mentions}
