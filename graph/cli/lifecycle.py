"""``liftoff cycle``, ``liftoff scheduler``, ``liftoff rollback``, ``liftoff schedule`` and ``liftoff cycles``."""

from __future__ import annotations

import argparse
import getpass
import json
import signal
import sys
import threading
from typing import Any

from graph.cli import CLIError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the lifecycle commands."""
    cycle = sub.add_parser("cycle", help="run one cycle of a launched campaign now")
    cycle.add_argument("campaign")
    cycle.add_argument("--optimize", action="store_true", help="the next optimizer day")
    cycle.add_argument("--report", action="store_true", help="a report (scorecard with pipeline) now")
    cycle.add_argument(
        "--auto-approve", action="store_true", help="approve large budget changes (rehearsals)"
    )
    cycle.add_argument("--json", action="store_true", help="print one JSON object")
    cycle.set_defaults(handler=cmd_cycle)

    sched = sub.add_parser("scheduler", help="run due cycles of every live campaign until stopped")
    sched.add_argument("--once", action="store_true", help="a single pass (one due cycle per campaign)")
    sched.add_argument(
        "--interval", type=float, default=60.0, help="seconds between idle passes (default 60)"
    )
    sched.add_argument("--until-idle", action="store_true", help="stop when nothing is due or running")
    sched.add_argument(
        "--until-day",
        type=int,
        default=None,
        help="no cycle beyond this campaign day (rehearse N days on the simulator)",
    )
    sched.add_argument("--lease", type=float, default=300.0, help="cycle lease in seconds (default 300)")
    sched.add_argument(
        "--auto-approve", action="store_true", help="approve large budget changes (rehearsals)"
    )
    sched.add_argument("--json", action="store_true", help="print one JSON line per cycle")
    sched.set_defaults(handler=cmd_scheduler)

    rb = sub.add_parser("rollback", help="pause or roll back a live program to its last approved state")
    rb.add_argument("campaign")
    rb.add_argument("--channel", help="only this channel")
    rb.add_argument("--region", help="only this region")
    rb.add_argument("--variant", help="only this variant")
    rb.add_argument("--pause", action="store_true", help="only cancel the sends; leave the budget allocation")
    rb.add_argument("--by", help="who rolls back (default: $USER)")
    rb.add_argument("--json", action="store_true", help="print one JSON object")
    rb.set_defaults(handler=cmd_rollback)

    show = sub.add_parser("schedule", help="show or change a campaign's schedule")
    show.add_argument("campaign")
    show.add_argument("--optimize-every", type=int, help="days between optimizer cycles")
    show.add_argument("--report-every", type=int, help="days between reports")
    show.add_argument("--window-days", type=int, help="pipeline attribution window in days")
    show.add_argument("--clock", choices=("simulated", "wall"), help="simulated days or calendar days")
    act = show.add_mutually_exclusive_group()
    act.add_argument("--pause", metavar="REASON", help="pause the schedule")
    act.add_argument(
        "--resume", action="store_true", help="resume a paused schedule (retries a failed cycle)"
    )
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_schedule)

    cycles = sub.add_parser("cycles", help="list a campaign's cycles")
    cycles.add_argument("campaign", nargs="?")
    cycles.add_argument("--trace", metavar="CYCLE_ID", help="print one cycle's own events")
    cycles.add_argument("--json", action="store_true")
    cycles.set_defaults(handler=cmd_cycles)


def _open() -> tuple[Any, Any]:
    from graph.contracts.network import apply_offline_defaults  # lazy: start-up (CLI)
    from graph.runtime.lifecycle_hooks import lifecycle_store  # lazy: start-up (CLI)
    from graph.runtime.remote import open_campaigns  # lazy: start-up (CLI)
    from graph.runtime.settings import (  # lazy: start-up (CLI)
        ConfigError,
        Settings,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    apply_offline_defaults()
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        raise CLIError(str(exc)) from None
    return open_campaigns(settings), lifecycle_store(settings)


def _registered(campaigns: Any, store: Any, campaign_id: str) -> Any:
    """The campaign's schedule; a launched campaign without one gets it now."""
    from graph.runtime.lifecycle_hooks import register  # lazy: start-up (CLI)
    from graph.runtime.runner import CampaignError  # lazy: start-up (CLI)

    sched = store.campaign(campaign_id)
    if sched is not None:
        return sched
    try:
        result = campaigns.result(campaign_id)
    except CampaignError as exc:
        raise CLIError(str(exc)) from None
    if result.status != "launched":
        raise CLIError(f"campaign {campaign_id} is {result.status}; cycles run only on a launched campaign")
    register(campaigns.settings, result.values)
    return store.campaign(campaign_id)


def _line(o: Any) -> str:
    d = o.detail
    if o.status != "done":
        return f"cycle {o.cycle_id}: {o.status} ({o.error})"
    if d.get("skipped"):
        return f"cycle {o.cycle_id}: skipped ({d['skipped']})"
    lift = d.get("lift_pct")
    text = (
        f"cycle {o.cycle_id}: {d.get('run_status')} after {d.get('days_done')} days | spend "
        f"{(d.get('spend') or 0):,.2f} | conversions {d.get('conversions')} | cost/result "
        f"{'n/a' if d.get('cost_per_result') is None else format(d['cost_per_result'], ',.2f')} | lift "
        f"{'n/a' if lift is None else format(lift, '+.1%')}"
    )
    if d.get("sourced_amount") is not None:
        text += (
            f" | pipeline sourced {d['sourced_amount']:,.0f} influenced "
            f"{(d.get('influenced_amount') or 0):,.0f}"
        )
    if d.get("waiting_for"):
        text += f" | waiting for approval ({d['waiting_for']}): liftoff resume {o.campaign_id} --approve"
    return text + f" [{o.elapsed_s:.2f}s]"


def _as_json(o: Any) -> dict[str, Any]:
    return {
        "cycle_id": o.cycle_id,
        "campaign_id": o.campaign_id,
        "kind": o.kind,
        "day": o.day,
        "status": o.status,
        "error": o.error,
        "elapsed_s": o.elapsed_s,
        **o.detail,
    }


def cmd_cycle(args: argparse.Namespace) -> int:
    """Run one cycle of a campaign now."""
    from graph.runtime.scheduler import Scheduler  # lazy: start-up (CLI)

    campaigns, store = _open()
    sched = _registered(campaigns, store, args.campaign)
    runner = Scheduler(campaigns, store, auto_approve=args.auto_approve)
    kinds: list[str | None] = [
        k for k, on in (("optimize", args.optimize), ("report", args.report)) if on
    ] or [None]
    outcomes = []
    for kind in kinds:
        running = store.running(args.campaign)
        if running is not None:
            raise CLIError(
                f"campaign {args.campaign} is running cycle {running.cycle_id} (owner {running.owner}); "
                "try again when it ends"
            )
        if kind == "report":
            day = max(0, int(campaigns.result(args.campaign).values.get("day") or 0) - 1)
            store.add_manual(args.campaign, "report", day)
        outcome = runner.run_campaign(args.campaign, kind=kind, force=True)  # type: ignore[arg-type]
        if outcome is None:
            status = campaigns.result(args.campaign).status
            if status != "launched":
                raise CLIError(
                    f"campaign {args.campaign} is {status}; cycles run only on a launched campaign"
                )
            raise CLIError(
                f"campaign {args.campaign} has no {kind or ''} cycle left (its schedule ends at day "
                f"{sched.last_day}; paused: {sched.paused_reason or 'no'})".replace("  ", " ")
            )
        outcomes.append(outcome)
        if outcome.status != "done":
            break
    if args.json:
        print(
            json.dumps(
                _as_json(outcomes[0]) if len(outcomes) == 1 else [_as_json(o) for o in outcomes], default=str
            )
        )
    else:
        for o in outcomes:
            print(_line(o))
    return 0 if all(o.status == "done" for o in outcomes) else 1


def cmd_scheduler(args: argparse.Namespace) -> int:
    """Run the scheduler."""
    from graph.runtime.scheduler import (  # lazy: start-up (CLI)
        PassReport,
        Scheduler,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    if args.interval <= 0 or args.lease <= 0:
        raise CLIError("--interval and --lease must be positive")
    if args.until_day is not None and args.until_day < 0:
        raise CLIError(f"--until-day must be >= 0, got {args.until_day}")
    campaigns, store = _open()
    scheduler = Scheduler(
        campaigns, store, lease_s=args.lease, until_day=args.until_day, auto_approve=args.auto_approve
    )
    stop = threading.Event()
    counts: dict[str, int] = {}

    def on_pass(report: PassReport) -> None:
        for o in report.ran:
            counts[o.status] = counts.get(o.status, 0) + 1
            print(json.dumps(_as_json(o), default=str) if args.json else _line(o), flush=True)

    def graceful(signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("stopping after the current cycle (again to abort)", file=sys.stderr, flush=True)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, graceful)
        signal.signal(signal.SIGINT, graceful)
    if args.once:
        on_pass(scheduler.run_pass())
    else:
        scheduler.run(interval_s=args.interval, stop=stop, until_idle=args.until_idle, on_pass=on_pass)
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "nothing due"
    print(f"scheduler {scheduler.owner}: {summary}", file=sys.stderr)
    return 1 if counts.get("failed") else 0


def cmd_rollback(args: argparse.Namespace) -> int:
    """Pause or roll back programs of a campaign."""
    from graph.runtime.runner import CampaignError  # lazy: start-up (CLI)
    from tools.lifecycle.rollback import (  # lazy: start-up (CLI)
        RollbackError,
        Scope,
        rollback,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    campaigns, _ = _open()
    try:
        result = campaigns.result(args.campaign)
        scope = Scope(args.channel, args.region, args.variant)
        svc = campaigns.services
        out = rollback(
            campaign_id=args.campaign,
            trace_id=result.trace_id,
            publisher=svc.publisher,
            ledger=svc.ledger,
            events=svc.events,
            locks_dir=campaigns.settings.store("locks"),
            scope=scope,
            by=args.by or getpass.getuser() or "local",
            mode="pause" if args.pause else "rollback",
        )
    except (CampaignError, RollbackError) as exc:
        raise CLIError(str(exc)) from None
    if args.json:
        print(
            json.dumps(
                {
                    **out.state(),
                    "steps": out.steps,
                    "noop": out.noop,
                    "actions": {ch: a["action"] for ch, a in out.allocation.items()},
                }
            )
        )
        return 0 if not out.needs_check else 1
    print(
        f"{out.mode} {out.rollback_id} of {out.campaign_id} ({out.scope}): "
        + ("nothing to do (already rolled back)" if out.noop else f"{out.steps} step(s)")
    )
    print(f"  cancelled: {len(out.cancelled)} program(s)")
    for ch, a in out.allocation.items():
        state = "restored" if a["restored"] else f"NOT restored ({a['refusal']})"
        print(
            f"  {ch}: allocation {a['to']:,.2f} (approved {a['approved']:,.2f} from {a['source']}): {state}"
        )
    for pid, why in out.needs_check.items():
        print(f"  needs a manual check: {pid}: {why}")
    return 0 if not out.needs_check else 1


def cmd_schedule(args: argparse.Namespace) -> int:
    """Show or change a campaign's schedule."""
    from tools.lifecycle.store import LifecycleError  # lazy: start-up (CLI)

    campaigns, store = _open()
    _registered(campaigns, store, args.campaign)
    every = {
        k: v for k, v in (("optimize", args.optimize_every), ("report", args.report_every)) if v is not None
    }
    try:
        if every or args.window_days is not None or args.clock:
            store.update_campaign(
                args.campaign, every=every or None, window_days=args.window_days, clock=args.clock
            )
        if args.pause:
            store.set_enabled(args.campaign, False, args.pause)
        elif args.resume:
            store.set_enabled(args.campaign, True)
    except LifecycleError as exc:
        raise CLIError(str(exc)) from None
    s = store.campaign(args.campaign)
    doc = {
        "campaign_id": s.campaign_id,
        "clock": s.clock,
        "start_date": s.start_date.isoformat(),
        "last_day": s.last_day,
        "window_days": s.window_days,
        "enabled": s.enabled,
        "paused_reason": s.paused_reason,
        "every": s.every,
        "next_day": s.next_day,
    }
    if args.json:
        print(json.dumps(doc))
    else:
        print(
            f"{s.campaign_id}: {s.clock} clock from {s.start_date} to day {s.last_day}; "
            + ", ".join(f"{k} every {n} day(s), next day {s.next_day[k]}" for k, n in sorted(s.every.items()))
            + f"; attribution window {s.window_days} days"
            + ("" if s.enabled else f"; PAUSED: {s.paused_reason}")
        )
    return 0


def cmd_cycles(args: argparse.Namespace) -> int:
    """List cycles, or print one cycle's events."""
    campaigns, store = _open()
    if args.trace:
        from graph.runtime.cycles import cycle_events  # lazy: start-up (CLI)

        row = store.cycle(args.trace)
        if row is None:
            raise CLIError(f"no cycle {args.trace!r}")
        for e in cycle_events(campaigns.services.events, row.campaign_id, row.cycle_id):
            print(e.model_dump_json() if args.json else f"{e.ts}  {e.type:<32} {json.dumps(e.payload)[:100]}")
        return 0
    rows = store.cycles(args.campaign)
    if args.json:
        print(json.dumps([r.__dict__ for r in rows], default=str))
        return 0
    if not rows:
        print("no cycles")
    for r in rows:
        print(
            f"{r.cycle_id:<48} {r.status:<8} attempts {r.attempts}  {r.finished_at or r.started_at or ''}"
            + (f"  {r.error}" if r.error else "")
        )
    return 0
