"""``liftoff library ingest|new|lint`` and ``liftoff claims-check``: brand libraries and the claims check.

Every command that takes a brand takes a slug (looked up in ``LIFTOFF_BRAND_LIBRARY``, default ``brand_library/``,
then in ``$LIFTOFF_HOME/brands``) or a library directory path (see :mod:`graph.runtime.brands`).

``library lint PATH [--json]`` exits 1 when the library has errors (warnings alone exit 0).

``claims-check --jsonl FILE`` reads one JSON object per line (``{"id": ..., "text": ..., "region": ...}``,
``region`` optional and overriding ``--region``) and prints one JSON line per input::

    {"id": ..., "verdict": "supported" | "unsupported" | "no_claim", "claims": [ids], "reasons": [...],
     "sentences": [{"text": ..., "verdict": ..., "claims": [...], "reason": ...}]}

Every input line is validated before anything is printed, so a bad line never leaves half an output behind.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from graph.cli import CLIError
from graph.contracts import REGIONS
from graph.runtime.settings import Settings

BRAND_HELP = (
    "brand: a slug (looked up in LIFTOFF_BRAND_LIBRARY, default brand_library/, then in "
    "$LIFTOFF_HOME/brands) or a library directory path"
)


def register(sub: Any) -> None:
    """Add the ``library`` and ``claims-check`` commands to the ``liftoff`` parser."""
    library = sub.add_parser("library", help="manage brand libraries")
    library_sub = library.add_subparsers(dest="library_command", required=True, metavar="SUBCOMMAND")
    ingest = library_sub.add_parser(
        "ingest", help="build or update the claim index; print the library version"
    )
    ingest.add_argument("path", help=BRAND_HELP)
    ingest.set_defaults(handler=ingest_command)
    new = library_sub.add_parser(
        "new",
        help="scaffold a commented brand.yaml + claims.yaml for a new brand",
        description="Create DIR/SLUG with commented starting files that load and lint.",
    )
    new.add_argument("slug", help="brand slug: lower-case letters, digits and hyphens (e.g. acme-skincare)")
    new.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="parent directory (default: LIFTOFF_BRAND_LIBRARY, so --brand SLUG finds it)",
    )
    new.add_argument("--name", default=None, help="brand name (default: from the slug)")
    new.set_defaults(handler=new_command)
    lint = library_sub.add_parser(
        "lint",
        help="report errors and warnings with file, key and line",
        description="Check a brand library: structure and what would break campaigns. "
        "Exit code 1 when there are errors.",
    )
    lint.add_argument("path", help=BRAND_HELP)
    lint.add_argument("--json", action="store_true", help="print one JSON object")
    lint.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        help="date expiries are judged on (default: LIFTOFF_CHECK_DATE, else today)",
    )
    lint.set_defaults(handler=lint_command)
    selftest = library_sub.add_parser(
        "test",
        help="self-test: generate faithful and mutated variants of every approved claim, run the claims "
        "check, print precision/recall of 'unsupported', the false-block rate and every miss",
    )
    selftest.add_argument("path", help=BRAND_HELP)
    selftest.add_argument("--json", action="store_true", help="print the report as one JSON object")
    selftest.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        help="check date YYYY-MM-DD (default: LIFTOFF_CHECK_DATE, else today)",
    )
    selftest.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when below the floor (precision and recall >= 0.95, false blocks <= 5%%)",
    )
    selftest.set_defaults(handler=selftest_command)

    check = sub.add_parser("claims-check", help="check text against a brand library's approved claims")
    check.add_argument("--library", "--brand", dest="library", required=True, help=BRAND_HELP)
    check.add_argument("--region", choices=REGIONS, default=None, help="region the copy runs in")
    check.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        help="check date YYYY-MM-DD (default: LIFTOFF_CHECK_DATE, else today)",
    )
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", help="the text to check")
    source.add_argument("--jsonl", type=Path, help="JSON-lines file of {id, text, region?} ('-' for stdin)")
    check.add_argument(
        "--index",
        action="store_true",
        help="also use the Chroma claim index for candidates (loads the embedding model)",
    )
    check.set_defaults(handler=claims_check_command)


def ingest_command(args: argparse.Namespace) -> int:
    """Ingest a library into the claim index; print its version (counts go to stderr)."""
    from graph.runtime.brands import ingest_library  # lazy: start-up (CLI)

    settings = Settings.from_env()
    library = _load(args.path, settings)
    result, location = ingest_library(settings, library)
    print(result.library_version)
    print(
        f"{library.slug}: {result.added} added, {result.updated} updated, {result.removed} removed, "
        f"{result.unchanged} unchanged ({location})",
        file=sys.stderr,
    )
    return 0


def selftest_command(args: argparse.Namespace) -> int:
    """Run the library self-test; print the report (text or JSON)."""
    from guards.selftest import run_selftest  # lazy: start-up (CLI)

    settings = Settings.from_env()
    library = _load(args.path, settings)
    on = args.date or (_iso_date_setting(settings.check_date) if settings.check_date else date.today())
    report = run_selftest(library.path, on=on)
    print(report.model_dump_json(indent=2) if args.json else report.render())
    return 1 if args.check and not report.meets_floor else 0


def claims_check_command(args: argparse.Namespace) -> int:
    """Check a text or a JSON-lines file; print one JSON line per input."""
    from guards.claims import check_text  # lazy: start-up (CLI)

    settings = Settings.from_env()
    library = _load(args.library, settings)
    on = args.date or (_iso_date_setting(settings.check_date) if settings.check_date else date.today())
    items = (
        [(None, args.text, args.region)] if args.text is not None else _read_jsonl(args.jsonl, args.region)
    )
    index = None
    if args.index:
        from guards.retrieval import ClaimIndex  # lazy: start-up (CLI)

        index = ClaimIndex.open(
            settings.home,
            library,
            chroma_host=settings.chroma_host,
            chroma_port=settings.chroma_port,
            embeddings=settings.embeddings,
            base_url=settings.openai_base_url,
            api_key=os.environ.get("OPENAI_API_KEY"),
        )
        index.ingest()
    for item_id, text, region in items:
        result = check_text(text, library, region=region, on=on, index=index)
        print(json.dumps(result.to_json(item_id), ensure_ascii=False))
    return 0


def _load(ref: str | Path, settings: Settings) -> Any:
    from graph.runtime.brands import resolve_brand  # lazy: start-up (CLI)
    from guards.library import (  # lazy: start-up (CLI)
        BrandLibraryError,
        load_library,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    try:
        return load_library(resolve_brand(ref, settings), max_bytes=settings.library_max_bytes)
    except BrandLibraryError as exc:
        raise CLIError(f"bad brand library: {exc}") from exc


def new_command(args: argparse.Namespace) -> int:
    """Scaffold a library; print its path and what to do next."""
    from graph.runtime.brand_scaffold import (  # lazy: start-up (CLI)
        ScaffoldError,
        new_library,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    settings = Settings.from_env()
    parent = args.dir if args.dir is not None else settings.brand_library_dir
    try:
        path = new_library(args.slug, parent, args.name)
    except ScaffoldError as exc:
        raise CLIError(str(exc)) from None
    print(path)
    ref = args.slug if args.dir is None else str(path)
    print(
        f"next: edit {path}/brand.yaml and claims.yaml, then `liftoff library lint {ref}` and "
        f"`liftoff run --brand {ref} ...`",
        file=sys.stderr,
    )
    return 0


def lint_command(args: argparse.Namespace) -> int:
    """Lint a library; print one line per problem (or JSON); exit 1 on errors."""
    from graph.runtime.brands import resolve_brand  # lazy: start-up (CLI)
    from guards.library import BrandLibraryError  # lazy: start-up (CLI)
    from guards.library_lint import lint_library  # lazy: start-up (CLI)

    settings = Settings.from_env()
    try:
        path = resolve_brand(args.path, settings)
    except BrandLibraryError as exc:
        raise CLIError(str(exc)) from None
    on = args.date or (_iso_date_setting(settings.check_date) if settings.check_date else None)
    report = lint_library(path, max_bytes=settings.library_max_bytes, today=on)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for p in report.problems:
            key = f" [{p.key}]" if p.key else ""
            print(
                f"{path / p.file if p.file else path}:{p.line or 0}: {p.severity}: {p.message}{key} ({p.rule})"
            )
        print(
            f"{path.name}: {report.claims} claims, {len(report.errors)} error(s), {len(report.warnings)} "
            f"warning(s)" + ("" if report.ok else " - fix the errors before running a campaign"),
            file=sys.stderr,
        )
    return 0 if report.ok else 1


def _read_jsonl(path: Path, default_region: str | None) -> list[tuple[Any, str, str | None]]:
    try:
        lines = (
            sys.stdin.read().splitlines()
            if str(path) == "-"
            else path.read_text(encoding="utf-8").splitlines()
        )
    except OSError as exc:
        raise CLIError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise CLIError(f"{path} is not UTF-8 text") from exc
    items: list[tuple[Any, str, str | None]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CLIError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise CLIError(f"{path}:{n}: each line must be a JSON object with 'text'")
        text = obj.get("text")
        if not isinstance(text, str):
            raise CLIError(f"{path}:{n}: 'text' must be a string")
        region = obj.get("region", default_region)
        if region is not None and region not in REGIONS:
            raise CLIError(f"{path}:{n}: unknown region {region!r} (known: {', '.join(REGIONS)})")
        items.append((obj.get("id", n), text, region))
    return items


def _iso_date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {raw!r}") from None


def _iso_date_setting(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CLIError(f"LIFTOFF_CHECK_DATE is not a date YYYY-MM-DD: {raw!r}") from None
