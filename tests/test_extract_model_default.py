"""The sub-event model shipped with sitroom (data/subevent_model.json) and its examples.

All sentences here are written for these tests (none comes from ACLED, CASE or FA-KES, and
none is copied from data/subevent_examples.jsonl)."""
from __future__ import annotations

import hashlib
import json
import time
from collections import Counter

import pytest

from sitroom.data import data_path, load_json
from sitroom.extract.classify import Classification, event_type_of
from sitroom.extract.model import MODEL_FORMAT, OverridePolicy, SubEventModel, features, load_default_model

ALL_SUB_EVENTS = {sub for subs in load_json("taxonomy.json").values() for sub in subs}


@pytest.fixture(scope="module")
def model() -> SubEventModel:
    return load_default_model()


def test_shipped_model_loads_and_is_small(model) -> None:
    path = data_path("subevent_model.json")
    assert path.stat().st_size < 2_000_000
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == MODEL_FORMAT
    assert set(model.labels) == ALL_SUB_EVENTS
    assert model.kind == "logistic" and model.feature_set == "stems"
    assert "examples" in model.trained_on  # hand-written examples, not an ACLED export
    assert load_default_model() is model  # loaded once per process


@pytest.mark.parametrize("text, expected", [
    ("Riot police lobbed tear gas canisters at marchers and detained a dozen of them outside the stadium.",
     "Protest with intervention"),
    ("A young man wearing an explosive belt blew himself up in the queue outside the bank, killing nine.",
     "Suicide bomb"),
    ("Inspectors said the victims had inhaled chlorine released from canisters dropped by helicopters.",
     "Chemical weapon"),
    ("Fighter jets bombed an insurgent training camp in the hills at dawn.", "Air/drone strike"),
    ("The two sides signed a truce in the capital and promised to exchange prisoners within a week.", "Agreement"),
    ("An angry crowd lynched a man they accused of stealing a goat.", "Mob violence"),
    ("Army sappers defused a roadside bomb found near the bridge.", "Disrupted weapons use"),
    ("Hundreds of nurses marched peacefully to the ministry with placards demanding overdue pay.",
     "Peaceful protest"),
    ("Insurgents overran the garrison town and hoisted their banner over the police headquarters.",
     "Non-state actor overtakes territory"),
    ("Artillery shells fell on the northern suburbs overnight, destroying two houses.",
     "Shelling/artillery/missile attack"),
    ("Soldiers raped a teenage girl during a search of the village.", "Sexual violence"),
    ("The rebels set up a new camp in an abandoned farm near the river.", "Headquarters or base established"),
    ("Police arrested the opposition leader at her home before dawn.", "Arrests"),
])
def test_predicts_the_obvious_ones(model, text, expected) -> None:
    assert model.predict(text)[0] == expected


def test_probabilities_and_families(model) -> None:
    probs = model.predict_proba("Fighter jets bombed an insurgent training camp in the hills at dawn.")
    assert set(probs) == ALL_SUB_EVENTS
    assert abs(sum(probs.values()) - 1.0) < 1e-9
    families = model.family_proba(probs)
    assert max(families, key=families.get) == "Explosions/Remote violence"
    # No feature known to the model: probabilities stay defined.
    assert abs(sum(model.predict_proba("").values()) - 1.0) < 1e-9


def test_names_and_admin_brackets_are_not_features() -> None:
    feats = features("On 2 May 2021, gunmen from Kassala Brigade shelled Dorval (Upper Region).", "stems")
    assert "shell" in feats and "gunmen" in feats
    assert not {"kassala", "brigade", "dorval", "upper", "region"} & set(feats)


def _rules(sub: str, score: float) -> Classification:
    return Classification(event_type_of(sub), sub, score, {sub: score})


def test_refine_keeps_rules_when_they_agree_or_are_absent(model) -> None:
    text = "Fighter jets bombed an insurgent training camp in the hills at dawn."
    rules = _rules("Air/drone strike", 5.0)
    assert model.refine(text, rules) is rules
    assert model.refine(text, None) is None


def test_refine_never_overrides_a_strong_rules_decision_across_families(model) -> None:
    text = "An angry crowd lynched a man they accused of stealing a goat."
    policy = model.override_policy
    strong = _rules("Attack", policy.weak_rules_score + 0.5)
    assert model.refine(text, strong) is strong


def test_refine_keeps_the_rules_sub_type_within_their_family(model) -> None:
    # The shipped policy never re-reads a sub-type inside the rules' event type.
    text = "Artillery shells fell on the northern suburbs overnight, destroying two houses."
    rules = _rules("Air/drone strike", 2.5)
    assert model.refine(text, rules) is rules


def test_refine_overrides_a_weak_reading_the_model_is_sure_is_wrong(model) -> None:
    text = "The two sides signed a truce in the capital and promised to exchange prisoners within a week."
    weak = _rules("Armed clash", 2.4)
    refined = model.refine(text, weak)
    assert refined.sub_event_type == "Agreement" and refined.event_type == "Strategic developments"
    assert refined.score == weak.score  # the rules' evidence strength is kept


def test_policy_round_trips_through_json(tmp_path, model) -> None:
    path = tmp_path / "m.json"
    model.save(path)
    again = SubEventModel.load(path)
    assert again.override_policy == model.override_policy
    assert again.kind == model.kind and again.temperature == model.temperature
    text = "Army sappers defused a roadside bomb found near the bridge."
    assert again.predict_proba(text) == pytest.approx(model.predict_proba(text))


def test_models_saved_before_the_default_model_still_load(tmp_path) -> None:
    # A user model from `sitroom train`: naive Bayes over words, margin-only policy.
    examples = [("gunmen kidnapped the trader on the road", "Abduction/forced disappearance")] * 3 + \
               [("rebels clashed with the army near the bridge", "Armed clash")] * 3
    d = SubEventModel.train(examples, min_count=1).to_json()
    for key in ("feature_set", "temperature", "kind", "policy"):
        d.pop(key, None)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    old = SubEventModel.load(path)
    assert old.feature_set == "words" and old.kind == "nb"
    assert old.override_policy == OverridePolicy(within_margin=0.6)
    assert old.predict("gunmen kidnapped a trader")[0] == "Abduction/forced disappearance"


def test_logistic_training_on_a_few_sentences() -> None:
    examples = [("troops and rebels exchanged fire near the hills", "Armed clash"),
                ("fighters clashed with soldiers at the checkpoint", "Armed clash"),
                ("crowds marched through the square chanting slogans", "Peaceful protest"),
                ("students held a march demanding lower fees", "Peaceful protest")] * 3
    m = SubEventModel.train_logistic(examples, epochs=10)
    assert m.predict("soldiers exchanged fire with fighters")[0] == "Armed clash"
    assert m.predict("workers held a march in the square")[0] == "Peaceful protest"


def test_examples_file_covers_every_sub_event_type() -> None:
    rows = [json.loads(line) for line in data_path("subevent_examples.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    counts = Counter(r["sub_event_type"] for r in rows)
    assert set(counts) == ALL_SUB_EVENTS
    assert min(counts.values()) >= 30
    assert len({r["text"] for r in rows}) == len(rows)
    # The fixed held-aside fifth (a hash of the text) is about a fifth.
    held = sum(int(hashlib.md5(r["text"].encode("utf-8")).hexdigest(), 16) % 5 == 0 for r in rows)
    assert 0.15 < held / len(rows) < 0.25


def test_prediction_is_fast(model) -> None:
    text = ("On 9 May 2021, unidentified gunmen on motorbikes attacked a market in a village near the border, "
            "killing four traders and burning stalls. 4 fatalities.")
    start = time.perf_counter()
    for _ in range(500):
        model.predict_proba(text)
    assert time.perf_counter() - start < 1.0  # well under a millisecond a sentence


def test_pipeline_with_the_default_model_keeps_strong_rules_readings(model) -> None:
    from sitroom.records import Article
    from sitroom.extract import extract_events, set_model

    text = "On 3 March 2021, rebels clashed with the army near the bridge at Saraqib, killing two soldiers."
    article = Article(id="t1", text=text, content_hash="h", raw_hash="r", published="2021-03-04")
    before = [e.sub_event_type for e in extract_events(article)]
    set_model(model)
    try:
        after = [e.sub_event_type for e in extract_events(article)]
    finally:
        set_model(None)
    assert before == after == ["Armed clash"]
