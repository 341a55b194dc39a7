"""The pipeline store: accounts, opportunities, and which accounts each campaign reached on which days.

One SQLite file (WAL) beside the CRM, so cycles in any process read and write it while the CRM file (DuckDB,
one process at a time) stays with whoever builds lists. It holds no personal data: accounts are synthetic
companies, the contact -> account map carries ids only.

* ``accounts``, ``account_contacts``: the accounts the CRM's contacts belong to (``tools.pipeline.seed``).
* ``opportunities``: deals with an amount, a creation day and a path through the stages.
* ``reach``: per campaign, channel and region, the accounts with treated (non-holdout) contacts on its lists.
* ``run_days``: the days a campaign's programs on a channel and region actually ran (delivered something), with
  the conversions they produced that day.

A touch is then (account in ``reach``) x (day in ``run_days``) of the same campaign, channel and region.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from tools.pipeline.model import Opportunity
from tools.sqlstore import Connection, Database, is_database_url, open_database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    account_id TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL, industry TEXT NOT NULL,
    company_size TEXT NOT NULL, contacts INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS account_contacts (contact_id INTEGER PRIMARY KEY, account_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS opportunities (
    opportunity_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, amount REAL NOT NULL, created_on TEXT NOT NULL,
    stage_days TEXT NOT NULL, outcome TEXT NOT NULL CHECK (outcome IN ('won', 'lost')), origin TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS opportunities_account ON opportunities(account_id, created_on);
CREATE TABLE IF NOT EXISTS reach (
    campaign_id TEXT NOT NULL, channel TEXT NOT NULL, region TEXT NOT NULL, account_id TEXT NOT NULL,
    contacts INTEGER NOT NULL, PRIMARY KEY (campaign_id, channel, region, account_id)
);
CREATE INDEX IF NOT EXISTS reach_account ON reach(account_id);
CREATE TABLE IF NOT EXISTS reached_campaigns (campaign_id TEXT PRIMARY KEY, lists INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS run_days (
    campaign_id TEXT NOT NULL, channel TEXT NOT NULL, region TEXT NOT NULL, day_on TEXT NOT NULL,
    conversions INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (campaign_id, channel, region, day_on)
);
"""

_PG_SCHEMA = _SCHEMA.replace("amount REAL", "amount DOUBLE PRECISION").replace(
    "contact_id INTEGER PRIMARY KEY", "contact_id BIGINT PRIMARY KEY"
)

_OPP_COLS = "opportunity_id, account_id, amount, created_on, stage_days, outcome, origin"


def _opp(row: Sequence[Any]) -> Opportunity:
    return Opportunity(
        row[0], row[1], float(row[2]), date.fromisoformat(row[3]), tuple(json.loads(row[4])), row[5], row[6]
    )


def opp_row(o: Opportunity) -> tuple[Any, ...]:
    """The stored row of an opportunity."""
    return (
        o.opportunity_id,
        o.account_id,
        o.amount,
        o.created_on.isoformat(),
        json.dumps(list(o.stage_days)),
        o.outcome,
        o.origin,
    )


class PipelineStore:
    """Accounts, opportunities, reach and run days (one SQLite file, or the shared database's ``pipeline`` schema)."""

    def __init__(self, path: Path | str) -> None:
        """Open (and create) the store at ``path`` (a SQLite file or the shared database's URL)."""
        self.path = Path("pipeline") if is_database_url(path) else Path(path)
        self._db: Database = open_database(
            path, name="pipeline", sqlite_schema=_SCHEMA, postgres_schema=_PG_SCHEMA
        )

    def close(self) -> None:
        """Close this thread's connection."""
        self._db.close()

    def write(self, fn: Callable[[Connection], Any]) -> Any:
        """Run ``fn(conn)`` in one ``BEGIN IMMEDIATE`` transaction: all of it commits, or none."""
        with self._db.transaction() as conn:
            return fn(conn)

    def _read(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        with self._db.transaction() as conn:
            rows: list[Any] = conn.execute(sql, args).fetchall()
            return rows

    def _read_in(self, sql: str, ids: Iterable[Any], suffix: str = "") -> list[Any]:
        """``sql IN (ids) suffix`` in chunks (SQLite bounds the number of parameters), in one transaction."""
        values = list(ids)
        rows: list[Any] = []
        with self._db.transaction() as conn:
            for i in range(0, len(values), 900):
                chunk = values[i : i + 900]
                rows += conn.execute(f"{sql} IN ({','.join('?' * len(chunk))}) {suffix}", chunk).fetchall()
        return rows

    # ---- meta and counts ----------------------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        """Return the store's metadata (source of the seed, seeded_at, ...)."""
        return dict(self._read("SELECT key, value FROM meta"))

    def counts(self) -> dict[str, int]:
        """Row counts per table."""
        tables = ("accounts", "account_contacts", "opportunities", "reach", "run_days")
        return {t: int(self._read(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in tables}

    # ---- accounts -----------------------------------------------------------------------------------------------
    def account_of(self, contact_ids: Iterable[int]) -> dict[int, str]:
        """Map contact ids to their account ids (contacts without an account are left out)."""
        rows = self._read_in(
            "SELECT contact_id, account_id FROM account_contacts WHERE contact_id", contact_ids
        )
        return {int(c): a for c, a in rows}

    def accounts(self, account_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Return accounts (all, or these ids) as dicts."""
        cols = ("account_id", "name", "region", "industry", "company_size", "contacts")
        sql = f"SELECT {', '.join(cols)} FROM accounts"
        rows = (
            self._read(sql + " ORDER BY account_id")
            if account_ids is None
            else self._read_in(sql + " WHERE account_id", account_ids)
        )
        return [dict(zip(cols, r, strict=True)) for r in rows]

    # ---- opportunities ------------------------------------------------------------------------------------------
    def add_opportunities(self, opps: Iterable[Opportunity]) -> int:
        """Insert opportunities once by id (a repeat is a no-op); return how many were new."""
        rows = [opp_row(o) for o in opps]

        def write(conn: Connection) -> int:
            if not rows:
                return 0
            cur = conn.executemany(
                f"INSERT OR IGNORE INTO opportunities ({_OPP_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
            )
            return max(int(cur.rowcount), 0)

        return int(self.write(write))

    def opportunities(self, account_ids: Iterable[str] | None = None) -> list[Opportunity]:
        """Return opportunities (all, or of these accounts), oldest first."""
        sql = f"SELECT {_OPP_COLS} FROM opportunities"
        rows = (
            self._read(sql) if account_ids is None else self._read_in(sql + " WHERE account_id", account_ids)
        )
        return [_opp(r) for r in sorted(rows, key=lambda r: (r[3], r[0]))]

    # ---- reach and run days -------------------------------------------------------------------------------------
    def has_reach(self, campaign_id: str) -> bool:
        """True once a campaign's reach was snapshotted (even when its lists reached nobody)."""
        return bool(self._read("SELECT 1 FROM reached_campaigns WHERE campaign_id = ?", (campaign_id,)))

    def set_reach(
        self, campaign_id: str, rows: Iterable[tuple[str, str, str, int]], *, lists: int, at: str
    ) -> int:
        """Record a campaign's reach once: (channel, region, account_id, contacts) rows; a repeat is a no-op.

        Returns:
            Rows written (0 when the campaign's reach was already recorded).
        """
        data = [(campaign_id, ch, rg, acc, n) for ch, rg, acc, n in rows]

        def write(conn: Connection) -> int:
            if conn.execute(
                "SELECT 1 FROM reached_campaigns WHERE campaign_id = ?", (campaign_id,)
            ).fetchone():
                return 0
            conn.executemany("INSERT INTO reach VALUES (?, ?, ?, ?, ?)", data)
            conn.execute("INSERT INTO reached_campaigns VALUES (?, ?, ?)", (campaign_id, lists, at))
            return len(data)

        return int(self.write(write))

    def add_run_days(self, campaign_id: str, rows: Iterable[tuple[str, str, date, int]]) -> int:
        """Record (channel, region, day, conversions) a campaign's programs ran; return how many were new.

        A day already recorded keeps its first figures (a day's metrics never change once it ran).
        """
        data = [(campaign_id, ch, rg, d.isoformat(), int(n)) for ch, rg, d, n in rows]

        def write(conn: Connection) -> int:
            if not data:
                return 0
            cur = conn.executemany("INSERT OR IGNORE INTO run_days VALUES (?, ?, ?, ?, ?)", data)
            return max(int(cur.rowcount), 0)

        return int(self.write(write))

    def reach(self, campaign_id: str) -> dict[tuple[str, str], list[str]]:
        """Accounts a campaign reaches per (channel, region), sorted."""
        out: dict[tuple[str, str], list[str]] = {}
        for ch, rg, acc in self._read(
            "SELECT channel, region, account_id FROM reach WHERE campaign_id = ? ORDER BY channel, region,"
            " account_id",
            (campaign_id,),
        ):
            out.setdefault((ch, rg), []).append(acc)
        return out

    def slices_of(self, account_ids: Iterable[str]) -> dict[str, list[tuple[str, str, str]]]:
        """For each account, the (campaign, channel, region) slices reaching it (any campaign)."""
        out: dict[str, list[tuple[str, str, str]]] = {}
        for acc, cid, ch, rg in sorted(
            self._read_in(
                "SELECT account_id, campaign_id, channel, region FROM reach WHERE account_id", account_ids
            )
        ):
            out.setdefault(acc, []).append((cid, ch, rg))
        return out

    def run_days(
        self, campaign_ids: Iterable[str] | None = None
    ) -> dict[tuple[str, str, str], list[tuple[date, int]]]:
        """(day, conversions) per (campaign, channel, region), by day."""
        sql = "SELECT campaign_id, channel, region, day_on, conversions FROM run_days"
        rows = (
            self._read(sql)
            if campaign_ids is None
            else self._read_in(sql + " WHERE campaign_id", campaign_ids)
        )
        out: dict[tuple[str, str, str], list[tuple[date, int]]] = {}
        for cid, ch, rg, d, n in sorted(rows, key=lambda r: r[3]):
            out.setdefault((cid, ch, rg), []).append((date.fromisoformat(d), int(n)))
        return out
