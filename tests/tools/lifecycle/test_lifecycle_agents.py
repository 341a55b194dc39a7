"""The agent set is a per-campaign setting: the graph routes by it, the schedule and the scorecard follow it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.routers import campaign_agents
from graph.runtime.lifecycle_hooks import lifecycle_store
from graph.runtime.runner import CampaignError, Campaigns
from graph.runtime.settings import REQUIRED_AGENTS, agent_set
from tests.graph.conftest import CLEAN_BRIEF, make_settings

ALL = ("planner", "content", "data", "governance", "orchestrator", "optimizer", "analytics")


def test_agent_set_settings_resolve_and_are_checked() -> None:
    assert (
        agent_set("minimum")
        == REQUIRED_AGENTS
        == ("planner", "content", "governance", "orchestrator", "analytics")
    )
    assert agent_set("all") == ALL and agent_set(None) == ALL and agent_set("  ") == ALL
    assert agent_set(None, REQUIRED_AGENTS) == REQUIRED_AGENTS  # the default comes from the settings
    assert agent_set("analytics,optimizer,planner,content,governance,orchestrator") == (
        "planner",
        "content",
        "governance",
        "orchestrator",
        "optimizer",
        "analytics",
    )  # pipeline order
    assert agent_set("minimum,optimizer") == (
        "planner",
        "content",
        "governance",
        "orchestrator",
        "optimizer",
        "analytics",
    )  # Data and Optimizer are added when configured
    with pytest.raises(ValueError, match="unknown agents: writer"):
        agent_set("minimum,writer")
    with pytest.raises(ValueError, match="needs governance"):
        agent_set(["planner", "content", "orchestrator", "analytics"])
    assert campaign_agents({"agents": list(REQUIRED_AGENTS)}, ALL) == REQUIRED_AGENTS
    assert campaign_agents({}, ALL) == ALL  # a state without the setting runs what the graph has


def test_each_campaign_runs_its_own_agent_set(liftoff_home: Path) -> None:
    c = Campaigns(make_settings(liftoff_home))
    lean = c.start(CLEAN_BRIEF, auto_approve=True, agents="minimum")
    full = c.start(CLEAN_BRIEF, auto_approve=True)
    assert lean.status == full.status == "launched", (lean.reason, full.reason)
    assert lean.values["agents"] == list(REQUIRED_AGENTS) and full.values["agents"] == list(ALL)
    assert lean.values["scorecard"]["agents_run"] == list(REQUIRED_AGENTS)
    assert set(full.values["scorecard"]["agents_run"]) == set(ALL)
    assert not lean.values.get("lists") and full.values.get("lists")
    assert lean.values["day"] == 0 and full.values["day"] > 0  # no Optimizer, no simulated days at launch
    store = lifecycle_store(c.settings)
    assert store.campaign(lean.thread_id).every == {"report": 7}  # type: ignore[union-attr]
    assert store.campaign(full.thread_id).every == {"optimize": 1, "report": 7}  # type: ignore[union-attr]
    # an optimize cycle on the lean campaign has no Optimizer to go to: it reports
    after = c.run_cycle(lean.thread_id, "optimize", cycle_id="manual-1")
    assert after.status == "launched" and after.values["day"] == 0
    assert "optimizer" not in after.values["agents_run"]
    with pytest.raises(CampaignError, match="unknown agents"):
        c.start(CLEAN_BRIEF, agents="planner,oracle")
    with pytest.raises(CampaignError, match="needs"):
        c.start(CLEAN_BRIEF, agents="planner,content")
    c.close()


def test_the_default_set_comes_from_settings_and_the_run_flag_overrides_it(
    liftoff_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.cli import main

    c = Campaigns(make_settings(liftoff_home, agents=REQUIRED_AGENTS))
    assert c.new_input(CLEAN_BRIEF)["agents"] == list(REQUIRED_AGENTS)
    assert c.new_input(CLEAN_BRIEF, agents="all")["agents"] == list(ALL)
    c.close()
    monkeypatch.setenv("LIFTOFF_CRM_CONTACTS", "4000")
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2026-11-25")
    assert main(["run", "--brief", CLEAN_BRIEF, "--agents", "minimum", "--auto-approve", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "launched" and doc["scorecard"]["agents_run"] == list(REQUIRED_AGENTS)
    assert main(["run", "--brief", CLEAN_BRIEF, "--agents", "planner", "--json"]) == 2
    assert "the agent set needs" in capsys.readouterr().err
