"""Planner arithmetic: budgets and caps are computed by code and never exceed the brief's budget."""

from datetime import date

import pytest

from graph.contracts import BriefExtraction, ChannelDraft, KPITarget, PlanDraft
from graph.models.offline.handlers import extract_brief
from graph.models.offline.plan import draft_plan
from graph.nodes.planner import build_blueprint, build_brief

TODAY = date(2026, 11, 25)


def _brief(text: str):  # noqa: ANN202
    facts = BriefExtraction.model_validate(extract_brief({"brief_text": text, "today": TODAY.isoformat()}))
    return build_brief(text, "brightwell", facts, TODAY)


def test_missing_essentials_are_listed_not_guessed() -> None:
    brief = _brief("Promote the Brightwell Go bottle in the UK.")
    assert set(brief.missing) == {"budget", "goal", "audience"}
    assert brief.budget is None


def test_blueprint_split_stays_inside_budget_and_keeps_requested_channels() -> None:
    brief = _brief(
        "Launch our new Brightwell MaxFlow Pitcher in the US and UK. Budget: €25,000. Target: families. "
        "Goal: drive 800 orders. Use email, paid social and display."
    )
    draft = PlanDraft.model_validate(draft_plan({"brief": brief.model_dump(mode="json")}))
    bp = build_blueprint(brief, draft, "planner@v1#x")
    assert [c.channel for c in bp.channels] == ["email", "paid_social", "display"]
    assert sum(c.budget for c in bp.channels) <= 25_000 + 1e-6
    assert bp.currency == "EUR" and bp.caps.total == 25_000
    assert all(bp.caps.per_channel[c.channel] >= c.budget for c in bp.channels)
    assert {k.name for k in bp.kpi_targets} >= {"conversions", "open_rate"}
    assert next(k for k in bp.kpi_targets if k.name == "conversions").target == 800


def test_model_shares_over_one_are_scaled_down() -> None:
    brief = _brief("Budget $10k. Target: runners. Goal: drive signups. Use email and paid search in the US.")
    draft = PlanDraft(
        campaign_name="x",
        objective="y",
        channels=[
            ChannelDraft(channel="email", share=0.9, regions=["US"], variants=["A"], rationale="r"),
            ChannelDraft(channel="paid_search", share=0.9, regions=["US"], variants=["A"], rationale="r"),
        ],
        kpi_targets=[KPITarget(name="signups", target=100)],
    )
    bp = build_blueprint(brief, draft, "p")
    assert sum(c.budget for c in bp.channels) == pytest.approx(10_000)


def test_plan_that_drops_a_requested_channel_is_refused() -> None:
    brief = _brief("Budget $10k. Target: runners. Goal: drive signups. Use email and sms in the US.")
    draft = PlanDraft(
        campaign_name="x",
        objective="y",
        channels=[ChannelDraft(channel="email", share=1, regions=["US"], variants=["A"], rationale="")],
        kpi_targets=[KPITarget(name="signups", target=1)],
    )
    with pytest.raises(ValueError, match="dropped the requested channel 'sms'"):
        build_blueprint(brief, draft, "p")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Spring push: €12k on Instagram and email in Germany. Audience: new puppy owners. Goal: 2,000 orders.",
            "Spring campaign — EU",
        ),
        ("Budget $10k. Target: runners. Goal: drive signups. Use email in the US.", "Campaign — US"),
        (
            "Back to school: promote the Brightwell Go bottle in the UK. Budget £8k. Audience: parents. Goal: 300 orders.",
            "Brightwell Go bottle — UK (back to school)",
        ),
    ],
)
def test_the_offline_plan_is_named_by_what_the_brief_states(text: str, name: str) -> None:
    """No product stated: the plan is named by its theme and places, never by a made-up product."""
    brief = _brief(text)
    assert draft_plan({"brief": brief.model_dump(mode="json")})["campaign_name"] == name
