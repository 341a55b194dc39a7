"""What happens when a campaign launches: it gets a schedule, and its reach is recorded for pipeline attribution.

Called by the runner after every run (``Campaigns._after_run``); cheap once the campaign is registered. The
reach snapshot needs the CRM store, which the launching process already holds (the Data agent just used it),
so it is taken here and not in later cycles (a DuckDB CRM file is open in one process at a time).
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from graph.contracts import TargetList
from graph.runtime.driver import CampaignDriver
from graph.runtime.services import Services
from graph.runtime.settings import Settings
from tools.crm.store import CRMStore
from tools.lifecycle.audit import emit, lifecycle_event_id
from tools.lifecycle.store import DEFAULT_EVERY, Clock, LifecycleStore
from tools.pipeline.impact import DEFAULT_WINDOW_DAYS, ensure_accounts, snapshot_reach
from tools.pipeline.store import PipelineStore

_STORES: dict[str, LifecycleStore] = {}
_STORES_LOCK = threading.Lock()


def lifecycle_store(settings: Settings) -> LifecycleStore:
    """The process-wide lifecycle store of a state directory."""
    path = str(settings.store("lifecycle.db"))
    with _STORES_LOCK:
        if path not in _STORES:
            _STORES[path] = LifecycleStore(path)
        return _STORES[path]


def clock_for(settings: Settings, channels: list[str]) -> Clock:
    """'simulated' when every channel of the campaign publishes to the sandbox, else 'wall'."""
    specs = [(settings.connectors.get(ch) or "sandbox").strip() for ch in channels]
    return "simulated" if all(s == "sandbox" for s in specs) else "wall"


def register(settings: Settings, values: dict[str, Any], *, window_days: int | None = None) -> bool:
    """Give a launched campaign its default schedule (optimize daily when it has the Optimizer, report weekly).

    Returns:
        False when it was registered already (or has no blueprint).
    """
    store = lifecycle_store(settings)
    cid = values["campaign_id"]
    bp = values.get("blueprint")
    if store.campaign(cid) is not None or not bp:
        return False
    start, end = date.fromisoformat(bp["start_date"]), date.fromisoformat(bp["end_date"])
    agents = values.get("agents") or list(settings.agents)
    every = {k: n for k, n in DEFAULT_EVERY.items() if k != "optimize" or "optimizer" in agents}
    return store.ensure_campaign(
        cid,
        trace_id=values["trace_id"],
        clock=clock_for(settings, [c["channel"] for c in bp["channels"]]),
        start_date=start,
        last_day=(end - start).days,
        first_day=int(values.get("day") or 0),
        window_days=DEFAULT_WINDOW_DAYS if window_days is None else window_days,
        every=every,
    )


def record_reach(settings: Settings, crm: CRMStore, values: dict[str, Any]) -> int:
    """Seed the pipeline's accounts (once) and record which accounts the campaign's lists reach.

    Args:
        settings: Settings (state directory, seed).
        crm: An open CRM store.
        values: The campaign's state.

    Returns:
        Reach rows written (0 when recorded before or the campaign has no lists).
    """
    lists = {ch: TargetList.model_validate(t) for ch, t in (values.get("lists") or {}).items()}
    if not lists:
        return 0
    store = PipelineStore(settings.store("pipeline.db"))
    try:
        ensure_accounts(store, crm, settings.seed)
        return snapshot_reach(store, crm, values["campaign_id"], lists)
    finally:
        store.close()


def on_run_settled(campaigns: CampaignDriver, thread_id: str) -> None:
    """After a run: register a newly launched campaign and record its reach; a failure is an event, not a crash."""
    try:
        result = campaigns.result(thread_id)
    except Exception as exc:  # noqa: BLE001 - the launch stands; the scheduler registers it later and says why
        campaigns.services.events.emit(
            "lifecycle.hook_failed",
            trace_id=thread_id,
            campaign_id=thread_id,
            source="lifecycle",
            payload={"error": f"{type(exc).__name__}: {exc}"},
        )
        return
    if result.status == "launched":
        settle_launch(campaigns.settings, campaigns.services, result.values)


def settle_launch(settings: Settings, services: Services, values: dict[str, Any]) -> bool:
    """The after-launch work of a launched campaign (its schedule, its reach), once; a failure is an event.

    Runs inside the graph (node ``after_launch``, so a LangGraph server run is a full campaign) and again after
    each CLI/app run (a no-op once registered).

    Returns:
        True when this call registered the campaign.
    """
    thread_id = values.get("campaign_id", "")
    trace_id = values.get("trace_id") or thread_id
    try:
        registered = lifecycle_store(settings).campaign(thread_id) is not None
        if registered and services.events.has(lifecycle_event_id(thread_id, "scheduled")):
            return False
        # Not registered, or a crash came between registering and logging it: finish the step (each part of it
        # is idempotent: register, record_reach and the deterministic event id).
        register(settings, values)
        try:
            rows = record_reach(settings, services.crm, values)
        except Exception as exc:  # noqa: BLE001 - retried before the first report (see graph.runtime.cycles)
            rows = -1
            emit(
                services.events,
                "pipeline.reach_failed",
                campaign_id=thread_id,
                trace_id=trace_id,
                key="reach_failed",
                payload={"error": f"{type(exc).__name__}: {exc}"},
            )
        emit(
            services.events,
            "lifecycle.scheduled",
            campaign_id=thread_id,
            trace_id=trace_id,
            key="scheduled",
            payload={"schedule": _describe(lifecycle_store(settings), thread_id), "reach_rows": rows},
        )
        return True
    except Exception as exc:  # noqa: BLE001 - the launch stands; the scheduler registers it later and says why
        services.events.emit(  # not deterministic: every failure is worth a line
            "lifecycle.hook_failed",
            trace_id=trace_id,
            campaign_id=thread_id,
            source="lifecycle",
            payload={"error": f"{type(exc).__name__}: {exc}"},
        )
        return False


def _describe(store: LifecycleStore, campaign_id: str) -> dict[str, Any]:
    c = store.campaign(campaign_id)
    if c is None:
        return {}
    return {
        "clock": c.clock,
        "start_date": c.start_date.isoformat(),
        "last_day": c.last_day,
        "window_days": c.window_days,
        "every": c.every,
        "next_day": c.next_day,
    }
