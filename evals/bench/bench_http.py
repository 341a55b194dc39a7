"""Benchmark: a whole campaign over HTTP (OpenAI-compatible competent server) with injected model latency.

Run: ``python -m evals.bench.bench_http`` (or ``make bench``). Figures: wall time with and without latency, the
time the run spent waiting on the model (union of in-flight requests), the critical path of model calls (the
longest chain the graph must wait for: the Planner's calls, then the fan-out — every content branch in parallel
with the Data agent's per-channel chain — then each later content revision wave), and their ratio.
Goal: model wait / critical path <= 1.1 (the content fan-out really runs in parallel).
"""

from __future__ import annotations

import os
import tempfile
import time

from evals.chaos.llm_server import LLMServer, LLMServerConfig, Served
from graph.runtime.network import apply_offline_defaults
from graph.runtime.settings import Settings

LATENCY_S = float(os.environ.get("LIFTOFF_BENCH_LATENCY", "1.0"))
BRIEF = (
    "Launch our new Brightwell MaxFlow Pitcher in the US and UK starting March 2, 2027 for 6 weeks. Budget: $40k. "
    "Target: health-conscious families. Goal: drive 1,500 online orders. Use email, paid social and paid search."
)


def union_s(served: list[Served]) -> float:
    """Seconds during which at least one model request was in flight."""
    total, end = 0.0, float("-inf")
    for s in sorted(served, key=lambda x: x.started):
        if s.started > end:
            total += s.finished - s.started
            end = s.finished
        elif s.finished > end:
            total += s.finished - end
            end = s.finished
    return total


def critical_depth(served: list[Served]) -> int:
    """Model calls on the graph's critical path, read from the request log (see the module doc)."""
    ordered = sorted(served, key=lambda x: x.started)
    planner = [s for s in ordered if s.asked.endswith(("BriefExtraction", "PlanDraft"))]
    rest = [s for s in ordered if s not in planner]
    data = [s for s in rest if s.asked.endswith("build_segment")]
    fan_end = max((s.finished for s in data), default=0.0)
    first_wave = [s for s in rest if s.asked.endswith("AssetCopy") and s.started <= fan_end]
    fan_end = max([fan_end, *(s.finished for s in first_wave)])
    later = [s for s in rest if s.asked.endswith("AssetCopy") and s.started > fan_end]
    waves, end = 0, float("-inf")
    for s in later:
        if s.started > end:
            waves += 1
        end = max(end, s.finished)
    return len(planner) + max(1 if first_wave else 0, len(data)) + waves


def run_once(latency: float) -> tuple[float, list[Served], str]:
    """Run one campaign to its end over HTTP; return (wall seconds, requests, status)."""
    from graph.runtime.runner import Campaigns
    from graph.runtime.services import release

    with LLMServer(LLMServerConfig(latency_s=latency)) as server:
        env = {
            "LIFTOFF_HOME": tempfile.mkdtemp(prefix="bench-http-"),
            "LIFTOFF_CRM_CONTACTS": "5000",
            "LIFTOFF_CHECK_DATE": "2026-11-25",
        }
        settings = Settings.from_env(env, model="openai:competent", openai_base_url=server.base_url)
        campaigns = Campaigns(settings)
        campaigns.services.claim_index(settings.brand)  # warm the index: the bench measures the run
        started = time.perf_counter()
        result = campaigns.start(BRIEF, auto_approve=True)
        wall = time.perf_counter() - started
        campaigns.close()
        release(settings)
        return wall, server.served, result.status


def main() -> None:
    apply_offline_defaults()
    run_once(0.0)  # warm-up: imports, embedder, first CRM seed
    wall0, served0, status0 = run_once(0.0)
    wall, served, status = run_once(LATENCY_S)
    depth = critical_depth(served)
    critical = depth * LATENCY_S
    wait = union_s(served)
    serial = sum(s.finished - s.started for s in served)
    print(f"status (no latency / {LATENCY_S:g}s latency):   {status0} / {status}")
    print(f"model requests:                      {len(served)} (no latency: {len(served0)})")
    print(f"wall time, no latency:               {wall0:.2f} s")
    print(f"wall time, {LATENCY_S:g}s per model call:       {wall:.2f} s")
    print(f"critical path of model calls:        {depth} calls = {critical:.2f} s")
    print(f"model wait (requests in flight):     {wait:.2f} s   (serial would be {serial:.2f} s)")
    print(f"model wait / critical path:          {wait / critical:.3f}   (goal <= 1.1)")
    print(f"added wall time / critical path:     {(wall - wall0) / critical:.3f}")


if __name__ == "__main__":
    main()
