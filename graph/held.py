"""After a kill-switch release: publish what the switch held back, and the campaign goes on.

The orchestrator records every program a kill-switch blocked (status 'blocked', nothing delivered). Once the
switch is released, :func:`publish_held` publishes those programs through the publisher (same idempotency keys:
nothing goes out twice), records the sends for frequency caps, and writes the result back to the campaign's
thread so the page, the scorecard and later cycles see a launched campaign. A program a switch still covers
stays blocked and is named.
"""

from __future__ import annotations

from typing import Any

from langchain_core.runnables import RunnableConfig

from graph.agent_io import emit
from graph.orchestrator import OWNED_CHANNELS
from graph.runner import CampaignError, Campaigns, RunResult


def held_programs(result: RunResult) -> list[dict[str, Any]]:
    """Programs of a campaign that a kill-switch (or a refusal) held back."""
    return [p for p in (result.values.get("programs") or {}).values() if p.get("status") == "blocked"]


def still_blocked(campaigns: Campaigns, held: list[dict[str, Any]]) -> list[str]:
    """One line per held program an engaged switch still covers."""
    switch = campaigns.services.kill_switch
    return [f"{p['channel']}/{p['region']}: {why}" for p in held
            if (why := switch.check(p["channel"], p["region"]))]


def publish_held(campaigns: Campaigns, thread_id: str, actor: str) -> RunResult:
    """Publish the held programs of a campaign whose kill-switch was released.

    Raises:
        CampaignError: nothing is held, the campaign is running or waiting for a decision, or a switch still
            covers some held program (the message names it).
    """
    from tools.lifecycle.lock import campaign_lock

    result = campaigns.result(thread_id)
    if result.needs_human:
        raise CampaignError(f"campaign {thread_id} waits for a decision first")
    held = held_programs(result)
    if not held:
        raise CampaignError(f"campaign {thread_id} has nothing held back by a kill-switch")
    blocked = still_blocked(campaigns, held)
    if blocked:
        raise CampaignError(f"the kill-switch still holds {'; '.join(blocked)}: release it first")
    svc = campaigns.services
    list_ids = {t.get("id") for t in (result.values.get("lists") or {}).values()}
    with campaign_lock(svc.settings.path("locks"), result.values["campaign_id"], purpose="publish held programs"):
        from tools.channels.request import PublishRequest

        records = svc.publisher.store.by_campaign(result.values["campaign_id"], ("blocked",))
        done = [svc.publisher.publish(PublishRequest.model_validate_json(r.request)) for r in records]
        for program in done:
            if program.status == "published" and program.channel in OWNED_CHANNELS and program.list_id in list_ids:
                svc.crm.record_touches(program.list_id, batch_id=program.idempotency_key, region=program.region)
    programs = {p.idempotency_key: p.model_dump(mode="json") for p in done}
    published = sum(p.status == "published" for p in done)
    emit(svc, result.values, "orchestrator.resumed", "orchestrator",
         {"released_by": actor, "republished": len(done), "published": published,
          "still_blocked": sum(p.status == "blocked" for p in done)}, key=",".join(sorted(programs)))
    update: dict[str, Any] = {"programs": programs}
    if published:
        update.update(status="launched", status_reason="")
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}}
    campaigns.graph.update_state(config, update, as_node="analytics")
    return campaigns.result(thread_id)
