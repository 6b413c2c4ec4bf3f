"""dedup stage: content hashing (hashing.py) and near-duplicate pages (minhash.py).

The MinHash names are imported lazily: `sitroom.dedup.hashing` is used on every
ingest and must not pay for loading datasketch.
"""
from __future__ import annotations

import importlib

_MINHASH_NAMES = (
    "COPY_THRESHOLD", "STORY_THRESHOLD", "NearDuplicate", "NearDuplicateIndex", "estimated_jaccard",
    "minhash_signature", "near_duplicate_pairs",
)
__all__ = list(_MINHASH_NAMES)


def __getattr__(name: str):
    if name in _MINHASH_NAMES:
        return getattr(importlib.import_module("sitroom.dedup.minhash"), name)
    raise AttributeError(f"module 'sitroom.dedup' has no attribute {name!r}")
