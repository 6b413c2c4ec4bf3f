"""Several `ingest` processes writing overlapping inputs into one PostgreSQL
database at the same time: every article is stored exactly once."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitroom.scale.testing import distinct_content_hashes, fresh_pg_database, make_test_corpus, pg_server_url

pytestmark = pytest.mark.postgres

INGEST_SCRIPT = """
import sys
import sitroom.api as api
report = api.ingest(sys.argv[2:], sys.argv[1], fuse=False)
print(report.added, len(report.errors))
"""


def test_three_processes_overlapping_inputs(tmp_path):
    server = pg_server_url()
    if not server:
        pytest.skip("SITROOM_TEST_PG not set (start a server with scripts/pg_start.sh)")
    corpus = tmp_path / "all.jsonl"
    make_test_corpus(300, "jsonl", str(corpus), seed=31)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    parts = []
    for i in range(3):  # thirds A, B, C
        p = tmp_path / f"part{i}.jsonl"
        p.write_text("".join(lines[i * 100:(i + 1) * 100]), encoding="utf-8")
        parts.append(str(p))
    expected = distinct_content_hashes([str(corpus)])
    inputs = [[parts[0], parts[1]], [parts[1], parts[2]], [parts[2], parts[0], parts[1]]]

    from sitroom.store import open_store

    with fresh_pg_database(server) as url:
        procs = [
            subprocess.Popen([sys.executable, "-c", INGEST_SCRIPT, url, *files],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for files in inputs
        ]
        outputs = [p.communicate(timeout=600) for p in procs]
        for p, (out, err) in zip(procs, outputs):
            assert p.returncode == 0, err[-2000:]
        added = [int(out.split()[0]) for out, _ in outputs]
        assert sum(added) == len(expected)  # each article counted by the one process that stored it
        with open_store(url) as s:
            assert s.count("articles") == len(expected)
            assert {r["content_hash"] for r in s.query("SELECT content_hash FROM articles")} == expected
            assert s.scalar("SELECT count(*) FROM event_mentions") == s.scalar(
                "SELECT count(DISTINCT mention_id) FROM event_mentions")
            assert s.unextracted_article_ids() == []
