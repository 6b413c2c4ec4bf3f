"""Crash safety: SIGKILL `ingest` mid-run, run it again, and the database
holds every article exactly once, with its event mentions and its
extraction_runs row.

DuckDB allows one process per file, so there the killed run drives
sitroom.api.ingest and prints a progress marker per document read (a batch is
committed before the next document is read: "read 2*BATCH+1" means two
batches are committed). With PostgreSQL the killed run is `sitroom ingest`
itself and the test polls the committed row count from outside.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from sitroom.api import BATCH_SIZE
from sitroom.scale.testing import expected_ingest, fresh_pg_database, make_test_corpus, pg_server_url

N_ARTICLES = 1000  # five batches of 200

INGEST_SCRIPT = """
import sys
import sitroom.api as api
path, db = sys.argv[1], sys.argv[2]
read = 0
def progress(n):
    global read
    read += n
    print(f"read {read}", file=sys.stderr, flush=True)
report = api.ingest([path], db, fuse=False, progress=progress)
print(f"done {report.added}", file=sys.stderr, flush=True)
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("crash") / "c.jsonl")
    make_test_corpus(N_ARTICLES, "jsonl", path, seed=21)
    return path


@pytest.fixture(scope="module")
def expected(corpus) -> dict[str, set[str]]:
    return expected_ingest([corpus])


@pytest.fixture(scope="module")
def expected_hashes(expected):
    return expected["hashes"]


def start_ingest(path: str, db: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, path, db],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )


def start_cli_ingest(path: str, db: str) -> subprocess.Popen:
    """The real command line: `python -m sitroom ingest --db DB --quiet PATH`."""
    return subprocess.Popen(
        [sys.executable, "-m", "sitroom", "ingest", "--db", db, "--quiet", path],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )


def kill_after_read(proc: subprocess.Popen, documents: int, timeout: float = 600) -> None:
    """SIGKILL the process once it has read `documents` documents."""
    deadline = time.monotonic() + timeout
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("read ") and int(line.split()[1]) >= documents:
            os.kill(proc.pid, signal.SIGKILL)
            break
        assert not line.startswith("done"), "ingest finished before it could be killed"
        assert time.monotonic() < deadline, "ingest too slow to reach the kill point"
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def check_complete(db: str, expected: dict[str, set[str]]) -> None:
    """Every article once, each with exactly its own mentions and its extraction_runs row."""
    from sitroom.store import open_store

    with open_store(db) as s:
        assert s.count("articles") == len(expected["hashes"])
        assert {r["content_hash"] for r in s.query("SELECT content_hash FROM articles")} == expected["hashes"]
        assert expected["mentions"]
        assert {r["mention_id"] for r in s.query("SELECT mention_id FROM event_mentions")} == expected["mentions"]
        assert s.scalar("SELECT count(*) FROM event_mentions") == s.scalar(
            "SELECT count(DISTINCT mention_id) FROM event_mentions")
        assert s.scalar(
            "SELECT count(*) FROM event_mentions m WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.id = m.article_id)") == 0
        assert s.unextracted_article_ids() == []
        assert s.scalar("SELECT count(*) FROM extraction_runs") == len(expected["hashes"])


def committed_articles(db: str) -> int:
    from sitroom.store import open_store

    with open_store(db) as s:
        return s.count("articles")


def test_sigkill_then_rerun_duckdb(corpus, expected, expected_hashes, tmp_path):
    from sitroom import api

    db = str(tmp_path / "crash.duckdb")
    proc = start_ingest(corpus, db)
    kill_after_read(proc, 2 * BATCH_SIZE + 1)
    partial = committed_articles(db)
    assert 0 < partial < len(expected_hashes)  # killed mid-run, with whole batches committed
    report = api.ingest([corpus], db, fuse=False)  # crash safety of ingest; fusion has its own tests
    assert report.added == len(expected_hashes) - partial
    check_complete(db, expected)
    assert api.ingest([corpus], db, fuse=False).added == 0


@pytest.mark.postgres
def test_sigkill_cli_then_rerun_postgres(corpus, expected, expected_hashes):
    """`sitroom ingest` itself, killed while it writes; the DB is polled from outside."""
    from sitroom.store import open_store

    server = pg_server_url()
    if not server:
        pytest.skip("SITROOM_TEST_PG not set")
    with fresh_pg_database(server) as url:
        open_store(url).close()  # migrate first, so the poll below can count
        proc = start_cli_ingest(corpus, url)
        with open_store(url) as watcher:  # poll the committed row count from outside
            deadline = time.monotonic() + 600
            while watcher.count("articles") < BATCH_SIZE and time.monotonic() < deadline:
                assert proc.poll() is None, "ingest finished before it could be killed"
                time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        partial = committed_articles(url)
        assert 0 < partial < len(expected_hashes)
        rerun = start_cli_ingest(corpus, url)
        _, err = rerun.communicate(timeout=900)
        assert rerun.returncode == 0, err[-2000:]
        assert f"{len(expected_hashes) - partial} added" in err  # the summary line
        check_complete(url, expected)
