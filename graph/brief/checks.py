"""Money and dates sane or refused: what the Planner read is checked before anything is planned on it.

Negative, absurd (above the organisation-wide ceiling), ambiguous or unreadable amounts and impossible dates become
a clarifying question naming the problem; nothing is silently rewritten. The same checks run whatever engine read
the brief (rules or a model).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.contracts import BriefExtraction

USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "CAD": 0.73,
    "AUD": 0.66,
    "JPY": 0.0067,
    "CHF": 1.13,
    "SEK": 0.095,
    "NOK": 0.093,
    "DKK": 0.145,
    "PLN": 0.25,
    "CZK": 0.043,
    "NZD": 0.6,
    "SGD": 0.74,
    "HKD": 0.128,
    "KRW": 0.00075,
    "INR": 0.012,
    "MXN": 0.058,
    "ZAR": 0.055,
    "AED": 0.272,
    "IDR": 0.000063,
    "THB": 0.029,
    "MYR": 0.22,
    "PHP": 0.018,
    "VND": 0.00004,
    "TWD": 0.031,
}
"""Rough conversion to USD, only to compare a budget with the USD ceiling (not used for any spend)."""

DEFAULT_MAX_CAMPAIGN_BUDGET_USD = 10_000_000.0
"""Default organisation-wide ceiling for one campaign (``LIFTOFF_MAX_CAMPAIGN_BUDGET``, USD)."""

_FIELD_OF_PREFIX = {"budget": "budget", "money": "budget", "dates": "dates", "holdout": "holdout"}


@dataclass(frozen=True)
class BriefProblem:
    """Something the brief states that cannot be planned on as written."""

    field: str
    message: str


def ceiling_in(currency: str, max_budget_usd: float) -> float:
    """The organisation ceiling expressed in ``currency`` (rounded down to a whole unit)."""
    return float(int(max_budget_usd / USD_PER_UNIT.get(currency, 1.0)))


def check_extraction(facts: BriefExtraction, today: date, max_budget_usd: float) -> list[BriefProblem]:
    """Every problem with the money and dates of an extraction, in plain words."""
    out: list[BriefProblem] = []
    for raw in facts.problems:
        prefix, _, rest = raw.partition(":")
        fld = _FIELD_OF_PREFIX.get(prefix.strip().lower())
        out.append(BriefProblem(fld or "brief", (rest if fld else raw).strip()))
    if facts.budget_amount is not None:
        cur = facts.currency or "USD"
        if facts.budget_amount <= 0:
            out.append(
                BriefProblem(
                    "budget", f"the budget {facts.budget_amount:,.2f} {cur} is not a positive amount"
                )
            )
        elif facts.budget_amount * USD_PER_UNIT.get(cur, 1.0) > max_budget_usd:
            out.append(
                BriefProblem(
                    "budget",
                    f"the budget {facts.budget_amount:,.2f} {cur} is above the organisation's ceiling of "
                    f"{ceiling_in(cur, max_budget_usd):,.0f} {cur} per campaign (LIFTOFF_MAX_CAMPAIGN_BUDGET)",
                )
            )
    for name, value in (("start date", facts.start_date), ("end date", facts.end_date)):
        if value is not None and not today.year - 1 <= value.year <= today.year + 5:
            out.append(
                BriefProblem("dates", f"the {name} {value.isoformat()} is not a plausible campaign date")
            )
    if facts.start_date and facts.start_date < today and facts.start_date.year >= today.year - 1:
        out.append(BriefProblem("dates", f"the start date {facts.start_date.isoformat()} is in the past"))
    if facts.start_date and facts.end_date and facts.end_date < facts.start_date:
        out.append(
            BriefProblem(
                "dates",
                f"the end date {facts.end_date.isoformat()} is before the start date "
                f"{facts.start_date.isoformat()}",
            )
        )
    if facts.duration_days is not None and not 1 <= facts.duration_days <= 730:
        out.append(
            BriefProblem(
                "dates",
                f"a duration of {facts.duration_days} days is not a campaign length Liftoff "
                "can plan (1 to 730 days)",
            )
        )
    if facts.holdout_pct is not None and not 0 <= facts.holdout_pct <= 0.5:
        out.append(
            BriefProblem("holdout", f"a holdout of {facts.holdout_pct:.0%} is outside 0-50% of each list")
        )
    seen: set[str] = set()
    return [p for p in out if not (p.message in seen or seen.add(p.message))]  # type: ignore[func-returns-value]
