"""HTML pages: main text via trafilatura, metadata (title, date via htmldate,
author, site name, canonical URL) and reader comments, all offline."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from sitroom.errors import InputError

MIN_FALLBACK_WORDS = 5
_HTML_LANG = re.compile(r"""<html[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)


@dataclass
class HtmlExtract:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    comments: list[str] = field(default_factory=list)


_DOCUMENT = re.compile(r"<(html|body|head)[\s>]", re.I)


@functools.lru_cache(maxsize=1)
def _quiet_libraries() -> None:
    # trafilatura and htmldate log every page they cannot parse at ERROR; our own
    # InputError says it once, in one line.
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@functools.lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    # Short news items are articles too; no signal-based timeout in worker threads.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "10")
    config.set("DEFAULT", "MIN_EXTRACTED_COMM_SIZE", "10")
    config.set("DEFAULT", "MIN_OUTPUT_COMM_SIZE", "10")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _fallback_text(html: str) -> str:
    """Visible text of a page trafilatura could not read (lenient lxml parse)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer"):
        bad.drop_tree()
    text = root.text_content()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def extract_html(html: str, name: str, url: str | None = None) -> HtmlExtract:
    """The main text and metadata of one HTML page; InputError when it holds no text."""
    import trafilatura

    html = html.replace("\x00", "")
    if not _DOCUMENT.search(html[:2048]):
        html = f"<html><body><article>{html}</article></body></html>"  # a fragment (feed entry)
    _quiet_libraries()
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, config=_config(), with_metadata=True, include_comments=True,
            include_tables=False, favor_recall=True,
        )
    except Exception:  # noqa: BLE001 - trafilatura/lxml raise many kinds on broken markup
        doc = None
    data = (doc.as_dict() if hasattr(doc, "as_dict") else doc) if doc is not None else {}
    text = (data.get("text") or "").strip()
    if not text:
        text = _fallback_text(html)
        if len(re.findall(r"[^\W\d_]{2,}", text)) < MIN_FALLBACK_WORDS:
            raise InputError(name, "malformed HTML: no article text found")
    published = data.get("date")
    if not published:
        published = _htmldate(html)
    lang = _HTML_LANG.search(html[:4096])
    from sitroom.clean.patterns import patterns

    comments = [
        c.strip() for c in (data.get("comments") or "").split("\n")
        if c.strip() and not patterns().is_comment_marker(c.strip())
    ]
    return HtmlExtract(
        text=text, title=data.get("title") or None, author=data.get("author") or None,
        published=published, sitename=data.get("sitename") or None, url=data.get("url") or url,
        language=lang.group(1).lower() if lang else None, comments=comments,
    )


def _htmldate(html: str) -> str | None:
    try:
        from htmldate import find_date

        return find_date(html, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - a date is optional metadata
        return None
