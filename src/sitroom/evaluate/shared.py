"""Readers for the labelled sets in ../shared (never copied into the repo)."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from sitroom.records import Article

REPO = Path(__file__).resolve().parents[3]


class SharedDataMissing(Exception):
    """The labelled data folder (../shared or $SITROOM_SHARED) is not there."""


def shared_dir() -> Path:
    """$SITROOM_SHARED, else <repo>/../shared."""
    return Path(os.environ.get("SITROOM_SHARED") or REPO.parent / "shared")


def shared_file(*parts: str) -> Path:
    p = shared_dir().joinpath(*parts)
    if not p.exists():
        raise SharedDataMissing(
            f"{p} not found: set SITROOM_SHARED to the folder holding data/ and gold/ (default <repo>/../shared)")
    return p


def load_acled() -> list[dict]:
    with open(shared_file("data", "acled_dev.csv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_case() -> list[dict]:
    with open(shared_file("data", "case2021_dev.tsv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_fakes() -> list[dict]:
    with open(shared_file("data", "fakes_dev.csv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_seeds() -> dict:
    return json.loads(shared_file("gold", "seeds.json").read_text(encoding="utf-8"))


def seeds_dir() -> Path:
    return shared_file("seeds")


def article_from_text(text: str, key: str, title: str | None = None, published: str | None = None) -> Article:
    """An Article built straight from a labelled row's text (no ingest/clean stage)."""
    h = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=f"eval-{key}", text=text, content_hash=h, raw_hash=h, origin=f"eval:{key}",
                   ext_id=key, title=title, published=published, language="en")


def fakes_date(value: str) -> str | None:
    """FA-KES M/D/YY as YYYY-MM-DD."""
    try:
        return dt.datetime.strptime(value.strip(), "%m/%d/%y").date().isoformat()
    except (ValueError, AttributeError):
        return None
