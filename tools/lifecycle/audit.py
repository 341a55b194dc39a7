"""Lifecycle events: deterministic ids, so a step run again (a retry, a resumed cycle) appends nothing new."""

from __future__ import annotations

import uuid
from typing import Any

SOURCE = "lifecycle"
_NS = uuid.UUID("0c6f6b8e-2f1e-4a59-9d1b-6b2d9e0f4a77")


def event_id(campaign_id: str, key: str) -> str:
    """The deterministic id of a ``lifecycle.*`` event of a campaign."""
    return str(uuid.uuid5(_NS, f"{campaign_id}|{key}"))


def emit(events: Any, type_: str, *, campaign_id: str, trace_id: str, key: str, payload: dict[str, Any]) -> Any:
    """Append a ``lifecycle.*`` event whose id is derived from (campaign, key); a repeat is a no-op."""
    return events.emit(type_, trace_id=trace_id, campaign_id=campaign_id, source=SOURCE, payload=payload,
                       event_id=event_id(campaign_id, key))
