"""Build src/sitroom/data/actor_eras.tsv: which era suffix ACLED gives each country's state forces.

ACLED writes state forces as "Military Forces of Syria (2000-)": the suffix names the regime
period. We learn, from the *tuning rows* of the ACLED dev set only (md5 % 4 != 3), which suffix each bare
state-force name carries and over which dates it was seen. Only actor names and dates are kept,
never rows or notes.

    .venv/bin/python scripts/build_actors.py [../shared/data/acled_dev.csv]
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "sitroom" / "data" / "actor_eras.tsv"
STATE = re.compile(r"^(Military Forces|Police Forces|Government) of (.+?) \((\d{4})-(\d{4})?\)$")


sys.path.insert(0, str(REPO / "src"))
from sitroom.evaluate.splits import is_tuning_row  # noqa: E402 - after the path is set


def main(path: str) -> None:
    seen: dict[tuple[str, str, str], list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not is_tuning_row(row["event_id_cnty"]):
                continue
            date = row.get("event_date_iso") or row.get("event_date", "")
            for col in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
                for name in (row.get(col) or "").split("; "):
                    m = STATE.match(name.strip())
                    if not m:
                        continue
                    kind, of_name, start, end = m.groups()
                    era = f"({start}-{end or ''})"
                    seen.setdefault((kind, of_name, era), []).append(date)
    lines = ["# Era suffixes of state-force names as ACLED writes them; built by scripts/build_actors.py",
             "# from the tuning rows of the ACLED dev set (names and dates only).",
             "kind\tof_name\tera\tfirst_seen\tlast_seen"]
    for (kind, of_name, era), dates in sorted(seen.items()):
        lines.append(f"{kind}\t{of_name}\t{era}\t{min(dates)}\t{max(dates)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 3} eras to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(REPO.parent / "shared" / "data" / "acled_dev.csv"))
