"""The ``liftoff`` command line. Each command group lives in its own module with a ``register`` function."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Command modules, each exposing ``register(subparsers) -> None``; their handlers take (args) and return an exit code.
COMMAND_MODULES: tuple[str, ...] = (
    "graph.cli.campaign",  # run, resume, runs
    "graph.cli.library",  # library ingest, claims-check
    "graph.cli.data",  # data seed, lists build, lists export
    "graph.cli.channels",  # kill-switch, outbox, programs, sla
    "graph.cli.spend",  # simulate, audit, scorecard
    "evals.cli",  # evals run, evals compare
    "graph.cli.lifecycle",  # cycle, scheduler, rollback
    "graph.cli.events",  # events ingest, events serve, scorecard
)


class CLIError(Exception):
    """A user-facing error: printed as one line, exit code 2 (or ``code``)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser from every command module that is present."""
    parser = argparse.ArgumentParser(prog="liftoff", description="Liftoff: Brief -> Live -> Lift.")
    parser.add_argument("--debug", action="store_true", help="show stack traces on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``liftoff`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CLIError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last-resort one-line error, --debug shows the trace
        if args.debug:
            raise
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
