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


# Legacy code pages tried first, most common on news sites first (ties go to the earlier).
LEGACY_ENCODINGS = (
    "cp1252", "cp1256", "cp1251", "cp1250", "cp1254", "cp1253", "cp1255", "iso-8859-15",
    "koi8-r", "iso-8859-6", "cp1257",
)
_WORD_RUN = re.compile(r"\w+")


def _char_weight(ch: str) -> float:
    """How plausible a non-ASCII character is in news text."""
    o = ord(ch)
    if o in (0xD0, 0xDD, 0xDE, 0xF0, 0xFD, 0xFE):
        return 0.5  # Icelandic letters: in cp1252 text, usually Turkish ğ ı ş mis-decoded
    if 0xC0 <= o <= 0xFF and o not in (0xD7, 0xF7):
        return 1.0  # Latin-1 letters
    if 0x2010 <= o <= 0x2030 or o in (0xA0, 0xAB, 0xBB, 0x20AC, 0xA9, 0xB0, 0xB7):
        return 1.0  # dashes, quotes, ellipsis, nbsp, guillemets, euro, degree
    if 0x100 <= o <= 0x17F:
        return 0.6  # Latin Extended-A: real in Central European text, also a mis-decoding sign
    if 0x600 <= o <= 0x6FF or 0x400 <= o <= 0x4FF or 0x370 <= o <= 0x3FF or 0x590 <= o <= 0x5FF:
        return 1.0  # Arabic, Cyrillic, Greek, Hebrew
    return 0.0


def _script(ch: str) -> str:
    o = ord(ch)
    if o < 0x250:
        return "latin"
    if 0x370 <= o <= 0x3FF:
        return "greek"
    if 0x400 <= o <= 0x4FF:
        return "cyrillic"
    if 0x590 <= o <= 0x5FF:
        return "hebrew"
    if 0x600 <= o <= 0x6FF:
        return "arabic"
    return "other"


def plausibility(text: str) -> float:
    """Share of non-ASCII characters that look like real text (0..1); 1.0 for pure ASCII."""
    total = 0
    score = 0.0
    for word in _WORD_RUN.findall(text):
        high = [ch for ch in word if ord(ch) > 127]
        if not high:
            continue
        total += len(high)
        # Latin words mix ASCII letters in; a long run of only accented letters is mis-decoded
        # Arabic or Cyrillic.
        if len(word) >= 3 and all(0xC0 <= ord(ch) <= 0x17F for ch in word):
            continue
        if len({_script(ch) for ch in word if ch.isalpha()}) > 1:
            continue  # one word in two alphabets: mis-decoded
        score += sum(_char_weight(ch) for ch in high)
    for ch in _WORD_RUN.sub("", text):
        if ord(ch) > 127:
            total += 1
            score += _char_weight(ch)
    return score / total if total else 1.0


def detect_encoding(data: bytes, name: str) -> str:
    """The encoding of `data` (no BOM, not UTF-8), or InputError."""
    sample = data[:262144]
    best, best_score = None, 0.0
    for encoding in LEGACY_ENCODINGS:
        try:
            decoded = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(decoded)
        if score > best_score + 1e-9:
            best, best_score = encoding, score
    if best and best_score >= 0.8:
        return best
    from charset_normalizer import from_bytes

    match = from_bytes(sample).best()
    if match is None:
        raise InputError(name, "binary or undecodable content (no text encoding fits)")
    return match.encoding


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
