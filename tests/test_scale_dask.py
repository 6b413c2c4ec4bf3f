"""The Dask engine on a real LocalCluster of 2 worker processes."""
from __future__ import annotations

import os
import signal

import pytest

from sitroom.scale.testing import distinct_content_hashes, fresh_pg_database, make_test_corpus, pg_server_url

pytestmark = pytest.mark.dask
PARTITION_BYTES = 60_000  # ~25 articles per partition: many tasks from one file
N_ARTICLES = 240


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("dask_corpus")
    path = str(d / "c.jsonl")
    make_test_corpus(N_ARTICLES, "jsonl", path, seed=11)
    return path


@pytest.fixture(scope="module")
def expected(corpus) -> dict:
    """The single-process reference: content hashes and mention ids of the distinct articles."""
    from sitroom import api

    hashes, mentions = set(), set()
    for a in api.iter_articles([corpus]):
        if a.content_hash not in hashes:
            hashes.add(a.content_hash)
            mentions.update(e.mention_id for e in api.extract_article(a))
    return {"hashes": hashes, "mentions": mentions}


@pytest.fixture(scope="module")
def expected_hashes(expected):
    return expected["hashes"]


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


def stored(db) -> dict:
    from sitroom.store import open_store

    with open_store(db) as s:
        return {
            "hashes": {r["content_hash"] for r in s.query("SELECT content_hash FROM articles")},
            "articles": s.count("articles"),
            "ids": {r["id"] for r in s.query("SELECT id FROM articles")},
            "mentions": {r["mention_id"] for r in s.query("SELECT mention_id FROM event_mentions")},
            "n_mentions": s.count("event_mentions"),
            "unextracted": s.unextracted_article_ids(),
        }


def test_dask_ingest_matches_single_process(corpus, expected, expected_hashes, tmp_path):
    from sitroom.scale import ingest_distributed

    db = str(tmp_path / "dask.duckdb")
    report = ingest_distributed([corpus], db, workers=2, quiet=True, partition_bytes=PARTITION_BYTES)
    assert report.read == N_ARTICLES and report.errors == []
    assert report.added == len(expected_hashes)
    assert report.added + report.skipped == N_ARTICLES
    got = stored(db)
    assert got["hashes"] == expected_hashes and got["articles"] == len(expected_hashes)
    assert expected["mentions"] and got["mentions"] == expected["mentions"]
    assert got["n_mentions"] == len(got["mentions"]) == report.events
    assert got["unextracted"] == []
    # A re-run adds nothing.
    again = ingest_distributed([corpus], db, workers=2, quiet=True, partition_bytes=PARTITION_BYTES)
    assert again.added == 0 and again.skipped == N_ARTICLES
    assert stored(db)["articles"] == len(expected_hashes)


@pytest.mark.postgres
def test_dask_warc_into_postgres_via_scheduler_address(cluster, tmp_path):
    from sitroom.scale import ingest_distributed

    server = pg_server_url()
    if not server:
        pytest.skip("SITROOM_TEST_PG not set")
    warc = str(tmp_path / "c.warc.gz")
    make_test_corpus(200, "warc", warc, seed=12)
    expected = distinct_content_hashes([warc])
    with fresh_pg_database(server) as url:
        report = ingest_distributed([warc], url, scheduler=cluster.scheduler_address, quiet=True,
                                    partition_bytes=40_000, fuse=False)
        assert report.read == 200 and report.added == len(expected)
        got = stored(url)
        assert got["hashes"] == expected and got["articles"] == len(expected)
        assert got["unextracted"] == []


def test_killed_worker_is_retried_without_duplicates(corpus, expected, expected_hashes, tmp_path, monkeypatch):
    """SIGKILL one worker process while tasks run: Dask reruns its tasks
    elsewhere and the store still holds every article exactly once."""
    from distributed import Client, LocalCluster

    from sitroom.scale import distributed as dist

    db = str(tmp_path / "killed.duckdb")
    killed: list[int] = []
    real_write = dist.write_result

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cl, \
            Client(cl) as client:
        pids = client.run(os.getpid)

        def write_then_kill(store, result, report, *a, **kw):
            if not killed:
                busy = [addr for addr, keys in client.processing().items() if keys]
                victim = busy[0] if busy else next(iter(pids))
                os.kill(pids[victim], signal.SIGKILL)
                killed.append(pids[victim])
            return real_write(store, result, report, *a, **kw)

        monkeypatch.setattr(dist, "write_result", write_then_kill)
        report, stats = dist.run_distributed([corpus], db, client=client, quiet=True,
                                             partition_bytes=PARTITION_BYTES, fuse=False)
        assert killed and killed[0] not in client.run(os.getpid).values()  # it really died
    assert stats.partitions >= 8
    assert report.read == N_ARTICLES
    got = stored(db)
    assert got["hashes"] == expected_hashes and got["articles"] == len(expected_hashes)
    assert got["mentions"] == expected["mentions"] and got["n_mentions"] == len(got["mentions"])
    assert got["unextracted"] == []
