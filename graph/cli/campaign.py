"""``liftoff run``, ``liftoff resume`` and ``liftoff runs``."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from graph.cli import CLIError
from graph.contracts.money import fmt_amount
from guards.library_text import safe_json


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the campaign commands."""
    run = sub.add_parser("run", help="run a campaign from a brief")
    src = run.add_mutually_exclusive_group(required=True)
    src.add_argument("--brief", help="the brief text")
    src.add_argument("--brief-file", type=Path, help="a file holding the brief")
    run.add_argument(
        "--brand",
        help="brand: a slug (looked up in LIFTOFF_BRAND_LIBRARY, default brand_library/, "
        "then in $LIFTOFF_HOME/brands) or a library directory path "
        "(default: LIFTOFF_BRAND, else brightwell)",
    )
    run.add_argument("--model", help="'offline', 'provider:model', or a model name with OPENAI_BASE_URL")
    run.add_argument("--prompts", help="prompt versions: VERSION or agent=VERSION,...")
    run.add_argument("--auto-approve", action="store_true", help="approve every review as 'cli:auto-approve'")
    run.add_argument(
        "--agents",
        help="the campaign's agent set: 'minimum' (planner, content, governance, "
        "orchestrator, analytics), 'all', or a comma list (default: LIFTOFF_AGENTS, else all)",
    )
    run.add_argument("--json", action="store_true", help="print one JSON object")
    run.set_defaults(handler=cmd_run)

    resume = sub.add_parser("resume", help="resume a campaign waiting for a decision (or retry a failed one)")
    resume.add_argument("thread_id")
    act = resume.add_mutually_exclusive_group()
    act.add_argument("--approve", action="store_true")
    act.add_argument("--reject", action="store_true")
    act.add_argument("--answer", help="answer the Planner's clarifying questions")
    resume.add_argument(
        "--approve-item",
        action="append",
        default=[],
        metavar="ID",
        help="approve one item (asset, list or budget change id); repeatable",
    )
    resume.add_argument(
        "--reject-item",
        action="append",
        default=[],
        metavar="ID",
        help="reject one item: an asset is withheld, the rest goes on; repeatable",
    )
    resume.add_argument(
        "--edit-item",
        action="append",
        default=[],
        metavar="ID=FILE",
        help="edit one asset: FILE is JSON {field: text} (subject, headline, body, cta), or plain "
        "text for the body; for a budget change a number (the new amount); repeatable",
    )
    resume.add_argument(
        "--restore-item",
        action="append",
        default=[],
        metavar="ID=VERSION",
        help="restore an earlier version of an asset (checked again by governance); repeatable",
    )
    resume.add_argument("--comment", default="")
    resume.add_argument("--approver", help="your identity (default: $USER, or 'local')")
    resume.add_argument("--auto-approve", action="store_true")
    resume.add_argument("--json", action="store_true")
    resume.set_defaults(handler=cmd_resume)

    runs = sub.add_parser("runs", help="list campaigns and their status")
    runs.add_argument("--json", action="store_true")
    runs.set_defaults(handler=cmd_runs)


def _settings(args: argparse.Namespace) -> Any:
    from graph.contracts.network import apply_offline_defaults  # lazy: start-up (CLI)
    from graph.runtime.settings import (  # lazy: start-up (CLI)
        ConfigError,
        Settings,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    apply_offline_defaults()
    try:
        overrides: dict[str, Any] = {"model": getattr(args, "model", None)}
        if getattr(args, "prompts", None):
            from graph.runtime.settings import parse_prompt_versions  # lazy: start-up (CLI)

            overrides["prompt_versions"] = parse_prompt_versions(args.prompts)
        return Settings.from_env(**overrides)
    except ConfigError as exc:
        raise CLIError(str(exc)) from None


def _campaigns(settings: Any) -> Any:
    from graph.models.errors import ModelConfigError  # lazy: start-up (CLI)
    from graph.runtime.remote import open_campaigns  # lazy: start-up (CLI)

    try:
        campaigns = open_campaigns(settings)
        if settings.server_url:  # the server's models run the agents
            return campaigns
        for agent in settings.agents:
            campaigns.services.model(agent)  # unknown model / missing integration fails before any state
    except ModelConfigError as exc:
        raise CLIError(str(exc)) from None
    return campaigns


def _check_provider(campaigns: Any) -> None:
    from graph.models.errors import ModelUnavailableError  # lazy: start-up (CLI)
    from graph.models.registry import check_reachable  # lazy: start-up (CLI)

    for spec in {campaigns.settings.model_for(a) for a in campaigns.settings.agents}:
        if spec == "offline" or campaigns.settings.server_url:
            continue
        agent = next(a for a in campaigns.settings.agents if campaigns.settings.model_for(a) == spec)
        try:
            check_reachable(campaigns.services.model(agent))
        except ModelUnavailableError as exc:
            raise CLIError(str(exc)) from None


def _errors(fn: Any) -> Any:
    """Map the domain's user errors to one-line CLI errors."""

    def wrapped(args: argparse.Namespace) -> int:
        from graph.models.errors import (  # lazy: start-up (CLI)
            ModelConfigError,
            ModelUnavailableError,
        )  # lazy: start-up (the CLI builds its parser without loading the app)
        from graph.models.prompts import PromptError  # lazy: start-up (CLI)
        from graph.nodes.human_review import ApprovalRefused  # lazy: start-up (CLI)
        from graph.runtime.runner import CampaignError  # lazy: start-up (CLI)
        from guards.library import BrandLibraryError  # lazy: start-up (CLI)

        try:
            return int(fn(args))
        except (
            CampaignError,
            BrandLibraryError,
            ModelConfigError,
            ModelUnavailableError,
            PromptError,
            ApprovalRefused,
        ) as exc:
            raise CLIError(str(exc)) from None

    return wrapped


@_errors
def cmd_run(args: argparse.Namespace) -> int:
    """Run a campaign."""
    if args.brief_file is not None:
        try:
            text = args.brief_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CLIError(
                f"cannot read brief file {args.brief_file}: {getattr(exc, 'strerror', None) or exc}"
            ) from None
    else:
        text = args.brief
    settings = _settings(args)
    campaigns = _campaigns(settings)
    campaigns.new_input(text, args.brand)  # validate the brief and brand before saying anything else
    _check_provider(campaigns)
    if not args.json:
        _banner(settings)
    result = campaigns.start(
        text, brand=args.brand, auto_approve=args.auto_approve, agents=getattr(args, "agents", None)
    )
    return _finish(campaigns, result, args.json)


@_errors
def cmd_resume(args: argparse.Namespace) -> int:
    """Resume a campaign."""
    settings = _settings(args)
    campaigns = _campaigns(settings)
    approver = args.approver or getpass.getuser() or "local"
    decision: dict[str, Any] | None
    if args.approve:
        decision = {"decision": "approve", "approver": approver, "comment": args.comment}
    elif args.reject:
        decision = {"decision": "reject", "approver": approver, "comment": args.comment}
    elif args.answer:
        decision = {"decision": "answer", "approver": approver, "answer": args.answer}
    else:
        decision = None
    items = _item_flags(args)
    if items:
        if decision is not None and decision["decision"] != "approve":
            raise CLIError(
                "per-item flags go with --approve (the default for items not named) or alone; "
                "--reject rejects the whole campaign"
            )
        decision = {
            **(decision or {"decision": "approve", "approver": approver, "comment": args.comment}),
            "items": items,
        }
    result = campaigns.resume(args.thread_id, decision, auto_approve=args.auto_approve)
    return _finish(campaigns, result, args.json)


def _item_flags(args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    """Per-item decisions from --approve-item/--reject-item/--edit-item/--restore-item (one line errors)."""
    items: dict[str, dict[str, Any]] = {}

    def put(iid: str, value: dict[str, Any]) -> None:
        if not iid:
            raise CLIError("an item flag needs an item id")
        if iid in items:
            raise CLIError(f"item {iid!r} is decided twice")
        items[iid] = value

    for iid in getattr(args, "approve_item", None) or []:
        put(iid, {"decision": "approve"})
    for iid in getattr(args, "reject_item", None) or []:
        put(iid, {"decision": "reject", "comment": args.comment})
    for spec in getattr(args, "edit_item", None) or []:
        iid, sep, file = spec.partition("=")
        if not sep or not file:
            raise CLIError(f"--edit-item {spec!r}: use ID=FILE")
        put(iid, {"decision": "edit", "edits": _edit_file(Path(file))})
    for spec in getattr(args, "restore_item", None) or []:
        iid, sep, version = spec.partition("=")
        if not sep or not version.strip().isdigit():
            raise CLIError(f"--restore-item {spec!r}: use ID=VERSION (a version number)")
        put(iid, {"decision": "restore", "version": int(version)})
    return items


def _edit_file(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CLIError(f"cannot read edit file {path}: {exc}") from None
    stripped = text.strip()
    if not stripped:
        raise CLIError(f"edit file {path} is empty")
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise CLIError(f"edit file {path} is not valid JSON: {exc.msg} (line {exc.lineno})") from None
        if not isinstance(data, dict) or not all(isinstance(v, str | int | float) for v in data.values()):
            raise CLIError(f"edit file {path}: JSON must be an object of field -> text")
        return {str(k): str(v) for k, v in data.items()}
    try:
        float(stripped)
    except ValueError:
        return {"body": stripped}
    return {"to_amount": stripped}


def cmd_runs(args: argparse.Namespace) -> int:
    """List campaigns."""
    campaigns = _campaigns(_settings(args))
    rows = campaigns.list()
    if args.json:
        print(json.dumps([r.__dict__ for r in rows], indent=1))
        return 0
    if not rows:
        print(f"no campaigns in {campaigns.settings.home}")
    for r in rows:
        print(f"{r.campaign_id}  {r.status:<18} {r.created_at[:19]}  {r.title}")
    return 0


def _banner(settings: Any) -> None:
    from graph.models.offline import DISCLOSURE  # lazy: start-up (CLI)

    if "offline" in {settings.model_for(a) for a in settings.agents}:
        print(f"note: {DISCLOSURE}", file=sys.stderr)


def summary(campaigns: Any, result: Any) -> dict[str, Any]:
    """The ``--json`` object of a run."""
    v = result.values
    usage = v.get("usage") or {}
    return {
        "thread_id": result.thread_id,
        "trace_id": result.trace_id,
        "status": result.status,
        "reason": result.reason,
        "model": campaigns.settings.model,
        "model_is_llm": campaigns.settings.model != "offline",
        "blueprint": v.get("blueprint"),
        "brief_echo": _echo(v),
        "assets": sorted((v.get("assets") or {}).values(), key=lambda a: a["id"]),
        "lists": v.get("lists") or {},
        "pass_report": v.get("pass_report"),
        "programs": sorted((v.get("programs") or {}).values(), key=lambda p: p["id"]),
        "budget_changes": list((v.get("budget_changes") or {}).values()),
        "scorecard": v.get("scorecard"),
        "pending_review": result.pending_review,
        "decisions": v.get("decisions") or [],
        "withheld_assets": v.get("withheld_assets") or [],
        "withheld_reasons": {
            aid: entries[-1].get("outcome")
            for aid, entries in (v.get("revision_history") or {}).items()
            if entries and entries[-1].get("outcome")
        },
        "events_count": campaigns.services.events.count(trace_id=result.trace_id) if result.trace_id else 0,
        "llm_calls": sum(u.get("calls", 0) for u in usage.values()),
        "tokens": sum(u.get("input_tokens", 0) + u.get("output_tokens", 0) for u in usage.values()),
        "usage": usage,
    }


def _finish(campaigns: Any, result: Any, as_json: bool) -> int:
    if as_json:
        print(safe_json(summary(campaigns, result)))
    else:
        _print_human(campaigns, result)
    if result.status == "needs_input":
        if as_json:
            print(
                f"error: {result.reason}; answer with: liftoff resume {result.thread_id} --answer '...'",
                file=sys.stderr,
            )
        return 2
    if result.status == "failed":
        print(
            f"error: campaign failed: {result.reason}; fix the cause and retry with: "
            f"liftoff resume {result.thread_id}",
            file=sys.stderr,
        )
        return 1
    if result.status == "held":
        print(
            f"held: {result.reason}: liftoff kill-switch off [...], then liftoff resume {result.thread_id}",
            file=sys.stderr,
        )
        return 3
    return 0


def _echo(values: dict[str, Any]) -> dict[str, Any] | None:
    """The brief echo of the campaign's parsed brief (facts with their words, sentences not used)."""
    from graph.brief.echo import brief_echo  # lazy: start-up (CLI)

    brief = values.get("brief") or (values.get("blueprint") or {}).get("brief")
    return brief_echo(brief) if brief else None


def _print_human(campaigns: Any, result: Any) -> None:
    v = result.values
    print(f"campaign {result.thread_id}  trace {result.trace_id}")
    print(f"status: {result.status}" + (f" ({result.reason})" if result.reason else ""))
    brief = v.get("brief") or (v.get("blueprint") or {}).get("brief")
    if brief:
        from graph.brief.echo import echo_lines  # lazy: start-up (CLI)

        print("\n".join(echo_lines(brief)))
    bp = v.get("blueprint")
    if bp:
        split = ", ".join(f"{c['channel']} {fmt_amount(c['budget'], bp['currency'])}" for c in bp["channels"])
        total = fmt_amount(bp["total_budget"], bp["currency"])
        print(f"blueprint: {bp['campaign_name']} | {total} {bp['currency']} | {split}")
    if v.get("assets"):
        print(
            f"assets: {len(v['assets'])}  lists: {len(v.get('lists') or {})}  "
            f"programs: {len(v.get('programs') or {})}"
        )
    sc = v.get("scorecard")
    if sc:
        lift = (sc.get("lift") or {}).get("lift_pct")
        cur = (bp or {}).get("currency") or "USD"
        cpr = sc.get("cost_per_result")
        print(
            f"scorecard: conversions {sc['conversions']}, spend {fmt_amount(sc['spend'], cur)} {cur}, "
            f"cost/result {'n/a' if cpr is None else f'{fmt_amount(cpr, cur)} {cur}'}, lift vs control "
            f"{'n/a' if lift is None else f'{lift:+.1%}'}"
        )
    pending = result.pending_review
    if pending:
        kind = pending.get("kind")
        if kind == "clarify":
            for item in pending["items"]:
                print(f"question: {item['question']}")
            print(f"answer with: liftoff resume {result.thread_id} --answer '...'")
        else:
            print(f"waiting for approval ({kind}): {len(pending.get('items', []))} item(s)")
            for item in pending.get("items", []):
                for line in _item_lines(kind, item):
                    print(line)
            print(
                f"resume with: liftoff resume {result.thread_id} --approve | --reject [--comment TEXT] "
                "[--reject-item ID] [--edit-item ID=FILE] [--restore-item ID=VERSION]"
            )


def _item_lines(kind: str | None, item: dict[str, Any]) -> list[str]:
    """One pending item as the CLI prints it: its id (what --reject-item names), then what it is."""
    from graph.review.decisions import item_id  # lazy: start-up (CLI)

    iid = item_id(item)
    if kind == "budget":
        cur = item.get("currency") or ""
        lines = [
            f"  - {iid}: {item.get('channel')} {item.get('from_amount', 0):,.2f} -> "
            f"{item.get('to_amount', 0):,.2f} {cur}".rstrip()
        ]
        lines += [
            f"      {label}: {item[k]}"
            for k, label in (
                ("evidence", "evidence"),
                ("expected_effect", "expected effect"),
                ("reason", "reason"),
            )
            if item.get(k)
        ]
        return lines
    if item.get("type") == "list":
        regions = ", ".join(f"{r} {n:,}" for r, n in (item.get("by_region") or {}).items())
        return [
            f"  - {iid}: list {item.get('list_id') or '(none built)'}: {item.get('eligible') or 0:,} eligible "
            f"({regions}), holdout {item.get('holdout') or 0:,}"
        ]
    reasons = "; ".join(item.get("reasons", [])) or item.get("reason", "")
    lines = [f"  - {iid}" + (f": {reasons}" if reasons else "")]
    asset = item.get("asset") or {}
    if kind == "launch":
        lines[0] += (
            f" ({asset.get('channel')} / {asset.get('region')} / variant {asset.get('variant')}, "
            f"v{asset.get('version')})"
        )
        lines += [f"      {f}: {asset[f]}" for f in ("subject", "headline", "body", "cta") if asset.get(f)]
    for f in item.get("findings") or []:
        if f.get("text"):
            lines.append(f"      flagged: {f['text']}" + (f" ({f['reason']})" if f.get("reason") else ""))
    return lines
