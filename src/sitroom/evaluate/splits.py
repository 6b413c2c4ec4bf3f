"""The tuning/test split: a stable hash of each row's key, so every engineer
tunes on the same half and the other half stays an honest test."""
from __future__ import annotations

import hashlib
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
SPLITS = ("test", "tune", "all")


def is_tuning_row(key: str) -> bool:
    """True for rows in the tuning half (key: ACLED event_id_cnty, CASE id, FA-KES unit_id)."""
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % 2 == 0


def in_split(key: str, split: str) -> bool:
    if split == "all":
        return True
    return is_tuning_row(key) == (split == "tune")


def select(rows: Iterable[T], key: Callable[[T], str], split: str) -> Iterator[T]:
    """The rows of one split ("test", "tune" or "all")."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}")
    return (r for r in rows if in_split(key(r), split))
