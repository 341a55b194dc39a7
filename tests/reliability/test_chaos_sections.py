"""The chaos suite's own machinery and its new sections, CI-sized.

- crash points are derived, not guessed: every graph node, every event type a recorded run appended, every call
  it made; a point that never fires counts as never fired (and the suite reports it red); unknown points are
  refused;
- the recording harness sees every event type the run stored (so every ``event:`` point can fire);
- the Unicode evasion corpus (held out from the unit corpus) is caught 100%, with no supported copy refused;
- hostile segment files end in one short clear line and leave the CRM store as it was;
- two schedulers at once on one home run no cycle twice and lose no event.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from evals.chaos import adversarial, crash, crash_points, schedulers, unicode_evasion
from evals.chaos.figures import BRIEF, Figure, cli, env_for
from evals.chaos.state import facts
from graph.runtime.settings import Settings


def _red(figures: list[Figure]) -> list[str]:
    return [f.line() for f in figures if not f.ok]


def test_crash_points_come_from_the_graph_and_the_recorded_run() -> None:
    reached = {
        "event:planner.blueprint": 1,
        "event:human.decision": 1,
        "connector:publish:after": 3,
        "ledger:commit:after": 1,
        "node:planner:before": 1,
    }
    todo = crash_points.points(False, reached)
    for node in crash.graph_nodes():
        assert f"node:{node}:before" in todo and f"node:{node}:after" in todo
    assert {p for p in todo if p.startswith("event:")} == {"event:planner.blueprint", "event:human.decision"}
    assert "connector:publish:after:2" in todo and "ledger:commit:after:2" not in todo
    assert "connector:schedule:before" not in todo  # a call the run did not make is not invented
    assert crash_points.hits("node:planner:before", reached) == 1
    assert (
        crash_points.hits("node:optimizer:before", reached) <= 0
    )  # never reached: reported red by the suite
    assert crash_points.hits("connector:publish:after:3", reached) == 1
    assert crash_points.hits("connector:publish:after:4", reached) <= 0


@pytest.mark.parametrize(
    "point", ["node:nowhere:before", "event:", "ledger:commit", "connector:fax:after", "x"]
)
def test_an_unknown_crash_point_is_refused(point: str) -> None:
    with pytest.raises(ValueError, match="unknown crash point"):
        crash.install(point)


def test_unicode_evasion_corpus_is_caught_in_full() -> None:
    figures = unicode_evasion.run(quick=True)
    assert not _red(figures)
    got = unicode_evasion.measure()
    assert len(set(got["tried"])) == len(unicode_evasion.EVASIONS)
    assert got["evasions"] == [] and got["false_refusals"] == []


@pytest.mark.slow
def test_the_recorder_sees_every_event_type_the_run_stored(tmp_path: Path) -> None:
    home, record = tmp_path / "home", tmp_path / "reached.json"
    run = cli(
        env_for(home, LIFTOFF_CHAOS_RECORD=str(record)), "run", "--brief", BRIEF, "--auto-approve", "--json"
    )
    assert run.returncode == 0, run.stderr[-1500:]
    reached = json.loads(record.read_text())
    stored = facts(Settings.from_env(env_for(home)), json.loads(run.stdout)["thread_id"]).events
    assert stored and {f"event:{t}" for t in stored} <= set(reached)
    assert all(reached.get(f"event:{t}", 0) >= n for t, n in stored.items())
    for node in (
        "intake",
        "planner",
        "content",
        "governance",
        "human_review",
        "orchestrator",
        "after_launch",
    ):
        assert reached.get(f"node:{node}:before", 0) >= 1, node


@pytest.mark.slow
def test_hostile_segment_files_are_refused_in_one_short_line() -> None:
    names = ("deep nesting", "20 MB value", "injection in field", "non-UTF-8")
    figures = adversarial._segments(Path(tempfile.mkdtemp(prefix="chaos-seg-")), names)
    assert len(figures) == len(names) + 1 and not _red(figures)


@pytest.mark.slow
def test_two_schedulers_on_one_home_run_no_cycle_twice() -> None:
    figures = schedulers.run(quick=True)
    assert len(figures) == 6 and not _red(figures)
