"""`sitroom extract` and `sitroom train`: formats, ids, errors, models."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from sitroom.cli import main

NOTE = "On 3 March 2021, rebels shelled the town of Saraqib, killing two civilians."


def _inputs(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "ext-1", "text": NOTE, "published": "2021-03-04"}) + "\n"
        + json.dumps({"id": "ext-2", "text": "The weather was mild on Tuesday."}) + "\n",
        encoding="utf-8",
    )
    return src


def test_jsonl(tmp_path) -> None:
    result = CliRunner().invoke(main, ["extract", str(_inputs(tmp_path)), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert len(lines) == 1
    ev = lines[0]
    assert ev["article_id"] == "ext-1"
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert list(ev)[:3] == ["article_id", "event_date", "time_precision"]
    for key in ("evidence", "notes", "confidence", "fatalities_low", "geo_precision", "interaction"):
        assert key in ev


def test_csv_uses_acled_columns(tmp_path) -> None:
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["extract", str(_inputs(tmp_path)), "--format", "csv", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 1
    for col in ("event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
                "interaction", "iso3", "admin1", "location", "latitude", "geo_precision", "notes", "fatalities"):
        assert col in rows[0]
    assert rows[0]["year"] == "2021" and rows[0]["article_id"] == "ext-1"


def test_geojson(tmp_path) -> None:
    result = CliRunner().invoke(main, ["extract", str(_inputs(tmp_path)), "--format", "geojson", "-q"])
    assert result.exit_code == 0, result.output
    fc = json.loads(result.stdout)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    feat = fc["features"][0]
    assert feat["properties"]["article_id"] == "ext-1"
    assert feat["geometry"] is None or feat["geometry"]["type"] == "Point"


def test_missing_input_fails_but_others_go_on(tmp_path) -> None:
    result = CliRunner().invoke(main, ["extract", str(_inputs(tmp_path)), str(tmp_path / "nope.txt"), "-q"])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr
    assert len([x for x in result.stdout.splitlines() if x.strip()]) == 1


def test_bad_published_rejected(tmp_path) -> None:
    result = CliRunner().invoke(main, ["extract", str(_inputs(tmp_path)), "--published", "May 2021"])
    assert result.exit_code == 2


def test_train_and_use_model(tmp_path) -> None:
    export = tmp_path / "acled.csv"
    rows = [("rebels clashed with the army near the bridge", "Armed clash"),
            ("gunmen kidnapped a trader on the road", "Abduction/forced disappearance")] * 4
    with open(export, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "sub_event_type", "notes"])
        for i, (notes, label) in enumerate(rows):
            w.writerow([f"X{i}", label, notes])
    model = tmp_path / "model.json"
    result = CliRunner().invoke(main, ["train", "--acled", str(export), "--output", str(model)])
    assert result.exit_code == 0, result.output
    assert json.loads(model.read_text())["format"] == "sitroom-subevent-nb/1"
    result = CliRunner().invoke(main, ["extract", str(_inputs(tmp_path)), "--model", str(model), "-q"])
    assert result.exit_code == 0, result.output


def test_train_rejects_non_acled(tmp_path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", "--acled", str(bad)])
    assert result.exit_code == 2 and "not an ACLED export" in result.stderr


def test_bad_model_rejected(tmp_path) -> None:
    bad = tmp_path / "m.json"
    bad.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(_inputs(tmp_path)), "--model", str(bad), "-q"])
    assert result.exit_code == 2 and "not a sitroom model" in result.stderr


def test_default_model_option_extracts(tmp_path) -> None:
    result = CliRunner().invoke(main, ["extract", str(_inputs(tmp_path)), "--model", "default", "-q"])
    assert result.exit_code == 0, result.output
    events = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert events and all(e["event_type"] for e in events)
