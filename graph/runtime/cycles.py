"""Execute one claimed cycle on its campaign's graph thread, exactly once in effect.

The claim (a lease in the lifecycle store) makes one process the cycle's owner; a heartbeat renews the lease
while the graph runs. Running it again after a crash never repeats its work twice:

* a run that stopped mid-way (its ``cycle`` is still on the thread) is *resumed*, not restarted: the graph
  continues from its last checkpoint, and the nodes' side effects are idempotent;
* a cycle whose scorecard already exists (it finished but its owner died before recording it) is skipped;
* an optimize cycle brings the campaign *to* its day: when the campaign is already there, nothing runs.

A report cycle first refreshes the campaign's pipeline attribution (``pipeline.attribution``), so the
scorecard it ends with shows sourced and influenced pipeline beside the cost. Every cycle is bracketed by
``lifecycle.cycle_started`` and ``lifecycle.cycle_finished`` (or ``lifecycle.cycle_failed``) events carrying its
id; the events in between (one campaign runs one cycle at a time) are the cycle's own trace.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from graph.runtime.driver import CampaignDriver
from graph.runtime.lifecycle_hooks import record_reach
from tools.crm.store import CRMStore
from tools.lifecycle.audit import emit
from tools.lifecycle.store import CampaignSchedule, Cycle, LifecycleStore
from tools.pipeline.impact import emit_impact, pipeline_impact
from tools.pipeline.store import PipelineStore

AUTO_APPROVER = "lifecycle:auto-approve"


class NotLive(RuntimeError):
    """The campaign cannot take a cycle now (waiting for a human, failed, rejected)."""


@dataclass
class CycleOutcome:
    """What executing one claimed cycle did.

    Attributes:
        cycle_id: Cycle.
        campaign_id: Campaign.
        kind: 'optimize' or 'report'.
        day: Day of the cycle.
        status: 'done', 'failed', 'released' (campaign not live: given back unrun) or 'lost' (lease lost).
        detail: What ran (run status, days processed, scorecard figures, pipeline, or why it was skipped).
        error: Error, for a failed cycle.
        elapsed_s: Wall time.
    """

    cycle_id: str
    campaign_id: str
    kind: str
    day: int
    status: str
    detail: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    elapsed_s: float = 0.0


class _Heartbeat:
    """Renews a cycle's lease every third of its length while the cycle runs."""

    def __init__(self, store: LifecycleStore, cycle_id: str, owner: str, lease_s: float) -> None:
        self.store, self.cycle_id, self.owner, self.lease_s = store, cycle_id, owner, lease_s
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease-{cycle_id[-24:]}", daemon=True)

    def _beat(self) -> None:
        try:
            while not self._stop.wait(self.lease_s / 3):
                if not self.store.renew(self.cycle_id, self.owner, self.lease_s):
                    self.lost = True
                    return
        finally:
            self.store.close()  # this thread's own connection

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def execute(
    campaigns: CampaignDriver,
    store: LifecycleStore,
    cycle: Cycle,
    *,
    owner: str,
    lease_s: float,
    auto_approve: bool = False,
    max_attempts: int = 3,
) -> CycleOutcome:
    """Run a cycle this owner claimed, and record how it ended in the store and the event log.

    Args:
        campaigns: The campaign runner (``graph.runtime.runner.Campaigns``).
        store: The lifecycle store the cycle was claimed in.
        cycle: The claimed cycle (status ``running`` under ``owner``).
        owner: The claim's owner.
        lease_s: Lease length (renewed every third of it).
        auto_approve: Approve budget changes that stop for a human (rehearsals), as ``lifecycle:auto-approve``.
        max_attempts: Attempts before the campaign's schedule pauses.
    """
    events = campaigns.services.events
    sched = store.campaign(cycle.campaign_id)
    trace_id = sched.trace_id if sched else cycle.campaign_id
    base = {
        "cycle_id": cycle.cycle_id,
        "kind": cycle.kind,
        "day": cycle.day,
        "attempt": cycle.attempts,
        "owner": owner,
        "trigger": cycle.trigger,
    }
    _log(
        events,
        "lifecycle.cycle_started",
        trace_id,
        cycle.campaign_id,
        base,
        f"{cycle.cycle_id}:started:{cycle.attempts}",
    )
    start = time.perf_counter()
    out = CycleOutcome(cycle.cycle_id, cycle.campaign_id, cycle.kind, cycle.day, "done")
    with _Heartbeat(store, cycle.cycle_id, owner, lease_s) as beat:
        try:
            if sched is None:
                raise NotLive(f"campaign {cycle.campaign_id} has no schedule")
            out.detail = _run(campaigns, sched, cycle, auto_approve)
        except NotLive as exc:
            store.release(cycle.cycle_id, owner, str(exc))
            out.status, out.error = "released", str(exc)
        except Exception as exc:  # noqa: BLE001 - recorded, retried with backoff, then the schedule pauses
            out.status, out.error = "failed", f"{type(exc).__name__}: {exc}"
    out.elapsed_s = round(time.perf_counter() - start, 3)
    if out.status == "released":
        _log(
            events,
            "lifecycle.cycle_deferred",
            trace_id,
            cycle.campaign_id,
            {**base, "reason": out.error},
            f"{cycle.cycle_id}:deferred:{cycle.attempts}",
        )
        return out
    row = store.finish(
        cycle.cycle_id,
        owner,
        ok=out.status == "done",
        outcome=out.detail,
        error=out.error,
        max_attempts=max_attempts,
    )
    if row is None or beat.lost:
        out.status = "lost"
        _log(
            events,
            "lifecycle.cycle_lease_lost",
            trace_id,
            cycle.campaign_id,
            base,
            f"{cycle.cycle_id}:lost:{cycle.attempts}",
        )
        return out
    if out.status == "failed":
        paused = row.attempts >= max_attempts
        _log(
            events,
            "lifecycle.cycle_failed",
            trace_id,
            cycle.campaign_id,
            {**base, "error": out.error, "schedule_paused": paused},
            f"{cycle.cycle_id}:failed:{cycle.attempts}",
        )
        return out
    _log(
        events,
        "lifecycle.cycle_finished",
        trace_id,
        cycle.campaign_id,
        {**base, **out.detail, "elapsed_s": out.elapsed_s},
        f"{cycle.cycle_id}:finished",
    )
    return out


def _run(
    campaigns: CampaignDriver, sched: CampaignSchedule, cycle: Cycle, auto_approve: bool
) -> dict[str, Any]:
    cid = cycle.campaign_id
    res = campaigns.result(cid)
    if (res.values.get("cycle") or {}).get(
        "id"
    ) == cycle.cycle_id:  # started before: finish it, never restart
        if res.needs_human:
            if not auto_approve:
                return _detail(res, resumed=False)
            res = campaigns.resume(
                cid,
                {
                    "decision": "approve",
                    "approver": AUTO_APPROVER,
                    "comment": "approved by the scheduler (--auto-approve)",
                },
                auto_approve=True,
            )
        else:
            res = campaigns.resume(cid, None, auto_approve=auto_approve)
        return _detail(res, resumed=True)
    if _scorecard_of(campaigns.services.events, cid, cycle.cycle_id):
        return {"skipped": "already ran (its scorecard exists)", "run_status": res.status}
    if res.status != "launched":
        raise NotLive(f"campaign {cid} is {res.status}" + (f" ({res.reason})" if res.reason else ""))
    if cycle.kind == "optimize":
        done = int(res.values.get("day") or 0)  # campaign days already run (day 0 is the start date)
        if cycle.day < done:
            return {"skipped": f"day {cycle.day} already ran ({done} days done)", "run_status": res.status}
        res = campaigns.run_cycle(
            cid, "optimize", days=cycle.day - done + 1, cycle_id=cycle.cycle_id, auto_approve=auto_approve
        )
        return {**_detail(res), "from_day": done}
    pipeline = refresh_pipeline(campaigns, sched, res.values, cycle.cycle_id)
    res = campaigns.run_cycle(cid, "report", cycle_id=cycle.cycle_id, auto_approve=auto_approve)
    return {**_detail(res), "pipeline_note": pipeline.note}


def refresh_pipeline(
    campaigns: CampaignDriver, sched: CampaignSchedule, values: dict[str, Any], cycle_id: str | None
) -> Any:
    """Record run days, let the sandbox market move, attribute, and emit ``pipeline.attribution``.

    The campaign's reach was recorded at launch; if that failed (the CRM was busy), it is tried once more here
    with a short-lived CRM connection, and the figures say so when it still fails.
    """
    settings = campaigns.settings
    store = PipelineStore(settings.store("pipeline.db"))
    try:
        note = ""
        if not store.has_reach(sched.campaign_id) and values.get("lists"):
            try:
                with CRMStore(settings.store("crm.duckdb")) as crm:
                    record_reach(settings, crm, values)
            except Exception as exc:  # noqa: BLE001 - the figures carry the reason
                note = f"reach not recorded ({type(exc).__name__}: {exc})"
        impact = pipeline_impact(
            store,
            campaigns.services.events,
            campaign_id=sched.campaign_id,
            start_date=sched.start_date,
            through_day=max(0, int(values.get("day") or 0) - 1),
            window_days=sched.window_days,
            seed=settings.seed,
            market=sched.clock == "simulated",
        )
        if note:
            impact = impact.model_copy(update={"note": f"{impact.note}; {note}".strip("; ")})
        emit_impact(
            campaigns.services.events,
            impact,
            campaign_id=sched.campaign_id,
            trace_id=sched.trace_id,
            cycle_id=cycle_id,
        )
        return impact
    finally:
        store.close()


def cycle_events(events: Any, campaign_id: str, cycle_id: str) -> list[Any]:
    """A cycle's own trace: its campaign's events from its first ``lifecycle.cycle_started`` to its last
    ``lifecycle.cycle_finished`` / ``cycle_failed`` (a campaign runs one cycle at a time; an operator's rollback
    made meanwhile shows up in it, since it happened during the cycle). Empty when the cycle never started."""
    log = []
    offset = 0
    while batch := events.read(offset, 5000, campaign_id=campaign_id):
        offset = batch[-1][0]
        log.extend(batch)
    ends = ("lifecycle.cycle_finished", "lifecycle.cycle_failed", "lifecycle.cycle_deferred")
    starts = [
        off for off, e in log if e.type == "lifecycle.cycle_started" and e.payload.get("cycle_id") == cycle_id
    ]
    stops = [off for off, e in log if e.type in ends and e.payload.get("cycle_id") == cycle_id]
    if not starts:
        return []
    last = max(stops) if stops else log[-1][0]
    return [e for off, e in log if starts[0] <= off <= last]


def _scorecard_of(events: Any, campaign_id: str, cycle_id: str) -> bool:
    offset = 0
    while batch := events.read(offset, 1000, campaign_id=campaign_id, types=["analytics.scorecard"]):
        offset = batch[-1][0]
        if any(e.payload.get("cycle_id") == cycle_id for _, e in batch):
            return True
    return False


def _detail(res: Any, *, resumed: bool = False) -> dict[str, Any]:
    sc = res.values.get("scorecard") or {}
    pipe = sc.get("pipeline") or {}
    out: dict[str, Any] = {
        "run_status": res.status,
        "days_done": int(res.values.get("day") or 0),
        "conversions": sc.get("conversions"),
        "spend": sc.get("spend"),
        "cost_per_result": sc.get("cost_per_result"),
        "lift_pct": (sc.get("lift") or {}).get("lift_pct"),
        "sourced_amount": (pipe.get("sourced") or {}).get("amount"),
        "influenced_amount": (pipe.get("influenced") or {}).get("amount"),
    }
    if resumed:
        out["resumed"] = True
    if res.needs_human:
        out["waiting_for"] = (res.pending_review or {}).get("kind")
    return out


def _log(events: Any, type_: str, trace_id: str, campaign_id: str, payload: dict[str, Any], key: str) -> None:
    emit(events, type_, campaign_id=campaign_id, trace_id=trace_id, key=key, payload=payload)
