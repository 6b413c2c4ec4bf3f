"""Ingest: read documents from text, HTML, JSONL, CSV, WARC, RSS, directories."""
from __future__ import annotations

from typing import Callable, Iterator

from sitroom.errors import InputError
from sitroom.records import RawDocument


def read_inputs(
    paths: list[str], on_error: Callable[[InputError], None] | None = None, **options
) -> Iterator[RawDocument]:
    """Yield every document in `paths`; report unreadable ones to `on_error`."""
    raise NotImplementedError
