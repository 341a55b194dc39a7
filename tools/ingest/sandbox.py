"""The sandbox as a results source: simulated delivery, open, click, conversion and cost events into the log.

The sandbox channel "runs" a program for a day by asking the seeded market simulator what happened, and writes
what happened as ordinary result events (``source="sandbox"``), exactly as a real channel's export or webhook
would arrive: nothing downstream reads the simulator. The day's simulated cost is committed to the spend ledger
first, under the cost event's id (caps and kill-switch enforced inside the ledger); a refused spend means the
platform did not run the program that day, so no events are written for it. The holdout of each (channel,
region) that ran gets its simulated ``control.metrics`` event the same way.

Event ids are deterministic per (program, day, type), so a re-run day (a resumed cycle) appends nothing new.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from graph.contracts import Event, Program
from graph.contracts.ids import event_id
from tools.events import EventLog
from tools.ingest.results import RESULT_KINDS, RESULT_TYPES, ProgramRef, ResultIn, to_event
from tools.killswitch import KillSwitchEngaged
from tools.simulator import DayMetrics, simulate_control_day, simulate_program_day
from tools.spend import CapExceeded, SpendLedger

SOURCE = "sandbox"
MetricsFn = Callable[..., DayMetrics]
ControlFn = Callable[..., int]


def is_sandbox(program: Program) -> bool:
    """Whether the sandbox delivers this program (its latest receipt names no other connector)."""
    return not program.receipts or program.receipts[-1].connector == SOURCE


def result_id(program: Program, day: int, kind: str) -> str:
    """The deterministic result id of one simulated (program, day, type)."""
    digest = hashlib.blake2b(
        f"{program.campaign_id}|{program.idempotency_key}|{day}|{kind}".encode(), digest_size=12
    ).hexdigest()
    return f"sbx-{digest}"


@dataclass(frozen=True)
class DayRun:
    """What the sandbox did for one program on one day.

    Attributes:
        events: Result events written (empty when refused or nothing was sent).
        spend: Money committed to the ledger.
        refused: The ledger refused the day's spend (cap or kill-switch).
    """

    events: list[Event]
    spend: float = 0.0
    refused: bool = False


class SandboxResults:
    """Runs sandbox programs for a day and writes what happened into the event log."""

    def __init__(
        self,
        *,
        events: EventLog,
        ledger: SpendLedger,
        seed: int,
        metrics_fn: MetricsFn = simulate_program_day,
        control_fn: ControlFn = simulate_control_day,
    ) -> None:
        """Bind to the log, the ledger and the market seed."""
        self.events, self.ledger, self.seed = events, ledger, seed
        self.metrics_fn, self.control_fn = metrics_fn, control_fn

    def run_program(
        self,
        program: Program,
        *,
        variant: str,
        budget: float,
        day: int,
        date_: date,
        trace_id: str,
        causation_id: str | None = None,
    ) -> DayRun:
        """Simulate one program-day with ``budget`` and write its result events (idempotent per day)."""
        m = self.metrics_fn(
            seed=self.seed,
            campaign_id=program.campaign_id,
            channel=program.channel,
            region=program.region,
            variant=variant,
            audience=program.audience,
            budget=budget,
            day=day,
        )
        if m.sends <= 0:
            return DayRun([])
        ref = ProgramRef(
            program_id=program.id,
            campaign_id=program.campaign_id,
            trace_id=trace_id,
            channel=program.channel,
            region=program.region,
            variant=variant,
            start=date_ - timedelta(days=day),
            audience=program.audience,
        )
        at = datetime.combine(date_, time(12), tzinfo=UTC)
        counts = {
            "delivered": m.delivered,
            "bounce": m.sends - m.delivered,
            "open": m.opens,
            "click": m.clicks,
            "conversion": m.conversions,
        }
        results = [
            ResultIn(
                id=result_id(program, day, kind),
                program_id=program.id,
                type=kind,  # type: ignore[arg-type]
                at=at,
                count=n,
            )
            for kind, n in counts.items()
            if n > 0
        ]
        if m.spend > 0:
            cost = ResultIn(
                id=result_id(program, day, "cost"), program_id=program.id, type="cost", at=at, amount=m.spend
            )
            cost_event = to_event(cost, ref, source=SOURCE)
            try:
                self.ledger.commit(
                    campaign_id=program.campaign_id,
                    channel=program.channel,
                    amount=m.spend,
                    day=date_.isoformat(),
                    key=cost_event.id,
                    trace_id=trace_id,
                    region=program.region,
                )
            except (CapExceeded, KillSwitchEngaged):
                return DayRun([], refused=True)  # the ledger emitted spend.refused with the reason
            results.append(cost)
        out = [
            to_event(r, ref, source=SOURCE).model_copy(update={"causation_id": causation_id}) for r in results
        ]
        self.events.append_many(out)
        return DayRun(out, spend=m.spend)

    def stored(self, program: Program, day: int) -> list[Event]:
        """The result events the sandbox already wrote for a program-day (a resumed cycle reuses them)."""
        ids = {f"result:{result_id(program, day, kind)}" for kind in RESULT_KINDS}
        out: list[Event] = []
        offset = 0
        while batch := self.events.read(offset, 5000, campaign_id=program.campaign_id, types=RESULT_TYPES):
            offset = batch[-1][0]
            out.extend(e for _, e in batch if e.id in ids)
        return out

    def run_controls(
        self,
        ran: Sequence[tuple[str, str]],
        sizes: Mapping[tuple[str, str], int],
        *,
        campaign_id: str,
        trace_id: str,
        day: int,
        date_: date,
        causation_id: str | None = None,
    ) -> list[Event]:
        """Write the day's holdout conversions of each (channel, region) that ran."""
        out = []
        for channel, region in sorted(set(ran)):
            size = int(sizes.get((channel, region), 0))
            if size <= 0:
                continue
            conversions = self.control_fn(
                seed=self.seed,
                campaign_id=campaign_id,
                channel=channel,
                region=region,
                control_size=size,
                day=day,
            )
            payload: dict[str, Any] = {
                "channel": channel,
                "region": region,
                "day": day,
                "date": date_.isoformat(),
                "control_size": size,
                "conversions": conversions,
            }
            out.append(
                self.events.emit(
                    "control.metrics",
                    trace_id=trace_id,
                    campaign_id=campaign_id,
                    source=SOURCE,
                    causation_id=causation_id,
                    payload=payload,
                    event_id=event_id(campaign_id, "control", channel, region, day),
                )
            )
        return out
