"""Train the sub-event model on a user's own ACLED export (`sitroom train`).

ACLED's terms forbid redistributing its rows, so sitroom ships no model
trained on them; a user holding an export trains one locally. Reads the
export's `notes` and `sub_event_type` columns (CSV, or .xlsx saved as CSV).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from sitroom.errors import InputError
from sitroom.extract.model import SubEventModel


def read_acled_examples(path: str | Path) -> Iterator[tuple[str, str]]:
    """(notes, sub_event_type) from an ACLED CSV export; InputError if it is not one."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = {c.strip().lower(): c for c in (reader.fieldnames or [])}
    if "notes" not in columns or "sub_event_type" not in columns:
        raise InputError(name, "not an ACLED export: needs 'notes' and 'sub_event_type' columns")
    for row in reader:
        notes = (row.get(columns["notes"]) or "").strip()
        label = (row.get(columns["sub_event_type"]) or "").strip()
        if notes and label:
            yield notes, label


def train_from_acled(path: str | Path, output: str | Path | None = None) -> SubEventModel:
    """Train a sub-event model on an ACLED export; save it to ``output`` when given."""
    model = SubEventModel.train(read_acled_examples(path), trained_on=Path(path).name)
    if output is not None:
        try:
            model.save(output)
        except OSError as exc:
            raise InputError(str(output), f"cannot write model ({exc.strerror or exc})") from None
    return model
