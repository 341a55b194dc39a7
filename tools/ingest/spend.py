"""Spend from cost results: every ``result.cost`` event is committed to the ledger once, keyed by its event id.

The ledger keeps its caps and kill-switch: a cost the ledger refuses is money already spent outside Liftoff, so it
is never dropped. It stays in the log (the scorecard counts it), and an alert event ``spend.over_cap`` (id
``over_cap:<event id>``) records the amount, the program and the ledger's reason; the ingest command reports it
and exits non-zero, and the campaign is escalated to a human (engage the kill-switch to pause it). The alert is
also the marker that this cost was seen, so a later sync does not raise it again.

:func:`sync_costs` is derived from the log alone: run it any number of times (after an ingest, before every
optimizer cycle) and the ledger converges to exactly one entry per cost event, even after a crash between the
log append and the ledger commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.contracts import Event
from graph.contracts.ids import event_id
from tools.events import EventLog
from tools.killswitch import KillSwitchEngaged
from tools.spend import CapExceeded, SpendLedger

SOURCE = "ingest"
OVER_CAP = "spend.over_cap"


@dataclass
class CostSync:
    """What one sync did.

    Attributes:
        committed: Cost events newly committed to the ledger.
        amount: Their total.
        refused: ``spend.over_cap`` alert events raised now (one per refused cost).
    """

    committed: int = 0
    amount: float = 0.0
    refused: list[Event] = field(default_factory=list)


def _costs(events: EventLog, campaign_id: str) -> Iterable[Event]:
    offset = 0
    while batch := events.read(offset, 5000, campaign_id=campaign_id, types=["result.cost"]):
        offset = batch[-1][0]
        yield from (e for _, e in batch)


def _alerted(events: EventLog, campaign_id: str) -> set[str]:
    seen: set[str] = set()
    offset = 0
    while batch := events.read(offset, 5000, campaign_id=campaign_id, types=[OVER_CAP]):
        offset = batch[-1][0]
        seen.update(str(e.payload.get("event_id")) for _, e in batch)
    return seen


def sync_costs(events: EventLog, ledger: SpendLedger, campaign_id: str) -> CostSync:
    """Commit every cost event of a campaign the ledger does not hold yet; alert on the ones it refuses."""
    done = {entry.key for entry in ledger.entries(campaign_id, "spend")} | _alerted(events, campaign_id)
    out = CostSync()
    for event in _costs(events, campaign_id):
        if event.id in done:
            continue
        p = event.payload
        amount = float(p.get("amount") or 0.0)
        if amount < 0.01:
            continue  # nothing to record: a zero-cost line
        try:
            ledger.commit(
                campaign_id=campaign_id,
                channel=str(p["channel"]),
                amount=amount,
                day=str(p["date"]),
                key=event.id,
                trace_id=event.trace_id,
                region=p.get("region"),
            )
        except (CapExceeded, KillSwitchEngaged) as exc:
            reason = exc.reason if isinstance(exc, CapExceeded) else str(exc)
            out.refused.append(
                events.emit(
                    OVER_CAP,
                    trace_id=event.trace_id,
                    campaign_id=campaign_id,
                    source=SOURCE,
                    causation_id=event.id,
                    event_id=event_id("over_cap", event.id),
                    payload={
                        "event_id": event.id,
                        "result_id": p.get("result_id"),
                        "program_id": p.get("program_id"),
                        "channel": p.get("channel"),
                        "region": p.get("region"),
                        "date": p.get("date"),
                        "amount": amount,
                        "currency": p.get("currency"),
                        "reason": reason,
                        "refused_by": "kill_switch" if isinstance(exc, KillSwitchEngaged) else "cap",
                        "action": "escalated: spent outside Liftoff beyond its limit; pause with `liftoff kill-switch`",
                    },
                )
            )
            continue
        done.add(event.id)
        out.committed += 1
        out.amount = round(out.amount + amount, 2)
    return out
