"""Single pages: a plain-text (.txt) or HTML (.html/.htm) file is one document."""
from __future__ import annotations

import os
import re
from typing import Iterator

from sitroom.errors import InputError
from sitroom.ingest.decode import bom_encoding, decode_bytes, looks_binary
from sitroom.records import RawDocument

DEFAULT_MAX_PAGE_BYTES = 20 * 1024 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_page_bytes(path: str, max_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> bytes:
    """A page's bytes, refusing empty and over-size files before reading them."""
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    if size == 0:
        raise InputError(path, "empty file")
    if size > max_bytes:
        raise InputError(path, f"file too large ({size / 2**20:.1f} MiB > {max_bytes / 2**20:g} MiB limit for one page)")
    try:
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None


def decode_html(data: bytes, name: str, declared: str | None = None) -> str:
    """HTML bytes to text: BOM, then UTF-8, then a declared charset, then detection."""
    if not bom_encoding(data)[0] and not looks_binary(data):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        match = _META_CHARSET.search(data[:4096])
        for charset in (declared, match.group(1).decode("ascii", "replace") if match else None):
            if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
                try:
                    return data.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    continue
    return decode_bytes(data, name)


def read_text_page(path: str, max_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> Iterator[RawDocument]:
    text = decode_bytes(read_page_bytes(path, max_bytes), path)
    if not text.strip():
        raise InputError(path, "empty file (only whitespace)")
    yield RawDocument(origin=path, fmt="txt", text=text)


def read_html_page(path: str, max_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> Iterator[RawDocument]:
    html = decode_html(read_page_bytes(path, max_bytes), path)
    if not html.strip():
        raise InputError(path, "empty file (only whitespace)")
    if "<" not in html:
        raise InputError(path, "malformed HTML: no tags at all")
    yield RawDocument(origin=path, fmt="html", html=html)
