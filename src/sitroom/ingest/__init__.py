"""Ingest: read documents from text, HTML, JSONL, CSV, WARC, RSS, directories, URLs.

`read_inputs` streams RawDocuments from every input in turn. An input that
cannot be read (or a bad line or record inside one) is reported to
`on_error` as an InputError and the run goes on with the rest.

Options (keyword arguments): `csv_map` ("text=body,title=headline" or a
dict), `csv_delimiter`, `max_page_bytes` (default 20 MB), `max_line_bytes`,
`allow_private` and `timeout` (URL inputs).
"""
from __future__ import annotations

import logging
import os
from typing import Callable, Iterator

from sitroom.errors import InputError, SitroomError
from sitroom.ingest.feeds import looks_like_feed, read_feed_bytes
from sitroom.ingest.pages import DEFAULT_MAX_PAGE_BYTES, decode_html, read_html_page, read_text_page
from sitroom.ingest.streams import sniff
from sitroom.records import RawDocument

log = logging.getLogger(__name__)

# Extension -> format. Checked longest first, so ".warc.gz" wins over ".gz".
EXTENSIONS = {
    ".warc.gz": "warc", ".warc": "warc", ".arc.gz": "warc",
    ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv.gz": "csv", ".tsv.gz": "csv", ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "txt", ".text": "txt",
    ".rss": "rss", ".atom": "rss", ".xml": "rss",
}
FORMATS = ("txt", "html", "jsonl", "csv", "warc", "rss")


def format_by_extension(path: str) -> str | None:
    lower = path.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if lower.endswith(ext):
            return EXTENSIONS[ext]
    return None


def detect_format(path: str) -> str:
    """The reader for a file: by extension, else by its first bytes."""
    fmt = format_by_extension(path)
    if fmt == "rss":
        head = sniff(path)
        return "rss" if looks_like_feed(head) else "html"
    if fmt:
        return fmt
    head = sniff(path).lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if looks_like_feed(head):
        return "rss"
    if head.startswith(b"<"):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "txt"


def iter_files(directory: str) -> Iterator[str]:
    """Every readable file under a directory, recursively, in a stable order."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            if format_by_extension(path):
                yield path
            else:
                log.debug("skipping %s: not a known input type", path)


def is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def read_url(url: str, report: Callable[[InputError], None], **options) -> Iterator[RawDocument]:
    from sitroom.ingest.fetch import fetch_url

    fetched = fetch_url(
        url, allow_private=bool(options.get("allow_private", False)),
        timeout=float(options.get("timeout", 10)),
        max_bytes=int(options.get("max_page_bytes", DEFAULT_MAX_PAGE_BYTES)),
    )
    if not fetched.body.strip():
        raise InputError(url, "empty response")
    if "xml" in fetched.content_type or "rss" in fetched.content_type or looks_like_feed(fetched.body):
        yield from read_feed_bytes(fetched.body, url, report)
        return
    if fetched.content_type == "text/plain":
        from sitroom.ingest.decode import decode_bytes

        yield RawDocument(origin=url, fmt="txt", text=decode_bytes(fetched.body, url), url=fetched.url)
        return
    html = decode_html(fetched.body, url, fetched.charset)
    yield RawDocument(origin=url, fmt="html", html=html, url=fetched.url)


def read_file(path: str, report: Callable[[InputError], None], **options) -> Iterator[RawDocument]:
    """Every document in one file."""
    fmt = options.get("fmt") or detect_format(path)
    max_page = int(options.get("max_page_bytes") or DEFAULT_MAX_PAGE_BYTES)
    if fmt == "txt":
        yield from read_text_page(path, max_page)
    elif fmt == "html":
        yield from read_html_page(path, max_page)
    elif fmt == "jsonl":
        from sitroom.ingest.jsonl import DEFAULT_MAX_LINE_BYTES, read_jsonl

        yield from read_jsonl(path, report, int(options.get("max_line_bytes") or DEFAULT_MAX_LINE_BYTES))
    elif fmt == "csv":
        from sitroom.ingest.csv_reader import read_csv

        yield from read_csv(path, report, options.get("csv_map"), options.get("csv_delimiter"))
    elif fmt == "warc":
        from sitroom.ingest.warc import read_warc

        yield from read_warc(path, report)
    elif fmt == "rss":
        from sitroom.ingest.pages import read_page_bytes

        yield from read_feed_bytes(read_page_bytes(path, max_page), path, report)
    else:
        raise InputError(path, f"unknown format {fmt!r}; formats are {', '.join(FORMATS)}")


def _guarded(name: str, documents: Iterator[RawDocument], report: Callable[[InputError], None]) -> Iterator[RawDocument]:
    """Yield from a reader; its failure becomes one reported InputError."""
    try:
        yield from documents
    except InputError as exc:
        report(exc)
    except SitroomError as exc:
        report(InputError(name, str(exc)))
    except RecursionError:
        report(InputError(name, "input nested too deeply to parse"))
    except MemoryError:
        report(InputError(name, "input too large to parse in memory"))
    except Exception as exc:  # noqa: BLE001 - a reader bug must not end the batch
        log.debug("reader failed on %s", name, exc_info=True)
        report(InputError(name, f"unreadable ({type(exc).__name__}: {exc})"))


def read_inputs(
    paths: list[str], on_error: Callable[[InputError], None] | None = None, **options
) -> Iterator[RawDocument]:
    """Yield every document in `paths`; report unreadable ones to `on_error`.

    Without `on_error`, problems are logged as warnings and skipped.
    """
    def report(exc: InputError) -> None:
        if on_error is not None:
            on_error(exc)
        else:
            log.warning("%s", exc)

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        path = os.fspath(given)
        if is_url(path):
            yield from _guarded(path, read_url(path, report, **options), report)
        elif os.path.isdir(path):
            for file_path in iter_files(path):
                yield from _guarded(file_path, read_file(file_path, report, **options), report)
        elif os.path.exists(path):
            yield from _guarded(path, read_file(path, report, **options), report)
        else:
            report(InputError(path, "no such file or directory"))


__all__ = ["read_inputs", "read_file", "detect_format", "iter_files", "FORMATS"]
