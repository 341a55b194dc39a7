"""SQLite access shared by Liftoff's embedded stores (event log, ledger, outbox, programs, lifecycle, pipeline).

WAL mode, one connection per thread kept open (closing the last connection of a WAL file checkpoints it, which
costs a disk sync: opening one per call made every publish ~40 ms), and one ``BEGIN IMMEDIATE`` transaction per
call so read-check-write sequences (claims, upserts) are atomic across threads and processes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class SQLiteFile:
    """One SQLite file with a schema, used through short IMMEDIATE transactions."""

    def __init__(self, path: Path | str, schema: str, *, timeout: float = 30) -> None:
        """Create the file (and its directory) and apply the idempotent ``schema`` script."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.timeout = timeout
        self._local = threading.local()
        self._conn().executescript(schema)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (autocommit; callers open their own transactions)."""
        return self._conn()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Yield this thread's connection inside one ``BEGIN IMMEDIATE`` transaction (rolled back on error)."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
