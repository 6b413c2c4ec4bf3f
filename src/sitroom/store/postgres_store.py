"""PostgreSQL backend: one database shared by analysts and by several ingesting
processes at once (`--db postgresql://user@host:port/db`).

The schema and migrations are DuckDB's (portable SQL); this module supplies the
connection, `?` -> `%s` placeholder translation, explicit transactions, and
the few places where concurrent writers need Postgres-specific care:

- migrations run under a session advisory lock, so two processes starting at
  once don't both try to create the tables;
- `add_articles` inserts with `ON CONFLICT DO NOTHING RETURNING id`, so an
  article another process committed a moment ago counts as skipped (and its
  mentions are not written twice), and inserts in content-hash order, so two
  writers with overlapping batches wait on each other instead of deadlocking.
  Mentions are then written only by the process that stored their article, so
  the base class's add_mentions (an upsert by mention id) never races.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import psycopg

from sitroom.errors import StoreError
from sitroom.records import Article
from sitroom.store.base import ARTICLE_COLUMNS, Store, utcnow

# pg_advisory_lock key for migrations: any constant unique to sitroom ("sitroom" in ASCII).
MIGRATION_LOCK_KEY = 0x73_69_74_72_6F_6F_6D


def translate_placeholders(sql: str) -> str:
    """`?` -> `%s` and `%` -> `%%`, leaving `?` inside quoted strings,
    quoted identifiers and comments alone (psycopg reads `%` everywhere)."""
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in ("'", '"'):
            j = i + 1
            while j < n:
                if sql[j] == ch:
                    if j + 1 < n and sql[j + 1] == ch:  # doubled quote: escaped
                        j += 2
                        continue
                    break
                j += 1
            out.append(sql[i:j + 1].replace("%", "%%"))
            i = j + 1
        elif ch == "-" and sql.startswith("--", i):
            j = sql.find("\n", i)
            j = n if j < 0 else j
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        elif ch == "/" and sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        elif ch == "?":
            out.append("%s")
            i += 1
        elif ch == "%":
            out.append("%%")
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


class PostgresStore(Store):
    dialect = "postgres"

    def __init__(self, url: str, migrate: bool = True):
        self.url = url
        try:
            # Autocommit off at the driver would leave every read holding an open
            # transaction ("idle in transaction") between batches; instead each
            # statement outside transaction() stands alone and transaction()
            # issues an explicit BEGIN ... COMMIT.
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"{_redact(url)}: cannot connect to PostgreSQL: {exc}") from exc
        self._depth = 0
        self._sql_cache: dict[str, str] = {}
        if migrate:
            self.migrate()

    # --- backend hooks -------------------------------------------------------
    def _sql(self, sql: str) -> str:
        cached = self._sql_cache.get(sql)
        if cached is None:
            cached = self._sql_cache[sql] = translate_placeholders(sql)
        return cached

    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        cur = self.conn.cursor()
        try:
            cur.execute(self._sql(sql), tuple(params))
        except psycopg.Error as exc:
            raise StoreError(f"{_redact(self.url)}: {exc}".strip()) from exc
        return cur

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        try:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), [tuple(r) for r in rows])
        except psycopg.Error as exc:
            raise StoreError(f"{_redact(self.url)}: {exc}".strip()) from exc

    # Nested transaction() calls join the outer one.
    def _begin(self) -> None:
        if self._depth == 0:
            self.conn.execute("BEGIN")
        self._depth += 1

    def _commit(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        self._depth -= 1
        if self._depth == 0 and not self.conn.closed:
            try:
                self.conn.execute("ROLLBACK")
            except psycopg.Error:  # connection lost: the server rolls back for us
                pass

    def close(self) -> None:
        try:
            self.conn.close()
        except psycopg.Error:
            pass

    # --- bulk paths: one array parameter or COPY instead of thousands of placeholders
    # (psycopg re-parses a statement with thousands of `%s`; that dominated fusion on PG).
    def rows_by_keys(self, table: str, key_column: str, keys: Iterable, columns: str = "*") -> list[dict]:
        keys = sorted(set(keys))
        if not keys:
            return []
        return self.query(f"SELECT {columns} FROM {table} WHERE {key_column} = ANY(?)", (keys,))

    def delete_rows(self, table: str, key_columns, keys: list) -> None:
        if len(key_columns) != 1:
            return super().delete_rows(table, key_columns, keys)
        keys = [k[0] if isinstance(k, tuple) else k for k in keys]
        if keys:
            self._execute(f"DELETE FROM {table} WHERE {key_columns[0]} = ANY(?)", (keys,))

    def insert_rows(self, table, columns, rows, on_conflict="", chunk_params=3000) -> None:
        if on_conflict or not rows:  # COPY cannot resolve conflicts: multi-row VALUES then
            return super().insert_rows(table, columns, rows, on_conflict, chunk_params)
        try:
            with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise StoreError(f"{_redact(self.url)}: {exc}".strip()) from exc

    # --- migrations ----------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply pending migrations; concurrent processes take turns."""
        self.conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        try:
            return super().migrate()
        finally:
            if not self.conn.closed:
                self.conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))

    # --- concurrent-writer-safe domain methods --------------------------------
    def add_articles(self, articles: Iterable[Article]) -> tuple[list[Article], list[Article]]:
        """As Store.add_articles, but safe with other processes writing the
        same articles: only rows this call really inserted count as added."""
        added: list[Article] = []
        skipped: list[Article] = []
        seen_hashes: set[str] = set()
        seen_urls: set[str] = set()
        now = utcnow()
        insert = (
            f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES "
            f"({', '.join('?' for _ in ARTICLE_COLUMNS)}) ON CONFLICT DO NOTHING RETURNING id"
        )
        with self.transaction():
            # One global lock order (content hash) for every writer: no deadlocks.
            for a in sorted(articles, key=lambda x: x.content_hash):
                if a.content_hash in seen_hashes or (a.url and a.url in seen_urls):
                    skipped.append(a)
                    continue
                seen_hashes.add(a.content_hash)
                if a.url:
                    seen_urls.add(a.url)
                if a.url and self.scalar("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (a.url,)):
                    skipped.append(a)
                    continue
                inserted = self._execute(insert, (
                    a.id, a.content_hash, a.raw_hash, a.url, a.ext_id, a.origin, a.title,
                    a.published, a.outlet, a.author, a.language, a.text,
                    json.dumps([r.__dict__ for r in a.removed], ensure_ascii=False),
                    a.story_id, now,
                )).fetchall()
                if not inserted:  # same content already stored (maybe just now, by another writer)
                    skipped.append(a)
                    continue
                self.executemany(
                    "INSERT INTO comments (article_id, position, author, text) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    [(a.id, c.position, c.author, c.text) for c in a.comments],
                )
                added.append(a)
        return added, skipped


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    try:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        if parts.password:
            netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
            return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:
        pass
    return url
