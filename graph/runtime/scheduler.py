"""The scheduler: runs the due cycles of every live campaign, safely alongside other schedulers.

Each pass looks at every registered campaign (and registers launched campaigns it finds without a schedule),
and for each one that is ``launched`` claims its next due cycle and runs it: at most one cycle per campaign per
pass, so campaigns take turns. Two schedulers (or a scheduler and ``liftoff cycle``) on the same state
directory split the work through the store's leases; no cycle runs twice and no campaign runs two at once.

Due means: on a ``simulated`` clock (every channel on the sandbox) every cycle up to the horizon, in day order,
so a rehearsal runs a campaign's weeks in seconds; on a ``wall`` clock, cycles of campaign days that have begun.
"""

from __future__ import annotations

import os
import random
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph.runtime.cycles import CycleOutcome, execute
from graph.runtime.driver import CampaignDriver
from graph.runtime.lifecycle_hooks import register
from tools.lifecycle.store import CycleKind, LifecycleStore

DEFAULT_LEASE_S = 300.0
"""Cycle lease length; the heartbeat renews it every third, so only a dead owner loses it."""


@dataclass
class PassReport:
    """What one pass did.

    Attributes:
        ran: Cycles executed (any outcome).
        busy: Campaigns skipped because another process runs one of their cycles.
        waiting: Campaign -> why it takes no cycle now (awaiting approval, failed, paused).
        registered: Launched campaigns that got their schedule in this pass.
    """

    ran: list[CycleOutcome] = field(default_factory=list)
    busy: list[str] = field(default_factory=list)
    waiting: dict[str, str] = field(default_factory=dict)
    registered: list[str] = field(default_factory=list)

    @property
    def idle(self) -> bool:
        """True when nothing ran and nothing is running elsewhere."""
        return not self.ran and not self.busy


class Scheduler:
    """Runs due cycles of every live campaign of one state directory.

    Args:
        campaigns: The campaign runner (``graph.runtime.runner.Campaigns``).
        store: The lifecycle store.
        owner: Lease owner id (default: host-pid-random).
        lease_s: Cycle lease length.
        until_day: Horizon: no cycle beyond this campaign day (a rehearsal of N days); None = the campaign's end.
        auto_approve: Approve budget changes that stop for a human (rehearsals only).
        now: Wall clock (inject in tests).
    """

    def __init__(
        self,
        campaigns: CampaignDriver,
        store: LifecycleStore,
        *,
        owner: str | None = None,
        lease_s: float = DEFAULT_LEASE_S,
        until_day: int | None = None,
        auto_approve: bool = False,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.campaigns = campaigns
        self.store = store
        self.owner = owner or f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.lease_s = lease_s
        self.until_day = until_day
        self.auto_approve = auto_approve
        self._now = now or (lambda: datetime.now(UTC))
        self.discover_every_s = 60.0
        self.yield_s = 0.05
        self._discovered_at: float | None = None

    def discover(self) -> list[str]:
        """Register launched campaigns that have no schedule yet (launched before, or by another process)."""
        out = []
        known = set(self.store.campaign_ids())
        for summary in self.campaigns.list():
            if (
                summary.status == "launched"
                and summary.campaign_id not in known
                and register(self.campaigns.settings, self.campaigns.result(summary.campaign_id).values)
            ):
                out.append(summary.campaign_id)
        return out

    def horizon(self, campaign_id: str) -> int | None:
        """Latest campaign day due now for a campaign (None when it is not registered)."""
        sched = self.store.campaign(campaign_id)
        if sched is None:
            return None
        due = sched.last_day if sched.clock == "simulated" else sched.today(self._now())
        return due if self.until_day is None else min(due, self.until_day)

    def run_campaign(
        self,
        campaign_id: str,
        *,
        kind: CycleKind | None = None,
        force: bool = False,
        report: PassReport | None = None,
    ) -> CycleOutcome | None:
        """Claim and run one cycle of a campaign (``force``: the next one of ``kind`` whether due or not)."""
        report = report or PassReport()
        result = self.campaigns.result(campaign_id)
        unfinished = bool(result.values.get("cycle")) and not result.needs_human  # a crashed cycle: resume it
        if result.status != "launched" and not unfinished:
            report.waiting[campaign_id] = result.status + (f" ({result.reason})" if result.reason else "")
            return None
        horizon = None if force else self.horizon(campaign_id)
        cycle = self.store.claim(
            campaign_id, self.owner, lease_s=self.lease_s, horizon_day=horizon, kind=kind
        )
        if cycle is None:
            if self.store.running(campaign_id) is not None:
                report.busy.append(campaign_id)
            return None
        outcome = execute(
            self.campaigns,
            self.store,
            cycle,
            owner=self.owner,
            lease_s=self.lease_s,
            auto_approve=self.auto_approve,
        )
        report.ran.append(outcome)
        return outcome

    def reconcile_programs(self) -> list[Any]:
        """Settle programs left in flight by a publisher that is gone (killed process, or lease expired)."""
        return list(self.campaigns.services.publisher.reconcile_stale())

    def run_pass(self) -> PassReport:
        """One pass: at most one due cycle per live campaign (launched campaigns without a schedule are looked
        for on the first pass and then every ``discover_every_s`` seconds: listing every thread is not free)."""
        report = PassReport()
        self.reconcile_programs()
        moment = time.monotonic()
        if self._discovered_at is None or moment - self._discovered_at >= self.discover_every_s:
            report.registered = self.discover()
            self._discovered_at = moment
        for cid in self.store.campaign_ids():
            sched = self.store.campaign(cid)
            if sched is not None and not sched.enabled:
                report.waiting[cid] = f"schedule paused: {sched.paused_reason}"
                continue
            self.run_campaign(cid, report=report)
        return report

    def run(
        self,
        *,
        interval_s: float = 60.0,
        stop: threading.Event | None = None,
        until_idle: bool = False,
        on_pass: Callable[[PassReport], None] | None = None,
    ) -> int:
        """Run passes until ``stop`` is set (or, with ``until_idle``, until a pass finds nothing to do).

        A pass that ran something is followed by another after a random pause of up to ``yield_s`` (so schedulers
        sharing campaigns take turns); a pass that found a campaign busy elsewhere polls again after ``yield_s``;
        an idle one waits ``interval_s``.

        Returns:
            Cycles executed.
        """
        stop = stop or threading.Event()
        total = 0
        while not stop.is_set():
            report = self.run_pass()
            total += len(report.ran)
            if on_pass:
                on_pass(report)
            if report.idle and until_idle:
                break
            if report.ran:  # a short random pause lets other schedulers polling the same campaigns take turns
                stop.wait(random.uniform(0, self.yield_s))
            else:
                stop.wait(interval_s if report.idle else min(interval_s, self.yield_s))
        return total
