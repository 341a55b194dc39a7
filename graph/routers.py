"""Every router of the campaign graph: where a run goes after a node, as a node name or a list of ``Send``s.

Routers are pure functions of the state and the graph's agent set; ``graph.wiring`` binds them to edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from langgraph.types import Send

from graph.nodes.content import content_tasks
from graph.state import CampaignState


def campaign_agents(state: CampaignState, agents: Sequence[str]) -> tuple[str, ...]:
    """The agents a campaign runs: its own setting (``state['agents']``) among those the graph was built with."""
    chosen = state.get("agents") or agents
    return tuple(a for a in agents if a in chosen)


def route_after_planner(state: CampaignState, agents: Sequence[str]) -> list[Send | str] | Literal["human_review"]:
    """Ask a human when the brief lacks essentials; else fan out content (and data) in parallel."""
    if state.get("status") == "needs_input":
        return "human_review"
    return [*content_tasks(state), *(["data"] if "data" in campaign_agents(state, agents) else [])]


def route_start(state: CampaignState, agents: Sequence[str]
                ) -> Literal["planner", "orchestrator", "optimizer", "analytics"]:
    """A new campaign starts at the Planner; a recurring cycle on a launched one at the Optimizer or Analytics;
    a relaunch (the kill-switch that held programs was released) at the Orchestrator."""
    cycle = state.get("cycle")
    if not cycle:
        return "planner"
    if cycle.get("kind") == "relaunch":
        return "orchestrator"
    if cycle.get("kind") == "optimize" and "optimizer" in campaign_agents(state, agents):
        return "optimizer"
    return "analytics"


def route_after_orchestrator(state: CampaignState, agents: Sequence[str]) -> Literal["optimizer", "analytics"]:
    """After launch the Optimizer runs the first days when the campaign's agent set has it; else Analytics
    (also when the kill-switch held everything: nothing runs to optimize)."""
    if state.get("status") == "held":
        return "analytics"
    return "optimizer" if "optimizer" in campaign_agents(state, agents) else "analytics"
