"""View-model of the brief echo for the app: what the Planner understood, with the words it came from, and the
sentences it did not use (pure functions; ``app.py`` renders them in the Plan tab)."""

from __future__ import annotations

from typing import Any

from graph.brief.echo import brief_echo

_FIELD_NAMES = {
    "budget": "Budget",
    "goal": "Goal",
    "kpi_targets": "KPI target",
    "audience": "Audience",
    "channels": "Channel",
    "places": "Place",
    "dates": "Dates",
    "duration_days": "Duration",
    "holdout_pct": "Holdout",
    "theme": "Theme",
    "key_messages": "Key message",
    "product": "Product",
    "landing_url": "Landing page",
}


def echo_tables(brief: dict[str, Any] | None) -> dict[str, list[dict[str, Any]]]:
    """Tables of the echo: ``understood`` (field, value, from the words), ``not_used`` (sentence), ``audience``
    (how the audience reaches the lists), ``problems`` (asked, not fixed) and ``assumed`` (chosen because the brief did
    not say). Empty tables when there is no brief."""
    if not brief:
        return {"understood": [], "not_used": [], "audience": [], "problems": [], "assumed": []}
    echo = brief_echo(brief)
    audience = (
        [{"how": "list filter", "detail": m} for m in echo["audience_mapped"]]
        + [{"how": "creative only (no CRM field)", "detail": c} for c in echo["audience_creative_only"]]
        + [{"how": "lists", "detail": n} for n in echo["audience_notes"]]
    )
    return {
        "understood": [
            {
                "field": _FIELD_NAMES.get(f["field"], f["field"]),
                "value": f["value"],
                "from the words": f["source"],
            }
            for f in echo["facts"]
        ],
        "not_used": [{"sentence": u} for u in echo["unused"]],
        "audience": audience,
        "problems": [{"problem": p} for p in echo["problems"]],
        "assumed": [{"assumed": a} for a in echo["assumed"]],
    }
