"""Clean: strip page furniture and comments; find title, date, outlet, language.

    clean_document(raw: RawDocument) -> Article

The clean text is the page's own text, verbatim, minus furniture (navigation,
bylines, photo credits, share buttons, "READ NEXT", licence lines, donation
appeals, feedback prompts) and minus the reader comments, which are kept
apart in Article.comments. Every removed piece is in Article.removed.
"""
from __future__ import annotations

from sitroom.clean.datelines import normalise_date
from sitroom.clean.furniture import CleanText, clean_text
from sitroom.clean.language import detect_language, normalise_language
from sitroom.clean.outlets import (
    outlet_by_alias, outlet_by_url, outlet_in_furniture, outlet_in_opening,
)
from sitroom.dedup.hashing import article_id, content_hash, raw_hash
from sitroom.errors import InputError
from sitroom.records import Article, Comment, RawDocument


def _find_outlet(raw: RawDocument, cleaned: CleanText, sitename: str | None, url: str | None) -> str | None:
    if raw.outlet:
        return outlet_by_alias(raw.outlet) or raw.outlet.strip()
    found = outlet_by_url(url)
    if found:
        return found
    if sitename:
        return outlet_by_alias(sitename) or sitename.strip()
    for kind in ("licence", "byline", "read_next", "appeal"):
        for piece in cleaned.removed:
            if piece.kind == kind:
                found = outlet_in_furniture(kind, piece.text)
                if found:
                    return found
    found = outlet_in_opening(cleaned.text[:200])
    if found:
        return found
    return outlet_by_alias(cleaned.masthead) or cleaned.masthead


def clean_document(raw: RawDocument) -> Article:
    """One cleaned Article; InputError (naming the input) when no article text is left."""
    sitename = html_language = None
    html_comments: list[str] = []
    url = raw.url
    title = raw.title.strip() if raw.title and raw.title.strip() else None
    published = normalise_date(raw.published)
    author = raw.author
    if raw.text is not None and raw.text.strip():
        body = raw.text
    elif raw.html is not None and raw.html.strip():
        from sitroom.clean.html import extract_html

        page = extract_html(raw.html, raw.name, url)
        body = page.text
        title = title or page.title
        published = published or normalise_date(page.published)
        author = author or page.author
        url = url or page.url
        sitename, html_language, html_comments = page.sitename, page.language, page.comments
    else:
        raise InputError(raw.name, "no text")

    cleaned = clean_text(body, title=title)
    if not cleaned.text.strip():
        raise InputError(raw.name, "no article text left after cleaning")
    digest = content_hash(cleaned.text)
    ident = article_id(digest)
    language = normalise_language(raw.language) or detect_language(cleaned.text) or normalise_language(html_language)
    comments = [(a, t) for a, t in cleaned.comments] + [(None, t) for t in html_comments]
    return Article(
        id=ident,
        text=cleaned.text,
        content_hash=digest,
        raw_hash=raw_hash(raw.html if raw.html is not None and raw.text is None else (raw.text or "")),
        origin=raw.origin,
        ext_id=raw.ext_id,
        title=cleaned.title or title,
        published=published or cleaned.published,
        outlet=_find_outlet(raw, cleaned, sitename, url),
        url=url,
        author=author or cleaned.author,
        language=language,
        removed=cleaned.removed,
        comments=[
            Comment(article_id=ident, position=i, text=text, author=who)
            for i, (who, text) in enumerate(comments)
        ],
    )


__all__ = ["clean_document", "clean_text", "detect_language"]
