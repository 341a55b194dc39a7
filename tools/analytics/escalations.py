"""What went to a human: the one list the scorecard's escalation rate and the audit trail both come from.

An escalation is an item a person had to decide: a governance exception routed to a human (one per subject,
however many findings or revision rounds it had) or a budget change that waited for approval (one per change).
The items that could have been escalated are the governed subjects (assets, lists, the blueprint) and the
budget changes the optimizer proposed, so the rate is escalated items / decided items.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.contracts import Event


@dataclass(frozen=True)
class Escalation:
    """One item that went to a human.

    Attributes:
        key: Stable identity of the item ('asset:<id>', 'list:<id>', 'budget:<change id>', ...).
        kind: 'governance' or 'budget'.
        what: The item in words.
        why: The reasons given to the human.
        at: When it was first escalated (event timestamp).
        outcome: How it ended: the human decision, or 'waiting for a decision'.
    """

    key: str
    kind: str
    what: str
    why: str
    at: str
    outcome: str


def escalations(events: Iterable[Event]) -> list[Escalation]:
    """Every distinct item escalated to a human, in the order it was first escalated, with its outcome."""
    found: dict[str, Escalation] = {}
    outcomes: dict[str, str] = {}
    by_exception: dict[str, str] = {}
    for e in events:
        p = e.payload
        if e.type == "governance.exception" and p.get("route") == "human":
            key = f"{p.get('subject_type')}:{p.get('subject_id')}"
            by_exception[str(p.get("exception_id"))] = key
            if key not in found:
                found[key] = Escalation(
                    key,
                    "governance",
                    f"{p.get('subject_type')} {p.get('subject_id')}",
                    "; ".join(p.get("reasons") or []),
                    e.ts[:19],
                    "waiting for a decision",
                )
        elif e.type == "optimizer.budget_change":
            key = f"budget:{p.get('change_id')}"
            status = str(p.get("status"))
            if status == "pending_approval" and key not in found:
                found[key] = Escalation(
                    key,
                    "budget",
                    f"budget {p.get('channel')}",
                    str(p.get("reason", "")),
                    e.ts[:19],
                    "waiting for a decision",
                )
            elif key in found and status != "pending_approval":
                by = f" by {p['decided_by']}" if p.get("decided_by") else ""
                outcomes[key] = f"{status}{by}"
        elif e.type == "human.decision" and p.get("kind") == "exceptions":
            decided = f"{p.get('decision')} by {p.get('approver')}"
            per_item = p.get("item_decisions") or {}  # one decision per item (graph.review.decisions)
            for item in p.get("items") or []:
                key = by_exception.get(str(item), str(item))
                if key in found:
                    own = per_item.get(key.split(":", 1)[-1])
                    outcomes[key] = f"{own['decision']} by {p.get('approver')}" if own else decided
    return [item if item.key not in outcomes else _with(item, outcomes[item.key]) for item in found.values()]


def decided_items(events: Iterable[Event]) -> int:
    """Items that could have been escalated: governed subjects (largest governance pass) + budget changes."""
    subjects = 0
    changes: set[str] = set()
    for e in events:
        if e.type == "governance.report":
            subjects = max(subjects, int(e.payload.get("subjects", 0)))
        elif e.type == "optimizer.budget_change" and e.payload.get("change_id"):
            changes.add(str(e.payload["change_id"]))
    return subjects + len(changes)


def escalation_rate(events: Iterable[Event]) -> float | None:
    """Escalated items / decided items; None before anything was decided."""
    log = list(events)
    total = decided_items(log)
    return min(1.0, len(escalations(log)) / total) if total else None


def _with(item: Escalation, outcome: str) -> Escalation:
    return Escalation(item.key, item.kind, item.what, item.why, item.at, outcome)
