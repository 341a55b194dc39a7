"""The sandbox outbox: a SQLite (or shared Postgres) record of everything the sandbox channels scheduled, published or cancelled."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.sqlstore import Database, is_database_url, open_database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    external_id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    program_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    region TEXT NOT NULL,
    variant TEXT NOT NULL,
    asset_id TEXT NOT NULL,
    asset_version INTEGER NOT NULL,
    list_id TEXT NOT NULL,
    slot TEXT NOT NULL,
    audience INTEGER NOT NULL,
    budget REAL NOT NULL,
    subject TEXT,
    headline TEXT,
    body TEXT NOT NULL,
    cta TEXT,
    status TEXT NOT NULL,              -- scheduled | published | cancelled
    scheduled_at TEXT,
    published_at TEXT,
    cancelled_at TEXT
);
CREATE INDEX IF NOT EXISTS outbox_campaign ON outbox(campaign_id, channel);
"""

_PG_SCHEMA = _SCHEMA.replace("budget REAL", "budget DOUBLE PRECISION")

COLUMNS = (
    "external_id",
    "idempotency_key",
    "program_id",
    "campaign_id",
    "channel",
    "region",
    "variant",
    "asset_id",
    "asset_version",
    "list_id",
    "slot",
    "audience",
    "budget",
    "subject",
    "headline",
    "body",
    "cta",
    "status",
    "scheduled_at",
    "published_at",
    "cancelled_at",
)


@dataclass(frozen=True)
class OutboxEntry:
    """One row of the outbox (copy and counts only; the sandbox never holds contact rows)."""

    external_id: str
    idempotency_key: str
    program_id: str
    campaign_id: str
    channel: str
    region: str
    variant: str
    asset_id: str
    asset_version: int
    list_id: str
    slot: str
    audience: int
    budget: float
    subject: str | None
    headline: str | None
    body: str
    cta: str | None
    status: str
    scheduled_at: str | None
    published_at: str | None
    cancelled_at: str | None


class Outbox:
    """Outbox shared by every sandbox connector (one row per idempotency key; SQLite file or shared Postgres)."""

    def __init__(self, path: Path | str) -> None:
        """Open (and create) the outbox at ``path`` (a SQLite file, or the shared database's URL)."""
        self.path = Path("outbox") if is_database_url(path) else Path(path)
        self._db: Database = open_database(
            path, name="outbox", sqlite_schema=_SCHEMA, postgres_schema=_PG_SCHEMA
        )

    def transaction(self) -> Any:
        """Return a context manager running one serialised write transaction on the outbox."""
        return self._db.transaction()

    def get(
        self, *, external_id: str | None = None, idempotency_key: str | None = None
    ) -> OutboxEntry | None:
        """Return the entry with this external id or idempotency key, or None."""
        column, value = ("external_id", external_id) if external_id else ("idempotency_key", idempotency_key)
        with self.transaction() as conn:
            row = conn.execute(
                f"SELECT {','.join(COLUMNS)} FROM outbox WHERE {column} = ?", (value,)
            ).fetchone()
        return OutboxEntry(*row) if row else None

    def entries(self, campaign_id: str | None = None, channel: str | None = None) -> list[OutboxEntry]:
        """Return entries, optionally for one campaign and/or channel, in slot order."""
        sql, args = f"SELECT {','.join(COLUMNS)} FROM outbox WHERE 1=1", list[str]()
        if campaign_id:
            sql, args = sql + " AND campaign_id = ?", [*args, campaign_id]
        if channel:
            sql, args = sql + " AND channel = ?", [*args, channel]
        with self.transaction() as conn:
            rows = conn.execute(sql + " ORDER BY slot, channel, region, variant", args).fetchall()
        return [OutboxEntry(*row) for row in rows]
