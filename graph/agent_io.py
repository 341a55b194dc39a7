"""How agents talk to models and to the event log: prompts, structured calls, usage, deterministic events."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, TypeVar

from langchain_core.runnables import RunnableConfig
from pydantic import BaseModel

from graph.contracts import Event
from graph.contracts.ids import event_id
from graph.models.prompts import Prompt, load_prompt
from graph.models.structured import invoke_structured
from graph.models.toolcall import invoke_tool_call
from graph.models.usage import UsageTracker
from graph.runtime.services import Services

T = TypeVar("T", bound=BaseModel)


def digest(text: str) -> str:
    """Short stable content hash (for event keys and ids)."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def emit(
    svc: Services,
    state: Mapping[str, Any],
    type_: str,
    source: str,
    payload: dict[str, Any],
    *,
    key: str = "",
    causation_id: str | None = None,
    pii: bool = False,
) -> Event:
    """Append an event carrying the campaign's trace id; idempotent per (campaign, type, key) (its id is
    :func:`graph.contracts.ids.event_id` of them: a node that runs again re-emits the same id)."""
    return svc.events.emit(
        type_,
        trace_id=state["trace_id"],
        campaign_id=state["campaign_id"],
        source=source,
        payload=payload,
        causation_id=causation_id,
        event_id=event_id(state["campaign_id"], type_, key),
        pii=pii,
    )


def prompt_for(svc: Services, agent: str) -> Prompt:
    """Return the agent's prompt at the configured version (newest by default)."""
    return load_prompt(agent, svc.settings.prompt_versions.get(agent), svc.settings.prompts_dir)


def _usage_delta(agent: str, tracker: Any, path: str) -> dict[str, Any]:
    snap = tracker.snapshot().get(agent, {}) if tracker is not None else {}
    return {
        agent: {
            "calls": int(snap.get("calls", 0)),
            "input_tokens": int(snap.get("input_tokens", 0)),
            "output_tokens": int(snap.get("output_tokens", 0)),
            "cost_usd": float(snap.get("cost_usd", 0.0)),
            "paths": {path: 1},
        }
    }


def ask_structured(
    svc: Services, agent: str, task: str, payload: dict[str, Any], schema: type[T]
) -> tuple[T, dict[str, Any], dict[str, Any]]:
    """Ask the agent's model for ``schema`` with the agent's prompt.

    Returns:
        (value, usage delta for the state's ``usage``, facts for an event: prompt ref, model, path, attempts).
    """
    prompt = prompt_for(svc, agent)
    tracker = UsageTracker()
    config: RunnableConfig = {"callbacks": [tracker], "metadata": {"agent": agent}}
    result = invoke_structured(
        svc.model(agent),
        schema,
        prompt.render(task, payload),
        agent=agent,
        config=config,
        policy=svc.settings.model_policy,
    )
    meta = {"prompt": prompt.ref, "model": svc.settings.model_for(agent), **result.event_payload()}
    return result.value, _usage_delta(agent, tracker, result.path), meta


def ask_tool(
    svc: Services, agent: str, task: str, payload: dict[str, Any], tools: list[Any]
) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """Ask the agent's model for one valid tool call; returns (ToolCallResult, usage delta, event facts)."""
    prompt = prompt_for(svc, agent)
    tracker = UsageTracker()
    config: RunnableConfig = {"callbacks": [tracker], "metadata": {"agent": agent}}
    result = invoke_tool_call(
        svc.model(agent),
        tools,
        prompt.render(task, payload),
        agent=agent,
        config=config,
        policy=svc.settings.model_policy,
    )
    meta = {"prompt": prompt.ref, "model": svc.settings.model_for(agent), **result.event_payload()}
    return result, _usage_delta(agent, tracker, result.path), meta
