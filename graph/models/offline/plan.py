"""Offline planning rules: brief facts -> a PlanDraft (channel shares, variants, KPIs, gates, tests)."""

from __future__ import annotations

import re
from typing import Any

_B2B = re.compile(
    r"\b(b2b|business(?:es)?|compan(?:y|ies)|enterprise|smb|it (?:leaders|managers)|decision[- ]makers|"
    r"offices?|procurement|facilit(?:y|ies) managers)\b",
    re.IGNORECASE,
)
_WEIGHTS = {"email": 0.25, "sms": 0.10, "paid_social": 0.35, "paid_search": 0.30, "display": 0.15}
_DEFAULT_CPA = 35.0
_RATIONALE = {
    "email": "owned channel with the lowest cost per result; carries the subject-line test",
    "sms": "short, high-intent reminders to opted-in contacts",
    "paid_social": "reach and creative testing with the widest audience",
    "paid_search": "captures existing demand at the moment of intent",
    "display": "awareness and retargeting at a low CPM",
}
_TWO_VARIANTS = {"email", "paid_social"}


def draft_plan(payload: dict[str, Any]) -> dict[str, Any]:
    """Return a PlanDraft (as a dict) from the planner payload.

    Payload keys: ``brief`` (Brief as dict), ``brand_regions`` (regions the brand sells in).
    """
    brief = payload["brief"]
    audience = brief.get("audience") or ""
    channels = list(brief.get("channels") or [])
    if not channels:
        channels = (
            ["email", "paid_search", "display"]
            if _B2B.search(audience)
            else ["email", "paid_social", "paid_search"]
        )
    regions = list(brief.get("regions") or payload.get("default_regions") or ["US"])
    weights = {ch: _WEIGHTS[ch] for ch in channels}
    total_w = sum(weights.values())
    shares = {ch: round(w / total_w, 4) for ch, w in weights.items()}
    drift = round(1.0 - sum(shares.values()), 4)
    shares[channels[0]] = round(shares[channels[0]] + drift, 4) if drift < 0 else shares[channels[0]]
    channel_drafts = [
        {
            "channel": ch,
            "share": shares[ch],
            "regions": regions,
            "variants": ["A", "B"] if ch in _TWO_VARIANTS else ["A"],
            "rationale": _RATIONALE[ch],
        }
        for ch in channels
    ]
    budget = float((brief.get("budget") or {}).get("amount") or 0)
    kpis = [dict(k) for k in brief.get("kpi_targets") or []]
    names = {k["name"] for k in kpis}
    cpa = next((k["target"] for k in kpis if k["name"] == "cpa"), None)
    if not names & {"conversions", "signups", "leads", "revenue"} and budget:
        kpis.append(
            {
                "name": "conversions",
                "target": max(1.0, round(budget / (cpa or _DEFAULT_CPA))),
                "channel": None,
            }
        )
    if "email" in channels and "open_rate" not in names:
        kpis.append({"name": "open_rate", "target": 0.22, "channel": "email"})
    if {"paid_social", "paid_search", "display"} & set(channels) and "ctr" not in names:
        kpis.append({"name": "ctr", "target": 0.012, "channel": None})
    conv = next((k["target"] for k in kpis if k["name"] in ("conversions", "signups", "leads")), None)
    target_cpa = cpa or (budget / conv if budget and conv else _DEFAULT_CPA)
    gates = [
        {
            "kpi": "cpa",
            "threshold": round(target_cpa * 1.5, 2),
            "direction": "max",
            "after_days": 3,
            "action": "escalate",
        },
        {"kpi": "ctr", "threshold": 0.004, "direction": "min", "after_days": 3, "action": "pause"},
    ]
    experiments = [
        {
            "name": f"{c['channel']}-creative",
            "channel": c["channel"],
            "hypothesis": "Leading with a product benefit beats leading with the offer.",
            "variants": c["variants"],
            "metric": "open_rate" if c["channel"] == "email" else "conversion_rate",
            "traffic_split": [round(1 / len(c["variants"]), 6)] * len(c["variants"]),
        }
        for c in channel_drafts
        if len(c["variants"]) > 1
    ]
    theme = (brief.get("theme") or "").strip()
    if brief.get("product"):
        name = f"{brief['product']} — {', '.join(regions)}" + (f" ({theme})" if theme else "")
    else:  # no product stated: named by its theme and places, never by a made-up product
        name = (
            f"{theme[:1].upper()}{theme[1:]} campaign — {', '.join(regions)}"
            if theme
            else f"Campaign — {', '.join(regions)}"
        )
    goal = brief.get("goal") or "drive conversions"
    return {
        "campaign_name": name,
        "objective": goal[0].upper() + goal[1:] if goal else goal,
        "channels": channel_drafts,
        "kpi_targets": kpis,
        "gates": gates,
        "experiments": experiments,
    }
