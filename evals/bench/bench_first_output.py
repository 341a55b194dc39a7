"""Benchmark: time to first agent output on a fresh install (empty LIFTOFF_HOME), through the app's own path.

Run: ``python -m evals.bench.bench_first_output`` (``make bench``). In a fresh process with a new, empty
LIFTOFF_HOME and default settings (full synthetic CRM), it does what ``app.py`` does: opens the reader, starts
the first-run warm-up in the background (``graph.runtime.first_run``), then submits a brief the way pressing Enter does
(``LiveRuns.start``: preflight + background worker) and measures until the worker reports its first finished
agent. Prints: import time, Enter -> first agent output (aim: under 10 s), each warm-up step's duration, and
Enter -> first review card (the whole first run, for context). ``--no-warmup`` measures without the warm-up.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

BRIEF = (
    "Launch our new Brightwell MaxFlow Pitcher in the US starting March 2, 2027 for 4 weeks. Budget: $20k. "
    "Target: families who buy bottled water. Goal: drive 600 online orders. Use email and paid search."
)
AIM_S = 10.0


def main(warm: bool = True) -> None:
    """Print the first-output figures of one fresh install."""
    t_proc = time.perf_counter()
    from graph.contracts.network import apply_offline_defaults  # lazy: start-up (pydantic)
    from graph.runtime.first_run import warmup_for  # lazy: start-up (pydantic)
    from graph.runtime.live import LiveRuns, Reader  # lazy: start-up (langchain_core, langgraph, pydantic)
    from graph.runtime.settings import Settings  # lazy: start-up (pydantic)

    apply_offline_defaults()
    imported = time.perf_counter() - t_proc
    with tempfile.TemporaryDirectory() as home:
        os.environ["LIFTOFF_HOME"] = home
        settings = Settings.from_env()
        reader, runs = Reader(settings), LiveRuns()
        warmup = warmup_for(settings) if warm else None
        t_enter = time.perf_counter()
        job = runs.start(reader, settings, BRIEF)
        first: tuple[str, float] | None = None
        while job.alive or first is None:
            new = job.poll()
            if new and first is None:
                first = (new[0], time.perf_counter() - t_enter)
            if not job.alive and first is None:
                break
            time.sleep(0.05)
        job.wait()
        whole = time.perf_counter() - t_enter
        print(
            f"fresh install: contacts={settings.crm_contacts:,} model={settings.model} warm-up={'on' if warm else 'off'}"
        )
        print(f"import of the app's modules: {imported:.2f} s")
        if first is None:
            print(f"no agent output: job ended {job.state} ({job.error})")
            raise SystemExit(1)
        verdict = "within" if first[1] <= AIM_S else "OVER"
        print(f"Enter -> first agent output ({first[0]}): {first[1]:.2f} s ({verdict} the {AIM_S:.0f} s aim)")
        print(f"Enter -> first run settled ({reader.result(job.thread_id).status}): {whole:.2f} s")
        if warmup is not None:
            warmup.wait(300)
            for step in warmup.steps:
                print(f"  warm-up {step.key:<8} {step.state:<5} {step.elapsed():6.2f} s  {step.detail}")
        reader.close()


if __name__ == "__main__":
    main(warm="--no-warmup" not in sys.argv[1:])
