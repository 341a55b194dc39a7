"""Each model-driven node called directly with a scripted model (no graph run), and each router as a pure
function. The ``scripted_model`` fixture fails a test whose script is not used up: every scripted reply must
be asked for, so a node that silently skips its model call fails here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.chat_models import BaseChatModel
from langgraph.runtime import Runtime
from langgraph.types import Send

from graph.context import CampaignContext
from graph.contracts import Asset, Blueprint
from graph.nodes import intake as intake_module
from graph.nodes.analytics import analytics
from graph.nodes.content import content, content_tasks
from graph.nodes.data import data
from graph.nodes.governance import governance
from graph.nodes.intake import IntakeError, intake
from graph.nodes.planner import planner
from graph.routers import route_after_orchestrator, route_after_planner, route_start
from graph.runtime.brands import BrandNotFoundError
from graph.runtime.services import Services, release
from tests.fakes import ScriptedModels, json_reply, tool_call
from tests.graph.conftest import CLEAN_BRIEF, make_settings

AGENTS = ("planner", "content", "data", "governance", "orchestrator", "optimizer", "analytics")

EXTRACTED = {
    "product": "Brightwell MaxFlow Pitcher",
    "goal": "600 online orders",
    "audience": "families who buy bottled water",
    "budget_amount": 20000,
    "currency": "USD",
    "start_date": "2027-03-02",
    "duration_days": 28,
    "channels": ["email", "paid_search"],
    "regions": ["US"],
    "kpi_targets": [{"name": "conversions", "target": 600}],
}
PLAN = {
    "campaign_name": "MaxFlow launch",
    "objective": "Drive 600 online orders of the MaxFlow Pitcher.",
    "channels": [
        {
            "channel": "email",
            "share": 0.4,
            "regions": ["US"],
            "variants": ["A", "B"],
            "rationale": "Owned list.",
        },
        {
            "channel": "paid_search",
            "share": 0.6,
            "regions": ["US"],
            "variants": ["A"],
            "rationale": "Intent.",
        },
    ],
    "kpi_targets": [{"name": "conversions", "target": 600}],
}


@pytest.fixture
def runtime(liftoff_home: Path) -> Iterator[Runtime[CampaignContext]]:
    settings = make_settings(liftoff_home)
    yield Runtime(context=CampaignContext(settings=settings))
    release(settings)


def _use(monkeypatch: pytest.MonkeyPatch, agent: str, model: BaseChatModel) -> None:
    real = Services.model
    monkeypatch.setattr(Services, "model", lambda self, name: model if name == agent else real(self, name))


def _state(**extra: Any) -> dict[str, Any]:
    return {
        "campaign_id": "cmp-unit0001",
        "trace_id": "trc-unit",
        "brand": "brightwell",
        "brief_text": CLEAN_BRIEF,
        **extra,
    }


def _planned(
    runtime: Runtime[CampaignContext], monkeypatch: pytest.MonkeyPatch, scripted_model: ScriptedModels
) -> dict[str, Any]:
    _use(monkeypatch, "planner", scripted_model(json_reply(EXTRACTED), json_reply(PLAN)))
    out = planner(_state(), runtime)  # type: ignore[arg-type]
    return _state(**out)


# ---- planner ----------------------------------------------------------------------------------------------------
def test_planner_asks_for_what_the_brief_lacks_with_one_model_call(
    runtime: Runtime[CampaignContext], monkeypatch: pytest.MonkeyPatch, scripted_model: ScriptedModels
) -> None:
    model = scripted_model(json_reply({**EXTRACTED, "budget_amount": None, "currency": None}))
    _use(monkeypatch, "planner", model)
    out = planner(_state(brief_text="Launch the MaxFlow Pitcher in the US."), runtime)  # type: ignore[arg-type]
    assert out["status"] == "needs_input" and "blueprint" not in out
    assert "budget" in out["brief"]["missing"]
    assert any("budget" in q.lower() for q in out["questions"])
    assert out["pending_review"]["kind"] == "clarify"


def test_planner_writes_the_blueprint_from_the_models_plan(
    runtime: Runtime[CampaignContext], monkeypatch: pytest.MonkeyPatch, scripted_model: ScriptedModels
) -> None:
    state = _planned(runtime, monkeypatch, scripted_model)
    assert state["status"] == "drafting"
    blueprint = Blueprint.model_validate(state["blueprint"])
    assert blueprint.campaign_name == "MaxFlow launch" and blueprint.total_budget == 20000
    assert {c.channel: c.budget for c in blueprint.channels} == {"email": 8000, "paid_search": 12000}
    [extract, plan] = scripted_model.made[0].calls
    assert "Brightwell MaxFlow Pitcher" in extract.messages[-1].content
    assert "paid_search" in plan.messages[-1].content


# ---- content ----------------------------------------------------------------------------------------------------
def test_content_drafts_one_asset_from_the_models_copy(
    runtime: Runtime[CampaignContext], monkeypatch: pytest.MonkeyPatch, scripted_model: ScriptedModels
) -> None:
    state = _planned(runtime, monkeypatch, scripted_model)
    task = next(
        s.arg for s in content_tasks(state) if s.arg["channel"] == "email" and s.arg["variant"] == "A"
    )
    copy = {
        "subject": "Filtered water, fewer bottles",
        "body": "The MaxFlow Pitcher fills your glass at home.",
        "cta": "Shop now",
        "cited_claim_ids": [],
    }
    _use(monkeypatch, "content", scripted_model(json_reply(copy)))
    out = content(task, runtime)  # type: ignore[arg-type]
    [asset] = [Asset.model_validate(a) for a in out["assets"].values()]
    assert (asset.channel, asset.region, asset.variant, asset.version) == ("email", "US", "A", 1)
    assert asset.subject == "Filtered water, fewer bottles"
    assert asset.body.startswith("The MaxFlow Pitcher fills your glass at home.")


# ---- data -------------------------------------------------------------------------------------------------------
def test_data_builds_one_list_per_channel_from_the_models_tool_calls(
    runtime: Runtime[CampaignContext], monkeypatch: pytest.MonkeyPatch, scripted_model: ScriptedModels
) -> None:
    state = _planned(runtime, monkeypatch, scripted_model)
    calls = [
        tool_call(
            "build_segment",
            {
                "channel": channel,
                "regions": ["US"],
                "filters": [{"field": "lifecycle_stage", "op": "eq", "value": "customer"}],
            },
            call_id=f"c-{channel}",
        )
        for channel in ("email", "paid_search")
    ]
    model = scripted_model(*calls)
    _use(monkeypatch, "data", model)
    out = data(state, runtime)  # type: ignore[arg-type]
    assert set(out["lists"]) == {"email", "paid_search"}
    for channel, target in out["lists"].items():
        assert target["segment"]["channel"] == channel
        assert {"field": "lifecycle_stage", "op": "eq", "value": "customer"} in target["segment"]["filters"]
        assert target["eligible"] > 0
    assert json.loads(json.dumps(out["lists"])) == out["lists"]  # JSON-safe state, no contacts
    assert "@" not in json.dumps(out["lists"])


# ---- routers ----------------------------------------------------------------------------------------------------
def test_route_after_planner_asks_a_human_when_the_brief_needs_input() -> None:
    assert route_after_planner({"status": "needs_input"}, AGENTS) == "human_review"  # type: ignore[typeddict-item]


def test_route_after_planner_fans_out_one_content_task_per_asset_and_the_data_agent(
    runtime: Runtime[CampaignContext], monkeypatch: pytest.MonkeyPatch, scripted_model: ScriptedModels
) -> None:
    state = _planned(runtime, monkeypatch, scripted_model)
    routes = route_after_planner(state, AGENTS)  # type: ignore[arg-type]
    assert isinstance(routes, list)
    sends = [r for r in routes if isinstance(r, Send)]
    assert sorted((s.arg["channel"], s.arg["variant"]) for s in sends) == [
        ("email", "A"),
        ("email", "B"),
        ("paid_search", "A"),
    ]
    assert all(s.node == "content" for s in sends) and [r for r in routes if not isinstance(r, Send)] == [
        "data"
    ]
    without_data = route_after_planner({**state, "agents": ["planner", "content"]}, AGENTS)  # type: ignore[arg-type]
    assert isinstance(without_data, list) and "data" not in without_data and len(without_data) == 3


@pytest.mark.parametrize(
    ("cycle", "agents", "expected"),
    [
        (None, AGENTS, "planner"),
        ({"kind": "relaunch"}, AGENTS, "orchestrator"),
        ({"kind": "optimize"}, AGENTS, "optimizer"),
        (
            {"kind": "optimize"},
            ("planner", "content", "governance", "orchestrator", "analytics"),
            "analytics",
        ),
        ({"kind": "measure"}, AGENTS, "analytics"),
    ],
)
def test_route_start(cycle: dict[str, str] | None, agents: tuple[str, ...], expected: str) -> None:
    state: dict[str, Any] = {"cycle": cycle} if cycle else {}
    assert route_start(state, agents) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("state", "agents", "expected"),
    [
        ({"status": "launched"}, AGENTS, "optimizer"),
        ({"status": "held"}, AGENTS, "analytics"),
        (
            {"status": "launched", "agents": ["planner", "content", "orchestrator", "analytics"]},
            AGENTS,
            "analytics",
        ),
        ({"status": "launched"}, ("planner", "content", "orchestrator", "analytics"), "analytics"),
    ],
)
def test_route_after_orchestrator(state: dict[str, Any], agents: tuple[str, ...], expected: str) -> None:
    assert route_after_orchestrator(state, agents) == expected  # type: ignore[arg-type]


# ---- governance -------------------------------------------------------------------------------------------------
def test_governance_sends_an_unapproved_claim_back_to_content_without_asking_a_model(
    runtime: Runtime[CampaignContext], monkeypatch: pytest.MonkeyPatch, scripted_model: ScriptedModels
) -> None:
    state = _planned(runtime, monkeypatch, scripted_model)
    tasks = [s.arg for s in content_tasks(state)]
    clean = {
        "subject": "Filtered water at home",
        "body": "The MaxFlow Pitcher fills your glass at home.",
        "cta": "Shop now",
        "cited_claim_ids": [],
    }
    bad = {**clean, "body": "The MaxFlow Pitcher removes 100% of microplastics."}
    ad = {
        "headline": "MaxFlow Pitcher",
        "body": "Filtered water at home.",
        "cta": "Shop now",
        "cited_claim_ids": [],
    }
    by_task = {("email", "A"): clean, ("email", "B"): bad, ("paid_search", "A"): ad}
    replies = [json_reply(by_task[(t["channel"], t["variant"])]) for t in tasks]
    _use(monkeypatch, "content", scripted_model(*replies))
    assets: dict[str, Any] = {}
    for task in tasks:
        assets.update(content(task, runtime)["assets"])  # type: ignore[arg-type]
    silent = scripted_model()  # governance runs the guards only: any model call fails the test
    monkeypatch.setattr(Services, "model", lambda self, name: silent)
    command = governance({**state, "assets": assets, "revision": 0}, runtime)  # type: ignore[arg-type]
    assert isinstance(command.goto, list)
    # only the asset with the unapproved claim goes back for a revision; the clean copy waits for it
    print("PROBE", [(s.arg["channel"], s.arg["findings"]) for s in command.goto])
    assert sorted((s.arg["channel"], s.arg["variant"]) for s in command.goto) == [("email", "B")]
    [bad_task] = [s.arg for s in command.goto if (s.arg["channel"], s.arg["variant"]) == ("email", "B")]
    assert bad_task["version"] == 2
    assert any("microplastics" in f["text"] for f in bad_task["findings"])
    assert command.update["revision"] == 1 and command.update["status"] == "drafting"
    assert silent.calls == []


# ---- analytics --------------------------------------------------------------------------------------------------
def test_analytics_scores_the_trace_so_far_without_asking_a_model(
    runtime: Runtime[CampaignContext], monkeypatch: pytest.MonkeyPatch, scripted_model: ScriptedModels
) -> None:
    state = _planned(runtime, monkeypatch, scripted_model)  # two scripted planner calls, in the state's usage
    silent = scripted_model()
    monkeypatch.setattr(Services, "model", lambda self, name: silent)
    out = analytics({**state, "status": "launching"}, runtime)  # type: ignore[arg-type]
    card = out["scorecard"]
    assert out["status"] == "launched" and out["cycle"] is None
    assert card["agents_run"] == ["planner", "analytics"]
    assert card["llm_calls"] == 2
    assert card["conversions"] == 0 and card["spend"] == 0  # nothing ran yet: no results in the trace
    assert silent.calls == []


# ---- intake -----------------------------------------------------------------------------------------------------


def test_intake_fills_a_new_campaigns_ids_and_keeps_what_the_caller_gave(
    runtime: Runtime[CampaignContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake_module, "get_config", lambda: {"configurable": {"thread_id": "cmp-thread01"}})
    out = intake({"brief_text": CLEAN_BRIEF, "brand": "brightwell", "launch_approved": True}, runtime)  # type: ignore[typeddict-item]
    assert out["campaign_id"] == "cmp-thread01" and out["trace_id"].startswith("trc-")
    assert out["status"] == "planning" and out["revision"] == 0 and out["day"] == 0
    assert "brand" not in out and "launch_approved" not in out  # the caller's values are kept
    assert out["agents"] == list(runtime.context.settings.agents)


def test_intake_passes_a_cycle_run_through_and_refuses_an_empty_brief_or_unknown_brand(
    runtime: Runtime[CampaignContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake_module, "get_config", lambda: {"configurable": {}})
    assert intake({"brief_text": "", "cycle": {"id": "c1"}}, runtime) == {}  # type: ignore[typeddict-item]
    with pytest.raises(IntakeError, match="the brief is empty"):
        intake({"brief_text": "  ", "brand": "brightwell"}, runtime)  # type: ignore[typeddict-item]
    with pytest.raises(BrandNotFoundError, match="unknown brand 'nosuchbrand'"):
        intake({"brief_text": CLEAN_BRIEF, "brand": "nosuchbrand"}, runtime)  # type: ignore[typeddict-item]
