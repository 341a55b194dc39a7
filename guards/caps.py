"""Budget caps on the blueprint and on budget changes (the spend ledger enforces them again at spend time)."""

from __future__ import annotations

from graph.contracts import Blueprint, BudgetChange, Caps, Finding, ValidatorResult

BLUEPRINT_VALIDATOR = "liftoff/budget_caps"
CHANGE_VALIDATOR = "liftoff/budget_change"
_EPS = 0.01


def check_blueprint_caps(blueprint: Blueprint) -> ValidatorResult:
    """Check the plan's budgets against its caps: every channel capped, no plan above its cap, caps coherent."""
    caps = blueprint.caps
    findings: list[Finding] = []
    planned = sum(c.budget for c in blueprint.channels)

    def fail(text: str, reason: str, rule: str) -> None:
        findings.append(Finding(text=text, verdict="cap", reason=reason, evidence=[rule]))

    if caps.total > blueprint.total_budget + _EPS:
        fail("caps.total", f"total cap {caps.total:,.2f} exceeds the budget {blueprint.total_budget:,.2f}",
             "caps.total <= total_budget")
    if planned > caps.total + _EPS:
        fail("channels", f"planned spend {planned:,.2f} exceeds the total cap {caps.total:,.2f}",
             "sum of channel budgets <= caps.total")
    for plan in blueprint.channels:
        cap = caps.per_channel.get(plan.channel)
        if cap is None:
            fail(plan.channel, f"channel {plan.channel} has no spend cap", "every planned channel has a per-channel cap")
        elif plan.budget > cap + _EPS:
            fail(plan.channel, f"{plan.channel} budget {plan.budget:,.2f} exceeds its cap {cap:,.2f}",
                 "channel budget <= caps.per_channel[channel]")
    for channel, cap in sorted(caps.per_channel.items()):
        if cap < 0:
            fail(channel, f"cap of {channel} is negative", "caps are >= 0")
        if cap > caps.total + _EPS:
            fail(channel, f"cap of {channel} ({cap:,.2f}) exceeds the total cap {caps.total:,.2f}",
                 "caps.per_channel <= caps.total")
    if caps.per_day > caps.total + _EPS:
        fail("caps.per_day", f"daily cap {caps.per_day:,.2f} exceeds the total cap {caps.total:,.2f}",
             "caps.per_day <= caps.total")
    if planned > 0 and caps.per_day <= 0:
        fail("caps.per_day", "daily cap is zero while the plan spends", "caps.per_day > 0 when spending")
    days = (blueprint.end_date - blueprint.start_date).days + 1
    notes = []
    if caps.per_day > 0 and caps.per_day * days + _EPS < planned:
        notes.append(Finding(text="caps.per_day", verdict="warning",
                             reason=f"daily cap x {days} days ({caps.per_day * days:,.2f}) is below planned spend "
                                    f"({planned:,.2f}): the plan cannot spend its budget",
                             evidence=["caps.per_day * days >= planned spend"]))
    return ValidatorResult(validator=BLUEPRINT_VALIDATOR, passed=not findings, reasons=[f.reason for f in findings],
                           findings=findings + notes, fixable=False)


def check_budget_change(change: BudgetChange, caps: Caps, allocation: dict[str, float],
                        total_budget: float) -> ValidatorResult:
    """Check a proposed reallocation against the caps and the current allocation.

    Args:
        change: The proposed change.
        caps: The blueprint's caps.
        allocation: Current budget per channel.
        total_budget: The campaign's total budget.
    """
    findings: list[Finding] = []

    def fail(reason: str, rule: str) -> None:
        findings.append(Finding(text=change.id, verdict="cap", reason=reason, evidence=[rule]))

    current = allocation.get(change.channel)
    if current is None:
        fail(f"channel {change.channel} has no current allocation", "changes apply to planned channels")
    elif abs(current - change.from_amount) > _EPS:
        fail(f"change starts from {change.from_amount:,.2f} but {change.channel} is allocated {current:,.2f}",
             "from_amount equals the current allocation")
    if change.from_amount > 0:
        expected = (change.to_amount - change.from_amount) / change.from_amount
        if abs(expected - change.delta_pct) > 1e-3:
            fail(f"delta_pct {change.delta_pct:+.3f} does not match the amounts ({expected:+.3f})",
                 "delta_pct = (to - from) / from")
    cap = caps.per_channel.get(change.channel)
    if cap is None:
        fail(f"channel {change.channel} has no spend cap", "every channel has a per-channel cap")
    elif change.to_amount > cap + _EPS:
        fail(f"{change.channel} would get {change.to_amount:,.2f}, above its cap {cap:,.2f}",
             "to_amount <= caps.per_channel[channel]")
    after = {**allocation, change.channel: change.to_amount}
    total_after = sum(after.values())
    limit = min(caps.total, total_budget)
    if total_after > limit + _EPS:
        fail(f"allocation after the change ({total_after:,.2f}) exceeds the total cap {limit:,.2f}",
             "sum of allocations <= min(caps.total, total_budget)")
    return ValidatorResult(validator=CHANGE_VALIDATOR, passed=not findings, reasons=[f.reason for f in findings],
                           findings=findings, fixable=False)
