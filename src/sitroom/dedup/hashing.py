"""Content hashing: the identity of an article is its normalised clean text.

Normalisation folds the differences that scraping and re-publishing add
without changing what an article says: Unicode compatibility forms (NBSP,
ligatures), curly vs straight quotes and dashes, letter case and runs of
whitespace. Two copies of one article that differ only there hash the same.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

ARTICLE_ID_LENGTH = 16

# Typographic variants that copies of the same text swap freely.
_CHAR_FOLDS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2026": "...", "\u00ad": None, "\u200b": None, "\u200c": None,
    "\u200d": None, "\ufeff": None,
})
_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The text as hashed: NFKC, folded quotes/dashes, casefolded, whitespace collapsed."""
    folded = unicodedata.normalize("NFKC", text).translate(_CHAR_FOLDS).casefold()
    return _WHITESPACE.sub(" ", folded).strip()


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def raw_hash(data: str | bytes) -> str:
    """SHA-256 (hex) of raw input, exactly as read."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def article_id(content_hash_hex: str) -> str:
    """A short, stable article id: the first 16 hex digits of the content hash."""
    if not re.fullmatch(r"[0-9a-f]{16,}", content_hash_hex or ""):
        raise ValueError(f"not a hex content hash: {content_hash_hex!r}")
    return content_hash_hex[:ARTICLE_ID_LENGTH]


def article_id_for_text(text: str) -> str:
    """The article id a clean text gets."""
    return article_id(content_hash(text))
