"""Two schedulers at once over one launched campaign: on one home (SQLite) and on a shared Postgres.

A reference campaign is launched and rehearsed for ``DAYS`` simulated days by ONE scheduler; then the same brief
is launched again and two ``liftoff scheduler`` processes are started together over it (same home; or two homes
on one ``LIFTOFF_DATABASE_URL``, as two machines would). Figures: cycles run twice (a cycle id finished by both,
or started twice on the same attempt), lost and duplicate events against the reference (by type), cycles not
``done`` at the end, scheduler failures, and how the work was split (both must have taken part).
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from evals.chaos.figures import BRIEF, Figure, cli, env_for
from evals.chaos.state import event_diff, facts
from evals.pgcluster import ClusterError, throwaway_cluster
from graph.runtime.lifecycle_hooks import lifecycle_store
from graph.runtime.services import release
from graph.runtime.settings import REPO_ROOT, Settings

CAT = "schedulers"
CAMPAIGN_ID = "cmp-chaos-schedulers"
DAYS = 6
"""Simulated campaign days rehearsed (optimize every day, the weekly report after day 6: seven cycles)."""


def _launch(env: dict[str, str]) -> str | None:
    # One campaign id for the reference and each case (own homes/databases): simulated outcomes are seeded by it.
    run = cli(
        {**env, "LIFTOFF_CHAOS_CAMPAIGN_ID": CAMPAIGN_ID}, "run", "--brief", BRIEF, "--auto-approve", "--json"
    )
    try:
        out = json.loads(run.stdout)
    except ValueError:
        return None
    return str(out["thread_id"]) if out.get("status") == "launched" else None


def _schedulers(envs: list[dict[str, str]]) -> list[tuple[int, list[dict[str, object]], str]]:
    """Start one scheduler per env at once; (exit code, JSON lines, stderr tail) of each."""
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "evals.chaos.crash",
                "scheduler",
                "--until-idle",
                "--until-day",
                str(DAYS),
                "--interval",
                "0.2",
                "--auto-approve",
                "--json",
            ],
            env=env,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for env in envs
    ]
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=1800)
        lines = []
        for line in stdout.splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                continue
        out.append((proc.returncode, lines, stderr.strip()[-160:]))
    return out


def _cycle_rows(env: dict[str, str], campaign_id: str) -> list[tuple[str, str]]:
    store = lifecycle_store(Settings.from_env(env))
    try:
        return [(c.cycle_id, c.status) for c in store.cycles(campaign_id)]
    finally:
        store.close()


def _started_twice(events: list[tuple[str, dict[str, object]]]) -> int:
    starts = collections.Counter(
        (p.get("cycle_id"), p.get("attempt")) for t, p in events if t == "lifecycle.cycle_started"
    )
    finishes = collections.Counter(p.get("cycle_id") for t, p in events if t == "lifecycle.cycle_finished")
    return sum(n - 1 for n in starts.values() if n > 1) + sum(n - 1 for n in finishes.values() if n > 1)


def _trail(env: dict[str, str], campaign_id: str) -> list[tuple[str, dict[str, object]]]:
    from graph.runtime.runner import Campaigns  # lazy: start-up (langchain_core, langgraph)

    settings = Settings.from_env(env)
    campaigns = Campaigns(settings)
    try:
        return [
            (e.type, dict(e.payload))
            for _, e in campaigns.services.events.read(0, 100_000, campaign_id=campaign_id)
        ]
    finally:
        campaigns.close()
        release(settings)


def _failure_errors(events: list[tuple[str, dict[str, object]]]) -> str:
    """The error text of each ``*_failed`` event (e.g. ``pipeline.reach_failed``), once per type: why it is red."""
    seen: dict[str, str] = {}
    for type_, payload in events:
        if type_.endswith("_failed") and "error" in payload:
            seen.setdefault(type_, " ".join(str(payload["error"]).split()))
    return "; ".join(f"{t}: {err}" for t, err in seen.items())


def _case(label: str, envs: list[dict[str, str]], reference: collections.Counter[str]) -> list[Figure]:
    cid = _launch(envs[0])
    if cid is None:
        return [Figure(CAT, f"{label}: campaign launched", False, False)]
    runs = _schedulers(envs)
    finished = collections.Counter(
        str(line["cycle_id"]) for _, lines, _ in runs for line in lines if line.get("status") == "done"
    )
    trail = _trail(envs[0], cid)
    twice = sum(n - 1 for n in finished.values() if n > 1) + _started_twice(trail)
    got = facts(Settings.from_env(envs[0]), cid)
    missing, extra = event_diff(reference, got.events)
    rows = _cycle_rows(envs[0], cid)
    not_done = sum(status != "done" for _, status in rows)
    failures = sum(code != 0 for code, _, _ in runs)
    split = [sum(1 for line in lines if line.get("status") == "done") for _, lines, _ in runs]
    return [
        Figure(
            CAT, f"{label}: cycles run twice", twice, twice == 0, f"{len(rows)} cycles, done by each: {split}"
        ),
        Figure(
            CAT,
            f"{label}: lost / duplicate events vs one scheduler",
            f"{missing} {extra}",
            missing == 0 and extra == 0,
            "; ".join(
                part
                for part in (
                    ", ".join(
                        f"{t} {reference.get(t, 0)}->{got.events.get(t, 0)}"
                        for t in sorted(set(reference) | set(got.events))
                        if reference.get(t, 0) != got.events.get(t, 0)
                    ),
                    _failure_errors(trail),
                )
                if part
            )[:300],
        ),
        Figure(CAT, f"{label}: cycles not done at the end", not_done, not_done == 0 and len(rows) > 0),
        Figure(
            CAT,
            f"{label}: scheduler failures",
            failures,
            failures == 0,
            "; ".join(tail for code, _, tail in runs if code != 0)[:150],
        ),
        Figure(
            CAT,
            f"{label}: duplicate publishes / programs in limbo",
            f"{got.duplicate_publishes} {got.not_final}",
            got.duplicate_publishes == 0 and got.not_final == 0,
        ),
    ]


def run(quick: bool) -> list[Figure]:
    """Reference (one scheduler), then two at once on one home and (full) two homes on a shared Postgres."""
    root = Path(tempfile.mkdtemp(prefix="chaos-sched-"))
    ref_env = env_for(root / "reference")
    ref_id = _launch(ref_env)
    if ref_id is None:
        return [Figure(CAT, "reference campaign launched", False, False)]
    ref_runs = _schedulers([ref_env])
    reference = facts(Settings.from_env(ref_env), ref_id).events
    out = [
        Figure(
            CAT,
            "reference: one scheduler, cycles done",
            len(ref_runs[0][1]),
            ref_runs[0][0] == 0 and len(ref_runs[0][1]) > 0,
            ref_runs[0][2][-120:],
        )
    ]
    same = env_for(root / "same-home")
    out += _case("same home", [same, same], reference)
    if quick:
        return out

    try:
        with throwaway_cluster() as url:
            envs = [env_for(root / f"pg-home-{i}", LIFTOFF_DATABASE_URL=url) for i in range(2)]
            out += _case("shared Postgres", envs, reference)
    except ClusterError as exc:
        out.append(Figure(CAT, "shared Postgres: cluster started", False, False, str(exc)[:150]))
    return out
