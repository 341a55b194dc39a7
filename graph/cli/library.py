"""``liftoff library ingest PATH`` and ``liftoff claims-check``: the brand library and the claims check.

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
from graph.config import Settings
from graph.contracts import REGIONS


def register(sub: Any) -> None:
    """Add the ``library`` and ``claims-check`` commands to the ``liftoff`` parser."""
    library = sub.add_parser("library", help="manage brand libraries")
    library_sub = library.add_subparsers(dest="library_command", required=True, metavar="SUBCOMMAND")
    ingest = library_sub.add_parser("ingest", help="build or update the claim index; print the library version")
    ingest.add_argument("path", type=Path, help="brand library directory (brand_library/<slug>) or slug")
    ingest.set_defaults(handler=ingest_command)

    check = sub.add_parser("claims-check", help="check text against a brand library's approved claims")
    check.add_argument("--library", required=True, type=Path, help="brand library directory or slug")
    check.add_argument("--region", choices=REGIONS, default=None, help="region the copy runs in")
    check.add_argument("--date", type=_iso_date, default=None,
                       help="check date YYYY-MM-DD (default: LIFTOFF_CHECK_DATE, else today)")
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", help="the text to check")
    source.add_argument("--jsonl", type=Path, help="JSON-lines file of {id, text, region?} ('-' for stdin)")
    check.add_argument("--index", action="store_true",
                       help="also use the Chroma claim index for candidates (loads the embedding model)")
    check.set_defaults(handler=claims_check_command)


def ingest_command(args: argparse.Namespace) -> int:
    """Ingest a library into the claim index; print its version (counts go to stderr)."""
    from guards.retrieval import ClaimIndex

    settings = Settings.from_env()
    library = _load(args.path, settings)
    index = ClaimIndex.open(settings.home, library, chroma_host=settings.chroma_host, chroma_port=settings.chroma_port,
                            embeddings=settings.embeddings, base_url=settings.openai_base_url,
                            api_key=os.environ.get("OPENAI_API_KEY"))
    result = index.ingest()
    _emit_ingested(settings, library.slug, result, index.location)
    print(result.library_version)
    print(f"{library.slug}: {result.added} added, {result.updated} updated, {result.removed} removed, "
          f"{result.unchanged} unchanged ({index.location})", file=sys.stderr)
    return 0


def claims_check_command(args: argparse.Namespace) -> int:
    """Check a text or a JSON-lines file; print one JSON line per input."""
    from guards.claims import check_text

    settings = Settings.from_env()
    library = _load(args.library, settings)
    on = args.date or (_iso_date_setting(settings.check_date) if settings.check_date else date.today())
    items = [(None, args.text, args.region)] if args.text is not None else _read_jsonl(args.jsonl, args.region)
    index = None
    if args.index:
        from guards.retrieval import ClaimIndex

        index = ClaimIndex.open(settings.home, library, chroma_host=settings.chroma_host,
                                chroma_port=settings.chroma_port, embeddings=settings.embeddings,
                                base_url=settings.openai_base_url, api_key=os.environ.get("OPENAI_API_KEY"))
        index.ingest()
    for item_id, text, region in items:
        result = check_text(text, library, region=region, on=on, index=index)
        print(json.dumps(result.to_json(item_id), ensure_ascii=False))
    return 0


def _load(path: Path, settings: Settings) -> Any:
    from guards.library import BrandLibraryError, load_library

    candidate = path
    if not path.exists() and len(path.parts) == 1 and (settings.brand_library_dir / path).is_dir():
        candidate = settings.brand_library_dir / path
    try:
        return load_library(candidate)
    except BrandLibraryError as exc:
        raise CLIError(f"bad brand library: {exc}") from exc


def _read_jsonl(path: Path, default_region: str | None) -> list[tuple[Any, str, str | None]]:
    try:
        lines = sys.stdin.read().splitlines() if str(path) == "-" else path.read_text(encoding="utf-8").splitlines()
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


def _emit_ingested(settings: Settings, slug: str, result: Any, location: str) -> None:
    from tools.events import EventLog

    EventLog(settings.store("events.db")).emit(
        "library.ingested", trace_id=f"library:{slug}", campaign_id="library", source="library",
        payload={"slug": slug, "library_version": result.library_version, "added": result.added,
                 "updated": result.updated, "removed": result.removed, "unchanged": result.unchanged,
                 "index": location},
    )
