"""Run every scorer for sitroom and the baseline, and print one table:
set | measure | sitroom | baseline | target | met?"""
from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from typing import Callable

from sitroom.evaluate.common import Extractor, Score
from sitroom.evaluate.splits import select
from sitroom.evaluate.targets import target_for

log = logging.getLogger(__name__)

ALL_SETS = ("seeds", "acled", "case", "fakes", "fusion")


@dataclass
class Row:
    set: str
    measure: str
    n: int
    sitroom: float | None
    baseline: float | None = None
    target: float | None = None
    higher_is_better: bool = True

    @property
    def met(self) -> bool | None:
        if self.target is None or self.sitroom is None:
            return None
        return self.sitroom >= self.target if self.higher_is_better else self.sitroom <= self.target

    def to_dict(self) -> dict:
        d = asdict(self)
        d["met"] = self.met
        return d


@dataclass
class EvalResult:
    split: str
    rows: list[Row] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # e.g. a set skipped because its scorer is absent

    def add(self, set_name: str, s: Score, baseline: float | None = None) -> None:
        """A row for one score, with the issue's target for that measure (targets.py)."""
        target, higher = target_for(set_name, s.measure)
        if target is None:
            target, higher = s.target, s.higher_is_better
        self.rows.append(Row(set_name, s.measure, s.n, s.value, baseline, target, higher))

    def to_dict(self) -> dict:
        return {"split": self.split, "sizes": self.sizes, "seconds": self.seconds, "notes": self.notes,
                "rows": [r.to_dict() for r in self.rows]}


def sitroom_extractor() -> Extractor:
    from sitroom.api import extract_article

    return extract_article


def _rows_for(name: str, split: str, limit: int | None) -> list | dict:
    from sitroom.evaluate import shared

    if name == "seeds":
        return shared.load_seeds()  # five pages, no split
    loader, key = {
        "acled": (shared.load_acled, lambda r: r["event_id_cnty"]),
        "case": (shared.load_case, lambda r: r["id"]),
        "fakes": (shared.load_fakes, lambda r: r["unit_id"]),
        "fusion": (shared.load_fakes, lambda r: r["unit_id"]),
    }[name]
    rows = list(select(loader(), key, split))
    return rows[:limit] if limit else rows


def _score(name: str, data, extractor: Extractor, progress: Callable[[int], None] | None) -> list[Score]:
    from sitroom.evaluate.score_acled import score_acled
    from sitroom.evaluate.score_case_fakes import score_case, score_fakes
    from sitroom.evaluate.score_seeds import score_seeds

    fn = {"seeds": score_seeds, "acled": score_acled, "case": score_case, "fakes": score_fakes}[name]
    return fn(data, extractor, progress)


def run_eval(sets: tuple[str, ...] = ALL_SETS, split: str = "test", baseline: bool = True,
             limit: int | None = None, extractor: Extractor | None = None,
             progress: Callable[[int], None] | None = None, components: bool = True,
             components_only: bool = False) -> EvalResult:
    """Score sitroom (and the keyword baseline) on each labelled set of one split.

    `components` adds rows for resolve_event_date and count_fatalities run alone on the ACLED
    notes and FA-KES articles; `components_only` skips the extractor (fast)."""
    from sitroom.evaluate.baseline import extract_events_baseline

    extractor = extractor or sitroom_extractor()
    result = EvalResult(split=split)
    for name in sets:
        t0 = time.perf_counter()
        if components_only and name not in ("acled", "fakes"):
            continue
        data = _rows_for(name, split, limit)
        result.sizes[name] = len(data.get("articles", [])) if isinstance(data, dict) else len(data)
        if name == "fusion":
            from sitroom.evaluate.score_fusion import score_fusion

            scores, note = score_fusion(data)
            if note:
                result.notes.append(note)
            for s in scores:
                result.add(name, s)
            result.seconds[name] = round(time.perf_counter() - t0, 1)
            continue
        ours = [] if components_only else _score(name, data, extractor, progress)
        base = _score(name, data, extract_events_baseline, None) if baseline and not components_only else []
        base_by = {s.measure: s.value for s in base}
        for s in ours:
            result.add(name, s, base_by.get(s.measure))
        if (components or components_only) and name in ("acled", "fakes"):
            from sitroom.evaluate.score_acled import score_acled_components
            from sitroom.evaluate.score_case_fakes import score_fakes_components

            fn = score_acled_components if name == "acled" else score_fakes_components
            for s in fn(data):
                result.add(name, s)
        result.seconds[name] = round(time.perf_counter() - t0, 1)
        log.info("%s: %d rows in %.1f s", name, result.sizes[name], result.seconds[name])
    return result


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def format_table(result: EvalResult) -> str:
    """The results as one Markdown table."""
    lines = [
        "| set | measure | n | sitroom | baseline | target | met? |",
        "|---|---|---:|---:|---:|---:|:---:|",
    ]
    for r in result.rows:
        met = {None: "", True: "yes", False: "no"}[r.met]
        target = "-" if r.target is None else ("" if r.higher_is_better else "<= ") + _fmt(r.target)
        lines.append(f"| {r.set} | {r.measure} | {r.n} | {_fmt(r.sitroom)} | {_fmt(r.baseline)} | "
                     f"{target} | {met} |")
    if result.notes:
        lines.append("")
        lines += [f"Note: {n}" for n in result.notes]
    return "\n".join(lines)


_BEGIN, _END = "<!-- eval:begin -->", "<!-- eval:end -->"


def update_markdown(path: str, table: str, split: str, command: str) -> bool:
    """Replace the section between the eval markers of a Markdown file; False if it has none."""
    from pathlib import Path

    p = Path(path)
    text = p.read_text(encoding="utf-8")
    a, b = text.find(_BEGIN), text.find(_END)
    if a < 0 or b < a:
        return False
    section = f"{_BEGIN}\nsplit: {split}; generated by `{command}`\n\n{table}\n"
    p.write_text(text[:a] + section + text[b:], encoding="utf-8")
    return True
