"""Export a table of the store as CSV, JSONL, Parquet or GeoJSON, streaming.

Tables: `articles`, `events` (fused events, with ACLED's column names:
event_id_cnty, event_date, year, ..., source, notes, fatalities) and
`mentions` (event_mentions, one row per event as one article reports it).
Rows are read in primary-key order a batch at a time, so any Store works
(DuckDB, PostgreSQL); on DuckDB, Parquet is written by DuckDB's own COPY.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from contextlib import contextmanager
from typing import IO, Callable, Iterator

from sitroom.errors import InputError, SitroomError
from sitroom.store.base import ARTICLE_COLUMNS, MENTION_COLUMNS, Store

TABLES = ("articles", "events", "mentions")
FORMATS = ("csv", "jsonl", "parquet", "geojson")
BATCH = 2000

# Fused-event columns as ACLED names them (sitroom column, ACLED column), then sitroom's extras.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "event_id_cnty"), ("event_date", "event_date"), ("year", "year"),
    ("time_precision", "time_precision"), ("event_type", "event_type"),
    ("sub_event_type", "sub_event_type"), ("actor1", "actor1"), ("assoc_actor_1", "assoc_actor_1"),
    ("inter1", "inter1"), ("actor2", "actor2"), ("assoc_actor_2", "assoc_actor_2"),
    ("inter2", "inter2"), ("interaction", "interaction"), ("civilian_targeting", "civilian_targeting"),
    ("iso3", "iso3"), ("country", "country"), ("admin1", "admin1"), ("admin2", "admin2"),
    ("location", "location"), ("latitude", "latitude"), ("longitude", "longitude"),
    ("geo_precision", "geo_precision"), ("source", "source"), ("notes", "notes"),
    ("fatalities", "fatalities"), ("fatalities_low", "fatalities_low"),
    ("fatalities_high", "fatalities_high"), ("confidence", "confidence"), ("n_sources", "n_sources"),
    ("n_outlets", "n_outlets"), ("contested", "contested"), ("story_id", "story_id"),
    ("first_seen", "first_seen"), ("last_updated", "last_updated"), ("revision", "revision"),
)
_INT_COLUMNS = {
    "year", "time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities",
    "fatalities_low", "fatalities_high", "n_sources", "n_outlets", "revision",
}
_FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}
_BOOL_COLUMNS = {"contested"}


def export_columns(table: str) -> list[str]:
    """The output column names of a table, in order."""
    if table == "articles":
        return list(ARTICLE_COLUMNS)
    if table == "mentions":
        return list(MENTION_COLUMNS)
    if table == "events":
        return [acled for _, acled in EVENT_COLUMNS]
    raise SitroomError(f"unknown table {table!r}; tables are {', '.join(TABLES)}")


def _source_table(table: str) -> tuple[str, str]:
    return {"articles": ("articles", "id"), "events": ("events", "id"), "mentions": ("event_mentions", "mention_id")}[table]


def iter_rows(store: Store, table: str, batch: int = BATCH) -> Iterator[dict]:
    """Every row of a table as an output dict (ACLED names for events), in key order."""
    columns = export_columns(table)
    name, key = _source_table(table)
    last = ""
    while True:
        rows = store.query(f"SELECT * FROM {name} WHERE {key} > ? ORDER BY {key} LIMIT {int(batch)}", (last,))
        if not rows:
            return
        if table == "events":
            outlets = _outlets_by_event(store, [r["id"] for r in rows])
            for r in rows:
                date = r.get("event_date") or ""
                r["year"] = int(date[:4]) if date[:4].isdigit() else None
                r["source"] = "; ".join(outlets.get(r["id"], []))
                yield {acled: r.get(col) for col, acled in EVENT_COLUMNS}
        else:
            for r in rows:
                yield {c: r.get(c) for c in columns}
        last = rows[-1][key]


def _outlets_by_event(store: Store, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if not ids:
        return out
    marks = ", ".join("?" for _ in ids)
    for r in store.query(
        f"SELECT event_id, outlet FROM event_sources WHERE event_id IN ({marks}) ORDER BY event_id, outlet", ids
    ):
        if r["outlet"] and r["outlet"] not in out.setdefault(r["event_id"], []):
            out[r["event_id"]].append(r["outlet"])
    return out


@contextmanager
def _text_output(output: str | IO[str] | None) -> Iterator[IO[str]]:
    if output is None or output == "-":
        yield sys.stdout
    elif isinstance(output, (str, os.PathLike)):
        try:
            fh = open(output, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise InputError(str(output), f"cannot write ({exc.strerror or exc})") from None
        with fh:
            yield fh
    else:
        yield output


def _json_value(value):
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_csv(rows: Iterator[dict], columns: list[str], out: IO[str], progress: Callable[[int], None] | None) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        n += 1
        if progress:
            progress(1)
    return n


def write_jsonl(rows: Iterator[dict], out: IO[str], progress: Callable[[int], None] | None) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        n += 1
        if progress:
            progress(1)
    return n


def write_geojson(rows: Iterator[dict], out: IO[str], progress: Callable[[int], None] | None) -> int:
    """A FeatureCollection of points; rows without coordinates are left out."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for row in rows:
        if progress:
            progress(1)
        lat, lon = row.get("latitude"), row.get("longitude")
        if lat is None or lon is None:
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {k: _json_value(v) for k, v in row.items() if k not in ("latitude", "longitude")},
        }
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _arrow_schema(columns: list[str]):
    import pyarrow as pa

    def kind(c: str):
        if c in _INT_COLUMNS:
            return pa.int64()
        if c in _FLOAT_COLUMNS:
            return pa.float64()
        if c in _BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    return pa.schema([(c, kind(c)) for c in columns])


def write_parquet(rows: Iterator[dict], columns: list[str], path: str, progress: Callable[[int], None] | None) -> int:
    """Parquet through pyarrow, a batch at a time (works for any Store)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(columns)
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict] = []

        def flush() -> None:
            data = {c: [_coerce(r.get(c), schema.field(c).type) for r in chunk] for c in columns}
            writer.write_table(pa.table(data, schema=schema))

        for row in rows:
            chunk.append(row)
            n += 1
            if progress:
                progress(1)
            if len(chunk) >= BATCH:
                flush()
                chunk = []
        if chunk or n == 0:
            flush()
    return n


def _coerce(value, arrow_type):
    import pyarrow as pa

    if value is None or value == "":
        return None
    if pa.types.is_integer(arrow_type):
        return int(value)
    if pa.types.is_floating(arrow_type):
        return float(value)
    if pa.types.is_boolean(arrow_type):
        return bool(value)
    return str(_json_value(value))


def _duckdb_copy_parquet(store: Store, table: str, path: str) -> int | None:
    """DuckDB's own COPY for Parquet; None when the store is not DuckDB."""
    try:
        from sitroom.store.duckdb_store import DuckDBStore
    except ImportError:
        return None
    if not isinstance(store, DuckDBStore):
        return None
    name, key = _source_table(table)
    if table == "events":
        select = ", ".join(
            "TRY_CAST(substr(event_date, 1, 4) AS INTEGER) AS \"year\"" if col == "year"
            else "(SELECT string_agg(DISTINCT s.outlet, '; ' ORDER BY s.outlet) FROM event_sources s WHERE s.event_id = e.id) AS source"
            if col == "source" else f'e."{col}" AS "{acled}"'
            for col, acled in EVENT_COLUMNS
        )
        sql = f"SELECT {select} FROM events e ORDER BY e.id"
    else:
        sql = f"SELECT {', '.join(export_columns(table))} FROM {name} ORDER BY {key}"
    quoted = path.replace("'", "''")
    store.execute(f"COPY ({sql}) TO '{quoted}' (FORMAT PARQUET)")
    return store.count("articles" if table == "articles" else name)


def export_table(
    store: Store, table: str = "events", fmt: str = "csv", output: str | IO[str] | None = None,
    *, progress: Callable[[int], None] | None = None,
) -> int:
    """Write one table to `output` (a path; '-' or None for stdout); returns rows written."""
    if fmt not in FORMATS:
        raise SitroomError(f"unknown format {fmt!r}; formats are {', '.join(FORMATS)}")
    columns = export_columns(table)
    if fmt == "geojson" and table == "articles":
        raise SitroomError("articles have no coordinates: export --table events or mentions as geojson")
    if fmt == "parquet":
        if not isinstance(output, (str, os.PathLike)) or output == "-":
            raise SitroomError("parquet needs an --output file")
        path = os.fspath(output)
        try:
            copied = _duckdb_copy_parquet(store, table, path)
        except Exception:  # noqa: BLE001 - fall back to the generic writer
            copied = None
        if copied is not None:
            return copied
        try:
            return write_parquet(iter_rows(store, table), columns, path, progress)
        except OSError as exc:
            raise InputError(path, f"cannot write ({exc})") from None
    with _text_output(output) as out:
        rows = iter_rows(store, table)
        if fmt == "csv":
            return write_csv(rows, columns, out, progress)
        if fmt == "jsonl":
            return write_jsonl(rows, out, progress)
        return write_geojson(rows, out, progress)


__all__ = ["export_table", "iter_rows", "export_columns", "TABLES", "FORMATS", "EVENT_COLUMNS"]
