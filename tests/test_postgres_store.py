"""PostgresStore against a real server (scripts/pg_start.sh; SITROOM_TEST_PG=postgresql://...)."""
from __future__ import annotations

import hashlib
import multiprocessing as mp

import pytest

from sitroom.records import Article, Comment, Event, Span
from sitroom.scale.testing import fresh_pg_database, pg_server_url
from sitroom.store.postgres_store import translate_placeholders


@pytest.fixture
def pg_url():
    server = pg_server_url()
    if not server:
        pytest.skip("SITROOM_TEST_PG not set (start a server with scripts/pg_start.sh)")
    with fresh_pg_database(server) as url:
        yield url


def test_placeholders_translate_outside_quotes_only():
    sql = "SELECT '50%', 'a?''?', \"col?\" FROM t WHERE a = ? AND b LIKE '%?' -- why?\n AND c = ?"
    assert translate_placeholders(sql) == (
        "SELECT '50%%', 'a?''?', \"col?\" FROM t WHERE a = %s AND b LIKE '%%?' -- why?\n AND c = %s"
    )
    assert translate_placeholders("/* ? */ VALUES (?, ?)") == "/* ? */ VALUES (%s, %s)"


def make_article(i: int, text: str | None = None, url: str | None = None) -> Article:
    text = text or f"Shelling hit the market in town number {i}; {i % 7} people were killed."
    h = hashlib.sha256(text.encode()).hexdigest()
    aid = "a" + h[:15]
    return Article(
        id=aid, text=text, content_hash=h, raw_hash=h, origin="test", title=f"Report {i}",
        published="2024-01-02", outlet="Test Wire", url=url or f"https://example.org/{i}",
        language="en", comments=[Comment(article_id=aid, position=0, text="first!")],
    )


def make_mention(a: Article) -> Event:
    return Event(
        article_id=a.id, mention_id=f"{a.id}:0", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", fatalities=1,
        evidence=[Span(text=a.text[:8], start=0, end=8)], outlet=a.outlet, published=a.published,
    )


def write_batch(store, articles: list[Article]) -> int:
    """What api.ingest does per batch: articles + mentions + extraction marks, one transaction."""
    with store.transaction():
        added, _ = store.add_articles(articles)
        store.add_mentions([make_mention(a) for a in added])
        store.mark_extracted(added)
    return len(added)


@pytest.mark.postgres
def test_migrations_match_duckdb_and_rerun_is_noop(pg_url, tmp_path):
    from sitroom.store import open_store

    with open_store(pg_url) as pg, open_store(str(tmp_path / "x.duckdb")) as duck:
        assert pg.schema_version() == duck.schema_version() >= 1
        tables = {r["table_name"] for r in pg.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
        assert {"articles", "comments", "event_mentions", "events", "extraction_runs"} <= tables
    with open_store(pg_url) as pg:
        assert pg.migrate() == []


def _open_and_migrate(url: str) -> int:
    from sitroom.store.postgres_store import PostgresStore

    with PostgresStore(url) as s:
        return s.schema_version()


@pytest.mark.postgres
def test_concurrent_migrations_do_not_race(pg_url):
    ctx = mp.get_context("spawn")
    with ctx.Pool(4) as pool:
        versions = pool.map(_open_and_migrate, [pg_url] * 4)
    assert len(set(versions)) == 1
    from sitroom.store import open_store

    with open_store(pg_url) as s:
        assert s.scalar("SELECT count(*) FROM schema_migrations") == s.scalar(
            "SELECT count(DISTINCT version) FROM schema_migrations")


@pytest.mark.postgres
def test_articles_roundtrip_and_idempotent(pg_url):
    from sitroom.store import open_store

    arts = [make_article(i) for i in range(10)]
    with open_store(pg_url) as s:
        assert write_batch(s, arts) == 10
        assert write_batch(s, arts) == 0  # re-run: nothing new
        dup_url = make_article(99, url=arts[0].url)  # same URL, other text: same article
        assert write_batch(s, [dup_url, dup_url]) == 0
        assert s.count("articles") == 10 and s.count("event_mentions") == 10
        assert s.count("comments") == 10
        got = s.get_article(arts[3].id)
        assert got.text == arts[3].text and got.comments[0].text == "first!"
        assert [m.mention_id for m in s.mentions("article_id = ?", (arts[3].id,))] == [f"{arts[3].id}:0"]
        s.add_mentions([make_mention(arts[3])])  # replace, not duplicate
        assert s.count("event_mentions") == 10
        assert s.scalar("SELECT count(*) FROM articles WHERE title LIKE '%Report 1%'") == 1
        assert s.unextracted_article_ids() == []
        with pytest.raises(RuntimeError):
            with s.transaction():
                s.add_articles([make_article(500)])
                raise RuntimeError("crash inside the batch")
        assert s.count("articles") == 10


def _write_overlapping(url: str, start: int, stop: int, batch: int) -> int:
    from sitroom.store.postgres_store import PostgresStore

    arts = [make_article(i) for i in range(start, stop)]
    added = 0
    with PostgresStore(url) as s:
        for k in range(0, len(arts), batch):
            added += write_batch(s, arts[k:k + batch])
    return added


@pytest.mark.postgres
def test_concurrent_writers_store_each_article_once(pg_url):
    """Three processes write overlapping ranges at once: every article exactly once."""
    ctx = mp.get_context("spawn")
    ranges = [(url, a, b, 25) for url, (a, b) in zip([pg_url] * 3, [(0, 600), (200, 800), (0, 800)])]
    with ctx.Pool(3) as pool:
        added = pool.starmap(_write_overlapping, ranges)
    from sitroom.store import open_store

    with open_store(pg_url) as s:
        assert sum(added) == 800  # each article reported added by exactly one writer
        assert s.count("articles") == 800
        assert s.scalar("SELECT count(DISTINCT content_hash) FROM articles") == 800
        assert s.count("event_mentions") == 800
        assert s.count("comments") == 800
        assert s.scalar("SELECT count(*) FROM extraction_runs") == 800


@pytest.mark.postgres
def test_keyed_bulk_writes_on_postgresql(pg_url):
    from test_store_duckdb import check_keyed_writes

    from sitroom.store import open_store

    with open_store(pg_url) as pg:
        check_keyed_writes(pg)


@pytest.mark.postgres
def test_postgresql_gets_its_own_variant_of_engine_specific_migrations(pg_url):
    from sitroom.store import open_store

    with open_store(pg_url) as pg:
        names = {r["indexname"] for r in pg.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
    assert {"mentions_event", "events_date", "event_sources_mention"} <= names  # DuckDB drops the first two
