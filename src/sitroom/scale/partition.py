"""Split inputs into partitions of work for the cluster.

Big uncompressed JSONL files and WARC files (plain, or gzip per record) are
cut into byte ranges of about `partition_bytes`; every other input (txt, html,
csv, rss, .jsonl.gz, URLs) is one partition read by sitroom.ingest. Planning
only stats files: it never reads them, so it costs nothing on a huge corpus.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator

DEFAULT_PARTITION_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Partition:
    """One unit of work: a whole input, or the records starting in [start, end) of a file."""

    path: str
    kind: str  # "input" (read whole through sitroom.ingest) | "jsonl" | "warc" (byte range)
    start: int = 0
    end: int = 0

    @property
    def key(self) -> str:
        """Stable and unique: the Dask task key suffix (a retried task keeps it)."""
        return f"{self.kind}:{self.path}:{self.start}-{self.end}"


def _range_kind(path: str) -> str | None:
    """'jsonl' or 'warc' when the file can be read by byte range, else None."""
    from sitroom.ingest import detect_format

    try:
        fmt = detect_format(path)
    except Exception:  # noqa: BLE001 - undetectable: read whole, and let the reader report
        return None
    if fmt == "jsonl":
        with open(path, "rb") as fh:
            return None if fh.read(2) == b"\x1f\x8b" else "jsonl"  # .jsonl.gz streams whole
    if fmt == "warc":
        from sitroom.scale.ranges import is_gzip, _looks_like_member

        if not is_gzip(path):
            return "warc"
        # Per-record gzip only: a whole-file gzip stream cannot be entered mid-way.
        with open(path, "rb") as fh:
            return "warc" if _looks_like_member(fh, 0) and _has_second_member(fh) else None
    return None


def _has_second_member(fh) -> bool:
    from sitroom.scale.ranges import _gunzip_member, _looks_like_member

    size = os.fstat(fh.fileno()).st_size
    try:
        _, after = _gunzip_member(fh, 0)
    except (EOFError, ValueError, OSError):
        return False
    return after >= size or _looks_like_member(fh, after)


def plan_partitions(
    paths: Iterable[str], partition_bytes: int = DEFAULT_PARTITION_BYTES,
) -> Iterator[Partition]:
    """Partitions covering every input, in input order."""
    from sitroom.ingest import is_url, iter_files

    for given in paths:
        path = os.fspath(given)
        if is_url(path) or not os.path.exists(path):
            yield Partition(path, "input")  # the reader reports a missing path
        elif os.path.isdir(path):
            for file_path in iter_files(path):
                yield from _file_partitions(file_path, partition_bytes)
        else:
            yield from _file_partitions(path, partition_bytes)


def _file_partitions(path: str, partition_bytes: int) -> Iterator[Partition]:
    size = os.path.getsize(path)
    kind = _range_kind(path) if size > partition_bytes else None
    if kind is None:
        yield Partition(path, "input")
        return
    for start in range(0, size, partition_bytes):
        yield Partition(path, kind, start, min(size, start + partition_bytes))
