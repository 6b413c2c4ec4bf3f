"""WARC and .warc.gz (CC-NEWS style), record by record through FastWARC.

HTML responses (and resource records) become one document each; the target
URI is the document's URL. A record shorter than its Content-Length means
the file was cut off: it is reported and the records before it are kept.
"""
from __future__ import annotations

from typing import Callable, Iterator

from sitroom.errors import InputError
from sitroom.ingest.fetch import parse_content_type
from sitroom.ingest.pages import decode_html
from sitroom.ingest.decode import decode_bytes
from sitroom.records import RawDocument

DEFAULT_MAX_RECORD_BYTES = 20 * 1024 * 1024
_TEXT_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}


def split_http(block: bytes) -> tuple[dict[str, str], bytes, int]:
    """(headers, body, status) of an HTTP response block."""
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    lines = head.decode("iso-8859-1").splitlines()
    status = 0
    if lines and lines[0].startswith("HTTP/"):
        parts = lines[0].split()
        status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    headers = {}
    for line in lines[1:]:
        key, colon, value = line.partition(":")
        if colon:
            headers[key.strip().lower()] = value.strip()
    return headers, body, status


def read_warc(
    path: str, report: Callable[[InputError], None], max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
) -> Iterator[RawDocument]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(path, f"cannot open file ({exc.strerror or exc})") from None
    number = 0
    with fh:
        if not fh.read(1):
            raise InputError(path, "empty file")
        fh.seek(0)
        kinds = WarcRecordType.response | WarcRecordType.resource
        try:  # FastWARC 2 opens paths/URLs through fsspec: never here, we pass a file object
            records = ArchiveIterator(fh, record_types=kinds, parse_http=False, fsspec_args=False)
        except TypeError:  # FastWARC < 2 has no fsspec_args
            records = ArchiveIterator(fh, record_types=kinds, parse_http=False)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (OSError, ValueError) as exc:
                where = f"{path}:record {number + 1}" if number else path
                raise InputError(where, f"truncated or malformed WARC ({exc})") from None
            number += 1
            name = f"{path}:record {number}"
            expected = record.content_length
            if expected > max_record_bytes:
                report(InputError(name, f"record too large ({expected} bytes)"))
                continue
            try:
                block = record.reader.read()
            except (OSError, ValueError) as exc:
                raise InputError(name, f"truncated WARC record ({exc})") from None
            if len(block) < expected:
                raise InputError(name, f"truncated WARC record ({len(block)} of {expected} bytes)")
            uri = record.headers.get("WARC-Target-URI") or None
            if record.record_type == WarcRecordType.response:
                headers, body, status = split_http(block)
                if status and status >= 300:
                    continue
                media_type, charset = parse_content_type(headers.get("content-type", ""))
            else:
                body = block
                media_type, charset = parse_content_type(record.headers.get("Content-Type") or "")
            if media_type not in _TEXT_TYPES or not body.strip():
                continue
            try:
                if media_type == "text/plain":
                    yield RawDocument(origin=path, locator=f"record {number}", fmt="warc",
                                      text=decode_bytes(body, name), url=uri)
                else:
                    yield RawDocument(origin=path, locator=f"record {number}", fmt="warc",
                                      html=decode_html(body, name, charset), url=uri)
            except InputError as exc:
                report(exc)
    if number == 0:
        raise InputError(path, "no WARC records")
