"""Benchmark: wall time and memory of the eval suites on the offline engine (what ``pytest evals/`` costs).

Run: ``python -m evals.bench.bench_evals`` (or ``make bench``). Aim: every suite in under 2 minutes on 2 cores.
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from evals.runner import RunOptions, run_evals
from evals.suites import resolve_suites
from graph.contracts.network import apply_offline_defaults
from graph.runtime.settings import Settings


def main() -> None:
    """Run every suite once offline and print time per suite, per case and peak memory."""
    apply_offline_defaults()
    with tempfile.TemporaryDirectory() as home:
        t0 = time.perf_counter()
        run = run_evals(
            RunOptions(
                datasets=resolve_suites("all"),
                settings=Settings(home=Path(home), model="offline"),
                workers=2,
                progress=False,
            )
        )
        total = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("== eval suites on the offline engine (2 workers) ==")
    print(f"all suites, wall time:          {total:8.1f} s  ({len(run.cases)} case runs)")
    for name, suite in run.suites.items():
        cases = run.suite_cases(name)
        busy = sum(c.latency_s for c in cases)
        p50 = suite.metrics.get("latency_p50_s")
        p95 = suite.metrics.get("latency_p95_s")
        print(
            f"  {name:<15} {suite.runs:4d} runs  {busy:7.1f} s in cases  p50 "
            f"{(p50.value or 0) * 1000 if p50 else 0:8.1f} ms  p95 {(p95.value or 0) * 1000 if p95 else 0:8.1f} ms  "
            f"pass {sum(c.passed for c in cases)}/{len(cases)}"
        )
    print(f"peak resident memory:           {rss_mb:8.0f} MB")


if __name__ == "__main__":
    main()
