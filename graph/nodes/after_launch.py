"""The graph's last step: a launched campaign gets its lifecycle schedule and its reach records
(``graph.runtime.lifecycle_hooks.settle_launch``), so a run on a LangGraph server is a full campaign too."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from graph.context import CampaignContext, context_of
from graph.state import CampaignState


def after_launch(state: CampaignState, runtime: Runtime[CampaignContext]) -> dict[str, Any]:
    """Give a just-launched campaign its schedule and reach records (once; cycles and other ends pass)."""
    if state.get("cycle") or state.get("status") != "launched":
        return {}
    from graph.runtime.lifecycle_hooks import settle_launch

    ctx = context_of(runtime)
    assert ctx.settings is not None
    settle_launch(ctx.settings, ctx.services, dict(state))
    return {}
