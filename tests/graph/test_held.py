"""A kill-switch blocks the launch; after its release the held programs publish once and the campaign goes on."""

from __future__ import annotations

import pytest

from graph.runtime.held import publish_held
from graph.runtime.runner import CampaignError, Campaigns
from tests.graph.conftest import CLEAN_BRIEF

CAMPAIGN = "c-held-0001"


def test_kill_switch_blocks_the_launch_then_release_publishes_what_it_held(campaigns: Campaigns) -> None:
    switch = campaigns.services.kill_switch
    switch.set(True, actor="ops@brightwell.example", reason="complaint spike")
    card = campaigns.start(CLEAN_BRIEF, campaign_id=CAMPAIGN)  # the simulated market is seeded by the id
    assert card.pending_review and card.pending_review["kind"] == "launch", (card.status, card.reason)
    blocked = campaigns.resume(card.thread_id, {"decision": "approve", "approver": "ana"})
    assert blocked.status == "held" and "kill-switch" in blocked.reason
    held = [p for p in blocked.values["programs"].values()]
    assert held and all(p["status"] == "blocked" for p in held)
    with pytest.raises(CampaignError, match="still holds .*complaint spike"):
        publish_held(campaigns, card.thread_id, "ana")
    switch.set(False, actor="ops@brightwell.example")
    resumed = publish_held(campaigns, card.thread_id, "ana")
    # with this campaign's seeded results the optimizer's first days propose a budget change for a human
    assert resumed.status == "awaiting_approval" and resumed.pending_review, resumed.reason
    assert resumed.pending_review["kind"] == "budget"
    programs = resumed.values["programs"]
    assert set(programs) == {p["idempotency_key"] for p in held}  # the same programs, not new ones
    assert all(p["status"] == "published" for p in programs.values())
    events = list(campaigns.services.events.iter_trace(resumed.trace_id))
    assert [e.payload["actor"] for e in events if e.type == "control.relaunch"] == ["ana"]
    assert sum(e.type == "orchestrator.published" for e in events) == len(held)  # each exactly once
    with pytest.raises(CampaignError, match="waits for a decision first"):
        publish_held(campaigns, card.thread_id, "ana")
    resumed = campaigns.resume(card.thread_id, {"decision": "approve", "approver": "ana"})
    assert resumed.status == "launched", resumed.reason
    with pytest.raises(CampaignError, match="nothing held back"):
        publish_held(campaigns, card.thread_id, "ana")
