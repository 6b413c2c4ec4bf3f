"""What a Dask worker does with one partition: read, clean, extract, and
compute dedup candidates (content hash, MinHash signature). Pure: no database
access, so a task killed half-way and retried elsewhere changes nothing.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Iterator

from sitroom.errors import InputError, SitroomError
from sitroom.records import Article, Event
from sitroom.scale.partition import Partition

log = logging.getLogger(__name__)


@dataclass
class PartitionResult:
    """Everything the client needs to write one partition back."""

    partition: Partition
    articles: list[Article] = field(default_factory=list)  # unique by content hash within the partition
    mentions: list[Event] = field(default_factory=list)
    extracted_ids: list[str] = field(default_factory=list)  # extraction ran (events or none)
    signatures: dict[str, str] = field(default_factory=dict)  # article id -> MinHash signature as text
    errors: list[tuple[str, str]] = field(default_factory=list)  # (input name, problem)
    read: int = 0
    duplicates: int = 0  # same content twice inside this partition
    known: int = 0  # already stored before the run (id in `known_ids`): not extracted again
    seconds: float = 0.0  # worker compute time (wall)
    cpu_seconds: float = 0.0  # worker CPU time: what a busy shared machine cannot inflate


def _signature_function():
    """sitroom.dedup.minhash's signature function, if that stage is installed."""
    try:
        from sitroom.dedup.minhash import minhash_signature, signature_to_text
    except ImportError:
        return None
    return lambda text: signature_to_text(minhash_signature(text))


def _is_known(known_ids, article_id: str) -> bool:
    import numpy as np

    try:
        number = np.uint64(int(article_id[:16], 16))
    except ValueError:
        return False
    i = int(np.searchsorted(known_ids, number))
    return i < len(known_ids) and known_ids[i] == number


def iter_partition_articles(partition: Partition, errors: list[InputError], **options) -> Iterator[Article]:
    """Cleaned articles of one partition; unreadable inputs go to `errors`."""
    from sitroom import api

    if partition.kind == "input":
        yield from api.iter_articles([partition.path], on_error=errors.append, **options)
        return
    from sitroom.scale.ranges import read_jsonl_range, read_warc_range

    reader = read_jsonl_range if partition.kind == "jsonl" else read_warc_range
    published = options.get("published")
    try:
        for raw in reader(partition.path, partition.start, partition.end, errors.append):
            if published and not raw.published:
                raw.published = published
            try:
                yield api.clean(raw)
            except InputError as exc:
                errors.append(exc)
            except SitroomError as exc:
                errors.append(InputError(raw.name, str(exc)))
    except OSError as exc:
        errors.append(InputError(partition.path, f"cannot read ({exc.strerror or exc})"))


def process_partition(partition: Partition, options: dict | None = None) -> PartitionResult:
    """Run read -> clean -> extract -> signatures over one partition."""
    from sitroom import api

    options = dict(options or {})
    extract = options.pop("extract_events", True)
    # MinHash signatures are off by default: fusion (sitroom.fuse.stories) computes
    # its own and has no way yet to take precomputed ones (see docs/performance.md).
    want_signatures = options.pop("signatures", False)
    known_ids = options.pop("known_ids", None)  # sorted uint64 article-id numbers
    signature = _signature_function() if want_signatures else None
    started, cpu_started = time.perf_counter(), time.process_time()
    result = PartitionResult(partition)
    errors: list[InputError] = []
    seen: set[str] = set()
    for article in iter_partition_articles(partition, errors, **options):
        result.read += 1
        if article.content_hash in seen:
            result.duplicates += 1
            continue
        seen.add(article.content_hash)
        if known_ids is not None and _is_known(known_ids, article.id):
            result.known += 1
            continue
        result.articles.append(article)
        if extract:
            try:
                events = api.extract_article(article)
                for e in events:  # stored mentions must point at the stored article's id, whatever extract reports
                    e.article_id = article.id
                result.mentions.extend(events)
                result.extracted_ids.append(article.id)
            except Exception as exc:  # noqa: BLE001 - one bad article must not fail the partition
                log.warning("extraction failed on %s", article.id, exc_info=True)
                errors.append(InputError(f"{article.origin}:{article.id}", f"extraction failed ({type(exc).__name__}: {exc})"))
        if signature is not None and article.text:
            result.signatures[article.id] = signature(article.text)
    # InputError does not survive pickling (two-argument constructor): send plain pairs.
    result.errors = [(e.name, e.problem) for e in errors]
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu_started
    return result


def warm_up() -> float:
    """Load the cleaner's and extractor's resources (lexicons, gazetteer) once,
    so benchmarks time steady-state work; returns the seconds it took."""
    from sitroom import api
    from sitroom.records import RawDocument

    started = time.perf_counter()
    raw = RawDocument(origin="warm-up", text="Shelling killed two civilians in Ariha, Idleb, on Monday.",
                      published="2020-01-06")
    try:
        api.extract_article(api.clean(raw))
    except SitroomError:
        pass
    return time.perf_counter() - started
