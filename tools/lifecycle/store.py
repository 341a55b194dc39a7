"""The lifecycle store: each live campaign's schedule and its cycles, claimed by leases (SQLite, WAL).

A schedule says how often a kind of cycle runs, in campaign days: ``optimize`` every day and ``report`` every
seven by default (closing each week: after days 6, 13, 20, ...), from the first day the launch did not run to
the campaign's last day. A cycle is one row, keyed
``<campaign>:<kind>:d<day>``, that a scheduler (or ``liftoff cycle``) *claims* in one ``BEGIN IMMEDIATE``
transaction: the row becomes ``running`` with an owner and a lease expiry. So two schedulers polling the
same store never both get a cycle, a campaign never has two cycles running at once (they share its graph
thread), and a cycle whose owner died is claimed again once its lease runs out. Cycles of one campaign run in
day order: a failed one is retried (with backoff) before any later one, and after ``max_attempts`` the
campaign's schedule pauses with the reason until someone resumes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from tools.sqlstore import Connection, Database, is_database_url, open_database

CycleKind = Literal["optimize", "report"]
KINDS: tuple[CycleKind, ...] = ("optimize", "report")
"""Cycle kinds, in the order they run on the same day."""

Clock = Literal["simulated", "wall"]
"""'simulated': every cycle is due at once, in day order (a rehearsal on the simulator runs a campaign's life
in seconds); 'wall': the cycle of campaign day N is due once that calendar day has begun (UTC)."""

DEFAULT_EVERY: dict[str, int] = {"optimize": 1, "report": 7}
"""Default interval in campaign days per kind."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS campaigns (
    campaign_id TEXT PRIMARY KEY,
    trace_id TEXT NOT NULL,
    clock TEXT NOT NULL CHECK (clock IN ('simulated', 'wall')),
    start_date TEXT NOT NULL,
    last_day INTEGER NOT NULL,
    window_days INTEGER NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    paused_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS schedules (
    campaign_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('optimize', 'report')),
    every_days INTEGER NOT NULL CHECK (every_days >= 1),
    next_day INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, kind)
);
CREATE TABLE IF NOT EXISTS cycles (
    cycle_id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('optimize', 'report')),
    day INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    owner TEXT,
    lease_until REAL NOT NULL DEFAULT 0,
    retry_at REAL NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    error TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS cycles_campaign ON cycles(campaign_id, status, day);
"""

_PG_SCHEMA = _SCHEMA.replace("REAL", "DOUBLE PRECISION")
"""The same tables on PostgreSQL (the ``lifecycle`` schema of ``LIFTOFF_DATABASE_URL``)."""

_CYCLE_COLS = (
    "cycle_id, campaign_id, kind, day, trigger, status, owner, lease_until, attempts, created_at, "
    "started_at, finished_at, error, outcome"
)


class LifecycleError(ValueError):
    """Bad input to the lifecycle store (unknown campaign, bad interval); one-line message."""


@dataclass(frozen=True)
class CampaignSchedule:
    """A live campaign as the lifecycle store knows it.

    Attributes:
        campaign_id: Campaign (thread) id.
        trace_id: Trace of the campaign's events.
        clock: 'simulated' or 'wall'.
        start_date: Calendar date of campaign day 0.
        last_day: Last campaign day a cycle may process.
        window_days: Pipeline attribution window (days before an opportunity's creation).
        enabled: False while the schedule is paused.
        paused_reason: Why it is paused.
        every: Interval in days per kind.
        next_day: Next campaign day per kind.
    """

    campaign_id: str
    trace_id: str
    clock: Clock
    start_date: date
    last_day: int
    window_days: int
    enabled: bool
    paused_reason: str
    every: dict[str, int] = field(default_factory=dict)
    next_day: dict[str, int] = field(default_factory=dict)

    def today(self, now: datetime) -> int:
        """Campaign day of a wall-clock instant (day 0 = start date, UTC)."""
        return (now.astimezone(UTC).date() - self.start_date).days


@dataclass(frozen=True)
class Cycle:
    """One cycle row.

    Attributes:
        cycle_id: ``<campaign>:<kind>:d<day>`` (manual extra reports add a suffix).
        campaign_id: Campaign.
        kind: 'optimize' or 'report'.
        day: Campaign day the cycle runs (optimize: day 0 is the start date) or reports after (report).
        trigger: 'schedule' or 'manual'.
        status: 'pending', 'running', 'done' or 'failed'.
        owner: Lease owner while running (or last owner).
        lease_until: Lease expiry (epoch seconds).
        attempts: Claims so far.
        created_at: When the row was made.
        started_at: When the latest claim started.
        finished_at: When it finished.
        error: Last error.
        outcome: What the cycle did (status of the run, days processed, scorecard figures).
    """

    cycle_id: str
    campaign_id: str
    kind: CycleKind
    day: int
    trigger: str
    status: str
    owner: str | None
    lease_until: float
    attempts: int
    created_at: str
    started_at: str | None
    finished_at: str | None
    error: str
    outcome: dict[str, Any]


def _cycle(row: tuple[Any, ...]) -> Cycle:
    values = list(row)
    values[-1] = json.loads(values[-1] or "{}")
    return Cycle(*values)


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat()


class LifecycleStore:
    """Schedules and cycle leases of every live campaign, safe across processes (and machines, on Postgres).

    Args:
        path: SQLite file (``settings.path("lifecycle.db")``) or the shared database's URL.
        clock: Returns the current epoch seconds (inject a fake in tests).
    """

    def __init__(self, path: Path | str, *, clock: Callable[[], float] | None = None) -> None:
        self.path = Path("lifecycle") if is_database_url(path) else Path(path)
        self._db: Database = open_database(
            path, name="lifecycle", sqlite_schema=_SCHEMA, postgres_schema=_PG_SCHEMA
        )
        self._clock = clock or (lambda: datetime.now(UTC).timestamp())

    def close(self) -> None:
        """Close this thread's connection."""
        self._db.close()

    def _write(self, fn: Callable[[Connection], Any]) -> Any:
        """Run ``fn(conn)`` in one ``BEGIN IMMEDIATE`` transaction (reads too: a claim must see a stable state)."""
        with self._db.transaction() as conn:
            return fn(conn)

    def now(self) -> float:
        """The store's clock (epoch seconds)."""
        return self._clock()

    # ---- campaigns and schedules -----------------------------------------------------------------------------
    def ensure_campaign(
        self,
        campaign_id: str,
        *,
        trace_id: str,
        clock: Clock,
        start_date: date,
        last_day: int,
        first_day: int,
        window_days: int,
        every: dict[str, int] | None = None,
    ) -> bool:
        """Register a live campaign and its schedules once; return False when it was already registered.

        Args:
            campaign_id: Campaign (thread) id.
            trace_id: Its trace id.
            clock: 'simulated' or 'wall'.
            start_date: Calendar date of campaign day 0.
            last_day: Last campaign day a cycle may process.
            first_day: First campaign day an optimize cycle runs (the launch ran the days before it).
            window_days: Pipeline attribution window in days.
            every: Interval in days per kind (default :data:`DEFAULT_EVERY`; a kind left out is not scheduled).

        Raises:
            LifecycleError: on an unknown kind, an interval below one day or a bad window.
        """
        every = dict(DEFAULT_EVERY if every is None else every)
        for kind, n in every.items():
            if kind not in KINDS:
                raise LifecycleError(f"unknown cycle kind {kind!r} (known: {', '.join(KINDS)})")
            if n < 1:
                raise LifecycleError(f"{kind} interval must be at least 1 day, got {n}")
        if window_days < 0:
            raise LifecycleError(f"the attribution window must be >= 0 days, got {window_days}")
        now = _iso(self.now())

        def write(conn: Connection) -> bool:
            if conn.execute("SELECT 1 FROM campaigns WHERE campaign_id = ?", (campaign_id,)).fetchone():
                return False
            conn.execute(
                "INSERT INTO campaigns (campaign_id, trace_id, clock, start_date, last_day, window_days,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (campaign_id, trace_id, clock, start_date.isoformat(), last_day, window_days, now, now),
            )
            for kind, n in every.items():
                # a report closes each period: days n-1, 2n-1, ... (day 0 is the start date)
                first = first_day if kind == "optimize" else -(-(first_day + 1) // n) * n - 1
                conn.execute("INSERT INTO schedules VALUES (?, ?, ?, ?)", (campaign_id, kind, n, first))
            return True

        return bool(self._write(write))

    def campaign(self, campaign_id: str) -> CampaignSchedule | None:
        """Return a registered campaign with its schedules (None when not registered)."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT campaign_id, trace_id, clock, start_date, last_day, window_days, enabled,"
                " paused_reason FROM campaigns WHERE campaign_id = ?",
                (campaign_id,),
            ).fetchone()
            sched = conn.execute(
                "SELECT kind, every_days, next_day FROM schedules WHERE campaign_id = ?", (campaign_id,)
            ).fetchall()
        if row is None:
            return None
        return CampaignSchedule(
            row[0],
            row[1],
            row[2],
            date.fromisoformat(row[3]),
            int(row[4]),
            int(row[5]),
            bool(row[6]),
            row[7],
            {k: int(e) for k, e, _ in sched},
            {k: int(n) for k, _, n in sched},
        )

    def campaign_ids(self, *, enabled_only: bool = False) -> list[str]:
        """Return registered campaigns, oldest first."""
        sql = "SELECT campaign_id FROM campaigns" + (" WHERE enabled = 1" if enabled_only else "")
        with self._db.transaction() as conn:
            return [r[0] for r in conn.execute(sql + " ORDER BY created_at, campaign_id")]

    def update_campaign(
        self,
        campaign_id: str,
        *,
        every: dict[str, int] | None = None,
        window_days: int | None = None,
        clock: Clock | None = None,
        last_day: int | None = None,
    ) -> CampaignSchedule:
        """Change a campaign's intervals, attribution window, clock or last day.

        Raises:
            LifecycleError: when the campaign is not registered or a value is out of range.
        """
        if window_days is not None and window_days < 0:
            raise LifecycleError(f"the attribution window must be >= 0 days, got {window_days}")
        for kind, n in (every or {}).items():
            if kind not in KINDS or n < 1:
                raise LifecycleError(f"bad interval {kind}={n} (kinds: {', '.join(KINDS)}; at least 1 day)")

        def write(conn: Connection) -> None:
            self._require(conn, campaign_id)
            now = _iso(self.now())
            for col, value in (("window_days", window_days), ("clock", clock), ("last_day", last_day)):
                if value is not None:
                    conn.execute(
                        f"UPDATE campaigns SET {col} = ?, updated_at = ? WHERE campaign_id = ?",
                        (value, now, campaign_id),
                    )
            for kind, n in (every or {}).items():
                cur = conn.execute(
                    "UPDATE schedules SET every_days = ? WHERE campaign_id = ? AND kind = ?",
                    (n, campaign_id, kind),
                )
                if cur.rowcount == 0:
                    nxt = (
                        conn.execute(
                            "SELECT COALESCE(MAX(day), 0) FROM cycles WHERE campaign_id = ?", (campaign_id,)
                        ).fetchone()[0]
                        + 1
                    )
                    conn.execute("INSERT INTO schedules VALUES (?, ?, ?, ?)", (campaign_id, kind, n, nxt))

        self._write(write)
        out = self.campaign(campaign_id)
        assert out is not None
        return out

    def set_enabled(self, campaign_id: str, enabled: bool, reason: str = "") -> None:
        """Pause (with a reason) or resume a campaign's schedule.

        Raises:
            LifecycleError: when the campaign is not registered.
        """

        def write(conn: Connection) -> None:
            self._require(conn, campaign_id)
            conn.execute(
                "UPDATE campaigns SET enabled = ?, paused_reason = ?, updated_at = ? WHERE campaign_id = ?",
                (int(enabled), "" if enabled else reason, _iso(self.now()), campaign_id),
            )
            if enabled:  # a resumed campaign retries its failed cycle from scratch
                conn.execute(
                    "UPDATE cycles SET status = 'pending', attempts = 0, retry_at = 0 WHERE campaign_id = ?"
                    " AND status = 'failed'",
                    (campaign_id,),
                )

        self._write(write)

    @staticmethod
    def _require(conn: Connection, campaign_id: str) -> None:
        if not conn.execute("SELECT 1 FROM campaigns WHERE campaign_id = ?", (campaign_id,)).fetchone():
            raise LifecycleError(f"campaign {campaign_id!r} has no schedule (it is not a launched campaign)")

    # ---- claiming ---------------------------------------------------------------------------------------------
    def running(self, campaign_id: str) -> Cycle | None:
        """Return the campaign's cycle running under a live lease, if any."""
        with self._db.transaction() as conn:
            row = conn.execute(
                f"SELECT {_CYCLE_COLS} FROM cycles WHERE campaign_id = ? AND status = 'running'"
                " AND lease_until > ?",
                (campaign_id, self.now()),
            ).fetchone()
        return _cycle(row) if row else None

    def claim(
        self,
        campaign_id: str,
        owner: str,
        *,
        lease_s: float,
        horizon_day: int | None = None,
        kind: CycleKind | None = None,
        max_attempts: int = 3,
    ) -> Cycle | None:
        """Claim the campaign's next cycle, or None when it has none due or one is running elsewhere.

        The next cycle is, in order: one whose owner's lease ran out (a crashed run), a failed one whose retry
        time has come, a pending one, else the earliest scheduled (day, then optimize before report) up to
        ``horizon_day`` and the campaign's last day. The row becomes ``running`` under ``owner`` until
        ``now + lease_s``; keep it with :meth:`renew`, end it with :meth:`finish`.

        Args:
            campaign_id: Campaign.
            owner: Who claims (unique per scheduler process).
            lease_s: Lease length in seconds.
            horizon_day: Latest campaign day due now (None: any day up to the last one).
            kind: Only this kind (``liftoff cycle --optimize``).
            max_attempts: Claims a failing cycle gets before the campaign's schedule pauses.
        """
        if lease_s <= 0:
            raise LifecycleError(f"lease_s must be > 0, got {lease_s}")

        def write(conn: Connection) -> Cycle | None:
            now = self.now()
            camp = conn.execute(
                "SELECT enabled, last_day FROM campaigns WHERE campaign_id = ?", (campaign_id,)
            ).fetchone()
            if camp is None or not camp[0]:
                return None
            last = int(camp[1]) if horizon_day is None else min(int(camp[1]), horizon_day)
            rows = [
                _cycle(r)
                for r in conn.execute(
                    f"SELECT {_CYCLE_COLS} FROM cycles WHERE campaign_id = ? AND status IN ('pending', 'running',"
                    " 'failed') ORDER BY day, CASE kind WHEN 'optimize' THEN 0 ELSE 1 END",
                    (campaign_id,),
                )
            ]
            if any(c.status == "running" and c.lease_until > now for c in rows):
                return None  # one cycle per campaign at a time: it holds the campaign's graph thread
            open_rows = [c for c in rows if kind is None or c.kind == kind]
            pick = open_rows[0] if open_rows else None
            if pick is not None and pick.status == "failed":
                retry_at = conn.execute(
                    "SELECT retry_at FROM cycles WHERE cycle_id = ?", (pick.cycle_id,)
                ).fetchone()
                if float(retry_at[0]) > now:
                    return None
            if pick is None:
                pick = self._generate(conn, campaign_id, last, kind, now)
                if pick is None:
                    return None
            conn.execute(
                "UPDATE cycles SET status = 'running', owner = ?, lease_until = ?, attempts = attempts + 1,"
                " started_at = ?, error = CASE status WHEN 'running' THEN 'lease expired: reclaimed'"
                " ELSE error END WHERE cycle_id = ?",
                (owner, now + lease_s, _iso(now), pick.cycle_id),
            )
            row = conn.execute(
                f"SELECT {_CYCLE_COLS} FROM cycles WHERE cycle_id = ?", (pick.cycle_id,)
            ).fetchone()
            return _cycle(row)

        return self._write(write)  # type: ignore[no-any-return]

    def _generate(
        self, conn: Connection, campaign_id: str, last: int, kind: CycleKind | None, now: float
    ) -> Cycle | None:
        """Turn the earliest due schedule entry into a pending cycle row (advancing its schedule)."""
        sched = conn.execute(
            "SELECT kind, every_days, next_day FROM schedules WHERE campaign_id = ?"
            " ORDER BY next_day, CASE kind WHEN 'optimize' THEN 0 ELSE 1 END",
            (campaign_id,),
        ).fetchall()
        for k, every, next_day in sched:
            if (kind is not None and k != kind) or next_day > last:
                continue
            cycle_id = f"{campaign_id}:{k}:d{next_day}"
            conn.execute(
                "UPDATE schedules SET next_day = ? WHERE campaign_id = ? AND kind = ?",
                (next_day + every, campaign_id, k),
            )
            if conn.execute("SELECT 1 FROM cycles WHERE cycle_id = ?", (cycle_id,)).fetchone():
                continue  # made earlier (e.g. by a manual run); never twice
            conn.execute(
                "INSERT INTO cycles (cycle_id, campaign_id, kind, day, trigger, status, created_at)"
                " VALUES (?, ?, ?, ?, 'schedule', 'pending', ?)",
                (cycle_id, campaign_id, k, next_day, _iso(now)),
            )
            row = conn.execute(f"SELECT {_CYCLE_COLS} FROM cycles WHERE cycle_id = ?", (cycle_id,)).fetchone()
            return _cycle(row)
        return None

    def add_manual(self, campaign_id: str, kind: CycleKind, day: int) -> str:
        """Queue an extra cycle now (``liftoff cycle --report`` between weekly reports); return its id.

        Raises:
            LifecycleError: when the campaign is not registered.
        """

        def write(conn: Connection) -> str:
            self._require(conn, campaign_id)
            n = conn.execute(
                "SELECT COUNT(*) FROM cycles WHERE campaign_id = ? AND trigger = 'manual'", (campaign_id,)
            ).fetchone()[0]
            cycle_id = f"{campaign_id}:{kind}:d{day}:manual{n + 1}"
            conn.execute(
                "INSERT INTO cycles (cycle_id, campaign_id, kind, day, trigger, status, created_at)"
                " VALUES (?, ?, ?, ?, 'manual', 'pending', ?)",
                (cycle_id, campaign_id, kind, day, _iso(self.now())),
            )
            return cycle_id

        return str(self._write(write))

    def renew(self, cycle_id: str, owner: str, lease_s: float) -> bool:
        """Extend a running cycle's lease; False when this owner no longer holds it."""

        def write(conn: Connection) -> bool:
            cur = conn.execute(
                "UPDATE cycles SET lease_until = ? WHERE cycle_id = ? AND owner = ? AND status = 'running'",
                (self.now() + lease_s, cycle_id, owner),
            )
            return cur.rowcount == 1

        return bool(self._write(write))

    def release(self, cycle_id: str, owner: str, reason: str) -> bool:
        """Give a claimed cycle back unrun (the campaign is not live right now); the attempt does not count."""

        def write(conn: Connection) -> bool:
            cur = conn.execute(
                "UPDATE cycles SET status = 'pending', lease_until = 0, attempts = attempts - 1,"
                " error = ? WHERE cycle_id = ? AND owner = ? AND status = 'running'",
                (reason, cycle_id, owner),
            )
            return cur.rowcount == 1

        return bool(self._write(write))

    def finish(
        self,
        cycle_id: str,
        owner: str,
        *,
        ok: bool,
        outcome: dict[str, Any] | None = None,
        error: str = "",
        max_attempts: int = 3,
        backoff_s: float = 30.0,
    ) -> Cycle | None:
        """End a running cycle: ``done``, or ``failed`` (retried after ``backoff_s * attempts``; after
        ``max_attempts`` the campaign's schedule pauses with the error).

        Returns:
            The updated row, or None when this owner no longer held the lease (nothing is written then).
        """

        def write(conn: Connection) -> Cycle | None:
            now = self.now()
            row = conn.execute(
                "SELECT attempts, campaign_id FROM cycles WHERE cycle_id = ? AND owner = ?"
                " AND status = 'running'",
                (cycle_id, owner),
            ).fetchone()
            if row is None:
                return None
            attempts, campaign_id = int(row[0]), row[1]
            conn.execute(
                "UPDATE cycles SET status = ?, lease_until = 0, retry_at = ?, finished_at = ?, error = ?,"
                " outcome = ? WHERE cycle_id = ?",
                (
                    "done" if ok else "failed",
                    0 if ok else now + backoff_s * attempts,
                    _iso(now),
                    error,
                    json.dumps(outcome or {}, default=str),
                    cycle_id,
                ),
            )
            if not ok and attempts >= max_attempts:
                conn.execute(
                    "UPDATE campaigns SET enabled = 0, paused_reason = ?, updated_at = ? WHERE campaign_id = ?",
                    (f"cycle {cycle_id} failed {attempts} times: {error}", _iso(now), campaign_id),
                )
            out = conn.execute(f"SELECT {_CYCLE_COLS} FROM cycles WHERE cycle_id = ?", (cycle_id,)).fetchone()
            return _cycle(out)

        return self._write(write)  # type: ignore[no-any-return]

    # ---- reading ----------------------------------------------------------------------------------------------
    def cycles(self, campaign_id: str | None = None, *, status: str | None = None) -> list[Cycle]:
        """Return cycle rows (of one campaign, of one status), in day order."""
        sql, args = f"SELECT {_CYCLE_COLS} FROM cycles WHERE 1 = 1", []
        if campaign_id:
            sql, args = sql + " AND campaign_id = ?", [campaign_id]
        if status:
            sql, args = sql + " AND status = ?", [*args, status]
        sql += " ORDER BY campaign_id, day, CASE kind WHEN 'optimize' THEN 0 ELSE 1 END, created_at"
        with self._db.transaction() as conn:
            return [_cycle(r) for r in conn.execute(sql, args)]

    def cycle(self, cycle_id: str) -> Cycle | None:
        """Return one cycle row."""
        with self._db.transaction() as conn:
            row = conn.execute(f"SELECT {_CYCLE_COLS} FROM cycles WHERE cycle_id = ?", (cycle_id,)).fetchone()
        return _cycle(row) if row else None
