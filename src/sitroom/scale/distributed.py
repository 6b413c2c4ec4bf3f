"""`sitroom ingest --engine dask`: the ingest pipeline on a Dask cluster.

Workers read, clean, extract and hash their partitions (sitroom.scale.worker);
this process, the only writer, streams results back with a bounded number of
tasks in flight and stores each partition in batches of articles + mentions
per transaction. Writes are idempotent (content-hash keys, ON CONFLICT), so a
re-run, or a task Dask retries after a worker died, never duplicates a row.
Fusion runs once at the end, on the store (sitroom.api.fuse_store).
"""
from __future__ import annotations

import logging
import sys
import time
import uuid
from dataclasses import dataclass
from typing import Iterable, Iterator

from sitroom.api import BATCH_SIZE, IngestReport, fuse_store
from sitroom.errors import ConfigError, InputError
from sitroom.records import Article, Event
from sitroom.scale.partition import DEFAULT_PARTITION_BYTES, Partition, plan_partitions
from sitroom.scale.worker import PartitionResult, process_partition
from sitroom.store import Store, open_store

log = logging.getLogger(__name__)


@dataclass
class DistributedStats:
    """Where the time went, for benchmarks: the cluster stage vs the write-back."""

    partitions: int = 0
    workers: int = 0
    worker_seconds: float = 0.0  # summed compute time inside tasks (wall)
    worker_cpu_seconds: float = 0.0  # summed CPU time inside tasks
    client_cpu_seconds: float = 0.0  # this process's CPU time during the stage, writes excluded
    stage_seconds: float = 0.0  # wall time from first submit to last result received
    writeback_seconds: float = 0.0  # client time spent writing to the store
    fuse_seconds: float = 0.0
    total_seconds: float = 0.0


def ingest_distributed(
    paths: Iterable[str], db: str | Store | None = None, *, scheduler: str | None = None,
    workers: int = 2, quiet: bool = False, **options,
) -> IngestReport:
    """Ingest on a Dask cluster: the one at `scheduler` (tcp://host:port), or a
    LocalCluster of `workers` processes started (and stopped) here.

    Same result and same IngestReport as sitroom.api.ingest. Options:
    fuse (default True), extract_events (default True), published,
    partition_bytes, max_in_flight, plus reader options passed to workers.
    """
    report, _ = run_distributed(paths, db, scheduler=scheduler, workers=workers, quiet=quiet, **options)
    return report


def run_distributed(
    paths: Iterable[str], db: str | Store | None = None, *, scheduler: str | None = None,
    workers: int = 2, quiet: bool = False, fuse: bool = True, write: bool = True,
    partition_bytes: int = DEFAULT_PARTITION_BYTES, max_in_flight: int | None = None,
    skip_known: bool = True, client=None, **options,
) -> tuple[IngestReport, DistributedStats]:
    """ingest_distributed with timings. `write=False` runs the cluster stage
    only (benchmarks); `client` reuses a connected distributed.Client;
    `skip_known` sends workers the ids already stored so a resumed run does
    not extract them again."""
    started = time.perf_counter()
    report, stats = IngestReport(), DistributedStats()
    own_client = own_cluster = None
    if client is None:
        own_client, own_cluster = connect(scheduler, workers)
        client = own_client
    store = None
    try:
        stats.workers = len(client.scheduler_info().get("workers", {})) or workers
        in_flight = max_in_flight or 2 * stats.workers + 1
        if write:
            store = db if isinstance(db, Store) else open_store(db)
        if store is not None and skip_known and store.count("articles"):
            options = {**options, "known_ids": client.scatter(known_article_ids(store), broadcast=True)}
        bar = _progress_bar(quiet)
        stage_started, cpu_started, writeback_cpu = time.perf_counter(), time.process_time(), 0.0
        for result in stream_results(client, plan_partitions(paths, partition_bytes), options, in_flight):
            stats.partitions += 1
            stats.worker_seconds += result.seconds
            stats.worker_cpu_seconds += result.cpu_seconds
            if store is not None:
                t, c = time.perf_counter(), time.process_time()
                write_result(store, result, report)
                stats.writeback_seconds += time.perf_counter() - t
                writeback_cpu += time.process_time() - c
            else:
                _count_unwritten(result, report)
            if bar is not None:
                bar.update(result.read)
        stats.stage_seconds = time.perf_counter() - stage_started - stats.writeback_seconds
        stats.client_cpu_seconds = time.process_time() - cpu_started - writeback_cpu
        if bar is not None:
            bar.close()
        if store is not None and fuse and report.added:
            t = time.perf_counter()
            fuse_store(store)
            stats.fuse_seconds = time.perf_counter() - t
    finally:
        if store is not None and not isinstance(db, Store):
            store.close()
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
    stats.total_seconds = time.perf_counter() - started
    return report, stats


def known_article_ids(store: Store, batch: int = 50_000):
    """Every stored article id as a sorted uint64 array (8 bytes an article:
    8 MB per million), for workers to skip what a previous run stored."""
    import numpy as np

    chunks, last = [], ""
    while True:
        rows = store.query(f"SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT {int(batch)}", (last,))
        if not rows:
            break
        chunks.append(np.array([_id_number(r["id"]) for r in rows], dtype=np.uint64))
        last = rows[-1]["id"]
    return np.unique(np.concatenate(chunks)) if chunks else np.zeros(0, dtype=np.uint64)


def _id_number(article_id: str) -> int:
    try:
        return int(article_id[:16], 16)
    except ValueError:  # not a hex id: never matches, the article is simply re-done
        return 0


def connect(scheduler: str | None = None, workers: int = 2):
    """(client, cluster-we-started-or-None): an existing scheduler, else a
    LocalCluster of single-threaded worker processes (extraction is pure
    Python: threads would share one GIL)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on install
        raise ConfigError(f"--engine dask needs dask[distributed] ({exc})") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except OSError as exc:
            raise ConfigError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from exc
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    if logging.getLogger().getEffectiveLevel() > logging.INFO:
        # distributed logs every start and stop at INFO on stderr; keep them for -v.
        logging.getLogger("distributed").setLevel(logging.WARNING)
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True,
        dashboard_address=":0", silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def stream_results(client, partitions: Iterator[Partition], options: dict,
                   max_in_flight: int) -> Iterator[PartitionResult]:
    """Results as they complete, never more than `max_in_flight` tasks queued,
    so neither the client nor the cluster holds the corpus."""
    from distributed import as_completed

    pending = iter(partitions)
    run = uuid.uuid4().hex[:8]  # two runs sharing a cluster never share task keys

    def submit(part: Partition):
        # retries: a task that raised is tried again; a task whose worker died
        # is rescheduled by the scheduler itself, under the same key.
        return client.submit(process_partition, part, options, key=f"sitroom-{run}-{part.key}",
                             pure=False, retries=2)

    first = [submit(p) for _, p in zip(range(max_in_flight), pending)]
    if not first:
        return
    queue = as_completed(first)
    for future in queue:
        result = future.result()
        future.release()
        nxt = next(pending, None)
        if nxt is not None:
            queue.add(submit(nxt))
        yield result


def write_result(store: Store, result: PartitionResult, report: IngestReport,
                 batch_size: int = BATCH_SIZE) -> None:
    """Store one partition: per batch, articles + their mentions + extraction
    marks in one transaction; articles already stored are skipped."""
    report.read += result.read
    report.skipped += result.duplicates + result.known
    report.errors.extend(InputError(name, problem) for name, problem in result.errors)
    extracted = set(result.extracted_ids)
    mentions_by_article: dict[str, list[Event]] = {}
    for e in result.mentions:
        mentions_by_article.setdefault(e.article_id, []).append(e)
    for k in range(0, len(result.articles), batch_size):
        batch = result.articles[k:k + batch_size]
        hashes, urls = stored_keys(store, batch)
        fresh = [a for a in batch if a.content_hash not in hashes and not (a.url and a.url in urls)]
        report.skipped += len(batch) - len(fresh)
        if not fresh:
            continue
        with store.transaction():
            added, skipped = store.add_articles(fresh)
            kept = [e for a in added for e in mentions_by_article.get(a.id, ())]
            store.add_mentions(kept)
            store.mark_extracted([a for a in added if a.id in extracted])
        report.skipped += len(skipped)
        report.added += len(added)
        report.added_ids.extend(a.id for a in added)
        report.events += len(kept)
        report.non_english += sum(1 for a in added if not a.is_english)


def stored_keys(store: Store, batch: list[Article]) -> tuple[set[str], set[str]]:
    """(content hashes, URLs) of `batch` already stored: two queries a batch
    instead of two per article (point queries are slow on DuckDB)."""
    hashes = [a.content_hash for a in batch]
    urls = [a.url for a in batch if a.url]
    found_hashes = {r["content_hash"] for r in store.query(
        f"SELECT content_hash FROM articles WHERE content_hash IN ({', '.join('?' for _ in hashes)})", hashes)}
    found_urls = {r["url"] for r in store.query(
        f"SELECT url FROM articles WHERE url IN ({', '.join('?' for _ in urls)})", urls)} if urls else set()
    return found_hashes, found_urls


def _count_unwritten(result: PartitionResult, report: IngestReport) -> None:
    report.read += result.read
    report.skipped += result.duplicates + result.known
    report.events += len(result.mentions)
    report.errors.extend(InputError(name, problem) for name, problem in result.errors)


def _progress_bar(quiet: bool):
    if quiet:
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        return None
    return tqdm(unit=" docs", file=sys.stderr, desc="ingest (dask)")
