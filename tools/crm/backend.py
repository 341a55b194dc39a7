"""The SQL engines the CRM store can run on: DuckDB by default, SQLite for comparison, and PostgreSQL when the
store is the shared database (``LIFTOFF_DATABASE_URL``; :mod:`tools.crm.pg_backend`).

Both take the same parameterised SQL (``?`` placeholders, ``||``, ``CASE``, bitwise ``& | >>``); only
connecting, bulk loading and engine-specific indexes differ, and they live here.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

Engine = Literal["duckdb", "sqlite", "postgres"]

ENGINE_BY_SUFFIX: dict[str, Engine] = {
    ".duckdb": "duckdb",
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
}
"""Store file suffix -> engine."""

ColumnData = np.ndarray | Sequence[Any]


class Backend(Protocol):
    """What the store needs from an engine."""

    engine: Engine
    begin_sql: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; return an object with ``fetchall``/``fetchone``/``fetchmany``."""

    def bulk_insert(self, table: str, columns: Mapping[str, ColumnData]) -> int:
        """Insert equal-length columns into ``table``; return the row count."""

    def extra_indexes(self) -> list[str]:
        """Return engine-specific ``CREATE INDEX`` statements the segment queries need."""

    def exclusive(self) -> AbstractContextManager[None]:
        """Hold a lock making check-then-seed one step across processes (embedded files: their own lock)."""

    def hold(self) -> AbstractContextManager[None]:
        """Keep the engine's connection for the block (DuckDB releases its file between holds)."""

    def close(self) -> None:
        """Close the connection."""


def engine_for(path: Path) -> Engine:
    """Return the engine a store file's suffix selects.

    Raises:
        ValueError: when the suffix is not one of :data:`ENGINE_BY_SUFFIX`.
    """
    try:
        return ENGINE_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        known = ", ".join(ENGINE_BY_SUFFIX)
        raise ValueError(f"CRM store {path} has an unknown suffix {path.suffix!r} (known: {known})") from None


@contextmanager
def transaction(backend: Backend) -> Iterator[None]:
    """Run the block in one transaction: all of it commits, or none of it does."""
    backend.execute(backend.begin_sql)
    try:
        yield
    except BaseException:
        backend.execute("ROLLBACK")
        raise
    backend.execute("COMMIT")


def _is_dates(values: ColumnData) -> bool:
    return isinstance(values, np.ndarray) and np.issubdtype(values.dtype, np.datetime64)


class DuckDBBackend:
    """DuckDB: columnar, vectorised; bulk loads go through Arrow without a Python loop.

    DuckDB lets one process open a file at a time. So that two campaigns on one home (the app and a CLI run, two
    workers) queue instead of failing on the file lock, the file is open only while the store is in use (during
    :meth:`hold`, which the store's sessions take, and ``idle_s`` after the last one: a burst of queries reuses
    one connection, reopening costs ~0.1 s), and an open that meets another process's lock waits for it, with
    backoff, up to ``wait_s``; then it fails with one line naming the holder.
    """

    engine: Engine = "duckdb"
    begin_sql = "BEGIN TRANSACTION"  # one writing process per file: DuckDB locks it

    def __init__(self, path: Path, wait_s: float = 300.0, idle_s: float = 1.0) -> None:
        """Open the DuckDB file at ``path`` (waiting up to ``wait_s`` for another process to release it)."""
        self.path, self.wait_s, self.idle_s = path, wait_s, idle_s
        self._conn: Any = None
        self._depth = 0
        self._idle: threading.Timer | None = None
        self._guard = threading.RLock()

    @property
    def conn(self) -> Any:
        """The open connection (opened on first use outside :meth:`hold`)."""
        if self._conn is None:
            self._conn = self._connect()
        return self._conn

    def _connect(self) -> Any:
        import duckdb  # lazy: start-up (duckdb)

        start, delay = time.monotonic(), 0.01
        while True:
            try:
                conn = duckdb.connect(str(self.path))
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                if time.monotonic() - start >= self.wait_s:
                    raise TimeoutError(
                        f"CRM store {self.path} stayed locked by another process for "
                        f"{self.wait_s:.0f}s: {str(exc).splitlines()[0]}"
                    ) from None
                time.sleep(delay)
                delay = min(0.25, delay * 2)
                continue
            # DuckDB prints a progress bar to stdout for a query over ~2 s: that would corrupt `--json` output.
            conn.execute("SET enable_progress_bar = false")
            conn.execute("SET enable_progress_bar_print = false")
            return conn

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Keep the file open for the block; close it ``idle_s`` after the outermost hold ends (others may go)."""
        with self._guard:
            if self._idle is not None:
                self._idle.cancel()
                self._idle = None
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._conn is not None:
                    self._idle = threading.Timer(self.idle_s, self._close_idle)
                    self._idle.daemon = True
                    self._idle.start()

    def _close_idle(self) -> None:
        with self._guard:
            if self._depth == 0 and self._conn is not None:
                self._conn.close()
                self._conn = None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement."""
        return self.conn.execute(sql, list(params))

    def bulk_insert(self, table: str, columns: Mapping[str, ColumnData]) -> int:
        """Insert columns through an Arrow table (zero-copy for numeric columns)."""
        import pyarrow as pa  # lazy: start-up (pyarrow)

        arrays = {}
        for name, values in columns.items():
            if _is_dates(values):
                arr = np.asarray(values)
                arrays[name] = pa.array(
                    arr, type=pa.timestamp("s") if arr.dtype == "datetime64[s]" else pa.date32()
                )
            else:
                arrays[name] = pa.array(values)
        data = pa.table(arrays)
        names = ", ".join(columns)
        self.conn.register("_bulk_rows", data)
        try:
            self.conn.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _bulk_rows")
        finally:
            self.conn.unregister("_bulk_rows")
        return int(data.num_rows)

    def extra_indexes(self) -> list[str]:
        """DuckDB joins by hashing; no secondary index helps the segment queries."""
        return []

    def exclusive(self) -> AbstractContextManager[None]:
        """Keep the file (and so its lock) for the block: check-then-seed is one step."""
        return self.hold()

    def close(self) -> None:
        """Close the connection."""
        with self._guard:
            if self._idle is not None:
                self._idle.cancel()
                self._idle = None
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class SQLiteBackend:
    """SQLite: row store with B-tree indexes; the comparison engine."""

    engine: Engine = "sqlite"
    begin_sql = (
        "BEGIN IMMEDIATE"  # take the write lock up front: check-then-write stays atomic across processes
    )

    def __init__(self, path: Path) -> None:
        """Open the SQLite file at ``path`` (WAL, large page cache, explicit transactions)."""
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "cache_size=-262144",
            "temp_store=MEMORY",
            "mmap_size=1073741824",
        ):
            self.conn.execute(f"PRAGMA {pragma}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement."""
        return self.conn.execute(sql, tuple(params))

    def bulk_insert(self, table: str, columns: Mapping[str, ColumnData]) -> int:
        """Insert columns with ``executemany`` (dates and timestamps become ISO text)."""
        lists = []
        for values in columns.values():
            if _is_dates(values):
                arr = np.asarray(values)
                text = np.datetime_as_string(arr, unit="s" if arr.dtype == "datetime64[s]" else "D")
                lists.append([t.replace("T", " ") for t in text.tolist()])
            elif isinstance(values, np.ndarray):
                lists.append(values.tolist())
            else:
                lists.append(list(values))
        marks = ", ".join("?" * len(lists))
        names = ", ".join(columns)
        self.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", zip(*lists, strict=True))
        return len(lists[0]) if lists else 0

    def extra_indexes(self) -> list[str]:
        """B-tree indexes that turn the segment joins into lookups."""
        return [
            "CREATE INDEX IF NOT EXISTS contacts_region ON contacts(region)",
            "CREATE INDEX IF NOT EXISTS suppressions_contact ON suppressions(contact_id)",
            "CREATE INDEX IF NOT EXISTS touches_contact ON touches(contact_id, channel, touched_at)",
            "CREATE INDEX IF NOT EXISTS list_members_list ON list_members(list_id, holdout, region)",
        ]

    def exclusive(self) -> AbstractContextManager[None]:
        """Nothing to add (kept as before: the seed transaction is ``BEGIN IMMEDIATE``)."""
        return nullcontext()

    def hold(self) -> AbstractContextManager[None]:
        """Nothing to do: SQLite files are shared by processes."""
        return nullcontext()

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
