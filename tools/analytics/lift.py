"""Lift of treated contacts over the control holdout, with a 95% interval of the rate difference."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from graph.contracts import Lift

Z95 = 1.959963984540054
"""Two-sided 95% normal quantile."""


def compute_lift(treated: int, treated_conversions: int, control: int, control_conversions: int) -> Lift:
    """Compare conversion rates of treated and holdout contacts.

    ``lift_pct`` is (treated rate - control rate) / control rate; ``ci95`` is the Wald 95% interval of the
    absolute difference of the two rates. Either is None when the data cannot define it (no control, a zero
    control rate for lift_pct).

    Raises:
        ValueError: when a count is negative or conversions exceed their population.
    """
    for name, value in (
        ("treated", treated),
        ("treated_conversions", treated_conversions),
        ("control", control),
        ("control_conversions", control_conversions),
    ):
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value}")
    if treated_conversions > treated or control_conversions > control:
        raise ValueError("conversions cannot exceed the population they come from")
    lift_pct = ci95 = diff = None
    if treated > 0 and control > 0:
        pt, pc = treated_conversions / treated, control_conversions / control
        diff = pt - pc
        if pc > 0:
            lift_pct = (pt - pc) / pc
        half = Z95 * math.sqrt(pt * (1 - pt) / treated + pc * (1 - pc) / control)
        ci95 = (pt - pc - half, pt - pc + half)
    return Lift(
        treated=treated,
        treated_conversions=treated_conversions,
        control=control,
        control_conversions=control_conversions,
        lift_pct=lift_pct,
        ci95=ci95,
        rate_diff=diff,
    )


def treated_population(metrics: Mapping[str, Any]) -> int:
    """Treated people of one ``channel.metrics`` payload: its targeted ``audience`` (intent to treat), else sends."""
    return int(metrics.get("audience") or metrics.get("sends", 0))
