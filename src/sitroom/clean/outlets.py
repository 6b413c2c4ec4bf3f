"""The outlet, where the page itself names it: its URL's domain, the site
name in HTML metadata, the licence/copyright line, an opening "(Reuters) -"
or "(ANTIMEDIA)" credit, a house pseudonym in the byline, or the donation
appeal. Names mentioned in the story ("CBS reports") are sources, not the
outlet, and are not used."""
from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from sitroom.data import load_json


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    by_alias: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    by_author: dict[str, str] = {}
    for outlet in load_json("outlets.json")["outlets"]:
        name = outlet["name"]
        for alias in [name, *outlet.get("aliases", [])]:
            by_alias.setdefault(_key(alias), name)
        for domain in outlet.get("domains", []):
            by_domain[domain.lower()] = name
        for author in outlet.get("authors", []):
            by_author[_key(author)] = name
    return by_alias, by_domain, by_author


def outlet_by_alias(name: str | None) -> str | None:
    """The outlet's display name for any known spelling, else None."""
    if not name:
        return None
    return _index()[0].get(_key(name))


def outlet_by_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    by_domain = _index()[1]
    while host:
        if host in by_domain:
            return by_domain[host]
        host = host.partition(".")[2]
    return None


def outlet_by_author(author: str | None) -> str | None:
    return _index()[2].get(_key(author)) if author else None


_OPENING_CREDIT = re.compile(r"^\s*(?:[A-Z][A-Za-z' .-]{1,40},?\s*)?\(([^()\n]{2,40})\)\s*[-–—:]?")
_LICENCE_WORDS = re.compile(r"(?i)creative commons|licen[cs]e|typo|rights|reserved|copyright|©|terms|privacy|cookie|attribution|CC BY")
_SEGMENT_SPLIT = re.compile(r"\s*[/|•·]\s*|\s+[-–—]\s+")


def outlet_in_furniture(kind: str, text: str) -> str | None:
    """An outlet named by a removed piece of furniture (licence, appeal, ...)."""
    if kind in ("licence", "read_next", "appeal"):
        for segment in _SEGMENT_SPLIT.split(text):
            found = outlet_by_alias(segment)
            if found:
                return found
        by_alias = _index()[0]
        words = re.findall(r"[\w'’-]+", text)
        for size in (3, 2, 1):  # known outlet names inside the line
            for i in range(len(words) - size + 1):
                found = by_alias.get(_key(" ".join(words[i:i + size])))
                if found and len(_key(" ".join(words[i:i + size]))) > 3:
                    return found
        if kind == "licence":
            # "Creative Commons / Example Monitor / Report a typo": the segment that is a name.
            for segment in _SEGMENT_SPLIT.split(text):
                if (segment and not _LICENCE_WORDS.search(segment) and len(segment.split()) <= 5
                        and re.fullmatch(r"(?:The )?[A-Z][\w'’&.-]*(?:\s+[A-Z0-9][\w'’&.-]*)*", segment)):
                    return segment.strip()
            match = re.search(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*([A-Z][\w'’&. -]{1,40}?)(?:[.,|]|\s+all rights|$)", text, re.I)
            if match and not re.search(r"\d", match.group(1)):
                return match.group(1).strip()
    if kind == "byline":
        name = re.sub(r"(?i)^\s*(by|written by|posted by)\s+", "", text).strip()
        name = re.split(r"\s*[,|/–]\s*|\s+-\s+", name)[0].strip()
        house = re.fullmatch(r"(?i)(.+?)\s+(staff|desk|team|newsroom|reporters|correspondents)", name)
        if house:  # "By Levant Monitor staff"
            return outlet_by_alias(house.group(1)) or house.group(1)
        return outlet_by_author(name)
    return None


def outlet_in_opening(text: str) -> str | None:
    """'(ANTIMEDIA) ...', 'DAMASCUS (Reuters) - ...': a known outlet credited at the start."""
    match = _OPENING_CREDIT.match(text)
    return outlet_by_alias(match.group(1)) if match else None
