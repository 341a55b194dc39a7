"""``liftoff data seed``, ``liftoff lists build`` and ``liftoff lists export``: the CRM outside the graph."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from graph.cli import CLIError
from graph.contracts import REGIONS, SegmentDefinition, TargetList
from graph.runtime.settings import Settings

STORE_NAME = "crm.duckdb"
"""CRM store file under the state directory (DuckDB; a '.db' path given with --store selects SQLite)."""

ADHOC_CAMPAIGN = "adhoc"
"""Campaign id of lists built from the command line unless --campaign is given (keys the holdout draw)."""


def register(sub: Any) -> None:
    """Add the ``data`` and ``lists`` command groups to the ``liftoff`` parser."""
    data = sub.add_parser("data", help="manage the embedded CRM store")
    data_sub = data.add_subparsers(dest="data_command", required=True, metavar="SUBCOMMAND")
    seed = data_sub.add_parser("seed", help="replace the CRM with a reproducible synthetic dataset")
    seed.add_argument(
        "--contacts", type=_positive_int, default=100_000, help="number of contacts (default 100000)"
    )
    seed.add_argument("--seed", type=int, default=None, help="random seed (default: LIFTOFF_SEED or 7)")
    seed.add_argument(
        "--as-of", type=_iso_date, default=None, help="date the synthetic history counts back from"
    )
    seed.add_argument(
        "--store", type=Path, default=None, help=f"store file (default: $LIFTOFF_HOME/{STORE_NAME})"
    )
    seed.add_argument("--json", action="store_true", help="print JSON")
    seed.set_defaults(handler=seed_command)

    lists = sub.add_parser("lists", help="build and export target lists")
    lists_sub = lists.add_subparsers(dest="lists_command", required=True, metavar="SUBCOMMAND")
    build = lists_sub.add_parser("build", help="build a list from a segment file and print its counts")
    build.add_argument("--segment", type=Path, required=True, help="segment definition JSON file")
    _list_options(build)
    build.add_argument("--json", action="store_true", help="print JSON")
    build.set_defaults(handler=build_command)

    export = lists_sub.add_parser("export", help="export a list as a CSV with only the channel's fields")
    source = export.add_mutually_exclusive_group(required=True)
    source.add_argument("--list", dest="list_id", help="id of a list already built on the store")
    source.add_argument(
        "--segment", type=Path, help="segment file: build the list (or reuse it), then export"
    )
    _list_options(export)
    export.add_argument("--region", choices=REGIONS, help="export one region's partition only")
    export.add_argument(
        "--out", type=Path, default=None, help="output directory (default: $LIFTOFF_HOME/exports)"
    )
    export.add_argument("--json", action="store_true", help="print JSON")
    export.set_defaults(handler=export_command)


def _list_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--campaign", default=ADHOC_CAMPAIGN, help=f"campaign id (default {ADHOC_CAMPAIGN!r})"
    )
    parser.add_argument("--seed", type=int, default=None, help="holdout seed (default: LIFTOFF_SEED or 7)")
    parser.add_argument("--as-of", type=_iso_date, default=None, help="day frequency caps count back from")
    parser.add_argument(
        "--store", type=Path, default=None, help=f"store file (default: $LIFTOFF_HOME/{STORE_NAME})"
    )


def _positive_int(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {raw!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _iso_date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {raw!r}") from None


@contextmanager
def _open_store(path: Path | None, settings: Settings) -> Iterator[Any]:
    from tools.crm.store import CRMStore  # lazy: start-up (CLI)

    target = path or settings.store(STORE_NAME)
    try:
        store = CRMStore(target)
    except ValueError as exc:
        raise CLIError(str(exc)) from exc
    except Exception as exc:  # duckdb.IOException when another process holds the file
        if "lock" in str(exc).lower():
            raise CLIError(
                f"CRM store {target} is open in another process (DuckDB allows one writer): {exc}"
            ) from exc
        raise
    try:
        yield store
    finally:
        store.close()


def seed_command(args: argparse.Namespace) -> int:
    """Replace the store's data with a synthetic dataset; print the count and the time it took."""
    from tools.crm.seed import seed  # lazy: start-up (CLI)

    settings = Settings.from_env()
    seed_value = settings.seed if args.seed is None else args.seed
    with _open_store(args.store, settings) as store:
        try:
            report = seed(store, args.contacts, seed_value, as_of=args.as_of)
        except ValueError as exc:
            raise CLIError(str(exc)) from exc
        version = store.version()
    if args.json:
        print(
            json.dumps(
                {
                    "contacts": report.contacts,
                    "seed": report.seed,
                    "as_of": report.as_of,
                    "elapsed_s": round(report.elapsed_s, 3),
                    "rows": report.rows,
                    "store": str(store.path),
                    "version": version,
                },
                indent=2,
            )
        )
        return 0
    print(
        f"seeded {report.contacts:,} contacts (seed {report.seed}, as of {report.as_of}) "
        f"in {report.elapsed_s:.2f} s -> {store.path}"
    )
    print("  " + ", ".join(f"{table} {rows:,}" for table, rows in report.rows.items()))
    return 0


def _load_segment(path: Path, max_bytes: int) -> SegmentDefinition:
    from pydantic import ValidationError  # lazy: start-up (CLI)

    from guards.safe_yaml import (  # lazy: start-up (CLI)
        InputLimitError,
        Limits,
        clip,
        load_json,
        read_bounded,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from tools.crm.errors import describe_validation_error  # lazy: start-up (CLI)

    if not path.exists():
        raise CLIError(f"segment file {path} does not exist")
    try:  # bounded: size limit before reading, nesting limit before parsing (no RecursionError, no huge echo)
        raw = load_json(
            read_bounded(path, max_bytes, label=f"segment file {path}"),
            f"segment file {path}",
            Limits(max_bytes=max_bytes),
        )
    except InputLimitError as exc:
        raise CLIError(str(exc)) from None
    if not isinstance(raw, dict):
        raise CLIError(
            f"segment file {path} must hold a JSON object like "
            '{"channel": "email", "regions": ["EU"], "filters": []}'
        )
    try:
        return SegmentDefinition.model_validate(raw)
    except ValidationError as exc:
        raise CLIError(f"bad segment {path}: {clip(describe_validation_error(exc))}") from exc


def _build(
    store: Any, definition: SegmentDefinition, args: argparse.Namespace, settings: Settings, source: Path
) -> TargetList:
    from tools.crm.errors import (  # lazy: start-up (CLI)
        EmptyStoreError,
        SegmentError,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from tools.crm.segments import build_segment  # lazy: start-up (CLI)

    seed_value = settings.seed if args.seed is None else args.seed
    try:
        return build_segment(store, definition, campaign_id=args.campaign, seed=seed_value, as_of=args.as_of)
    except SegmentError as exc:
        from guards.safe_yaml import clip  # lazy: start-up (CLI)

        raise CLIError(f"bad segment {source}: {clip(str(exc))}") from exc
    except EmptyStoreError:
        raise CLIError(
            f"the CRM store {store.path} is empty: run `liftoff data seed` first "
            "(100,000 synthetic contacts by default)"
        ) from None


def build_command(args: argparse.Namespace) -> int:
    """Build a list from a segment file and print its counts (never a contact)."""
    settings = Settings.from_env()
    definition = _load_segment(args.segment, settings.library_max_bytes)
    with _open_store(args.store, settings) as store:
        start = time.perf_counter()
        target = _build(store, definition, args, settings, args.segment)
        elapsed_ms = (time.perf_counter() - start) * 1000
    if args.json:
        print(
            json.dumps(
                {
                    "eligible": target.eligible,
                    "holdout": target.holdout,
                    "by_region": target.by_region,
                    "by_channel": target.by_channel,
                    "elapsed_ms": round(elapsed_ms, 1),
                    "list_id": target.id,
                    "holdout_by_region": target.holdout_by_region,
                    "consent_basis": target.consent_basis,
                    "excluded": target.excluded,
                    "campaign_id": target.campaign_id,
                    "seed": target.seed,
                    "as_of": target.as_of,
                    "store_version": target.store_version,
                },
                indent=2,
            )
        )
        return 0
    channel = definition.channel
    print(
        f"list {target.id}: {target.eligible:,} eligible for {channel}, {target.holdout:,} held out as control "
        f"({elapsed_ms:.0f} ms)"
    )
    for region, n in target.by_region.items():
        print(f"  {region:<5} eligible {n:>10,}   holdout {target.holdout_by_region.get(region, 0):>9,}")
    print("  consent basis: " + ", ".join(f"{b} {n:,}" for b, n in target.consent_basis.items()))
    print("  excluded: " + ", ".join(f"{r} {n:,}" for r, n in target.excluded.items()))
    return 0


def export_command(args: argparse.Namespace) -> int:
    """Export a list's non-holdout members for its channel (kill-switch checked inside the tool)."""
    from graph.runtime.services import services_for  # lazy: start-up (CLI)
    from tools.crm.errors import ExportError  # lazy: start-up (CLI)
    from tools.crm.export import export_list  # lazy: start-up (CLI)
    from tools.killswitch import KillSwitchEngaged  # lazy: start-up (CLI)

    settings = Settings.from_env()
    services = services_for(settings)
    with _open_store(args.store, settings) as store:
        if args.segment is not None:
            target = _build(
                store, _load_segment(args.segment, settings.library_max_bytes), args, settings, args.segment
            )
        else:
            found = store.get_list(args.list_id)
            if found is None:
                raise CLIError(
                    f"no list {args.list_id!r} in CRM store {store.path} (build one with `liftoff lists build`)"
                )
            target = found
        try:
            result = export_list(
                store,
                target,
                out_dir=args.out or settings.path("exports"),
                kill_switch=services.kill_switch,
                events=services.events,
                region=args.region,
                shared=services.exports,
            )
        except KillSwitchEngaged as exc:
            raise CLIError(str(exc), code=3) from exc
        except ExportError as exc:
            raise CLIError(str(exc)) from exc
    if args.json:
        print(
            json.dumps(
                {
                    "list_id": result.list_id,
                    "channel": result.channel,
                    "regions": list(result.regions),
                    "rows": result.rows,
                    "fields": list(result.fields),
                    "path": str(result.path),
                    "created": result.created,
                },
                indent=2,
            )
        )
        return 0
    verb = "wrote" if result.created else "already exported"
    print(
        f"{verb} {result.rows:,} contacts of list {result.list_id} for {result.channel} "
        f"({', '.join(result.fields)}) -> {result.path}"
    )
    return 0
