"""evaluate: `sitroom eval` scores extraction against the labelled sets in
../shared (seeds gold, ACLED notes, CASE 2021 snippets, FA-KES articles), each
score beside a deliberately simple keyword baseline."""
from __future__ import annotations

from sitroom.evaluate.report import Row, format_table, run_eval

__all__ = ["Row", "format_table", "run_eval"]
