"""The furniture patterns of data/clean_patterns.json, compiled once."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sitroom.data import load_json


@dataclass(frozen=True)
class Patterns:
    max_line_chars: int
    line_kinds: tuple[tuple[str, tuple[re.Pattern, ...]], ...]
    appeal_start: tuple[re.Pattern, ...]
    appeal_words: tuple[str, ...]
    share_suffix: re.Pattern
    comment_markers: tuple[re.Pattern, ...]
    comment_furniture: tuple[re.Pattern, ...]
    comment_author: re.Pattern
    comment_inline_author: re.Pattern

    def line_kind(self, stripped: str) -> str | None:
        """The furniture kind a whole (stripped) line is, or None."""
        if len(stripped) > self.max_line_chars:
            return None
        for kind, patterns in self.line_kinds:
            if any(p.fullmatch(stripped) for p in patterns):
                return kind
        return None

    def is_appeal_start(self, stripped: str) -> bool:
        return len(stripped) <= 1500 and any(p.fullmatch(stripped) for p in self.appeal_start)

    def is_appeal_text(self, stripped: str) -> bool:
        lower = stripped.lower()
        return len(stripped) <= 1500 and any(w in lower for w in self.appeal_words)

    def is_comment_marker(self, stripped: str) -> bool:
        return len(stripped) <= 160 and any(p.fullmatch(stripped) for p in self.comment_markers)

    def is_comment_furniture(self, stripped: str) -> bool:
        return len(stripped) <= 60 and any(p.fullmatch(stripped) for p in self.comment_furniture)


@functools.lru_cache(maxsize=1)
def patterns() -> Patterns:
    data = load_json("clean_patterns.json")
    compile_all = lambda items: tuple(re.compile(p) for p in items)  # noqa: E731
    return Patterns(
        max_line_chars=int(data["max_furniture_line_chars"]),
        line_kinds=tuple((kind, compile_all(items)) for kind, items in data["line_kinds"].items()),
        appeal_start=compile_all(data["appeal_start"]),
        appeal_words=tuple(w.lower() for w in data["appeal_words"]),
        share_suffix=re.compile(data["share_suffix"]),
        comment_markers=compile_all(data["comment_markers"]),
        comment_furniture=compile_all(data["comment_furniture"]),
        comment_author=re.compile(data["comment_author"]),
        comment_inline_author=re.compile(data["comment_inline_author"]),
    )
