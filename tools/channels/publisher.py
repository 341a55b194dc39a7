"""The Publisher: exactly-once publishing of approved assets through channel connectors.

Every publish is recorded in the program store under its idempotency key BEFORE the side effect
(``in_flight``, unique key, leased), and marked ``published`` with the receipt after it. A retry, a resume, a
second process or a second run finds the row and returns it without calling the connector; a row found in
flight after a crash is reconciled by asking the connector (when it can say) and otherwise held for a manual
check, never re-sent blindly. The kill-switch is checked before every side effect, the spend ledger is
committed before publishing, transient errors are retried with backoff and jitter, and a circuit breaker per
channel refuses fast while a channel keeps failing.

Spend committed to the ledger before a publish that then fails stays committed: a re-attempt reuses the same
idempotency key, so it is never counted twice, and an operator reverses it with the ledger's ``correct()``.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from graph.contracts import Event, Program, Receipt
from graph.contracts.ids import event_id
from tools.channels.base import (
    ChannelError,
    Connector,
    PermanentChannelError,
    Reconcilable,
    Reporting,
    TransientChannelError,
)
from tools.channels.lease import holder_gone, process_owner_id
from tools.channels.request import PublishRequest, parse_slot
from tools.channels.resilience import CircuitBreaker, RetryPolicy
from tools.channels.sla import check_sla
from tools.channels.store import ProgramRecord, ProgramStore
from tools.events import EventLog
from tools.ingest.pipeline import ingest_results
from tools.ingest.resolve import ProgramDirectory
from tools.killswitch import KillSwitch, KillSwitchEngaged

SOURCE = "orchestrator"


class SpendLedger(Protocol):
    """What the publisher needs of the spend ledger: commit an amount under an idempotency key."""

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
    ) -> Any:
        """Commit spend once per key (a repeat returns the first entry); raise ``CapExceeded`` to refuse it."""
        ...


def _counts(metrics: Mapping[str, Any]) -> dict[str, int]:
    """Result counts of a connector's metrics dict (sends, delivered, opens, clicks, conversions...)."""
    sends, delivered = int(metrics.get("sends") or 0), int(metrics.get("delivered") or 0)
    return {
        "delivered": delivered,
        "bounce": max(0, sends - delivered),
        "open": int(metrics.get("opens") or 0),
        "click": int(metrics.get("clicks") or 0),
        "conversion": int(metrics.get("conversions") or 0),
        "unsubscribe": int(metrics.get("unsubscribes") or 0),
    }


def _ledger_refusal(exc: Exception) -> str | None:
    """Return why the ledger refused spend (a ``CapExceeded``, or a kill-switch it saw), else None."""
    if isinstance(exc, KillSwitchEngaged):
        return str(exc)
    if any(c.__name__ == "CapExceeded" for c in type(exc).__mro__):
        return f"spend cap: {getattr(exc, 'reason', '') or exc}"
    return None


@dataclass
class _Outcome:
    receipt: Receipt | None = None
    attempts: int = 0
    blocked: str | None = None
    failed: str | None = None


class Publisher:
    """Publishes :class:`PublishRequest` items exactly once through per-channel connectors."""

    def __init__(
        self,
        *,
        store_path: Path | str,
        connectors: Mapping[str, Connector],
        kill_switch: KillSwitch,
        events: EventLog,
        ledger: SpendLedger | None = None,
        clock: Callable[[], datetime] | None = None,
        sleep: Callable[[float], None] | None = None,
        retry: RetryPolicy | None = None,
        rng: random.Random | None = None,
        breaker_threshold: int = 5,
        breaker_reset_s: float = 60.0,
        lease_s: float = 300.0,
        sla_grace: timedelta = timedelta(hours=1),
        owner: str | None = None,
    ) -> None:
        """Create a publisher.

        Args:
            store_path: SQLite file of the program store (shared by every publisher of the state directory).
            connectors: Connector per channel name.
            kill_switch: Kill-switch checked before every side effect.
            events: Event log the publisher writes to.
            ledger: Spend ledger committed before each publish with budget > 0 (None: no spend control).
            clock: Returns the current aware UTC datetime (also drives the breaker and leases).
            sleep: Sleeps between retries (inject a recorder in tests).
            retry: Retry policy for transient errors.
            rng: Random source of the jitter.
            breaker_threshold: Consecutive transient failures that open a channel's circuit.
            breaker_reset_s: Seconds an open circuit waits before a half-open trial.
            lease_s: Seconds an in-flight claim is held before another process may reconcile it.
            sla_grace: Grace after a slot's deadline before an unpublished item is late.
            owner: Lease owner id of this publisher (default: a fresh uuid).
        """
        self.store = ProgramStore(store_path)
        self.connectors = dict(connectors)
        self.kill_switch = kill_switch
        self.events = events
        self.ledger = ledger
        self._clock = clock or (lambda: datetime.now(UTC))
        self._sleep = sleep or time.sleep
        self.retry = retry or RetryPolicy()
        self._rng = rng or random.Random()
        self.breaker = CircuitBreaker(
            breaker_threshold, breaker_reset_s, monotonic=lambda: self._clock().timestamp()
        )
        self.lease_s = lease_s
        self.sla_grace = sla_grace
        self.owner = owner or process_owner_id()  # host:pid:start: a claimer sees at once when we are gone

    # ----------------------------------------------------------------------------------------- publish
    def publish(self, req: PublishRequest, *, causation_id: str | None = None) -> Program:
        """Publish one item exactly once; return its program.

        A published, cancelled or unknown-outcome program, or one in flight in another publisher, is returned as
        stored without calling the connector; a scheduled, blocked or failed one (nothing was delivered) is
        attempted now; one left in flight by a crashed publisher is reconciled first.

        Raises:
            ValueError: when no connector is configured for the request's channel.
        """
        connector = self._connector(req.channel)
        key = req.key
        self.store.ensure(self._values(req), self._now())
        claimed = self.store.claim(key, self.owner, self._clock().timestamp(), self.lease_s, self._now())
        if claimed is None:
            return self._settled(key, causation_id)
        rec, previous = claimed
        if previous == "in_flight":
            settled = self._reconcile(req, rec, connector, causation_id)
            if settled is not None:
                return settled
        return self._publish_claimed(req, rec, connector, causation_id)

    def publish_settled(
        self, req: PublishRequest, *, causation_id: str | None = None, wait_s: float | None = None
    ) -> Program:
        """Publish one item and return it in a final state: wait out another live publisher holding it.

        ``publish`` returns an item another publisher holds as it stands (``scheduled`` while in flight); a launch
        must not report an item it cannot vouch for. This polls until the holder settles it or is gone (then it
        is reconciled here), for at most ``wait_s`` (default: one lease, after which any lease has expired).
        """
        deadline = time.monotonic() + (self.lease_s + 1.0 if wait_s is None else wait_s)
        delay = 0.05
        while True:
            program = self.publish(req, causation_id=causation_id)
            rec = self.store.get(req.key)
            if rec is None or rec.state != "in_flight" or time.monotonic() >= deadline:
                return program
            time.sleep(delay)
            delay = min(1.0, delay * 2)

    def reconcile_stale(self, campaign_id: str | None = None) -> list[Program]:
        """Settle every ``in_flight`` row whose holder is gone (dead process on this host, or lease expired).

        Each is claimed and reconciled like a crashed publish (the connector is asked by idempotency key; a
        connector that cannot say gets a manual check, never a blind re-send). The scheduler calls this every pass.
        """
        now_s = self._clock().timestamp()
        stale = [
            r
            for r in self.store.by_campaign(campaign_id, ("in_flight",))
            if (r.lease_until or 0.0) < now_s or holder_gone(r.lease_owner)
        ]
        return [self.publish(PublishRequest.model_validate_json(r.request)) for r in stale]

    def _publish_claimed(
        self, req: PublishRequest, rec: ProgramRecord, connector: Connector, causation_id: str | None
    ) -> Program:
        key = rec.idempotency_key
        reason = self.kill_switch.check(req.channel, req.region)
        if reason:
            return self._blocked(rec, reason, 0, causation_id)
        if self.breaker.state(req.channel) == "open":
            return self._failed(rec, self._circuit_reason(req.channel), 0, causation_id)
        if self.ledger is not None and req.budget > 0:
            try:
                self.ledger.commit(
                    campaign_id=req.campaign_id,
                    channel=req.channel,
                    amount=req.budget,
                    day=parse_slot(req.slot).date().isoformat(),
                    key=key,
                    trace_id=req.trace_id,
                    region=req.region,
                )
            except Exception as exc:
                refusal = _ledger_refusal(exc)
                if refusal is None:
                    self._failed(rec, f"spend ledger error: {type(exc).__name__}: {exc}", 0, causation_id)
                    raise
                return self._blocked(rec, refusal, 0, causation_id)
        item = req.item()
        try:
            outcome = self._with_retries(rec, lambda: connector.publish(item), causation_id, lease=True)
        except Exception as exc:  # the connector broke mid-call: whether it delivered is unknown
            self._needs_check(
                rec, f"connector raised {type(exc).__name__}: {exc}; outcome unknown", 0, causation_id
            )
            raise
        if outcome.blocked:
            return self._blocked(rec, outcome.blocked, outcome.attempts, causation_id)
        if outcome.failed or outcome.receipt is None:
            return self._failed(rec, outcome.failed or "no receipt", outcome.attempts, causation_id)
        done = self.store.update(
            key, self._now(), state="published", reason="", receipt=outcome.receipt, attempts=outcome.attempts
        )
        self._emit_published(done, outcome.receipt, causation_id)
        return done.to_program()

    def _with_retries(
        self, rec: ProgramRecord, call: Callable[[], Receipt], causation_id: str | None, *, lease: bool
    ) -> _Outcome:
        """Call ``call`` with the kill-switch and breaker checked before each attempt and backoff between."""
        out = _Outcome()
        channel, region = rec.channel, rec.region
        for attempt in range(1, self.retry.max_attempts + 1):
            reason = self.kill_switch.check(channel, region)
            if reason:
                out.blocked = reason
                return out
            if not self.breaker.allow(channel):
                out.failed = self._circuit_reason(channel)
                return out
            out.attempts += 1
            try:
                with self._heartbeat(rec.idempotency_key) if lease else nullcontext():
                    out.receipt = call()
            except TransientChannelError as exc:
                opened = self.breaker.record_failure(channel)
                if opened:
                    self.events.emit(
                        "channel.circuit_open",
                        trace_id=rec.trace_id,
                        campaign_id=rec.campaign_id,
                        source=SOURCE,
                        causation_id=causation_id,
                        payload={
                            "channel": channel,
                            "threshold": self.breaker.threshold,
                            "reset_after_s": self.breaker.reset_after_s,
                            "error": str(exc),
                        },
                    )
                if opened or attempt == self.retry.max_attempts:
                    out.failed = f"transient error after {out.attempts} attempt(s): {exc}"
                    if opened:
                        out.failed += f"; {self._circuit_reason(channel)}"
                    return out
                delay = self.retry.delay(attempt, self._rng, exc.retry_after_s)
                self.events.emit(
                    "orchestrator.retry",
                    trace_id=rec.trace_id,
                    campaign_id=rec.campaign_id,
                    source=SOURCE,
                    causation_id=causation_id,
                    event_id=event_id("retry", rec.idempotency_key, rec.attempts + out.attempts),
                    payload={
                        "program_id": rec.program_id,
                        "attempt": rec.attempts + out.attempts,
                        "delay_s": round(delay, 6),
                        "error": str(exc),
                    },
                )
                self._sleep(delay)
                continue
            except PermanentChannelError as exc:
                self.breaker.record_success(channel)  # the channel answered: it is up, the item is bad
                out.failed = f"permanent error: {exc}"
                return out
            self.breaker.record_success(channel)
            return out
        out.failed = "no attempt made"
        return out

    @contextmanager
    def _heartbeat(self, key: str) -> Iterator[None]:
        """Hold the in-flight lease for as long as a connector call runs (a long SMTP send included).

        The lease is renewed now and then every third of ``lease_s`` from a helper thread; if this process dies,
        the renewals stop and another publisher may reconcile the row once the lease runs out.
        """
        self.store.renew(key, self.owner, self._clock().timestamp() + self.lease_s)
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(self.lease_s / 3):
                self.store.renew(key, self.owner, self._clock().timestamp() + self.lease_s)

        thread = threading.Thread(target=beat, name=f"lease-{key[:8]}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def _reconcile(
        self, req: PublishRequest, rec: ProgramRecord, connector: Connector, causation_id: str | None
    ) -> Program | None:
        """Settle a row a crashed publisher left in flight; None means "not delivered, publish it now"."""
        if not isinstance(connector, Reconcilable):
            return self._needs_check(
                rec,
                f"was in flight when a previous run stopped; {connector.name} cannot say whether it "
                "delivered: check manually (never re-sent automatically)",
                0,
                causation_id,
            )
        try:
            receipt = connector.lookup(rec.idempotency_key)
        except ChannelError as exc:
            self.store.renew(rec.idempotency_key, self.owner, 0.0)  # leave it to the next reconcile
            return self.store.update(
                rec.idempotency_key,
                self._now(),
                state="in_flight",
                reason=f"reconcile pending: lookup failed: {exc}",
            ).to_program()
        if receipt is None:
            return None
        done = self.store.update(
            rec.idempotency_key, self._now(), state="published", reason="", receipt=receipt
        )
        self._emit_published(done, receipt, causation_id)
        return done.to_program()

    def _settled(self, key: str, causation_id: str | None) -> Program:
        rec = self.store.get(key)
        assert rec is not None
        if rec.state == "published" and rec.receipts:
            self._emit_published(rec, rec.receipts[-1], causation_id)  # same event id: a no-op if logged
        return rec.to_program()

    # ------------------------------------------------------------------------------------------- cancel
    def cancel(self, idempotency_key: str, *, causation_id: str | None = None) -> Program:
        """Cancel a program: it will never publish; a scheduled or running item is cancelled at the channel.

        Cancelling is allowed while a kill-switch is on (it only stops things).

        Raises:
            KeyError: when no program has this key.
            ChannelError: when the channel refuses to cancel (the program keeps its state).
            RuntimeError: when the program is being published right now, or its outcome is unknown.
        """
        rec = self.store.get(idempotency_key)
        if rec is None:
            raise KeyError(f"no program with idempotency key {idempotency_key!r}")
        if rec.state == "cancelled":
            return rec.to_program()
        if rec.state == "unknown":
            raise RuntimeError(
                f"program {rec.program_id}: outcome unknown; check the channel before cancelling"
            )
        previous = rec.state
        if rec.state != "published":
            claimed = self.store.claim(
                idempotency_key, self.owner, self._clock().timestamp(), self.lease_s, self._now()
            )
            if claimed is None:
                raise RuntimeError(
                    f"program {rec.program_id} is being published right now; cancel it after it settles"
                )
            rec, previous = claimed
            if previous == "in_flight":  # a crashed publish: find out whether it delivered first
                settled = self._reconcile(
                    PublishRequest.model_validate_json(rec.request),
                    rec,
                    self._connector(rec.channel),
                    causation_id,
                )
                rec = self.store.get(idempotency_key) or rec
                if settled is not None and rec.state != "published":
                    raise RuntimeError(f"program {rec.program_id}: {rec.reason}")
                previous = rec.state if rec.state == "published" else "scheduled"
        receipt = None
        if rec.receipts:
            try:
                receipt = self._connector(rec.channel).cancel(rec.receipts[-1].external_id)
            except ChannelError:
                self.store.update(idempotency_key, self._now(), state=previous)
                raise
        done = self.store.update(
            idempotency_key, self._now(), state="cancelled", reason="cancelled", receipt=receipt
        )
        self.events.emit(
            "orchestrator.cancelled",
            trace_id=done.trace_id,
            campaign_id=done.campaign_id,
            source=SOURCE,
            causation_id=causation_id,
            event_id=event_id("cancelled", idempotency_key),
            payload={
                **self._ids(done),
                "idempotency_key": idempotency_key,
                "was": previous,
                "external_id": receipt.external_id if receipt else None,
            },
        )
        return done.to_program()

    # ----------------------------------------------------------------------------------- reads, SLA, metrics
    def programs(self, campaign_id: str) -> list[Program]:
        """Return the programs of a campaign in slot order."""
        return [r.to_program() for r in self.store.by_campaign(campaign_id)]

    def check_sla(self, campaign_id: str, *, now: datetime | None = None) -> list[Event]:
        """Raise ``sla.breach`` events and alert records for late or failed programs; return the new ones."""
        return check_sla(self.store, self.events, campaign_id, now=now or self._clock(), grace=self.sla_grace)

    def collect_metrics(self, campaign_id: str, day: int, *, causation_id: str | None = None) -> list[Event]:
        """Pull day ``day``'s results of every published program on a reporting channel into the event log.

        Each connector's figures become result events (``result.<type>``, ``source`` = the connector's name,
        deterministic ids per program, day and type, so a repeat appends nothing) that the Optimizer and Analytics
        read like any other results. Sandbox programs are skipped: the sandbox writes its own results while the
        optimizer runs the day. A channel that cannot report gets one ``channel.metrics_unavailable`` event.
        Returns the events appended now.
        """
        out: list[Event] = []
        records = [
            r
            for r in self.store.by_campaign(campaign_id, ("published",))
            if r.receipts and r.receipts[-1].connector != "sandbox"
        ]
        directory = ProgramDirectory.from_records(records)
        for rec in records:
            receipt = rec.receipts[-1]
            connector = self._connector(rec.channel)
            if not isinstance(connector, Reporting):
                continue  # the channel reports no results (the sandbox writes its own)
            try:
                metrics = connector.fetch_metrics(receipt.external_id, day)
            except ChannelError as exc:
                out.append(
                    self.events.emit(
                        "channel.metrics_unavailable",
                        trace_id=rec.trace_id,
                        campaign_id=rec.campaign_id,
                        source=SOURCE,
                        causation_id=causation_id,
                        event_id=event_id("metrics_unavailable", rec.idempotency_key, day),
                        payload={**self._ids(rec), "variant": rec.variant, "day": day, "error": str(exc)},
                    )
                )
                continue
            at = (parse_slot(rec.slot) + timedelta(days=day)).replace(hour=12, minute=0, second=0).isoformat()
            base = f"{receipt.connector}-{event_id('results', rec.idempotency_key)[:18]}-d{day}"
            rows: list[dict[str, Any]] = [
                {
                    "id": f"{base}-{kind}",
                    "program_id": rec.program_id,
                    "type": kind,
                    "at": at,
                    "count": int(n),
                }
                for kind, n in _counts(metrics).items()
                if int(n) > 0
            ]
            for kind, key in (("cost", "spend"), ("revenue", "revenue")):
                if float(metrics.get(key) or 0) > 0:
                    rows.append(
                        {
                            "id": f"{base}-{kind}",
                            "program_id": rec.program_id,
                            "type": kind,
                            "at": at,
                            "amount": float(metrics[key]),
                        }
                    )
            before = self.events.count(campaign_id=rec.campaign_id)
            ingest_results(
                enumerate(rows, 1),
                events=self.events,
                directory=directory,
                ledger=None,
                source=receipt.connector,
                label=f"{receipt.connector} metrics of {rec.program_id}",
            )
            if self.events.count(campaign_id=rec.campaign_id) > before:
                ids = {"result:" + r["id"] for r in rows}
                out += [
                    e for _, e in self.events.read(0, 100_000, campaign_id=rec.campaign_id) if e.id in ids
                ]
        return out

    # ---------------------------------------------------------------------------------------- helpers
    def _connector(self, channel: str) -> Connector:
        try:
            return self.connectors[channel]
        except KeyError:
            raise ValueError(
                f"no connector configured for channel {channel!r} "
                f"(configured: {', '.join(sorted(self.connectors)) or 'none'})"
            ) from None

    def _now(self) -> str:
        return self._clock().isoformat()

    def _circuit_reason(self, channel: str) -> str:
        return f"circuit open for {channel} (next trial in {self.breaker.retry_in(channel):.0f}s)"

    @staticmethod
    def _values(req: PublishRequest) -> dict[str, Any]:
        return {
            "idempotency_key": req.key,
            "program_id": req.program_id,
            "campaign_id": req.campaign_id,
            "trace_id": req.trace_id,
            "channel": req.channel,
            "region": req.region,
            "variant": req.variant,
            "asset_id": req.asset.id,
            "asset_version": req.asset.version,
            "list_id": req.list_id,
            "segment_key": req.segment_key,
            "slot": req.slot,
            "audience": req.audience,
            "budget": req.budget,
            "request": req.model_dump_json(),
        }

    @staticmethod
    def _ids(rec: ProgramRecord) -> dict[str, Any]:
        return {"program_id": rec.program_id, "channel": rec.channel, "region": rec.region}

    def _emit_published(self, rec: ProgramRecord, receipt: Receipt, causation_id: str | None) -> None:
        self.events.emit(
            "orchestrator.published",
            trace_id=rec.trace_id,
            campaign_id=rec.campaign_id,
            source=SOURCE,
            causation_id=causation_id,
            event_id=event_id("published", rec.idempotency_key),
            payload={
                **self._ids(rec),
                "idempotency_key": rec.idempotency_key,
                "variant": rec.variant,
                "asset_id": rec.asset_id,
                "asset_version": rec.asset_version,
                "list_id": rec.list_id,
                "audience": rec.audience,
                "budget": rec.budget,
                "connector": receipt.connector,
                "external_id": receipt.external_id,
                "slot": rec.slot,
            },
        )

    def _blocked(self, rec: ProgramRecord, reason: str, attempts: int, causation_id: str | None) -> Program:
        done = self.store.update(
            rec.idempotency_key, self._now(), state="blocked", reason=reason, attempts=attempts
        )
        self.events.emit(
            "orchestrator.blocked",
            trace_id=rec.trace_id,
            campaign_id=rec.campaign_id,
            source=SOURCE,
            causation_id=causation_id,
            event_id=event_id("blocked", rec.idempotency_key, rec.claims),
            payload={**self._ids(rec), "reason": reason},
        )
        return done.to_program()

    def _failed(self, rec: ProgramRecord, reason: str, attempts: int, causation_id: str | None) -> Program:
        done = self.store.update(
            rec.idempotency_key, self._now(), state="failed", reason=reason, attempts=attempts
        )
        self.events.emit(
            "orchestrator.failed",
            trace_id=rec.trace_id,
            campaign_id=rec.campaign_id,
            source=SOURCE,
            causation_id=causation_id,
            event_id=event_id("failed", rec.idempotency_key, rec.claims),
            payload={**self._ids(rec), "reason": reason, "attempts": done.attempts},
        )
        return done.to_program()

    def _needs_check(
        self, rec: ProgramRecord, reason: str, attempts: int, causation_id: str | None
    ) -> Program:
        done = self.store.update(
            rec.idempotency_key, self._now(), state="unknown", reason=reason, attempts=attempts
        )
        self.events.emit(
            "orchestrator.needs_check",
            trace_id=rec.trace_id,
            campaign_id=rec.campaign_id,
            source=SOURCE,
            causation_id=causation_id,
            event_id=event_id("needs_check", rec.idempotency_key, rec.claims),
            payload={**self._ids(rec), "idempotency_key": rec.idempotency_key, "reason": reason},
        )
        return done.to_program()
