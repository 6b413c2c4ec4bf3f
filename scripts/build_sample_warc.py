"""Pack scripts/sample_warc/*.html into the sample corpus's WARC file.

Writes src/sitroom/data/sample/crawl-2019-11.warc.gz: one gzip member per
WARC/1.0 response record (CC-NEWS style). Deterministic, so re-running it
changes nothing.
"""
from __future__ import annotations

import gzip
import re
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "sitroom" / "data" / "sample" / "crawl-2019-11.warc.gz"


def record(url: str, date: str, html: bytes) -> bytes:
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(html)}\r\n\r\n".encode()
        + html
    )
    rid = uuid.uuid5(uuid.NAMESPACE_URL, url)
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:{rid}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", mtime=0)


def main() -> None:
    parts = []
    for page in sorted((HERE / "sample_warc").glob("*.html")):
        html = page.read_bytes()
        date = re.search(rb'published_time" content="([^"]+)"', html).group(1).decode()
        parts.append(record(f"https://news.example/{page.stem}", date, html))
    OUT.write_bytes(b"".join(parts))
    print(f"wrote {OUT} ({len(parts)} records)")


if __name__ == "__main__":
    main()
