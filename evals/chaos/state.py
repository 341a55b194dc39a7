"""What a campaign's stores say after a run: the facts the chaos suite compares between runs."""

from __future__ import annotations

import collections
from dataclasses import dataclass, field
from typing import Any

from graph.runtime.settings import Settings

FINAL_PROGRAM_STATES = frozenset({"published", "blocked", "failed", "cancelled", "unknown"})
"""Program store states a launched campaign may hold (``unknown`` = held for a manual check, stated)."""


@dataclass
class CampaignFacts:
    """One campaign's outcome, from its own stores (not from what the CLI printed)."""

    status: str
    reason: str
    programs: dict[str, str] = field(default_factory=dict)
    deliveries: dict[str, int] = field(default_factory=dict)
    events: collections.Counter[str] = field(default_factory=collections.Counter)
    published_events: dict[str, int] = field(default_factory=dict)
    approvers_state: list[str] = field(default_factory=list)
    approvers_events: list[str] = field(default_factory=list)
    spent: float = 0.0
    caps_total: float | None = None
    trace_ids: set[str] = field(default_factory=set)

    @property
    def not_final(self) -> int:
        """Programs in a non-final state (in flight, or scheduled when the launch should have published them)."""
        return sum(state not in FINAL_PROGRAM_STATES for state in self.programs.values())

    @property
    def duplicate_publishes(self) -> int:
        """Deliveries beyond one per idempotency key, plus published events beyond one per key."""
        return sum(n - 1 for n in self.deliveries.values() if n > 1) + sum(
            n - 1 for n in self.published_events.values() if n > 1
        )

    @property
    def cap_breach(self) -> bool:
        """Spend above the campaign's total cap."""
        return self.caps_total is not None and self.spent > self.caps_total + 0.005


def facts(settings: Settings, campaign_id: str) -> CampaignFacts:
    """Read a campaign's status, programs, deliveries, events, approvers and spend from its home."""
    from graph.runtime.runner import Campaigns
    from tools.channels.outbox import Outbox

    campaigns = Campaigns(settings)
    try:
        result = campaigns.result(campaign_id)
        svc = campaigns.services
        out = CampaignFacts(result.status, result.reason)
        out.programs = {r.idempotency_key: r.state for r in svc.publisher.store.by_campaign(campaign_id)}
        outbox_path = settings.path("outbox.db")
        if outbox_path.exists():
            out.deliveries = dict(
                collections.Counter(
                    e.idempotency_key
                    for e in Outbox(outbox_path).entries(campaign_id)
                    if e.status == "published"
                )
            )
        events = [e for _, e in svc.events.read(0, 100_000, campaign_id=campaign_id)]
        out.events = collections.Counter(e.type for e in events)
        out.trace_ids = {e.trace_id for e in events}
        out.published_events = dict(
            collections.Counter(
                str(e.payload.get("idempotency_key")) for e in events if e.type == "orchestrator.published"
            )
        )
        out.approvers_state = [
            str(d.get("approver", "")) for d in result.values.get("decisions") or [] if isinstance(d, dict)
        ]
        out.approvers_events = [
            str(e.payload.get("approver", ""))
            for e in events
            if e.type == "human.decision" and e.payload.get("approver")
        ]
        out.spent = svc.ledger.spent(campaign_id)
        caps = svc.ledger.caps(campaign_id)
        out.caps_total = caps.total if caps is not None else None
        return out
    finally:
        campaigns.close()
        from graph.runtime.services import release

        release(settings)


def event_diff(
    base: collections.Counter[str], got: collections.Counter[str], ignore: frozenset[str] = frozenset()
) -> tuple[int, int]:
    """(missing, duplicate) event counts of ``got`` against an uninterrupted run's ``base``, by type."""
    missing = sum(max(0, n - got.get(t, 0)) for t, n in base.items() if t not in ignore)
    extra = sum(max(0, n - base.get(t, 0)) for t, n in got.items() if t not in ignore)
    return missing, extra


def summary(f: CampaignFacts) -> dict[str, Any]:
    """A JSON-safe one-line view of the facts."""
    return {
        "status": f.status,
        "programs": len(f.programs),
        "not_final": f.not_final,
        "duplicate_publishes": f.duplicate_publishes,
        "cap_breach": f.cap_breach,
        "events": sum(f.events.values()),
    }
