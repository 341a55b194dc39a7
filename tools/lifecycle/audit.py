"""Lifecycle events: deterministic ids, so a step run again (a retry, a resumed cycle) appends nothing new."""

from __future__ import annotations

from typing import Any

from graph.contracts.ids import event_id

SOURCE = "lifecycle"


def lifecycle_event_id(campaign_id: str, key: str) -> str:
    """The id of a ``lifecycle.*`` event of a campaign (the one scheme, :func:`graph.contracts.ids.event_id`)."""
    return event_id(campaign_id, SOURCE, key)


def emit(
    events: Any, type_: str, *, campaign_id: str, trace_id: str, key: str, payload: dict[str, Any]
) -> Any:
    """Append a ``lifecycle.*`` event whose id is derived from (campaign, key); a repeat is a no-op."""
    return events.emit(
        type_,
        trace_id=trace_id,
        campaign_id=campaign_id,
        source=SOURCE,
        payload=payload,
        event_id=lifecycle_event_id(campaign_id, key),
    )
