"""The append-only spend ledger: caps, channel allocations and spend, enforced inside the tool.

One SQLite file (WAL), or the ``ledger`` schema of the shared PostgreSQL (``LIFTOFF_DATABASE_URL``). Entries are never updated or deleted (triggers refuse it); caps and allocations are
read as "the latest entry wins", spend is the sum of ``spend`` and ``correction`` entries. Amounts are stored
in integer cents so sums never drift past a cap by a rounding error. Every write that checks a limit runs in
one ``BEGIN IMMEDIATE`` transaction (on Postgres: one transaction holding the ledger's advisory lock), so two
processes committing at the same moment, on one machine or many, are serialised and can never exceed a cap
together.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar
from uuid import uuid4

from graph.contracts import CHANNELS, BudgetChange, Caps
from graph.contracts.ids import event_id
from tools.events import EventLog
from tools.killswitch import KillSwitch, KillSwitchEngaged
from tools.spend.limits import CapExceeded, Limits, check_allocation, check_spend, from_cents, to_cents
from tools.sqlstore import Connection, Database, is_database_url, open_database

SOURCE = "spend_ledger"
T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('caps', 'allocation', 'spend', 'correction', 'change')),
    campaign_id TEXT NOT NULL,
    channel TEXT,
    day TEXT,
    amount_cents INTEGER NOT NULL DEFAULT 0,
    trace_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS entries_campaign ON entries(campaign_id, kind, channel, day);
CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'the spend ledger is append-only: add a correction entry instead'); END;
CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'the spend ledger is append-only: add a correction entry instead'); END;
"""

_PG_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    seq BIGSERIAL PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('caps', 'allocation', 'spend', 'correction', 'change')),
    campaign_id TEXT NOT NULL,
    channel TEXT,
    day TEXT,
    amount_cents BIGINT NOT NULL DEFAULT 0,
    trace_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS entries_campaign ON entries(campaign_id, kind, channel, day);
CREATE OR REPLACE FUNCTION entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the spend ledger is append-only: add a correction entry instead'; END; $$;
CREATE OR REPLACE TRIGGER entries_no_update BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION entries_append_only();
CREATE OR REPLACE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
    FOR EACH STATEMENT EXECUTE FUNCTION entries_append_only();
"""


@dataclass(frozen=True)
class LedgerEntry:
    """One ledger row.

    Attributes:
        seq: Position in the ledger.
        key: Idempotency key (unique).
        kind: 'caps', 'allocation', 'spend', 'correction' or 'change' (a refused budget change, kept for audit).
        campaign_id: Campaign.
        channel: Channel, for allocation/spend/correction entries.
        day: Calendar day (YYYY-MM-DD) of a spend or correction.
        amount: Spend, correction (negative = refund) or the channel's new allocation.
        trace_id: Trace the entry belongs to.
        ts: When it was written (ISO, UTC).
        data: Kind-specific detail (caps, change ids, reasons).
    """

    seq: int
    key: str
    kind: str
    campaign_id: str
    channel: str | None
    day: str | None
    amount: float
    trace_id: str
    ts: str
    data: dict[str, Any] = field(default_factory=dict)


_cents = to_cents


def _check_channel(channel: str) -> None:
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})")


def _check_day(day: str) -> None:
    try:
        date.fromisoformat(day)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"day must be an ISO date (YYYY-MM-DD), got {day!r}") from exc


class SpendLedger:
    """Caps, allocations and spend of every campaign, with the checks inside.

    Args:
        path: SQLite file of the ledger, or the shared database's URL.
        events: Event log that receives ``spend.*`` and ``optimizer.budget_change`` events.
        kill_switch: Checked before every spend and every budget increase.
    """

    def __init__(self, path: Path | str, *, events: EventLog, kill_switch: KillSwitch) -> None:
        shared = is_database_url(path)
        self.path = Path("ledger") if shared else Path(path)
        if not shared:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.events = events
        self.kill_switch = kill_switch
        self._db: Database = open_database(
            path, name="ledger", sqlite_schema=_SCHEMA, postgres_schema=_PG_SCHEMA, timeout=60
        )

    # -- connection and reads -------------------------------------------------------------------------------

    def _read(self, fn: Callable[[Connection], T]) -> T:
        with self._db.read() as conn:
            return fn(conn)

    def close(self) -> None:
        """Close this thread's connection."""
        self._db.close()

    def _entry(self, conn: Connection, key: str) -> LedgerEntry | None:
        row = conn.execute(
            "SELECT seq, key, kind, campaign_id, channel, day, amount_cents, trace_id, ts, data FROM entries WHERE key = ?",
            (key,),
        ).fetchone()
        return _row_entry(row) if row else None

    def _insert(
        self,
        conn: Connection,
        *,
        key: str,
        kind: str,
        campaign_id: str,
        channel: str | None,
        day: str | None,
        cents: int,
        trace_id: str,
        data: dict[str, Any],
    ) -> LedgerEntry:
        ts = datetime.now(UTC).isoformat()
        seq = conn.execute(
            "INSERT INTO entries (key, kind, campaign_id, channel, day, amount_cents, trace_id, ts, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
            (key, kind, campaign_id, channel, day, cents, trace_id, ts, json.dumps(data, sort_keys=True)),
        ).fetchone()[0]
        return LedgerEntry(
            int(seq), key, kind, campaign_id, channel, day, from_cents(cents), trace_id, ts, data
        )

    def _caps_row(self, conn: Connection, campaign_id: str) -> tuple[Caps, str] | None:
        row = conn.execute(
            "SELECT data, trace_id FROM entries WHERE campaign_id = ? AND kind = 'caps' ORDER BY seq DESC LIMIT 1",
            (campaign_id,),
        ).fetchone()
        return (Caps.model_validate(json.loads(row[0])["caps"]), row[1]) if row else None

    def _spent_cents(
        self, conn: Connection, campaign_id: str, channel: str | None = None, day: str | None = None
    ) -> int:
        sql = "SELECT COALESCE(SUM(amount_cents), 0) FROM entries WHERE campaign_id = ? AND kind IN ('spend', 'correction')"
        args: list[Any] = [campaign_id]
        if channel is not None:
            sql, args = sql + " AND channel = ?", [*args, channel]
        if day is not None:
            sql, args = sql + " AND day = ?", [*args, day]
        return int(conn.execute(sql, args).fetchone()[0])

    def _allocation_cents(self, conn: Connection, campaign_id: str) -> dict[str, int]:
        rows = conn.execute(
            "SELECT channel, amount_cents FROM entries WHERE seq IN ("
            " SELECT MAX(seq) FROM entries WHERE campaign_id = ? AND kind = 'allocation' GROUP BY channel)",
            (campaign_id,),
        ).fetchall()
        return {ch: int(c) for ch, c in rows}

    def _limits(self, conn: Connection, campaign_id: str, channel: str, day: str | None) -> Limits:
        caps = self._caps_row(conn, campaign_id)
        return Limits(
            caps=caps[0] if caps else None,
            spent_total=self._spent_cents(conn, campaign_id),
            spent_channel=self._spent_cents(conn, campaign_id, channel),
            spent_day=self._spent_cents(conn, campaign_id, day=day) if day else 0,
            allocation=self._allocation_cents(conn, campaign_id),
        )

    def caps(self, campaign_id: str) -> Caps | None:
        """Return the campaign's current caps (None before :meth:`set_caps`)."""
        row = self._read(lambda conn: self._caps_row(conn, campaign_id))
        return row[0] if row else None

    def trace_of(self, campaign_id: str) -> str:
        """Return the trace id the campaign's caps were set under (the campaign id when none)."""
        row = self._read(lambda conn: self._caps_row(conn, campaign_id))
        return row[1] if row else campaign_id

    def spent(self, campaign_id: str, channel: str | None = None, day: str | None = None) -> float:
        """Return money spent (spend plus corrections), optionally for one channel and/or one day."""
        return from_cents(self.spent_cents(campaign_id, channel, day))

    def spent_cents(self, campaign_id: str, channel: str | None = None, day: str | None = None) -> int:
        """Like :meth:`spent`, in ledger units (integer cents)."""
        return int(self._read(lambda conn: self._spent_cents(conn, campaign_id, channel, day)))

    def allocation_cents(self, campaign_id: str) -> dict[str, int]:
        """Like :meth:`allocation`, in ledger units (integer cents)."""
        cents: dict[str, int] = self._read(lambda conn: self._allocation_cents(conn, campaign_id))
        return cents

    def allocation(self, campaign_id: str) -> dict[str, float]:
        """Return each channel's current budget allocation (the latest allocation entry per channel)."""
        return {ch: from_cents(c) for ch, c in self.allocation_cents(campaign_id).items()}

    def entries(self, campaign_id: str, kind: str | None = None) -> list[LedgerEntry]:
        """Return the campaign's entries in ledger order, optionally of one kind."""
        sql = "SELECT seq, key, kind, campaign_id, channel, day, amount_cents, trace_id, ts, data FROM entries WHERE campaign_id = ?"
        args: list[Any] = [campaign_id]
        if kind:
            sql, args = sql + " AND kind = ?", [*args, kind]
        rows = self._read(lambda conn: conn.execute(sql + " ORDER BY seq", args).fetchall())
        return [_row_entry(r) for r in rows]

    # -- writes ---------------------------------------------------------------------------------------------

    def _write(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn`` in one serialised write transaction (writers queue; no cap check races another)."""
        with self._db.transaction() as conn:
            return fn(conn)

    def set_caps(self, campaign_id: str, caps: Caps, *, trace_id: str) -> LedgerEntry | None:
        """Record the campaign's caps (a new entry; the latest wins). Setting the same caps again is a no-op.

        Returns:
            The new entry, or None when the caps were already current.

        Raises:
            ValueError: when a per-channel cap names an unknown channel.
        """
        for channel in caps.per_channel:
            _check_channel(channel)

        def write(conn: Connection) -> LedgerEntry | None:
            current = self._caps_row(conn, campaign_id)
            if current and current[0] == caps:
                return None
            return self._insert(
                conn,
                key=f"caps:{campaign_id}:{uuid4()}",
                kind="caps",
                campaign_id=campaign_id,
                channel=None,
                day=None,
                cents=_cents(caps.total),
                trace_id=trace_id,
                data={"caps": caps.model_dump()},
            )

        entry = self._write(write)
        if entry:
            self.events.emit(
                "spend.caps_set",
                trace_id=trace_id,
                campaign_id=campaign_id,
                source=SOURCE,
                payload={"caps": caps.model_dump()},
                event_id=event_id("ledger", entry.key),
            )
        return entry

    def set_allocation(
        self,
        campaign_id: str,
        channel: str,
        amount: float,
        *,
        trace_id: str,
        key: str | None = None,
        reason: str = "",
    ) -> LedgerEntry:
        """Set a channel's budget allocation directly (plan time); checked like a budget change.

        Raises:
            CapExceeded: when the amount breaks the channel cap or the allocations would exceed the campaign total.
        """
        _check_channel(channel)
        cents = _cents(amount)
        key = key or f"allocation:{campaign_id}:{channel}:{uuid4()}"

        def write(conn: Connection) -> LedgerEntry:
            existing = self._entry(conn, key)
            if existing:
                return existing
            check_allocation(self._limits(conn, campaign_id, channel, None), channel, cents)
            return self._insert(
                conn,
                key=key,
                kind="allocation",
                campaign_id=campaign_id,
                channel=channel,
                day=None,
                cents=cents,
                trace_id=trace_id,
                data={"reason": reason},
            )

        return self._write(write)

    def commit(
        self,
        *,
        campaign_id: str,
        channel: str,
        amount: float,
        day: str,
        key: str,
        trace_id: str | None = None,
        region: str | None = None,
    ) -> LedgerEntry:
        """Record spend, once per key, inside the caps and only while no kill-switch covers it.

        Args:
            campaign_id: Campaign.
            channel: Channel spending.
            amount: Amount (> 0) in the campaign currency.
            day: Calendar day of the spend (YYYY-MM-DD), for the per-day cap.
            key: Idempotency key; committing the same key again returns the existing entry.
            trace_id: Trace for the events (defaults to the trace the caps were set under).
            region: Region, when the kill-switch should also be checked per region.

        Returns:
            The recorded entry (new, or the existing one for this key).

        Raises:
            CapExceeded: when the campaign total, channel or per-day cap would be exceeded, or no caps are set.
            KillSwitchEngaged: when a kill-switch covers the channel (or region).
            ValueError: on an unknown channel, a bad day or a non-positive amount.
        """
        _check_channel(channel)
        _check_day(day)
        cents = _cents(amount)
        if cents <= 0:
            raise ValueError(f"spend amount must be positive, got {amount!r}")
        trace = trace_id or self.trace_of(campaign_id)
        refusal: dict[str, Any] = {}

        def write(conn: Connection) -> LedgerEntry:
            existing = self._entry(conn, key)
            if existing:
                if existing.kind != "spend" or existing.campaign_id != campaign_id:
                    raise ValueError(
                        f"key {key!r} already names a {existing.kind} entry of {existing.campaign_id}"
                    )
                return existing
            blocked = self.kill_switch.check(channel, region)
            if blocked:
                refusal.update(reason=blocked, cap=None)
                raise KillSwitchEngaged(blocked)
            try:
                check_spend(self._limits(conn, campaign_id, channel, day), channel, cents)
            except CapExceeded as exc:
                refusal.update(reason=exc.reason, cap=exc.cap)
                raise
            data = {"region": region} if region else {}
            return self._insert(
                conn,
                key=key,
                kind="spend",
                campaign_id=campaign_id,
                channel=channel,
                day=day,
                cents=cents,
                trace_id=trace,
                data=data,
            )

        try:
            entry: LedgerEntry = self._write(write)
        except (CapExceeded, KillSwitchEngaged):
            self.events.emit(
                "spend.refused",
                trace_id=trace,
                campaign_id=campaign_id,
                source=SOURCE,
                payload={
                    "channel": channel,
                    "region": region,
                    "day": day,
                    "amount": from_cents(cents),
                    "key": key,
                    **refusal,
                },
            )
            raise
        # Deterministic event id: a retry re-emits it as a no-op, and repairs it if a crash lost it.
        self.events.emit(
            "spend.recorded",
            trace_id=entry.trace_id,
            campaign_id=campaign_id,
            source=SOURCE,
            payload={
                "channel": channel,
                "region": entry.data.get("region"),
                "day": day,
                "amount": entry.amount,
                "key": key,
            },
            event_id=event_id("ledger", key),
        )
        return entry

    def correct(
        self,
        *,
        campaign_id: str,
        channel: str,
        amount: float,
        day: str,
        key: str,
        reason: str,
        trace_id: str | None = None,
    ) -> LedgerEntry:
        """Record a refund or reversal (a negative amount) as a new entry; idempotent by key.

        More spend is never a correction: commit it, so the caps apply.

        Raises:
            ValueError: when the amount is not negative, the reason is empty or the channel would go below zero.
        """
        _check_channel(channel)
        _check_day(day)
        cents = _cents(amount)
        if cents >= 0:
            raise ValueError(
                "a correction must be negative (a refund or reversal); record more spend with commit()"
            )
        if not reason.strip():
            raise ValueError("a correction needs a reason")
        trace = trace_id or self.trace_of(campaign_id)

        def write(conn: Connection) -> LedgerEntry:
            existing = self._entry(conn, key)
            if existing:
                return existing
            if self._spent_cents(conn, campaign_id, channel, day) + cents < 0:
                raise ValueError(
                    f"a correction of {amount:.2f} would take {channel} spend on {day} below zero"
                )
            return self._insert(
                conn,
                key=key,
                kind="correction",
                campaign_id=campaign_id,
                channel=channel,
                day=day,
                cents=cents,
                trace_id=trace,
                data={"reason": reason},
            )

        entry: LedgerEntry = self._write(write)
        self.events.emit(
            "spend.corrected",
            trace_id=entry.trace_id,
            campaign_id=campaign_id,
            source=SOURCE,
            payload={"channel": channel, "day": day, "amount": entry.amount, "key": key, "reason": reason},
            event_id=event_id("ledger", key),
        )
        return entry

    def apply_change(
        self,
        change: BudgetChange,
        *,
        approved_by: str | None,
        trace_id: str | None = None,
        causation_id: str | None = None,
    ) -> BudgetChange:
        """Apply a budget change if the caps, the exposure limits and the approval rule allow it.

        A change that requires approval is applied only with ``approved_by``. A decided increase meets a
        kill-switch covering the channel: it is 'deferred' (nothing written; :meth:`apply_deferred` applies it
        after the release); decreases (less exposure) are always allowed. Applying the same change id again
        returns the first outcome.

        Returns:
            The change with status 'applied' (and ``decided_by``), 'deferred', or 'refused' (and ``refusal``).
            Either way an ``optimizer.budget_change`` event records it.
        """
        _check_channel(change.channel)
        trace = trace_id or self.trace_of(change.campaign_id)
        key = f"change:{change.id}"
        to_cents = _cents(change.to_amount, "to_amount")
        if change.requires_approval and not approved_by:
            # Not recorded in the ledger: the same change may still be approved later.
            unapproved = change.model_copy(
                update={
                    "status": "refused",
                    "refusal": "requires human approval (above the approval threshold); none given",
                }
            )
            self.events.emit(
                "optimizer.budget_change",
                trace_id=trace,
                campaign_id=change.campaign_id,
                source=SOURCE,
                payload=change_payload(unapproved),
                causation_id=causation_id,
            )
            return unapproved

        def write(conn: Connection) -> BudgetChange:
            existing = self._entry(conn, key)
            if existing:
                return BudgetChange.model_validate(existing.data["change"])
            current = self._allocation_cents(conn, change.campaign_id).get(change.channel, 0)
            refusal = None
            if to_cents > current and (blocked := self.kill_switch.check(change.channel)):
                if approved_by:
                    # Decided, but more exposure must wait for the switch: nothing is written, so the same
                    # change applies once the switch is released (``apply_deferred``).
                    return change.model_copy(
                        update={
                            "status": "deferred",
                            "decided_by": approved_by,
                            "refusal": f"waiting for the kill-switch release: {blocked}",
                        }
                    )
                refusal = f"increase refused: {blocked}"
            else:
                try:
                    check_allocation(
                        self._limits(conn, change.campaign_id, change.channel, None), change.channel, to_cents
                    )
                except CapExceeded as exc:
                    refusal = exc.reason
            decided = change.model_copy(
                update={
                    "status": "refused" if refusal else "applied",
                    "refusal": refusal,
                    "decided_by": approved_by,
                }
            )
            # An applied change is the channel's new allocation; a refused one is kept (kind 'change') for audit.
            self._insert(
                conn,
                key=key,
                kind="change" if refusal else "allocation",
                campaign_id=change.campaign_id,
                channel=change.channel,
                day=None,
                cents=to_cents,
                trace_id=trace,
                data={"change": decided.model_dump(mode="json"), "previous": from_cents(current)},
            )
            return decided

        outcome: BudgetChange = self._write(write)
        payload = change_payload(outcome)
        if outcome.status == "deferred":
            payload["change"] = outcome.model_dump(mode="json")  # what apply_deferred re-applies
        self.events.emit(
            "optimizer.budget_change",
            trace_id=trace,
            campaign_id=change.campaign_id,
            source=SOURCE,
            payload=payload,
            causation_id=causation_id,
            event_id=event_id("ledger", key, outcome.status),
        )
        return outcome

    def apply_deferred(
        self, campaign_id: str, *, trace_id: str | None = None, causation_id: str | None = None
    ) -> list[BudgetChange]:
        """Apply the decided budget changes that waited for a kill-switch release (those still blocked wait on).

        Returns:
            The outcomes of the changes tried now (applied, refused, or still deferred).
        """
        waiting: dict[str, BudgetChange] = {}
        offset = 0
        while batch := self.events.read(
            offset, 1000, campaign_id=campaign_id, types=["optimizer.budget_change"]
        ):
            offset = batch[-1][0]
            for _, event in batch:
                status, change_id = event.payload.get("status"), str(event.payload.get("change_id"))
                if status == "deferred" and event.payload.get("change"):
                    waiting[change_id] = BudgetChange.model_validate(event.payload["change"])
                elif status in ("applied", "refused"):
                    waiting.pop(change_id, None)
        outcomes = []
        for change in waiting.values():
            with self._db.read() as conn:
                decided = self._entry(conn, f"change:{change.id}") is not None
                current = self._allocation_cents(conn, change.campaign_id).get(change.channel, 0)
            if decided or self.kill_switch.check(change.channel):
                continue
            if current != _cents(change.from_amount, "from_amount"):
                # The decision was about another starting budget: it is not applied to this one.
                stale = change.model_copy(
                    update={
                        "status": "refused",
                        "refusal": "the channel's budget changed while the change waited for the"
                        " kill-switch release; the optimizer proposes again",
                    }
                )
                self.events.emit(
                    "optimizer.budget_change",
                    trace_id=trace_id or self.trace_of(campaign_id),
                    campaign_id=campaign_id,
                    source=SOURCE,
                    payload=change_payload(stale),
                    causation_id=causation_id,
                    event_id=event_id("ledger", "change", change.id, "stale"),
                )
                outcomes.append(stale)
                continue
            pending = change.model_copy(update={"status": "pending_approval", "refusal": None})
            outcomes.append(
                self.apply_change(
                    pending, approved_by=change.decided_by, trace_id=trace_id, causation_id=causation_id
                )
            )
        return outcomes


def change_payload(change: BudgetChange) -> dict[str, Any]:
    """The ``optimizer.budget_change`` event payload of a change."""
    return {
        "change_id": change.id,
        "channel": change.channel,
        "variant": change.variant,
        "from_amount": change.from_amount,
        "to_amount": change.to_amount,
        "delta_pct": change.delta_pct,
        "status": change.status,
        "requires_approval": change.requires_approval,
        "reason": change.reason,
        "refusal": change.refusal,
        "decided_by": change.decided_by,
    }


def _row_entry(row: tuple[Any, ...]) -> LedgerEntry:
    seq, key, kind, campaign_id, channel, day, cents, trace_id, ts, data = row
    return LedgerEntry(
        int(seq), key, kind, campaign_id, channel, day, from_cents(int(cents)), trace_id, ts, json.loads(data)
    )
