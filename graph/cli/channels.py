"""``liftoff kill-switch``, ``liftoff outbox``, ``liftoff programs`` and ``liftoff sla``: publishing controls."""

from __future__ import annotations

import argparse
import getpass
import json
from typing import Any

from graph.cli import CLIError
from graph.contracts import CHANNELS, REGIONS
from graph.runtime.settings import Settings


def register(sub: Any) -> None:
    """Add the publishing commands to the ``liftoff`` parser."""
    ks = sub.add_parser(
        "kill-switch", help="engage, release or show the kill-switch (global, channel, region)"
    )
    ks.add_argument("action", choices=("on", "off", "status"), help="engage, release, or show every scope")
    ks.add_argument("--channel", help=f"limit to one channel ({', '.join(CHANNELS)})")
    ks.add_argument("--region", help=f"limit to one region ({', '.join(REGIONS)})")
    ks.add_argument("--reason", default="", help="why (recorded with the switch)")
    ks.add_argument("--actor", default=None, help="who sets it (default: the current user)")
    ks.add_argument("--json", action="store_true", help="print JSON")
    ks.set_defaults(handler=kill_switch)

    outbox = sub.add_parser("outbox", help="show what the sandbox channels scheduled, published or cancelled")
    outbox.add_argument("--campaign", help="only this campaign")
    outbox.add_argument("--channel", help="only this channel")
    outbox.add_argument("--json", action="store_true", help="print JSON")
    outbox.set_defaults(handler=show_outbox)

    programs = sub.add_parser("programs", help="show programs (one per idempotency key) and their status")
    programs.add_argument("--campaign", help="only this campaign")
    programs.add_argument("--json", action="store_true", help="print JSON")
    programs.set_defaults(handler=show_programs)

    sla = sub.add_parser(
        "sla", help="check programs against their slots; late or failed ones raise alerts (exit 1 if any)"
    )
    sla.add_argument("--campaign", help="only this campaign (default: every campaign)")
    sla.add_argument("--json", action="store_true", help="print JSON")
    sla.set_defaults(handler=check_sla)


def _settings() -> Settings:
    return Settings.from_env()


def kill_switch(args: argparse.Namespace) -> int:
    """Engage/release one scope and print the resulting state, or print every scope's state."""
    from graph.runtime.services import services_for  # lazy: start-up (CLI)
    from tools.killswitch import scope_of  # lazy: start-up (CLI)

    for flag, value, known in (("--channel", args.channel, CHANNELS), ("--region", args.region, REGIONS)):
        if value is not None and value not in known:
            raise CLIError(f"unknown {flag[2:]} {value!r} (known: {', '.join(known)})")
    switch = services_for(_settings()).kill_switch
    if args.action != "status":
        actor = args.actor or _user()
        switch.set(
            args.action == "on", channel=args.channel, region=args.region, actor=actor, reason=args.reason
        )
    states = switch.states()
    engaged = [s for s in states if s.engaged]
    if args.json:
        print(
            json.dumps(
                {"engaged": [s.scope for s in engaged], "scopes": [s.__dict__ for s in states]}, indent=2
            )
        )
        return 0
    if args.action != "status":
        word = "ON" if args.action == "on" else "OFF"
        print(f"kill-switch {word} for {scope_of(args.channel, args.region)}")
    if not engaged:
        print("no kill-switch engaged: publishing, list exports and spend may proceed")
    else:
        print(f"{len(engaged)} scope(s) engaged (side effects they cover are refused):")
    for s in engaged:
        print(f"  ON  {s.scope:<28} by {s.actor} at {s.updated_at}{': ' + s.reason if s.reason else ''}")
    return 0


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "local"


def show_outbox(args: argparse.Namespace) -> int:
    """Print the sandbox outbox."""
    from tools.channels.outbox import Outbox  # lazy: start-up (CLI)

    if args.channel is not None and args.channel not in CHANNELS:
        raise CLIError(f"unknown channel {args.channel!r} (known: {', '.join(CHANNELS)})")
    entries = Outbox(_settings().store("outbox.db")).entries(args.campaign, args.channel)
    if args.json:
        print(json.dumps([e.__dict__ for e in entries], indent=2))
        return 0
    if not entries:
        print("outbox is empty" + (f" for campaign {args.campaign}" if args.campaign else ""))
        return 0
    for e in entries:
        title = (e.subject or e.headline or e.body)[:48]
        print(
            f"{e.slot}  {e.status:<9} {e.channel:<11} {e.region:<4} {e.variant:<3} {e.asset_id} v{e.asset_version}"
            f"  audience={e.audience} budget={e.budget:.2f}  {e.external_id}  {title!r}"
        )
    print(f"{len(entries)} item(s)")
    return 0


def show_programs(args: argparse.Namespace) -> int:
    """Print programs with their status, attempts and reason."""
    from tools.channels.store import ProgramStore  # lazy: start-up (CLI)

    programs = [
        r.to_program() for r in ProgramStore(_settings().store("programs.db")).by_campaign(args.campaign)
    ]
    if args.json:
        print(json.dumps([p.model_dump(mode="json") for p in programs], indent=2))
        return 0
    if not programs:
        print("no programs" + (f" for campaign {args.campaign}" if args.campaign else ""))
        return 0
    for p in programs:
        print(
            f"{p.slot}  {p.status:<9} {p.channel:<11} {p.region:<4} {p.asset_id} v{p.asset_version}"
            f"  attempts={p.attempts}  {p.id}{'  ' + p.reason if p.reason else ''}"
        )
    return 0


def check_sla(args: argparse.Namespace) -> int:
    """Run the SLA check and print new breaches; exit 1 when any program is in breach."""
    from graph.runtime.services import services_for  # lazy: start-up (CLI)

    svc = services_for(_settings())
    publisher = svc.publisher
    campaigns = [args.campaign] if args.campaign else publisher.store.campaigns()
    new = [e for c in campaigns for e in publisher.check_sla(c)]
    alerts = [a for c in campaigns for a in publisher.store.alerts(c)]
    if args.json:
        print(
            json.dumps(
                {"new_breaches": [e.payload for e in new], "alerts": [a.__dict__ for a in alerts]}, indent=2
            )
        )
    else:
        for a in alerts:
            print(
                f"{a.kind:<6} {a.program_id} {a.channel}/{a.region} due {a.due}: {a.detail.get('reason') or a.detail.get('state')}"
            )
        print(f"{len(alerts)} SLA alert(s), {len(new)} new")
    return 1 if alerts else 0
