"""``liftoff simulate``, ``liftoff audit export`` and ``liftoff retention purge``: spend, audit and retention."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from graph.cli import CLIError
from graph.runtime.settings import Settings

MAX_DAYS = 366


def register(sub: Any) -> None:
    """Add the spend, audit and retention commands to the ``liftoff`` parser."""
    sim = sub.add_parser(
        "simulate", help="run the optimizer on a simulated campaign vs the oracle and the even split"
    )
    sim.add_argument("--days", type=int, default=28, help="campaign length in days (default 28)")
    sim.add_argument("--seed", type=int, default=None, help="market seed (default: LIFTOFF_SEED)")
    sim.add_argument("--json", action="store_true", help="print JSON")
    sim.add_argument(
        "--state-dir",
        type=Path,
        default=None,
        help="keep the simulation's ledger and event log here (default: a temporary directory)",
    )
    sim.add_argument(
        "--hold-approvals",
        action="store_true",
        help="leave changes above the approval threshold pending instead of auto-approving them",
    )
    sim.set_defaults(handler=simulate)

    audit = sub.add_parser("audit", help="audit trail of a campaign")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    export = audit_sub.add_parser("export", help="export every event of one trace as JSONL")
    export.add_argument("trace_id", help="trace id of the campaign")
    export.add_argument("--out", type=Path, default=None, help="write to FILE (default: standard output)")
    export.set_defaults(handler=audit_export)

    retention = sub.add_parser("retention", help="retention policy for PII-bearing records")
    retention_sub = retention.add_subparsers(dest="retention_command", required=True, metavar="ACTION")
    purge = retention_sub.add_parser("purge", help="purge PII events and files older than N days")
    purge.add_argument(
        "--older-than-days", type=int, default=None, help="age in days (default: LIFTOFF_RETENTION_DAYS, 90)"
    )
    purge.add_argument("--json", action="store_true", help="print JSON")
    purge.set_defaults(handler=retention_purge)


def simulate(args: argparse.Namespace) -> int:
    """Run the simulated campaign and print conversions vs the oracle and the even split."""
    from tools.optimizer.simulation import run_simulation  # lazy: start-up (CLI)

    if not 1 <= args.days <= MAX_DAYS:
        raise CLIError(f"--days must be between 1 and {MAX_DAYS}, got {args.days}")
    seed = Settings.from_env().seed if args.seed is None else args.seed
    if args.state_dir is not None:
        if args.state_dir.exists() and not args.state_dir.is_dir():
            raise CLIError(f"--state-dir {args.state_dir} exists and is not a directory")
        if args.state_dir.is_dir() and any(args.state_dir.iterdir()):
            raise CLIError(f"--state-dir {args.state_dir} is not empty (a simulation needs a fresh ledger)")
        args.state_dir.mkdir(parents=True, exist_ok=True)
    result = run_simulation(args.days, seed, state_dir=args.state_dir, auto_approve=not args.hold_approvals)
    doc = result.as_json()
    if args.json:
        print(json.dumps(doc))
        return 0
    print(f"simulated {args.days} days, seed {seed}: spend {result.spend:,.2f} of a {result.cap:,.2f} cap")
    print(f"  optimizer     {result.conversions:>8,} conversions")
    print(
        f"  oracle        {result.oracle_conversions:>8,}  (best fixed allocation in hindsight;"
        f" optimizer reaches {_pct(doc['vs_oracle'])})"
    )
    print(f"  even split    {result.even_split_conversions:>8,}  (optimizer: {_pct(doc['vs_even_split'])})")
    print("  spend by channel: " + ", ".join(f"{ch} {v:,.2f}" for ch, v in result.spend_by_channel.items()))
    print("  budget changes: " + (", ".join(f"{k} {v}" for k, v in sorted(result.changes.items())) or "none"))
    return 0


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def audit_export(args: argparse.Namespace) -> int:
    """Write the audit trail (every event) of one trace as JSONL."""
    from graph.runtime.services import services_for  # lazy: start-up (CLI)

    events = services_for(Settings.from_env()).events
    if events.count(trace_id=args.trace_id) == 0:
        raise CLIError(f"no events for trace {args.trace_id!r}")
    if args.out is None:
        for event in events.iter_trace(args.trace_id):
            sys.stdout.write(event.model_dump_json() + "\n")
        return 0
    out: Path = args.out
    if out.is_dir():
        raise CLIError(f"--out {out} is a directory")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(fd)
    try:
        n = events.export_jsonl(args.trace_id, Path(tmp))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    print(f"wrote {n} events of trace {args.trace_id} to {out}", file=sys.stderr)
    return 0


def retention_purge(args: argparse.Namespace) -> int:
    """Blank PII events and delete PII files older than the retention period."""
    from graph.runtime.services import services_for  # lazy: start-up (CLI)
    from tools.analytics.retention import (  # lazy: start-up (CLI)
        pii_locations,
        purge,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    settings = Settings.from_env()
    days = settings.retention_days if args.older_than_days is None else args.older_than_days
    if days < 0:
        raise CLIError(f"--older-than-days must be >= 0, got {days}")
    report = purge(services_for(settings).events, timedelta(days=days), dirs=pii_locations(settings.home))
    if args.json:
        print(
            json.dumps(
                {
                    "cutoff": report.cutoff,
                    "events_purged": report.events_purged,
                    "files_removed": report.files_removed,
                }
            )
        )
    else:
        print(
            f"purged PII older than {days} days (before {report.cutoff}): {report.events_purged} events, "
            f"{len(report.files_removed)} files"
        )
    return 0
