"""The graph's own first step: fill a new campaign's ids and defaults.

``intake`` runs at START so that a brief and a brand are a complete input wherever the graph runs (the CLI
runner, the app, a LangGraph server run started from Studio or ``langgraph-sdk``): campaign id (the thread id),
trace id, start time, status and counters, and the agent set are filled here when the input lacks them; a
value the caller gave is kept. Its counterpart at the end is ``graph.nodes.after_launch``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from langgraph.config import get_config
from langgraph.runtime import Runtime

from graph.context import CampaignContext, context_of
from graph.runtime.settings import Settings, agent_set
from graph.state import CampaignState

INFRA_NODES = frozenset({"intake", "after_launch"})
"""Graph nodes that are not agents (the runner does not report them as agent steps)."""


class IntakeError(ValueError):
    """A new campaign's input is unusable (empty brief, unknown brand or agent set); one-line message."""


def new_campaign_defaults(state: CampaignState, settings: Settings, thread_id: str | None) -> dict[str, Any]:
    """The values a new campaign's input lacks (ids, trace, time, status, counters, agent set, brand).

    Raises:
        IntakeError: on an empty brief or a bad agent set.
    """
    if not str(state.get("brief_text") or "").strip():
        raise IntakeError("the brief is empty: give brief_text")
    try:
        agents = list(agent_set(state.get("agents"), settings.agents))
    except ValueError as exc:
        raise IntakeError(str(exc)) from None
    defaults: dict[str, Any] = {
        "campaign_id": thread_id or f"cmp-{uuid.uuid4().hex[:12]}",
        "trace_id": f"trc-{uuid.uuid4().hex}",
        "brand": settings.brand,
        "started_at": datetime.now(UTC).isoformat(),
        "status": "planning",
        "revision": 0,
        "day": 0,
        "decisions": [],
        "accepted_exceptions": [],
        "withheld_assets": [],
        "launch_approved": False,
    }
    out = {k: v for k, v in defaults.items() if state.get(k) in (None, "")}
    if list(state.get("agents") or []) != agents:
        out["agents"] = agents
    return out


def intake(state: CampaignState, runtime: Runtime[CampaignContext]) -> dict[str, Any]:
    """Fill a new campaign's missing ids and defaults (a cycle run passes through untouched)."""
    if state.get("cycle"):
        return {}
    ctx = context_of(runtime)
    assert ctx.settings is not None
    thread_id = (get_config().get("configurable") or {}).get("thread_id")
    out = new_campaign_defaults(state, ctx.settings, str(thread_id) if thread_id else None)
    brand = out.get("brand") or state["brand"]
    ctx.services.library(brand)  # an unknown brand fails here, before any agent runs
    # Open the brand's claim index here, in one thread: the content fan-out runs in parallel threads, and a fresh
    # server process importing numpy/Chroma from several threads at once fails ("partially initialized module").
    ctx.services.claim_index(brand)
    return out
