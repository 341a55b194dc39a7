"""The SLA check per scheduled item: late or failed items become ``sla.breach`` events and alert records."""

from __future__ import annotations

from datetime import datetime, timedelta

from graph.contracts import Event
from graph.contracts.ids import event_id
from tools.channels.request import slot_deadline
from tools.channels.store import Alert, ProgramStore
from tools.events import EventLog

PENDING = ("scheduled", "in_flight", "blocked")
"""States that are late once the slot deadline plus grace has passed."""
FAILED = ("failed", "unknown")
"""States that breach at once (failed, or outcome unknown after a crash)."""


def check_sla(
    store: ProgramStore, events: EventLog, campaign_id: str, *, now: datetime, grace: timedelta
) -> list[Event]:
    """Raise a breach for every program of a campaign that is late or failed; return the new breaches.

    A program is late when it is still scheduled, in flight or blocked after its slot's deadline (end of day
    for a date slot) plus ``grace``, or was published after it; failed (or of unknown outcome) programs breach at once. Each program
    breaches at most once per kind: re-running the check appends nothing and returns nothing new.

    Args:
        store: Program store.
        events: Event log receiving ``sla.breach`` events (source "orchestrator").
        campaign_id: Campaign to check.
        now: Current aware datetime.
        grace: Grace after the deadline before a pending program counts as late.
    """
    new: list[Event] = []
    for rec in store.by_campaign(campaign_id, PENDING + FAILED + ("published",)):
        due = slot_deadline(rec.slot) + grace
        if rec.state in FAILED:
            kind = "failed"
        elif rec.state == "published":
            if not rec.receipts or datetime.fromisoformat(rec.receipts[-1].at) <= due:
                continue
            kind = "late"  # delivered, but after its deadline
        elif now > due:
            kind = "late"
        else:
            continue
        alert = Alert(
            program_id=rec.program_id,
            kind=kind,
            campaign_id=rec.campaign_id,
            channel=rec.channel,
            region=rec.region,
            due=due.isoformat(),
            at=now.isoformat(),
            detail={"state": rec.state, "reason": rec.reason, "slot": rec.slot},
        )
        event = events.emit(  # deterministic id: emitted before the alert so a crash between them heals
            "sla.breach",
            trace_id=rec.trace_id,
            campaign_id=rec.campaign_id,
            source="orchestrator",
            event_id=event_id(rec.idempotency_key, kind),
            payload={
                "program_id": rec.program_id,
                "channel": rec.channel,
                "region": rec.region,
                "kind": kind,
                "due": alert.due,
                "at": alert.at,
                "state": rec.state,
                "reason": rec.reason,
            },
        )
        if store.add_alert(alert):
            new.append(event)
    return new
