"""Storage: one interface (`Store`), two engines (DuckDB embedded, PostgreSQL for teams)."""
from __future__ import annotations

import os

from sitroom.errors import ConfigError
from sitroom.store.base import Store

DEFAULT_DB = "sitroom.duckdb"


def resolve_db(db: str | None = None) -> str:
    """--db, else $SITROOM_DB, else ./sitroom.duckdb."""
    return db or os.environ.get("SITROOM_DB") or DEFAULT_DB


def open_store(db: str | None = None, read_only: bool = False) -> Store:
    """Open (and migrate) the store named by a path or a postgresql:// URL."""
    url = resolve_db(db)
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from sitroom.store.postgres_store import PostgresStore
        except ImportError as exc:  # pragma: no cover - depends on install
            raise ConfigError(f"{url}: PostgreSQL support needs psycopg ({exc})") from exc
        return PostgresStore(url)
    from sitroom.store.duckdb_store import DuckDBStore

    return DuckDBStore(url, read_only=read_only)


__all__ = ["Store", "open_store", "resolve_db", "DEFAULT_DB"]
