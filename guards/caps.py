"""Budget caps on the blueprint and on budget changes, as guard findings (the rules live in graph.contracts.money;
the spend ledger enforces them again at spend time)."""

from __future__ import annotations

from graph.contracts import Blueprint, BudgetChange, Caps, Finding, ValidatorResult
from graph.contracts.money import (
    Breach,
    CapsMinor,
    PlanAmounts,
    blueprint_breaches,
    change_breaches,
    exponent,
    pacing_shortfall,
    to_minor,
)

BLUEPRINT_VALIDATOR = "liftoff/budget_caps"
CHANGE_VALIDATOR = "liftoff/budget_change"


def _finding(breach: Breach, text: str | None = None, verdict: str = "cap") -> Finding:
    return Finding(text=text or breach.subject, verdict=verdict, reason=breach.reason, evidence=[breach.rule])


def check_blueprint_caps(blueprint: Blueprint) -> ValidatorResult:
    """Check the plan's budgets against its caps: every channel capped, no plan above its cap, caps coherent."""
    exp = exponent(blueprint.currency)
    budgets: dict[str, int] = {}
    for plan in blueprint.channels:
        budgets[plan.channel] = budgets.get(plan.channel, 0) + to_minor(
            plan.budget, exp, f"{plan.channel} budget"
        )
    amounts = PlanAmounts(
        total_budget=to_minor(blueprint.total_budget, exp, "total_budget"),
        channel_budgets=budgets,
        caps=CapsMinor.of(blueprint.caps, exp),
        days=(blueprint.end_date - blueprint.start_date).days + 1,
    )
    findings = [_finding(b) for b in blueprint_breaches(amounts)]
    shortfall = pacing_shortfall(amounts)
    notes = [_finding(shortfall, verdict="warning")] if shortfall else []
    return ValidatorResult(
        validator=BLUEPRINT_VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings + notes,
        fixable=False,
    )


def check_budget_change(
    change: BudgetChange,
    caps: Caps,
    allocation: dict[str, float],
    total_budget: float,
    currency: str | None = None,
) -> ValidatorResult:
    """Check a proposed reallocation against the caps and the current allocation.

    Args:
        change: The proposed change.
        caps: The blueprint's caps.
        allocation: Current budget per channel.
        total_budget: The campaign's total budget.
        currency: The campaign currency (default: the change's own, else USD).
    """
    exp = exponent(currency or change.currency or "USD")
    breaches = change_breaches(
        change.channel,
        to_minor(change.from_amount, exp, "from_amount"),
        to_minor(change.to_amount, exp, "to_amount"),
        CapsMinor.of(caps, exp),
        {ch: to_minor(v, exp, f"allocation of {ch}") for ch, v in allocation.items()},
        to_minor(total_budget, exp, "total_budget"),
    )
    ratio: list[Finding] = []
    if change.from_amount > 0:  # a consistency check of the stored ratio (rounded to 4 places), not a cap
        expected = (change.to_amount - change.from_amount) / change.from_amount
        if abs(expected - change.delta_pct) > 1e-3:
            ratio.append(
                Finding(
                    text=change.id,
                    verdict="cap",
                    evidence=["delta_pct = (to - from) / from"],
                    reason=f"delta_pct {change.delta_pct:+.3f} does not match the amounts ({expected:+.3f})",
                )
            )
    findings = (
        [_finding(b, change.id) for b in breaches if b.limit == "allocation"]
        + ratio
        + [_finding(b, change.id) for b in breaches if b.limit != "allocation"]
    )
    return ValidatorResult(
        validator=CHANGE_VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=False,
    )
