"""Clean: strip page furniture and comments; find title, date, outlet, language."""
from __future__ import annotations

from sitroom.records import Article, RawDocument


def clean_document(raw: RawDocument) -> Article:
    raise NotImplementedError
