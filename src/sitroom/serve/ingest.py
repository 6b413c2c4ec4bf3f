"""POST /ingest: turn a request into a JSONL batch and run the normal ingest.

URLs are fetched through sitroom.ingest.fetch.fetch_url, which refuses
loopback, private and link-local addresses unless the server is configured
to allow them (SSRF guard).
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from sitroom.errors import InputError
from sitroom.serve.models import IngestRequest
from sitroom.store import Store

MAX_FETCH_BYTES = 5_000_000


def _record(req: IngestRequest, **content: str) -> dict:
    record = dict(content)
    for key, value in (("title", req.title), ("published", req.published), ("source", req.outlet), ("url", req.url)):
        if value:
            record[key] = value
    return record


def fetch_record(url: str, allow_private: bool) -> dict:
    """A JSONL record for one fetched page; InputError when refused or failed."""
    from sitroom.ingest.fetch import fetch_url  # lazy: only writes need the network code

    result = fetch_url(url, allow_private=allow_private, max_bytes=MAX_FETCH_BYTES)
    body = result.body.decode(result.charset or "utf-8", errors="replace")
    key = "text" if result.content_type == "text/plain" else "html"
    return {key: body, "url": result.url}


def ingest_request(store: Store, req: IngestRequest, allow_private: bool = False) -> dict:
    from sitroom.api import ingest

    errors: list[str] = []
    records: list[dict] = []
    if req.text and req.text.strip():
        records.append(_record(req, text=req.text))
    if req.html and req.html.strip():
        records.append(_record(req, html=req.html))
    for url in req.urls:
        try:
            records.append(fetch_record(url, allow_private))
        except InputError as exc:
            errors.append(str(exc))
        except ValueError as exc:  # a malformed URL
            errors.append(f"{url}: {exc}")
    with tempfile.TemporaryDirectory(prefix="sitroom-ingest-") as tmp:
        paths = []
        if records:
            batch = Path(tmp) / "request.jsonl"
            batch.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
            paths.append(str(batch))
        if req.jsonl and req.jsonl.strip():
            given = Path(tmp) / "given.jsonl"
            given.write_text(req.jsonl, encoding="utf-8")
            paths.append(str(given))
        if not paths:
            return {"read": 0, "added": 0, "skipped": 0, "events": 0, "errors": errors or ["nothing to ingest"]}
        report = ingest(paths, db=store)
        # Name inputs as the client sent them, not by the server's temporary paths.
        names = {str(Path(tmp) / "request.jsonl"): "request", str(Path(tmp) / "given.jsonl"): "jsonl"}

        def client_message(exc: Exception) -> str:
            message = str(exc)
            for path, name in names.items():
                message = message.replace(path, name)
            return message

        return {
            "read": report.read, "added": report.added, "skipped": report.skipped, "events": report.events,
            "errors": errors + [client_message(e) for e in report.errors],
        }
