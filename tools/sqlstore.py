"""One SQL seam under every shared store: an embedded SQLite file, or a schema on a shared PostgreSQL.

Each store (event log, ledger, programs, outbox, kill-switch, lifecycle, registry, exports) keeps ONE copy of its
logic and SQL and runs it through a :class:`Database`:

- :class:`SQLiteDatabase` (the embedded default): the store's own file under ``LIFTOFF_HOME``, WAL mode, one
  ``BEGIN IMMEDIATE`` transaction per write (exactly as before this seam existed).
- :class:`PostgresDatabase` (``LIFTOFF_DATABASE_URL=postgresql://...``): the store's own schema
  (``liftoff_<name>``) on a shared server, through a connection pool shared by the process. A write transaction
  first takes a transaction-scoped advisory lock on the store, the same guarantee as SQLite's ``BEGIN IMMEDIATE``
  (read-check-write sequences such as cap checks and claims never interleave, across every process and machine
  using the database). The store's SQL is written once in the common dialect (``?`` placeholders,
  ``INSERT OR IGNORE``); the few spellings that differ are rewritten here, not in the stores.

A store names its target with a path (SQLite) or the database URL (Postgres): see :func:`open_database`.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from tools.sqlite import SQLiteFile

Params = Sequence[Any] | None


class DatabaseUnavailable(ConnectionError):
    """The shared database cannot be reached (the message names the server, never the password).

    A ``ConnectionError``, so the graph's retry policy treats it as transient."""


class Cursor(Protocol):
    """What a store reads back from one statement."""

    rowcount: int

    def fetchone(self) -> Any:
        """The next row, or None."""

    def fetchall(self) -> list[Any]:
        """Every remaining row."""

    def __iter__(self) -> Iterator[Any]:
        """Iterate over rows."""


class Connection(Protocol):
    """A connection inside a transaction (``sqlite3.Connection`` or the Postgres adapter)."""

    def execute(self, sql: str, params: Params = ..., /) -> Cursor:
        """Run one statement."""

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]], /) -> Cursor:
        """Run one statement per row."""


class Database(Protocol):
    """One store's database: short write transactions and plain reads."""

    dialect: str

    def transaction(self) -> Any:
        """Context manager yielding a :class:`Connection` inside one serialised write transaction."""

    def read(self) -> Any:
        """Context manager yielding a :class:`Connection` for reads (no store-wide lock)."""

    def close(self) -> None:
        """Release this thread's / process's connections to the store."""


def is_database_url(target: object) -> bool:
    """True when ``target`` is a PostgreSQL URL (``postgresql://`` or ``postgres://``)."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """The URL without its password (for messages and logs)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class SQLiteDatabase:
    """A store's embedded SQLite file (the default; behaviour identical to :class:`tools.sqlite.SQLiteFile`)."""

    dialect = "sqlite"

    def __init__(self, path: Path | str, schema: str, *, timeout: float = 30) -> None:
        """Create the file (and directory) and apply the idempotent ``schema`` script."""
        self.path = Path(path)
        self._file = SQLiteFile(self.path, schema, timeout=timeout)

    def transaction(self) -> Any:
        """One ``BEGIN IMMEDIATE`` transaction on this thread's connection."""
        return self._file.transaction()

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """This thread's autocommit connection."""
        yield self._file.connection()

    def connection(self) -> sqlite3.Connection:
        """This thread's autocommit connection (for code that holds it across statements)."""
        return self._file.connection()

    def close(self) -> None:
        """Close this thread's connection."""
        self._file.close()


# ---- PostgreSQL ----------------------------------------------------------------------------------------------

_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_RETURNING = re.compile(r"\sRETURNING\s", re.IGNORECASE)
_SQLITE_ONLY_INSERT = re.compile(r"^\s*(INSERT\s+OR\s+(?!IGNORE\b)\w+|REPLACE)\s+INTO\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def to_postgres(sql: str, with_params: bool = True) -> str:
    """Rewrite a statement of the common dialect for PostgreSQL.

    With parameters, ``?`` placeholders become ``%s`` and a literal ``%`` is doubled (psycopg's escaping);
    without, the text is left alone. ``INSERT OR IGNORE INTO`` becomes ``INSERT INTO ... ON CONFLICT DO
    NOTHING`` (before any ``RETURNING``).

    Raises:
        ValueError: on SQLite's ``INSERT OR REPLACE`` / ``REPLACE INTO`` (and the other ``OR`` conflict
            clauses), which have no PostgreSQL spelling without the conflict target: write
            ``INSERT ... ON CONFLICT (key) DO UPDATE SET ...``, which both dialects speak.
    """
    m = _SQLITE_ONLY_INSERT.match(sql)
    if m:
        raise ValueError(
            f"{' '.join(m.group(1).split()).upper()} INTO is SQLite-only: write INSERT ... ON CONFLICT (key) "
            f"DO UPDATE SET ... (both dialects) in {sql.strip()[:80]!r}"
        )
    out = sql.replace("%", "%%").replace("?", "%s") if with_params else sql
    if _INSERT_OR_IGNORE.match(out):
        out = _INSERT_OR_IGNORE.sub("INSERT INTO", out, count=1)
        m = _RETURNING.search(out)
        out = (
            (out[: m.start()] + " ON CONFLICT DO NOTHING" + out[m.start() :])
            if m
            else out + " ON CONFLICT DO NOTHING"
        )
    return out


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for a name."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class _PgConnection:
    """A psycopg connection speaking the common dialect (what the stores' SQL is written in)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Params = None, /) -> Any:
        args = list(params) if params else None
        return self._conn.execute(to_postgres(sql, args is not None), args)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]], /) -> Any:
        cur = self._conn.cursor()
        cur.executemany(to_postgres(sql), rows)
        return cur


def probe(url: str, attempts: int = 3, backoff_s: float = 0.3) -> None:
    """Connect once (retrying with backoff); raise :class:`DatabaseUnavailable` with one clear line on failure."""
    import psycopg  # lazy: start-up (psycopg)

    for attempt in range(attempts):
        try:
            psycopg.connect(url, connect_timeout=10).close()
            return
        except psycopg.OperationalError as exc:
            if attempt == attempts - 1:
                reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
                raise DatabaseUnavailable(
                    f"cannot connect to the shared database {redact(url)} "
                    f"(LIFTOFF_DATABASE_URL) after {attempts} attempts: {reason}"
                ) from None
            time.sleep(backoff_s * 2**attempt)


class _Pools:
    """One connection pool per (URL, schema) in this process (stores of one schema share it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pools: dict[tuple[str, str], Any] = {}

    def get(self, url: str, schema: str, max_size: int) -> Any:
        from psycopg_pool import ConnectionPool, PoolTimeout  # lazy: start-up (psycopg_pool)

        key = (url, schema)
        with self._lock:
            pool = self._pools.get(key)
            if pool is None or pool.closed:
                probe(url)
                pool = ConnectionPool(
                    url,
                    min_size=1,
                    max_size=max_size,
                    open=False,
                    timeout=30,
                    name=f"liftoff-{schema}",
                    kwargs={"options": f"-c search_path={schema}", "autocommit": True, "connect_timeout": 10},
                )
                try:
                    pool.open(wait=True, timeout=15)
                except PoolTimeout as exc:
                    pool.close()
                    raise DatabaseUnavailable(
                        f"cannot connect to the shared database {redact(url)} (LIFTOFF_DATABASE_URL): {exc}"
                    ) from None
                self._pools[key] = pool
            return pool

    def close_all(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()


POOLS = _Pools()
"""The process's Postgres connection pools."""


class PostgresDatabase:
    """A store's schema on a shared PostgreSQL server.

    Args:
        url: ``postgresql://`` URL.
        name: Store name; its tables live in schema ``liftoff_<name>``.
        schema: DDL of the store's tables (idempotent, PostgreSQL dialect).
        max_size: Most connections this process opens for the store.
    """

    dialect = "postgres"

    def __init__(self, url: str, name: str, schema: str, *, max_size: int = 8) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise ValueError(f"store name must be lowercase letters, digits and _, got {name!r}")
        self.url = url
        self.name = name
        self.schema_name = f"liftoff_{name}"
        self._lock_key = lock_key(f"liftoff:store:{name}")
        self._pool = POOLS.get(url, self.schema_name, max_size)
        with self._pool.connection() as conn, conn.transaction():
            # Concurrent CREATE ... IF NOT EXISTS can still collide in the catalog: serialise schema setup.
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key("liftoff:ddl"),))
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {self.schema_name}")
            conn.execute(schema)

    @contextmanager
    def transaction(self) -> Iterator[_PgConnection]:
        """One transaction holding the store's advisory lock (the equivalent of SQLite's BEGIN IMMEDIATE)."""
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock_key,))
            yield _PgConnection(conn)

    @contextmanager
    def read(self) -> Iterator[_PgConnection]:
        """A pooled autocommit connection for reads."""
        with self._pool.connection() as conn:
            yield _PgConnection(conn)

    def close(self) -> None:
        """Nothing per store: the process's pool stays open for the other stores of this schema."""


def open_database(
    target: Path | str, *, name: str, sqlite_schema: str, postgres_schema: str, timeout: float = 30
) -> SQLiteDatabase | PostgresDatabase:
    """Open a store's database: a PostgreSQL URL gives its shared schema, anything else its SQLite file.

    Args:
        target: The store's SQLite path, or the ``LIFTOFF_DATABASE_URL``.
        name: Store name (the Postgres schema is ``liftoff_<name>``).
        sqlite_schema: DDL for the SQLite file.
        postgres_schema: DDL for the Postgres schema.
        timeout: SQLite busy timeout in seconds.
    """
    if is_database_url(target):
        return PostgresDatabase(str(target), name, postgres_schema)
    return SQLiteDatabase(target, sqlite_schema, timeout=timeout)
