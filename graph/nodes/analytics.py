"""Analytics agent: one scorecard from the event log of the campaign's trace."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from graph.agent_io import emit
from graph.context import CampaignContext
from graph.contracts import Blueprint
from graph.state import CampaignState
from tools.analytics.scorecard import compute_scorecard


def analytics(state: CampaignState, runtime: Runtime[CampaignContext]) -> dict[str, Any]:
    """Compute the scorecard (speed, KPIs, lift vs control, cost, SLA, escalations) and finish the launch."""
    svc = runtime.context.services
    usage = state.get("usage") or {}
    agents = list(dict.fromkeys([*(state.get("agents_run") or []), "analytics"]))
    scorecard = compute_scorecard(
        list(svc.events.iter_trace(state["trace_id"])),
        blueprint=Blueprint.model_validate(state["blueprint"]) if state.get("blueprint") else None,
        campaign_id=state["campaign_id"],
        trace_id=state["trace_id"],
        agents_run=agents,
        llm_calls=sum(u.get("calls", 0) for u in usage.values()),
        tokens=sum(u.get("input_tokens", 0) + u.get("output_tokens", 0) for u in usage.values()),
        autonomy_levels={
            c["channel"]: svc.autonomy.level(c["channel"])
            for c in (state.get("blueprint") or {}).get("channels", [])
        },
    )
    emit(
        svc,
        state,
        "analytics.scorecard",
        "analytics",
        {
            "conversions": scorecard.conversions,
            "spend": scorecard.spend,
            "cost_per_result": scorecard.cost_per_result,
            "lift_pct": scorecard.lift.lift_pct if scorecard.lift else None,
            "day": state.get("day", 0),
            "cycle_id": (state.get("cycle") or {}).get("id"),
        },
        key=f"day{state.get('day', 0)}:{(state.get('cycle') or {}).get('id', 'launch')}",
    )
    status = state.get("status")
    return {
        "scorecard": scorecard.model_dump(mode="json"),
        "agents_run": ["analytics"],
        "cycle": None,
        "status": "launched" if status in (None, "launching", "awaiting_approval") else status,
    }
