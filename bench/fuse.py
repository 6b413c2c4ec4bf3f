"""Fusion benchmark: time fusing synthetic event mentions, count comparisons
(never all pairs), and check the result against the synthetic truth.

    python bench/fuse.py                     # 100,000 mentions, in memory
    python bench/fuse.py --n 20000 --store   # also through a DuckDB store (fuse_store)
    python bench/fuse.py --store --pg postgresql://...   # ... and a PostgreSQL one (scripts/pg_start.sh)
    python bench/fuse.py --fakes             # pairwise precision/recall on the FA-KES dev tuning rows
    python bench/fuse.py --fakes --split test   # ... on the test quarter (report once, never tune on it)

Prints a table on stdout and writes bench/results/fuse.json (or fuse_fakes_<split>.json).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from sitroom.fuse.fusion import fuse_mentions, fused_fields
from sitroom.records import Event, Span

HERE = Path(__file__).resolve().parent
TYPES = [
    ("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"), ("Strategic developments", "Arrests"),
]
ACTORS = [f"Armed Group {i}" for i in range(40)]


def synthetic_mentions(n: int, seed: int = 7, countries: int = 12, regions: int = 14, towns: int = 30,
                       days: int = 3 * 365) -> tuple[list[Event], dict[str, int]]:
    """About n mentions of n/2.5 real events; each event reported 1-5 times, with the noise real
    reports have: a day off, a coarser place, a neighbouring sub-type, different tolls.
    Returns (mentions, mention_id -> true event number)."""
    rnd = random.Random(seed)
    start = date(2019, 1, 1).toordinal()
    mentions, truth = [], {}
    event_no = 0
    while len(mentions) < n:
        event_no += 1
        c, r, t = rnd.randrange(countries), rnd.randrange(regions), rnd.randrange(towns)
        day = start + rnd.randrange(days)
        etype, sub = rnd.choice(TYPES)
        a1, a2 = rnd.sample(ACTORS, 2)
        dead = rnd.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 40])
        lat, lon = 30 + c + r * 0.3 + t * 0.01, 35 + c + r * 0.3 + t * 0.01
        for k in range(min(rnd.choice([1, 1, 2, 2, 3, 4, 5]), n - len(mentions))):
            article = f"a{event_no:07d}-{k}"
            coarse = rnd.random() < 0.1
            d = day + (rnd.choice([-1, 1]) if rnd.random() < 0.15 else 0)
            m = Event(
                article_id=article, mention_id=f"{article}:0", event_date=date.fromordinal(d).isoformat(),
                event_type=etype, sub_event_type=sub, actor1=a1, actor2=a2 if rnd.random() < 0.8 else "",
                country=f"Country {c}", iso3=f"C{c:02d}", admin1=f"Region {c}-{r}", admin2=f"District {c}-{r}-{t // 5}",
                location=f"Region {c}-{r}" if coarse else f"Town {c}-{r}-{t}",
                latitude=None if coarse else lat, longitude=None if coarse else lon, geo_precision=3 if coarse else 1,
                fatalities=max(0, dead + rnd.choice([0, 0, 0, 1, -1, 3])), confidence=0.7,
                evidence=[Span("synthetic", 0, 9)], outlet=f"Outlet {rnd.randrange(50)}",
                published=date.fromordinal(day + rnd.choice([0, 0, 1, 2])).isoformat(),
            )
            mentions.append(m)
            truth[m.mention_id] = event_no
    rnd.shuffle(mentions)  # arrival order must not matter
    return mentions, truth


def pairwise_vs_truth(groups, truth: dict[str, int]) -> dict:
    """Pairwise precision/recall of fused groups against the true events (counted per event, not all pairs)."""
    pred_pairs = tp = 0
    for g in groups:
        by_true = defaultdict(int)
        for m in g.mentions:
            by_true[truth[m.mention_id]] += 1
        k = len(g.mentions)
        pred_pairs += k * (k - 1) // 2
        tp += sum(v * (v - 1) // 2 for v in by_true.values())
    true_sizes = defaultdict(int)
    for e in truth.values():
        true_sizes[e] += 1
    gold_pairs = sum(v * (v - 1) // 2 for v in true_sizes.values())
    return {"precision": round(tp / pred_pairs, 4) if pred_pairs else 1.0,
            "recall": round(tp / gold_pairs, 4) if gold_pairs else 1.0}


def run_memory(n: int) -> dict:
    mentions, truth = synthetic_mentions(n)
    c0, t0 = time.process_time(), time.perf_counter()
    index = fuse_mentions(mentions)
    t1 = time.perf_counter()
    for g in index.groups.values():
        fused_fields(g.mentions)
    c2, t2 = time.process_time(), time.perf_counter()
    return {
        "mode": "memory", "mentions": len(mentions), "true_events": len(set(truth.values())),
        "fused_events": len(index.groups), "comparisons": index.comparisons,
        "all_pairs": len(mentions) * (len(mentions) - 1) // 2,
        "match_seconds": round(t1 - t0, 2), "fields_seconds": round(t2 - t1, 2), "total_seconds": round(t2 - t0, 2),
        "cpu_seconds": round(c2 - c0, 2), **pairwise_vs_truth(index.groups.values(), truth),
    }


def run_store(n: int, pg_server: str | None = None, incremental: int = 1000) -> dict:
    """fuse_store over n mentions in a fresh store (DuckDB, or a fresh database on a PostgreSQL
    server), then over `incremental` more added to it (what `sitroom ingest` does next)."""
    from contextlib import ExitStack

    from sitroom.fuse import fuse_store
    from sitroom.store import open_store

    first, _ = synthetic_mentions(n)  # the memory run's mentions
    later, _ = synthetic_mentions(incremental, seed=8)  # other events over the same places and days
    for m in later:
        m.article_id, m.mention_id = "inc-" + m.article_id, "inc-" + m.mention_id
    with ExitStack() as stack:
        if pg_server:
            from sitroom.scale.testing import fresh_pg_database

            url = stack.enter_context(fresh_pg_database(pg_server))
        else:
            url = os.path.join(stack.enter_context(tempfile.TemporaryDirectory()), "bench.duckdb")
        store = stack.enter_context(open_store(url))
        _load_mentions(store, first)  # setup, not timed
        c0, t0 = time.process_time(), time.perf_counter()
        report = fuse_store(store)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        events = store.count("events")
        _load_mentions(store, later)
        c1, t1 = time.process_time(), time.perf_counter()
        fuse_store(store)
        more_seconds, more_cpu = time.perf_counter() - t1, time.process_time() - c1
    engine = "PostgreSQL" if pg_server else "DuckDB"
    return {"mode": f"store ({engine}, fuse_store)", "mentions": n, "fused_events": events,
            "comparisons": report.comparisons, "total_seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "incremental_mentions": len(later), "incremental_seconds": round(more_seconds, 2),
            "incremental_cpu_seconds": round(more_cpu, 2)}


def _load_mentions(store, mentions: list[Event]) -> None:
    """Bulk-load mentions (what Store.add_mentions writes, with multi-row inserts: faster to set up)."""
    from sitroom.fuse.repository import insert_rows
    from sitroom.store.base import MENTION_COLUMNS

    def row(e: Event) -> tuple:
        d = e.to_dict()
        d["event_id"] = None
        d["evidence_json"] = json.dumps(d["evidence"])
        d["claims_json"] = "[]"
        return tuple(d[c] for c in MENTION_COLUMNS)

    with store.transaction():
        insert_rows(store, "event_mentions", MENTION_COLUMNS, [row(m) for m in mentions])


def print_table(rows: list[dict], keys: list[str]) -> None:
    widths = [max(len(k), *(len(str(r.get(k, ""))) for r in rows)) for k in keys]
    print("  ".join(k.ljust(w) for k, w in zip(keys, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(r.get(k, "")).ljust(w) for k, w in zip(keys, widths)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="synthetic mentions (default 100,000)")
    ap.add_argument("--store", action="store_true", help="also time fuse_store on a DuckDB store")
    ap.add_argument("--store-n", type=int, default=20_000)
    ap.add_argument("--pg", metavar="SERVER_URL", help="also time fuse_store on a fresh database on this PostgreSQL "
                    "server (scripts/pg_start.sh prints one)")
    ap.add_argument("--fakes", action="store_true", help="pairwise precision/recall on FA-KES dev")
    ap.add_argument("--fakes-path", default=str(HERE.parent.parent / "shared" / "data" / "fakes_dev.csv"))
    ap.add_argument("--split", choices=("tune", "tune-new", "test", "all"), default="tune",
                    help="FA-KES md5 split (sitroom.evaluate.splits): tune on 'tune' only")
    args = ap.parse_args()
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    if args.fakes:
        from sitroom.evaluate.splits import in_split
        from sitroom.fuse.evaluation import extract_fakes, read_fakes, score_fakes

        rows_in = [r for r in read_fakes(args.fakes_path) if in_split(r["unit_id"], args.split)]
        result = score_fakes(rows_in, extract_fakes(rows_in, progress=True))
        result["split"] = args.split
        rows = [
            {**result, "fused": "linked: all mentions, article in the main event's incident"},
            {**result["main_events_only"], "fused": "main events only fused (old headline)"},
            {**result["same_main_event"], "fused": "all mentions fused, same main event"},
            {**result["given_correct_extraction"], "fused": "main events with labelled date+governorate only"},
        ]
        print_table(rows, ["fused", "pairs", "gold_same_pairs", "predicted_same_pairs", "true_positives",
                           "precision", "recall", "f1"])
        (out_dir / f"fuse_fakes_{args.split}.json").write_text(json.dumps(result, indent=2) + "\n")
        return
    load = os.getloadavg()[0]  # the machine may be shared: wall time alone can mislead
    rows = [run_memory(args.n)]
    if args.store:
        rows.append(run_store(args.store_n))
    if args.pg:
        rows.append(run_store(args.store_n, pg_server=args.pg))
    print_table(rows, ["mode", "mentions", "fused_events", "comparisons", "all_pairs", "total_seconds", "cpu_seconds",
                       "incremental_seconds", "precision", "recall"])
    (out_dir / "fuse.json").write_text(json.dumps({
        "python": sys.version.split()[0], "cpus": os.cpu_count(), "load_average_1min_at_start": round(load, 2),
        "runs": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
