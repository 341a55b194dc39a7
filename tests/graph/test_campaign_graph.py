"""The campaign graph end to end on embedded defaults: routing, reviews, rejection, crash-resume."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.contracts import Asset, Blueprint, PassReport, Program, Scorecard, TargetList
from graph.human_review import ApprovalRefused
from graph.runner import Campaigns, CampaignError
from tests.conftest import OUTBOUND_ATTEMPTS
from tests.graph.conftest import CLEAN_BRIEF, EXAMPLE_BRIEF, make_settings


def _events(c: Campaigns, trace_id: str) -> list[Any]:
    return list(c.services.events.iter_trace(trace_id))


def test_example_brief_stops_for_the_marketers_unsupported_key_message(campaigns: Campaigns) -> None:
    result = campaigns.start(EXAMPLE_BRIEF)
    assert result.status == "awaiting_approval"
    pending = result.pending_review
    assert pending is not None and pending["kind"] == "exceptions"
    flagged = [f["text"] for item in pending["items"] for f in item["findings"]]
    assert any("99.9%" in text for text in flagged)
    assert all(item["route"] == "human" for item in pending["items"])
    # evidence for the reviewer: the approved wording the claim check compared against
    assert any(f["evidence"] or f["reason"] for item in pending["items"] for f in item["findings"])


def test_approve_applies_safe_fixes_and_launches(campaigns: Campaigns) -> None:
    first = campaigns.start(EXAMPLE_BRIEF)
    result = campaigns.resume(first.thread_id, {"decision": "approve", "approver": "ana@brightwell.example"})
    assert result.status == "launched", result.reason
    values = result.values
    bp = Blueprint.model_validate(values["blueprint"])
    assets = [Asset.model_validate(a) for a in values["assets"].values()]
    assert {a.channel for a in assets} == {c.channel for c in bp.channels} == {"email", "paid_social", "paid_search"}
    assert sum(c.budget for c in bp.channels) <= bp.total_budget == 40_000
    assert not any("99.9%" in a.full_text() for a in assets)
    report = PassReport.model_validate(values["pass_report"])
    assert report.passed
    programs = [Program.model_validate(p) for p in values["programs"].values()]
    assert programs and all(p.status == "published" for p in programs)
    lists = [TargetList.model_validate(t) for t in values["lists"].values()]
    assert all(t.holdout > 0 and t.eligible > 0 for t in lists)
    scorecard = Scorecard.model_validate(values["scorecard"])
    assert scorecard.spend > 0 and scorecard.spend <= bp.caps.total
    assert set(scorecard.agents_run) >= {"planner", "content", "data", "governance", "orchestrator", "optimizer",
                                         "analytics"}
    assert values["decisions"][0]["approver"] == "ana@brightwell.example"
    events = _events(campaigns, result.trace_id)
    assert {e.trace_id for e in events} == {result.trace_id}
    types = {e.type for e in events}
    assert {"campaign.started", "planner.blueprint", "content.asset", "data.list_built", "governance.report",
            "human.decision", "orchestrator.published", "analytics.scorecard"} <= types
    assert OUTBOUND_ATTEMPTS == []


def test_reject_ends_the_run_with_a_clear_status(campaigns: Campaigns) -> None:
    first = campaigns.start(EXAMPLE_BRIEF)
    result = campaigns.resume(first.thread_id, {"decision": "reject", "approver": "ana", "comment": "off-brand"})
    assert result.status == "rejected"
    assert "ana" in result.reason and "off-brand" in result.reason
    assert not result.values.get("programs")
    with pytest.raises(CampaignError, match="nothing waits"):
        campaigns.resume(first.thread_id, {"decision": "approve", "approver": "ana"})


def test_resume_without_an_allowed_approver_is_refused(liftoff_home: Path) -> None:
    c = Campaigns(make_settings(liftoff_home, approvers=("lead@brightwell.example",)))
    first = c.start(EXAMPLE_BRIEF)
    with pytest.raises(ApprovalRefused, match="not an approver"):
        c.resume(first.thread_id, {"decision": "approve", "approver": "intern@brightwell.example"})
    with pytest.raises(ApprovalRefused):
        c.resume(first.thread_id, {"decision": "approve"})
    assert c.result(first.thread_id).status == "awaiting_approval"  # nothing lost
    assert c.resume(first.thread_id, {"decision": "approve", "approver": "lead@brightwell.example"}).status == "launched"


def test_clean_brief_launches_without_a_human(campaigns: Campaigns) -> None:
    result = campaigns.start(CLEAN_BRIEF)
    assert result.status == "launched", (result.reason, result.pending_review)
    assert not result.values.get("decisions")


def test_brief_without_budget_asks_instead_of_guessing(campaigns: Campaigns) -> None:
    result = campaigns.start("Launch our new Brightwell MaxFlow Pitcher in the US. Target: families. "
                             "Goal: drive online orders. Use email.")
    assert result.status == "needs_input"
    assert result.pending_review and result.pending_review["kind"] == "clarify"
    assert any("budget" in i["question"].lower() for i in result.pending_review["items"])
    assert not result.values.get("blueprint")
    answered = campaigns.resume(result.thread_id, {"decision": "answer", "approver": "ana", "answer": "Budget: $15k"})
    assert answered.status == "launched", answered.reason
    assert answered.values["blueprint"]["total_budget"] == 15_000


def test_empty_brief_and_unknown_brand_write_nothing(campaigns: Campaigns) -> None:
    with pytest.raises(CampaignError, match="empty"):
        campaigns.start("   ")
    with pytest.raises(ValueError, match="unknown brand"):
        campaigns.start(CLEAN_BRIEF, brand="nope")
    assert campaigns.list() == []


def test_crash_mid_publish_resumes_without_publishing_twice(campaigns: Campaigns, monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    publisher = campaigns.services.publisher
    real_publish = type(publisher).publish
    calls: list[str] = []

    def crashing(self: Any, req: Any, **kw: Any) -> Any:
        program = real_publish(self, req, **kw)
        calls.append(req.key)
        if len(calls) == 2:
            raise KeyboardInterrupt("process killed mid-launch")  # not retried by the node's RetryPolicy
        return program

    monkeypatch.setattr(type(publisher), "publish", crashing)
    with pytest.raises(KeyboardInterrupt):
        campaigns.start(CLEAN_BRIEF)
    thread_id = campaigns.list()[0].campaign_id
    monkeypatch.setattr(type(publisher), "publish", real_publish)
    result = campaigns.resume(thread_id, None)
    assert result.status == "launched", result.reason
    published = [e for e in _events(campaigns, result.trace_id) if e.type == "orchestrator.published"]
    keys = [e.payload["idempotency_key"] for e in published]
    assert len(keys) == len(set(keys)) == len(result.values["programs"])
    sandbox_sends = sum(len(publisher.connectors[ch].outbox.items(campaign_id=thread_id))
                        for ch in {p["channel"] for p in result.values["programs"].values()})
    assert sandbox_sends == len(keys)


def test_minimum_agent_set_runs_without_data_and_optimizer(liftoff_home: Path) -> None:
    c = Campaigns(make_settings(liftoff_home, agents=("planner", "content", "governance", "orchestrator", "analytics")))
    result = c.start(CLEAN_BRIEF)
    assert result.status == "launched", result.reason
    assert "data" not in result.values["agents_run"] and "optimizer" not in result.values["agents_run"]
    assert result.values["scorecard"]["agents_run"] == ["planner", "content", "governance", "orchestrator",
                                                        "analytics"]


def test_revision_loop_is_bounded_then_goes_to_a_human(campaigns: Campaigns, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from graph.services import Services
    from tests.fakes import ScriptedChatModel

    def stubborn(messages: list[Any], kwargs: dict[str, Any]) -> str:
        return json.dumps({"subject": "Cleaner water", "body": "Brightwell removes 100% of microplastics.",
                           "cta": "Shop now", "cited_claim_ids": []})

    fake = ScriptedChatModel(script=[stubborn] * 60)
    real_model = Services.model
    monkeypatch.setattr(Services, "model", lambda self, agent: fake if agent == "content" else real_model(self, agent))
    result = campaigns.start(CLEAN_BRIEF)
    assert result.status == "awaiting_approval"
    n_assets = len(result.values["assets"])
    max_rev = campaigns.settings.max_revisions
    assert result.values["revision"] == max_rev
    assert len(fake.calls) == n_assets * (1 + max_rev)  # first draft + bounded revisions, then a human
    assert result.pending_review and all(i["route"] == "human" for i in result.pending_review["items"])
    # the revision prompt carried the findings back to the model
    assert "microplastics" in fake.calls[n_assets].messages[-1].content
