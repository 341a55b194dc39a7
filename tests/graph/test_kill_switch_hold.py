"""A campaign the kill-switch stopped is held, publishes nothing while the switch is on, and resumes after release."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.runtime.runner import CampaignError, Campaigns
from tests.graph.conftest import CLEAN_BRIEF, make_settings


def _published(c: Campaigns, campaign_id: str) -> list[str]:
    return [
        e.payload["program_id"]
        for _, e in c.services.events.read(
            0, 100_000, campaign_id=campaign_id, types=["orchestrator.published"]
        )
    ]


def test_a_held_launch_resumes_after_the_release(liftoff_home: Path) -> None:
    c = Campaigns(make_settings(liftoff_home))
    c.services.kill_switch.set(True, actor="ops", reason="incident")
    held = c.start(CLEAN_BRIEF, auto_approve=True)
    cid = held.thread_id
    assert held.status == "held" and "release it" in held.reason
    assert _published(c, cid) == []
    with pytest.raises(CampaignError, match="is held and kill-switch on"):
        c.resume(cid, None)  # still engaged: refused with the reason, nothing runs
    assert _published(c, cid) == []

    c.services.kill_switch.set(False, actor="ops")
    resumed = c.resume(cid, None, auto_approve=True)
    assert resumed.status == "launched", resumed.reason
    programs = resumed.values["programs"]
    assert programs and all(p["status"] == "published" for p in programs.values())
    published = _published(c, cid)
    assert sorted(published) == sorted(p["id"] for p in programs.values())  # each exactly once
    assert c.resume(cid, None).status == "launched" and len(_published(c, cid)) == len(published)
    c.close()


def test_programs_held_on_one_channel_publish_after_its_release(liftoff_home: Path) -> None:
    c = Campaigns(make_settings(liftoff_home))
    c.services.kill_switch.set(True, channel="paid_search", actor="ops")
    launched = c.start(CLEAN_BRIEF, auto_approve=True)
    cid = launched.thread_id
    assert launched.status == "launched"
    by_channel = {p["channel"]: p["status"] for p in launched.values["programs"].values()}
    assert by_channel == {"email": "published", "paid_search": "blocked"}
    with pytest.raises(CampaignError, match="channel:paid_search"):
        c.resume(cid, None)
    c.services.kill_switch.set(False, channel="paid_search", actor="ops")
    after = c.resume(cid, None, auto_approve=True)
    assert after.status == "launched"
    assert {p["status"] for p in after.values["programs"].values()} == {"published"}
    assert len(_published(c, cid)) == len(after.values["programs"])
    c.close()
