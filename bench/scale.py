#!/usr/bin/env python3
"""Scale benchmarks: throughput and peak memory of the ingest pipeline on one
process and on Dask, and write-back / ingest speed into DuckDB and PostgreSQL.

    python bench/scale.py --sizes 1000,10000 --out bench/results/scale.json
    python bench/scale.py --sizes 2000 --runs single,dask1,dask2 --pg postgresql://...

Each measurement runs in a fresh subprocess, so peak RSS (ru_maxrss) is that
run's own; for Dask, the largest worker's peak is reported beside the
client's. Corpora come from bench/make_corpus.py and are cached in --work.
Sizes not measured are projected linearly from the largest measured size
(every stage streams, so time grows linearly and memory stays flat) and
labelled "projected".

Runs:
  single      read + clean + extract in one process, no database
  dask1/dask2 the same stage on a LocalCluster of 1 / 2 worker processes (no writes)
  duckdb      sitroom.api.ingest into a fresh DuckDB file (one process, end to end, no fusion)
  postgres    the same into a fresh PostgreSQL database (needs --pg or $SITROOM_TEST_PG)
  writeback-duckdb / writeback-postgres
              Dask (2 workers) with write-back: the client's write time, measured apart
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_RUNS = "single,dask1,dask2,duckdb,postgres,writeback-duckdb,writeback-postgres"
PROJECT_SIZES = (10_000, 100_000, 1_000_000)
PARTITION_BYTES = 256 * 1024  # ~100 articles a task: enough tasks to balance 2 workers


def corpus_path(work: Path, n: int) -> Path:
    path = work / f"corpus-{n}.jsonl"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        from make_corpus import make_corpus

        make_corpus(n, "jsonl", path, seed=1)
    return path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


# --- one measurement (runs inside a child process) -----------------------------
def measure(run: str, corpus: str, work: Path, pg: str | None) -> dict:
    n_docs = sum(1 for _ in open(corpus, "rb"))
    out: dict = {"run": run, "n": n_docs}
    t0 = time.perf_counter()
    if run == "single":
        from sitroom import api
        from sitroom.scale.worker import warm_up

        warm_up()
        t0, c0 = time.perf_counter(), time.process_time()
        articles = mentions = 0
        for a in api.iter_articles([corpus]):
            articles += 1
            mentions += len(api.extract_article(a))
        out.update(seconds=time.perf_counter() - t0, cpu_seconds=time.process_time() - c0,
                   articles=articles, mentions=mentions)
    elif run in ("dask1", "dask2"):
        from sitroom.scale.distributed import connect, run_distributed
        from sitroom.scale.worker import warm_up

        workers = int(run[-1])
        client, cluster = connect(None, workers)
        client.run(warm_up)
        report, stats = run_distributed([corpus], None, client=client, quiet=True, write=False,
                                        partition_bytes=PARTITION_BYTES)
        client.close()
        cluster.close()
        out.update(seconds=stats.stage_seconds, total_seconds=stats.total_seconds, workers=workers,
                   worker_seconds=stats.worker_seconds, worker_cpu_seconds=stats.worker_cpu_seconds,
                   client_cpu_seconds=stats.client_cpu_seconds, partitions=stats.partitions,
                   articles=report.read, mentions=report.events)
    elif run in ("duckdb", "postgres"):
        from sitroom import api
        from sitroom.scale.worker import warm_up

        warm_up()
        with _database(run, work, pg) as db:
            t0 = time.perf_counter()
            report = api.ingest([corpus], db, fuse=False)
            out.update(seconds=time.perf_counter() - t0, articles=report.read, added=report.added,
                       mentions=report.events)
    elif run.startswith("writeback-"):
        from sitroom.scale.distributed import connect, run_distributed
        from sitroom.scale.worker import warm_up

        client, cluster = connect(None, 2)
        client.run(warm_up)
        with _database(run.split("-", 1)[1], work, pg) as db:
            report, stats = run_distributed([corpus], db, client=client, quiet=True, fuse=False,
                                            partition_bytes=PARTITION_BYTES)
        client.close()
        cluster.close()
        out.update(seconds=stats.writeback_seconds, stage_seconds=stats.stage_seconds,
                   total_seconds=stats.total_seconds, articles=report.read, added=report.added,
                   mentions=report.events, workers=2)
    else:
        raise SystemExit(f"unknown run {run!r}")
    out["load_avg_1min"] = round(os.getloadavg()[0], 2)  # others' jobs share these 2 cores
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    out["worker_peak_rss_mb"] = round(children_peak_rss_mb(), 1) if run.startswith(("dask", "writeback")) else None
    return out


class _database:
    """A fresh database for one measurement, removed afterwards."""

    def __init__(self, kind: str, work: Path, pg: str | None):
        self.kind, self.work, self.pg = kind, work, pg
        self._ctx = None

    def __enter__(self) -> str:
        if self.kind == "duckdb":
            self.path = self.work / f"bench-{os.getpid()}.duckdb"
            self.path.unlink(missing_ok=True)
            return str(self.path)
        if not self.pg:
            raise SystemExit("postgres runs need --pg URL or $SITROOM_TEST_PG")
        from sitroom.scale.testing import fresh_pg_database

        self._ctx = fresh_pg_database(self.pg, prefix="sitroom_bench")
        return self._ctx.__enter__()

    def __exit__(self, *exc):
        if self._ctx is not None:
            self._ctx.__exit__(*exc)
        else:
            for p in (self.path, Path(str(self.path) + ".wal")):
                p.unlink(missing_ok=True)


# --- driver ----------------------------------------------------------------------
def run_child(run: str, corpus: Path, work: Path, pg: str | None) -> dict:
    cmd = [sys.executable, __file__, "--one", run, "--corpus", str(corpus), "--work", str(work)]
    if pg:
        cmd += ["--pg", pg]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"run": run, "error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def rate(r: dict) -> float | None:
    return r["articles"] / r["seconds"] if r.get("seconds") and r.get("articles") else None


def projections(results: list[dict]) -> list[dict]:
    """Linear projections to PROJECT_SIZES from each run's largest measured size."""
    out = []
    for run in dict.fromkeys(r["run"] for r in results if "error" not in r):
        largest = max((r for r in results if r["run"] == run and "error" not in r), key=lambda r: r["n"])
        per_second = rate(largest)
        if not per_second:
            continue
        for n in PROJECT_SIZES:
            if any(r["run"] == run and r["n"] == n and "error" not in r for r in results):
                continue
            out.append({"run": run, "n": n, "seconds": round(n / per_second, 1),
                        "articles_per_s": round(per_second, 1), "peak_rss_mb": largest["peak_rss_mb"],
                        "basis": f"projected from n={largest['n']}"})
    return out


def print_table(rows: list[dict]) -> None:
    print(f"{'run':<20}{'n':>9}{'seconds':>10}{'art/s':>9}{'RSS MB':>9}{'worker MB':>11}  basis", file=sys.stderr)
    for r in rows:
        if "error" in r:
            print(f"{r['run']:<20}  error: {r['error']}", file=sys.stderr)
            continue
        w = r.get("worker_peak_rss_mb")
        print(f"{r['run']:<20}{r['n']:>9}{r['seconds']:>10.1f}{r['articles_per_s']:>9.1f}"
              f"{r['peak_rss_mb']:>9.0f}{(f'{w:.0f}' if w else '-'):>11}  {r['basis']}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes to measure")
    p.add_argument("--runs", default=DEFAULT_RUNS)
    p.add_argument("--work", default="/tmp/sitroom-bench", help="where corpora and databases go")
    p.add_argument("--pg", default=os.environ.get("SITROOM_TEST_PG"), help="PostgreSQL server URL")
    p.add_argument("--out", default=str(HERE / "results" / "scale.json"))
    p.add_argument("--append", action="store_true", help="merge into the existing --out file")
    p.add_argument("--one", help=argparse.SUPPRESS)
    p.add_argument("--corpus", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(measure(args.one, args.corpus, work, args.pg)))
        return 0

    results = []
    for n in [int(x) for x in args.sizes.split(",")]:
        corpus = corpus_path(work, n)
        for run in args.runs.split(","):
            if run.endswith("postgres") and not args.pg:
                continue
            print(f"measuring {run} n={n} ...", file=sys.stderr, flush=True)
            r = run_child(run, corpus, work, args.pg)
            if "error" not in r:
                r["seconds"] = round(r["seconds"], 2)
                r["articles_per_s"] = round(rate(r) or 0.0, 1)
                r["basis"] = "measured"
            results.append(r)
    if args.append and Path(args.out).exists():
        old = [r for r in json.loads(Path(args.out).read_text())["results"] if r.get("basis") == "measured"]
        fresh = {(r["run"], r["n"]) for r in results if "error" not in r}
        results = [r for r in old if (r["run"], r["n"]) not in fresh] + results
    speedups = {}
    for n in {r["n"] for r in results if "error" not in r}:
        one = next((r for r in results if r["run"] == "dask1" and r["n"] == n and "error" not in r), None)
        two = next((r for r in results if r["run"] == "dask2" and r["n"] == n and "error" not in r), None)
        if one and two:
            speedups[str(n)] = round(one["seconds"] / two["seconds"], 2)
    cpu_projection = {}
    for n in sorted({r["n"] for r in results if "error" not in r}):
        one = next((r for r in results if r["run"] == "dask1" and r["n"] == n and r.get("worker_cpu_seconds")), None)
        two = next((r for r in results if r["run"] == "dask2" and r["n"] == n and r.get("worker_cpu_seconds")), None)
        if one and two:
            # On idle cores the stage takes max(worker CPU / workers, client CPU): CPU time is
            # what a loaded shared machine does not inflate (much), unlike wall time.
            t1 = max(one["worker_cpu_seconds"], one["client_cpu_seconds"])
            t2 = max(two["worker_cpu_seconds"] / 2, two["client_cpu_seconds"])
            cpu_projection[str(n)] = {
                "worker_cpu_ms_per_article": round(1000 * two["worker_cpu_seconds"] / two["articles"], 2),
                "client_cpu_share": round(two["client_cpu_seconds"] / two["worker_cpu_seconds"], 4),
                "projected_speedup_2_vs_1": round(t1 / t2, 2),
            }
    rows = results + projections(results)
    print_table(rows)
    if speedups:
        print(f"dask speed-up, 2 workers vs 1 (wall): {speedups}", file=sys.stderr)
    if cpu_projection:
        print(f"dask CPU-time projection: {cpu_projection}", file=sys.stderr)
    load = os.getloadavg()
    doc = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "load_avg_at_end": [round(x, 2) for x in load]},
        "command": " ".join([Path(sys.argv[0]).name, *(argv if argv is not None else sys.argv[1:])]),
        "results": rows, "dask_speedup_2_vs_1": speedups, "dask_cpu_projection": cpu_projection,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
