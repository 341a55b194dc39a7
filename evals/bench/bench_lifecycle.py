"""Benchmark: a campaign's four weeks rehearsed on the simulator, with a rollback in week two.

Run: ``python -m evals.bench.bench_lifecycle [--contacts N] [--days D]`` (or ``make bench``). Prints figures;
asserts nothing about speed (exits 1 only when the rehearsal itself goes wrong: a cycle run twice or failed).

* Launch the example brief (auto-approved), then days up to 9 with one in-process scheduler, a rollback of
  paid social (and its no-op repeat), then the rest with two ``liftoff scheduler`` processes at once.
* Cycle latency (p50/p95), the whole rehearsal's wall time (aim: four weeks in under 30 s after launch on
  a 2-core machine), cycles per scheduler process, duplicates (must be 0).
* The final scorecard: spend, conversions, cost per result, lift vs control, sourced/influenced pipeline.
* The campaign lock: uncontended acquire+release (aim: under 1 ms) and a contended hand-off between threads.
* Pipeline: seeding accounts from the CRM and one attribution refresh at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from graph.contracts.network import apply_offline_defaults
from graph.runtime.lifecycle_hooks import lifecycle_store
from graph.runtime.scheduler import Scheduler
from graph.runtime.settings import REPO_ROOT, Settings
from tools.lifecycle.lock import campaign_lock
from tools.lifecycle.rollback import Scope, rollback
from tools.pipeline.impact import pipeline_impact
from tools.pipeline.store import PipelineStore


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def bench_lock(home: Path, n: int = 2000) -> dict[str, float]:
    """Uncontended acquire+release time, and hand-off latency between two threads taking turns."""
    t0 = time.perf_counter()
    for _ in range(n):
        with campaign_lock(home / "locks", "bench"):
            pass
    uncontended = (time.perf_counter() - t0) / n
    rounds = 200
    waits: list[float] = []

    def worker() -> None:
        for _ in range(rounds):
            with campaign_lock(home / "locks", "bench-c") as held:
                waits.append(held.waited_s)
                time.sleep(0.0005)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    waited = [w for w in waits if w > 0]
    return {
        "uncontended_ms": uncontended * 1000,
        "contended_share": len(waited) / len(waits),
        "contended_wait_mean_ms": (sum(waited) / len(waited) * 1000) if waited else 0.0,
        "contended_wait_max_ms": max(waits) * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the rehearsal and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=20_000, help="CRM size (default 20,000)")
    parser.add_argument("--days", type=int, default=27, help="last campaign day to rehearse (default 27)")
    args = parser.parse_args(argv)

    from graph.runtime.runner import Campaigns  # lazy: start-up (langchain_core, langgraph)

    apply_offline_defaults()
    brief = (REPO_ROOT / "examples" / "briefs" / "maxflow-launch.md").read_text()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {
            "LIFTOFF_HOME": str(home),
            "LIFTOFF_CRM_CONTACTS": str(args.contacts),
            "LIFTOFF_CHECK_DATE": "2026-11-25",
        }
        settings = Settings.from_env(env)
        campaigns = Campaigns(settings)
        t0 = time.perf_counter()
        launched = campaigns.start(brief, auto_approve=True, campaign_id="cmp-bench")
        launch_s = time.perf_counter() - t0
        if launched.status != "launched":
            print(f"launch failed: {launched.status} {launched.reason}")
            return 1
        cid = launched.thread_id
        store = lifecycle_store(settings)
        print(f"launch (cold process, {args.contacts:,} contacts, auto-approved): {launch_s:.1f} s")

        t1 = time.perf_counter()
        outcomes: list[Any] = []
        first = Scheduler(campaigns, store, until_day=min(9, args.days), auto_approve=True)
        first.run(until_idle=True, interval_s=0.05, on_pass=lambda r: outcomes.extend(r.ran))
        week1_s = time.perf_counter() - t1
        t2 = time.perf_counter()
        svc = campaigns.services
        rb = rollback(
            campaign_id=cid,
            trace_id=launched.trace_id,
            publisher=svc.publisher,
            ledger=svc.ledger,
            events=svc.events,
            locks_dir=settings.path("locks"),
            scope=Scope("paid_social"),
            by="bench",
        )
        rollback_s = time.perf_counter() - t2
        t3 = time.perf_counter()
        again = rollback(
            campaign_id=cid,
            trace_id=launched.trace_id,
            publisher=svc.publisher,
            ledger=svc.ledger,
            events=svc.events,
            locks_dir=settings.path("locks"),
            scope=Scope("paid_social"),
            by="bench",
        )
        repeat_s = time.perf_counter() - t3

        t4 = time.perf_counter()
        cli = "import sys; from graph.cli import main; sys.exit(main())"
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    cli,
                    "scheduler",
                    "--until-idle",
                    "--until-day",
                    str(args.days),
                    "--auto-approve",
                    "--json",
                    "--interval",
                    "0.2",
                ],
                cwd=REPO_ROOT,
                env={**os.environ, **env},
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        per_process = []
        for p in procs:
            out, _ = p.communicate(timeout=1800)
            lines = [json.loads(x) for x in out.splitlines() if x.strip()]
            per_process.append(len(lines))
            outcomes.extend(
                type("O", (), {"elapsed_s": x["elapsed_s"], "status": x["status"], "cycle_id": x["cycle_id"]})
                for x in lines
            )
        rest_s = time.perf_counter() - t4

        started = Counter(
            e.payload["cycle_id"]
            for _, e in svc.events.read(0, 1_000_000, campaign_id=cid, types=["lifecycle.cycle_started"])
        )
        duplicates = sum(n - 1 for n in started.values())
        failed = sum(o.status != "done" for o in outcomes)
        lat = [o.elapsed_s for o in outcomes]
        print(
            f"cycles: {len(outcomes)} ({Counter(o.cycle_id.split(':')[1] for o in outcomes)}); failed {failed}; "
            f"run twice {duplicates}"
        )
        print(f"  latency p50 {_pct(lat, 0.5):.3f} s, p95 {_pct(lat, 0.95):.3f} s, max {max(lat):.3f} s")
        print(
            f"  days 0-9 in-process: {week1_s:.1f} s; days 10-{args.days} with two scheduler processes: "
            f"{rest_s:.1f} s (cycles per process {per_process})"
        )
        print(f"  rehearsal after launch: {week1_s + rollback_s + rest_s:.1f} s")
        print(
            f"rollback of paid_social: {rollback_s * 1000:.0f} ms, {rb.steps} steps "
            f"({len(rb.cancelled)} programs cancelled, allocation {rb.allocation}); repeat "
            f"{repeat_s * 1000:.0f} ms, no-op {again.noop}, same result {again.state() == rb.state()}"
        )

        final = campaigns.result(cid)
        sc = final.values["scorecard"]
        lift = sc.get("lift") or {}
        print(
            f"scorecard after {final.values['day']} days: spend {sc['spend']:,.2f}, conversions {sc['conversions']},"
            f" cost/result {sc['cost_per_result'] or float('nan'):,.2f}, lift vs control "
            f"{lift.get('lift_pct') if lift.get('lift_pct') is None else format(lift['lift_pct'], '+.1%')} "
            f"(treated {lift.get('treated')}, control {lift.get('control')}, ci95 {lift.get('ci95')})"
        )
        pipe = sc.get("pipeline") or {}
        if pipe:
            print(
                f"  pipeline as of {pipe['as_of']} (window {pipe['window_days']} d, {pipe['accounts_reached']} "
                f"accounts reached): sourced {pipe['sourced']['opportunities']} opps / "
                f"{pipe['sourced']['amount']:,.0f} (won {pipe['sourced']['won_amount']:,.0f}), influenced "
                f"{pipe['influenced']['opportunities']} / {pipe['influenced']['amount']:,.0f}; "
                f"sourced per $ spent {pipe['sourced_per_spend'] or 0:.1f}, cost per sourced opp "
                f"{pipe['cost_per_sourced'] or float('nan'):,.0f}"
            )
        pstore = PipelineStore(settings.path("pipeline.db"))
        sched = store.campaign(cid)
        assert sched is not None
        t5 = time.perf_counter()
        pipeline_impact(
            pstore,
            svc.events,
            campaign_id=cid,
            start_date=sched.start_date,
            through_day=final.values["day"] - 1,
            window_days=sched.window_days,
            seed=settings.seed,
        )
        print(f"pipeline: {pstore.counts()} ; one attribution refresh {time.perf_counter() - t5:.2f} s")
        lock = bench_lock(home)
        print(
            f"campaign lock: uncontended acquire+release {lock['uncontended_ms']:.3f} ms; two threads x 200 turns "
            f"holding 0.5 ms: {lock['contended_share']:.0%} waited, mean wait {lock['contended_wait_mean_ms']:.2f} "
            f"ms, max {lock['contended_wait_max_ms']:.2f} ms"
        )
        print(f"cpu: {os.times().user:.1f} s user in this process")
        campaigns.close()
        return 1 if duplicates or failed else 0


if __name__ == "__main__":
    sys.exit(main())
