"""Planner agent: brief text -> Brief -> Blueprint (budget split, KPI targets and gates, tests, caps)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from langgraph.runtime import Runtime

from graph.agent_io import ask_structured, digest, emit
from graph.brief.acted_on import acted_on
from graph.brief.audience import map_audience
from graph.brief.checks import DEFAULT_MAX_CAMPAIGN_BUDGET_USD, BriefProblem, check_extraction
from graph.brief.disclaimer_check import channel_drops, disclaimer_questions, plan_conflicts
from graph.brief.echo import unused_sentences
from graph.brief.focus import clarify_product, resolve_product
from graph.brief.kpi_targets import one_per_kpi
from graph.brief.region_check import region_drops, region_questions, unsold_regions
from graph.context import CampaignContext
from graph.contracts import (
    Blueprint,
    Brief,
    BriefExtraction,
    BriefFact,
    Caps,
    ChannelPlan,
    KPITarget,
    Money,
    PlanDraft,
)
from graph.contracts.money import exponent, from_minor, plan_caps, split, to_minor
from graph.models.offline.places import region_of
from graph.nodes.governance import review_payload
from graph.state import CampaignState, add_usage
from tools.crm.dictionary import COUNTRIES_BY_REGION

DEFAULT_DURATION_DAYS = 28
ESSENTIALS = {
    "budget": "What is the total budget (amount and currency)?",
    "goal": "What is the goal of the campaign (e.g. signups, orders, leads)?",
    "audience": "Who should the campaign reach?",
}


PROBLEM_QUESTIONS = {
    "budget": "What is the total budget (a positive amount and its currency)?",
    "dates": "When should the campaign start and end (or how long should it run)?",
    "holdout": "What share of each list should be held out as control (0-50%)?",
    "regions": "Which of Liftoff's regions should the campaign run in instead?",
    "brief": "Could you restate that part of the brief?",
}


def build_brief(
    text: str,
    brand: str,
    facts: BriefExtraction,
    today: date,
    max_budget_usd: float = DEFAULT_MAX_CAMPAIGN_BUDGET_USD,
    crm_countries: dict[str, tuple[str, ...]] | None = None,
) -> Brief:
    """Turn extracted facts into a Brief, listing the essentials the brief lacks (never guessing them) and the
    problems with its money and dates (asked, never rewritten); fill the echo (facts and unused sentences) and the
    audience's mapping to CRM filters."""
    problems = check_extraction(facts, today, max_budget_usd)

    outside = [c for c in facts.countries if len(c) == 2 and region_of(c.upper()) is None]
    if outside and not facts.regions:
        problems.append(
            BriefProblem(
                "regions", f"{', '.join(outside)} is outside Liftoff's regions (US, UK, EU, CA, APAC)"
            )
        )
    bad = {p.field for p in problems}
    amount = facts.budget_amount if facts.budget_amount and "budget" not in bad else None
    budget = Money(amount=amount, currency=facts.currency or "USD") if amount else None
    dates_ok = "dates" not in bad
    start = (facts.start_date if dates_ok else None) or (today + timedelta(days=1))
    stated_days = facts.duration_days if dates_ok else None
    end_in = facts.end_date if dates_ok else None
    duration = stated_days or (
        (end_in - start).days + 1 if end_in and end_in >= start else DEFAULT_DURATION_DAYS
    )
    end = end_in if end_in and end_in >= start else start + timedelta(days=duration - 1)
    duration = (end - start).days + 1
    missing = [
        name
        for name, value in (("budget", budget), ("goal", facts.goal), ("audience", facts.audience))
        if not value and not (name == "budget" and "budget" in bad)
    ]
    targets = one_per_kpi(facts.kpi_targets, _located_facts(text, facts))
    facts_list = targets.facts
    assumed = []
    if dates_ok and not facts.start_date:
        assumed.append(f"start: {start.isoformat()} (the brief gives no start date: the day after today)")
    if dates_ok and not stated_days and not (end_in and end_in >= start):
        assumed.append(
            f"length: {duration} days, to {end.isoformat()} (the brief gives no end date or length)"
        )
    if facts.holdout_pct is None or "holdout" in bad:
        assumed.append("holdout: 10% of each list kept as control (the brief states no holdout)")
    if crm_countries is None:
        crm_countries = {k: tuple(v) for k, v in COUNTRIES_BY_REGION.items()}
    countries = [c.upper() for c in facts.countries if len(c) == 2]
    return Brief(
        text=text,
        brand=brand,
        product=facts.product,
        goal=facts.goal,
        audience=facts.audience,
        budget=budget,
        start_date=start,
        end_date=end,
        duration_days=duration,
        channels=facts.channels,
        regions=facts.regions,
        kpi_targets=targets.kept,
        key_messages=facts.key_messages,
        missing=missing,
        countries=countries,
        holdout_pct=facts.holdout_pct if "holdout" not in bad else None,
        theme=facts.theme,
        landing_url=facts.landing_url,
        facts=facts_list,
        unused=unused_sentences(text, facts_list) + targets.not_used,
        problems=[f"{p.field}: {p.message}" for p in problems],
        assumed=assumed,
        audience_mapping=map_audience(facts.audience, countries, crm_countries),
    )


def _located_facts(text: str, facts: BriefExtraction) -> list[BriefFact]:
    """The extraction's facts, each with its source checked against the brief. A source that is not in the brief
    verbatim is marked as such (the marketer sees it was not quoted); an extraction without facts (a model that
    skipped them) gets facts for the values found word for word in the brief."""
    flat = " ".join(text.split()).lower()
    out: list[BriefFact] = []
    for f in facts.facts:
        src = " ".join(f.source.split())
        if src and src.lower() not in flat:
            src = f"(not quoted from the brief) {src}"
        out.append(BriefFact(field=f.field, value=f.value, source=src))
    if out:
        return out
    values = [
        ("product", facts.product),
        ("goal", facts.goal),
        ("audience", facts.audience),
        ("theme", facts.theme),
        ("landing_url", facts.landing_url),
        *(("key_messages", m) for m in facts.key_messages),
    ]
    for name, value in values:
        if value and " ".join(value.split()).lower() in flat:
            out.append(BriefFact(field=name, value=value, source=value))
    return out


def clarifying_questions(
    brief: Brief, asked_before: list[str], extra: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """(question, field) pairs for what the brief lacks or states impossibly. A question already asked is never
    asked again word for word: it says the last answer did not settle it and how to answer."""
    out: list[tuple[str, str]] = []
    for name in brief.missing:
        out.append((ESSENTIALS[name], name))
    for problem in brief.problems:
        fld, _, message = problem.partition(": ")
        out.append(
            (
                f"{message[:1].upper()}{message[1:]}. {PROBLEM_QUESTIONS.get(fld, PROBLEM_QUESTIONS['brief'])}",
                fld,
            )
        )
    out += list(extra or [])
    seen = list(asked_before)
    final = []
    for question, fld in out:
        text, n = question, 1
        while text in seen:
            n += 1
            text = (
                f"{question} (asked again, attempt {n}: the last answer did not state it; answer with the "
                f"{fld} alone, e.g. {EXAMPLES.get(fld, 'a short plain sentence')})"
            )
        seen.append(text)
        final.append((text, fld))
    return final


EXAMPLES = {
    "budget": "'30000 USD'",
    "goal": "'500 signups'",
    "audience": "'independent cafes and home baristas'",
    "dates": "'1 March 2027 to 31 March 2027'",
    "holdout": "'10%'",
    "disclaimer": "'drop paid_search'",
}


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
    exp = exponent(brief.budget.currency)
    total_minor = to_minor(total, exp, "budget", down=True)
    share_sum = sum(d.share for d in drafts.values())
    factor = 1.0 / share_sum if share_sum > 1.0 else 1.0
    regions = brief.regions
    parts = split(total_minor, [d.share for d in drafts.values()])
    channels = [
        ChannelPlan(
            channel=d.channel,
            budget=from_minor(part, exp),
            share=round(d.share * factor, 4),
            regions=[r for r in d.regions if not regions or r in regions] or list(regions),
            variants=list(dict.fromkeys(d.variants)),
            rationale=d.rationale,
        )
        for d, part in zip(drafts.values(), parts, strict=True)
    ]
    stated = {(k.name, k.channel): k for k in brief.kpi_targets}
    kpis = list(stated.values()) + [k for k in draft.kpi_targets if (k.name, k.channel) not in stated]
    duration = (brief.end_date - brief.start_date).days + 1
    caps = Caps.of_minor(
        plan_caps(
            total_minor, {c.channel: part for c, part in zip(channels, parts, strict=True)}, duration, exp
        )
    )
    names = {c.channel for c in channels}
    return Blueprint(
        campaign_name=draft.campaign_name[:120],
        brief=brief,
        objective=draft.objective,
        currency=brief.budget.currency,
        total_budget=from_minor(total_minor, exp),
        start_date=brief.start_date,
        end_date=brief.end_date,
        channels=channels,
        kpi_targets=[KPITarget.model_validate(k.model_dump()) for k in kpis],
        gates=draft.gates,
        experiments=[e for e in draft.experiments if e.channel in names],
        caps=caps,
        holdout_pct=0.1 if brief.holdout_pct is None else brief.holdout_pct,  # 0: the brief wants no control
        prompt_version=prompt_ref,
    )


def _needs_input(
    state: CampaignState, brief: Brief, extra: list[tuple[str, str]], reason: str, usage: Any
) -> dict[str, Any]:
    """Stop with the Planner's questions: the essentials and problems of the brief, plus ``extra`` (question,
    field) pairs; a question already asked is not asked again word for word."""
    asked = [*(state.get("asked_questions") or []), *(state.get("questions") or [])]
    pairs = clarifying_questions(brief, asked, extra=extra)
    questions = [q for q, _ in pairs]
    return {
        "brief": brief.model_dump(mode="json"),
        "status": "needs_input",
        "questions": questions,
        "asked_questions": list(dict.fromkeys([*asked, *questions])),
        "pending_review": review_payload("clarify", state, [{"question": q, "missing": m} for q, m in pairs]),
        "status_reason": reason,
        "usage": usage,
        "agents_run": ["planner"],
    }


def planner(state: CampaignState, runtime: Runtime[CampaignContext]) -> dict[str, Any]:
    """Parse the brief; ask for what is missing; otherwise write the Blueprint."""
    svc = runtime.context.services
    today = svc.check_date()
    emit(
        svc,
        state,
        "campaign.started",
        "planner",
        {
            "brand": state["brand"],
            "brief_chars": len(state["brief_text"]),
            "model": svc.settings.model_for("planner"),
        },
        key="started",
    )
    library = svc.library(state["brand"])
    facts, usage, meta = ask_structured(
        svc,
        "planner",
        "extract",
        {"brief_text": state["brief_text"], "today": today.isoformat(), "brand": library.name},
        BriefExtraction,
    )
    brief = build_brief(
        state["brief_text"],
        state["brand"],
        facts,
        today,
        max_budget_usd=getattr(svc.settings, "max_campaign_budget", DEFAULT_MAX_CAMPAIGN_BUDGET_USD),
    )
    emit(
        svc,
        state,
        "planner.brief_parsed",
        "planner",
        {
            "missing": brief.missing,
            "problems": brief.problems,
            "facts": len(brief.facts),
            "unused": len(brief.unused),
            **meta,
        },
        key=digest(state["brief_text"]),
    )
    resolved, product_fact = resolve_product(library, brief.product, state["brief_text"])
    if product_fact is not None:  # the library's name for it, shown in the echo with the brief's words
        brief.product = resolved
        notes = [u for u in brief.unused if u not in unused_sentences(state["brief_text"], brief.facts)]
        brief.facts = [*(f for f in brief.facts if f.field != "product"), product_fact]
        brief.unused = unused_sentences(state["brief_text"], brief.facts) + notes
    elif resolved:  # the library's product as named, less an answer's trailing words ('Paylark Core instead')
        brief.product = resolved
    prior = state.get("brief") or {}
    product, product_q = clarify_product(
        library, brief.product, state["brief_text"], prior.get("text") or "", prior.get("product")
    )
    brief.product = product
    if brief.missing or brief.problems or product_q:
        reasons = (
            (["the brief has no " + ", no ".join(brief.missing)] if brief.missing else [])
            + brief.problems
            + ([f"the library has no claims for the product {brief.product!r}"] if product_q else [])
        )
        extra = [(product_q, "product")] if product_q else []
        return _needs_input(state, brief, extra, "; ".join(reasons), usage)
    if not brief.regions:
        brief.regions = [r for r in ("US", "UK", "EU", "CA", "APAC") if r in library.regions][:1] or ["US"]
        brief.assumed.append(
            f"regions: {brief.regions[0]} (the brief names no market: the brand library's first region)"
        )
    markets = (list(brief.regions), list(brief.countries))
    if gone := region_drops(state["brief_text"], brief.regions, brief.countries):  # 'drop CA': an answer
        brief.regions = [r for r in brief.regions if r not in gone]
        brief.countries = [c for c in brief.countries if region_of(c) not in gone]
        brief.assumed.append(f"regions: {', '.join(sorted(gone))} left out (your answer)")
        if not brief.regions:
            question = "The answer drops every market of the brief: name the markets to run in instead."
            return _needs_input(state, brief, [(question, "regions")], "every market was dropped", usage)
    if unsold := unsold_regions(library, brief.regions):  # no rules there: the human's call, before any plan
        return _needs_input(
            state,
            brief,
            [(q, "regions") for q in region_questions(unsold, brief.countries)],
            "the brand library has no rules for a market of the brief",
            usage,
        )
    dropped = channel_drops(state["brief_text"])  # 'drop paid_search': an answer to the disclaimer question
    requested, brief.channels = list(brief.channels), [c for c in brief.channels if c not in dropped]
    if requested and not brief.channels:  # never a silent swap to channels nobody asked for
        return _needs_input(
            state,
            brief,
            [
                (
                    f"The answer drops every channel the brief asks for ({', '.join(requested)}): name the "
                    "channels to use instead, or shorten the disclaimer in the brand library and run again.",
                    "channels",
                )
            ],
            "every requested channel was dropped",
            usage,
        )
    brief.unused = [u for u in brief.unused if not acted_on(u, library, brief.product, *markets)]

    def plan() -> tuple[Blueprint, Any, dict[str, Any]]:
        draft, used, meta = ask_structured(
            svc,
            "planner",
            "plan",
            {
                "brief": brief.model_dump(mode="json"),
                "today": today.isoformat(),
                "brand_regions": sorted(library.regions),
            },
            PlanDraft,
        )
        return build_blueprint(brief, draft, meta["prompt"]), used, meta

    blueprint, usage2, meta2 = plan()
    if dropped & {c.channel for c in blueprint.channels} and not brief.channels:  # the model's own pick
        brief.channels = [c.channel for c in blueprint.channels if c.channel not in dropped]
        blueprint, usage3, meta2 = plan()
        usage2 = add_usage(usage2, usage3)
    if not brief.channels:
        chosen = ", ".join(c.channel for c in blueprint.channels)
        brief.assumed.append(f"channels: {chosen} (the brief names none: the Planner's choice)")
        blueprint.brief = brief
    too_long = disclaimer_questions(plan_conflicts(library, blueprint.channels))
    if too_long:  # before any copy: a disclaimer the channel cannot hold is the human's call
        return _needs_input(
            state,
            brief,
            [(q, "disclaimer") for q in too_long],
            "a region's disclaimers do not fit a planned channel",
            add_usage(usage, usage2),
        )
    emit(
        svc,
        state,
        "planner.blueprint",
        "planner",
        {
            "campaign_name": blueprint.campaign_name,
            "total_budget": blueprint.total_budget,
            "currency": blueprint.currency,
            "channels": {c.channel: c.budget for c in blueprint.channels},
            **meta2,
        },
        key="blueprint",
    )
    return {
        "brief": brief.model_dump(mode="json"),
        "blueprint": blueprint.model_dump(mode="json"),
        "status": "drafting",
        "questions": [],
        "status_reason": "",
        "usage": add_usage(usage, usage2),
        "agents_run": ["planner"],
    }
