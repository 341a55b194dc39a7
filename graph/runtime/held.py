"""After a kill-switch release: publish what the switch held back, and the campaign goes on.

The orchestrator marks a launch the kill-switch stopped as ``held`` (its programs 'blocked', nothing delivered);
``Campaigns.resume(thread_id, None)`` relaunches from the Orchestrator once the switch is released (same
idempotency keys: nothing goes out twice). This module is the app's seam over that: what is held, what a switch
still covers (named), and the relaunch.
"""

from __future__ import annotations

from typing import Any

from graph.nodes.orchestrator import held_programs as held_ids
from graph.runtime.driver import RunResult
from graph.runtime.runner import CampaignError, Campaigns


def held_programs(result: RunResult) -> list[dict[str, Any]]:
    """Programs of a campaign that a kill-switch held back."""
    programs = result.values.get("programs") or {}
    ids = set(held_ids(programs.values()))
    return [p for p in programs.values() if str(p.get("id")) in ids]


def still_blocked(campaigns: Campaigns, held: list[dict[str, Any]]) -> list[str]:
    """One line per held program an engaged switch still covers."""
    switch = campaigns.services.kill_switch
    return [
        f"{p['channel']}/{p['region']}: {why}"
        for p in held
        if (why := switch.check(p["channel"], p["region"]))
    ]


def publish_held(campaigns: Campaigns, thread_id: str, actor: str) -> RunResult:
    """Publish the held programs of a campaign whose kill-switch was released (the runner's relaunch).

    Raises:
        CampaignError: nothing is held, the campaign waits for a decision, or a switch still covers some held
            program (the message names it).
    """
    result = campaigns.result(thread_id)
    if result.needs_human:
        raise CampaignError(f"campaign {thread_id} waits for a decision first")
    held = held_programs(result)
    if not held:
        raise CampaignError(f"campaign {thread_id} has nothing held back by a kill-switch")
    blocked = still_blocked(campaigns, held)
    if blocked:
        raise CampaignError(f"the kill-switch still holds {'; '.join(blocked)}: release it first")
    campaigns.services.events.emit(
        "control.relaunch",
        trace_id=result.trace_id,
        campaign_id=thread_id,
        source="app",
        payload={"actor": actor, "held": len(held)},
    )
    return campaigns.resume(thread_id, None)
