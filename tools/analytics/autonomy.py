"""Autonomy dial advice: recommend raising a channel's dial only when the agents beat the control, steadily.

The recommendation is advice for a human; nothing here changes a dial (there is no write path at all).

A cycle is a campaign day with both treated metrics and control metrics for the slice. A raise by one level
(manual -> assisted -> auto) is recommended only when, for the slice:

* there are at least ``min_cycles`` cycles and the treated conversion rate beat the control's in each of the
  last ``min_cycles`` of them,
* the pooled lift's 95% interval of the rate difference lies above zero, and
* the exception rate is at most ``max_exception_rate``: exceptions (``sla.breach``, ``spend.refused``, refused
  or rejected budget changes, human rejections, governance escalations) over items (program-days run, budget
  changes proposed, governed subjects) of that channel.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.contracts import Event
from tools.analytics.lift import compute_lift, treated_population
from tools.ingest.rollup import program_days

LEVELS: tuple[str, ...] = ("manual", "assisted", "auto")
"""Autonomy dial positions, lowest first."""

_REJECTIONS = frozenset({"reject", "rejected", "deny", "denied"})


@dataclass(frozen=True)
class AutonomyRecommendation:
    """Advice for one channel (or channel and region).

    Attributes:
        channel: Channel.
        region: Region, or None for the whole channel.
        current: Current dial position.
        recommended: Suggested position (``current`` or one level higher; never lower, never applied).
        raise_level: True when a raise is recommended.
        cycles: Cycles with treated and control data.
        cycles_beating_control: Cycles in which the treated rate beat the control rate.
        lift_pct: Pooled lift.
        ci95: 95% interval of the pooled rate difference.
        exception_rate: Exceptions over items; None without items.
        reasons: Why (or why not), one line each.
    """

    channel: str
    region: str | None
    current: str
    recommended: str
    raise_level: bool
    cycles: int
    cycles_beating_control: int
    lift_pct: float | None
    ci95: tuple[float, float] | None
    exception_rate: float | None
    reasons: list[str] = field(default_factory=list)


def _exceptions(events: Iterable[Event]) -> tuple[dict[str, int], dict[str, int]]:
    """Exceptions and items per channel."""
    exceptions: dict[str, int] = defaultdict(int)
    items: dict[str, int] = defaultdict(int)
    log = list(events)
    for row in program_days(log):
        items[str(row.get("channel", ""))] += 1  # one program-day of results
    for e in log:
        p, ch = e.payload, str(e.payload.get("channel", ""))
        if e.type in ("sla.breach", "spend.refused"):
            exceptions[ch] += 1
        elif e.type == "optimizer.budget_change":
            if p.get("status") == "pending_approval" or p.get("decided_by") is None:
                items[ch] += 1  # one proposal (a later approval is not a second item)
            if p.get("status") in ("refused", "rejected"):
                exceptions[ch] += 1
        elif e.type == "human.decision" and str(p.get("decision", "")).lower() in _REJECTIONS:
            exceptions[ch] += 1
        elif e.type == "governance.report" and ch:
            items[ch] += int(p.get("subjects", 0))
            exceptions[ch] += int(p.get("escalated", 0))
    return exceptions, items


def recommend(
    events: Iterable[Event],
    *,
    current: Mapping[str, str] | None = None,
    min_cycles: int = 5,
    max_exception_rate: float = 0.05,
    by_region: bool = False,
) -> list[AutonomyRecommendation]:
    """Advise on each channel's (or channel and region's) autonomy dial from the event log.

    Args:
        events: The campaign's events.
        current: Current dial per channel (or 'channel:region'); missing means 'manual'.
        min_cycles: N: cycles the agents must beat the control in, in a row, most recent last.
        max_exception_rate: Highest exception rate that still allows a raise.
        by_region: Advise per (channel, region) instead of per channel.

    Raises:
        ValueError: on an unknown dial position or ``min_cycles`` below 1.
    """
    if min_cycles < 1:
        raise ValueError("min_cycles must be at least 1")
    current = current or {}
    log = list(events)
    treated: dict[tuple[str, str | None], dict[int, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    control: dict[tuple[str, str | None], dict[int, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    cells: list[tuple[dict[str, Any], bool]] = [(row, True) for row in program_days(log)]
    cells += [(e.payload, False) for e in log if e.type == "control.metrics"]
    for p, is_treated in cells:
        key = (str(p["channel"]), str(p["region"]) if by_region else None)
        n, conv = (
            (treated_population(p), int(p["conversions"]))
            if is_treated
            else (int(p["control_size"]), int(p["conversions"]))
        )
        cell = (treated if is_treated else control)[key][int(p["day"])]
        cell[0] += n
        cell[1] += conv
    exceptions, items = _exceptions(log)
    out = []
    for key in sorted(treated, key=lambda k: (k[0], k[1] or "")):
        channel, region = key
        level = current.get(f"{channel}:{region}" if region else channel, current.get(channel, "manual"))
        if level not in LEVELS:
            raise ValueError(f"unknown autonomy level {level!r} for {channel} (known: {', '.join(LEVELS)})")
        days = sorted(
            d for d in treated[key] if d in control[key] and treated[key][d][0] and control[key][d][0]
        )
        wins = [
            treated[key][d][1] / treated[key][d][0] > control[key][d][1] / control[key][d][0] for d in days
        ]
        lift = compute_lift(
            sum(treated[key][d][0] for d in days),
            sum(treated[key][d][1] for d in days),
            sum(control[key][d][0] for d in days),
            sum(control[key][d][1] for d in days),
        )
        rate = exceptions[channel] / items[channel] if items[channel] else None
        reasons = []
        if len(days) < min_cycles:
            reasons.append(f"only {len(days)} cycles with control data (need {min_cycles})")
        elif not all(wins[-min_cycles:]):
            reasons.append(f"beat the control in {sum(wins[-min_cycles:])} of the last {min_cycles} cycles")
        if lift.ci95 is None or lift.ci95[0] <= 0:
            reasons.append("the lift's 95% interval does not exclude zero")
        if rate is None or rate > max_exception_rate:
            reasons.append(
                f"exception rate {'unknown' if rate is None else f'{rate:.1%}'} "
                f"(limit {max_exception_rate:.1%})"
            )
        if level == LEVELS[-1]:
            reasons.append("already at the highest level")
        ok = not reasons
        if ok:
            reasons.append(
                f"beat the control in each of the last {min_cycles} cycles, lift {lift.lift_pct:+.1%}"
                if lift.lift_pct is not None
                else f"beat the control in the last {min_cycles} cycles"
            )
        out.append(
            AutonomyRecommendation(
                channel=channel,
                region=region,
                current=level,
                recommended=LEVELS[LEVELS.index(level) + 1] if ok else level,
                raise_level=ok,
                cycles=len(days),
                cycles_beating_control=sum(wins),
                lift_pct=lift.lift_pct,
                ci95=lift.ci95,
                exception_rate=rate,
                reasons=reasons,
            )
        )
    return out


def summarize(recommendations: Iterable[AutonomyRecommendation]) -> str | None:
    """One line per channel for the scorecard (None when there is nothing to advise on)."""
    lines = []
    for r in recommendations:
        name = f"{r.channel}/{r.region}" if r.region else r.channel
        if r.raise_level:
            lines.append(f"{name}: consider raising {r.current} -> {r.recommended} ({'; '.join(r.reasons)})")
        else:
            lines.append(f"{name}: keep {r.current} ({'; '.join(r.reasons)})")
    return "\n".join(lines) or None
