"""The main job on the sample corpus that ships with the package: ingest it
into a fresh embedded database, fuse, report, and say how to open the
dashboard. `sitroom demo` is a thin wrapper over `run_demo`."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sitroom.api import IngestReport, ingest
from sitroom.data import data_path
from sitroom.store import open_store


@dataclass
class DemoResult:
    db: str
    ingest: IngestReport
    counts: dict[str, int] = field(default_factory=dict)
    contested: list[dict] = field(default_factory=list)
    top_events: list[dict] = field(default_factory=list)
    report_path: Path | None = None


def sample_corpus() -> Path:
    return data_path("sample")


def run_demo(out_dir: str | Path = "out", progress: Callable[[int], None] | None = None) -> DemoResult:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.duckdb"
    for stale in (db, Path(str(db) + ".wal")):
        stale.unlink(missing_ok=True)  # a fresh database every time
    report = ingest([str(sample_corpus())], db=str(db), progress=progress)
    result = DemoResult(db=str(db), ingest=report)
    with open_store(str(db)) as store:
        for table in ("articles", "comments", "event_mentions", "events", "stories", "claims"):
            result.counts[table] = store.count(table)
        result.top_events = store.query(
            "SELECT id, event_date, event_type, sub_event_type, location, admin1, country, "
            "fatalities, fatalities_low, fatalities_high, n_sources, n_outlets, contested, notes "
            "FROM events ORDER BY n_sources DESC, fatalities DESC, id LIMIT 8"
        )
        result.contested = store.query(
            "SELECT id, event_date, sub_event_type, location, fatalities_low, fatalities_high, "
            "contested_json, notes FROM events WHERE contested ORDER BY n_sources DESC, id LIMIT 3"
        )
        try:
            from sitroom.report import write_demo_report
        except ImportError:
            write_demo_report = None
        if write_demo_report is not None:
            result.report_path = write_demo_report(store, out)
    return result
