"""Roll result events up into program-days: the one view the Optimizer and Analytics read.

A row per (program, campaign day) in the shape the scorecard has always used (``channel.metrics`` payloads):
``program_id, channel, region, variant, day, date, audience, sends, delivered, opens, clicks, conversions, spend,
revenue, sources``. ``sends`` is delivered plus bounced messages (impressions for paid channels); ``spend`` sums
``cost`` amounts and ``revenue`` sums ``revenue`` amounts. Logs written before results existed carry
``channel.metrics`` rollups of their own; they are read as they are (one per program and day, the last wins),
and added to the results of the same program-day.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.contracts import Event
from tools.events import EventLog
from tools.ingest.results import RESULT_TYPES

LEGACY_TYPE = "channel.metrics"
ROW_TYPES: tuple[str, ...] = (*RESULT_TYPES, LEGACY_TYPE)
"""Event types a rollup reads."""
_FIELD = {
    "delivered": "delivered",
    "open": "opens",
    "click": "clicks",
    "conversion": "conversions",
    "bounce": "bounces",
    "unsubscribe": "unsubscribes",
}


def _blank(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "program_id": p.get("program_id"),
        "channel": p.get("channel"),
        "region": p.get("region"),
        "variant": p.get("variant"),
        "day": int(p.get("day", 0)),
        "date": p.get("date"),
        "audience": int(p.get("audience") or 0),
        "sends": 0,
        "delivered": 0,
        "opens": 0,
        "clicks": 0,
        "conversions": 0,
        "bounces": 0,
        "unsubscribes": 0,
        "spend": 0.0,
        "revenue": None,
        "sources": [],
    }


def program_days(events: Iterable[Event]) -> list[dict[str, Any]]:
    """One row per (program_id, day) from result events and legacy ``channel.metrics`` events, in first-seen order."""
    rows: dict[tuple[Any, int], dict[str, Any]] = {}
    legacy: dict[tuple[Any, int], dict[str, Any]] = {}
    for e in events:
        p = e.payload
        if e.type == LEGACY_TYPE:
            legacy[(p.get("program_id", e.id), int(p.get("day", 0)))] = p
            continue
        if not e.type.startswith("result."):
            continue
        key = (p.get("program_id"), int(p.get("day", 0)))
        row = rows.get(key)
        if row is None:
            row = rows[key] = _blank(p)
        kind, count = p.get("kind"), int(p.get("count", 1))
        if kind == "cost":
            row["spend"] += float(p.get("amount") or 0.0)
        elif kind == "revenue":
            row["revenue"] = (row["revenue"] or 0.0) + float(p.get("amount") or 0.0)
        elif kind in _FIELD:
            row[_FIELD[kind]] += count
            if kind in ("delivered", "bounce"):
                row["sends"] += count
        if e.source not in row["sources"]:
            row["sources"].append(e.source)
    for key, p in legacy.items():
        row = rows.get(key)
        if row is None:
            row = rows[key] = _blank(p)
        for name in ("sends", "delivered", "opens", "clicks", "conversions"):
            row[name] += int(p.get(name, 0))
        row["spend"] += float(p.get("spend", 0.0))
        if p.get("revenue") is not None:
            row["revenue"] = (row["revenue"] or 0.0) + float(p["revenue"])
        row["audience"] = row["audience"] or int(p.get("audience") or 0)
        row["sources"].append(LEGACY_TYPE)
    for row in rows.values():
        row["spend"] = round(row["spend"], 2)
    return list(rows.values())


def read_program_days(events: EventLog, campaign_id: str) -> list[dict[str, Any]]:
    """The program-days of one campaign, read from the log in pages."""
    return program_days(_iter(events, campaign_id))


def _iter(events: EventLog, campaign_id: str) -> Iterable[Event]:
    offset = 0
    while batch := events.read(offset, 5000, campaign_id=campaign_id, types=ROW_TYPES):
        offset = batch[-1][0]
        yield from (e for _, e in batch)
