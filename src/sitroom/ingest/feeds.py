"""RSS and Atom feeds (a file or a fetched URL): each entry is a document.

The entry's content (or summary) is its HTML, the entry link its URL.
"""
from __future__ import annotations

import time
from typing import Callable, Iterator

from sitroom.errors import InputError
from sitroom.records import RawDocument


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return time.strftime("%Y-%m-%d", parsed)
            except (TypeError, ValueError):
                continue
    return entry.get("published") or entry.get("updated")


def read_feed_bytes(data: bytes, origin: str, report: Callable[[InputError], None]) -> Iterator[RawDocument]:
    import feedparser

    try:
        feed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser raises many kinds on garbage
        raise InputError(origin, f"cannot parse feed ({type(exc).__name__}: {exc})") from None
    entries = feed.get("entries") or []
    if not entries:
        problem = feed.get("bozo_exception")
        raise InputError(origin, f"not an RSS/Atom feed or no entries{f' ({problem})' if problem else ''}")
    outlet = (feed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, 1):
        contents = entry.get("content") or []
        html = next((c.get("value") for c in contents if c.get("value")), None) or entry.get("summary")
        if not html or not str(html).strip():
            report(InputError(f"{origin}:entry {number}", "entry has no content or summary"))
            continue
        authors = entry.get("author")
        yield RawDocument(
            origin=origin, locator=f"entry {number}", fmt="rss",
            ext_id=entry.get("id") or None, html=str(html), title=entry.get("title") or None,
            published=_entry_date(entry), outlet=outlet, url=entry.get("link") or None,
            author=authors or None, language=(feed.get("feed") or {}).get("language") or None,
        )


def looks_like_feed(head: bytes) -> bool:
    sample = head[:2048].lower()
    return b"<rss" in sample or b"<feed" in sample or b"<rdf:rdf" in sample
