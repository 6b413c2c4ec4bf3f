"""DuckDB backend: the embedded default (`./sitroom.duckdb`).

Bulk writes and key lookups go through a registered pandas DataFrame (DuckDB
scans it natively, no pyarrow needed): one statement per batch instead of
thousands of bound parameters, which made fusing 100k mentions take minutes.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd

from sitroom.errors import StoreError
from sitroom.store.base import Store

_INTEGER_TYPES = {"INTEGER", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT"}
_FLOAT_TYPES = {"DOUBLE", "FLOAT", "REAL"}
_frame_names = itertools.count()


class DuckDBStore(Store):
    dialect = "duckdb"

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

    # --- bulk paths through a registered DataFrame ----------------------------
    def _frame(self, table: str, columns, rows: list[tuple]) -> pd.DataFrame:
        """The rows as a DataFrame typed like the table's columns, so DuckDB never
        guesses a type from a sample (an int-looking sample would break on a float)."""
        types = self.column_types(table)
        data = {}
        for i, col in enumerate(columns):
            values = [r[i] for r in rows]
            kind = types.get(col, "VARCHAR")
            if kind in _INTEGER_TYPES:
                data[col] = pd.array(values, dtype="Int64")
            elif kind in _FLOAT_TYPES:
                data[col] = pd.array(values, dtype="Float64")
            elif kind == "BOOLEAN":
                data[col] = pd.array(values, dtype="boolean")
            else:
                if not {type(v) for v in values} <= {str, type(None)}:
                    values = [v if v is None or isinstance(v, str) else str(v) for v in values]
                data[col] = pd.Series(values, dtype=object)
        return pd.DataFrame(data)

    def _with_frame(self, table: str, columns, rows: list[tuple], sql: str) -> None:
        """Run `sql` with the rows registered as the view named by `{frame}`."""
        name = f"_sitroom_frame_{next(_frame_names)}"
        self.conn.register(name, self._frame(table, columns, rows))
        try:
            self.conn.execute(sql.format(frame=name))
        finally:
            self.conn.unregister(name)

    def insert_rows(self, table, columns, rows, on_conflict="", chunk_params=3000):
        if not rows:
            return
        cols = ", ".join(columns)
        self._with_frame(table, columns, rows, f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {{frame}} {on_conflict}")

    def update_rows(self, table, key_columns, set_columns, rows, chunk_params=3000):
        if not rows:
            return
        sets = ", ".join(f"{c} = f.{c}" for c in set_columns)
        where = " AND ".join(f"{table}.{c} = f.{c}" for c in key_columns)
        self._with_frame(table, list(key_columns) + list(set_columns), rows,
                         f"UPDATE {table} SET {sets} FROM {{frame}} AS f WHERE {where}")

    def delete_rows(self, table, key_columns, keys):
        keys = [k if isinstance(k, tuple) else (k,) for k in keys]
        if not keys:
            return
        match = " AND ".join(f"f.{c} = {table}.{c}" for c in key_columns)
        self._with_frame(table, key_columns, keys,
                         f"DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM {{frame}} AS f WHERE {match})")

    def rows_by_keys(self, table: str, key_column: str, keys: Iterable, columns: str = "*") -> list[dict]:
        keys = sorted(set(keys))
        if not keys:
            return []
        name = f"_sitroom_frame_{next(_frame_names)}"
        self.conn.register(name, self._frame(table, [key_column], [(k,) for k in keys]))
        try:
            return self.query(f"SELECT {columns} FROM {table} WHERE {key_column} IN (SELECT {key_column} FROM {name})")
        finally:
            self.conn.unregister(name)
