"""Content hashing: copies that differ only in typography hash the same."""
from __future__ import annotations

import pytest

from sitroom.dedup.hashing import article_id, article_id_for_text, content_hash, normalise_text, raw_hash


def test_typographic_variants_hash_the_same():
    a = "The army’s “statement” said 12 people\u00a0were killed — officials said…"
    b = "the army's \"statement\" said 12 people were killed - officials said...\n"
    assert normalise_text(a) == normalise_text(b)
    assert content_hash(a) == content_hash(b)


def test_different_content_hashes_differently():
    assert content_hash("Two people were killed.") != content_hash("Three people were killed.")


def test_article_id_is_short_stable_hex():
    digest = content_hash("Two people were killed.")
    assert len(digest) == 64
    assert article_id(digest) == digest[:16] == article_id_for_text("two  people were killed.")
    with pytest.raises(ValueError):
        article_id("not-hex")


def test_raw_hash_is_exact():
    assert raw_hash("a b") != raw_hash("a  b")
    assert raw_hash("x") == raw_hash(b"x")
