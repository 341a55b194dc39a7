"""Run every guard on every asset, list and the blueprint; build the PassReport and route the exceptions.

Each subject is validated through a guardrails Guard (see :mod:`guards.validators`). A failure becomes a
:class:`~graph.contracts.GovernanceException`: routed to ``content`` when a rewrite can fix it and revision
rounds remain, otherwise to ``human``, always with the findings and their evidence (approved claim wording,
rule text) attached.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from graph.contracts import (
    Asset,
    Blueprint,
    BudgetChange,
    Caps,
    GovernanceException,
    PassReport,
    SubjectReport,
    TargetList,
    ValidatorResult,
)
from guards.claims import Judge
from guards.disclaimers import region_disclaimers
from guards.library import BrandLibrary

SubjectType = Literal["asset", "list", "blueprint", "budget_change"]


def govern(
    *,
    assets: list[Asset],
    lists: list[TargetList],
    blueprint: Blueprint | None,
    library: BrandLibrary,
    check_date: date,
    revision_round: int,
    max_revisions: int,
    index: Any = None,
    judge: Judge | None = None,
) -> PassReport:
    """Check every asset, list and the blueprint; return the pass report with routed exceptions.

    Args:
        assets: Asset versions to check.
        lists: Target lists to check.
        blueprint: The plan (caps, holdout share), if any.
        library: Brand library checked against.
        check_date: Date claims must be approved on.
        revision_round: Content revisions so far.
        max_revisions: Bound on content revisions; at the bound every exception goes to a human.
        index: Optional Chroma claim index (semantic candidates for the claims check).
        judge: Optional LLM judge for claim sentences the rules cannot settle.
    """
    subjects: list[SubjectReport] = []
    exceptions: list[GovernanceException] = []
    can_revise = revision_round < max_revisions

    def add(subject_type: SubjectType, subject_id: str, version: int, results: list[ValidatorResult]) -> None:
        subjects.append(
            SubjectReport(
                subject_type=subject_type, subject_id=subject_id, subject_version=version, results=results
            )
        )
        for result in results:
            if result.passed:
                continue
            failing = [f for f in result.findings if f.verdict not in ("supported", "no_claim", "warning")]
            exceptions.append(
                GovernanceException(
                    id=f"{subject_type}:{subject_id}@{version}:{result.validator}",
                    subject_type=subject_type,
                    subject_id=subject_id,
                    validator=result.validator,
                    reasons=result.reasons,
                    findings=failing or result.findings,
                    route="content" if result.fixable and can_revise else "human",
                )
            )

    claims_on = send_date(blueprint, check_date)
    for asset in assets:
        results = check_asset(asset, library, check_date=claims_on, index=index, judge=judge)
        if claims_on > check_date:
            results = [_on_send_date(r, claims_on) for r in results]
        add("asset", asset.id, asset.version, results)
    holdout_pct = blueprint.holdout_pct if blueprint is not None else None
    for target in lists:
        add("list", target.id, 1, check_list(target, library, holdout_pct=holdout_pct))
    if blueprint is not None:
        add("blueprint", blueprint.campaign_name, 1, check_blueprint(blueprint))
    return PassReport(
        subjects=subjects,
        exceptions=exceptions,
        library_version=library.version,
        check_date=check_date.isoformat(),
        revision_round=revision_round,
    )


def _on_send_date(result: ValidatorResult, on: date) -> ValidatorResult:
    """Say why a claim approved today fails: it expires before the programs' send slot."""
    note = f" (before the send date {on.isoformat()})"

    def said(text: str) -> str:
        return text + note if " expired on " in text and note not in text else text

    if result.passed or not any(" expired on " in r for r in result.reasons):
        return result
    findings = [f.model_copy(update={"reason": said(f.reason)}) for f in result.findings]
    return result.model_copy(update={"reasons": [said(r) for r in result.reasons], "findings": findings})


def send_date(blueprint: Blueprint | None, today: date) -> date:
    """The day claims must still be approved on: the programs' send slot (the campaign start), never before today.

    Claims expire but never start, so a claim approved on the slot is approved today too.
    """
    return max(today, blueprint.start_date) if blueprint is not None else today


def check_asset(
    asset: Asset, library: BrandLibrary, *, check_date: date, index: Any = None, judge: Judge | None = None
) -> list[ValidatorResult]:
    """Run the claims check first (its backed claims decide conditional disclaimers), then the other guards.

    The claims check reads the asset without its marked disclaimer spans (only spans that are the region's own
    disclaimers word for word): a disclaimer is never judged as a claim, whatever it says.
    """
    from guards.quality_validator import CopyQualityValidator  # lazy: start-up (guardrails)
    from guards.validators import (
        BannedTermsValidator,
        BrandVoiceValidator,
        ChannelLimitsValidator,
        ClaimsValidator,
        CompetitorsValidator,
        DisclaimersValidator,
        PIIValidator,
        run_guard,
    )  # lazy: start-up (guardrails)

    text = asset.full_text()
    claims = ClaimsValidator(
        library, region=asset.region, on=check_date, index=index, judge=judge, cited=asset.cited_claim_ids
    )
    results = run_guard(asset.claims_text(region_disclaimers(library, asset.region)) or ".", [claims])
    backed = claims.last_check.claims if claims.last_check else []
    results += run_guard(
        text,
        [
            BannedTermsValidator(library, region=asset.region),
            CompetitorsValidator(library),
            PIIValidator(library),
            DisclaimersValidator(
                library,
                region=asset.region,
                channel=asset.channel,
                claim_ids=lambda: [*backed, *asset.cited_claim_ids],
            ),
            ChannelLimitsValidator(asset),
            BrandVoiceValidator(library, body=asset.body),
            CopyQualityValidator(asset),
        ],
    )
    return results


def check_list(
    target: TargetList, library: BrandLibrary, *, holdout_pct: float | None = None
) -> list[ValidatorResult]:
    """Consent, suppression and holdout guards on one list."""
    from guards.validators import (  # lazy: start-up (guardrails)
        ConsentValidator,
        HoldoutValidator,
        SuppressionValidator,
        run_guard,
    )  # lazy: start-up (guardrails)

    return run_guard(
        target.model_dump_json(),
        [ConsentValidator(library), SuppressionValidator(), HoldoutValidator(holdout_pct)],
    )


def check_blueprint(blueprint: Blueprint) -> list[ValidatorResult]:
    """Budget caps of the plan."""
    from guards.validators import BudgetCapsValidator, run_guard  # lazy: start-up (guardrails)

    return run_guard(blueprint.model_dump_json(), [BudgetCapsValidator()])


def govern_budget_change(
    change: BudgetChange, caps: Caps, allocation: dict[str, float], total_budget: float
) -> ValidatorResult:
    """Check a budget change against the caps through guardrails (same result as ``caps.check_budget_change``)."""
    from guards.validators import BudgetChangeValidator, run_guard  # lazy: start-up (guardrails)

    return run_guard(change.model_dump_json(), [BudgetChangeValidator(caps, allocation, total_budget)])[0]
