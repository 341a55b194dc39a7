"""The program store: one row per idempotency key, written BEFORE any side effect (SQLite WAL, or shared Postgres).

States: ``scheduled`` (recorded), ``in_flight`` (a publisher holds a lease and is calling the connector),
``published``, ``blocked`` (kill-switch or cap), ``failed``, ``cancelled``, and ``unknown`` (found in flight
after a crash on a connector that cannot say whether it delivered: needs a manual check, never re-sent).
Only ``scheduled``, ``blocked`` and ``failed`` rows (and ``in_flight`` rows whose lease expired) can be claimed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.contracts import Program, Receipt
from tools.channels.lease import holder_gone
from tools.sqlstore import Connection, Database, is_database_url, open_database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS programs (
    idempotency_key TEXT PRIMARY KEY,
    program_id TEXT NOT NULL UNIQUE,
    campaign_id TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    region TEXT NOT NULL,
    variant TEXT NOT NULL,
    asset_id TEXT NOT NULL,
    asset_version INTEGER NOT NULL,
    list_id TEXT NOT NULL,
    segment_key TEXT NOT NULL,
    slot TEXT NOT NULL,
    audience INTEGER NOT NULL,
    budget REAL NOT NULL,
    request TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claims INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    receipts TEXT NOT NULL DEFAULT '[]',
    lease_owner TEXT,
    lease_until REAL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS programs_campaign ON programs(campaign_id, slot);
CREATE INDEX IF NOT EXISTS programs_state ON programs(state, slot);
CREATE TABLE IF NOT EXISTS alerts (
    program_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    region TEXT NOT NULL,
    due TEXT NOT NULL,
    at TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (program_id, kind)
);
"""

_PG_SCHEMA = _SCHEMA.replace("budget REAL", "budget DOUBLE PRECISION").replace(
    "lease_until REAL", "lease_until DOUBLE PRECISION"
)
"""The same tables on PostgreSQL (REAL is 4 bytes there)."""

CLAIMABLE = ("scheduled", "blocked", "failed")
_STATUS = {"in_flight": "scheduled", "unknown": "failed"}


@dataclass(frozen=True)
class ProgramRecord:
    """One stored program row."""

    idempotency_key: str
    program_id: str
    campaign_id: str
    trace_id: str
    channel: str
    region: str
    variant: str
    asset_id: str
    asset_version: int
    list_id: str
    segment_key: str
    slot: str
    audience: int
    budget: float
    request: str
    state: str
    attempts: int
    claims: int
    reason: str
    receipts: list[Receipt] = field(default_factory=list)
    lease_owner: str | None = None
    lease_until: float | None = None
    created_at: str = ""
    updated_at: str = ""

    def to_program(self) -> Program:
        """Return the boundary contract (``in_flight`` shows as scheduled, ``unknown`` as failed)."""
        return Program(
            id=self.program_id,
            campaign_id=self.campaign_id,
            channel=self.channel,  # type: ignore[arg-type]
            region=self.region,  # type: ignore[arg-type]
            asset_id=self.asset_id,
            asset_version=self.asset_version,
            list_id=self.list_id,
            slot=self.slot,
            idempotency_key=self.idempotency_key,
            status=_STATUS.get(self.state, self.state),  # type: ignore[arg-type]
            audience=self.audience,
            budget=self.budget,
            receipts=self.receipts,
            attempts=self.attempts,
            reason=self.reason,
        )


@dataclass(frozen=True)
class Alert:
    """An SLA alert record (one per program and kind)."""

    program_id: str
    kind: str
    campaign_id: str
    channel: str
    region: str
    due: str
    at: str
    detail: dict[str, Any]


_COLS = ", ".join(ProgramRecord.__dataclass_fields__)


def _record(row: tuple[Any, ...]) -> ProgramRecord:
    values = list(row)
    values[19] = [Receipt.model_validate(r) for r in json.loads(values[19])]
    return ProgramRecord(*values)


class ProgramStore:
    """Store of programs and SLA alerts, safe across threads, processes and (on Postgres) machines."""

    def __init__(self, path: Path | str) -> None:
        """Open (and create) the store at ``path`` (a SQLite file, or the shared database's URL)."""
        self.path = Path("programs") if is_database_url(path) else Path(path)
        self._db: Database = open_database(
            path, name="programs", sqlite_schema=_SCHEMA, postgres_schema=_PG_SCHEMA
        )

    def ensure(self, values: dict[str, Any], now: str) -> tuple[ProgramRecord, bool]:
        """Insert a ``scheduled`` row unless the key exists; return the row and whether it was created."""
        row = {**values, "state": "scheduled", "created_at": now, "updated_at": now}
        with self._db.transaction() as conn:
            cur = conn.execute(
                f"INSERT OR IGNORE INTO programs ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            created = cur.rowcount == 1
            record = self._get(conn, values["idempotency_key"])
        assert record is not None
        return record, created

    def get(self, key: str) -> ProgramRecord | None:
        """Return the row of an idempotency key, or None."""
        with self._db.transaction() as conn:
            return self._get(conn, key)

    @staticmethod
    def _get(conn: Connection, key: str) -> ProgramRecord | None:
        row = conn.execute(f"SELECT {_COLS} FROM programs WHERE idempotency_key = ?", (key,)).fetchone()
        return _record(row) if row else None

    def claim(
        self, key: str, owner: str, now_s: float, lease_s: float, now: str
    ) -> tuple[ProgramRecord, str] | None:
        """Atomically move a claimable row to ``in_flight`` under ``owner``'s lease.

        Returns:
            (the claimed row, its previous state) — previous ``in_flight`` means a crashed holder's lease
            expired, or its holder process on this host is gone, and the caller must reconcile — or None when
            the row is not claimable.
        """
        with self._db.transaction() as conn:
            rec = self._get(conn, key)
            if rec is None:
                return None
            expired = rec.state == "in_flight" and (
                (rec.lease_until or 0.0) < now_s or holder_gone(rec.lease_owner)
            )
            if rec.state not in CLAIMABLE and not expired:
                return None
            conn.execute(
                "UPDATE programs SET state = 'in_flight', lease_owner = ?, lease_until = ?, claims = claims + 1,"
                " updated_at = ? WHERE idempotency_key = ?",
                (owner, now_s + lease_s, now, key),
            )
            claimed = self._get(conn, key)
        assert claimed is not None
        return claimed, rec.state

    def renew(self, key: str, owner: str, until_s: float) -> bool:
        """Extend ``owner``'s lease; return False when the lease is no longer ``owner``'s."""
        with self._db.transaction() as conn:
            cur = conn.execute(
                "UPDATE programs SET lease_until = ? WHERE idempotency_key = ? AND lease_owner = ? AND state = 'in_flight'",
                (until_s, key, owner),
            )
            return int(cur.rowcount) == 1

    def update(
        self,
        key: str,
        now: str,
        *,
        state: str | None = None,
        reason: str | None = None,
        receipt: Receipt | None = None,
        attempts: int = 0,
    ) -> ProgramRecord:
        """Change a row's state/reason, append a receipt, add attempts and release any lease; return the row."""
        with self._db.transaction() as conn:
            rec = self._get(conn, key)
            if rec is None:
                raise KeyError(f"no program with idempotency key {key!r}")
            receipts = [r.model_dump() for r in rec.receipts] + ([receipt.model_dump()] if receipt else [])
            conn.execute(
                "UPDATE programs SET state = ?, reason = ?, receipts = ?, attempts = attempts + ?, updated_at = ?,"
                " lease_owner = CASE WHEN ? = 'in_flight' THEN lease_owner END,"
                " lease_until = CASE WHEN ? = 'in_flight' THEN lease_until END WHERE idempotency_key = ?",
                (
                    state or rec.state,
                    rec.reason if reason is None else reason,
                    json.dumps(receipts),
                    attempts,
                    now,
                    state or rec.state,
                    state or rec.state,
                    key,
                ),
            )
            updated = self._get(conn, key)
        assert updated is not None
        return updated

    def by_campaign(
        self, campaign_id: str | None = None, states: tuple[str, ...] = ()
    ) -> list[ProgramRecord]:
        """Return rows (of one campaign, of some states), in slot order."""
        sql, args = f"SELECT {_COLS} FROM programs WHERE 1=1", []
        if campaign_id:
            sql, args = sql + " AND campaign_id = ?", [campaign_id]
        if states:
            sql += f" AND state IN ({','.join('?' * len(states))})"
            args += list(states)
        with self._db.transaction() as conn:
            rows = conn.execute(sql + " ORDER BY slot, channel, region, variant", args).fetchall()
        return [_record(r) for r in rows]

    def campaigns(self) -> list[str]:
        """Return every campaign id with programs, sorted."""
        with self._db.transaction() as conn:
            return [
                r[0] for r in conn.execute("SELECT DISTINCT campaign_id FROM programs ORDER BY campaign_id")
            ]

    def add_alert(self, alert: Alert) -> bool:
        """Record an SLA alert; return False when the program already had one of that kind."""
        with self._db.transaction() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO alerts (program_id, kind, campaign_id, channel, region, due, at, detail)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    alert.program_id,
                    alert.kind,
                    alert.campaign_id,
                    alert.channel,
                    alert.region,
                    alert.due,
                    alert.at,
                    json.dumps(alert.detail),
                ),
            )
            return int(cur.rowcount) == 1

    def alerts(self, campaign_id: str | None = None) -> list[Alert]:
        """Return SLA alerts, optionally for one campaign, oldest first."""
        sql, args = "SELECT program_id, kind, campaign_id, channel, region, due, at, detail FROM alerts", []
        if campaign_id:
            sql, args = sql + " WHERE campaign_id = ?", [campaign_id]
        with self._db.transaction() as conn:
            rows = conn.execute(sql + " ORDER BY at, program_id", args).fetchall()
        return [
            Alert(
                program_id=r[0],
                kind=r[1],
                campaign_id=r[2],
                channel=r[3],
                region=r[4],
                due=r[5],
                at=r[6],
                detail=json.loads(r[7]),
            )
            for r in rows
        ]
