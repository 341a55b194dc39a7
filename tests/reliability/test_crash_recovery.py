"""Real ``kill -9`` of ``liftoff run`` at chosen points (``evals.chaos.crash``), then ``liftoff resume``.

After the channel accepted a send but before the program store recorded it: resume reconciles the program by
idempotency key (the holder's pid is dead: no 300 s wait), the campaign launches with every program final and
nothing published twice. Right after a human decision was logged: resume applies THAT decision, so the events
and the campaign state name the same approver even when someone else resumes. Between registering a schedule
and logging it: resume logs ``lifecycle.scheduled``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evals.chaos.figures import env_for
from evals.chaos.state import facts
from graph.runtime.settings import REPO_ROOT, Settings

pytestmark = pytest.mark.slow

BRIEF = (
    "Launch our new Brightwell MaxFlow Pitcher in the US starting March 2, 2027 for 4 weeks. Budget: $20k. "
    "Target: families who buy bottled water. Goal: drive 600 online orders. Use email and paid search."
)
CID = "cmp-chaos-crash"


def _env(home: Path, crash: str = "") -> dict[str, str]:
    return env_for(home, **({"LIFTOFF_CHAOS_CRASH": crash} if crash else {}))


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evals.chaos.crash", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO_ROOT,
    )


def _crash_then_resume(home: Path, point: str, *resume_args: str) -> subprocess.CompletedProcess[str]:
    crashed = _cli(_env(home, point), "run", "--brief", BRIEF, "--auto-approve", "--json")
    assert crashed.returncode == -9, (crashed.returncode, crashed.stderr[-1500:])
    from graph.runtime.services import release

    settings = Settings.from_env(_env(home))
    campaign_id = json.loads(_cli(_env(home), "runs", "--json").stdout)[0]["campaign_id"]
    release(settings)
    resumed = _cli(_env(home), "resume", campaign_id, *resume_args, "--json")
    assert resumed.returncode == 0, resumed.stderr[-1500:]
    return resumed


def test_kill_after_the_channel_accepted_a_send(tmp_path: Path) -> None:
    resumed = _crash_then_resume(tmp_path, "connector:publish:after:2", "--auto-approve")
    out = json.loads(resumed.stdout)
    f = facts(Settings.from_env(_env(tmp_path)), out["thread_id"])
    assert f.status == "launched" and f.programs
    assert f.not_final == 0 and set(f.programs.values()) == {"published"}
    assert f.duplicate_publishes == 0 and set(f.deliveries) == set(f.published_events) == set(f.programs)
    assert not f.cap_breach and f.trace_ids == {out["trace_id"]}


def test_kill_right_after_a_decision_is_logged(tmp_path: Path) -> None:
    resumed = _crash_then_resume(tmp_path, "event:human.decision", "--approve", "--approver", "someone-else")
    out = json.loads(resumed.stdout)
    f = facts(Settings.from_env(_env(tmp_path)), out["thread_id"])
    assert f.approvers_state and f.approvers_state == f.approvers_events  # one story: state == audit trail
    assert f.approvers_state[0] == "cli:auto-approve"  # the decision made before the crash, applied once
    assert f.events["human.decision"] == len(f.approvers_state)


def test_kill_between_registering_the_schedule_and_logging_it(tmp_path: Path) -> None:
    resumed = _crash_then_resume(tmp_path, "lifecycle:register:after")
    f = facts(Settings.from_env(_env(tmp_path)), json.loads(resumed.stdout)["thread_id"])
    assert f.status == "launched" and f.events["lifecycle.scheduled"] == 1
