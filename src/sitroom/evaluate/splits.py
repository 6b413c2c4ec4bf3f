"""The tuning/test split: a stable hash of each row's key, so every engineer
tunes on the same rows and the rest stays an honest test.

History (docs/quality.md says the same): sessions 1-2 tuned on the md5-even half and
reported the odd half.  Session 3 found the even half exhausted (0.95 on it, 0.86 on the
odd half) and released one quarter of the odd half, ``md5 % 4 == 1``, for tuning.  Its
first score was taken before any rule saw it (``--split tune-new``); the test is now the
last quarter, ``md5 % 4 == 3``.
"""
from __future__ import annotations

import hashlib
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
SPLITS = ("test", "tune", "tune-new", "all")


def _quarter(key: str) -> int:
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % 4


def is_tuning_row(key: str) -> bool:
    """True for rows anyone may tune on (key: ACLED event_id_cnty, CASE id, FA-KES unit_id)."""
    return _quarter(key) != 3


def in_split(key: str, split: str) -> bool:
    if split == "all":
        return True
    if split == "tune-new":
        return _quarter(key) == 1
    return is_tuning_row(key) == (split == "tune")


def select(rows: Iterable[T], key: Callable[[T], str], split: str) -> Iterator[T]:
    """The rows of one split ("test", "tune", "tune-new" or "all")."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}")
    return (r for r in rows if in_split(key(r), split))
