"""Offline segment rules: audience words -> filters over the CRM data dictionary (never SQL)."""

from __future__ import annotations

import re
from typing import Any


def _forms(value: str) -> list[str]:
    base = value.replace("_", " ").lower()
    forms = {base, base + "s", base + "es"}
    if base.endswith("y"):
        forms.add(base[:-1] + "ies")
    return sorted(forms, key=len, reverse=True)


def segment_args(payload: dict[str, Any]) -> dict[str, Any]:
    """Return SegmentDefinition arguments for the ``build_segment`` tool.

    Payload keys: channel, regions, audience (free text), dictionary ({field: {"values": [...], ...}}),
    holdout_pct. A filter is added only for dictionary values the audience names explicitly.
    """
    audience = (payload.get("audience") or "").lower()
    filters = [
        dict(f) for f in payload.get("audience_filters") or []
    ]  # the brief's mapping, read by the Planner
    taken = {f.get("field") for f in filters}
    for field, spec in (payload.get("dictionary") or {}).items():
        values = spec.get("values") if isinstance(spec, dict) else None
        if not values or field in ("region", "country") or field in taken:
            continue
        matched = [
            v
            for v in values
            if isinstance(v, str) and any(re.search(rf"\b{re.escape(f)}\b", audience) for f in _forms(v))
        ]
        if matched and len(matched) < len(values):
            ops = (spec.get("ops") or ["in"]) if isinstance(spec, dict) else ["in"]
            filters.append(
                {
                    "field": field,
                    "op": "in" if "in" in ops else ops[0],
                    "value": matched if "in" in ops else matched[0],
                }
            )
    return {
        "channel": payload["channel"],
        "regions": payload["regions"],
        "filters": filters,
        "holdout_pct": payload.get("holdout_pct", 0.1),
    }
