"""``liftoff events ingest|serve`` and ``liftoff scorecard``: results from outside into the log, and what they say."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.cli import CLIError
from graph.runtime.settings import Settings

if TYPE_CHECKING:  # annotations only: the CLI builds its parser without opening the services
    from graph.runtime.services import Services

DEFAULT_SECRET_ENV = "LIFTOFF_EVENTS_SECRET"


def register(sub: Any) -> None:
    """Add the events and scorecard commands to the ``liftoff`` parser."""
    events = sub.add_parser(
        "events", help="results from outside (opens, clicks, conversions, costs) into the log"
    )
    events_sub = events.add_subparsers(dest="events_command", required=True, metavar="ACTION")
    ingest = events_sub.add_parser("ingest", help="ingest a JSONL or CSV file of results (all or nothing)")
    ingest.add_argument(
        "file", type=Path, help="JSONL or CSV: id, program_id|url, type, at, count, amount, currency"
    )
    ingest.add_argument(
        "--format", choices=("jsonl", "csv"), default=None, help="default: from the file suffix"
    )
    ingest.add_argument("--source", default="ingest", help="source recorded on the events (default: ingest)")
    ingest.add_argument("--json", action="store_true", help="print JSON")
    ingest.set_defaults(handler=cmd_ingest)

    serve = events_sub.add_parser("serve", help="serve the signed results endpoint (POST /events)")
    serve.add_argument("--port", type=int, default=8787, help="port (default 8787; 0 = any free port)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument(
        "--secret-env",
        default=DEFAULT_SECRET_ENV,
        help=f"environment variable holding the HMAC secret (default {DEFAULT_SECRET_ENV})",
    )
    serve.add_argument("--tolerance", type=float, default=300.0, help="signature freshness window, seconds")
    serve.set_defaults(handler=cmd_serve)

    pull = events_sub.add_parser(
        "pull", help="read results back from a configured vendor (hubspot, salesforce)"
    )
    pull.add_argument("vendor", choices=("hubspot", "salesforce"))
    pull.add_argument("--campaign", default=None, help="only this campaign (salesforce: required)")
    pull.add_argument(
        "--since", type=_date, default=None, help="hubspot: first day to read (default: 30 days ago)"
    )
    pull.add_argument("--json", action="store_true", help="print JSON")
    pull.set_defaults(handler=cmd_pull)

    card = sub.add_parser("scorecard", help="a campaign's scorecard from its event log, now")
    card.add_argument("campaign", help="campaign id")
    card.add_argument("--json", action="store_true", help="print JSON")
    card.set_defaults(handler=cmd_scorecard)


def _date(text: str) -> Any:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _vendor(svc: Services, kind: type) -> Any:
    """The configured connector of a vendor (also inside a ``A + B`` chain), or a one-line error."""
    from tools.connectors.composite import Mirrored  # lazy: start-up (CLI)

    for connector in svc.publisher.connectors.values():
        for c in [connector.primary, *connector.mirrors] if isinstance(connector, Mirrored) else [connector]:
            if isinstance(c, kind):
                return c
    raise CLIError(
        f"no {getattr(kind, 'name', kind.__name__)} connector configured (set LIFTOFF_CONNECTOR_EMAIL, see docs)"
    )


def cmd_pull(args: argparse.Namespace) -> int:
    """Read HubSpot email statistics and lifecycle changes, or the Salesforce pipeline, into the event log."""
    from tools.channels.base import ChannelError  # lazy: start-up (CLI)
    from tools.ingest.pipeline import IngestFailed  # lazy: start-up (CLI)
    from tools.ingest.resolve import ProgramDirectory  # lazy: start-up (CLI)

    svc = _services()
    try:
        if args.vendor == "hubspot":
            from tools.connectors.hubspot import HubSpotConnector  # lazy: start-up (CLI)
            from tools.connectors.hubspot.results import read_back  # lazy: start-up (CLI)

            report = read_back(
                _vendor(svc, HubSpotConnector),
                events=svc.events,
                ledger=svc.ledger,
                directory=ProgramDirectory.from_store(svc.publisher.store),
                since=args.since or date.today() - timedelta(days=30),
                campaign_id=args.campaign,
            )
            doc: dict[str, Any] = report.as_json()
            text = f"hubspot: {report.new} new results, {report.already} already present"
        else:
            from tools.connectors.salesforce import SalesforceConnector  # lazy: start-up (CLI)
            from tools.connectors.salesforce.connector import read_pipeline  # lazy: start-up (CLI)

            if not args.campaign:
                raise CLIError("salesforce pull needs --campaign CAMPAIGN")
            programs = svc.publisher.programs(args.campaign)
            trace = svc.publisher.store.by_campaign(args.campaign)[0].trace_id if programs else args.campaign
            event = read_pipeline(
                _vendor(svc, SalesforceConnector).sync, svc.events, campaign_id=args.campaign, trace_id=trace
            )
            doc = event.payload
            text = (
                f"salesforce: sourced {doc['sourced']['opportunities']} opportunities"
                f" ({doc['sourced']['amount']:,.2f}), influenced {doc['influenced']['opportunities']}"
                f" ({doc['influenced']['amount']:,.2f}) as of {doc['as_of']}"
            )
    except (ChannelError, IngestFailed) as exc:
        raise CLIError(f"{args.vendor}: {exc}") from None
    print(json.dumps(doc) if args.json else text)
    return 0


def _services() -> Any:
    from graph.runtime.services import services_for  # lazy: start-up (CLI)

    return services_for(Settings.from_env())


def cmd_ingest(args: argparse.Namespace) -> int:
    """Validate every line of FILE, then append all of it (or nothing) and commit its costs."""
    from tools.ingest.lines import (  # lazy: start-up (CLI)
        LineError,
        read_lines,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from tools.ingest.pipeline import (  # lazy: start-up (CLI)
        IngestFailed,
        ingest_results,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from tools.ingest.resolve import ProgramDirectory  # lazy: start-up (CLI)

    path: Path = args.file
    if not path.is_file():
        raise CLIError(f"{path}: no such file")
    svc = _services()
    try:
        report = ingest_results(
            read_lines(path, args.format),
            events=svc.events,
            ledger=svc.ledger,
            directory=ProgramDirectory.from_store(svc.publisher.store),
            source=args.source,
            label=str(path),
        )
    except IngestFailed as exc:
        raise CLIError(str(exc)) from None
    except LineError as exc:
        raise CLIError(f"{path}: {exc}") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise CLIError(f"{path}: {exc}") from None
    over = report.over_cap
    if args.json:
        print(json.dumps(report.as_json()))
    else:
        kinds = ", ".join(f"{n} {k}" for k, n in report.by_type.items()) or "none"
        print(
            f"{path}: {report.lines} lines, {report.new} new events, {report.already} already present ({kinds})"
        )
        for campaign, sync in report.costs.items():
            print(
                f"  {campaign}: {sync.committed} cost(s) committed to the spend ledger ({sync.amount:,.2f})"
            )
    for alert in (event.payload for event in over):
        print(
            f"alert: cost {alert['result_id']} of {alert['amount']:,.2f} on {alert['channel']} "
            f"({alert['program_id']}) is beyond a limit and was not recorded in the ledger: {alert['reason']}. "
            f"It is in the log and the scorecard; pause with `liftoff kill-switch`.",
            file=sys.stderr,
        )
    return 3 if over else 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve POST /events until interrupted."""
    from tools.channels.webhook import SignatureVerifier  # lazy: start-up (CLI)
    from tools.ingest.http import (  # lazy: start-up (CLI)
        Endpoint,
        make_server,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from tools.ingest.resolve import ProgramDirectory  # lazy: start-up (CLI)

    secret = os.environ.get(args.secret_env, "")
    if not secret:
        raise CLIError(f"${args.secret_env} is not set (the HMAC secret senders sign requests with)")
    if not 0 <= args.port <= 65535:
        raise CLIError(f"--port must be 0-65535, got {args.port}")
    svc = _services()
    endpoint = Endpoint(
        events=svc.events,
        ledger=svc.ledger,
        directory=lambda: ProgramDirectory.from_store(svc.publisher.store),
        verifier=SignatureVerifier(secret, tolerance_s=args.tolerance),
    )
    try:
        server = make_server(endpoint, args.host, args.port)
    except (OSError, ValueError) as exc:
        raise CLIError(f"cannot serve on {args.host}:{args.port}: {exc}") from None
    host, port = server.server_address[0], server.server_address[1]
    host_text = host.decode() if isinstance(host, bytes) else str(host)
    print(f"listening on http://{host_text}:{port}/events (signed with ${args.secret_env})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def cmd_scorecard(args: argparse.Namespace) -> int:
    """Print a campaign's scorecard computed from its event log now."""
    from graph.contracts import Blueprint  # lazy: start-up (CLI)
    from tools.analytics.scorecard import compute_scorecard  # lazy: start-up (CLI)
    from tools.ingest.report import (  # lazy: start-up (CLI)
        by_source,
        over_cap,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    settings = Settings.from_env()
    svc = _services()
    log: list[Any] = []
    offset = 0
    while batch := svc.events.read(offset, 5000, campaign_id=args.campaign):
        offset = batch[-1][0]
        log.extend(e for _, e in batch)
    if not log:
        raise CLIError(f"no events for campaign {args.campaign!r} in {settings.home}")
    values = _campaign_values(settings, args.campaign)
    bp = values.get("blueprint")
    usage = values.get("usage") or {}
    card = compute_scorecard(
        log,
        blueprint=Blueprint.model_validate(bp) if bp else None,
        campaign_id=args.campaign,
        trace_id=str(values.get("trace_id") or log[0].trace_id),
        agents_run=list(values.get("agents_run") or []),
        llm_calls=sum(int(u.get("calls", 0)) for u in usage.values()),
        tokens=sum(int(u.get("input_tokens", 0)) + int(u.get("output_tokens", 0)) for u in usage.values()),
    )
    sources, alerts = by_source(log), over_cap(log)
    if args.json:
        print(json.dumps({**card.model_dump(mode="json"), "sources": sources, "over_cap": alerts}))
        return 0
    cpa = "n/a" if card.cost_per_result is None else f"{card.cost_per_result:,.2f}"
    print(
        f"scorecard {args.campaign}: {card.conversions:,} conversions, spend {card.spend:,.2f}, cost/result {cpa}"
    )
    if card.lift is not None:
        print(
            f"  lift vs control: {card.lift.lift_pct:+.1%}"
            if card.lift.lift_pct is not None
            else "  lift: n/a"
        )
    for k in card.kpis:
        actual = "no data" if k.actual is None else f"{k.actual:,.4g}"
        print(
            f"  KPI {k.name}: {actual} vs target {k.target:,.4g} ({'met' if k.met else 'not met' if k.met is False else 'n/a'})"
        )
    for row in card.by_channel:
        print(f"  {row.key:<12} spend {row.spend:>12,.2f}  conversions {row.conversions:>8,}")
    print(
        "  results by source: "
        + (
            ", ".join(
                f"{s} ({v['events']} events, {v['conversions']} conversions, spend {v['spend']:,.2f})"
                for s, v in sources.items()
            )
            or "none yet"
        )
    )
    if card.pipeline is not None:
        print(
            f"  pipeline: sourced {card.pipeline.sourced.amount:,.2f}, influenced {card.pipeline.influenced.amount:,.2f}"
        )
    for a in alerts:
        print(f"  ALERT over cap: {a['amount']:,.2f} on {a['channel']} ({a['result_id']}): {a['reason']}")
    if not bp:
        print("  (no campaign state found: KPI targets not scored)")
    return 0


def _campaign_values(settings: Settings, campaign_id: str) -> dict[str, Any]:
    """The campaign's checkpointed state (blueprint, trace, usage), or {} when only its events exist."""
    from graph.runtime.runner import (  # lazy: start-up (CLI)
        CampaignError,
        Campaigns,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    try:
        return dict(Campaigns(settings).result(campaign_id).values)
    except CampaignError:
        return {}
