"""The per-campaign lock: exclusive across processes and threads, re-entrant, released when a holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graph.contracts import Caps
from tools.events import EventLog
from tools.killswitch import KillSwitch
from tools.lifecycle.lock import LockTimeout, campaign_lock, holder, is_held, lock_path
from tools.spend import SpendLedger

WORKER = Path(__file__).with_name("lock_worker.py")


def _ledger(home: Path) -> SpendLedger:
    ledger = SpendLedger(
        home / "ledger.db", events=EventLog(home / "events.db"), kill_switch=KillSwitch(home / "control.db")
    )
    ledger.set_caps(
        "cmp-lock", Caps(total=10_000, per_channel={"email": 10_000}, per_day=1_000), trace_id="trc"
    )
    return ledger


def _run_workers(
    home: Path, mode: str, procs: int = 3, n: int = 5, hold: float = 0.03
) -> list[tuple[float, float]]:
    start_at = time.time() + 1.5  # every worker starts its loop at the same instant
    outs = [home / f"out-{mode}-{i}.txt" for i in range(procs)]
    running = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                str(home),
                "cmp-lock",
                str(out),
                str(n),
                str(hold),
                str(start_at),
                mode,
            ]
        )
        for out in outs
    ]
    for p in running:
        assert p.wait(timeout=60) == 0
    return sorted(
        (float(a), float(b))
        for out in outs
        for a, b in (line.split() for line in out.read_text().splitlines())
    )


def _overlaps(intervals: list[tuple[float, float]]) -> int:
    return sum(
        1 for (_, prev_end), (start, _) in zip(intervals, intervals[1:], strict=False) if start < prev_end
    )


def test_concurrent_processes_never_interleave_under_the_lock(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    intervals = _run_workers(tmp_path, "lock")
    assert len(intervals) == 15
    assert _overlaps(intervals) == 0
    # read-modify-write of the allocation never lost an update
    assert ledger.allocation("cmp-lock")["email"] == 15.0


def test_without_the_lock_the_same_workers_interleave(tmp_path: Path) -> None:
    """The control experiment: the test above can fail (unlocked workers overlap and lose updates)."""
    ledger = _ledger(tmp_path)
    intervals = _run_workers(tmp_path, "nolock")
    assert _overlaps(intervals) > 0
    assert ledger.allocation("cmp-lock")["email"] < 15.0


def test_threads_are_exclusive_and_the_holder_is_named(tmp_path: Path) -> None:
    entered = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with campaign_lock(tmp_path, "cmp-t", purpose="publishing"):
            entered.set()
            release.wait(5)

    t = threading.Thread(target=hold)
    t.start()
    assert entered.wait(5)
    who = holder(tmp_path, "cmp-t")
    assert who is not None and who["pid"] == os.getpid() and who["purpose"] == "publishing"
    with (
        pytest.raises(LockTimeout, match=r"cmp-t is locked by pid \d+ .*publishing"),
        campaign_lock(tmp_path, "cmp-t", timeout_s=0.2),
    ):
        pass
    with campaign_lock(tmp_path, "cmp-other", timeout_s=0.2):  # another campaign never waits
        pass
    release.set()
    t.join()
    assert holder(tmp_path, "cmp-t") is None
    with campaign_lock(tmp_path, "cmp-t", timeout_s=1):
        assert is_held(tmp_path, "cmp-t")


def test_reentrant_in_one_thread(tmp_path: Path) -> None:
    with campaign_lock(tmp_path, "cmp-r"):
        with campaign_lock(tmp_path, "cmp-r", timeout_s=0.1):
            assert is_held(tmp_path, "cmp-r")
        assert is_held(tmp_path, "cmp-r")
    assert not is_held(tmp_path, "cmp-r")


def test_a_killed_holder_releases_the_lock(tmp_path: Path) -> None:
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1]);"
        "from tools.lifecycle.lock import campaign_lock\n"
        "with campaign_lock(sys.argv[2], 'cmp-k', purpose='doomed'):\n"
        "    print('held', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(Path(__file__).resolve().parents[3]), str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    with pytest.raises(LockTimeout, match="doomed"), campaign_lock(tmp_path, "cmp-k", timeout_s=0.2):
        pass
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    with campaign_lock(tmp_path, "cmp-k", timeout_s=2) as held:
        assert held.campaign_id == "cmp-k"


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="empty"):
        lock_path("/tmp", " ")
    assert lock_path("/tmp", "a/b") != lock_path("/tmp", "a_b")  # a digest keeps look-alike ids apart
