"""Score the pipeline with and without the shipped sub-event model (or another model file).

Reads only the TUNE rows of the shared data (the same scorers `sitroom eval --split tune`
uses) and, when present, the hand-written sentences of
tests/fixtures/classify_generalisation.jsonl (written for the rules; the model never saw
them). The held-aside fifth of the hand-written examples is scored with a model built the
same way on the other four fifths (the shipped model has seen every example).

    .venv/bin/python scripts/eval_model.py [--model PATH] [--sets acled,case,fakes,seeds]
                                           [--policy '{"within_margin": 0.4, ...}'] [--quick]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from build_subevent_model import build, load_examples, split_examples  # noqa: E402

from sitroom.evaluate.common import main_event, safe_extract  # noqa: E402
from sitroom.evaluate.shared import article_from_text  # noqa: E402
from sitroom.extract.classify import event_type_of  # noqa: E402
from sitroom.data import data_path  # noqa: E402
from sitroom.extract.model import DEFAULT_MODEL_FILE, SubEventModel  # noqa: E402
from sitroom.extract.pipeline import extract_events, set_model  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "classify_generalisation.jsonl"
MEASURES = {
    "acled": ("event type", "sub-event type", "sub-event type macro-F1", "events per note (mean)"),
    "case": ("sub-event type accuracy (ACLED classes)", "silent on out-of-scope classes"),
    "fakes": ("cause -> sub-event type",),
    "seeds": ("recall of required events", "precision", "event_type (matched)", "sub_event_type (matched)"),
}


def tune_scores(sets: tuple[str, ...]) -> dict[tuple[str, str], float | None]:
    from sitroom.evaluate.report import run_eval

    result = run_eval(sets, split="tune", baseline=False, components=False)
    return {(r.set, r.measure): r.sitroom for r in result.rows}


def sentence_scores(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Sub-event and event type accuracy of the pipeline's main event ('none' = no event)."""
    sub = fam = 0
    for i, (text, gold) in enumerate(pairs):
        ev = main_event(safe_extract(extract_events, article_from_text(text, f"example-{i}")))
        pred = ev.sub_event_type if ev else "none"
        sub += pred == gold
        fam += (event_type_of(pred) or pred) == (event_type_of(gold) or gold)
    n = max(1, len(pairs))
    return sub / n, fam / n


def _fmt(v: float | None) -> str:
    return "   -  " if v is None else f"{v:6.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", help="a model file (default: the shipped model)")
    ap.add_argument("--sets", default="acled,case,fakes,seeds")
    ap.add_argument("--policy", help="JSON overriding fields of the model's OverridePolicy")
    ap.add_argument("--quick", action="store_true", help="skip the tune halves (sentences only)")
    args = ap.parse_args()
    # A fresh copy: --policy must not change the process-wide default model.
    model = SubEventModel.load(args.model or data_path(DEFAULT_MODEL_FILE))
    if args.policy:
        model.policy = replace(model.override_policy, **json.loads(args.policy))
    print(f"model: {args.model or 'shipped default'}; policy {model.override_policy}")

    train_part, held = split_examples(load_examples())
    held_model = build(train_part)
    held_model.policy = model.override_policy
    model_alone = sum(held_model.predict(t)[0] == label for t, label in held) / max(1, len(held))
    suites = {"held-aside examples": (held, held_model)}
    if FIXTURE.exists():
        rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
        suites["classify_generalisation fixture"] = ([(r["text"], r["sub_event_type"]) for r in rows], model)

    rows_out: list[tuple[str, str, float | None, float | None]] = []
    seconds = {}
    for with_model in (False, True):
        try:
            t0 = time.perf_counter()
            for name, (pairs, suite_model) in suites.items():
                set_model(suite_model if with_model else None)
                sub, fam = sentence_scores(pairs)
                rows_out.append((name, f"sub-event type (n={len(pairs)})", sub, None))
                rows_out.append((name, "event type", fam, None))
            seconds[with_model] = time.perf_counter() - t0
            set_model(model if with_model else None)
            if not args.quick:
                for (set_name, measure), value in tune_scores(tuple(args.sets.split(","))).items():
                    if measure in MEASURES.get(set_name, ()):
                        rows_out.append((f"{set_name} (tune)", measure, value, None))
        finally:
            set_model(None)
    half = len(rows_out) // 2
    print("| set | measure | rules only | with model | change |")
    print("|---|---|---:|---:|---:|")
    for (name, measure, without, _), (_, _, with_, _) in zip(rows_out[:half], rows_out[half:]):
        change = "" if without is None or with_ is None else f"{with_ - without:+.3f}"
        print(f"| {name} | {measure} | {_fmt(without)} | {_fmt(with_)} | {change} |")
    print(f"\nmodel alone (four-fifths model) on the held-aside examples: sub-event accuracy "
          f"{model_alone:.3f} (n={len(held)})")
    print(f"sentence suites: {seconds[False]:.1f} s rules only, {seconds[True]:.1f} s with model")


if __name__ == "__main__":
    main()
