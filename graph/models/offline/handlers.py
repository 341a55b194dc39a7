"""What the offline engine can produce: one rules function per output schema or tool name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from graph.models.offline.compose import compose_copy
from graph.models.offline.echo_units import echo_units
from graph.models.offline.parse import parse_brief
from graph.models.offline.plan import draft_plan
from graph.models.offline.segment import segment_args


def extract_brief(payload: dict[str, Any]) -> dict[str, Any]:
    """Return BriefExtraction (as a dict) from ``payload['brief_text']`` read against ``payload['today']``."""
    today = date.fromisoformat(payload.get("today") or date.today().isoformat())
    text = str(payload["brief_text"])
    parsed = parse_brief(text, today)
    sentences = echo_units(text)  # a fact's source is the unit it sits in (a run-on list's item)

    def source(start: int, end: int) -> str:
        for s, e in sentences:
            if s <= start < e:
                return text[s : max(e, min(end, len(text)))].strip()
        return text[start:end].strip()

    return {
        "product": parsed.product,
        "goal": parsed.goal,
        "audience": parsed.audience,
        "budget_amount": parsed.budget.amount if parsed.budget else None,
        "currency": parsed.budget.currency if parsed.budget else None,
        "start_date": parsed.start_date.isoformat() if parsed.start_date else None,
        "end_date": parsed.end_date.isoformat() if parsed.end_date else None,
        "duration_days": parsed.duration_days,
        "channels": parsed.channels,
        "regions": parsed.regions,
        "kpi_targets": [{"name": k.name, "target": k.target, "channel": k.channel} for k in parsed.kpis],
        "key_messages": parsed.key_messages,
        "countries": parsed.countries,
        "holdout_pct": parsed.holdout_pct,
        "theme": parsed.theme,
        "landing_url": parsed.landing_url,
        "facts": [
            {"field": f.field, "value": f.value, "source": source(f.start, f.end)} for f in parsed.facts
        ],
        "problems": parsed.problems,
    }


HANDLERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "BriefExtraction": extract_brief,
    "PlanDraft": draft_plan,
    "AssetCopy": compose_copy,
    "build_segment": segment_args,
}
"""Schema or tool name -> rules function taking the task payload."""
