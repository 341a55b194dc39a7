"""Optimizer agent: reads the day's events, reallocates budget inside hard caps; large changes go to a human."""

from __future__ import annotations

from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import Command

from graph.agent_io import emit
from graph.context import CampaignContext
from graph.contracts import Blueprint, Program, TargetList
from graph.nodes.governance import review_payload
from graph.state import CampaignState
from tools.lifecycle.lock import campaign_lock
from tools.lifecycle.programs import current_programs
from tools.optimizer import OptimizerSettings, run_cycle


def control_sizes(lists: dict[str, TargetList]) -> dict[tuple[str, str], int]:
    """Holdout size per (channel, region), split by each region's share of the eligible audience."""
    out: dict[tuple[str, str], int] = {}
    for channel, target in lists.items():
        eligible = sum(target.by_region.values()) or 1
        for region, n in target.by_region.items():
            out[(channel, region)] = round(target.holdout * n / eligible)
    return out


def optimizer(
    state: CampaignState, runtime: Runtime[CampaignContext]
) -> Command[Literal["human_review", "analytics"]]:
    """Run the launch's first days of optimizer cycles (``launch_days``), learning only from the event log.

    Sandbox programs run inside the cycle and write their simulated results into the log (``source="sandbox"``);
    programs on real channels report through ``liftoff events ingest``/``serve`` or a vendor connector.
    """
    svc = runtime.context.services
    blueprint = Blueprint.model_validate(state["blueprint"])
    programs = [Program.model_validate(p) for p in (state.get("programs") or {}).values()]
    lists = {ch: TargetList.model_validate(t) for ch, t in (state.get("lists") or {}).items()}
    level = {c.channel: svc.autonomy.level(c.channel) for c in blueprint.channels}
    threshold = svc.settings.approval_threshold
    if any(v == "manual" for v in level.values()):
        threshold = 0.0
    elif all(v == "auto" for v in level.values()):
        threshold = float("inf")
    done = state.get("day", 0)  # campaign days already run (day 0 is the start date)
    cycle = state.get("cycle") or {}
    days = int(cycle.get("days", 1)) if cycle else svc.settings.launch_days
    policy = OptimizerSettings(
        max_step_pct=svc.settings.optimizer_max_step, min_arm_spend=svc.settings.optimizer_min_arm_spend
    )
    changes: dict[str, Any] = {}
    pending: list[dict[str, Any]] = []
    day = done - 1
    for day in range(done, done + days):
        # One day's spend and budget changes under the campaign lock; statuses re-read (a rollback may cancel).
        with campaign_lock(svc.settings.store("locks"), state["campaign_id"], purpose=f"optimizer day {day}"):
            programs = current_programs(svc.publisher, programs)
            if (
                day > 0
            ):  # real channels that report: yesterday's results into the log before the cycle reads it
                svc.publisher.collect_metrics(state["campaign_id"], day - 1)
            result = run_cycle(
                campaign_id=state["campaign_id"],
                trace_id=state["trace_id"],
                day=day,
                programs=programs,
                blueprint=blueprint,
                ledger=svc.ledger,
                events=svc.events,
                control_sizes=control_sizes(lists),
                seed=svc.settings.seed,
                approval_threshold=threshold,
                settings=policy,
                currency=blueprint.currency,
            )
        for change in result.changes:
            changes[change.id] = change.model_dump(mode="json")
            if change.status == "pending_approval":
                pending.append(change.model_dump(mode="json"))
        if pending:
            break
    emit(
        svc,
        state,
        "optimizer.cycles",
        "optimizer",
        {
            "from_day": done,
            "to_day": day,
            "changes": len(changes),
            "pending": len(pending),
            "cycle_id": cycle.get("id"),
        },
        key=f"{done}-{day}",
    )
    update: dict[str, Any] = {"budget_changes": changes, "day": day + 1, "agents_run": ["optimizer"]}
    seen = state.get("programs") or {}
    moved = {
        p.idempotency_key: p.model_dump(mode="json")
        for p in programs
        if (seen.get(p.idempotency_key) or {}).get("status") != p.status
    }
    if moved:  # the graph's copy follows the program store (a rollback cancelled some)
        update["programs"] = moved
    if pending:
        update.update(status="awaiting_approval", pending_review=review_payload("budget", state, pending))
        return Command(goto="human_review", update=update)
    return Command(goto="analytics", update=update)
