"""The one event-id scheme: deterministic ids, so an event emitted again (a retry, a resumed run, a re-ingest)
is a no-op in the append-only log."""

from __future__ import annotations

import uuid

EVENT_NAMESPACE = uuid.UUID("6f1c8a52-4a0e-4d7b-9c51-1f0d9e3b7a10")
"""UUID5 namespace of every deterministic event id (the graph's ids from before this module keep their value)."""


def event_id(*parts: object) -> str:
    """The deterministic id of the event that ``parts`` identify.

    Args:
        parts: What makes the event unique, most general first (campaign id, event kind, key, ...);
            each is written with ``str``.

    Returns:
        ``uuid5(EVENT_NAMESPACE, "p1|p2|...")`` as a string: the same parts always give the same id.

    Raises:
        ValueError: when no part, or only empty parts, are given (an id of nothing would collide).
    """
    texts = [str(p) for p in parts]
    if not any(texts):
        raise ValueError("event_id needs at least one non-empty part")
    return str(uuid.uuid5(EVENT_NAMESPACE, "|".join(texts)))
