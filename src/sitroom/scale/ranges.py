"""Read one byte range of a big JSONL or WARC file, so one huge file still
splits into many partitions.

A record belongs to the range its first byte falls in: a reader starting
mid-file skips forward to the first record that starts at or after `start`
and reads every record that starts before `end` (even if it ends after).
Ranges that tile a file therefore yield every record exactly once.

Supported: JSONL (uncompressed), WARC uncompressed and .warc.gz with one gzip
member per record (the WARC standard's recommendation, what CC-NEWS ships).
Locators are byte offsets ("byte 1234"), since line/record numbers are not
known without reading the file from the start.
"""
from __future__ import annotations

import json
import os
import zlib
from typing import BinaryIO, Callable, Iterator

from sitroom.errors import InputError
from sitroom.records import RawDocument

GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 16
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
MAX_RECORD_BYTES = 20 * 1024 * 1024


# --- JSONL -------------------------------------------------------------------
def read_jsonl_range(
    path: str, start: int, end: int, report: Callable[[InputError], None],
) -> Iterator[RawDocument]:
    """Every JSON line that starts in [start, end)."""
    from sitroom.ingest.jsonl import document_from_record

    with open(path, "rb") as fh:
        if start > 0:
            fh.seek(start - 1)
            fh.readline()  # the tail of the line the previous range owns (or just "\n")
        while True:
            offset = fh.tell()
            if offset >= end:
                return
            line = fh.readline()
            if not line:
                return
            if offset == 0 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            locator = f"byte {offset}"
            try:
                record = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                report(InputError(f"{path}:{locator}", f"invalid JSON line ({type(exc).__name__})"))
                continue
            if not isinstance(record, dict):
                report(InputError(f"{path}:{locator}", f"expected a JSON object, got {type(record).__name__}"))
                continue
            try:
                yield document_from_record(record, path, locator, "jsonl")
            except InputError as exc:
                report(exc)


# --- WARC --------------------------------------------------------------------
def is_gzip(path: str) -> bool:
    with open(path, "rb") as fh:
        return fh.read(3) == GZIP_MAGIC


def _gunzip_member(fh: BinaryIO, offset: int, limit: int = MAX_RECORD_BYTES) -> tuple[bytes, int]:
    """(decompressed bytes, offset just after the member) of the gzip member at `offset`."""
    fh.seek(offset)
    inflater = zlib.decompressobj(wbits=31)
    out: list[bytes] = []
    size = 0
    consumed = 0
    while not inflater.eof:
        chunk = fh.read(_CHUNK)
        if not chunk:
            raise EOFError("truncated gzip member")
        data = inflater.decompress(chunk)
        size += len(data)
        if size > limit:
            raise ValueError(f"record larger than {limit} bytes")
        out.append(data)
        consumed += len(chunk) - len(inflater.unused_data)
    return b"".join(out), offset + consumed


def _looks_like_member(fh: BinaryIO, offset: int) -> bool:
    """Does a real gzip member holding a WARC record start here?"""
    fh.seek(offset)
    head = fh.read(_CHUNK)
    try:
        data = zlib.decompressobj(wbits=31).decompress(head, 16)
    except zlib.error:
        return False
    return data.startswith(b"WARC/")


def _next_member(fh: BinaryIO, start: int, end: int) -> int | None:
    """Offset of the first gzip member starting in [start, end), or None."""
    pos = start
    while pos < end:
        fh.seek(pos)
        window = fh.read(_CHUNK + 2)
        if not window:
            return None
        i = window.find(GZIP_MAGIC)
        while i >= 0:
            if pos + i >= end:
                return None
            if _looks_like_member(fh, pos + i):
                return pos + i
            i = window.find(GZIP_MAGIC, i + 1)
        pos += _CHUNK
    return None


def _next_plain_record(fh: BinaryIO, start: int, end: int) -> int | None:
    """Offset of the first uncompressed WARC record starting in [start, end)."""
    pos = max(0, start)
    while pos < end:
        fh.seek(pos)
        window = fh.read(_CHUNK + 16)
        if not window:
            return None
        i = window.find(b"WARC/1.")
        while i >= 0:
            at = pos + i
            if at >= end:
                return None
            if at == 0 or window[i - 1:i] == b"\n" or (i == 0 and _byte_before(fh, at) == b"\n"):
                fh.seek(at)
                header = fh.read(4096)
                if b"WARC-Type:" in header.split(b"\r\n\r\n", 1)[0]:
                    return at
            i = window.find(b"WARC/1.", i + 1)
        pos += _CHUNK
    return None


def _byte_before(fh: BinaryIO, at: int) -> bytes:
    fh.seek(at - 1)
    return fh.read(1)


def parse_warc_headers(head: bytes) -> dict[str, str]:
    """WARC header fields (lower-case names) of a record head (up to the blank line)."""
    if not head.startswith(b"WARC/"):
        raise ValueError("not a WARC record")
    headers: dict[str, str] = {}
    for line in head.decode("utf-8", "replace").split("\r\n")[1:]:
        key, colon, value = line.partition(":")
        if colon:
            headers[key.strip().lower()] = value.strip()
    return headers


def parse_warc_record(data: bytes) -> tuple[dict[str, str], bytes, int]:
    """(WARC headers with lower-case names, content block, total record length)."""
    head, sep, rest = data.partition(b"\r\n\r\n")
    if not sep:
        raise ValueError("not a WARC record")
    headers = parse_warc_headers(head)
    length = int(headers.get("content-length", "0"))
    block = rest[:length]
    if len(block) < length:
        raise EOFError("truncated WARC record")
    return headers, block, len(head) + 4 + length + 4  # block is followed by \r\n\r\n


def _read_plain_record(fh: BinaryIO, offset: int) -> tuple[dict[str, str], bytes, int]:
    """(headers, block, offset after the record) of the uncompressed record at `offset`."""
    fh.seek(offset)
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = fh.read(4096)
        if not chunk or len(head) > 1 << 20:
            raise EOFError("truncated WARC header")
        head += chunk
    head = head[:head.index(b"\r\n\r\n") + 4]
    headers = parse_warc_headers(head[:-4])
    length = int(headers.get("content-length", "0"))
    if length > MAX_RECORD_BYTES:
        raise ValueError(f"record larger than {MAX_RECORD_BYTES} bytes")
    fh.seek(offset + len(head))
    block = fh.read(length)
    if len(block) < length:
        raise EOFError("truncated WARC record")
    return headers, block, offset + len(head) + length + 4


def _document_from_record(path: str, offset: int, headers: dict[str, str], block: bytes,
                          report: Callable[[InputError], None]) -> RawDocument | None:
    kind = headers.get("warc-type", "")
    if kind not in ("response", "resource"):
        return None
    locator = f"byte {offset}"
    url = headers.get("warc-target-uri") or None
    content_type = headers.get("content-type", "")
    body = block
    if kind == "response":
        from sitroom.ingest.warc import split_http

        http_headers, body, status = split_http(block)
        if status and status >= 300:
            return None
        content_type = http_headers.get("content-type", "")
    media_type, _, params = content_type.partition(";")
    media_type = media_type.strip().lower()
    charset = None
    for p in params.split(";"):
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip('"') or None
    if not body.strip() or media_type not in _HTML_TYPES | {"text/plain"}:
        return None
    name = f"{path}:{locator}"
    try:
        if media_type == "text/plain":
            from sitroom.ingest.decode import decode_bytes

            return RawDocument(origin=path, locator=locator, fmt="warc", text=decode_bytes(body, name), url=url)
        from sitroom.ingest.pages import decode_html

        return RawDocument(origin=path, locator=locator, fmt="warc", html=decode_html(body, name, charset), url=url)
    except InputError as exc:
        report(exc)
        return None


def read_warc_range(
    path: str, start: int, end: int, report: Callable[[InputError], None],
) -> Iterator[RawDocument]:
    """Every HTML/text response or resource record that starts in [start, end)."""
    gz = is_gzip(path)
    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        offset = _next_member(fh, start, end) if gz else _next_plain_record(fh, start, end)
        while offset is not None and offset < end:
            try:
                if gz:
                    data, following = _gunzip_member(fh, offset)
                    headers, block, _ = parse_warc_record(data)
                else:
                    headers, block, following = _read_plain_record(fh, offset)
            except (EOFError, ValueError, zlib.error) as exc:
                report(InputError(f"{path}:byte {offset}", f"truncated or malformed WARC record ({exc})"))
                return
            doc = _document_from_record(path, offset, headers, block, report)
            if doc is not None:
                yield doc
            offset = following if following < size else None
