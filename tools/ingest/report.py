"""What a campaign's results say, by source: the scorecard's ``sources`` table and its over-cap alerts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.contracts import Event
from tools.ingest.spend import OVER_CAP


def by_source(events: Iterable[Event]) -> dict[str, dict[str, Any]]:
    """Per source (sandbox, ingest, webhook, hubspot...): result events, conversions, clicks, spend, revenue."""
    out: dict[str, dict[str, Any]] = {}
    for e in events:
        if not e.type.startswith("result."):
            continue
        row = out.setdefault(
            e.source, {"events": 0, "conversions": 0, "clicks": 0, "spend": 0.0, "revenue": 0.0}
        )
        row["events"] += 1
        kind = e.payload.get("kind")
        if kind == "conversion":
            row["conversions"] += int(e.payload.get("count", 1))
        elif kind == "click":
            row["clicks"] += int(e.payload.get("count", 1))
        elif kind in ("cost", "revenue"):
            key = "spend" if kind == "cost" else "revenue"
            row[key] = round(row[key] + float(e.payload.get("amount") or 0.0), 2)
    return dict(sorted(out.items()))


def over_cap(events: Iterable[Event]) -> list[dict[str, Any]]:
    """The ``spend.over_cap`` alerts: costs spent outside Liftoff that the ledger refused."""
    return [e.payload for e in events if e.type == OVER_CAP]
