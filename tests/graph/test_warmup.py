"""First-run warm-up: every step runs once in the background with progress, and a loaded model never waits for
the long ingest's lock."""

from __future__ import annotations

import threading
from pathlib import Path

from graph.runtime.first_run import Warmup, warmup_for
from graph.runtime.services import services_for
from graph.views.firstrun import lines
from tests.graph.conftest import make_settings


def test_warmup_runs_each_first_run_step_once_with_progress(liftoff_home: Path) -> None:
    settings = make_settings(liftoff_home)
    warm = warmup_for(settings)
    assert warmup_for(settings) is warm  # one per process and settings
    assert warm.wait(600)
    assert [s.key for s in warm.steps] == ["model", "crm", "library"]
    assert all(s.state == "done" for s in warm.steps), [(s.key, s.detail) for s in warm.steps]
    assert warm.progress() == 1.0 and warm.current is None
    assert warm.steps[1].detail == "4,000 contacts" and warm.steps[2].detail.endswith("claims indexed")
    shown = lines(warm)
    assert shown[2].startswith("done: Ingesting the brand library 'brightwell'") and " s)" in shown[2]
    svc = services_for(settings)
    assert svc._indexes  # the worker's process-wide caches are the ones warmed


def test_a_loaded_model_is_served_while_another_thread_holds_the_services_lock(liftoff_home: Path) -> None:
    settings = make_settings(liftoff_home)
    svc = services_for(settings)
    model = svc.model("planner")
    got: list[object] = []
    with svc._lock:  # e.g. a first-run ingest in progress
        t = threading.Thread(target=lambda: got.append(svc.model("planner")))
        t.start()
        t.join(5)
    assert got == [model]


def test_a_failing_step_is_reported_not_raised(liftoff_home: Path) -> None:
    settings = make_settings(liftoff_home, brand="no-such-brand")
    warm = Warmup(settings).start()
    assert warm.wait(600)
    library = warm.steps[2]
    assert library.state == "error" and "no-such-brand" in library.detail
