"""One optimizer cycle (one campaign day): pace the programs, learn from the event log, propose budget changes.

Called by the graph's optimizer node and by ``liftoff simulate``. The optimizer reads only the event log: the
results of every program (``result.*`` events, whatever their source: the sandbox, an ingested file, the signed
endpoint, a vendor connector) rolled up per program-day by :mod:`tools.ingest.rollup`. Programs the sandbox
delivers are run for the day by :class:`tools.ingest.sandbox.SandboxResults`, which writes their simulated
results into the log like any other source; programs on real channels spend and report on their own, and their
costs reach the ledger through :func:`tools.ingest.spend.sync_costs` (run at the start of every cycle).

A cycle is safe to re-run for the same day (a resume): result events have deterministic ids and are reused,
spend is committed under the cost event's id, and budget changes have deterministic ids the ledger applies once.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from fractions import Fraction
from typing import Any

from graph.contracts import Blueprint, BudgetChange, Channel, Event, Program
from graph.contracts.ids import event_id
from graph.contracts.money import CapsMinor, fit_allocation, needs_approval, step_limit, to_minor, total_room
from tools.events import EventLog
from tools.ingest.rollup import read_program_days
from tools.ingest.sandbox import ControlFn, MetricsFn, SandboxResults, is_sandbox
from tools.ingest.spend import sync_costs
from tools.optimizer.allocate import allocate
from tools.optimizer.response import Observation, Posterior, ProgramInfo, build_posteriors
from tools.spend import SpendLedger, change_payload
from tools.spend.limits import LEDGER_EXP, MAJOR_UNIT, from_cents, to_cents

SOURCE = "optimizer"
DECIDED = "optimizer.day_decided"
"""One event per campaign day with the budget decisions the cycle made: a day run again replays them (a crash after
later days ran must not re-decide a day on evidence it did not have)."""
Row = dict[str, Any]
"""A program-day of :func:`tools.ingest.rollup.program_days`."""
Approver = Callable[[BudgetChange], str | None]
"""Asked about a change that needs approval; returns the approver's identity, or None to leave it pending."""


@dataclass(frozen=True)
class OptimizerSettings:
    """Tuning of the allocator.

    Attributes:
        dispersion: Likelihood tempering for over-dispersed daily counts (>= 1).
        step: Share of the way from the current to the target channel budget one change moves.
        min_change_pct: Changes smaller than this share of the channel budget are not proposed.
        warmup_days: Days of data before the first budget change.
        pool_strength: Pseudo-conversions a program's prior (its channel's pooled rate) is worth.
        max_step_pct: Largest move of one channel's budget in one cycle, as a share of its current budget
            (a human may approve more by editing the change).
        min_arm_days: Days of data every arm (channel) must have before any budget moves.
        min_arm_conversions: Results that make an arm's rate measurable.
        min_arm_spend: Money that makes an arm's cost measurable when it has fewer results than that (a
            channel that spent this much for few results has shown it is expensive). An arm with neither is
            not evidence: no budget moves on it.
    """

    dispersion: float = 1.0
    step: float = 1.0
    min_change_pct: float = 0.05
    warmup_days: int = 1
    pool_strength: float = 5.0
    max_step_pct: float = 0.30
    min_arm_days: int = 2
    min_arm_conversions: int = 5
    min_arm_spend: float = 50.0


@dataclass(frozen=True)
class CycleResult:
    """What one cycle did.

    Attributes:
        metrics: Result events (``result.*``) the sandbox wrote for the day and its ``control.metrics`` events.
        changes: Budget changes proposed (applied, refused or pending approval).
        spend: Money spent on the day.
        budgets: Daily budget given to each program id.
        refused: Program ids whose spend the ledger refused (caps or kill-switch).
    """

    metrics: list[Event]
    changes: list[BudgetChange]
    spend: float
    budgets: dict[str, float] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)


def variant_of(program: Program) -> str:
    """A program's variant: its own field, else the suffix of its asset id ('<campaign>-<ch>-<region>-<variant>')."""
    return program.variant or program.asset_id.rsplit("-", 1)[-1]


def ensure_plan(
    ledger: SpendLedger, blueprint: Blueprint, *, campaign_id: str, trace_id: str
) -> dict[str, float]:
    """Record the blueprint's caps and initial channel budgets in the ledger once; return the allocation."""
    ledger.set_caps(campaign_id, blueprint.caps, trace_id=trace_id)
    allocation = ledger.allocation(campaign_id)
    if allocation:
        return allocation
    caps = CapsMinor.of(blueprint.caps, LEDGER_EXP)
    wanted = fit_allocation(
        caps, {p.channel: to_cents(p.budget, f"{p.channel} budget") for p in blueprint.channels}
    )
    for channel, cents in wanted.items():
        ledger.set_allocation(
            campaign_id,
            channel,
            from_cents(cents),
            trace_id=trace_id,
            key=f"allocation:{campaign_id}:{channel}:initial",
            reason="blueprint plan",
        )
    return ledger.allocation(campaign_id)


def read_observations(events: EventLog, campaign_id: str) -> dict[str, list[tuple[Row, Observation]]]:
    """Every program-day of a campaign from its event log, by program id, oldest day first."""
    by_program: dict[str, list[tuple[Row, Observation]]] = defaultdict(list)
    for row in sorted(read_program_days(events, campaign_id), key=lambda r: int(r["day"])):
        by_program[str(row["program_id"])].append(
            (
                row,
                Observation(int(row["day"]), float(row["spend"]), int(row["sends"]), int(row["conversions"])),
            )
        )
    return by_program


def _posteriors(
    live: Sequence[Program],
    history: Mapping[str, list[tuple[Row, Observation]]],
    settings: OptimizerSettings,
    before_day: int | None = None,
) -> dict[str, Posterior]:
    observations = {
        p.id: [o for _, o in history.get(p.id, []) if before_day is None or o.day < before_day] for p in live
    }
    info = [ProgramInfo(p.id, p.channel, p.region, p.audience) for p in live]
    return build_posteriors(
        info, observations, dispersion=settings.dispersion, pool_strength=settings.pool_strength
    )


def run_cycle(
    *,
    campaign_id: str,
    trace_id: str,
    day: int,
    programs: list[Program],
    blueprint: Blueprint,
    ledger: SpendLedger,
    events: EventLog,
    metrics_fn: MetricsFn | None = None,
    control_sizes: Mapping[tuple[str, str], int],
    seed: int,
    approval_threshold: float = 0.2,
    causation_id: str | None = None,
    control_fn: ControlFn | None = None,
    settings: OptimizerSettings | None = None,
    approve: Approver | None = None,
    currency: str | None = None,
) -> CycleResult:
    """Run campaign day ``day`` (0 = start date) for the published programs.

    0. Commit cost results that arrived from outside to the ledger (:func:`tools.ingest.spend.sync_costs`).
    1. Split the day's paced channel budgets between programs by Thompson sampling from the response posteriors.
    2. Let the sandbox run its programs for the day (``metrics_fn``/``control_fn`` are the sandbox's market,
       default the seeded simulator): their spend goes through the ledger (caps and kill-switch enforced there;
       a refused program does not run) and their results into the log as ``result.*`` events with
       ``source="sandbox"``, plus ``control.metrics`` for the holdouts. Programs on real channels run on their own.
    3. Update the posteriors from every result of the campaign in the log and propose channel budget changes toward
       the allocation that maximises expected conversions. A change above ``approval_threshold`` of the channel's
       budget is returned as ``pending_approval`` and not applied (unless ``approve`` names an approver for it:
       the standalone simulation's stand-in for a human); smaller ones go through the ledger. Decreases come
       first, and increases are trimmed to the room left under the campaign total, so they are not refused for
       money a pending decrease has not freed yet. No change is proposed before every arm (channel) has the
       evidence minimum of ``settings``, and no change moves a channel by more than ``settings.max_step_pct``.

    Raises:
        ValueError: when ``day`` is outside the campaign or a program belongs to another campaign.
    """
    settings = settings or OptimizerSettings()
    total_days = (blueprint.end_date - blueprint.start_date).days + 1
    if not 0 <= day < total_days:
        raise ValueError(f"day {day} is outside the campaign ({total_days} days from {blueprint.start_date})")
    for p in programs:
        if p.campaign_id != campaign_id:
            raise ValueError(f"program {p.id} belongs to campaign {p.campaign_id}, not {campaign_id}")
    date = (blueprint.start_date + timedelta(days=day)).isoformat()
    ensure_plan(ledger, blueprint, campaign_id=campaign_id, trace_id=trace_id)
    ledger.apply_deferred(campaign_id, trace_id=trace_id, causation_id=causation_id)
    sync_costs(events, ledger, campaign_id)
    live = [p for p in programs if p.status == "published" and p.audience > 0]
    history = read_observations(events, campaign_id)

    budgets = _plan_day(live, history, ledger, campaign_id, date, day, total_days, seed, settings)
    sandbox = SandboxResults(events=events, ledger=ledger, seed=seed)
    sandbox.metrics_fn = (
        metrics_fn or sandbox.metrics_fn
    )  # the sandbox's market (default: the seeded simulator)
    sandbox.control_fn = control_fn or sandbox.control_fn
    emitted, spend, refused, ran = _run_programs(
        live, budgets, history, sandbox, trace_id=trace_id, day=day, date=date, causation_id=causation_id
    )
    emitted += sandbox.run_controls(
        sorted(ran),
        control_sizes,
        campaign_id=campaign_id,
        trace_id=trace_id,
        day=day,
        date_=blueprint.start_date + timedelta(days=day),
        causation_id=causation_id,
    )

    decided = events.get(event_id(campaign_id, DECIDED, str(day)))
    if (
        decided is not None
    ):  # the day runs again after a crash: its budget decisions were made once, on its evidence
        changes = [BudgetChange.model_validate(c) for c in decided.payload["changes"]]
    else:
        history = read_observations(events, campaign_id)
        changes = _propose(
            live,
            history,
            ledger,
            events,
            campaign_id=campaign_id,
            trace_id=trace_id,
            day=day,
            total_days=total_days,
            threshold=approval_threshold,
            settings=settings,
            causation_id=causation_id,
            approve=approve,
            currency=currency or blueprint.currency,
        )
        events.emit(
            DECIDED,
            trace_id=trace_id,
            campaign_id=campaign_id,
            source=SOURCE,
            causation_id=causation_id,
            payload={"day": day, "changes": [c.model_dump(mode="json") for c in changes]},
            event_id=event_id(campaign_id, DECIDED, str(day)),
        )
    return CycleResult(
        metrics=emitted, changes=changes, spend=round(spend, 2), budgets=budgets, refused=refused
    )


def _paced_limits(
    ledger: SpendLedger, campaign_id: str, channels: Iterable[str], *, exclude_day: str | None, days_left: int
) -> tuple[dict[str, float], float]:
    """Per-channel daily limits (allocation left, spread over the days left) and the day's total budget."""
    stored = ledger.caps(campaign_id)
    if stored is None or days_left <= 0:
        return {}, 0.0
    caps = CapsMinor.of(stored, LEDGER_EXP)
    allocation = ledger.allocation_cents(campaign_id)

    def spent_before(channel: str | None) -> int:
        today = ledger.spent_cents(campaign_id, channel, exclude_day) if exclude_day else 0
        return ledger.spent_cents(campaign_id, channel) - today

    limits: dict[str, int] = {}
    for ch in channels:
        room = min(allocation.get(ch, 0), caps.per_channel.get(ch, 0)) - spent_before(ch)
        limits[ch] = max(0, room) // days_left
    total = min(caps.per_day, caps.total - spent_before(None), sum(limits.values()))
    return {ch: from_cents(v) for ch, v in limits.items()}, from_cents(max(0, total))


def _plan_day(
    live: Sequence[Program],
    history: Mapping[str, list[tuple[Row, Observation]]],
    ledger: SpendLedger,
    campaign_id: str,
    date: str,
    day: int,
    total_days: int,
    seed: int,
    settings: OptimizerSettings,
) -> dict[str, float]:
    limits, total = _paced_limits(
        ledger, campaign_id, {p.channel for p in live}, exclude_day=date, days_left=total_days - day
    )
    posteriors = _posteriors(live, history, settings, before_day=day)
    rng = random.Random(f"{seed}:{campaign_id}:{day}:thompson")
    curves = {p.id: posteriors[p.id].sample_curve(rng) for p in live}
    budgets = allocate(curves, {p.id: p.channel for p in live}, limits, total)
    return {
        pid: from_cents(max(0, to_minor(b, LEDGER_EXP, "daily budget", down=True)))
        for pid, b in budgets.items()
    }


def _run_programs(
    live: Sequence[Program],
    budgets: Mapping[str, float],
    history: Mapping[str, list[tuple[Row, Observation]]],
    sandbox: SandboxResults,
    *,
    trace_id: str,
    day: int,
    date: str,
    causation_id: str | None,
) -> tuple[list[Event], float, list[str], set[tuple[str, str]]]:
    emitted: list[Event] = []
    spend = 0.0
    refused: list[str] = []
    ran: set[tuple[str, str]] = set()
    for p in live:
        if not is_sandbox(p):
            continue  # a real channel delivers and reports on its own; its results arrive in the log
        done = [row for row, o in history.get(p.id, []) if o.day == day and "sandbox" in row["sources"]]
        if done:  # a resumed cycle: this program already ran today
            emitted.extend(sandbox.stored(p, day))
            spend += float(done[0]["spend"])
            ran.add((p.channel, p.region))
            continue
        budget = budgets.get(p.id, 0.0)
        if to_cents(budget, "daily budget") <= 0:
            continue
        run = sandbox.run_program(
            p,
            variant=variant_of(p),
            budget=budget,
            day=day,
            date_=Date.fromisoformat(date),
            trace_id=trace_id,
            causation_id=causation_id,
        )
        if run.refused:
            refused.append(p.id)
            continue
        if run.events:
            emitted.extend(run.events)
            ran.add((p.channel, p.region))
            spend += run.spend
    return emitted, spend, refused, ran


@dataclass(frozen=True)
class ArmEvidence:
    """What one arm (a channel) has shown so far: the optimizer's evidence for moving its budget."""

    channel: str
    spend: float
    sends: int
    conversions: int
    days: int

    def sufficient(self, settings: OptimizerSettings) -> bool:
        """True when the arm has the settings' minimum of days, and of results or spend."""
        measured = self.conversions >= settings.min_arm_conversions or self.spend >= settings.min_arm_spend
        return self.days >= settings.min_arm_days and measured

    def describe(self, currency: str) -> str:
        """The evidence in plain words."""
        per = (
            f", {_money(self.spend / self.conversions, currency)} per conversion" if self.conversions else ""
        )
        return (
            f"{self.channel}: {_money(self.spend, currency)} spent, {self.conversions:,} conversions from"
            f" {self.sends:,} sends over {self.days} day{'s' if self.days != 1 else ''}{per}"
        )


def arm_evidence(
    channel: str, members: Sequence[Program], history: Mapping[str, list[tuple[Row, Observation]]]
) -> ArmEvidence:
    """Sum the observations of one channel's programs."""
    observed = [o for p in members for _, o in history.get(p.id, [])]
    return ArmEvidence(
        channel=channel,
        spend=round(sum(o.spend for o in observed), 2),
        sends=sum(o.sends for o in observed),
        conversions=sum(o.conversions for o in observed),
        days=len({o.day for o in observed}),
    )


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.2f} {currency}".strip()


def _propose(
    live: Sequence[Program],
    history: Mapping[str, list[tuple[Row, Observation]]],
    ledger: SpendLedger,
    events: EventLog,
    *,
    campaign_id: str,
    trace_id: str,
    day: int,
    total_days: int,
    threshold: float,
    settings: OptimizerSettings,
    causation_id: str | None,
    approve: Approver | None,
    currency: str,
) -> list[BudgetChange]:
    days_left = total_days - day - 1
    if days_left <= 0 or day + 1 < settings.warmup_days or not live:
        return []
    blocked = {p.channel for p in live if ledger.kill_switch.check(p.channel)}
    movable = [p for p in live if p.channel not in blocked]
    channels: set[Channel] = {p.channel for p in movable}
    limits, _ = _paced_limits(ledger, campaign_id, channels, exclude_day=None, days_left=days_left)
    stored = ledger.caps(campaign_id)
    if stored is None or not channels:
        return []
    caps = CapsMinor.of(stored, LEDGER_EXP)
    allocation = ledger.allocation_cents(campaign_id)
    evidence = {
        ch: arm_evidence(ch, [p for p in movable if p.channel == ch], history) for ch in sorted(channels)
    }
    if not all(e.sufficient(settings) for e in evidence.values()):
        return []  # money moves only on evidence: every arm needs the minimum first
    spent = {ch: ledger.spent_cents(campaign_id, ch) for ch in channels}
    # Money of channels the optimizer does not move (no live programs, or kill-switched) stays where it is.
    reserved = sum(
        max(0, amount - ledger.spent_cents(campaign_id, ch))
        for ch, amount in allocation.items()
        if ch not in channels
    )
    pool = caps.total - ledger.spent_cents(campaign_id) - reserved
    daily = from_cents(max(0, min(caps.per_day, pool // days_left)))
    channel_caps: dict[str, float] = {
        ch: from_cents(max(0, caps.per_channel.get(ch, 0) - spent[ch]) // days_left) for ch in channels
    }
    posteriors = _posteriors(movable, history, settings)
    curves = {p.id: posteriors[p.id].mean_curve() for p in movable}
    target_daily = allocate(curves, {p.id: p.channel for p in movable}, channel_caps, daily)
    per_channel: dict[str, float] = defaultdict(float)
    for p in movable:
        per_channel[p.channel] += target_daily[p.id]
    others = "; ".join(e.describe(currency) for e in evidence.values())

    proposals = []
    for ch in sorted(channels):
        current = allocation.get(ch, 0)
        target = spent[ch] + to_cents(per_channel[ch] * days_left, "target budget")
        wanted = current + to_cents(settings.step * (target - current) / 10**LEDGER_EXP, "wanted change")
        to, limited = step_limit(current, wanted, settings.max_step_pct, floor=spent[ch])
        if abs(to - current) < _min_change(settings, current):
            continue
        members = [p for p in movable if p.channel == ch]
        now = sum(curves[p.id](limits.get(ch, 0.0) * _share(p, target_daily, per_channel)) for p in members)
        then = sum(curves[p.id](target_daily[p.id]) for p in members)
        reason = (
            f"expected {then:.1f} conversions/day at {per_channel[ch]:,.2f}/day vs {now:.1f} at the current"
            f" pace of {limits.get(ch, 0.0):,.2f}/day"
        )
        effect = (
            f"{'more' if to > current else 'less'} budget for {ch}: about {then - now:+.1f} conversions/day"
            f" ({now:.1f} -> {then:.1f}) if the observed response holds"
        )
        if limited:
            effect += (
                f"; the evidence points to {_money(from_cents(max(spent[ch], wanted)), currency)}, limited to a"
                f" {settings.max_step_pct:.0%} step this cycle"
            )
        proposals.append(
            _change(
                f"{campaign_id}:d{day}:{ch}",
                campaign_id,
                ch,
                current,
                to,
                reason,
                threshold,
                currency=currency,
                evidence=others,
                effect=effect,
            )
        )
    proposals.sort(key=lambda c: c.to_amount - c.from_amount)  # decreases first: they make room for increases
    changes = []
    for change in proposals:
        current, to = to_cents(change.from_amount, "from_amount"), to_cents(change.to_amount, "to_amount")
        if to > current:
            to = min(to, current + total_room(caps, ledger.allocation_cents(campaign_id)))
            if to - current < _min_change(settings, current):
                continue  # no room yet (a decrease is waiting for approval)
            change = _change(
                change.id,
                campaign_id,
                change.channel,
                current,
                to,
                change.reason,
                threshold,
                currency=currency,
                evidence=change.evidence,
                effect=change.expected_effect,
            )
        approver = approve(change) if change.requires_approval and approve else None
        if change.requires_approval and not approver:
            events.emit(
                "optimizer.budget_change",
                trace_id=trace_id,
                campaign_id=campaign_id,
                source=SOURCE,
                payload=change_payload(change),
                causation_id=causation_id,
                event_id=event_id(change.id, "pending_approval"),
            )
            changes.append(change)
        else:
            changes.append(
                ledger.apply_change(
                    change, approved_by=approver, trace_id=trace_id, causation_id=causation_id
                )
            )
    return changes


def _min_change(settings: OptimizerSettings, current: int) -> int:
    """The smallest move worth proposing (cents): ``min_change_pct`` of the budget, at least one major unit."""
    return max(math.ceil(Fraction(repr(settings.min_change_pct)) * current), MAJOR_UNIT)


def _change(
    change_id: str,
    campaign_id: str,
    channel: Channel,
    current: int,
    to: int,
    reason: str,
    threshold: float,
    *,
    currency: str,
    evidence: str,
    effect: str,
) -> BudgetChange:
    """A proposed change (amounts in cents); it needs approval above ``threshold`` of the current budget (or from
    nothing)."""
    needs = needs_approval(current, to, threshold)
    return BudgetChange(
        id=change_id,
        campaign_id=campaign_id,
        channel=channel,
        from_amount=from_cents(current),
        to_amount=from_cents(to),
        delta_pct=round((to - current) / current, 4) if current > 0 else 1.0,
        reason=reason,
        requires_approval=needs,
        status="pending_approval" if needs else "applied",
        currency=currency,
        evidence=evidence,
        expected_effect=effect,
    )


def _share(p: Program, target_daily: Mapping[str, float], per_channel: Mapping[str, float]) -> float:
    """The program's share of its channel in the target split (used to price the current pace)."""
    total = per_channel.get(p.channel, 0.0)
    return target_daily[p.id] / total if total > 0 else 0.0
