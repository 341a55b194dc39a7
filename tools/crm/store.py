"""The embedded CRM store: contacts, consent, suppressions, send history and built lists in one file.

The file's suffix picks the engine (``.duckdb`` -> DuckDB, the default; ``.db`` -> SQLite). Every statement
is parameterised; table and column names only ever come from this package. One store object serialises its
own statements with a lock, so graph nodes on several threads may share it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from graph.contracts import TargetList
from tools.crm.backend import Backend, DuckDBBackend, Engine, SQLiteBackend, engine_for, transaction
from tools.crm.pg_backend import PostgresBackend
from tools.crm.seed import seed as seed_store
from tools.crm.tables import (
    _META,
    DATA_TABLES,
    DEFAULT_CONTACTS,
    DEFAULT_SEED,
    EMPTY_VERSION,
    UNIQUE_INDEXES,
    SeedReport,
    chain_version,
    set_meta,
)
from tools.sqlstore import is_database_url


def open_backend(path: Path | str, engine: Engine | None = None) -> Backend:
    """Open (creating) the store file with its engine, or the shared database's CRM schema for a URL."""
    if is_database_url(path):
        return PostgresBackend(str(path))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = engine or engine_for(path)
    return DuckDBBackend(path) if engine == "duckdb" else SQLiteBackend(path)


class CRMStore:
    """One CRM store file. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: Path | str, *, engine: Engine | None = None) -> None:
        """Open (and create) the store at ``path``; ``engine`` overrides the suffix rule.

        Raises:
            ValueError: when the suffix selects no engine and none is given.
        """
        shared = is_database_url(path)
        self.path = Path("postgres:liftoff_crm") if shared else Path(path)
        self._backend: Backend = open_backend(path if shared else self.path, engine)
        self._lock = threading.RLock()
        with self.session() as db:
            db.execute(_META)
            for ddl in DATA_TABLES.values():
                db.execute(ddl)
            for ddl in (*UNIQUE_INDEXES, *db.extra_indexes()):
                db.execute(ddl)

    @property
    def engine(self) -> Engine:
        """The SQL engine behind the store."""
        return self._backend.engine

    @contextmanager
    def session(self) -> Iterator[Backend]:
        """Hold the store's lock and yield its backend (for this package's modules)."""
        with self._lock, self._backend.hold():
            yield self._backend

    def count(self) -> int:
        """Return the number of contacts."""
        with self.session() as db:
            return int(db.execute("SELECT COUNT(*) FROM contacts").fetchone()[0])

    def is_empty(self) -> bool:
        """True when the store holds no contacts."""
        return self.count() == 0

    def meta(self) -> dict[str, str]:
        """Return the store's metadata (seed, contacts, as_of, version, seeded_at)."""
        with self.session() as db:
            return {k: v for k, v in db.execute("SELECT key, value FROM meta ORDER BY key").fetchall()}

    def version(self) -> str:
        """Return the data version: it changes whenever contacts, consent, suppressions or touches change.

        The version is a hash chain over the seed parameters and every later write, so two stores holding
        the same data (same seed, same writes) report the same version.
        """
        return self.meta().get("version", EMPTY_VERSION) if not self.is_empty() else EMPTY_VERSION

    def table_counts(self) -> dict[str, int]:
        """Return the row count of every data table."""
        with self.session() as db:
            return {t: int(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in DATA_TABLES}

    def ensure_seeded(self, n: int = DEFAULT_CONTACTS, seed: int = DEFAULT_SEED) -> SeedReport:
        """Seed ``n`` synthetic contacts only when the store is empty; otherwise leave it alone."""
        # Check and seed as one step for every thread sharing this store (and, on Postgres, every process).
        with self._lock, self._backend.hold(), self._backend.exclusive():
            if self.is_empty():
                return seed_store(self, n, seed)
            meta = self.meta()
            return SeedReport(
                False, self.count(), int(meta["seed"]) if "seed" in meta else None, meta.get("as_of"), 0.0
            )

    def get_list(self, list_id: str) -> TargetList | None:
        """Return a list built on this store, or None when there is none with that id."""
        with self.session() as db:
            row = db.execute("SELECT target_list FROM lists WHERE list_id = ?", [list_id]).fetchone()
        return TargetList.model_validate_json(row[0]) if row else None

    def list_ids(self) -> list[str]:
        """Return the ids of every list built on this store, oldest first."""
        with self.session() as db:
            return [
                r[0] for r in db.execute("SELECT list_id FROM lists ORDER BY created_at, list_id").fetchall()
            ]

    def record_touches(
        self, list_id: str, *, batch_id: str, at: datetime | None = None, region: str | None = None
    ) -> int:
        """Record one send to a list's non-holdout members in the send history (feeds frequency caps).

        Idempotent: a ``batch_id`` (e.g. the publish idempotency key) is recorded at most once.

        Args:
            list_id: A list built on this store.
            batch_id: Unique key of the send; a repeat is a no-op.
            at: Send time (UTC now by default).
            region: Only the members of this region partition.

        Returns:
            Touches written (0 for a repeated batch).

        Raises:
            KeyError: when the list does not exist in this store.
        """
        when = (at or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None, microsecond=0)
        with self.session() as db, transaction(db):
            if db.execute("SELECT 1 FROM touch_batches WHERE batch_id = ?", [batch_id]).fetchone():
                return 0
            info = db.execute(
                "SELECT channel, campaign_id FROM lists WHERE list_id = ?", [list_id]
            ).fetchone()
            if info is None:
                raise KeyError(f"list {list_id!r} does not exist in CRM store {self.path}")
            where = " FROM list_members WHERE list_id = ? AND holdout = 0"
            params: list[object] = [list_id]
            if region is not None:
                where += " AND region = ?"
                params.append(region)
            written = int(db.execute("SELECT COUNT(*)" + where, params).fetchone()[0])
            db.execute(
                "INSERT INTO touches (contact_id, channel, campaign_id, touched_at)"
                " SELECT contact_id, ?, ?, ?" + where,
                [info[0], info[1], when.isoformat(sep=" "), *params],
            )
            db.execute(
                "INSERT INTO touch_batches (batch_id, list_id, touches, recorded_at) VALUES (?, ?, ?, ?)",
                [batch_id, list_id, written, when.isoformat(sep=" ")],
            )
            set_meta(db, version=chain_version(self._current_version(db), f"touches:{batch_id}"))
        return written

    def _current_version(self, db: Backend) -> str:
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return row[0] if row else EMPTY_VERSION

    def close(self) -> None:
        """Close the store."""
        with self._lock:
            self._backend.close()

    def __enter__(self) -> CRMStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
