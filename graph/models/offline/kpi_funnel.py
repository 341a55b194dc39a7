"""Two counted targets of one kind where one is a step before the other ('350 test rides booked and 120 orders',
'80 demos and 20 new customers'): the earlier step is the brief's leads target when it states no leads.

A plan holds one target per KPI; without this the purchase target would be lost behind the step before it."""

from __future__ import annotations

import re
from dataclasses import replace

from graph.models.offline.kpis import KPIMention

_BEFORE_BUYING = re.compile(
    r"(?<![\w-])(?:test[- ]?(?:drives?|rides?)|demos?|appointments?|consultations?|viewings?|"
    r"(?:showroom|store|in-store|branch|dealer(?:ship)?|clinic)\s+visits?|tours?|"
    r"fittings?|tastings?|quotes?|valuations?|assessments?|surveys?|estimates?|trial\s+(?:classes|lessons|sessions)|"
    r"citas|rendez-vous|appuntamenti|termine|afspraken)(?![\w-])",
    re.I,
)
"""Steps people take before they buy: a try-out, a visit, an appointment, a quote or an assessment (in English and
the other languages briefs arrive in)."""
_SOLD = re.compile(r"\b(?:sold|purchased|bought|paid)\b", re.I)
"""'400 tours sold' is a sale, not the step before one."""


def earlier_step_as_leads(text: str, counts: list[KPIMention]) -> list[KPIMention]:
    """The counts with the first step-before-buying conversion renamed leads, when the brief also counts a
    purchase as a conversion and names no leads target; otherwise the counts unchanged."""
    if any(k.name == "leads" for k in counts):
        return counts
    conversions = [k for k in counts if k.name == "conversions"]
    steps = [
        k
        for k in conversions
        if _BEFORE_BUYING.search(text[k.start : k.end]) and not _SOLD.search(text[k.start : k.end + 12])
    ]
    if not steps or len(steps) == len(conversions):
        return counts
    step = steps[0]
    return [replace(k, name="leads") if k is step else k for k in counts]
