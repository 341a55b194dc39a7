"""Agent status blocks: what each agent decided and why, rebuilt from the campaign's event log.

The log is durable, so the same blocks show live (as events arrive) and after a refresh or restart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.contracts import Event
from graph.views.text import agent_title, money, pct
from tools.ingest.rollup import program_days

_PARALLEL = frozenset({"content", "data"})
"""Agents that run side by side (the planner fans out to both): their events interleave in one stage."""

_BY_PREFIX: tuple[tuple[str, str], ...] = (
    ("campaign.", "planner"),
    ("planner.", "planner"),
    ("content.", "content"),
    ("data.list_exported", "orchestrator"),
    ("data.", "data"),
    ("crm.", "data"),
    ("governance.", "governance"),
    ("human.", "human_review"),
    ("orchestrator.", "orchestrator"),
    ("sla.", "orchestrator"),
    ("channel.circuit_open", "orchestrator"),
    ("spend.caps_set", "orchestrator"),
    ("list.", "orchestrator"),
    ("channel.", "optimizer"),
    ("control.metrics", "optimizer"),
    ("spend.", "optimizer"),
    ("optimizer.", "optimizer"),
    ("analytics.", "analytics"),
)


def agent_of(event: Event) -> str | None:
    """The graph node an event belongs to (by type prefix); None for events outside the pipeline."""
    if event.type == "optimizer.budget_change" and event.payload.get("decided_by"):
        return "human_review"  # the ledger applying (or not) a change a human decided
    for prefix, agent in _BY_PREFIX:
        if event.type.startswith(prefix):
            return agent
    return None


@dataclass
class StepView:
    """One status block: an agent's stage of work."""

    agent: str
    title: str
    lines: list[str] = field(default_factory=list)
    state: str = "complete"
    """'complete', 'error' (something failed or was refused) or 'running'."""
    attention: bool = False
    """True when the stage produced something a human must look at."""
    events: list[Event] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Agent name and headline."""
        return f"{agent_title(self.agent)}: {self.title}"


def group_steps(events: Iterable[Event]) -> list[list[Event]]:
    """Split a trace into stages: consecutive work of one agent (Content and Data share a stage)."""
    stages: list[tuple[str, list[Event]]] = []
    open_: dict[str, list[Event]] = {}
    for event in events:
        agent = agent_of(event)
        if agent is None:
            continue
        keep = {agent} | (_PARALLEL if agent in _PARALLEL else set())
        open_ = {a: evs for a, evs in open_.items() if a in keep}
        if event.type == "human.decision":
            open_ = {}  # every decision is its own step
        if agent not in open_:
            open_[agent] = []
            stages.append((agent, open_[agent]))
        open_[agent].append(event)
    return [evs for _, evs in stages]


def build_steps(events: Sequence[Event], values: Mapping[str, Any] | None = None) -> list[StepView]:
    """Return one :class:`StepView` per stage of the trace, oldest first.

    Args:
        events: The campaign's events in log order.
        values: The campaign's latest state (adds the planner's rationale per channel), optional.
    """
    values = values or {}
    out = []
    for stage in group_steps(events):
        agent = agent_of(stage[0]) or "?"
        step = _SUMMARIZERS.get(agent, _generic)(stage, values)
        step.events = stage
        out.append(step)
    return out


def _types(events: Sequence[Event], type_: str) -> list[dict[str, Any]]:
    return [e.payload for e in events if e.type == type_]


def _model_line(payload: Mapping[str, Any]) -> str | None:
    model, path = payload.get("model"), payload.get("path")
    if not model:
        return None
    return f"model {model}" + (f" (structured output via {path})" if path else "")


def _planner(events: Sequence[Event], values: Mapping[str, Any]) -> StepView:
    step = StepView("planner", "read the brief")
    for p in _types(events, "planner.brief_parsed"):
        missing = p.get("missing") or []
        if missing:
            step.title = "needs " + ", ".join(missing)
            step.attention = True
            step.lines.append(
                f"The brief does not state: {', '.join(missing)}. Asking you instead of guessing."
            )
        line = _model_line(p)
        if line:
            step.lines.append(f"Parsed the brief with {line}.")
    rationale = {
        c.get("channel"): c.get("rationale", "")
        for c in ((values.get("blueprint") or {}).get("channels") or [])
    }
    for p in _types(events, "planner.blueprint"):
        total = float(p.get("total_budget") or 0)
        cur = str(p.get("currency", ""))
        step.title = f"blueprint '{p.get('campaign_name', '')}', {money(total, cur)}"
        for channel, budget in (p.get("channels") or {}).items():
            share = float(budget) / total if total else None
            why = rationale.get(channel)
            step.lines.append(
                f"{channel}: {money(float(budget), cur)} ({pct(share)})" + (f": {why}" if why else "")
            )
    return step


def _content(events: Sequence[Event], values: Mapping[str, Any]) -> StepView:
    assets = _types(events, "content.asset")
    revised = sum(int(a.get("version", 1)) > 1 for a in assets)
    step = StepView(
        "content",
        f"{len(assets)} asset(s) " + ("revised" if revised == len(assets) and assets else "drafted"),
    )
    for a in assets:
        cited = ", ".join(a.get("cited_claim_ids") or []) or "no claims"
        step.lines.append(
            f"{a.get('channel')} / {a.get('region')} / variant {a.get('variant')} "
            f"v{a.get('version', 1)}: cites {cited}"
        )
    return step


def _data(events: Sequence[Event], values: Mapping[str, Any]) -> StepView:
    lists = _types(events, "data.list_built")
    step = StepView("data", f"{len(lists)} list(s) built, counts only")
    for p in lists:
        regions = ", ".join(f"{r} {int(n):,}" for r, n in (p.get("by_region") or {}).items())
        step.lines.append(
            f"{p.get('channel')}: {int(p.get('eligible', 0)):,} eligible, "
            f"{int(p.get('holdout', 0)):,} held out as control ({regions})"
        )
    for p in _types(events, "data.segment_rejected"):
        step.lines.append(
            f"segment for {p.get('channel')} rejected (attempt {p.get('attempt')}): {p.get('error')}"
        )
    return step


def _governance(events: Sequence[Event], values: Mapping[str, Any]) -> StepView:
    step = StepView("governance", "checked")
    for p in _types(events, "governance.report"):
        n = int(p.get("exceptions", 0))
        if p.get("passed"):
            step.title = f"all {p.get('subjects', 0)} checks passed"
        else:
            step.title = (
                f"{n} exception{'s' * (n != 1)} in {p.get('subjects', 0)} subjects: "
                f"{p.get('revised', 0)} sent back to Content, {p.get('escalated', 0)} to a human"
            )
            step.attention = bool(p.get("escalated"))
        step.lines.append(
            f"Round {p.get('revision_round', 0)} against brand library {p.get('library_version', '?')}."
        )
    for p in _types(events, "governance.exception"):
        route = "a human decides" if p.get("route") == "human" else "Content revises"
        step.lines.append(
            f"{p.get('subject_type')} {p.get('subject_id')}: {p.get('validator')}: "
            f"{'; '.join(p.get('reasons') or [])} ({route})"
        )
    return step


def _human(events: Sequence[Event], values: Mapping[str, Any]) -> StepView:
    decisions = [e.payload for e in events if e.type == "human.decision"]
    if not decisions:
        return _generic(events, values)
    p = decisions[-1]
    verb = {"approve": "approved", "edit": "edited and approved", "reject": "rejected", "answer": "answered"}
    step = StepView(
        "human_review", f"{verb.get(p.get('decision', ''), p.get('decision'))} by {p.get('approver')}"
    )
    step.lines.append(
        f"{p.get('kind')} review, {len(p.get('items') or [])} item(s), at {str(p.get('at', ''))[:19]}"
    )
    if p.get("comment"):
        step.lines.append(f"Comment: {p['comment']}")
    for c in _types(events, "optimizer.budget_change"):
        step.lines.append(
            f"budget {c.get('channel')}: {money(c.get('from_amount'))} -> {money(c.get('to_amount'))}, "
            f"{c.get('status')}" + (f" (refused: {c['refusal']})" if c.get("refusal") else "")
        )
    step.state = "error" if p.get("decision") == "reject" else "complete"
    return step


def _orchestrator(events: Sequence[Event], values: Mapping[str, Any]) -> StepView:
    published = Counter(str(p.get("channel")) for p in _types(events, "orchestrator.published"))
    step = StepView("orchestrator", f"{sum(published.values())} program(s) published")
    for channel, n in sorted(published.items()):
        step.lines.append(f"{channel}: {n} published")
    for type_, word in (
        ("orchestrator.blocked", "blocked"),
        ("orchestrator.failed", "failed"),
        ("orchestrator.needs_check", "needs a check"),
    ):
        for p in _types(events, type_):
            step.state = "error"
            step.lines.append(f"{p.get('channel')} / {p.get('region')} {word}: {p.get('reason')}")
    for p in _types(events, "sla.breach"):
        step.lines.append(f"SLA breach on {p.get('channel')} / {p.get('region')}: {p.get('kind')}")
    for p in _types(events, "orchestrator.launch"):
        step.title = (
            f"{p.get('published', 0)} of {p.get('programs', 0)} programs published"
            + (f", {p.get('blocked')} blocked" if p.get("blocked") else "")
            + (f", {p.get('failed')} failed" if p.get("failed") else "")
        )
        if not p.get("published"):
            step.state = "error"
    return step


def _optimizer(events: Sequence[Event], values: Mapping[str, Any]) -> StepView:
    spend = sum(float(p.get("amount", 0)) for p in _types(events, "spend.recorded"))

    rows = program_days(events)
    conversions = sum(int(p.get("conversions", 0)) for p in rows)
    days = {p.get("day") for p in rows}
    changes = _types(events, "optimizer.budget_change")
    title = f"{len(days)} day(s) of results: {conversions:,} conversions, spend {money(spend)}"
    step = StepView("optimizer", title if days or not changes else f"{len(changes)} budget change(s)")
    for p in changes:
        what = f"{p.get('channel')}{'/' + str(p['variant']) if p.get('variant') else ''}"
        step.lines.append(
            f"budget {what}: {money(p.get('from_amount'))} -> {money(p.get('to_amount'))} "
            f"({pct(p.get('delta_pct'), signed=True)}), {p.get('status')}: {p.get('reason')}"
            + (f" (refused: {p['refusal']})" if p.get("refusal") else "")
        )
        if p.get("status") == "pending_approval":
            step.attention = True
    for p in _types(events, "spend.refused"):
        step.state = "error"
        step.lines.append(f"spend refused on {p.get('channel')}: {p.get('reason')}")
    for p in _types(events, "optimizer.cycles"):
        step.lines.append(
            f"Ran days {p.get('from_day')} to {p.get('to_day')}: {p.get('changes', 0)} budget change(s), "
            f"{p.get('pending', 0)} waiting for approval."
        )
    return step


def _analytics(events: Sequence[Event], values: Mapping[str, Any]) -> StepView:
    p = events[-1].payload
    lift = p.get("lift_pct")
    step = StepView(
        "analytics",
        f"scorecard: {p.get('conversions', 0):,} conversions, spend {money(p.get('spend'))}, "
        f"lift vs control {pct(lift, signed=True)}",
    )
    step.lines.append(f"Cost per result {money(p.get('cost_per_result'))}, as of day {p.get('day', 0)}.")
    return step


def _generic(events: Sequence[Event], values: Mapping[str, Any]) -> StepView:
    return StepView(agent_of(events[0]) or "?", f"{len(events)} event(s)")


_SUMMARIZERS = {
    "planner": _planner,
    "content": _content,
    "data": _data,
    "governance": _governance,
    "human_review": _human,
    "orchestrator": _orchestrator,
    "optimizer": _optimizer,
    "analytics": _analytics,
}


def running_label(next_nodes: Sequence[str]) -> str:
    """Label of the status block of work in progress (the graph's next nodes)."""
    names = list(dict.fromkeys(agent_title(n) for n in next_nodes if n != "human_review"))
    return (" and ".join(names) if names else "Liftoff") + " working..."
