"""`export`: articles, fused events (ACLED column names) and mentions as CSV,
JSONL, Parquet and GeoJSON, from DuckDB and from a generic Store."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from sitroom.errors import SitroomError
from sitroom.records import Article, Event, Span
from sitroom.store.base import Store
from sitroom.store.export import EVENT_COLUMNS, export_table


def _article(n: int) -> Article:
    text = f"Report {n}: clashes broke out near the town on Monday, killing {n} fighters, a monitor said."
    from sitroom.dedup.hashing import article_id, content_hash

    digest = content_hash(text)
    return Article(id=article_id(digest), text=text, content_hash=digest, raw_hash=digest, origin=f"{n}.txt",
                   title=f"Clashes {n}", published="2022-03-0" + str(n), outlet="Example Wire", language="en")


@pytest.fixture
def filled(store):
    articles = [_article(1), _article(2)]
    store.add_articles(articles)
    store.add_mentions([
        Event(article_id=articles[0].id, mention_id="m1", event_date="2022-03-01", event_type="Battles",
              sub_event_type="Armed clash", country="Syria", location="Example", latitude=35.5, longitude=36.6,
              fatalities=1, evidence=[Span("clashes broke out", 10, 27)]),
        Event(article_id=articles[1].id, mention_id="m2", event_date="2022-03-02", event_type="Battles",
              sub_event_type="Armed clash", country="Syria", location="Nowhere", fatalities=2),
    ])
    columns = ("id", "event_date", "time_precision", "event_type", "sub_event_type", "country", "location",
               "latitude", "longitude", "fatalities", "n_sources", "n_outlets", "contested")
    marks = ", ".join("?" for _ in columns)
    store.execute(f"INSERT INTO events ({', '.join(columns)}) VALUES ({marks})",
                  ("ev-a", "2022-03-01", 1, "Battles", "Armed clash", "Syria", "Example", 35.5, 36.6, 1, 1, 1, False))
    store.execute(f"INSERT INTO events ({', '.join(columns)}) VALUES ({marks})",
                  ("ev-b", "2022-03-02", 1, "Battles", "Armed clash", "Syria", "Nowhere", None, None, 2, 1, 1, True))
    store.execute("INSERT INTO event_sources (event_id, mention_id, article_id, outlet) VALUES (?, ?, ?, ?)",
                  ("ev-a", "m1", articles[0].id, "Example Wire"))
    store.execute("INSERT INTO event_sources (event_id, mention_id, article_id, outlet) VALUES (?, ?, ?, ?)",
                  ("ev-a", "m9", articles[1].id, "Other Outlet"))
    return store


def test_events_csv_uses_acled_columns(filled):
    out = io.StringIO()
    assert export_table(filled, "events", "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    header = out.getvalue().splitlines()[0].split(",")
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert {"actor1", "assoc_actor_1", "inter1", "interaction", "civilian_targeting", "admin1", "geo_precision",
            "source", "notes", "fatalities"} <= set(header)
    assert rows[0]["event_id_cnty"] == "ev-a" and rows[0]["year"] == "2022"
    assert rows[0]["source"] == "Example Wire; Other Outlet"
    assert rows[1]["latitude"] == ""


def test_geojson_points(filled, tmp_path):
    path = tmp_path / "events.geojson"
    assert export_table(filled, "events", "geojson", str(path)) == 1  # the event without coordinates is left out
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.6, 35.5]}
    assert feature["properties"]["event_id_cnty"] == "ev-a"
    mentions = tmp_path / "mentions.geojson"
    assert export_table(filled, "mentions", "geojson", str(mentions)) == 1


def test_jsonl_articles_and_mentions(filled):
    out = io.StringIO()
    assert export_table(filled, "articles", "jsonl", out) == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["title"] for r in rows} == {"Clashes 1", "Clashes 2"}
    out = io.StringIO()
    export_table(filled, "mentions", "jsonl", out)
    mentions = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [m["mention_id"] for m in mentions] == ["m1", "m2"]
    assert json.loads(mentions[0]["evidence_json"])[0]["text"] == "clashes broke out"


class GenericStore(Store):
    """Any Store that is not DuckDB: exercises the pyarrow path."""

    def __init__(self, inner):
        self.inner, self.url = inner, "generic"

    def _execute(self, sql, params=()):
        return self.inner._execute(sql, params)

    def _executemany(self, sql, rows):
        self.inner._executemany(sql, rows)

    def _begin(self):
        self.inner._begin()

    def _commit(self):
        self.inner._commit()

    def _rollback(self):
        self.inner._rollback()

    def close(self):
        pass


@pytest.mark.parametrize("generic", [False, True])
def test_parquet(filled, tmp_path, generic):
    import pyarrow.parquet as pq

    store = GenericStore(filled) if generic else filled
    path = tmp_path / "events.parquet"
    assert export_table(store, "events", "parquet", str(path)) == 2
    table = pq.read_table(path)
    assert table.column_names == [acled for _, acled in EVENT_COLUMNS]
    assert table.column("event_id_cnty").to_pylist() == ["ev-a", "ev-b"]
    assert table.column("year").to_pylist() == [2022, 2022]
    assert table.column("source").to_pylist()[0] == "Example Wire; Other Outlet"
    articles = tmp_path / "articles.parquet"
    assert export_table(store, "articles", "parquet", str(articles)) == 2
    assert pq.read_table(articles).num_rows == 2


def test_bad_requests(filled):
    with pytest.raises(SitroomError, match="no coordinates"):
        export_table(filled, "articles", "geojson", io.StringIO())
    with pytest.raises(SitroomError, match="needs an --output file"):
        export_table(filled, "events", "parquet", "-")
    with pytest.raises(SitroomError, match="unknown table"):
        export_table(filled, "people", "csv", io.StringIO())


def test_cli_export(tmp_path):
    from sitroom.cli import main
    from sitroom.store import open_store

    db = str(tmp_path / "cli.duckdb")
    with open_store(db) as store:
        store.add_articles([_article(3)])
    out = tmp_path / "a.csv"
    result = CliRunner().invoke(main, ["export", "--db", db, "--table", "articles", "--format", "csv", "--output", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "exported 1 articles rows" in result.stderr
    assert next(csv.DictReader(out.open(encoding="utf-8")))["title"] == "Clashes 3"
    bad = CliRunner().invoke(main, ["export", "--db", db, "--table", "articles", "--format", "geojson"])
    assert bad.exit_code == 1 and "error:" in bad.stderr


@pytest.mark.postgres
def test_export_from_postgres(tmp_path):
    """The generic path on a real PostgresStore (SITROOM_TEST_PG; skipped otherwise)."""
    import pyarrow.parquet as pq

    from sitroom.scale.testing import fresh_pg_database, pg_server_url
    from sitroom.store import open_store

    server = pg_server_url()
    if not server:
        pytest.skip("SITROOM_TEST_PG not set (start a server with scripts/pg_start.sh)")
    with fresh_pg_database(server) as url:
        with open_store(url) as store:
            store.add_articles([_article(1), _article(2)])
            out = io.StringIO()
            assert export_table(store, "articles", "csv", out) == 2
            assert {r["title"] for r in csv.DictReader(io.StringIO(out.getvalue()))} == {"Clashes 1", "Clashes 2"}
            path = tmp_path / "a.parquet"
            assert export_table(store, "articles", "parquet", str(path)) == 2
            assert pq.read_table(path).num_rows == 2
