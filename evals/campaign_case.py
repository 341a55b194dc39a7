"""Run one brief case: a real campaign in its own state directory, auto-approved, then every evaluator."""

from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from evals.evaluators.base import CampaignOutcome, Evaluation
from evals.evaluators.blueprint import BlueprintConstraints
from evals.evaluators.brief_facts import BriefFacts
from evals.evaluators.claims import ClaimsSupport
from evals.evaluators.delivery import Delivery
from evals.evaluators.judge import Judge
from evals.evaluators.schema_validity import SchemaValidity
from evals.evaluators.voice import BrandVoice
from evals.homes import TemplateHomes, release_services
from evals.results import AgentUsage, CaseResult, Check, describe_error
from evals.schema import BriefCase, Dataset
from graph.runtime.settings import Settings

EVALUATORS = (
    SchemaValidity(),
    BlueprintConstraints(),
    BriefFacts(),
    Delivery(),
    ClaimsSupport(),
    BrandVoice(),
)
"""Rule-based evaluators run on every brief case, in report order."""


@dataclass
class CaseEnv:
    """What every brief case of a run shares.

    Attributes:
        base: Settings carrying the model, prompts and library choices of the run.
        work_dir: Where per-case state directories are created.
        prices: Price table (``graph.models.usage.PriceTable``) for cost estimates.
        judge: The LLM judge, when one runs.
        keep_homes: Keep each case's state directory (for debugging) instead of deleting it.
        length_limits: Default channel length limits (the dataset's own limits win).
        templates: Seeded template state directories cloned per case (None: every case seeds its own).
    """

    base: Settings
    work_dir: Path
    prices: Any
    judge: Judge | None = None
    keep_homes: bool = False
    length_limits: dict[str, dict[str, int]] = field(default_factory=dict)
    templates: TemplateHomes | None = None


def case_settings(base: Settings, home: Path, dataset: Dataset, brand: str) -> Settings:
    """Settings for one case: the run's model/prompt/library choices, everything else fixed and isolated.

    The state directory is the case's own, the CRM small, the check date the dataset's, every connector the
    sandbox; autonomy, approvers and agents keep their defaults, so a user's environment cannot change results.
    """
    return Settings(
        home=home,
        model=base.model,
        agent_models=dict(base.agent_models),
        openai_base_url=base.openai_base_url,
        brand=brand,
        brand_library_dir=dataset.library_dir(base.brand_library_dir),
        embeddings=base.embeddings,
        prompt_versions=dict(base.prompt_versions),
        prompts_dir=base.prompts_dir,
        check_date=dataset.config.check_date,
        crm_contacts=dataset.config.crm_contacts,
        seed=base.seed,
        connectors={},
    )


def case_campaign_id(suite: str, case_id: str, repeat: int) -> str:
    """A campaign id fixed per case run, so asset ids and model requests are the same run after run."""
    return "cmp-" + hashlib.sha256(f"{suite}/{case_id}/{repeat}".encode()).hexdigest()[:12]


def agent_usage(usage: dict[str, Any], settings: Settings, prices: Any) -> dict[str, AgentUsage]:
    """Per-agent usage from the graph state, with cost re-estimated from ``prices``."""
    out: dict[str, AgentUsage] = {}
    for agent, u in sorted((usage or {}).items()):
        spec = settings.model_for(agent) if agent in settings.agents else settings.model
        out[agent] = priced_usage(
            spec,
            int(u.get("calls", 0)),
            int(u.get("input_tokens", 0)),
            int(u.get("output_tokens", 0)),
            prices,
        )
    return out


def priced_usage(spec: str, calls: int, input_tokens: int, output_tokens: int, prices: Any) -> AgentUsage:
    """One agent's usage priced with the table (unlisted models cost 0 and are marked unpriced)."""
    price = prices.lookup(spec)
    cost = (input_tokens * price.input + output_tokens * price.output) / 1e6 if price else 0.0
    return AgentUsage(
        model=spec,
        calls=calls,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cost_usd=round(cost, 8),
        priced=price is not None,
    )


def run_brief_case(case: BriefCase, dataset: Dataset, env: CaseEnv, repeat: int = 0) -> CaseResult:
    """Run one brief case end to end and evaluate it; errors become a failed result, never an exception."""
    from graph.runtime.runner import Campaigns  # lazy: start-up (langchain_core, langgraph)

    home = env.work_dir / f"{dataset.name}-{case.id}-r{repeat}"
    if home.exists():
        shutil.rmtree(home)
    if env.templates is not None:
        env.templates.clone(
            dataset.config.crm_contacts, home, dataset.library_dir(env.base.brand_library_dir)
        )
    settings = case_settings(env.base, home, dataset, case.brand)
    campaigns = None
    t_setup = time.perf_counter()
    latency = 0.0
    try:
        campaigns = Campaigns(settings)
        svc = campaigns.services
        library = svc.library(case.brand)
        index = svc.claim_index(case.brand)
        _ = svc.crm  # seed before timing: latency measures the campaign, not the fixture
        setup_s = time.perf_counter() - t_setup
        t0 = time.perf_counter()
        result = campaigns.start(
            case.brief,
            brand=case.brand,
            auto_approve=True,
            campaign_id=case_campaign_id(dataset.name, case.id, repeat),
        )
        answers = list(case.answers)
        asked: list[str] = []
        while result.status == "needs_input" and answers:
            asked.extend(_questions(result.pending_review))
            reply = {"decision": "answer", "approver": "evals", "answer": answers.pop(0)}
            result = campaigns.resume(result.thread_id, reply, auto_approve=True)
        latency = time.perf_counter() - t0
        outcome = CampaignOutcome(
            case=case,
            status=result.status,
            reason=result.reason,
            values=dict(result.values),
            library=library,
            check_date=date.fromisoformat(dataset.config.check_date),
            length_limits={**env.length_limits, **dataset.config.length_limits},
            claim_index=index,
            unused_answers=answers,
            pending_review=result.pending_review,
        )
        evaluations = [e.evaluate(outcome) for e in EVALUATORS]
        usage = agent_usage(outcome.values.get("usage") or {}, settings, env.prices)
        judge = None
        if env.judge is not None:
            judge, judge_usage = env.judge.score(outcome)
            if judge_usage is not None:
                usage["judge"] = priced_usage(
                    judge_usage.model,
                    judge_usage.calls,
                    judge_usage.input_tokens,
                    judge_usage.output_tokens,
                    env.prices,
                )
        return _result(
            case,
            dataset,
            repeat,
            outcome,
            evaluations,
            usage,
            latency,
            judge,
            {"setup_s": round(setup_s, 3), "campaign_id": result.thread_id, "questions": asked},
        )
    except Exception as exc:  # noqa: BLE001 - a crashing case is a failed case with its reason
        return CaseResult(
            suite=dataset.name,
            case_id=case.id,
            repeat=repeat,
            passed=False,
            error=describe_error(exc),
            status="error",
            latency_s=latency,
            tags=case.tags,
            counts={"error": 1, "run": 1},
            checks=[Check(evaluator="run", name="campaign ran", passed=False, detail=describe_error(exc))],
        )
    finally:
        if campaigns is not None:
            campaigns.close()
        release_services(settings)
        if not env.keep_homes:
            shutil.rmtree(home, ignore_errors=True)


def _result(
    case: BriefCase,
    dataset: Dataset,
    repeat: int,
    outcome: CampaignOutcome,
    evaluations: list[Evaluation],
    usage: dict[str, AgentUsage],
    latency: float,
    judge: Any,
    meta: dict[str, Any],
) -> CaseResult:
    checks = [c for ev in evaluations for c in ev.checks]
    counts: dict[str, int] = {"error": 0, "run": 1}
    scores: dict[str, float | None] = {}
    for ev in evaluations:
        for key, n in ev.counts.items():
            counts[key] = counts.get(key, 0) + n
        scores.update({f"{ev.evaluator}.{k}": v for k, v in ev.scores.items()})
    values = outcome.values
    meta.update(
        {
            "status_reason": outcome.reason,
            "assets": len(outcome.assets),
            "published_assets": len(outcome.published),
            "programs": len(outcome.programs),
            "revisions": int(values.get("revision") or 0),
            "withheld": list(values.get("withheld_assets") or []),
            "prompts": sorted({a.prompt_version for a in outcome.assets}),
            "planner_prompt": (values.get("blueprint") or {}).get("prompt_version"),
        }
    )
    return CaseResult(
        suite=dataset.name,
        case_id=case.id,
        repeat=repeat,
        passed=all(c.passed for c in checks),
        status=outcome.status,
        latency_s=round(latency, 4),
        usage=usage,
        scores=scores,
        counts=counts,
        checks=checks,
        judge=judge,
        tags=[*case.tags, *([case.industry] if case.industry else [])],
        meta=meta,
    )


def _questions(review: dict[str, Any] | None) -> list[str]:
    """The clarifying questions a needs_input stop asks (for the report)."""
    items = (review or {}).get("items") or []
    return [str(item.get("question", "")) for item in items if isinstance(item, dict)]
