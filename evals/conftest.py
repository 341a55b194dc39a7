"""``pytest evals/``: run every shipped suite once (offline control cohort) and expose the results to the tests.

Under pytest-xdist the run is shared: the first worker runs it under a file lock and writes the results, the
others read them, so the suite runs once per session whatever the number of workers. Outbound connections are
refused for the whole session (loopback stays allowed), as in ``tests/``.
"""

from __future__ import annotations

import fcntl
import ipaddress
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from evals.results import EvalRun
from evals.runner import RunOptions, run_evals
from evals.suites import resolve_suites
from graph.config import Settings
from graph.offline import apply_offline_defaults

apply_offline_defaults()


def _is_local(host: object) -> bool:
    if not isinstance(host, str):
        return True
    if host in ("localhost", "", "::1"):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(scope="session", autouse=True)
def no_outbound_network() -> Iterator[None]:
    """Refuse every non-loopback connection for the session."""
    real = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if not _is_local(host):
            raise ConnectionRefusedError(f"evals block outbound connections (to {address!r})")
        return real(self, address)  # type: ignore[arg-type]

    socket.socket.connect = guarded  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        socket.socket.connect = real  # type: ignore[method-assign]


def _run(home: Path) -> EvalRun:
    """Run every suite offline; with ``LIFTOFF_EVALS_REPORT=path.json`` also write the reports there."""
    settings = Settings(home=home, model="offline")
    run = run_evals(RunOptions(datasets=resolve_suites("all"), settings=settings, workers=2, progress=False,
                               label="pytest evals (offline control cohort)"))
    report = os.environ.get("LIFTOFF_EVALS_REPORT")
    if report:
        from graph.cli.evals import write_reports

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
