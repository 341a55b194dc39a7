"""The lifecycle store: schedules become cycles in day order, a lease claims each once, failures retry then pause."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tools.lifecycle.store import LifecycleError, LifecycleStore

WORKER = Path(__file__).with_name("claim_worker.py")


class Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


def _store(tmp_path: Path, clock: Clock | None = None) -> LifecycleStore:
    return LifecycleStore(tmp_path / "lifecycle.db", clock=clock)


def _register(
    store: LifecycleStore,
    cid: str = "cmp-1",
    *,
    first_day: int = 3,
    last_day: int = 27,
    every: dict[str, int] | None = None,
) -> None:
    assert store.ensure_campaign(
        cid,
        trace_id=f"trc-{cid}",
        clock="simulated",
        start_date=date(2027, 3, 2),
        last_day=last_day,
        first_day=first_day,
        window_days=90,
        every=every,
    )


def _drain(store: LifecycleStore, cid: str = "cmp-1", horizon: int | None = None) -> list[str]:
    out = []
    while (c := store.claim(cid, "me", lease_s=60, horizon_day=horizon)) is not None:
        out.append(c.cycle_id.split(":", 1)[1])
        store.finish(c.cycle_id, "me", ok=True)
    return out


def test_cycles_come_in_day_order_optimize_before_the_weekly_report(tmp_path: Path) -> None:
    store = _store(tmp_path)
    _register(store)
    assert not store.ensure_campaign(
        "cmp-1",
        trace_id="x",
        clock="wall",
        start_date=date(2027, 1, 1),
        last_day=5,
        first_day=0,
        window_days=1,
    )  # registered once
    ran = _drain(store, horizon=13)
    assert ran[:5] == ["optimize:d3", "optimize:d4", "optimize:d5", "optimize:d6", "report:d6"]
    assert ran[-2:] == ["optimize:d13", "report:d13"]
    assert len(ran) == 11 + 2
    ran += _drain(store)  # the rest, up to the campaign's last day
    assert [r for r in ran if r.startswith("report")] == [
        "report:d6",
        "report:d13",
        "report:d20",
        "report:d27",
    ]
    assert sum(r.startswith("optimize") for r in ran) == 25 and len(ran) == len(set(ran))
    assert store.claim("cmp-1", "me", lease_s=60) is None
    assert all(c.status == "done" and c.attempts == 1 for c in store.cycles("cmp-1"))


def test_one_cycle_per_campaign_and_a_dead_owners_lease_is_reclaimed(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    _register(store)
    first = store.claim("cmp-1", "a", lease_s=10)
    assert first is not None and first.cycle_id == "cmp-1:optimize:d3" and first.attempts == 1
    assert store.claim("cmp-1", "b", lease_s=10) is None  # a is running it: nothing else of cmp-1 runs
    assert store.running("cmp-1") is not None and store.running("cmp-1").owner == "a"  # type: ignore[union-attr]
    clock.t += 5
    assert store.renew(first.cycle_id, "a", 10)  # a is alive: its lease moves on
    clock.t += 8
    assert store.claim("cmp-1", "b", lease_s=10) is None
    clock.t += 20  # a died: its lease ran out
    again = store.claim("cmp-1", "b", lease_s=10)
    assert (
        again is not None and again.cycle_id == first.cycle_id and again.owner == "b" and again.attempts == 2
    )
    assert "lease expired" in again.error
    assert not store.renew(first.cycle_id, "a", 10)  # a woke up: it lost the cycle
    assert store.finish(first.cycle_id, "a", ok=True) is None  # and cannot record it
    assert store.finish(first.cycle_id, "b", ok=True, outcome={"x": 1}).status == "done"  # type: ignore[union-attr]
    assert store.cycle(first.cycle_id).outcome == {"x": 1}  # type: ignore[union-attr]


def test_failures_retry_with_backoff_then_pause_the_schedule(tmp_path: Path) -> None:
    clock = Clock()
    store = _store(tmp_path, clock)
    _register(store)
    c = store.claim("cmp-1", "a", lease_s=10)
    assert c is not None
    store.finish(c.cycle_id, "a", ok=False, error="boom", backoff_s=30)
    assert store.claim("cmp-1", "a", lease_s=10) is None  # backing off; later days wait for it (day order)
    clock.t += 31
    c2 = store.claim("cmp-1", "a", lease_s=10)
    assert c2 is not None and c2.cycle_id == c.cycle_id and c2.attempts == 2
    store.finish(c2.cycle_id, "a", ok=False, error="boom", backoff_s=30)
    clock.t += 61
    c3 = store.claim("cmp-1", "a", lease_s=10)
    assert c3 is not None and c3.attempts == 3
    store.finish(c3.cycle_id, "a", ok=False, error="boom again", max_attempts=3)
    sched = store.campaign("cmp-1")
    assert sched is not None and not sched.enabled and "boom again" in sched.paused_reason
    clock.t += 1000
    assert store.claim("cmp-1", "a", lease_s=10) is None
    store.set_enabled("cmp-1", True)
    c4 = store.claim("cmp-1", "a", lease_s=10)
    assert c4 is not None and c4.cycle_id == c.cycle_id and c4.attempts == 1


def test_release_and_manual_and_kind(tmp_path: Path) -> None:
    store = _store(tmp_path)
    _register(store)
    c = store.claim("cmp-1", "a", lease_s=10)
    assert c is not None and store.release(c.cycle_id, "a", "campaign awaiting approval")
    again = store.claim("cmp-1", "b", lease_s=10)
    assert (
        again is not None and again.cycle_id == c.cycle_id and again.attempts == 1
    )  # a release is no attempt
    store.finish(again.cycle_id, "b", ok=True)
    extra = store.add_manual("cmp-1", "report", 3)
    got = store.claim("cmp-1", "b", lease_s=10, kind="report")
    assert got is not None and got.cycle_id == extra and got.trigger == "manual"
    store.finish(extra, "b", ok=True)
    nxt = store.claim("cmp-1", "b", lease_s=10, kind="report")  # forced: the next scheduled report
    assert nxt is not None and nxt.cycle_id == "cmp-1:report:d6"


def test_bad_input_and_wall_clock(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with pytest.raises(LifecycleError, match="at least 1 day"):
        store.ensure_campaign(
            "x",
            trace_id="t",
            clock="simulated",
            start_date=date(2027, 1, 1),
            last_day=3,
            first_day=0,
            window_days=5,
            every={"optimize": 0},
        )
    with pytest.raises(LifecycleError, match="unknown cycle kind"):
        store.ensure_campaign(
            "x",
            trace_id="t",
            clock="simulated",
            start_date=date(2027, 1, 1),
            last_day=3,
            first_day=0,
            window_days=5,
            every={"weekly": 7},
        )
    with pytest.raises(LifecycleError, match="no schedule"):
        store.set_enabled("nope", False, "x")
    with pytest.raises(LifecycleError, match="lease_s"):
        store.claim("x", "me", lease_s=0)
    _register(store, "cmp-w", first_day=0, last_day=10, every={"optimize": 2})
    sched = store.campaign("cmp-w")
    assert sched is not None and sched.today(datetime(2027, 3, 6, 12, tzinfo=UTC)) == 4
    assert _drain(store, "cmp-w", horizon=4) == ["optimize:d0", "optimize:d2", "optimize:d4"]
    changed = store.update_campaign("cmp-w", every={"report": 3}, window_days=30)
    assert changed.every == {"optimize": 2, "report": 3} and changed.window_days == 30


def test_two_processes_never_claim_the_same_cycle(tmp_path: Path) -> None:
    db = tmp_path / "lifecycle.db"
    store = LifecycleStore(db)
    for i in range(4):
        _register(store, f"cmp-{i}", first_day=0, last_day=9, every={"optimize": 1, "report": 7})
    start_at = time.time() + 1.5
    outs = [tmp_path / f"out-{i}.txt" for i in range(3)]
    procs = [
        subprocess.Popen([sys.executable, str(WORKER), str(db), str(out), "0.01", str(start_at)])
        for out in outs
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0
    rows = [line.split() for out in outs for line in out.read_text().splitlines()]
    ran = Counter(r[0] for r in rows)
    expected = {f"cmp-{i}:optimize:d{d}" for i in range(4) for d in range(10)} | {
        f"cmp-{i}:report:d6" for i in range(4)
    }
    assert set(ran) == expected and set(ran.values()) == {1}  # every cycle ran, and exactly once
    for cid in (f"cmp-{i}" for i in range(4)):  # one campaign never ran two cycles at once
        spans = sorted((float(r[2]), float(r[3])) for r in rows if r[0].startswith(cid + ":"))
        overlaps = [(a, b) for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1]]
        assert not overlaps, (cid, overlaps)
    odd = [
        (c.cycle_id, c.status, c.attempts, c.error)
        for c in store.cycles()
        if c.status != "done" or c.attempts != 1
    ]
    assert not odd, odd  # every cycle done, each claimed exactly once
