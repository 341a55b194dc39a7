"""Campaign report export: one self-contained HTML file (scorecard, KPI, lift and spend charts as inline SVG,
escalations, the copy deck summary and the program timeline). No scripts, no external assets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from tools.render.charts import grouped_bars, hbar, lines
from tools.render.templating import render


@dataclass
class ReportData:
    """What the report shows (plain data: the caller maps the scorecard view into it)."""

    campaign_name: str
    campaign_id: str
    trace_id: str
    brand: str
    status: str
    generated_at: str
    headline: list[tuple[str, str]] = field(default_factory=list)
    kpis: list[dict[str, Any]] = field(default_factory=list)
    kpi_chart: list[dict[str, Any]] = field(default_factory=list)
    lift: list[dict[str, Any]] = field(default_factory=list)
    lift_chart: list[dict[str, Any]] = field(default_factory=list)
    spend_over_time: list[dict[str, Any]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)
    budget_changes: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    deck: list[dict[str, Any]] = field(default_factory=list)


def _table(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    cols = list(dict.fromkeys(k for r in rows for k in r))
    return {"cols": cols, "rows": [[r.get(c, "") for c in cols] for r in rows]}


def report_html(data: ReportData) -> str:
    """Render the report page."""
    kpi_svg = hbar(
        [(str(r.get("kpi")), float(r.get("% of target met") or 0)) for r in data.kpi_chart],
        unit="%",
        ref=100.0,
    )
    lift_svg = grouped_bars(
        [
            {"group": r.get("channel"), **{k: v for k, v in r.items() if k != "channel"}}
            for r in data.lift_chart
        ]
    )
    spend_svg = lines(data.spend_over_time, "day")
    return render(
        "report.html.j2",
        d=data,
        charts={"kpi": Markup(kpi_svg), "lift": Markup(lift_svg), "spend": Markup(spend_svg)},  # noqa: S704 - SVG built with escaped labels
        tables={
            name: _table(rows)
            for name, rows in (
                ("kpis", data.kpis),
                ("lift", data.lift),
                ("escalations", data.escalations),
                ("budget", data.budget_changes),
                ("timeline", data.timeline),
                ("deck", data.deck),
            )
        },
    )
