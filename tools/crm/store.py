"""The embedded CRM store: contacts, consent, suppressions, send history and built lists in one file.

The file's suffix picks the engine (``.duckdb`` -> DuckDB, the default; ``.db`` -> SQLite). Every statement
is parameterised; table and column names only ever come from this package. One store object serialises its
own statements with a lock, so graph nodes on several threads may share it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from graph.contracts import TargetList
from tools.crm.backend import Backend, Engine, open_backend, transaction
from tools.sqlstore import is_database_url

DEFAULT_CONTACTS = 100_000
"""Contacts ``liftoff data seed`` and :meth:`CRMStore.ensure_seeded` generate by default."""

DEFAULT_SEED = 7
"""Seed of the default synthetic dataset."""

EMPTY_VERSION = "empty"
"""Version of a store that holds no contacts."""

DATA_TABLES: dict[str, str] = {
    "contacts": """CREATE TABLE IF NOT EXISTS contacts (
        contact_id BIGINT NOT NULL,
        email VARCHAR NOT NULL,
        phone VARCHAR,
        first_name VARCHAR NOT NULL,
        last_name VARCHAR NOT NULL,
        region VARCHAR NOT NULL,
        country VARCHAR NOT NULL,
        language VARCHAR NOT NULL,
        lifecycle_stage VARCHAR NOT NULL,
        industry VARCHAR NOT NULL,
        company_size VARCHAR NOT NULL,
        lead_score INTEGER NOT NULL,
        lifetime_value DOUBLE NOT NULL,
        created_at DATE NOT NULL,
        last_activity DATE NOT NULL,
        interests VARCHAR NOT NULL
    )""",
    "consent": """CREATE TABLE IF NOT EXISTS consent (
        contact_id BIGINT NOT NULL,
        channel VARCHAR NOT NULL,
        basis VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        captured_at TIMESTAMP NOT NULL
    )""",
    "suppressions": """CREATE TABLE IF NOT EXISTS suppressions (
        contact_id BIGINT NOT NULL,
        reason VARCHAR NOT NULL,
        channel VARCHAR,
        created_at TIMESTAMP NOT NULL
    )""",
    "touches": """CREATE TABLE IF NOT EXISTS touches (
        contact_id BIGINT NOT NULL,
        channel VARCHAR NOT NULL,
        campaign_id VARCHAR NOT NULL,
        touched_at TIMESTAMP NOT NULL
    )""",
    "touch_batches": """CREATE TABLE IF NOT EXISTS touch_batches (
        batch_id VARCHAR PRIMARY KEY,
        list_id VARCHAR NOT NULL,
        touches BIGINT NOT NULL,
        recorded_at TIMESTAMP NOT NULL
    )""",
    "lists": """CREATE TABLE IF NOT EXISTS lists (
        list_id VARCHAR PRIMARY KEY,
        campaign_id VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        store_version VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        target_list VARCHAR NOT NULL
    )""",
    "list_members": """CREATE TABLE IF NOT EXISTS list_members (
        list_id VARCHAR NOT NULL,
        contact_id BIGINT NOT NULL,
        region VARCHAR NOT NULL,
        holdout SMALLINT NOT NULL
    )""",
}
"""Every table holding data; a reseed drops and recreates all of them in one transaction."""

UNIQUE_INDEXES: tuple[str, ...] = (
    "CREATE UNIQUE INDEX IF NOT EXISTS contacts_id ON contacts(contact_id)",
    "CREATE UNIQUE INDEX IF NOT EXISTS consent_contact_channel ON consent(contact_id, channel)",
)
"""Keys of the data, built after a bulk load (several times faster than checking row by row)."""

_META = "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)"


@dataclass(frozen=True)
class SeedReport:
    """What a seed (or a skipped seed) did.

    Attributes:
        seeded: False when :meth:`CRMStore.ensure_seeded` found data and left it alone.
        contacts: Contacts in the store afterwards.
        seed: Seed of the synthetic data (None when unknown, e.g. skipped on a store seeded elsewhere).
        as_of: Reference date the synthetic dates count back from (ISO).
        elapsed_s: Wall time spent.
        rows: Rows written per table.
    """

    seeded: bool
    contacts: int
    seed: int | None
    as_of: str | None
    elapsed_s: float
    rows: dict[str, int] = field(default_factory=dict)


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
        from tools.crm.seed import seed as seed_store

        # Check and seed as one step for every thread sharing this store (and, on Postgres, every process).
        with self._lock, self._backend.hold(), self._backend.exclusive():
            if self.is_empty():
                return seed_store(self, n, seed)
            meta = self.meta()
            return SeedReport(False, self.count(), int(meta["seed"]) if "seed" in meta else None,
                              meta.get("as_of"), 0.0)

    def get_list(self, list_id: str) -> TargetList | None:
        """Return a list built on this store, or None when there is none with that id."""
        with self.session() as db:
            row = db.execute("SELECT target_list FROM lists WHERE list_id = ?", [list_id]).fetchone()
        return TargetList.model_validate_json(row[0]) if row else None

    def list_ids(self) -> list[str]:
        """Return the ids of every list built on this store, oldest first."""
        with self.session() as db:
            return [r[0] for r in db.execute("SELECT list_id FROM lists ORDER BY created_at, list_id").fetchall()]

    def record_touches(self, list_id: str, *, batch_id: str, at: datetime | None = None,
                       region: str | None = None) -> int:
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
            info = db.execute("SELECT channel, campaign_id FROM lists WHERE list_id = ?", [list_id]).fetchone()
            if info is None:
                raise KeyError(f"list {list_id!r} does not exist in CRM store {self.path}")
            where = " FROM list_members WHERE list_id = ? AND holdout = 0"
            params: list[object] = [list_id]
            if region is not None:
                where += " AND region = ?"
                params.append(region)
            written = int(db.execute("SELECT COUNT(*)" + where, params).fetchone()[0])
            db.execute("INSERT INTO touches (contact_id, channel, campaign_id, touched_at)"
                       " SELECT contact_id, ?, ?, ?" + where, [info[0], info[1], when.isoformat(sep=" "), *params])
            db.execute("INSERT INTO touch_batches (batch_id, list_id, touches, recorded_at) VALUES (?, ?, ?, ?)",
                       [batch_id, list_id, written, when.isoformat(sep=" ")])
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

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def chain_version(previous: str, change: str) -> str:
    """Return the version after ``change`` is applied to data at version ``previous``."""
    return hashlib.sha256(f"{previous}|{change}".encode()).hexdigest()[:16]


def set_meta(db: Backend, **values: object) -> None:
    """Upsert metadata keys (inside the caller's transaction)."""
    for key, value in values.items():
        db.execute("DELETE FROM meta WHERE key = ?", [key])
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [key, str(value)])
