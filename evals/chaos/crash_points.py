"""Crash points: ``kill -9`` at node boundaries, events, connector calls, ledger commits and exports; resume.

The points are not guessed: an uninterrupted run is recorded first (``evals.chaos.crash`` record mode) and the
suite tries every node of the campaign graph (before/after), every event type that run appended, and every
wrapped call it made (the second call too when it made two). A point that does not kill the process, or a graph
node the run never reaches, is a red figure: nothing was tested there.
"""

from __future__ import annotations

import collections
import json
import os
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from evals.chaos.crash import graph_nodes
from evals.chaos.figures import BRIEF, Figure, cli, env_for
from evals.chaos.state import CampaignFacts, event_diff, facts
from graph.runtime.services import release
from graph.runtime.settings import Settings

CAT = "crash"
QUICK = ("connector:publish:after:2", "event:human.decision", "lifecycle:register:after")
CALLS = (
    "connector:publish:before",
    "connector:publish:after",
    "connector:schedule:before",
    "connector:schedule:after",
    "ledger:commit:after",
    "export:after",
    "lifecycle:register:after",
)
"""Wrapped calls: tried when the uninterrupted run makes them (and their second call when it makes two)."""
CAMPAIGN_ID = "cmp-chaos-points"
"""Every run of the suite starts this campaign (each on its own home): the same simulated market, the same events."""
JOBS_ENV = "LIFTOFF_CHAOS_JOBS"
"""Crash points run at once (each on its own home; default 2)."""
IGNORE = frozenset(
    {"human.refused", "lifecycle.hook_failed", "orchestrator.needs_check", "orchestrator.retry"}
)
"""Event types whose count legitimately differs after a crash (they say what happened)."""


def points(quick: bool, reached: dict[str, int]) -> list[str]:
    """The crash points to try: every graph node (before/after), every event type the uninterrupted run logged
    (``reached``: what the recording harness counted), every wrapped call it made, and the second of repeated
    calls."""
    if quick:
        return list(QUICK)

    nodes = [f"node:{n}:{w}" for n in graph_nodes() for w in ("before", "after")]
    events = sorted(k for k in reached if k.startswith("event:"))
    calls = [c for c in CALLS if reached.get(c, 0) >= 1] + [f"{c}:2" for c in CALLS if reached.get(c, 0) >= 2]
    return nodes + events + calls


def hits(point: str, reached: dict[str, int]) -> int:
    """How many times the uninterrupted run passed ``point`` at or beyond its N-th hit (<= 0: never fires)."""
    parts = point.split(":")
    nth = int(parts.pop()) if parts[-1].isdigit() else 1
    return reached.get(":".join(parts), 0) - nth + 1


_IN_PROCESS = threading.Lock()
"""Points run in parallel (one home each); reading their stores in this process is done one at a time."""


def _settings(home: Path) -> Settings:
    return Settings.from_env(env_for(home))


def _campaign_id(home: Path) -> str | None:
    from graph.runtime.runner import Campaigns  # lazy: start-up (langchain_core, langgraph)

    with _IN_PROCESS:
        settings = _settings(home)
        campaigns = Campaigns(settings)
        try:
            rows = campaigns.list()
        finally:
            campaigns.close()
            release(settings)
    return rows[0].campaign_id if rows else None


def _run_to_end(home: Path, crash: str = "", record: Path | None = None) -> tuple[int, CampaignFacts | None]:
    extra = {"LIFTOFF_CHAOS_CAMPAIGN_ID": CAMPAIGN_ID}
    if crash:
        extra["LIFTOFF_CHAOS_CRASH"] = crash
    if record is not None:
        extra["LIFTOFF_CHAOS_RECORD"] = str(record)
    first = cli(env_for(home, **extra), "run", "--brief", BRIEF, "--auto-approve", "--json")
    cid = _campaign_id(home)
    if cid is None:
        return first.returncode, None
    for attempt in range(3):  # resume until it settles (a crash mid-review leaves a review to apply)
        with _IN_PROCESS:
            current = facts(_settings(home), cid)
        killed_here = attempt == 0 and first.returncode == -9
        if current.status in ("launched", "rejected") and not killed_here:
            break
        # After a kill the operator resumes once whatever the status says: a crash after the launch was
        # recorded may have left the graph's last steps (the schedule, the reach) to run.
        cli(env_for(home), "resume", cid, "--auto-approve", "--json")
    with _IN_PROCESS:
        return first.returncode, facts(_settings(home), cid)


def _point(point: str, base: CampaignFacts | None) -> Figure:
    """Crash a fresh run at ``point``, resume it to the end, compare with the uninterrupted ``base``."""
    fig = _measure(point, base)
    print(f"  ... {fig.line()}", file=sys.stderr, flush=True)  # progress: the full list takes a long time
    return fig


def _measure(point: str, base: CampaignFacts | None) -> Figure:
    code, got = _run_to_end(Path(tempfile.mkdtemp(prefix="chaos-crash-")), point)
    killed = code == -9
    if got is None or base is None:
        return Figure(CAT, point, "RED", False, f"killed={killed} campaign not found")
    missing, extra = event_diff(base.events, got.events, IGNORE)
    approvers = got.approvers_state == got.approvers_events
    ok = (
        killed
        and got.status == "launched"
        and got.duplicate_publishes == 0
        and got.not_final == 0
        and not got.cap_breach
        and missing == 0
        and extra == 0
        and approvers
    )
    return Figure(
        CAT,
        point,
        "green" if ok else "RED",
        ok,
        f"killed={killed} status={got.status} dup_publish={got.duplicate_publishes} "
        f"missing_events={missing} dup_events={extra} cap_breach={got.cap_breach} "
        f"not_final={got.not_final} approvers_match={approvers}" + _types(base.events, got.events),
    )


def _types(base: collections.Counter[str], got: collections.Counter[str]) -> str:
    """The event types whose counts differ (uninterrupted -> crashed), for the figure's detail."""
    diff = [
        f"{t} {base.get(t, 0)}->{got.get(t, 0)}"
        for t in sorted(set(base) | set(got))
        if t not in IGNORE and base.get(t, 0) != got.get(t, 0)
    ]
    return f" [{', '.join(diff)}]" if diff else ""


def run(quick: bool) -> list[Figure]:
    """Per point: killed?, final status, duplicate publishes, missing/duplicate events, cap breach, limbo."""
    base_home = Path(tempfile.mkdtemp(prefix="chaos-base-"))
    record = base_home / "reached.json"
    _, base = _run_to_end(base_home, record=record)
    reached: dict[str, int] = json.loads(record.read_text()) if record.exists() else {}
    out = [
        Figure(
            CAT,
            "uninterrupted run: status",
            base.status if base else "none",
            base is not None and base.status == "launched",
            f"{sum(base.events.values()) if base else 0} events of {len(base.events) if base else 0} types",
        )
    ]
    todo = points(quick, reached)
    never = [p for p in todo if hits(p, reached) <= 0]
    jobs = max(1, int(os.environ.get(JOBS_ENV, "2")))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        out += list(pool.map(lambda p: _point(p, base), [p for p in todo if p not in never]))
    untried = [c for c in CALLS if not quick and reached.get(c, 0) == 0]
    note = f" (calls this brief does not make, not tried: {' '.join(untried)})" if untried else ""
    out.append(
        Figure(
            CAT,
            "points tried / points that never fire",
            f"{len(todo) - len(never)} {len(never)}",
            not never,
            " ".join(never) + note,
        )
    )
    return out
