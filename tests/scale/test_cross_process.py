"""Guarantees across processes on different LIFTOFF_HOMEs sharing one real PostgreSQL (LIFTOFF_DATABASE_URL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from graph.contracts import Caps
from tools.channels.outbox import Outbox
from tools.channels.store import ProgramStore
from tools.events import EventLog
from tools.killswitch import KillSwitch
from tools.spend import SpendLedger

WORKER = Path(__file__).with_name("worker.py")


def _start(
    tmp: Path, url: str, name: str, *args: str, start_at: float
) -> tuple[subprocess.Popen[bytes], Path]:
    home, out = tmp / f"home-{name}", tmp / f"{name}.json"
    env = {**os.environ, "LIFTOFF_HOME": str(home), "LIFTOFF_DATABASE_URL": url}
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), args[0], str(out), str(start_at), *args[1:]], env=env
    )
    return proc, out


def _run(
    tmp: Path, url: str, jobs: dict[str, tuple[str, ...]], lead_s: float = 15.0
) -> dict[str, dict[str, Any]]:
    start_at = time.time() + lead_s
    procs = {name: _start(tmp, url, name, *args, start_at=start_at) for name, args in jobs.items()}
    results = {}
    for name, (proc, out) in procs.items():
        assert proc.wait(timeout=300) == 0, f"worker {name} failed"
        results[name] = json.loads(out.read_text())
    return results


def test_two_workers_never_exceed_a_cap_together(tmp_path: Path, postgres_url: str) -> None:
    events = EventLog(postgres_url)
    ledger = SpendLedger(postgres_url, events=events, kill_switch=KillSwitch(postgres_url))
    ledger.set_caps("cap-1", Caps(total=100, per_channel={"email": 100}, per_day=100), trace_id="t")
    res = _run(
        tmp_path, postgres_url, {"a": ("spend", "cap-1", "80", "3"), "b": ("spend", "cap-1", "80", "3")}
    )
    committed = res["a"]["committed"] + res["b"]["committed"]
    assert committed == 33  # 33 x 3 = 99 <= 100; the 34th would breach the cap, whichever worker tries it
    assert ledger.spent("cap-1") == 99.0
    assert res["a"]["committed"] > 0 and res["b"]["committed"] > 0  # both really raced
    recorded = [e for _, e in events.read(0, types=["spend.recorded"]) if e.campaign_id == "cap-1"]
    assert len(recorded) == len({e.id for e in recorded}) == 33


def test_the_same_programs_publish_once_across_workers(tmp_path: Path, postgres_url: str) -> None:
    n = 12
    res = _run(tmp_path, postgres_url, {w: ("publish", "pub-1", str(n)) for w in ("a", "b", "c")})
    calls = [k for r in res.values() for k in r["calls"]]
    assert len(calls) == len(set(calls)) == n  # every program delivered by exactly one worker
    # A worker that meets a program in flight in another worker returns it as stored (in flight shows as scheduled).
    assert {s for r in res.values() for s in r["statuses"]} <= {"published", "scheduled"}
    assert {r.state for r in ProgramStore(postgres_url).by_campaign("pub-1")} == {"published"}
    outbox = Outbox(postgres_url).entries("pub-1")
    assert len(outbox) == n and {e.status for e in outbox} == {"published"}
    published = [
        e for _, e in EventLog(postgres_url).read(0, campaign_id="pub-1", types=["orchestrator.published"])
    ]
    assert sorted(e.payload["idempotency_key"] for e in published) == sorted(calls)  # one event per program


def test_a_kill_switch_engaged_anywhere_stops_every_worker_within_a_second(
    tmp_path: Path, postgres_url: str
) -> None:
    KillSwitch(postgres_url)  # create the store before the workers race to
    start_at = time.time() + 6.0
    procs = {w: _start(tmp_path, postgres_url, w, "kill", "ks-1", w, start_at=start_at) for w in ("a", "b")}
    time.sleep(max(0.0, start_at - time.time()) + 2.0)  # both publishing for ~2 s
    engaged_at = time.time()
    KillSwitch(postgres_url).set(True, actor="ops", reason="incident")  # a third process, a third "machine"
    for name, (proc, out) in procs.items():
        assert proc.wait(timeout=120) == 0, f"worker {name} failed"
        res = json.loads(out.read_text())
        assert res["published"], f"worker {name} never published before the switch"
        assert res["blocked_at"] is not None
        assert res["blocked_at"] - engaged_at < 1.0, (
            f"worker {name} kept going {res['blocked_at'] - engaged_at:.2f}s"
        )
        late = [t for t in res["published"] if t > engaged_at + 0.05]  # an attempt started after the switch
        assert not late, f"worker {name} published {len(late)} program(s) after the kill-switch"
        assert res["spend_after"] == "KillSwitchEngaged"
