"""Live program statuses: the program store is the truth, the graph state a copy that can lag (a rollback)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.contracts import Program


def current_programs(publisher: Any, programs: Iterable[Program]) -> list[Program]:
    """Return the programs with their status (and reason) as the program store has them now.

    A program a rollback cancelled since the graph last saw it comes back ``cancelled``, so the optimizer
    stops spending on it; one the store does not know keeps its state.
    """
    out = []
    for p in programs:
        rec = publisher.store.get(p.idempotency_key)
        if rec is None:
            out.append(p)
            continue
        stored = rec.to_program()
        if stored.status != p.status or stored.reason != p.reason:
            p = p.model_copy(update={"status": stored.status, "reason": stored.reason})
        out.append(p)
    return out
