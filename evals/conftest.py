"""``pytest evals/``: run every shipped suite once (offline control cohort) and expose the results to the tests.

Under pytest-xdist the run is shared: the first worker runs it under a file lock and writes the results, the
others read them, so the suite runs once per session whatever the number of workers. Outbound connections are
refused for the whole session (loopback stays allowed), as in ``tests/``.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from evals.cli import write_reports
from evals.netguard import OUTBOUND_ATTEMPTS, install_socket_guard
from evals.results import EvalRun
from evals.runner import RunOptions, run_evals
from evals.suites import resolve_suites
from graph.contracts.network import apply_offline_defaults
from graph.runtime.settings import Settings

apply_offline_defaults()


@pytest.fixture(scope="session", autouse=True)
def no_outbound_network() -> Iterator[None]:
    """Refuse every non-loopback connection and DNS lookup (the same guard as ``tests/``); fail on any attempt."""
    install_socket_guard()
    before = len(OUTBOUND_ATTEMPTS)
    yield
    assert OUTBOUND_ATTEMPTS[before:] == [], (
        f"evals attempted outbound connections: {OUTBOUND_ATTEMPTS[before:]}"
    )


def _run(home: Path) -> EvalRun:
    """Run every suite offline; with ``LIFTOFF_EVALS_REPORT=path.json`` also write the reports there."""
    settings = Settings(home=home, model="offline")
    run = run_evals(
        RunOptions(
            datasets=resolve_suites("all"),
            settings=settings,
            workers=2,
            progress=False,
            label="pytest evals (offline control cohort)",
        )
    )
    report = os.environ.get("LIFTOFF_EVALS_REPORT")
    if report:
        write_reports(run, Path(report))
    return run


@pytest.fixture(scope="session")
def eval_run(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> EvalRun:
    """The results of every shipped suite on the offline engine (run once per session)."""
    if worker_id == "master":
        return _run(tmp_path_factory.mktemp("evals-home"))
    shared = tmp_path_factory.getbasetemp().parent  # one directory per session, shared by the xdist workers
    results = shared / "liftoff-evals-run.json"
    with open(shared / "liftoff-evals-run.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if results.exists():
                return EvalRun.load(results)
            run = _run(Path(tempfile.mkdtemp(prefix="evals-home-", dir=shared)))
            run.save(results)
            return run
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """xdist's worker id ('master' without xdist); defined here so evals/ also runs without the plugin."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"
