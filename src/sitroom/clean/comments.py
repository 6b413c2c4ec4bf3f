"""Reader comments: where the comment section starts, and its single comments.

Comments are kept apart from the article (Article.comments) and never
extracted from: their claims are readers', not the outlet's.
"""
from __future__ import annotations

import re

from sitroom.clean.patterns import patterns
from sitroom.records import Removed

MIN_ARTICLE_CHARS = 60  # a comment section needs some article above it


def find_comment_section(lines: list[str]) -> int | None:
    """Index of the line that opens the comment section, or None."""
    p = patterns()
    seen_paragraph = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if seen_paragraph and p.is_comment_marker(stripped):
            return i
        if len(stripped) >= MIN_ARTICLE_CHARS:
            seen_paragraph = True
    return None


def _looks_like_name(text: str) -> bool:
    return len(text.split()) <= 5 and not re.search(r"[.!?,;:]$", text) and len(text) <= 60


def split_comments(lines: list[str]) -> tuple[list[tuple[str | None, str]], list[Removed]]:
    """[(author, text)] of a comment section, and its furniture lines (markers, 'Show 2 Replies')."""
    p = patterns()
    removed: list[Removed] = []
    comments: list[tuple[str | None, list[str]]] = []
    has_authors = any(p.comment_author.match(line) for line in lines)
    current: tuple[str | None, list[str]] | None = None
    in_header = True
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if not has_authors and current and current[1]:
                current = None  # without author markers, each paragraph is a comment
            continue
        if in_header and (p.is_comment_marker(stripped) or p.is_comment_furniture(stripped)):
            removed.append(Removed("comments_header", stripped))
            continue
        in_header = False
        if p.is_comment_furniture(stripped):
            removed.append(Removed("comments_header", stripped))
            continue
        inline = p.comment_inline_author.match(stripped) if not has_authors else None
        if inline and _looks_like_name(inline.group(1)):  # "daraa_son: The settlement ..."
            current = (inline.group(1), [inline.group(2).strip()])
            comments.append(current)
            continue
        author_line = p.comment_author.match(line) if has_authors else None
        if author_line:
            head = author_line.group(1).strip()
            if _looks_like_name(head):
                current = (head, [])
            else:
                current = (None, [head])
            comments.append(current)
            continue
        if current is None:
            current = (None, [])
            comments.append(current)
        current[1].append(stripped)
    return [(author, "\n".join(body)) for author, body in comments if body], removed
