"""JSONL: one article per line, read line by line (never the whole file).

Fields: `id`, `text` or `html`, optional `title`, `published`, `source`
(the outlet), `url`, `author`, `language`. A bad line is reported by its
number and the good lines are kept.
"""
from __future__ import annotations

import json
from typing import Callable, Iterator

from sitroom.errors import InputError
from sitroom.ingest.streams import open_binary
from sitroom.records import RawDocument

DEFAULT_MAX_LINE_BYTES = 20 * 1024 * 1024


def _str_or_none(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None


def document_from_record(record: dict, origin: str, locator: str, fmt: str) -> RawDocument:
    """A RawDocument from a dict with the JSONL/CSV field names."""
    name = f"{origin}:{locator}"
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) or not text.strip():
        text = None
    if not isinstance(html, str) or not html.strip():
        html = None
    if text is None and html is None:
        raise InputError(name, "no 'text' or 'html' field with content")
    return RawDocument(
        origin=origin, locator=locator, fmt=fmt,
        ext_id=_str_or_none(record.get("id")), text=text, html=html,
        title=_str_or_none(record.get("title")),
        published=_str_or_none(record.get("published") or record.get("date")),
        outlet=_str_or_none(record.get("source") or record.get("outlet")),
        url=_str_or_none(record.get("url")),
        author=_str_or_none(record.get("author")),
        language=_str_or_none(record.get("language")),
    )


def read_jsonl(
    path: str, report: Callable[[InputError], None], max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
) -> Iterator[RawDocument]:
    good = bad = 0
    with open_binary(path) as fh:
        number = 0
        while True:
            line = fh.readline(max_line_bytes + 1)
            if not line:
                break
            number += 1
            locator = f"line {number}"
            if len(line) > max_line_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of an over-long line
                    line = fh.readline(1 << 20)
                report(InputError(f"{path}:{locator}", f"line longer than {max_line_bytes} bytes"))
                bad += 1
                continue
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as exc:
                report(InputError(f"{path}:{locator}", f"invalid UTF-8 at byte {exc.start} of the line"))
                bad += 1
                continue
            except (json.JSONDecodeError, RecursionError) as exc:
                report(InputError(f"{path}:{locator}", f"invalid JSON ({getattr(exc, 'msg', exc)})"))
                bad += 1
                continue
            if not isinstance(record, dict):
                report(InputError(f"{path}:{locator}", f"expected a JSON object, got {type(record).__name__}"))
                bad += 1
                continue
            try:
                doc = document_from_record(record, path, locator, "jsonl")
            except InputError as exc:
                report(exc)
                bad += 1
                continue
            good += 1
            yield doc
    if good == 0 and bad == 0:
        raise InputError(path, "empty file (no JSON lines)")
