"""The campaign graph end to end on embedded defaults: routing, reviews, rejection, crash-resume."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evals.netguard import OUTBOUND_ATTEMPTS
from graph.contracts import Asset, Blueprint, PassReport, Program, Scorecard, TargetList
from graph.nodes.human_review import ApprovalRefused
from graph.runtime.runner import CampaignError, Campaigns
from tests.graph.conftest import CLEAN_BRIEF, EXAMPLE_BRIEF, make_settings


def _events(c: Campaigns, trace_id: str) -> list[Any]:
    return list(c.services.events.iter_trace(trace_id))


def approve_until_done(c: Campaigns, result: Any, approver: str) -> tuple[Any, list[str]]:
    """Approve every review (exceptions, then any large budget change) and return the kinds seen."""
    kinds = []
    for _ in range(10):
        if not result.needs_human:
            break
        kinds.append(result.pending_review["kind"])
        result = c.resume(result.thread_id, {"decision": "approve", "approver": approver})
    return result, kinds


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
    attempts_before = len(OUTBOUND_ATTEMPTS)
    first = campaigns.start(EXAMPLE_BRIEF)
    result, kinds = approve_until_done(campaigns, first, "ana@brightwell.example")
    assert result.status == "launched", result.reason
    assert kinds[0] == "exceptions" and "launch" in kinds and set(kinds) <= {"exceptions", "launch", "budget"}
    values = result.values
    bp = Blueprint.model_validate(values["blueprint"])
    assets = [Asset.model_validate(a) for a in values["assets"].values()]
    assert (
        {a.channel for a in assets}
        == {c.channel for c in bp.channels}
        == {"email", "paid_social", "paid_search"}
    )
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
    assert set(scorecard.agents_run) >= {
        "planner",
        "content",
        "data",
        "governance",
        "orchestrator",
        "optimizer",
        "analytics",
    }
    assert values["decisions"][0]["approver"] == "ana@brightwell.example"
    events = _events(campaigns, result.trace_id)
    assert {e.trace_id for e in events} == {result.trace_id}
    types = {e.type for e in events}
    assert {
        "campaign.started",
        "planner.blueprint",
        "content.asset",
        "data.list_built",
        "governance.report",
        "human.decision",
        "orchestrator.published",
        "analytics.scorecard",
    } <= types
    assert OUTBOUND_ATTEMPTS[attempts_before:] == []


def test_reject_ends_the_run_with_a_clear_status(campaigns: Campaigns) -> None:
    first = campaigns.start(EXAMPLE_BRIEF)
    result = campaigns.resume(
        first.thread_id, {"decision": "reject", "approver": "ana", "comment": "off-brand"}
    )
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
    # the graph itself refuses too (a caller that skips the runner's check), and asks again
    from langgraph.types import Command

    from graph.context import CampaignContext

    config = {"configurable": {"thread_id": first.thread_id}}
    c.graph.invoke(
        Command(resume={"decision": "approve", "approver": "intern@brightwell.example"}),
        config,
        context=CampaignContext(c.settings),
    )
    again = c.result(first.thread_id)
    assert again.status == "awaiting_approval" and "not an approver" in again.pending_review["last_refusal"]
    assert any(e.type == "human.refused" for e in _events(c, first.trace_id))
    result, _ = approve_until_done(c, c.result(first.thread_id), "lead@brightwell.example")
    assert result.status == "launched"


def test_clean_brief_launches_without_a_human_only_where_the_dial_says_auto(liftoff_home: Path) -> None:
    c = Campaigns(make_settings(liftoff_home, approval_threshold=10.0))  # no budget change is "large" here
    result = c.start(CLEAN_BRIEF)
    assert (
        result.status == "awaiting_approval" and result.pending_review["kind"] == "launch"
    )  # default: a human
    assert not result.values.get("programs")
    auto = Campaigns(make_settings(liftoff_home, approval_threshold=10.0, autonomy="auto"))
    result = auto.start(CLEAN_BRIEF)
    assert result.status == "launched", (result.reason, result.pending_review)
    assert not result.values.get("decisions")


def test_brief_without_budget_asks_instead_of_guessing(campaigns: Campaigns) -> None:
    result = campaigns.start(
        "Launch our new Brightwell MaxFlow Pitcher in the US. Target: families. "
        "Goal: drive online orders. Use email."
    )
    assert result.status == "needs_input"
    assert result.pending_review and result.pending_review["kind"] == "clarify"
    assert any("budget" in i["question"].lower() for i in result.pending_review["items"])
    assert not result.values.get("blueprint")
    answered = campaigns.resume(
        result.thread_id, {"decision": "answer", "approver": "ana", "answer": "Budget: $15k"}
    )
    answered, _ = approve_until_done(campaigns, answered, "ana")
    assert answered.status == "launched", answered.reason
    assert answered.values["blueprint"]["total_budget"] == 15_000


def test_empty_brief_and_unknown_brand_write_nothing(campaigns: Campaigns) -> None:
    with pytest.raises(CampaignError, match="empty"):
        campaigns.start("   ")
    with pytest.raises(ValueError, match="unknown brand"):
        campaigns.start(CLEAN_BRIEF, brand="nope")
    assert campaigns.list() == []


def test_crash_mid_publish_resumes_without_publishing_twice(
    liftoff_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tools.channels.sandbox import SandboxConnector

    campaigns = Campaigns(make_settings(liftoff_home, approval_threshold=10.0, autonomy="auto"))
    side_effects: list[str] = []
    real_connector_publish = SandboxConnector.publish

    def counting(self: Any, item: Any) -> Any:
        side_effects.append(item.idempotency_key)
        return real_connector_publish(self, item)

    monkeypatch.setattr(SandboxConnector, "publish", counting)
    publisher = campaigns.services.publisher
    real_publish = type(publisher).publish

    def crashing(self: Any, req: Any, **kw: Any) -> Any:
        program = real_publish(self, req, **kw)
        if len(side_effects) == 2:
            raise KeyboardInterrupt("process killed mid-launch")  # not retried by the node's RetryPolicy
        return program

    monkeypatch.setattr(type(publisher), "publish", crashing)
    with pytest.raises(KeyboardInterrupt):
        campaigns.start(CLEAN_BRIEF)
    assert len(side_effects) == 2
    thread_id = campaigns.list()[0].campaign_id
    monkeypatch.setattr(type(publisher), "publish", real_publish)
    result = campaigns.resume(thread_id, None)  # the orchestrator node runs again from its checkpoint
    assert result.status == "launched", result.reason
    keys = [p["idempotency_key"] for p in result.values["programs"].values()]
    assert sorted(side_effects) == sorted(keys)  # every program published exactly once, none twice
    published = [e for e in _events(campaigns, result.trace_id) if e.type == "orchestrator.published"]
    assert sorted(e.payload["idempotency_key"] for e in published) == sorted(keys)


def test_minimum_agent_set_runs_without_data_and_optimizer(liftoff_home: Path) -> None:
    c = Campaigns(
        make_settings(
            liftoff_home,
            agents=("planner", "content", "governance", "orchestrator", "analytics"),
            autonomy="auto",
        )
    )
    result = c.start(CLEAN_BRIEF)
    assert result.status == "launched", result.reason
    assert "data" not in result.values["agents_run"] and "optimizer" not in result.values["agents_run"]
    assert result.values["scorecard"]["agents_run"] == [
        "planner",
        "content",
        "governance",
        "orchestrator",
        "analytics",
    ]


def test_revision_loop_is_bounded_then_goes_to_a_human(
    campaigns: Campaigns, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from graph.runtime.services import Services
    from tests.fakes import ScriptedChatModel

    def stubborn(messages: list[Any], kwargs: dict[str, Any]) -> str:
        return json.dumps(
            {
                "subject": "Cleaner water",
                "body": "Brightwell removes 100% of microplastics.",
                "cta": "Shop now",
                "cited_claim_ids": [],
            }
        )

    fake = ScriptedChatModel(script=[stubborn] * 60)
    real_model = Services.model
    monkeypatch.setattr(
        Services, "model", lambda self, agent: fake if agent == "content" else real_model(self, agent)
    )
    result = campaigns.start(CLEAN_BRIEF)
    assert result.status == "awaiting_approval"
    n_assets = len(result.values["assets"])
    max_rev = campaigns.settings.max_revisions
    # a revision that does not reduce the findings goes to a human at once (never later than the bound)
    assert 1 <= result.values["revision"] <= max_rev
    assert len(fake.calls) == n_assets * (1 + result.values["revision"])
    assert result.pending_review and all(i["route"] == "human" for i in result.pending_review["items"])
    # the revision prompt carried the findings back to the model
    assert "microplastics" in fake.calls[n_assets].messages[-1].content


def test_a_failing_agent_leaves_a_resumable_failed_campaign(
    campaigns: Campaigns, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.models.errors import StructuredOutputError
    from graph.runtime.services import Services

    real_model = Services.model
    broken = {"on": True}

    def model(self: Services, agent: str) -> Any:
        if agent == "data" and broken["on"]:
            raise StructuredOutputError("data", "SegmentDefinition", 3, ["no valid build_segment call"])
        return real_model(self, agent)

    monkeypatch.setattr(Services, "model", model)
    result = campaigns.start(CLEAN_BRIEF)
    assert result.status == "failed" and "build_segment" in result.reason
    assert campaigns.list()[0].status == "failed"
    broken["on"] = False
    retried = campaigns.resume(result.thread_id, None)
    assert retried.status in ("launched", "awaiting_approval"), retried.reason
