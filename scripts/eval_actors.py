"""Actor accuracy on the ACLED dev notes, tuning rows only.

    .venv/bin/python scripts/eval_actors.py [../shared/data/acled_dev.csv] [--errors N]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from sitroom.extract.actors import evaluate_on_acled

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    errors = int(sys.argv[sys.argv.index("--errors") + 1]) if "--errors" in sys.argv else 0
    if errors:
        args = [a for a in args if a != str(errors)]
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "acled_dev.csv"
    scores = evaluate_on_acled(args[0] if args else str(default), show_errors=errors)
    print(json.dumps(scores, indent=2))
