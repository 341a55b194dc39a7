"""Planner agent: brief text -> Brief -> Blueprint (budget split, KPI targets and gates, tests, caps)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from langgraph.runtime import Runtime

from graph.agent_io import ask_structured, digest, emit
from graph.context import CampaignContext
from graph.contracts import Blueprint, Brief, BriefExtraction, Caps, ChannelPlan, KPITarget, Money, PlanDraft
from graph.focus import clarify_product
from graph.governance import review_payload
from graph.state import CampaignState, add_usage

DEFAULT_DURATION_DAYS = 28
ESSENTIALS = {
    "budget": "What is the total budget (amount and currency)?",
    "goal": "What is the goal of the campaign (e.g. signups, orders, leads)?",
    "audience": "Who should the campaign reach?",
}


def build_brief(text: str, brand: str, facts: BriefExtraction, today: date) -> Brief:
    """Turn extracted facts into a Brief, listing the essentials the brief lacks (never guessing them)."""
    budget = Money(amount=facts.budget_amount, currency=facts.currency or "USD") if facts.budget_amount else None
    start = facts.start_date or (today + timedelta(days=1))
    duration = facts.duration_days or (
        (facts.end_date - start).days + 1 if facts.end_date and facts.end_date >= start else DEFAULT_DURATION_DAYS
    )
    end = facts.end_date if facts.end_date and facts.end_date >= start else start + timedelta(days=duration - 1)
    missing = [name for name, value in (("budget", budget), ("goal", facts.goal), ("audience", facts.audience))
               if not value]
    return Brief(
        text=text, brand=brand, product=facts.product, goal=facts.goal, audience=facts.audience, budget=budget,
        start_date=start, end_date=end, duration_days=duration, channels=facts.channels, regions=facts.regions,
        kpi_targets=facts.kpi_targets, key_messages=facts.key_messages, missing=missing,
    )


def build_blueprint(brief: Brief, draft: PlanDraft, prompt_ref: str) -> Blueprint:
    """Compute budgets and caps from the draft's shares; keep the brief's channels and KPI targets.

    The model proposes shares; code does the arithmetic, so the split always stays inside the budget.
    """
    assert brief.budget is not None and brief.start_date and brief.end_date
    total = brief.budget.amount
    drafts = {c.channel: c for c in draft.channels}
    if brief.channels:  # the marketer's channel list wins over the model's
        drafts = {ch: d for ch, d in drafts.items() if ch in brief.channels}
        for ch in brief.channels:
            if ch not in drafts:
                raise ValueError(f"the plan dropped the requested channel {ch!r}")
    share_sum = sum(d.share for d in drafts.values())
    scale = 1.0 / share_sum if share_sum > 1.0 else 1.0
    regions = brief.regions
    channels = [
        ChannelPlan(
            channel=d.channel,
            budget=round(total * d.share * scale, 2),
            share=round(d.share * scale, 4),
            regions=[r for r in d.regions if not regions or r in regions] or list(regions),
            variants=list(dict.fromkeys(d.variants)),
            rationale=d.rationale,
        )
        for d in drafts.values()
    ]
    overflow = round(sum(c.budget for c in channels) - total, 2)
    if overflow > 0:  # rounding: take cents off the largest channel
        biggest = max(channels, key=lambda c: c.budget)
        biggest.budget = round(biggest.budget - overflow, 2)
    stated = {(k.name, k.channel): k for k in brief.kpi_targets}
    kpis = list(stated.values()) + [k for k in draft.kpi_targets if (k.name, k.channel) not in stated]
    duration = (brief.end_date - brief.start_date).days + 1
    caps = Caps(
        total=total,
        per_channel={c.channel: round(min(total, c.budget * 1.5), 2) for c in channels},
        per_day=round(min(total, total / duration * 1.5), 2),
    )
    names = {c.channel for c in channels}
    return Blueprint(
        campaign_name=draft.campaign_name[:120],
        brief=brief,
        objective=draft.objective,
        currency=brief.budget.currency,
        total_budget=total,
        start_date=brief.start_date,
        end_date=brief.end_date,
        channels=channels,
        kpi_targets=[KPITarget.model_validate(k.model_dump()) for k in kpis],
        gates=draft.gates,
        experiments=[e for e in draft.experiments if e.channel in names],
        caps=caps,
        holdout_pct=0.1,
        prompt_version=prompt_ref,
    )


def planner(state: CampaignState, runtime: Runtime[CampaignContext]) -> dict[str, Any]:
    """Parse the brief; ask for what is missing; otherwise write the Blueprint."""
    svc = runtime.context.services
    today = svc.check_date()
    emit(svc, state, "campaign.started", "planner",
         {"brand": state["brand"], "brief_chars": len(state["brief_text"]), "model": svc.settings.model_for("planner")},
         key="started")
    library = svc.library(state["brand"])
    facts, usage, meta = ask_structured(
        svc, "planner", "extract", {"brief_text": state["brief_text"], "today": today.isoformat(),
                                    "brand": library.name}, BriefExtraction)
    brief = build_brief(state["brief_text"], state["brand"], facts, today)
    emit(svc, state, "planner.brief_parsed", "planner", {"missing": brief.missing, **meta},
         key=digest(state["brief_text"]))
    product, product_q = clarify_product(library, brief.product, state["brief_text"],
                                         (state.get("brief") or {}).get("text") or "")
    brief.product = product
    if brief.missing or product_q:
        asks = [(ESSENTIALS[m], m) for m in brief.missing] + ([(product_q, "product")] if product_q else [])
        questions = [q for q, _ in asks]
        pending = review_payload("clarify", state, [{"question": q, "missing": m} for q, m in asks])
        reasons = (["the brief has no " + ", no ".join(brief.missing)] if brief.missing else []) + (
            [f"the library has no claims for the product {brief.product!r}"] if product_q else [])
        return {"brief": brief.model_dump(mode="json"), "status": "needs_input", "questions": questions,
                "pending_review": pending, "status_reason": "; ".join(reasons), "usage": usage,
                "agents_run": ["planner"]}
    if not brief.regions:
        brief.regions = [r for r in ("US", "UK", "EU", "CA", "APAC") if r in library.regions][:1] or ["US"]
    draft, usage2, meta2 = ask_structured(
        svc, "planner", "plan", {"brief": brief.model_dump(mode="json"), "today": today.isoformat(),
                                 "brand_regions": sorted(library.regions)}, PlanDraft)
    blueprint = build_blueprint(brief, draft, meta2["prompt"])
    emit(svc, state, "planner.blueprint", "planner", {
        "campaign_name": blueprint.campaign_name, "total_budget": blueprint.total_budget,
        "currency": blueprint.currency, "channels": {c.channel: c.budget for c in blueprint.channels}, **meta2,
    }, key="blueprint")
    return {"brief": brief.model_dump(mode="json"), "blueprint": blueprint.model_dump(mode="json"),
            "status": "drafting", "questions": [], "status_reason": "", "usage": add_usage(usage, usage2),
            "agents_run": ["planner"]}
