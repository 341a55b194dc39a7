"""Rollback: pause or roll back a live program (per channel, region or variant) to its last approved state.

Under the campaign lock, for every program in scope:

1. its scheduled sends are cancelled at the channel (``Publisher.cancel``: a scheduled item never goes out, a
   running flight or recurring send stops; the optimizer no longer spends on it);
2. (rollback, not pause) the allocation of its channel returns to the last *approved* allocation: the
   blueprint's plan, or the latest change a human approved. Changes the
   optimizer applied on its own since then are undone through the ledger (a ``BudgetChange`` decided by the
   person rolling back; caps and kill-switch still apply, and an allocation never goes below what is spent).

Every step is an event (``lifecycle.rollback_started``, ``lifecycle.rollback_cancelled``,
``lifecycle.rollback_allocation``, ``lifecycle.rollback_needs_check``, ``lifecycle.rollback_completed``). A
rollback is idempotent: run again on the same state it finds nothing to do, writes nothing, and returns the same
result (same ``rollback_id``, same cancelled programs, same allocations).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from graph.contracts import CHANNELS, REGIONS, BudgetChange
from tools.lifecycle.audit import emit
from tools.lifecycle.lock import campaign_lock

ROLLBACK_PREFIX = "rbk-"
"""Prefix of rollback ids and of the ids of the budget changes a rollback makes."""
Mode = Literal["rollback", "pause"]


class RollbackError(ValueError):
    """Bad rollback request (unknown channel/region, nothing in scope); one-line message."""


@dataclass(frozen=True)
class Scope:
    """Which programs a rollback covers (None matches any)."""

    channel: str | None = None
    region: str | None = None
    variant: str | None = None

    def __post_init__(self) -> None:
        if self.channel is not None and self.channel not in CHANNELS:
            raise RollbackError(f"unknown channel {self.channel!r} (known: {', '.join(CHANNELS)})")
        if self.region is not None and self.region not in REGIONS:
            raise RollbackError(f"unknown region {self.region!r} (known: {', '.join(REGIONS)})")
        if self.variant is not None and not self.variant.strip():
            raise RollbackError("variant must not be empty")

    def matches(self, channel: str, region: str, variant: str) -> bool:
        """True when a program of this channel, region and variant is in scope."""
        return all(
            want is None or want == have
            for want, have in ((self.channel, channel), (self.region, region), (self.variant, variant))
        )

    @property
    def label(self) -> str:
        """'channel=paid_social,region=*,variant=*'."""
        return f"channel={self.channel or '*'},region={self.region or '*'},variant={self.variant or '*'}"


@dataclass
class RollbackResult:
    """Where a rollback left the campaign.

    Attributes:
        rollback_id: Stable id of this rollback target (same scope and approved state -> same id).
        campaign_id: Campaign.
        scope: Scope label.
        mode: 'rollback' or 'pause'.
        cancelled: Program ids in scope that are now cancelled.
        needs_check: Program id -> why it could not be cancelled (outcome unknown: check the channel).
        allocation: Channel -> {'approved': last approved amount, 'source': where it comes from, 'to': the
            allocation now, 'restored': whether it is back at the approved amount, 'refusal': why the ledger
            refused to restore it, 'action': what this call did ('restored', 'refused' or 'none')}.
        steps: Side effects this call made (0 on a repeat).
    """

    rollback_id: str
    campaign_id: str
    scope: str
    mode: str
    cancelled: list[str] = field(default_factory=list)
    needs_check: dict[str, str] = field(default_factory=dict)
    allocation: dict[str, dict[str, Any]] = field(default_factory=dict)
    steps: int = 0

    @property
    def noop(self) -> bool:
        """True when nothing needed doing."""
        return self.steps == 0

    def state(self) -> dict[str, Any]:
        """The state reached, without what this call did (equal for a rollback and its repeat)."""
        return {
            "rollback_id": self.rollback_id,
            "campaign_id": self.campaign_id,
            "scope": self.scope,
            "mode": self.mode,
            "cancelled": sorted(self.cancelled),
            "needs_check": dict(self.needs_check),
            "allocation": {
                ch: {k: v for k, v in a.items() if k != "action"} for ch, a in sorted(self.allocation.items())
            },
        }


def _variant(rec: Any) -> str:
    return str(rec.variant or rec.asset_id.rsplit("-", 1)[-1])


def last_approved(ledger: Any, campaign_id: str, channel: str) -> tuple[float, str] | None:
    """The channel's last approved allocation and where it comes from (None when never allocated).

    Approved: the blueprint's plan allocation, or an applied change a person decided (a human approval).
    Changes the optimizer applied by itself are not approvals, and a rollback only restores one.
    """
    found: tuple[float, str] | None = None
    for entry in ledger.entries(campaign_id, kind="allocation"):
        if entry.channel != channel:
            continue
        change = entry.data.get("change")
        if change is None:
            found = (entry.amount, f"plan ({entry.data.get('reason') or 'allocation'})")
        elif str(change.get("id", "")).startswith(ROLLBACK_PREFIX):
            continue  # a rollback restores an approval; it is not a new one
        elif change.get("decided_by"):
            found = (entry.amount, f"change {change['id']} approved by {change['decided_by']}")
    return found


def rollback(
    *,
    campaign_id: str,
    trace_id: str,
    publisher: Any,
    ledger: Any,
    events: Any,
    locks_dir: Path | str,
    scope: Scope,
    by: str,
    mode: Mode = "rollback",
) -> RollbackResult:
    """Pause (cancel sends) or roll back (cancel sends, restore approved allocations) the programs in scope.

    Args:
        campaign_id: Campaign.
        trace_id: Its trace id (events join it).
        publisher: The channel publisher (program store, connectors).
        ledger: The spend ledger.
        events: The event log.
        locks_dir: Directory of the campaign locks.
        scope: Which programs.
        by: Who rolls back (recorded as the deciding person of the allocation changes).
        mode: 'rollback' or 'pause' (pause leaves allocations alone).

    Raises:
        RollbackError: when no program of the campaign is in scope, or ``by`` is empty.
    """
    if not by.strip():
        raise RollbackError("a rollback needs the identity of who asks for it (by)")
    with campaign_lock(locks_dir, campaign_id, purpose=f"{mode} {scope.label}"):
        records = [
            r
            for r in publisher.store.by_campaign(campaign_id)
            if scope.matches(r.channel, r.region, _variant(r))
        ]
        if not records:
            raise RollbackError(f"campaign {campaign_id} has no program matching {scope.label}")
        channels = sorted({r.channel for r in records})
        targets: dict[str, tuple[float, str] | None] = {}
        if mode == "rollback":
            targets = {ch: last_approved(ledger, campaign_id, ch) for ch in channels}
        rid = (
            ROLLBACK_PREFIX
            + hashlib.sha256(
                json.dumps(
                    [
                        campaign_id,
                        scope.label,
                        mode,
                        sorted(r.idempotency_key for r in records),
                        {ch: t[0] if t else None for ch, t in targets.items()},
                    ]
                ).encode()
            ).hexdigest()[:16]
        )
        result = RollbackResult(rid, campaign_id, scope.label, mode)
        todo = [r for r in records if r.state != "cancelled"]
        allocation = ledger.allocation(campaign_id)
        moves = _allocation_moves(ledger, campaign_id, targets, allocation)

        def log(type_: str, key: str, payload: dict[str, Any]) -> None:
            emit(events, type_, campaign_id=campaign_id, trace_id=trace_id, key=key, payload=payload)

        if todo or any(m["to"] != m["from"] for m in moves.values()):
            fingerprint = hashlib.sha256(
                json.dumps(
                    [[r.idempotency_key, r.state] for r in records] + [allocation.get(ch) for ch in channels]
                ).encode()
            ).hexdigest()[:12]
            log(
                "lifecycle.rollback_started",
                f"{rid}:started:{fingerprint}",
                {
                    "rollback_id": rid,
                    "scope": scope.label,
                    "mode": mode,
                    "by": by,
                    "programs": [r.program_id for r in todo],
                    "channels": channels,
                },
            )
        for rec in records:
            if rec.state == "cancelled":
                result.cancelled.append(rec.program_id)
                continue
            ids = {
                "rollback_id": rid,
                "program_id": rec.program_id,
                "channel": rec.channel,
                "region": rec.region,
                "variant": _variant(rec),
            }
            try:
                publisher.cancel(rec.idempotency_key)
            except Exception as exc:  # noqa: BLE001 - reported per program (outcome unknown), never lost
                result.needs_check[rec.program_id] = f"{type(exc).__name__}: {exc}"
                log(
                    "lifecycle.rollback_needs_check",
                    f"{rid}:check:{rec.idempotency_key}:{rec.state}",
                    {**ids, "reason": result.needs_check[rec.program_id]},
                )
                continue
            result.cancelled.append(rec.program_id)
            result.steps += 1
            log(
                "lifecycle.rollback_cancelled",
                f"{rid}:cancel:{rec.idempotency_key}",
                {**ids, "was": rec.state},
            )
        for ch, move in sorted(moves.items(), key=lambda kv: kv[1]["to"] - kv[1]["from"]):  # decreases first
            result.allocation[ch] = _restore(
                ledger, rid, ch, move, scope=scope, by=by, trace_id=trace_id, log=log
            )
            result.steps += int(result.allocation[ch]["action"] == "restored")  # a refusal changes nothing
        if result.steps:
            log(
                "lifecycle.rollback_completed",
                f"{rid}:completed:{result.steps}:{len(result.cancelled)}",
                {**result.state(), "steps": result.steps},
            )
        return result


def _allocation_moves(
    ledger: Any, campaign_id: str, targets: dict[str, tuple[float, str] | None], allocation: dict[str, float]
) -> dict[str, dict[str, Any]]:
    """Per channel: from (current), to (approved, never below spend), approved, source, seq of the latest entry."""
    moves: dict[str, dict[str, Any]] = {}
    entries = ledger.entries(campaign_id, kind="allocation")
    for ch, target in targets.items():
        if target is None:
            continue
        approved, source = target
        current = round(allocation.get(ch, 0.0), 2)
        spent = ledger.spent(campaign_id, ch)
        to = round(max(approved, spent), 2)
        if to != round(approved, 2):
            source += f"; raised to the {spent:,.2f} already spent"
        seq = max((e.seq for e in entries if e.channel == ch), default=0)
        moves[ch] = {
            "from": current,
            "to": to,
            "approved": round(approved, 2),
            "source": source,
            "seq": seq,
            "campaign_id": campaign_id,
        }
    return moves


def _restore(
    ledger: Any,
    rid: str,
    channel: str,
    move: dict[str, Any],
    *,
    scope: Scope,
    by: str,
    trace_id: str,
    log: Callable[[str, str, dict[str, Any]], None],
) -> dict[str, Any]:
    """Bring one channel's allocation back to its approved amount through the ledger (caps still apply)."""
    entry: dict[str, Any] = {
        "approved": move["approved"],
        "source": move["source"],
        "to": move["from"],
        "restored": move["to"] == move["from"],
        "refusal": None,
        "action": "none",
    }
    if move["to"] == move["from"]:
        return entry
    change = BudgetChange(
        id=f"{rid}:{channel}:{move['seq']}",
        campaign_id=move["campaign_id"],
        channel=channel,  # type: ignore[arg-type]
        from_amount=move["from"],
        to_amount=move["to"],
        delta_pct=round((move["to"] - move["from"]) / move["from"], 4) if move["from"] > 0 else 1.0,
        reason=f"rollback {scope.label} by {by}: back to the last approved allocation {move['approved']:,.2f}"
        f" ({move['source']})",
        requires_approval=False,
        status="applied",
    )
    outcome = ledger.apply_change(change, approved_by=f"{by} (rollback)", trace_id=trace_id)
    applied = outcome.status == "applied"
    entry.update(
        to=move["to"] if applied else move["from"],
        restored=applied,
        refusal=outcome.refusal,
        action="restored" if applied else "refused",
    )  # a refusal is the same again on the same id
    log(
        "lifecycle.rollback_allocation",
        f"{change.id}:{outcome.status}",
        {
            "rollback_id": rid,
            "channel": channel,
            "from_amount": move["from"],
            "to_amount": move["to"],
            "approved_amount": move["approved"],
            "approved_source": move["source"],
            "status": outcome.status,
            "refusal": outcome.refusal,
            "change_id": change.id,
        },
    )
    return entry
