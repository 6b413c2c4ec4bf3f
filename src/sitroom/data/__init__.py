"""The one loader for sitroom's language data: lexicons, actor lists, gazetteer
extracts, fatality words, taxonomy. Data lives in files beside this module,
never as literals scattered in code."""
from __future__ import annotations

import csv
import functools
import gzip
import json
from importlib import resources
from pathlib import Path


def data_path(name: str) -> Path:
    """Path of a data file shipped with the package."""
    return Path(str(resources.files("sitroom.data").joinpath(name)))


def _open_text(name: str):
    p = data_path(name)
    if p.suffix == ".gz":
        return gzip.open(p, "rt", encoding="utf-8")
    return open(p, encoding="utf-8")


@functools.lru_cache(maxsize=None)
def load_json(name: str):
    """A JSON (or .json.gz) data file, parsed once per process."""
    with _open_text(name) as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """A word-list file: one entry a line, '#' comments and blanks skipped."""
    with _open_text(name) as fh:
        return tuple(
            line.strip() for line in fh if line.strip() and not line.lstrip().startswith("#")
        )


@functools.lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict, ...]:
    """A tab-separated file with a header row, as dicts ('#' lines skipped)."""
    with _open_text(name) as fh:
        rows = (line for line in fh if not line.startswith("#"))
        return tuple(csv.DictReader(rows, delimiter="\t"))
