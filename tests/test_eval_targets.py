"""The issue's targets in the eval table, and the fusion set's lazy hook."""
from __future__ import annotations

from sitroom.evaluate.common import Score
from sitroom.evaluate.report import EvalResult, Row, format_table, run_eval
from sitroom.evaluate.score_fusion import MISSING_NOTE, score_fusion
from sitroom.evaluate.targets import target_for


def test_every_issue_measure_has_its_target():
    expected = {
        ("acled", "event type"): 0.90, ("acled", "sub-event type"): 0.80,
        ("acled", "sub-event type macro-F1"): 0.65, ("acled", "date exact"): 0.95, ("acled", "admin1"): 0.85,
        ("acled", "location (25 km or name)"): 0.75, ("acled", "fatalities exact"): 0.85,
        ("acled", "actor1 exact"): 0.70,
        ("case", "sub-event type accuracy (ACLED classes)"): 0.70, ("case", "silent on out-of-scope classes"): 0.70,
        ("fakes", "date exact"): 0.60, ("fakes", "governorate"): 0.75, ("fakes", "cause -> sub-event type"): 0.70,
        ("fakes", "fatalities within 20% (or 2)"): 0.50,
        ("seeds", "recall of required events"): 0.90, ("seeds", "precision"): 0.75,
        ("seeds", "actor2 (matched)"): 0.80, ("seeds", "event_date (matched)"): 0.80,
        ("fusion", "pairwise precision"): 0.80, ("fusion", "pairwise recall"): 0.80,
    }
    for (set_name, measure), target in expected.items():
        assert target_for(set_name, measure) == (target, True), (set_name, measure)
    assert target_for("acled", "events per note (mean)") == (1.5, False)
    assert target_for("acled", "country") == (None, True)


def test_table_shows_at_most_targets_and_met():
    res = EvalResult("test")
    res.add("acled", Score("events per note (mean)", 1.02, 10))
    res.add("acled", Score("admin1", 0.80, 10))
    res.add("seeds", Score("location (matched)", 0.9, 8))
    table = format_table(res)
    assert "| acled | events per note (mean) | 10 | 1.020 | - | <= 1.500 | yes |" in table
    assert "| acled | admin1 | 10 | 0.800 | - | 0.850 | no |" in table
    assert "| seeds | location (matched) | 8 | 0.900 | - | 0.800 | yes |" in table
    assert Row("acled", "events per note (mean)", 10, 1.7, None, 1.5, False).met is False


def test_fusion_scores_from_a_scorer_given_only_the_split_rows():
    seen = {}

    def scorer(path: str) -> dict:
        with open(path, encoding="utf-8") as fh:
            seen["lines"] = fh.read().count("\n")
        return {"precision": 0.9, "recall": 0.5, "articles": 2,
                "given_correct_extraction": {"precision": 1.0, "recall": 0.75},
                "main_event_has_label_date_and_governorate": 1}

    rows = [{"unit_id": "1", "article_content": "a"}, {"unit_id": "2", "article_content": "b"}]
    scores, note = score_fusion(rows, scorer)
    assert note == "" and seen["lines"] == 3  # header + the two rows
    by = {s.measure: (s.value, s.n) for s in scores}
    assert by["pairwise precision"] == (0.9, 2) and by["pairwise recall"] == (0.5, 2)
    assert by["pairwise recall, given correct extraction"] == (0.75, 1)


def test_fusion_set_is_skipped_with_a_note_when_fuse_has_no_scorer(monkeypatch, tmp_path):
    import sitroom.evaluate.score_fusion as sf

    data = tmp_path / "data"
    data.mkdir()
    (data / "fakes_dev.csv").write_text("unit_id,article_content,date\n1,Shelling killed 2.,3/5/16\n",
                                        encoding="utf-8")
    monkeypatch.setenv("SITROOM_SHARED", str(tmp_path))
    monkeypatch.setattr(sf, "fusion_scorer", lambda: None)
    result = run_eval(("fusion",), split="all", baseline=False)
    assert result.rows == [] and result.notes == [MISSING_NOTE]
    assert MISSING_NOTE in format_table(result)


def test_broken_fusion_scorer_is_a_note_not_a_crash():
    def scorer(path: str) -> dict:
        raise RuntimeError("boom")

    scores, note = score_fusion([{"unit_id": "1"}], scorer)
    assert scores == [] and "boom" in note
