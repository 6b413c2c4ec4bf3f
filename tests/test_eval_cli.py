"""`sitroom eval` end to end on a tiny shared folder we write ourselves, and the
component accuracies on the real ../shared rows (skipped when absent)."""
from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from conftest import shared_path
from sitroom.cli import main
from sitroom.evaluate.report import Row, format_table, run_eval

ACLED_FIELDS = ["event_id_cnty", "notes", "event_type", "sub_event_type", "event_date_iso", "country", "admin1",
                "location", "latitude", "longitude", "fatalities", "actor1"]


def _write_shared(root):
    data = root / "data"
    data.mkdir(parents=True)
    with open(data / "acled_dev.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=ACLED_FIELDS)
        w.writeheader()
        for i in range(6):
            w.writerow({"event_id_cnty": f"T{i}", "notes": f"On {i + 1} March 2021, a mortar shell killed {i} herders.",
                        "event_type": "Explosions/Remote violence",
                        "sub_event_type": "Shelling/artillery/missile attack", "event_date_iso": f"2021-03-{i + 1:02d}",
                        "country": "Syria", "admin1": "Idlib", "location": "Town", "latitude": "35.9",
                        "longitude": "36.6", "fatalities": str(i), "actor1": "Unidentified Armed Group (Syria)"})
    with open(data / "case2021_dev.tsv", "w", encoding="utf-8") as fh:
        fh.write("id\tEventSnippet\tSubType\n1\tA warplane bombed the bridge.\tAIR_STRIKE\n"
                 "2\tFloods hit the valley.\tNATURAL_DISASTER\n")
    with open(data / "fakes_dev.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["unit_id", "article_title", "article_content", "date", "location", "cause_of_death",
                    "nb_civilians", "nb_noncivilians"])
        w.writerow(["77", "t", "Sunday 6 Mar 2016 Shelling killed 5 people in the town on Saturday.", "3/5/16",
                    "aleppo", "shelling", "5", "0"])
    (root / "gold").mkdir()
    (root / "seeds").mkdir()
    (root / "seeds" / "s1.txt").write_text("A warplane bombed the bridge on Tuesday, killing 3 people.\n",
                                           encoding="utf-8")
    gold = {"articles": [{"file": "s1.txt", "published": "2021-03-04", "events": [
        {"id": "e1", "required": True, "event_date": "2021-03-02", "event_type": "Explosions/Remote violence",
         "sub_event_type": ["Air/drone strike"], "fatalities": 3, "evidence": "A warplane bombed the bridge"}]}]}
    (root / "gold" / "seeds.json").write_text(json.dumps(gold), encoding="utf-8")


def test_eval_command_prints_one_table_and_saves_json(tmp_path, monkeypatch):
    _write_shared(tmp_path / "shared")
    monkeypatch.setenv("SITROOM_SHARED", str(tmp_path / "shared"))
    out = tmp_path / "eval.json"
    result = CliRunner().invoke(main, ["eval", "--split", "all", "--json", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "split: all" in result.output
    assert "| set | measure | n | sitroom | baseline | target | met? |" in result.output
    for name in ("seeds", "acled", "case", "fakes"):
        assert f"| {name} |" in result.output
    saved = json.loads(out.read_text())
    assert saved["split"] == "all" and saved["sizes"]["acled"] == 6
    rows = {(r["set"], r["measure"]): r for r in saved["rows"]}
    assert rows[("acled", "date exact: resolve_event_date alone")]["sitroom"] == 1.0
    assert rows[("acled", "fatalities exact: count_fatalities alone")]["sitroom"] == 1.0
    assert rows[("fakes", "date exact: resolve_event_date alone")]["sitroom"] == 1.0


def test_eval_command_explains_missing_data(tmp_path, monkeypatch):
    monkeypatch.setenv("SITROOM_SHARED", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(main, ["eval", "--sets", "acled", "-q"])
    assert result.exit_code == 1
    assert "SITROOM_SHARED" in result.stderr


def test_eval_rejects_unknown_sets():
    result = CliRunner().invoke(main, ["eval", "--sets", "acled,nope", "-q"])
    assert result.exit_code == 2 and "nope" in result.stderr


def test_table_marks_targets():
    from sitroom.evaluate.report import EvalResult

    res = EvalResult("test", rows=[Row("acled", "fatalities exact", 10, 0.9, 0.5, 0.85),
                                   Row("acled", "country", 10, None, 0.1)])
    table = format_table(res)
    assert "| acled | fatalities exact | 10 | 0.900 | 0.500 | 0.850 | yes |" in table
    assert "| acled | country | 10 | - | 0.100 | - |  |" in table


def test_component_accuracy_on_real_acled_tuning_half():
    shared_path("data", "acled_dev.csv")
    result = run_eval(("acled",), split="tune", baseline=False, extractor=lambda a: [])
    rows = {r.measure: r.sitroom for r in result.rows}
    assert rows["date exact, notes opening 'On 28 April 2020': resolve_event_date alone"] >= 0.99
    assert rows["fatalities exact: count_fatalities alone"] >= 0.9


def test_components_only_skips_extraction(tmp_path, monkeypatch):
    _write_shared(tmp_path / "shared")
    monkeypatch.setenv("SITROOM_SHARED", str(tmp_path / "shared"))
    result = CliRunner().invoke(main, ["eval", "--components-only", "--split", "all", "-q"])
    assert result.exit_code == 0, result.output
    assert "resolve_event_date alone" in result.output
    assert "| acled | event type |" not in result.output


def test_update_markdown_replaces_only_the_marked_section(tmp_path):
    from sitroom.evaluate.report import update_markdown

    doc = tmp_path / "q.md"
    doc.write_text("intro\n<!-- eval:begin -->\nold table\n<!-- eval:end -->\nnotes\n", encoding="utf-8")
    assert update_markdown(str(doc), "| new |", "test", "sitroom eval")
    text = doc.read_text(encoding="utf-8")
    assert "old table" not in text and "| new |" in text
    assert text.startswith("intro\n") and text.endswith("<!-- eval:end -->\nnotes\n")
    plain = tmp_path / "plain.md"
    plain.write_text("no markers", encoding="utf-8")
    assert not update_markdown(str(plain), "| new |", "test", "sitroom eval")
