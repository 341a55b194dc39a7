"""A standalone campaign on the simulator: the optimizer loop against the oracle and the even split.

This is what ``liftoff simulate`` and ``evals/bench/bench_spend.py`` run. The built-in campaign has four channels
(email, paid social, paid search, display), two regions (US, EU) and two creative variants each, a daily budget
paced over the campaign, caps of 60% of the total per channel and 150% of the daily budget per day.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from graph.contracts import (
    Blueprint,
    Brief,
    Caps,
    Channel,
    ChannelPlan,
    KPITarget,
    Program,
    Region,
    Scorecard,
)
from graph.contracts.ids import event_id
from tools.analytics.scorecard import compute_scorecard
from tools.events import EventLog
from tools.ingest.rollup import program_days
from tools.killswitch import KillSwitch
from tools.optimizer.cycle import OptimizerSettings, run_cycle
from tools.optimizer.oracle import even_split, oracle
from tools.spend import SpendLedger

CHANNELS: tuple[Channel, ...] = ("email", "paid_social", "paid_search", "display")
REGIONS: tuple[Region, ...] = ("US", "EU")
VARIANTS = ("A", "B")
AUDIENCE = {  # contacts per day (email) or targetable audience (paid), per (channel, region) and variant
    ("email", "US"): 24_000,
    ("email", "EU"): 16_000,
    ("paid_social", "US"): 120_000,
    ("paid_social", "EU"): 80_000,
    ("paid_search", "US"): 30_000,
    ("paid_search", "EU"): 20_000,
    ("display", "US"): 400_000,
    ("display", "EU"): 300_000,
}
APPROVER = "simulate:auto-approver"


@dataclass(frozen=True)
class SimulationResult:
    """Outcome of one simulated campaign.

    Attributes:
        days: Campaign length.
        seed: Market seed.
        conversions: Conversions the optimizer got.
        oracle_conversions: Best fixed allocation in hindsight.
        even_split_conversions: Even split between channels, then programs.
        spend: What the optimizer spent.
        cap: Campaign total cap.
        changes: Budget changes by final status.
        spend_by_channel: Optimizer spend per channel.
        scorecard: The campaign's scorecard from its event log.
    """

    days: int
    seed: int
    conversions: int
    oracle_conversions: int
    even_split_conversions: int
    spend: float
    cap: float
    changes: dict[str, int] = field(default_factory=dict)
    spend_by_channel: dict[str, float] = field(default_factory=dict)
    scorecard: Scorecard | None = None

    def as_json(self) -> dict[str, Any]:
        """The ``liftoff simulate --json`` document."""
        card = self.scorecard
        return {
            "conversions": self.conversions,
            "oracle_conversions": self.oracle_conversions,
            "even_split_conversions": self.even_split_conversions,
            "spend": self.spend,
            "cap": self.cap,
            "days": self.days,
            "seed": self.seed,
            "vs_oracle": round(self.conversions / self.oracle_conversions, 4)
            if self.oracle_conversions
            else None,
            "vs_even_split": round(self.conversions / self.even_split_conversions, 4)
            if self.even_split_conversions
            else None,
            "changes": self.changes,
            "spend_by_channel": self.spend_by_channel,
            "cost_per_result": card.cost_per_result if card else None,
            "lift_pct": card.lift.lift_pct if card and card.lift else None,
        }


def builtin_campaign(
    days: int, *, daily_budget: float = 3000.0, start: date = date(2025, 3, 3), campaign_id: str = "sim"
) -> tuple[Blueprint, list[Program], dict[tuple[str, str], int]]:
    """The simulated campaign: its blueprint, published programs and control holdout sizes.

    Raises:
        ValueError: when ``days`` is below 1 or the budget is not positive.
    """
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    if daily_budget <= 0:
        raise ValueError(f"daily budget must be positive, got {daily_budget}")
    total = round(daily_budget * days, 2)
    share = 1 / len(CHANNELS)
    blueprint = Blueprint(
        campaign_name="Simulated spring launch",
        brief=Brief(text="Simulated campaign for the optimizer benchmark.", brand="brightwell"),
        objective="Maximise trial signups inside the budget.",
        currency="USD",
        total_budget=total,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        channels=[
            ChannelPlan(
                channel=ch,
                budget=round(total * share, 2),
                share=share,
                regions=list(REGIONS),
                variants=list(VARIANTS),
            )
            for ch in CHANNELS
        ],
        kpi_targets=[
            KPITarget(name="conversions", target=250 * days),
            KPITarget(name="cpa", target=40.0),
            KPITarget(name="ctr", target=0.01),
        ],
        caps=Caps(
            total=total,
            per_channel={ch: round(total * 0.6, 2) for ch in CHANNELS},
            per_day=round(daily_budget * 1.5, 2),
        ),
        holdout_pct=0.1,
        prompt_version="simulate",
    )
    programs = [
        Program(
            id=f"{campaign_id}-{ch}-{region}-{variant}",
            campaign_id=campaign_id,
            channel=ch,
            region=region,
            asset_id=f"{campaign_id}-{ch}-{region}-{variant}",
            asset_version=1,
            list_id=f"{campaign_id}-{ch}-{region}",
            slot=start.isoformat(),
            idempotency_key=f"{campaign_id}:{ch}:{region}:{variant}:v1",
            status="published",
            audience=AUDIENCE[(ch, region)],
            variant=variant,
        )
        for ch in CHANNELS
        for region in REGIONS
        for variant in VARIANTS
    ]
    control: dict[tuple[str, str], int] = {
        (ch, region): round(AUDIENCE[(ch, region)] * len(VARIANTS) * 0.1 / 0.9)
        for ch in CHANNELS
        for region in REGIONS
    }
    return blueprint, programs, control


def run_simulation(
    days: int,
    seed: int,
    *,
    state_dir: Path | None = None,
    auto_approve: bool = True,
    settings: OptimizerSettings | None = None,
    with_baselines: bool = True,
) -> SimulationResult:
    """Run the optimizer loop for ``days`` days, then the baselines on the same seed.

    Args:
        days: Campaign length in days.
        seed: Market seed.
        state_dir: Where the ledger and event log go (a temporary directory when None).
        auto_approve: Approve changes that need a human as ``simulate:auto-approver`` (else they stay pending).
        settings: Optimizer tuning.
        with_baselines: Also compute the oracle and the even split.
    """
    blueprint, programs, control = builtin_campaign(days)
    campaign_id, trace_id = programs[0].campaign_id, f"sim-{seed}"
    with tempfile.TemporaryDirectory(prefix="liftoff-sim-") as tmp:
        home = state_dir or Path(tmp)
        events = EventLog(home / "events.db")
        ledger = SpendLedger(home / "ledger.db", events=events, kill_switch=KillSwitch(home / "control.db"))
        started = events.emit(
            "campaign.started",
            trace_id=trace_id,
            campaign_id=campaign_id,
            source="simulate",
            payload={"days": days, "seed": seed},
            event_id=event_id(trace_id, "started"),
        )
        for p in programs:
            events.emit(
                "orchestrator.published",
                trace_id=trace_id,
                campaign_id=campaign_id,
                source="simulate",
                causation_id=started.id,
                event_id=event_id(trace_id, "published", p.id),
                payload={
                    "program_id": p.id,
                    "channel": p.channel,
                    "region": p.region,
                    "variant": p.variant,
                    "audience": p.audience,
                    "budget": p.budget,
                    "slot": p.slot,
                },
            )
        statuses: Counter[str] = Counter()
        for day in range(days):
            result = run_cycle(
                campaign_id=campaign_id,
                trace_id=trace_id,
                day=day,
                programs=programs,
                blueprint=blueprint,
                ledger=ledger,
                events=events,
                control_sizes=control,
                seed=seed,
                settings=settings,
                approve=(lambda _change: APPROVER) if auto_approve else None,
            )
            statuses.update(change.status for change in result.changes)
        spend = ledger.spent(campaign_id)
        by_channel = {ch: ledger.spent(campaign_id, ch) for ch in sorted(blueprint.caps.per_channel)}
        log = [e for _, e in events.read(0, 10**9, campaign_id=campaign_id)]
        card = compute_scorecard(
            log,
            blueprint=blueprint,
            campaign_id=campaign_id,
            trace_id=trace_id,
            agents_run=["optimizer", "analytics"],
        )
        conversions = sum(int(row["conversions"]) for row in program_days(log))
        events.close()
        ledger.close()
    best = oracle(programs, blueprint.caps, days=days, seed=seed).conversions if with_baselines else 0
    even = even_split(programs, blueprint.caps, days=days, seed=seed).conversions if with_baselines else 0
    return SimulationResult(
        days=days,
        seed=seed,
        conversions=conversions,
        oracle_conversions=best,
        even_split_conversions=even,
        spend=round(spend, 2),
        cap=blueprint.caps.total,
        changes=dict(statuses),
        spend_by_channel=by_channel,
        scorecard=card,
    )
