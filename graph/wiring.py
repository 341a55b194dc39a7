"""Wires the agents into the campaign state machine and compiles it. No logic lives here."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import RetryPolicy

from graph.context import CampaignContext
from graph.models.errors import TransientModelError
from graph.nodes.after_launch import after_launch
from graph.nodes.analytics import analytics
from graph.nodes.content import content
from graph.nodes.data import data
from graph.nodes.governance import governance
from graph.nodes.human_review import human_review
from graph.nodes.intake import intake
from graph.nodes.optimizer import optimizer
from graph.nodes.orchestrator import orchestrator
from graph.nodes.planner import planner
from graph.routers import route_after_orchestrator, route_after_planner, route_start
from graph.runtime.settings import AGENTS, REQUIRED_AGENTS
from graph.state import CampaignState, InputState

CampaignGraph = CompiledStateGraph[CampaignState, CampaignContext, InputState, CampaignState]
"""The compiled campaign graph."""


def _transient(exc: Exception) -> bool:
    """Retry provider hiccups, a busy SQLite file and a lost shared-database connection; never validation or
    logic errors."""
    if isinstance(exc, TransientModelError):
        return not exc.exhausted  # the model layer already retried it under its CallPolicy
    if isinstance(exc, ConnectionError | TimeoutError):
        return True
    if type(exc).__module__.startswith(("psycopg", "psycopg_pool")):
        import psycopg  # lazy: start-up (psycopg)
        import psycopg_pool  # lazy: start-up (psycopg_pool)

        return isinstance(exc, psycopg.OperationalError | psycopg_pool.PoolTimeout)
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


RETRY = RetryPolicy(
    max_attempts=3, initial_interval=0.5, backoff_factor=2.0, max_interval=8.0, retry_on=_transient
)


def build_graph(agents: Sequence[str] = AGENTS) -> StateGraph[Any, Any, Any, Any]:
    """Return the (uncompiled) campaign graph for an agent set.

    Raises:
        ValueError: when the set lacks a required agent or names an unknown one.
    """
    unknown = set(agents) - set(AGENTS)
    if unknown:
        raise ValueError(f"unknown agents: {', '.join(sorted(unknown))} (known: {', '.join(AGENTS)})")
    missing = set(REQUIRED_AGENTS) - set(agents)
    if missing:
        raise ValueError(f"the agent set needs {', '.join(sorted(missing))}")
    builder = StateGraph(CampaignState, context_schema=CampaignContext, input_schema=InputState)

    builder.add_node(
        "intake", intake
    )  # ids, trace, defaults of a new campaign: a brief (and a brand) suffice
    builder.add_node(
        "after_launch", after_launch, retry_policy=RETRY
    )  # schedule + reach of a launched campaign
    builder.add_edge(START, "intake")

    builder.add_node("planner", planner, retry_policy=RETRY)
    builder.add_node("content", content, retry_policy=RETRY)  # type: ignore[call-overload]  # Send payload
    builder.add_node("governance", governance, retry_policy=RETRY)
    builder.add_node("human_review", human_review)
    builder.add_node("orchestrator", orchestrator, retry_policy=RETRY)
    builder.add_node("analytics", analytics, retry_policy=RETRY)
    builder.add_conditional_edges(
        "intake",
        lambda s: route_start(s, agents),
        ["planner", "orchestrator", "optimizer", "analytics"]
        if "optimizer" in agents
        else ["planner", "orchestrator", "analytics"],
    )
    builder.add_conditional_edges(
        "planner",
        lambda s: route_after_planner(s, agents),
        ["content", "human_review", "data"] if "data" in agents else ["content", "human_review"],
    )
    builder.add_edge("content", "governance")
    if "data" in agents:
        builder.add_node("data", data, retry_policy=RETRY)
        builder.add_edge("data", "governance")
    if "optimizer" in agents:
        builder.add_node("optimizer", optimizer, retry_policy=RETRY)
        builder.add_conditional_edges(
            "orchestrator", lambda s: route_after_orchestrator(s, agents), ["optimizer", "analytics"]
        )
    else:
        builder.add_edge("orchestrator", "analytics")
    builder.add_edge("analytics", "after_launch")
    builder.add_edge("after_launch", END)
    return builder


def compile_graph(
    checkpointer: BaseCheckpointSaver[Any] | None = None, agents: Sequence[str] = AGENTS
) -> CampaignGraph:
    """Compile the campaign graph with a checkpointer (None on LangGraph server, which brings its own)."""
    return build_graph(agents).compile(checkpointer=checkpointer, name="liftoff-campaign")


def make_graph(config: dict[str, Any] | None = None) -> CampaignGraph:
    """Factory for ``langgraph.json`` (LangGraph server / ``langgraph dev``): every agent is built; each run's
    agent set comes from its input or the server's ``LIFTOFF_AGENTS`` (filled by ``intake``). No I/O here: the
    server calls this in its event loop."""
    return compile_graph(agents=AGENTS)
