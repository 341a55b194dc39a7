"""Blueprint constraints: status, channels, regions, budget and caps, KPI targets (present and sane), tests."""

from __future__ import annotations

import math

from pydantic import ValidationError

from evals.evaluators.base import CampaignOutcome, Evaluation
from graph.contracts import Blueprint, KPITarget

RATE_BOUNDS: dict[str, tuple[float, float]] = {
    "open_rate": (0.01, 0.9),
    "click_rate": (0.001, 0.6),
    "ctr": (0.0005, 0.5),
    "conversion_rate": (0.0005, 0.5),
}
"""Sane (low, high) ranges of rate KPIs, as fractions."""

COUNT_KPIS = frozenset({"conversions", "signups", "leads"})
MIN_COST_PER_RESULT = 0.5
"""A count target implying less than this much budget per result is not sane."""

_OK = ("blueprint_ok", "blueprint_checks")


def kpi_problem(kpi: KPITarget, total_budget: float) -> str:
    """Return why a KPI target is not sane for the budget, or '' when it is."""
    t = kpi.target
    if not math.isfinite(t) or t <= 0:
        return f"{kpi.name} target {t} is not a positive number"
    if kpi.name in RATE_BOUNDS:
        lo, hi = RATE_BOUNDS[kpi.name]
        if not lo <= t <= hi:
            return f"{kpi.name} target {t:g} is outside the sane range {lo:g}..{hi:g} (rates are fractions)"
    elif kpi.name in COUNT_KPIS:
        if t < 1 or t != round(t):
            return f"{kpi.name} target {t:g} is not a whole number of results"
        if total_budget / t < MIN_COST_PER_RESULT:
            return f"{kpi.name} target {t:g} implies {total_budget / t:.2f} per result: not reachable"
    elif kpi.name == "cpa":
        if t > total_budget:
            return f"cpa target {t:g} exceeds the whole budget {total_budget:g}"
    elif kpi.name == "roas" and not 0 < t <= 50:
        return f"roas target {t:g} is outside 0..50"
    return ""


class BlueprintConstraints:
    """Checks the plan against the brief's expectations and the hard rules every plan must keep."""

    name = "blueprint"

    def evaluate(self, outcome: CampaignOutcome) -> Evaluation:
        """Check status, asked questions, channels, regions, budget/caps, spend, KPIs, experiments and dates."""
        ev = Evaluation(self.name)
        exp = outcome.case.expect
        status_ok = outcome.status == exp.status
        ev.check(
            "status",
            status_ok,
            f"expected {exp.status}, got {outcome.status}"
            + (f" ({outcome.reason})" if outcome.reason and not status_ok else ""),
            count=("status_ok", "status_checked"),
        )
        if exp.status == "needs_input":
            missing = list((outcome.values.get("brief") or {}).get("missing") or []) or [
                str(item.get("missing"))
                for item in (outcome.pending_review or {}).get("items") or []
                if isinstance(item, dict) and item.get("missing")
            ]
            missing = sorted(set(missing))
            ev.check(
                "asked for missing essentials",
                missing == sorted(exp.missing),
                f"expected questions about {sorted(exp.missing)}, got {sorted(missing)}",
                count=_OK,
            )
            ev.check(
                "nothing guessed or launched",
                not outcome.values.get("blueprint") and not outcome.programs,
                "a blueprint or program exists although essentials are missing",
                count=_OK,
            )
            ev.rate("constraints_rate", *_OK)
            return ev
        raw = outcome.values.get("blueprint")
        if raw is None:
            ev.check("blueprint exists", False, "no blueprint", count=_OK)
            ev.rate("constraints_rate", *_OK)
            return ev
        try:
            bp = Blueprint.model_validate(raw)
        except ValidationError as exc:
            ev.check("blueprint valid", False, str(exc.errors()[0].get("msg")), count=_OK)
            ev.rate("constraints_rate", *_OK)
            return ev
        self._plan(ev, outcome, bp)
        self._kpis(ev, outcome, bp)
        ev.rate("constraints_rate", *_OK)
        ev.rate("kpi_sane_rate", "kpi_sane", "kpi_total")
        return ev

    @staticmethod
    def _plan(ev: Evaluation, outcome: CampaignOutcome, bp: Blueprint) -> None:
        exp = outcome.case.expect
        channels = sorted(c.channel for c in bp.channels)
        if exp.channels is not None:
            ev.check(
                "channels",
                channels == sorted(exp.channels),
                f"expected {sorted(exp.channels)}, got {channels}",
                count=_OK,
            )
        regions = sorted({r for c in bp.channels for r in c.regions})
        if exp.regions is not None:
            ev.check(
                "regions",
                regions == sorted(exp.regions),
                f"expected {sorted(exp.regions)}, got {regions}",
                count=_OK,
            )
        ev.check(
            "regions sold by the brand",
            set(regions) <= set(outcome.library.regions),
            f"plan uses {sorted(set(regions) - set(outcome.library.regions))} where the brand has no rules",
            count=_OK,
        )
        if exp.budget is not None:
            same = abs(bp.total_budget - exp.budget.amount) <= 0.5 and bp.currency == exp.budget.currency
            ev.check(
                "budget read from the brief",
                same,
                f"expected {exp.budget.amount:,.2f} {exp.budget.currency}, "
                f"got {bp.total_budget:,.2f} {bp.currency}",
                count=_OK,
            )
        split = sum(c.budget for c in bp.channels)
        ev.check(
            "channel budgets within the total",
            split <= bp.total_budget + 0.01,
            f"channels sum to {split:,.2f} of {bp.total_budget:,.2f}",
            count=_OK,
        )
        caps_ok = (
            bp.caps.total <= bp.total_budget + 0.01
            and bp.caps.per_day <= bp.total_budget + 0.01
            and all(v <= bp.total_budget + 0.01 for v in bp.caps.per_channel.values())
        )
        ev.check(
            "caps within the total",
            caps_ok,
            f"caps {bp.caps.model_dump()} vs total {bp.total_budget:,.2f}",
            count=_OK,
        )
        spend = float((outcome.values.get("scorecard") or {}).get("spend") or 0.0)
        ev.check(
            "spend within the budget",
            spend <= bp.total_budget + 0.01,
            f"spent {spend:,.2f} of {bp.total_budget:,.2f}",
            count=_OK,
        )
        variants = {c.channel: set(c.variants) for c in bp.channels}
        for x in bp.experiments:
            ok = x.channel in variants and set(x.variants) <= variants[x.channel]
            ev.check(
                f"experiment {x.name} matches the plan",
                ok,
                f"variants {x.variants} vs planned {sorted(variants.get(x.channel, set()))}",
                count=_OK,
            )
        today = outcome.check_date
        ev.check(
            "dates",
            bp.start_date >= today and bp.end_date >= bp.start_date,
            f"{bp.start_date}..{bp.end_date} (today {today})",
            count=_OK,
        )
        if exp.max_llm_calls is not None:
            calls = sum(int(u.get("calls", 0)) for u in (outcome.values.get("usage") or {}).values())
            ev.check(
                "llm call budget",
                calls <= exp.max_llm_calls,
                f"{calls} calls (max {exp.max_llm_calls})",
                count=_OK,
            )

    @staticmethod
    def _kpis(ev: Evaluation, outcome: CampaignOutcome, bp: Blueprint) -> None:
        exp = outcome.case.expect
        ev.check("KPI targets present", bool(bp.kpi_targets), "no KPI target", count=_OK)
        for want in exp.kpis:
            found = [
                k
                for k in bp.kpi_targets
                if k.name == want.name and (want.channel is None or k.channel == want.channel)
            ]
            ok = any(
                want.target is None or math.isclose(k.target, want.target, rel_tol=1e-6, abs_tol=1e-9)
                for k in found
            )
            got = ", ".join(f"{k.name}={k.target:g}" for k in found) or "none"
            ev.check(
                f"KPI {want.name}",
                ok,
                f"expected {want.target if want.target is not None else 'any'}, got {got}",
                count=_OK,
            )
        if exp.kpi_sanity:
            for k in bp.kpi_targets:
                problem = kpi_problem(k, bp.total_budget)
                ev.check(
                    f"KPI {k.name}{'/' + k.channel if k.channel else ''} sane",
                    not problem,
                    problem,
                    count=("kpi_sane", "kpi_total"),
                )
