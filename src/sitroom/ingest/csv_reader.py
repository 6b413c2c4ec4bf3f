"""CSV/TSV: one article per row, columns mapped onto fields (`--csv-map text=body,...`)."""
from __future__ import annotations

import csv
import io
import sys
from typing import Callable, Iterator, Mapping

from sitroom.errors import InputError
from sitroom.ingest.decode import decoder_for_stream
from sitroom.ingest.jsonl import document_from_record
from sitroom.ingest.streams import ChainedStream, open_binary
from sitroom.records import RawDocument

FIELDS = ("id", "text", "html", "title", "published", "source", "url", "author", "language")
# Column names tried, in order, when the mapping does not name one.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "unit_id"),
    "text": ("text", "body", "content", "article", "article_content", "maintext"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "published": ("published", "date", "date_publish", "publish_date", "pubdate"),
    "source": ("source", "outlet", "source_domain", "publisher", "site"),
    "url": ("url", "link", "article_url"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}
MAX_FIELD_BYTES = 20 * 1024 * 1024


def parse_csv_map(spec: str | Mapping[str, str] | None) -> dict[str, str]:
    """'text=body,title=headline' (or a dict) -> {field: column}; InputError on bad fields."""
    if not spec:
        return {}
    if isinstance(spec, Mapping):
        pairs = list(spec.items())
    else:
        pairs = []
        for part in str(spec).split(","):
            if not part.strip():
                continue
            field, sep, column = part.partition("=")
            if not sep or not field.strip() or not column.strip():
                raise InputError("--csv-map", f"expected FIELD=COLUMN, got {part.strip()!r}")
            pairs.append((field.strip(), column.strip()))
    unknown = [f for f, _ in pairs if f not in FIELDS]
    if unknown:
        raise InputError("--csv-map", f"unknown field(s) {', '.join(unknown)}; fields are {', '.join(FIELDS)}")
    return dict(pairs)


def resolve_columns(header: list[str], csv_map: dict[str, str], name: str) -> dict[str, str]:
    """{field: column actually present in the header}."""
    lower = {h.strip().lower(): h for h in header}
    columns: dict[str, str] = {}
    for field in FIELDS:
        if field in csv_map:
            wanted = csv_map[field]
            if wanted not in header and wanted.lower() not in lower:
                raise InputError(name, f"--csv-map names column {wanted!r}, which the header lacks")
            columns[field] = wanted if wanted in header else lower[wanted.lower()]
            continue
        for candidate in DEFAULT_COLUMNS[field]:
            if candidate in lower:
                columns[field] = lower[candidate]
                break
    if "text" not in columns and "html" not in columns:
        raise InputError(name, f"no text column (header: {', '.join(header[:12])}); use --csv-map text=COLUMN")
    return columns


def read_csv(
    path: str, report: Callable[[InputError], None], csv_map: str | Mapping[str, str] | None = None,
    delimiter: str | None = None,
) -> Iterator[RawDocument]:
    mapping = parse_csv_map(csv_map)
    if delimiter is None:
        delimiter = "\t" if path.lower().endswith((".tsv", ".tsv.gz", ".tab")) else ","
    csv.field_size_limit(min(sys.maxsize, MAX_FIELD_BYTES))
    with open_binary(path) as fh:
        head = fh.read(65536)
        if not head.strip():
            raise InputError(path, "empty file")
        encoding, skip = decoder_for_stream(head, path)
        text = io.TextIOWrapper(io.BufferedReader(ChainedStream(head[skip:], fh)), encoding=encoding, newline="")
        reader = csv.reader(text, delimiter=delimiter)
        row_number = 1
        try:
            header = next(reader, None)
            if not header:
                raise InputError(path, "no header row")
            columns = resolve_columns(header, mapping, path)
            index = {field: header.index(column) for field, column in columns.items()}
            for row in reader:
                row_number += 1
                locator = f"row {row_number}"
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) < len(header):
                    report(InputError(f"{path}:{locator}", f"{len(row)} columns, header has {len(header)}"))
                    continue
                record = {field: row[i] for field, i in index.items()}
                try:
                    yield document_from_record(record, path, locator, "csv")
                except InputError as exc:
                    report(exc)
        except csv.Error as exc:
            raise InputError(f"{path}:row {row_number + 1}", f"malformed CSV ({exc})") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}:row {row_number + 1}", f"invalid {encoding} ({exc.reason})") from None
