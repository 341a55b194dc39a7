"""The event stream and the audit trail of one trace, as table rows and a JSONL download."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from graph.contracts import Event

CONTROL_TYPES = frozenset({"control.kill_switch", "control.autonomy", "control.model"})
"""Operator control events written by the app (``graph.runtime.controls``)."""


def _summary(payload: dict[str, Any], limit: int = 160) -> str:
    text = json.dumps(payload, default=str, separators=(", ", ": "), ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def event_rows(
    events: Sequence[Event], types: Iterable[str] | None = None, newest_first: bool = True
) -> list[dict[str, Any]]:
    """One row per event: time, type, source, causation and a one-line payload summary."""
    wanted = set(types or ())
    rows = [
        {
            "time": e.ts[:23].replace("T", " "),
            "type": e.type,
            "source": e.source,
            "event id": e.id,
            "caused by": e.causation_id or "",
            "payload": _summary(e.payload),
        }
        for e in events
        if not wanted or e.type in wanted
    ]
    return rows[::-1] if newest_first else rows


def audit_rows(events: Sequence[Event]) -> list[dict[str, Any]]:
    """Who approved, rejected, edited, answered, or changed a control, and when."""
    rows = []
    for e in events:
        p = e.payload
        if e.type == "human.decision":
            rows.append(
                {
                    "when": e.ts[:19].replace("T", " "),
                    "who": p.get("approver", ""),
                    "did": f"{p.get('decision')} ({p.get('kind')} review)",
                    "items": ", ".join(str(i) for i in p.get("items") or []),
                    "comment": p.get("comment", ""),
                }
            )
        elif e.type == "optimizer.budget_change" and p.get("decided_by"):
            rows.append(
                {
                    "when": e.ts[:19].replace("T", " "),
                    "who": p.get("decided_by"),
                    "did": f"budget change {p.get('status')}",
                    "items": p.get("change_id", ""),
                    "comment": p.get("reason", ""),
                }
            )
        elif e.type in CONTROL_TYPES:
            rows.append(
                {
                    "when": e.ts[:19].replace("T", " "),
                    "who": p.get("actor", ""),
                    "did": e.type,
                    "items": p.get("scope", p.get("spec", "")),
                    "comment": p.get("reason", ""),
                }
            )
    return rows


def event_types(events: Sequence[Event]) -> list[str]:
    """Distinct event types, sorted (for the stream filter)."""
    return sorted({e.type for e in events})


def to_jsonl(events: Iterable[Event]) -> bytes:
    """The trace as JSONL bytes (one event per line), for download."""
    return b"".join(e.model_dump_json().encode() + b"\n" for e in events)
