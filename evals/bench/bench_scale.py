"""Benchmark: more than one machine. Two worker processes on different homes share one PostgreSQL
(``LIFTOFF_DATABASE_URL``) and start campaigns; a kill-switch is engaged from a third process mid-way.

Prints: duplicate publishes (connector calls per idempotency key > 1), lost or duplicated events (every published
program has exactly one ``orchestrator.published`` event, every ledger spend entry one ``spend.recorded``), cap
breaches (spend over a campaign's total, channel or day cap), the time the kill-switch took to stop every worker,
and campaigns per minute through ``langgraph dev`` vs the in-process runner (the CLI's).

Run: ``python -m evals.bench.bench_scale [N_CAMPAIGNS] [N_SERVER]`` (default 50 and 6). Needs PostgreSQL's server
binaries (``make services-deps``) and langgraph-cli[inmem].
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from evals.langgraph_server import langgraph_dev
from evals.pgcluster import throwaway_cluster
from tools.sqlstore import POOLS

REPO = Path(__file__).resolve().parents[2]


def _workers(url: str, root: Path, n: int) -> tuple[list[dict[str, Any]], float, float]:
    """Run n campaigns over two workers; engage the global kill-switch once half are done."""
    from tools.killswitch import KillSwitch  # lazy: start-up (pydantic)

    per = [n // 2, n - n // 2]
    outs = [root / f"worker-{i}.jsonl" for i in range(2)]
    start_at = time.time() + 25  # both workers load their embedder and open the stores first
    procs = []
    for i, out in enumerate(outs):
        env = {
            **os.environ,
            "LIFTOFF_HOME": str(root / f"home-{i}"),
            "LIFTOFF_DATABASE_URL": url,
            "LIFTOFF_CRM_CONTACTS": "20000",
            "LIFTOFF_CHECK_DATE": "2026-11-25",
            "PYTHONPATH": str(REPO),
        }
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "evals.bench.scale_worker", str(out), str(per[i]), str(start_at)],
                env=env,
                cwd=REPO,
            )
        )
    engaged_at = 0.0
    while any(p.poll() is None for p in procs):
        done = sum(len(o.read_text().splitlines()) for o in outs if o.exists())
        if not engaged_at and done >= n // 2:
            KillSwitch(url).set(True, actor="bench", reason="incident drill")
            engaged_at = time.time()
        time.sleep(0.05)
    for p in procs:
        if p.returncode != 0:
            raise SystemExit(f"worker failed with exit {p.returncode}")
    rows = [
        {**json.loads(line), "worker": i} for i, o in enumerate(outs) for line in o.read_text().splitlines()
    ]
    return rows, engaged_at, start_at


def _verify(url: str, rows: list[dict[str, Any]], engaged_at: float) -> dict[str, Any]:
    from tools.channels.store import ProgramStore  # lazy: start-up (pydantic)
    from tools.events import EventLog  # lazy: start-up (pydantic)
    from tools.killswitch import KillSwitch  # lazy: start-up (pydantic)
    from tools.spend import SpendLedger  # lazy: start-up (pydantic)

    calls = Counter(key for r in rows for key, _t in r["calls"])
    events, store = EventLog(url), ProgramStore(url)
    ledger = SpendLedger(url, events=events, kill_switch=KillSwitch(url))
    published_events = Counter(
        e.payload["idempotency_key"] for _, e in events.read(0, 10**7, types=["orchestrator.published"])
    )
    spend_events = Counter(e.payload["key"] for _, e in events.read(0, 10**7, types=["spend.recorded"]))
    lost = dup = breaches = 0
    for r in rows:
        cid = r["campaign_id"]
        for rec in store.by_campaign(cid):
            if rec.state == "published":
                got = published_events.get(rec.idempotency_key, 0)
                lost, dup = lost + (got == 0), dup + max(0, got - 1)
        spends = ledger.entries(cid, "spend")
        for entry in spends:
            got = spend_events.get(entry.key, 0)
            lost, dup = lost + (got == 0), dup + max(0, got - 1)
        caps = ledger.caps(cid)
        if caps is not None:
            breaches += ledger.spent(cid) > caps.total + 1e-9
            breaches += sum(ledger.spent(cid, ch) > cap + 1e-9 for ch, cap in caps.per_channel.items())
            days = {e.day for e in spends}
            breaches += sum(ledger.spent(cid, day=d) > caps.per_day + 1e-9 for d in days if caps.per_day)
    after = [t for r in rows for _k, t in r["calls"] if t > engaged_at]
    # A worker has stopped once it makes no more connector calls: its last call after the switch (0 when none).
    stop = max([0.0] + [t - engaged_at for r in rows for _k, t in r["calls"] if t > engaged_at])
    return {
        "stop_s": stop,
        "campaigns": len(rows),
        "launched": sum(r["status"] == "launched" for r in rows),
        "connector_calls": sum(calls.values()),
        "duplicate_publishes": sum(c - 1 for c in calls.values() if c > 1),
        "lost_events": lost,
        "duplicated_events": dup,
        "cap_breaches": breaches,
        "publishes_after_switch": len(after),
        "campaigns_blocked_after_switch": sum(1 for r in rows if r["started"] > engaged_at and r["blocked"]),
    }


def _per_minute_server(n: int, root: Path) -> float:
    from evals.bench.scale_worker import BRIEF  # lazy: start-up (pydantic)
    from graph.runtime.remote import RemoteCampaigns  # lazy: start-up (langchain_core, langgraph, pydantic)
    from graph.runtime.settings import Settings  # lazy: start-up (pydantic)

    env = {
        "LIFTOFF_HOME": str(root / "server-home"),
        "LIFTOFF_CRM_CONTACTS": "20000",
        "LIFTOFF_CHECK_DATE": "2026-11-25",
    }
    with langgraph_dev(env, root / "server.log") as url:
        remote = RemoteCampaigns(
            Settings.from_env({"LIFTOFF_HOME": str(root / "client"), "LIFTOFF_SERVER_URL": url})
        )
        remote.start(BRIEF, auto_approve=True)  # warm: seed, embedder, ingest
        t0 = time.perf_counter()
        statuses = [remote.start(BRIEF, auto_approve=True).status for _ in range(n)]
        took = time.perf_counter() - t0
    assert all(s == "launched" for s in statuses), statuses
    return n / took * 60


def _per_minute_cli(n: int, root: Path) -> float:
    from evals.bench.scale_worker import BRIEF  # lazy: start-up (pydantic)
    from graph.contracts.network import apply_offline_defaults  # lazy: start-up (pydantic)
    from graph.runtime.runner import Campaigns  # lazy: start-up (langchain_core, langgraph, pydantic)
    from graph.runtime.settings import Settings  # lazy: start-up (pydantic)

    apply_offline_defaults()
    campaigns = Campaigns(
        Settings.from_env(
            {
                "LIFTOFF_HOME": str(root / "cli-home"),
                "LIFTOFF_CRM_CONTACTS": "20000",
                "LIFTOFF_CHECK_DATE": "2026-11-25",
            }
        )
    )
    campaigns.start(BRIEF, auto_approve=True)
    t0 = time.perf_counter()
    statuses = [campaigns.start(BRIEF, auto_approve=True).status for _ in range(n)]
    took = time.perf_counter() - t0
    campaigns.close()
    assert all(s == "launched" for s in statuses), statuses
    return n / took * 60


def main(n: int = 50, n_server: int = 6) -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory(prefix="liftoff-scale-") as tmp, throwaway_cluster() as url:
        root = Path(tmp)
        t0, t0_wall = time.perf_counter(), time.time()
        rows, engaged_at, start_at = _workers(url, root, n)
        wall = time.perf_counter() - t0
        figures = _verify(url, rows, engaged_at)

        POOLS.close_all()
    print(
        f"== {n} campaigns, 2 workers on different homes, one PostgreSQL; global kill-switch at half-way =="
    )
    print(
        f"campaigns run: {figures['campaigns']} (launched {figures['launched']}), wall {wall:.1f} s "
        f"(incl. {max(0.0, start_at - t0_wall):.0f} s worker start-up)"
    )
    print(
        f"connector calls: {figures['connector_calls']}; duplicate publishes: {figures['duplicate_publishes']}"
    )
    print(f"lost events: {figures['lost_events']}; duplicated events: {figures['duplicated_events']}")
    print(f"cap breaches: {figures['cap_breaches']}")
    print(
        f"kill-switch: every worker stopped within {figures['stop_s']:.3f} s (last connector call after the "
        f"switch; 0 = none); connector calls after it: {figures['publishes_after_switch']}; campaigns started "
        f"after it with programs blocked: {figures['campaigns_blocked_after_switch']}"
    )
    with tempfile.TemporaryDirectory(prefix="liftoff-rate-") as tmp:
        cli = _per_minute_cli(n_server, Path(tmp))
        server = _per_minute_server(n_server, Path(tmp))
    print(f"== campaigns per minute ({n_server} offline campaigns, warm, auto-approved) ==")
    print(f"in-process runner (the CLI's): {cli:6.1f} /min")
    print(f"langgraph dev + langgraph-sdk: {server:6.1f} /min")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
