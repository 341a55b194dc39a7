"""Crash points: ``kill -9`` a real ``liftoff run`` at a chosen point, resume it, compare with an uninterrupted run.

``python -m evals.chaos.crash POINT -- <liftoff args>`` runs the CLI with one crash point installed: when the
point is reached the process sends itself SIGKILL (no cleanup, no atexit, no flush: what a power cut or the OOM
killer does). Points:

- ``node:<agent>:before|after`` — entering / leaving a graph node;
- ``event:<type>`` — right after an event of that type is appended;
- ``connector:publish|schedule:before|after`` — around a sandbox channel call (after = the channel accepted it,
  the program store has not recorded it);
- ``ledger:commit:after`` — after a spend-ledger commit;
- ``export:after`` — after a list export is written;
- ``lifecycle:register:after`` — a launched campaign got its schedule, ``lifecycle.scheduled`` not yet logged.

A trailing ``:N`` crashes at the N-th time the point is reached (default 1).
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

CRASH_ENV = "LIFTOFF_CHAOS_CRASH"
NODES = ("planner", "content", "data", "governance", "human_review", "orchestrator", "optimizer", "analytics")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class _Counter:
    def __init__(self, nth: int) -> None:
        self.nth, self.seen, self.lock = nth, 0, threading.Lock()

    def hit(self) -> bool:
        with self.lock:
            self.seen += 1
            return self.seen == self.nth


def _wrap(
    fn: Callable[..., Any], counter: _Counter, when: str, match: Callable[..., bool] | None = None
) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        hit = match is None or match(*args, **kwargs)
        if hit and when == "before" and counter.hit():
            _die()
        out = fn(*args, **kwargs)
        if hit and when == "after" and counter.hit():
            _die()
        return out

    return wrapped


def install(point: str) -> None:
    """Install one crash point (see the module doc); raises ValueError on an unknown point."""
    parts = point.split(":")
    nth = int(parts.pop()) if parts and parts[-1].isdigit() else 1
    counter = _Counter(nth)
    kind = parts[0] if parts else ""
    if kind == "node" and len(parts) == 3 and parts[1] in NODES and parts[2] in ("before", "after"):
        import graph.wiring as wiring

        setattr(wiring, parts[1], _wrap(getattr(wiring, parts[1]), counter, parts[2]))
    elif kind == "event" and len(parts) == 2:
        from tools.events import EventLog

        wanted = parts[1]
        EventLog.emit = _wrap(  # type: ignore[method-assign]
            EventLog.emit,
            counter,
            "after",
            lambda self, type, **kw: type == wanted,  # noqa: A006 - EventLog's own parameter name
        )
    elif kind == "connector" and len(parts) == 3 and parts[1] in ("publish", "schedule"):
        from tools.channels.sandbox import SandboxConnector

        setattr(SandboxConnector, parts[1], _wrap(getattr(SandboxConnector, parts[1]), counter, parts[2]))
    elif kind == "ledger" and parts[1:] == ["commit", "after"]:
        from tools.spend.ledger import SpendLedger

        SpendLedger.commit = _wrap(SpendLedger.commit, counter, "after")  # type: ignore[method-assign]
    elif kind == "lifecycle" and parts[1:] == ["register", "after"]:
        import graph.runtime.lifecycle_hooks as hooks

        hooks.register = _wrap(hooks.register, counter, "after")  # type: ignore[assignment]
    elif kind == "export" and parts[1:] == ["after"]:
        import tools.crm.export as export

        export.export_list = _wrap(export.export_list, counter, "after")  # type: ignore[assignment]
    else:
        raise ValueError(f"unknown crash point {point!r}")


def main(argv: list[str]) -> int:
    """Install the point named by ``$LIFTOFF_CHAOS_CRASH`` (if any) and run the liftoff CLI with ``argv``."""
    point = os.environ.get(CRASH_ENV, "").strip()
    if point:
        install(point)
    from graph.cli import main as cli

    return cli(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
