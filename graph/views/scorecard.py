"""The live scorecard: KPIs vs target, lift vs control, spend by channel over time, SLA and escalations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.contracts import Blueprint, Event
from graph.contracts.plan import LOWER_IS_BETTER
from graph.views.text import kpi_kind, kpi_text, lift_text, money, pct
from tools.analytics.escalations import escalations as escalated
from tools.analytics.scorecard import compute_scorecard


@dataclass
class ScorecardView:
    """Everything the scorecard tab draws."""

    live: bool
    """True when computed from the events so far (the Analytics agent has not written this day's card yet)."""
    headline: list[tuple[str, str]] = field(default_factory=list)
    kpis: list[dict[str, Any]] = field(default_factory=list)
    kpi_chart: list[dict[str, Any]] = field(default_factory=list)
    lift: list[dict[str, Any]] = field(default_factory=list)
    lift_chart: list[dict[str, Any]] = field(default_factory=list)
    spend_over_time: list[dict[str, Any]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)
    sla: list[dict[str, Any]] = field(default_factory=list)
    recommendation: str | None = None


def current_scorecard(
    values: Mapping[str, Any], events: Sequence[Event]
) -> tuple[dict[str, Any] | None, bool]:
    """Return ``(scorecard, live)``: the Analytics agent's card, or one computed from the events so far.

    A card is computed live when metrics arrived after the last ``analytics.scorecard`` event (the optimizer
    is mid-run) or when there is no card yet but metrics exist.
    """
    stored = values.get("scorecard")
    last_card = max((i for i, e in enumerate(events) if e.type == "analytics.scorecard"), default=-1)
    fresh = any(
        e.type in ("channel.metrics", "control.metrics") or e.type.startswith("result.")
        for e in events[last_card + 1 :]
    )
    if stored and not fresh:
        return stored, False
    if not fresh and not stored:
        return None, False

    bp = values.get("blueprint")
    usage = values.get("usage") or {}
    card = compute_scorecard(
        list(events),
        blueprint=Blueprint.model_validate(bp) if bp else None,
        campaign_id=str(values.get("campaign_id", "")),
        trace_id=str(values.get("trace_id", "")),
        agents_run=list(values.get("agents_run") or []),
        llm_calls=sum(int(u.get("calls", 0)) for u in usage.values()),
        tokens=sum(int(u.get("input_tokens", 0)) + int(u.get("output_tokens", 0)) for u in usage.values()),
    )
    return card.model_dump(mode="json"), True


def _rate(n: int, d: int) -> float | None:
    return n / d if d else None


def _lift_row(key: str, lift: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not lift:
        return None
    ci = lift.get("ci95")
    return {
        "slice": key,
        "treated": int(lift.get("treated", 0)),
        "treated rate": pct(
            _rate(int(lift.get("treated_conversions", 0)), int(lift.get("treated", 0))), digits=2
        ),
        "control": int(lift.get("control", 0)),
        "control rate": pct(
            _rate(int(lift.get("control_conversions", 0)), int(lift.get("control", 0))), digits=2
        ),
        "lift vs control": lift_text(lift),
        "95% interval (rate difference)": f"{ci[0]:+.3%} to {ci[1]:+.3%}" if ci else "n/a",
    }


def scorecard_view(
    card: Mapping[str, Any] | None, events: Sequence[Event], *, live: bool = False, currency: str = ""
) -> ScorecardView:
    """Build the scorecard tab from a scorecard dict and the campaign's events."""
    view = ScorecardView(live=live)
    if card:
        speed = card.get("speed_to_launch_s")
        view.headline = [
            ("Conversions", f"{int(card.get('conversions', 0)):,}"),
            ("Spend", money(card.get("spend"), currency)),
            ("Cost per result", money(card.get("cost_per_result"), currency)),
            ("Lift vs control", lift_text(card.get("lift"))),
            ("SLA adherence", pct(card.get("sla_adherence"))),
            ("Escalation rate", pct(card.get("escalation_rate"))),
            ("Speed to launch", "n/a" if speed is None else f"{float(speed):,.1f} s"),
            ("Model calls / tokens", f"{int(card.get('llm_calls', 0)):,} / {int(card.get('tokens', 0)):,}"),
        ]
        for k in card.get("kpis") or []:
            name, actual, target = k.get("name"), k.get("actual"), float(k.get("target") or 0)
            met = k.get("met")
            view.kpis.append(
                {
                    "kpi": name,
                    "target": kpi_text(name, target, currency),
                    "actual": kpi_text(name, actual, currency),
                    "met": "yes" if met else ("no" if met is False else "no data yet"),
                }
            )
            if actual is not None and target and float(actual):
                lower = kpi_kind(name) in LOWER_IS_BETTER
                score = target / float(actual) if lower else float(actual) / target
                view.kpi_chart.append(
                    {
                        "kpi": f"{name} ({'lower' if lower else 'higher'} is better)",
                        "% of target met": round(100 * score, 1),
                    }
                )
        for row in [_lift_row("all channels", card.get("lift"))] + [
            _lift_row(str(r.get("key")), r.get("lift")) for r in card.get("by_channel") or []
        ]:
            if row:
                view.lift.append(row)
        for r in card.get("by_channel") or []:
            lift = r.get("lift") or {}
            t_rate = _rate(int(lift.get("treated_conversions", 0)), int(lift.get("treated", 0)))
            c_rate = _rate(int(lift.get("control_conversions", 0)), int(lift.get("control", 0)))
            if t_rate is not None and c_rate is not None:
                view.lift_chart.append(
                    {
                        "channel": str(r.get("key")),
                        "treated %": round(100 * t_rate, 3),
                        "control %": round(100 * c_rate, 3),
                    }
                )
        view.recommendation = card.get("autonomy_recommendation")
    view.spend_over_time = spend_over_time(events)
    view.escalations = escalations(events)
    view.sla = [
        {
            "program": e.payload.get("program_id"),
            "channel": e.payload.get("channel"),
            "region": e.payload.get("region"),
            "breach": e.payload.get("kind"),
            "due": e.payload.get("due"),
            "state": e.payload.get("state"),
        }
        for e in events
        if e.type == "sla.breach"
    ]
    return view


def spend_over_time(events: Sequence[Event]) -> list[dict[str, Any]]:
    """Cumulative spend per channel per day (from ``spend.recorded``/``spend.corrected``), wide format."""
    per_day: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    channels: set[str] = set()
    for e in events:
        if e.type in ("spend.recorded", "spend.corrected"):
            day = str(e.payload.get("day", ""))
            channel = str(e.payload.get("channel", ""))
            per_day[day][channel] += float(e.payload.get("amount", 0.0))
            channels.add(channel)
    running = dict.fromkeys(sorted(channels), 0.0)
    rows = []
    for day in sorted(per_day):
        for ch in running:
            running[ch] += per_day[day].get(ch, 0.0)
        rows.append({"day": day, **{ch: round(v, 2) for ch, v in running.items()}})
    return rows


def escalations(events: Sequence[Event]) -> list[dict[str, Any]]:
    """What went to a human and how it was decided: the same list the escalation rate is computed from."""
    return [{"at": x.at, "what": x.what, "why": x.why, "outcome": x.outcome} for x in escalated(events)]


def current_budgets(events: Sequence[Event]) -> dict[str, float]:
    """Each channel's budget after the applied budget changes (latest applied change per channel wins)."""
    budgets: dict[str, float] = {}
    for e in events:
        if e.type == "optimizer.budget_change" and e.payload.get("status") == "applied":
            budgets[str(e.payload.get("channel"))] = float(e.payload.get("to_amount", 0.0))
    return budgets
