"""Fusion on FA-KES: pairwise precision and recall of "same incident" article pairs, scored by
`sitroom.fuse.evaluate_fusion_on_fakes(path) -> dict` (the fusion engineer's scorer).

The hook is lazy: when sitroom.fuse does not expose the scorer, the set is skipped with a note.
The rows of the chosen split are written to a temporary CSV (deleted afterwards) so the scorer sees
only that split's rows."""
from __future__ import annotations

import csv
import logging
import os
import tempfile
from collections.abc import Callable

from sitroom.evaluate.common import Score

log = logging.getLogger(__name__)

MISSING_NOTE = "fusion: skipped, sitroom.fuse has no evaluate_fusion_on_fakes(path) yet"


def fusion_scorer() -> Callable[[str], dict] | None:
    """sitroom.fuse.evaluate_fusion_on_fakes, or None when it is not there (yet)."""
    try:
        from sitroom import fuse
    except Exception as exc:  # noqa: BLE001 - fusion not importable: skip the set, never fail the run
        log.warning("sitroom.fuse not importable: %s", exc)
        return None
    fn = getattr(fuse, "evaluate_fusion_on_fakes", None)
    return fn if callable(fn) else None


def score_fusion(rows: list[dict], scorer: Callable[[str], dict] | None = None) -> tuple[list[Score], str]:
    """(scores, note): pairwise precision/recall over the rows' article pairs; a note when skipped."""
    scorer = scorer or fusion_scorer()
    if scorer is None:
        return [], MISSING_NOTE
    if not rows:
        return [], "fusion: no FA-KES rows in this split"
    fd, path = tempfile.mkstemp(prefix="sitroom-fusion-", suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        try:
            out = scorer(path)
        except Exception as exc:  # noqa: BLE001 - a broken scorer is reported, not fatal
            log.warning("fusion evaluation failed: %s", exc)
            return [], f"fusion: skipped, evaluate_fusion_on_fakes failed ({type(exc).__name__}: {exc})"
    finally:
        os.unlink(path)
    n = int(out.get("articles", len(rows)))
    scores = [Score("pairwise precision", _num(out.get("precision")), n),
              Score("pairwise recall", _num(out.get("recall")), n)]
    # Diagnostic rows beside the headline (docs/fusion.md):
    # - given correct extraction: only articles whose main event has the labelled date and governorate;
    # - any mention linked (earlier): the earlier headline, an article linked to another's main
    #   event by any of its mentions;
    # - label 0-2 days before the page: FA-KES labels of one incident's reports often disagree by days.
    k_given = int(out.get("main_event_has_label_date_and_governorate", 0) or 0)
    plausible = out.get("plausible_labels")
    k_plausible = int(plausible.get("articles", 0) or 0) if isinstance(plausible, dict) else 0
    for key, label, k in (("given_correct_extraction", "given correct extraction", k_given),
                          ("any_mention_linked", "any mention linked (earlier)", n),
                          ("plausible_labels", "label 0-2 days before the page", k_plausible)):
        part = out.get(key)
        if isinstance(part, dict):
            scores += [Score(f"pairwise precision, {label}", _num(part.get("precision")), k),
                       Score(f"pairwise recall, {label}", _num(part.get("recall")), k)]
    return scores, ""


def _num(v) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None
