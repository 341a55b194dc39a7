"""The CRM store's tables, keys and metadata: what a store file holds and how its data version is chained.

Shared by the store (:mod:`tools.crm.store`) and the seeder (:mod:`tools.crm.seed`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from tools.crm.backend import Backend

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


def chain_version(previous: str, change: str) -> str:
    """Return the version after ``change`` is applied to data at version ``previous``."""
    return hashlib.sha256(f"{previous}|{change}".encode()).hexdigest()[:16]


def set_meta(db: Backend, **values: object) -> None:
    """Upsert metadata keys (inside the caller's transaction)."""
    for key, value in values.items():
        db.execute("DELETE FROM meta WHERE key = ?", [key])
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [key, str(value)])
