"""The one store interface. Backends (DuckDB, PostgreSQL) supply a connection
and a few dialect hooks; every domain method is written once here, in
portable SQL with `?` placeholders, so both engines hold the same data.

Writes are idempotent: articles are keyed by their normalised content hash
(and URL), mentions by a stable mention id, so re-running an ingest, or a
retried Dask task, never duplicates a row.
"""
from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from typing import Any, Iterable, Iterator

from sitroom.errors import StoreError
from sitroom.records import Article, Comment, Event, Removed, Span, Claim

MENTION_COLUMNS = (
    "mention_id", "article_id", "event_id", "event_date", "time_precision", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "country", "iso3", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_high",
    "evidence_json", "claims_json", "notes", "confidence", "outlet", "published",
)
ARTICLE_COLUMNS = (
    "id", "content_hash", "raw_hash", "url", "ext_id", "origin", "title", "published", "outlet",
    "author", "language", "text", "removed_json", "story_id", "ingested_at",
)


def utcnow() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def migrations(dialect: str | None = None) -> list[tuple[int, str, str]]:
    """(version, name, sql) for every numbered migration, in order.

    `NNN_name.sql` is portable and runs on every engine. Where the engines must
    differ (DuckDB's ART indexes turn an UPDATE of an indexed column into a
    delete + insert; PostgreSQL wants those indexes), a version has instead one
    `NNN_name.<dialect>.sql` per engine, so both still reach the same version."""
    folder = resources.files("sitroom.store").joinpath("migrations")
    found: dict[int, dict[str | None, tuple[str, str]]] = {}
    for entry in folder.iterdir():
        m = re.match(r"(\d+)_(.+?)(?:\.(duckdb|postgres))?\.sql$", entry.name)
        if m:
            found.setdefault(int(m.group(1)), {})[m.group(3)] = (m.group(2), entry.read_text(encoding="utf-8"))
    out = []
    for version, variants in sorted(found.items()):
        chosen = variants.get(None) or variants.get(dialect)
        if chosen is None and dialect is not None:  # None: listing only, any variant names the version
            raise StoreError(f"migration {version:03d} has no variant for store dialect {dialect!r} "
                             f"(one of: {', '.join(sorted(k for k in variants if k))})")
        out.append((version, *(chosen or variants[min(k for k in variants if k)])))
    return out


def split_sql(script: str) -> list[str]:
    body = "\n".join(line for line in script.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]


class Store(ABC):
    """Base class: connection handling is the backend's, the domain is here."""

    url: str
    dialect: str = ""  # "duckdb" / "postgres": picks a migration's engine-specific variant

    # --- backend hooks -------------------------------------------------------
    @abstractmethod
    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        """Run one statement with `?` placeholders; return a cursor-like object."""

    @abstractmethod
    def _executemany(self, sql: str, rows: list[tuple]) -> None: ...

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    # --- generic helpers -----------------------------------------------------
    def query(self, sql: str, params: tuple | list = ()) -> list[dict]:
        cur = self._execute(sql, params)
        cols = [d[0] for d in cur.description] if cur.description else []
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: tuple | list = ()):
        rows = self._execute(sql, params).fetchall()
        return rows[0][0] if rows else None

    def execute(self, sql: str, params: tuple | list = ()) -> None:
        self._execute(sql, params)

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self._executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """All or nothing: a crash inside leaves the database as it was."""
        self._begin()
        try:
            yield self
        except BaseException:
            self._rollback()
            raise
        else:
            self._commit()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- migrations ----------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply every numbered migration not yet applied; return those applied."""
        self.__dict__.pop("_column_types", None)
        self._execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
        )
        done = {r["version"] for r in self.query("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in migrations(self.dialect):
            if version in done:
                continue
            try:
                with self.transaction():
                    for stmt in split_sql(sql):
                        self._execute(stmt)
                    self._execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?) "
                        "ON CONFLICT DO NOTHING",
                        (version, name, utcnow()),
                    )
            except Exception as exc:  # noqa: BLE001 - re-raised with context
                raise StoreError(f"{self.url}: migration {version:03d}_{name} failed: {exc}") from exc
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        return self.scalar("SELECT max(version) FROM schema_migrations") or 0

    # --- articles ------------------------------------------------------------
    def has_article(self, article: Article) -> bool:
        """Known by content hash, or by URL (a re-fetched page is the same article)."""
        if self.scalar("SELECT 1 FROM articles WHERE content_hash = ?", (article.content_hash,)):
            return True
        if article.url and self.scalar("SELECT 1 FROM articles WHERE url = ?", (article.url,)):
            return True
        return False

    def add_articles(self, articles: Iterable[Article]) -> tuple[list[Article], list[Article]]:
        """Insert new articles with their comments, in one transaction.

        Returns (added, skipped): skipped ones were already stored (same
        normalised content or same URL) and are left untouched. Existence is
        checked once per batch and rows go in as multi-row inserts: row-by-row
        round trips made DuckDB writes several times slower.
        """
        articles = list(articles)
        added, skipped = [], []
        now = utcnow()
        with self.transaction():
            known_hashes = self._existing("content_hash", [a.content_hash for a in articles])
            known_urls = self._existing("url", [a.url for a in articles if a.url])
            for a in articles:
                if a.content_hash in known_hashes or (a.url and a.url in known_urls):
                    skipped.append(a)
                    continue
                known_hashes.add(a.content_hash)
                if a.url:
                    known_urls.add(a.url)
                added.append(a)
            self.insert_rows("articles", ARTICLE_COLUMNS, [
                (
                    a.id, a.content_hash, a.raw_hash, a.url, a.ext_id, a.origin, a.title,
                    a.published, a.outlet, a.author, a.language, a.text,
                    json.dumps([r.__dict__ for r in a.removed], ensure_ascii=False),
                    a.story_id, now,
                )
                for a in added
            ], on_conflict="ON CONFLICT DO NOTHING")
            self.insert_rows(
                "comments", ("article_id", "position", "author", "text"),
                [(a.id, c.position, c.author, c.text) for a in added for c in a.comments],
                on_conflict="ON CONFLICT DO NOTHING",
            )
        return added, skipped

    def _existing(self, column: str, values: list[str], chunk: int = 500) -> set[str]:
        """Which of `values` are already stored in articles.`column`."""
        found: set[str] = set()
        for i in range(0, len(values), chunk):
            part = values[i:i + chunk]
            if part:
                marks = ", ".join("?" for _ in part)
                found.update(r[column] for r in self.query(
                    f"SELECT {column} FROM articles WHERE {column} IN ({marks})", part))
        return found

    def insert_rows(self, table: str, columns: tuple[str, ...] | list[str], rows: list[tuple],
                    on_conflict: str = "", chunk_params: int = 3000) -> None:
        """Multi-row INSERT ... VALUES in chunks (portable SQL, `?` placeholders)."""
        if not rows:
            return
        one = "(" + ", ".join("?" for _ in columns) + ")"
        per_chunk = max(1, chunk_params // len(columns))
        for i in range(0, len(rows), per_chunk):
            part = rows[i:i + per_chunk]
            self._execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([one] * len(part))} {on_conflict}",
                [v for row in part for v in row],
            )

    # --- bulk writes and reads by key (fusion's write path) ---------------------
    # Rows change in place by key and are never deleted and re-inserted under the same
    # key in one transaction: DuckDB's ART indexes mishandle that pattern ("Failed to
    # delete all rows from index"). Backends may override these with faster bulk paths.
    def column_types(self, table: str) -> dict[str, str]:
        """column -> declared SQL type as the engine names it (read once per table)."""
        cache = self.__dict__.setdefault("_column_types", {})
        if table not in cache:
            cache[table] = {r["column_name"]: str(r["data_type"]).upper() for r in self.query(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? AND table_schema = current_schema()", (table,))}
        return cache[table]

    def update_rows(self, table: str, key_columns: tuple[str, ...] | list[str],
                    set_columns: tuple[str, ...] | list[str], rows: list[tuple], chunk_params: int = 3000) -> None:
        """SET `set_columns` by key, in place; each row is the key values then the new
        values. One UPDATE ... FROM (VALUES ...) per chunk, with casts to the column types
        (a VALUES column of NULLs would otherwise be text on PostgreSQL)."""
        if not rows:
            return
        types = self.column_types(table)
        columns = list(key_columns) + list(set_columns)
        alias = [f"c{i}" for i in range(len(columns))]
        value = {c: f"CAST(v.{a} AS {types[c]})" for c, a in zip(columns, alias)}
        sets = ", ".join(f"{c} = {value[c]}" for c in set_columns)
        where = " AND ".join(f"{table}.{c} = {value[c]}" for c in key_columns)
        one = "(" + ", ".join("?" for _ in columns) + ")"
        per_chunk = max(1, chunk_params // len(columns))
        for i in range(0, len(rows), per_chunk):
            part = rows[i:i + per_chunk]
            self._execute(
                f"UPDATE {table} SET {sets} FROM (VALUES {', '.join([one] * len(part))}) "
                f"AS v({', '.join(alias)}) WHERE {where}",
                [v for row in part for v in row],
            )

    def delete_rows(self, table: str, key_columns: tuple[str, ...] | list[str], keys: list) -> None:
        """DELETE the rows with these keys (tuples; plain values when there is one key column)."""
        keys = list(keys)
        if len(key_columns) == 1:
            keys = [k[0] if isinstance(k, tuple) else k for k in keys]
            for i in range(0, len(keys), 500):
                part = keys[i:i + 500]
                self._execute(f"DELETE FROM {table} WHERE {key_columns[0]} IN ({', '.join('?' for _ in part)})", part)
            return
        one = "(" + " AND ".join(f"{c} = ?" for c in key_columns) + ")"
        for i in range(0, len(keys), 200):
            part = keys[i:i + 200]
            self._execute(f"DELETE FROM {table} WHERE " + " OR ".join([one] * len(part)),
                          [v for key in part for v in key])

    def rows_by_keys(self, table: str, key_column: str, keys: Iterable, columns: str = "*") -> list[dict]:
        """The rows whose `key_column` is one of `keys` (any order)."""
        keys = sorted(set(keys))
        out: list[dict] = []
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            out += self.query(f"SELECT {columns} FROM {table} WHERE {key_column} IN ({', '.join('?' for _ in part)})",
                              part)
        return out

    def get_article(self, article_id: str) -> Article | None:
        rows = self.query("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            rows = self.query("SELECT * FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", (article_id + "%",))
            if len(rows) != 1:
                return None
        return self._article_from_row(rows[0])

    def _article_from_row(self, r: dict) -> Article:
        comments = [
            Comment(article_id=r["id"], position=c["position"], text=c["text"], author=c["author"])
            for c in self.query(
                "SELECT position, author, text FROM comments WHERE article_id = ? ORDER BY position", (r["id"],)
            )
        ]
        return Article(
            id=r["id"], text=r["text"], content_hash=r["content_hash"], raw_hash=r["raw_hash"],
            origin=r["origin"] or "", ext_id=r["ext_id"], title=r["title"], published=r["published"],
            outlet=r["outlet"], url=r["url"], author=r["author"], language=r["language"],
            removed=[Removed(**x) for x in json.loads(r["removed_json"] or "[]")],
            comments=comments, story_id=r["story_id"],
        )

    def iter_articles(self, batch: int = 500, where: str = "", params: tuple = ()) -> Iterator[Article]:
        """Stream articles in id order, `batch` at a time (keyset pagination)."""
        last = ""
        while True:
            cond = "id > ?" + (f" AND ({where})" if where else "")
            rows = self.query(
                f"SELECT * FROM articles WHERE {cond} ORDER BY id LIMIT {int(batch)}", (last, *params)
            )
            if not rows:
                return
            for r in rows:
                yield self._article_from_row(r)
            last = rows[-1]["id"]

    def count(self, table: str) -> int:
        if table not in {"articles", "comments", "event_mentions", "events", "event_sources", "claims", "stories",
                         "event_revisions", "extraction_runs", "article_signatures", "framing_terms"}:
            raise StoreError(f"unknown table {table!r}")
        return int(self.scalar(f"SELECT count(*) FROM {table}") or 0)

    # --- event mentions ------------------------------------------------------
    def add_mentions(self, events: Iterable[Event]) -> int:
        """Store extracted event mentions; a mention already stored is replaced."""
        rows = []
        seen: dict[str, int] = {}
        for e in events:
            # Two events may share their first evidence sentence (one sentence, two
            # incidents): suffix repeats in order, so ids stay unique and stable.
            n = seen.get(e.mention_id, 0) + 1
            seen[e.mention_id] = n
            if n > 1:
                e.mention_id = f"{e.mention_id}#{n}"
            rows.append((
                e.mention_id, e.article_id, None, e.event_date, e.time_precision, e.event_type,
                e.sub_event_type, e.actor1, e.assoc_actor_1, e.inter1, e.actor2, e.assoc_actor_2,
                e.inter2, e.interaction, e.civilian_targeting, e.country, e.iso3, e.admin1, e.admin2,
                e.location, e.latitude, e.longitude, e.geo_precision, e.fatalities, e.fatalities_low,
                e.fatalities_high,
                json.dumps([s.__dict__ for s in e.evidence], ensure_ascii=False),
                json.dumps([c.to_dict() for c in e.claims], ensure_ascii=False),
                e.notes, e.confidence, e.outlet, e.published,
            ))
        if not rows:
            return 0
        # Upsert, not delete + insert (DuckDB's ART indexes fail on a key deleted and re-inserted
        # in one transaction). A changed mention loses its event link so fusion re-reads it; an
        # unchanged one (a re-ingest) stays fused. article_id, part of the mention id, stays.
        content = [c for c in MENTION_COLUMNS if c not in ("mention_id", "article_id", "event_id")]
        same = " AND ".join(f"event_mentions.{c} IS NOT DISTINCT FROM excluded.{c}" for c in content)
        replace = ", ".join([f"event_id = CASE WHEN {same} THEN event_mentions.event_id END"]
                            + [f"{c} = excluded.{c}" for c in content])
        with self.transaction():
            self.insert_rows("event_mentions", MENTION_COLUMNS, rows,
                             on_conflict=f"ON CONFLICT (mention_id) DO UPDATE SET {replace}")
        return len(rows)

    def mentions(self, where: str = "", params: tuple | list = ()) -> list[Event]:
        rows = self.query(
            "SELECT * FROM event_mentions" + (f" WHERE {where}" if where else "") + " ORDER BY mention_id",
            params,
        )
        return [mention_from_row(r) for r in rows]

    def iter_mentions(self, batch: int = 5000) -> Iterator[Event]:
        last = ""
        while True:
            rows = self.query(
                f"SELECT * FROM event_mentions WHERE mention_id > ? ORDER BY mention_id LIMIT {int(batch)}",
                (last,),
            )
            if not rows:
                return
            for r in rows:
                yield mention_from_row(r)
            last = rows[-1]["mention_id"]

    def mark_extracted(self, articles: Iterable[Article], version: str = "1") -> None:
        """Record that extraction has seen these articles (even with no events)."""
        now = utcnow()
        self.insert_rows(
            "extraction_runs", ("article_id", "extractor_version", "processed_at"),
            [(a.id, version, now) for a in articles], on_conflict="ON CONFLICT DO NOTHING",
        )

    def unextracted_article_ids(self) -> list[str]:
        """Articles that extraction has not yet seen (for resumed runs)."""
        return [
            r["id"] for r in self.query(
                "SELECT a.id FROM articles a WHERE NOT EXISTS "
                "(SELECT 1 FROM extraction_runs x WHERE x.article_id = a.id) ORDER BY a.id"
            )
        ]

_MENTION_FIELDS = tuple(k for k in MENTION_COLUMNS if k not in ("evidence_json", "claims_json", "event_id"))
_MENTION_TEXT_FIELDS = ("assoc_actor_1", "assoc_actor_2", "actor1", "actor2", "civilian_targeting", "country",
                        "iso3", "admin1", "admin2", "location", "notes", "event_type", "sub_event_type")
_MENTION_INT_FIELDS = ("inter1", "inter2", "interaction", "fatalities", "fatalities_low", "fatalities_high")


def mention_from_row(r: dict) -> Event:
    d = {k: r[k] for k in _MENTION_FIELDS if k in r}
    evidence, claims = r.get("evidence_json"), r.get("claims_json")
    # Most mentions have no claims: skip parsing "[]" (fusion reads 100k rows a run).
    d["evidence"] = [Span(**s) for s in json.loads(evidence)] if evidence and evidence != "[]" else []
    d["claims"] = [Claim(**c) for c in json.loads(claims)] if claims and claims != "[]" else []
    for k in _MENTION_TEXT_FIELDS:
        d[k] = d.get(k) or ""
    for k in _MENTION_INT_FIELDS:
        d[k] = int(d.get(k) or 0)
    return Event(**d)
