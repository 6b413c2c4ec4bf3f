"""Bytes to text: BOMs first, then strict UTF-8, then charset detection.

A file that is mostly valid UTF-8 but holds broken sequences is damaged, not
in another encoding, and is reported as such; a file with no valid UTF-8
multi-byte sequence but high bytes is in a legacy code page (cp1252, latin-1,
cp1256 Arabic, ...) and charset-normalizer names it.
"""
from __future__ import annotations

import codecs
import re

from sitroom.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A well-formed UTF-8 multi-byte sequence (2 to 4 bytes).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Control characters that never occur in text (tab, LF, CR, FF are fine).
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """(encoding, BOM length) when `data` starts with a byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in a sample: not text."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27)) + sample.count(b"\x7f")
    return controls / len(sample) > 0.02


def detect_encoding(data: bytes, name: str) -> str:
    """The encoding of `data` (no BOM, not UTF-8), or InputError."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    if best is None:
        raise InputError(name, "binary or undecodable content (no text encoding fits)")
    return best.encoding


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a whole page: BOM, strict UTF-8, then detection. Never guesses silently wrong."""
    encoding, skip = bom_encoding(data)
    if encoding:
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(name, f"invalid {encoding} after its byte-order mark at byte {exc.start + skip}") from None
        return _check_text(text, name)
    if looks_binary(data):
        raise InputError(name, "binary file, not text")
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _UTF8_MULTIBYTE.search(data):
        raise InputError(name, f"invalid UTF-8 at byte {first_bad} (the file mixes UTF-8 with broken bytes)")
    encoding = detect_encoding(data, name)
    try:
        return _check_text(data.decode(encoding), name)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(name, f"cannot decode as {encoding}: {exc}") from None


def decoder_for_stream(head: bytes, name: str) -> tuple[str, int]:
    """(encoding, BOM length) for a stream whose first bytes are `head` (CSV, JSONL)."""
    encoding, skip = bom_encoding(head)
    if encoding:
        return encoding, skip
    if looks_binary(head):
        raise InputError(name, "binary file, not text")
    try:
        head.decode("utf-8")
        return "utf-8", 0
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the end of the sample is still UTF-8.
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8", 0
    if _UTF8_MULTIBYTE.search(head):
        return "utf-8", 0  # damaged lines are reported one by one
    return detect_encoding(head, name), 0


def _check_text(text: str, name: str) -> str:
    if _BINARY_CONTROLS.search(text[:8192]) and len(_BINARY_CONTROLS.findall(text[:8192])) > 2:
        raise InputError(name, "binary file, not text (control characters)")
    return text
