"""Partitioning: byte ranges of JSONL and WARC files yield every record exactly once."""
from __future__ import annotations

import gzip
import json

import pytest

from sitroom.ingest import read_inputs
from sitroom.scale.partition import plan_partitions
from sitroom.scale.ranges import read_jsonl_range, read_warc_range
from sitroom.scale.testing import make_test_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    make_test_corpus(300, "jsonl", str(d / "c.jsonl"), seed=7)
    make_test_corpus(300, "warc", str(d / "c.warc.gz"), seed=7)
    with gzip.open(d / "c.warc.gz", "rb") as src, open(d / "c.warc", "wb") as dst:
        dst.write(src.read())  # the same records, uncompressed
    return d


def test_generator_manifest_and_proportions(tmp_path):
    m = make_test_corpus(2000, "jsonl", str(tmp_path / "c.jsonl"), seed=3)
    assert m["n"] == 2000 == m["originals"] + m["exact_duplicates"] + m["rewrites"]
    assert 0.03 < m["exact_duplicates"] / 2000 < 0.07
    assert 0.07 < m["rewrites"] / 2000 < 0.13
    assert 0.15 < m["with_comments"] / 2000 < 0.25
    lines = (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2000
    rows = [json.loads(x) for x in lines]
    assert len({r["html"] for r in rows}) < 2000  # re-crawls are byte-identical pages
    assert json.loads((tmp_path / "c.jsonl.manifest.json").read_text()) == m
    # Deterministic: the same seed writes the same bytes.
    make_test_corpus(2000, "jsonl", str(tmp_path / "d.jsonl"), seed=3)
    assert (tmp_path / "d.jsonl").read_bytes() == (tmp_path / "c.jsonl").read_bytes()


def test_fastwarc_reads_generated_warc(corpus):
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with open(corpus / "c.warc.gz", "rb") as fh:
        n = sum(1 for _ in ArchiveIterator(fh, record_types=WarcRecordType.response))
    assert n == 300


@pytest.mark.parametrize("name,reader,kind", [
    ("c.jsonl", read_jsonl_range, "jsonl"),
    ("c.warc.gz", read_warc_range, "warc"),
    ("c.warc", read_warc_range, "warc"),
])
@pytest.mark.parametrize("partition_bytes", [7_001, 50_000, 10**9])
def test_ranges_tile_the_file(corpus, name, reader, kind, partition_bytes):
    path = str(corpus / name)
    reference = list(read_inputs([path]))
    parts = list(plan_partitions([path], partition_bytes))
    if partition_bytes < 10**9:
        assert len(parts) > 1 and {p.kind for p in parts} == {kind}
        assert parts[0].start == 0 and all(a.end == b.start for a, b in zip(parts, parts[1:]))
    else:
        assert [p.kind for p in parts] == ["input"]
        return
    errors = []
    got = [d for p in parts for d in reader(p.path, p.start, p.end, errors.append)]
    assert errors == []
    assert [(d.url, d.html) for d in got] == [(d.url, d.html) for d in reference]
    assert len(got) == 300


def test_directory_and_small_files_are_whole_partitions(corpus, tmp_path):
    (tmp_path / "a.txt").write_text("Shelling killed two people in Ariha on Monday.", encoding="utf-8")
    parts = list(plan_partitions([str(tmp_path), str(tmp_path / "missing.jsonl")]))
    assert [(p.kind, p.path.rsplit("/", 1)[-1]) for p in parts] == [("input", "a.txt"), ("input", "missing.jsonl")]
    assert len({p.key for p in plan_partitions([str(corpus / "c.jsonl")], 7_001)}) > 1
