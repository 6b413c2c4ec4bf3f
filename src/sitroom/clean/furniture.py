"""Strip page furniture from scraped plain text, keeping the article verbatim.

Works line by line. Every line removed is recorded (kind + text) so a user
can check the cleaning (`sitroom show`). What stays is the page's own text,
character for character: evidence phrases quoted from it, with their curly
quotes and non-breaking spaces, are still substrings of the clean text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitroom.clean.comments import find_comment_section, split_comments
from sitroom.clean.datelines import dateline_date, dateline_prefix, find_date
from sitroom.clean.patterns import patterns
from sitroom.dedup.hashing import normalise_text
from sitroom.records import Removed

HEADER_LINES = 8  # datelines and titles are looked for among the first non-blank lines
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
_BLANK_RUNS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


@dataclass
class CleanText:
    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    removed: list[Removed] = field(default_factory=list)
    comments: list[tuple[str | None, str]] = field(default_factory=list)
    masthead: str | None = None  # the site's name when the page opens with it ("Syria Daily Wire")


def is_headline_like(stripped: str) -> bool:
    """A short line with no sentence-final full stop: a title, heading or link text."""
    if not stripped or len(stripped) > MAX_TITLE_CHARS or len(stripped.split()) > MAX_TITLE_WORDS:
        return False
    if re.search(r"[.,;:…]['\"’”)]?$", stripped):
        return False
    return not stripped[0].islower()


def _author_from_byline(text: str) -> str | None:
    name = re.sub(r"(?i)^\s*(?:(?:written|posted|reported|story|text)\s+)?by\s+|^\s*(?:author|writer|reporter|correspondent)s?\s*:\s*", "", text)
    name = re.split(r"\s*[,|/–]\s*|\s+-\s+", name.strip())[0].strip()
    return name or None


def clean_text(text: str, title: str | None = None) -> CleanText:
    """Clean one page's text; `title`, when known from metadata, is removed from the body."""
    p = patterns()
    result = CleanText(text="")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")

    # A labelled date opening the page (" date 2024-11-30 On ...") is scraped metadata.
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        prefix = dateline_prefix(lines[first])
        if prefix:
            iso, cut = prefix
            result.removed.append(Removed("dateline", lines[first][:cut].strip()))
            result.published = iso
            lines[first] = lines[first][cut:]

    start_of_comments = find_comment_section(lines)
    if start_of_comments is not None:
        result.comments, comment_furniture = split_comments(lines[start_of_comments:])
        lines = lines[:start_of_comments]
    else:
        comment_furniture = []

    kept: list[str] = []
    in_appeal = False
    non_blank_seen = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        non_blank_seen += 1
        if in_appeal:
            if p.is_appeal_start(stripped) or p.is_appeal_text(stripped):
                result.removed.append(Removed("appeal", stripped))
                continue
            in_appeal = False
        kind = p.line_kind(stripped)
        if kind is None and p.is_appeal_start(stripped):
            kind, in_appeal = "appeal", True
        if kind is None and non_blank_seen <= HEADER_LINES:
            iso = dateline_date(stripped)
            if iso:
                kind = "dateline"
                result.published = result.published or iso
        if kind:
            result.removed.append(Removed(kind, stripped))
            if kind == "byline":
                result.author = result.author or _author_from_byline(stripped)
                dated = find_date(stripped)  # "By X | Published: 2019-11-12"
                result.published = result.published or (dated[0] if dated else None)
            continue
        share = p.share_suffix.search(line)
        if share:
            result.removed.append(Removed("share", share.group(1)))
            line = line[: share.start()]
        kept.append(line.rstrip("\r\t "))
    result.removed.extend(comment_furniture)

    kept, result.title = _take_title(kept, title, result.removed)
    result.masthead = _masthead(result.removed, lines)
    body = "\n".join(kept)
    result.text = _BLANK_RUNS.sub("\n\n", body).strip()
    return result


def _take_title(lines: list[str], given: str | None, removed: list[Removed]) -> tuple[list[str], str | None]:
    """Find the title among the leading headline-like lines; lines above it are navigation."""
    leading: list[int] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if not is_headline_like(stripped) or len(leading) >= 6:
            break
        leading.append(i)
    body_left = [i for i, line in enumerate(lines) if line.strip() and i not in leading]
    if not body_left:  # nothing but short lines: they are the text, not furniture
        return lines, given
    if given:
        wanted = normalise_text(given)
        drop = [i for i in leading if normalise_text(lines[i]) == wanted]
        return [line for i, line in enumerate(lines) if i not in drop], given
    if not leading:
        return lines, None
    # The title shares the most words with the story; link texts above it (related
    # articles, section names) are navigation; a standfirst below it stays text.
    body_words = _content_words(" ".join(lines[i] for i in body_left[:12]))
    overlap = [len(_content_words(lines[i]) & body_words) / max(1, len(_content_words(lines[i]))) for i in leading]
    best = max(range(len(leading)), key=lambda k: (overlap[k], k))
    for i in leading[:best]:
        removed.append(Removed("navigation", lines[i].strip()))
    title = lines[leading[best]].strip()
    drop = set(leading[: best + 1])
    return [line for i, line in enumerate(lines) if i not in drop], title


def _content_words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]{4,}", text)}


_MASTHEAD = re.compile(r"((?:The |Al[- ])?[A-Z][\w'’&.-]*(?:\s+[A-Z0-9][\w'’&.-]*){0,3})(?:\s+[—–|-]\s+.{1,80})?")


def _masthead(removed: list[Removed], lines: list[str]) -> str | None:
    """The outlet's name when the page's first line is its masthead (taken as navigation)."""
    first = next((line.strip() for line in lines if line.strip()), "")
    if not any(r.kind == "navigation" and r.text == first for r in removed):
        return None
    match = _MASTHEAD.fullmatch(first)
    return match.group(1) if match else None
