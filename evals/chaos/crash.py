"""Crash points: ``kill -9`` a real ``liftoff run`` at a chosen point, resume it, compare with an uninterrupted run.

``python -m evals.chaos.crash POINT -- <liftoff args>`` runs the CLI with one crash point installed: when the
point is reached the process sends itself SIGKILL (no cleanup, no atexit, no flush: what a power cut or the OOM
killer does). Points:

- ``node:<name>:before|after`` — entering / leaving a node of the campaign graph (any node ``build_graph`` adds);
- ``event:<type>`` — right after an event of that type is appended to the event log (however it is appended);
- ``connector:publish|schedule:before|after`` — around a sandbox channel call (after = the channel accepted it,
  the program store has not recorded it);
- ``ledger:commit:after`` — after a spend-ledger commit;
- ``export:after`` — after a list export is written;
- ``lifecycle:register:after`` — a launched campaign got its schedule, ``lifecycle.scheduled`` not yet logged.

A trailing ``:N`` crashes at the N-th time the point is reached (default 1). ``$LIFTOFF_CHAOS_CAMPAIGN_ID`` fixes
the id of the campaign ``run`` starts (simulated outcomes are seeded by it).

``$LIFTOFF_CHAOS_RECORD=FILE`` instead counts, without crashing, how often every node, event type and call point
is reached, and writes ``{point: count}`` to FILE at exit: the crash suite derives its points from what an
uninterrupted run really does (a point no run reaches cannot be tested and is reported as such).
"""

from __future__ import annotations

import atexit
import collections
import functools
import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from graph.cli import main as cli

CRASH_ENV = "LIFTOFF_CHAOS_CRASH"
RECORD_ENV = "LIFTOFF_CHAOS_RECORD"
CAMPAIGN_ENV = "LIFTOFF_CHAOS_CAMPAIGN_ID"
"""A fixed id for the campaign a ``run`` starts: simulated outcomes are seeded by the campaign id, so runs that
share it (an uninterrupted run and a crashed one, each on its own home) must log the same events."""
CALL_POINTS = (
    "connector:publish",
    "connector:schedule",
    "ledger:commit",
    "export",
    "lifecycle:register",
)
"""Wrapped calls (each with ``:before``/``:after``; ``ledger``, ``export`` and ``lifecycle``: ``:after`` only)."""


def graph_nodes() -> tuple[str, ...]:
    """The node names of the campaign graph (every agent set the product ships)."""
    from graph.wiring import build_graph  # lazy: start-up (babel, langchain_core, langgraph, pydantic)

    return tuple(build_graph().nodes)


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


def _targets() -> dict[str, tuple[object, str]]:
    """Call point -> (owner object, attribute) of the function wrapped there."""
    import graph.runtime.lifecycle_hooks as hooks  # lazy: start-up (babel, pydantic)
    import graph.wiring as wiring  # lazy: start-up (babel, langchain_core, langgraph, pydantic)
    import tools.crm.export as export  # lazy: start-up (babel, pydantic)
    from tools.channels.sandbox import SandboxConnector  # lazy: start-up (babel, pydantic)
    from tools.spend.ledger import SpendLedger  # lazy: start-up (babel, pydantic)

    out: dict[str, tuple[object, str]] = {f"node:{n}": (wiring, n) for n in graph_nodes()}
    out.update(
        {
            "connector:publish": (SandboxConnector, "publish"),
            "connector:schedule": (SandboxConnector, "schedule"),
            "ledger:commit": (SpendLedger, "commit"),
            "export": (export, "export_list"),
            "lifecycle:register": (hooks, "register"),
        }
    )
    return out


def _on_append(hook: Callable[[list[str]], None]) -> None:
    """Call ``hook(types)`` after every batch appended to any event log (``emit`` goes through it too)."""
    from tools.events import EventLog  # lazy: start-up (babel, pydantic)

    original = EventLog.append_many

    @functools.wraps(original)
    def append_many(self: EventLog, events: Any) -> int:
        batch = list(events)
        out = original(self, batch)
        hook([e.type for e in batch])
        return out

    EventLog.append_many = append_many  # type: ignore[method-assign]


def install(point: str) -> None:
    """Install one crash point (see the module doc); raises ValueError on an unknown point."""
    parts = point.split(":")
    nth = int(parts.pop()) if len(parts) > 1 and parts[-1].isdigit() else 1
    counter = _Counter(nth)
    if parts[0] == "event" and len(parts) == 2 and parts[1]:
        wanted = parts[1]

        def hook(types: list[str]) -> None:
            for t in types:
                if t == wanted and counter.hit():
                    _die()

        _on_append(hook)
        return
    when = parts.pop() if parts and parts[-1] in ("before", "after") else ""
    target = _targets().get(":".join(parts))
    if target is None or not when:
        raise ValueError(f"unknown crash point {point!r}")
    owner, attr = target
    setattr(owner, attr, _wrap(getattr(owner, attr), counter, when))


def record(path: str) -> None:
    """Count every point reached (no crash); write ``{point: count}`` as JSON to ``path`` at exit."""
    seen: collections.Counter[str] = collections.Counter()
    lock = threading.Lock()

    def count(name: str) -> None:
        with lock:
            seen[name] += 1

    def hook(types: list[str]) -> None:
        for t in types:
            count(f"event:{t}")

    _on_append(hook)
    for name, (owner, attr) in _targets().items():
        fn = getattr(owner, attr)

        def counted(*args: Any, __fn: Callable[..., Any] = fn, __name: str = name, **kwargs: Any) -> Any:
            count(f"{__name}:before")
            out = __fn(*args, **kwargs)
            count(f"{__name}:after")
            return out

        setattr(owner, attr, functools.wraps(fn)(counted))

    def dump() -> None:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(dict(seen), fh)

    atexit.register(dump)


def fixed_campaign_id(campaign_id: str) -> None:
    """Make ``Campaigns.start`` use ``campaign_id`` when its caller gives none."""
    from graph.runtime.runner import Campaigns  # lazy: start-up (babel, langchain_core, langgraph, pydantic)

    original = Campaigns.start

    @functools.wraps(original)
    def start(self: Campaigns, brief_text: str, **kwargs: Any) -> Any:
        kwargs["campaign_id"] = kwargs.get("campaign_id") or campaign_id
        return original(self, brief_text, **kwargs)

    Campaigns.start = start  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    """Install the point named by ``$LIFTOFF_CHAOS_CRASH`` (if any) and run the liftoff CLI with ``argv``."""
    point = os.environ.get(CRASH_ENV, "").strip()
    if point:
        install(point)
    recording = os.environ.get(RECORD_ENV, "").strip()
    if recording:
        record(recording)
    campaign_id = os.environ.get(CAMPAIGN_ENV, "").strip()
    if campaign_id:
        fixed_campaign_id(campaign_id)

    return cli(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
