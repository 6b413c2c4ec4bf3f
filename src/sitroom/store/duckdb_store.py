"""DuckDB backend: the embedded default (`./sitroom.duckdb`)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from sitroom.errors import StoreError
from sitroom.store.base import Store


class DuckDBStore(Store):
    def __init__(self, path: str | Path, read_only: bool = False):
        self.url = str(path)
        if self.url != ":memory:":
            Path(self.url).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = duckdb.connect(self.url, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.url}: cannot open DuckDB database: {exc}") from exc
        self._depth = 0
        if not read_only:
            self.migrate()

    def _execute(self, sql, params=()):
        return self.conn.execute(sql, list(params)) if params else self.conn.execute(sql)

    def _executemany(self, sql, rows):
        self.conn.executemany(sql, [list(r) for r in rows])

    # Nested transaction() calls join the outer one.
    def _begin(self):
        if self._depth == 0:
            self.conn.execute("BEGIN TRANSACTION")
        self._depth += 1

    def _commit(self):
        self._depth -= 1
        if self._depth == 0:
            self.conn.execute("COMMIT")

    def _rollback(self):
        self._depth -= 1
        if self._depth == 0:
            self.conn.execute("ROLLBACK")

    def close(self):
        try:
            self.conn.close()
        except duckdb.Error:
            pass
