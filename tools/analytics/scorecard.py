"""The one scorecard: pure arithmetic over a campaign's event log.

Event types read (payload keys):

* ``campaign.started`` (ts) and the first ``orchestrator.published`` (ts, program_id) -> speed to launch.
* ``result.<type>`` {program_id, channel, region, variant, day, count, amount?} from any source (the sandbox, an
  ingested file, the signed endpoint, a vendor connector), rolled up per (program_id, day) by
  :func:`tools.ingest.rollup.program_days`; logs written before results existed carry ``channel.metrics`` rollups
  {program_id, channel, region, day, audience?, sends, delivered, opens?, clicks, conversions, spend, revenue?}
  (one row per (program_id, day), the last wins), read the same way.
* ``control.metrics`` {channel, region, day, control_size, conversions}: lift is measured on the (channel, region,
  day) slices that have both treated and control data; treated people are the programs' targeted ``audience``
  (intent to treat; ``sends`` when a payload has no audience).
* ``sla.breach`` {program_id}: items scheduled = programs published or breached; adherence = on-time share.
* ``governance.exception`` {route, subject_type, subject_id}, ``optimizer.budget_change`` {change_id, status} and
  ``governance.report`` {subjects}: escalation rate = items escalated to a human / items decided, from the one
  list the audit trail shows (:mod:`tools.analytics.escalations`).
* ``pipeline.attribution`` {a PipelineImpact}: the latest one is the scorecard's pipeline, with the campaign's
  spend beside it (sourced and influenced amount per unit of spend, spend per sourced opportunity).

KPI definitions: conversions (also signups and leads: conversions count the campaign's goal action), ctr and
click_rate = clicks / delivered, open_rate = opens / delivered (email), conversion_rate = conversions / clicks,
cpa = spend / conversions, revenue and roas (revenue / spend) when metrics carry ``revenue``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.contracts import Blueprint, Event, KPIResult, Lift, PipelineImpact, Scorecard, ScoreRow
from graph.contracts.plan import LOWER_IS_BETTER
from tools.analytics.autonomy import recommend, summarize
from tools.analytics.escalations import escalation_rate as escalation_share
from tools.analytics.lift import compute_lift, treated_population
from tools.ingest.rollup import program_days


@dataclass
class Totals:
    """Summed metrics of a slice of program-days."""

    sends: int = 0
    delivered: int = 0
    opens: int = 0
    clicks: int = 0
    conversions: int = 0
    spend: float = 0.0
    revenue: float | None = None

    def add(self, p: Mapping[str, Any]) -> None:
        """Add one ``channel.metrics`` payload."""
        self.sends += int(p.get("sends", 0))
        self.delivered += int(p.get("delivered", 0))
        self.opens += int(p.get("opens", 0))
        self.clicks += int(p.get("clicks", 0))
        self.conversions += int(p.get("conversions", 0))
        self.spend += float(p.get("spend", 0.0))
        if p.get("revenue") is not None:
            self.revenue = (self.revenue or 0.0) + float(p["revenue"])


def metric_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Program-days from the log's results (``result.*``, any source) and legacy ``channel.metrics`` rollups."""
    return program_days(events)


def _ratio(num: float | None, den: float) -> float | None:
    return None if num is None or den <= 0 else num / den


def kpi_value(name: str, rows: Sequence[Mapping[str, Any]]) -> float | None:
    """The measured value of one KPI over metrics rows (None when undefined or not measured)."""
    t = Totals()
    for row in rows:
        if name != "open_rate" or row.get("channel") == "email":
            t.add(row)
    values: dict[str, float | None] = {
        "conversions": float(t.conversions),
        "signups": float(t.conversions),
        "leads": float(t.conversions),
        "revenue": t.revenue,
        "ctr": _ratio(t.clicks, t.delivered),
        "click_rate": _ratio(t.clicks, t.delivered),
        "open_rate": _ratio(t.opens, t.delivered),
        "conversion_rate": _ratio(t.conversions, t.clicks),
        "cpa": _ratio(t.spend, t.conversions),
        "roas": _ratio(t.revenue, t.spend),
    }
    if name not in values:
        raise ValueError(f"unknown KPI {name!r} (known: {', '.join(values)})")
    return values[name] if rows else None


def _lift(
    rows: Sequence[Mapping[str, Any]],
    controls: Mapping[tuple[str, str, int], tuple[int, int]],
    keep: Any = lambda ch, rg: True,
) -> Lift | None:
    treated = treated_conv = 0
    slices: set[tuple[str, str, int]] = set()
    for r in rows:
        key = (r["channel"], r["region"], int(r["day"]))
        if key in controls and keep(r["channel"], r["region"]):
            treated += treated_population(r)
            treated_conv += int(r["conversions"])
            slices.add(key)
    if not slices:
        return None
    size = sum(controls[k][0] for k in slices)
    conv = sum(controls[k][1] for k in slices)
    return compute_lift(treated, min(treated_conv, treated), size, min(conv, size))


def _row(key: str, rows: Sequence[Mapping[str, Any]], lift: Lift | None) -> ScoreRow:
    t = Totals()
    for r in rows:
        t.add(r)
    return ScoreRow(
        key=key,
        spend=round(t.spend, 2),
        conversions=t.conversions,
        cost_per_result=_ratio(t.spend, t.conversions),
        lift=lift,
    )


def _ts(event: Event) -> datetime:
    return datetime.fromisoformat(event.ts)


def pipeline_beside_cost(events: Sequence[Event], spend: float) -> PipelineImpact | None:
    """The latest ``pipeline.attribution`` of the events, with ``spend`` and the per-spend ratios filled in."""
    if not events:
        return None
    payload = {k: v for k, v in events[-1].payload.items() if k in PipelineImpact.model_fields}
    impact = PipelineImpact.model_validate(payload)
    spend = round(spend, 2)
    return impact.model_copy(
        update={
            "spend": spend,
            "sourced_per_spend": _ratio(impact.sourced.amount, spend),
            "influenced_per_spend": _ratio(impact.influenced.amount, spend),
            "cost_per_sourced": _ratio(spend, impact.sourced.opportunities),
        }
    )


def compute_scorecard(
    events: list[Event],
    *,
    blueprint: Blueprint | None,
    campaign_id: str,
    trace_id: str,
    agents_run: list[str],
    llm_calls: int = 0,
    tokens: int = 0,
    autonomy_levels: Mapping[str, str] | None = None,
) -> Scorecard:
    """Compute the scorecard of one campaign from its events (other campaigns' events are ignored).

    Args:
        events: Event log entries (any order; the campaign's are picked out).
        blueprint: The plan whose KPI targets are scored (None: no KPI rows).
        campaign_id: Campaign.
        trace_id: Trace of the campaign.
        agents_run: Agents that ran.
        llm_calls: Model calls made.
        tokens: Tokens used.
        autonomy_levels: Current autonomy dial per channel, for the recommendation text.
    """
    log = sorted((e for e in events if e.campaign_id == campaign_id), key=_ts)
    by_type: dict[str, list[Event]] = defaultdict(list)
    for e in log:
        by_type[e.type].append(e)

    speed = None
    if by_type["campaign.started"] and by_type["orchestrator.published"]:
        speed = (
            _ts(by_type["orchestrator.published"][0]) - _ts(by_type["campaign.started"][0])
        ).total_seconds()

    rows = metric_rows(log)
    controls: dict[tuple[str, str, int], tuple[int, int]] = {}
    for e in by_type["control.metrics"]:
        p = e.payload
        controls[(p["channel"], p["region"], int(p["day"]))] = (int(p["control_size"]), int(p["conversions"]))

    kpis = []
    for target in blueprint.kpi_targets if blueprint else []:
        scoped = [r for r in rows if target.channel is None or r.get("channel") == target.channel]
        actual = kpi_value(target.name, scoped)
        met = (
            None
            if actual is None
            else (actual <= target.target if target.name in LOWER_IS_BETTER else actual >= target.target)
        )
        kpis.append(
            KPIResult(
                name=target.name if target.channel is None else f"{target.name}:{target.channel}",
                target=target.target,
                actual=actual,
                met=met,
            )
        )

    total = _row("all", rows, None)
    channels = sorted({r["channel"] for r in rows})
    regions = sorted({r["region"] for r in rows})

    scheduled = {str(e.payload.get("program_id", e.id)) for e in by_type["orchestrator.published"]}
    breached = {str(e.payload.get("program_id", e.id)) for e in by_type["sla.breach"]}
    items = scheduled | breached
    sla = (len(items) - len(breached)) / len(items) if items else None

    escalation_rate = escalation_share(log) or 0.0

    return Scorecard(
        campaign_id=campaign_id,
        trace_id=trace_id,
        speed_to_launch_s=speed,
        kpis=kpis,
        lift=_lift(rows, controls),
        spend=total.spend,
        conversions=total.conversions,
        cost_per_result=total.cost_per_result,
        sla_adherence=sla,
        escalation_rate=escalation_rate,
        by_channel=[
            _row(
                ch,
                [r for r in rows if r["channel"] == ch],
                _lift(rows, controls, lambda c, _r, ch=ch: c == ch),
            )
            for ch in channels
        ],
        by_region=[
            _row(
                rg,
                [r for r in rows if r["region"] == rg],
                _lift(rows, controls, lambda _c, r, rg=rg: r == rg),
            )
            for rg in regions
        ],
        agents_run=list(agents_run),
        llm_calls=llm_calls,
        tokens=tokens,
        autonomy_recommendation=summarize(recommend(log, current=autonomy_levels or {})),
        pipeline=pipeline_beside_cost(by_type["pipeline.attribution"], total.spend),
    )
