"""Safe text for the app: untrusted strings (briefs, generated copy, reasons) never render as Markdown or HTML."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&$:=\"'%@^])")


def md_escape(text: object) -> str:
    """Escape a string so ``st.markdown`` (and widget labels) show it literally.

    Every ASCII punctuation character Markdown, Streamlit directives (``:red[...]``, ``:material/x:``),
    LaTeX (``$``) or HTML (``<``, ``&``) could interpret is backslash-escaped; newlines become spaces so a
    label stays one line.

    Args:
        text: Any value; ``None`` becomes an empty string.
    """
    if text is None:
        return ""
    return _PUNCT.sub(r"\\\1", " ".join(str(text).split()))


def money(amount: float | int | None, currency: str = "") -> str:
    """Format an amount like ``12,000.00 USD`` (``n/a`` for None)."""
    if amount is None:
        return "n/a"
    return f"{amount:,.2f}{' ' + currency if currency else ''}"


def pct(value: float | None, *, signed: bool = False, digits: int = 1) -> str:
    """Format a fraction as a percentage (``n/a`` for None)."""
    if value is None:
        return "n/a"
    return f"{value:+.{digits}%}" if signed else f"{value:.{digits}%}"


RATE_KPIS = frozenset({"ctr", "open_rate", "click_rate", "conversion_rate"})
MONEY_KPIS = frozenset({"cpa", "revenue"})


def kpi_kind(name: object) -> str:
    """The KPI a (possibly channel-scoped, 'open_rate:email') scorecard name measures."""
    return str(name).split(":", 1)[0]


def lift_text(lift: Mapping[str, Any] | None) -> str:
    """Lift vs control as it can be estimated: relative when the control converted, else in points."""
    if not lift:
        return "n/a"
    if lift.get("lift_pct") is not None:
        return pct(float(lift["lift_pct"]), signed=True)
    if lift.get("rate_diff") is not None:
        return f"{100 * float(lift['rate_diff']):+.2f} pts (control: 0 conversions)"
    return "n/a"


def kpi_text(name: object, value: float | None, currency: str = "") -> str:
    """Format a KPI value by kind: rates as percentages, money with the currency, ROAS as a multiple."""
    if value is None:
        return "n/a"
    name = kpi_kind(name)
    if name in RATE_KPIS:
        return pct(float(value), digits=2 if float(value) < 0.1 else 1)
    if name in MONEY_KPIS:
        return money(float(value), currency)
    if name == "roas":
        return f"{float(value):.2f}x"
    return f"{float(value):,.0f}"


@dataclass(frozen=True)
class StatusView:
    """How a campaign status is shown."""

    label: str
    icon: str
    """A Streamlit Material icon (``:material/name:``): renders without emoji fonts."""
    tone: str
    """One of 'info', 'success', 'warning', 'error' (the st.* call that shows it)."""


STATUS: dict[str, StatusView] = {
    "planning": StatusView("Planning", ":material/explore:", "info"),
    "needs_input": StatusView("Needs your answer", ":material/help:", "warning"),
    "drafting": StatusView("Drafting", ":material/edit_note:", "info"),
    "governing": StatusView("Checking claims", ":material/shield:", "info"),
    "awaiting_approval": StatusView("Awaiting approval", ":material/front_hand:", "warning"),
    "launching": StatusView("Launching", ":material/rocket_launch:", "info"),
    "launched": StatusView("Launched", ":material/check_circle:", "success"),
    "held": StatusView("Held by the kill-switch", ":material/pause_circle:", "warning"),
    "rejected": StatusView("Rejected", ":material/block:", "error"),
    "failed": StatusView("Failed", ":material/error:", "error"),
    "interrupted": StatusView("Stopped mid-run", ":material/pause_circle:", "warning"),
    "running": StatusView("Running", ":material/hourglass_top:", "info"),
}
"""Every status the runner reports, plus the app's 'interrupted' and 'running'."""


def status_view(status: str) -> StatusView:
    """Return how a status is shown (unknown statuses are shown as-is)."""
    return STATUS.get(
        status, StatusView(status.replace("_", " ").capitalize() or "Unknown", ":material/circle:", "info")
    )


AGENT_TITLES: dict[str, str] = {
    "planner": "Planner",
    "content": "Content",
    "data": "Data",
    "governance": "Governance",
    "human_review": "Human review",
    "orchestrator": "Channel orchestrator",
    "optimizer": "Optimizer",
    "analytics": "Analytics",
}
"""Display names of the graph's nodes."""


def agent_title(node: str) -> str:
    """Display name of a graph node."""
    return AGENT_TITLES.get(node, node.replace("_", " ").capitalize())
