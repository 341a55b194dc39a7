"""Cases that exercise the guards directly: claims-check sentences and governance assets."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

from evals.evaluators.base import Evaluation
from evals.results import CaseResult
from evals.schema import ClaimsCase, GovernanceCase
from graph.contracts import Asset, Blueprint, Brief, Caps, ChannelPlan, KPITarget, Money
from guards.claims import check_text
from guards.governance import govern


def run_claims_case(
    case: ClaimsCase, *, library: Any, check_date: date, index: Any, suite: str, repeat: int = 0
) -> CaseResult:
    """Check one sentence and compare the verdict with the expected one.

    Counts: tp/fp/fn/tn with 'unsupported' as the positive class, plus true_unsupported, pred_unsupported
    and true_ok (the denominators of recall, precision and the false-alarm rate).
    """
    on = date.fromisoformat(case.date) if case.date else check_date
    t0 = time.perf_counter()
    result = check_text(case.text, library, region=case.region, on=on, index=index)
    latency = time.perf_counter() - t0
    ev = Evaluation("claims_check")
    reasons = "; ".join(result.reasons) or ", ".join(result.claims) or "-"
    ev.check(
        "verdict",
        result.verdict == case.expected,
        f"expected {case.expected}, got {result.verdict}: {reasons}",
    )
    truth, pred = case.expected == "unsupported", result.verdict == "unsupported"
    ev.counts.update(
        {
            "tp": int(truth and pred),
            "fp": int(pred and not truth),
            "fn": int(truth and not pred),
            "tn": int(not truth and not pred),
            "true_unsupported": int(truth),
            "pred_unsupported": int(pred),
            "true_ok": int(not truth),
        }
    )
    return CaseResult(
        suite=suite,
        case_id=case.id,
        repeat=repeat,
        passed=result.verdict == case.expected,
        status=result.verdict,
        latency_s=latency,
        checks=ev.checks,
        counts=ev.counts,
        scores={"correct": float(result.verdict == case.expected)},
        tags=case.tags,
        meta={"expected": case.expected, "region": case.region, "on": on.isoformat()},
    )


def governance_blueprint(case: GovernanceCase, check_date: date) -> Blueprint:
    """A minimal valid blueprint running the case's asset (governance checks assets within a plan)."""
    a = case.asset
    start = check_date + timedelta(days=7)
    end = start + timedelta(days=27)
    brief = Brief(
        text=f"governance eval case {case.id}",
        brand=case.brand,
        goal="drive orders",
        audience="customers",
        budget=Money(amount=10_000, currency="USD"),
        start_date=start,
        end_date=end,
        duration_days=28,
        channels=[a.channel],
        regions=[a.region],
    )
    return Blueprint(
        campaign_name=f"eval {case.id}",
        brief=brief,
        objective="Drive orders",
        currency="USD",
        total_budget=10_000,
        start_date=start,
        end_date=end,
        channels=[
            ChannelPlan(channel=a.channel, budget=10_000, share=1.0, regions=[a.region], variants=["A"])
        ],
        kpi_targets=[KPITarget(name="conversions", target=300)],
        caps=Caps(total=10_000, per_channel={a.channel: 10_000}, per_day=540),
        prompt_version="eval",
    )


def governance_asset(case: GovernanceCase, library: Any) -> Asset:
    """The case's hand-written asset as a versioned Asset."""
    a = case.asset
    return Asset(
        id=f"eval-{case.id}",
        version=1,
        channel=a.channel,
        variant="A",
        region=a.region,
        subject=a.subject,
        headline=a.headline,
        body=a.body,
        cta=a.cta,
        cited_claim_ids=a.cited_claim_ids,
        prompt_version="eval",
        prompt_hash="eval",
        library_version=library.version,
        model="hand-written",
    )


def run_governance_case(
    case: GovernanceCase, *, library: Any, check_date: date, index: Any, suite: str, repeat: int = 0
) -> CaseResult:
    """Run governance on one hand-written asset; it must be stopped (for the expected reason) or pass.

    Counts: must_stop/stopped_must/missed, clean/stopped_clean, reason_ok.
    """
    asset = governance_asset(case, library)
    t0 = time.perf_counter()
    report = govern(
        assets=[asset],
        lists=[],
        blueprint=governance_blueprint(case, check_date),
        library=library,
        check_date=check_date,
        revision_round=0,
        max_revisions=2,
        index=index,
    )
    latency = time.perf_counter() - t0
    raised = [e for e in report.exceptions if e.subject_type == "asset" and e.subject_id == asset.id]
    stopped = bool(raised)
    validators = sorted({e.validator for e in raised})
    evidence = " ".join(
        [
            *(r for e in raised for r in e.reasons),
            *(f"{f.text} {f.reason}" for e in raised for f in e.findings),
        ]
    ).lower()
    exp = case.expect
    ev = Evaluation("governance")
    detail = f"stopped by {validators}: {evidence[:240]}" if stopped else "passed every validator"
    ev.check("stopped" if exp.stopped else "let through", stopped == exp.stopped, detail)
    reason_ok = True
    if exp.stopped and stopped:
        missing_validators = [v for v in exp.validators if v not in validators]
        missing_words = [w for w in exp.reason_contains if w.lower() not in evidence]
        reason_ok = not missing_validators and not missing_words
        ev.check(
            "for the expected reason",
            reason_ok,
            f"missing validators {missing_validators}, missing words {missing_words}"
            if not reason_ok
            else detail,
        )
    ev.counts.update(
        {
            "must_stop": int(exp.stopped),
            "stopped_must": int(exp.stopped and stopped),
            "missed": int(exp.stopped and not stopped),
            "clean": int(not exp.stopped),
            "stopped_clean": int(not exp.stopped and stopped),
            "reason_ok": int(exp.stopped and stopped and reason_ok),
        }
    )
    passed = stopped == exp.stopped and reason_ok
    return CaseResult(
        suite=suite,
        case_id=case.id,
        repeat=repeat,
        passed=passed,
        status="stopped" if stopped else "passed",
        latency_s=latency,
        checks=ev.checks,
        counts=ev.counts,
        scores={"correct": float(passed)},
        tags=case.tags,
        meta={"validators": validators, "channel": case.asset.channel, "region": case.asset.region},
    )
