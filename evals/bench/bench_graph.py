"""Benchmark: warm end-to-end time of one offline campaign and time per graph step.

Run: ``python -m evals.bench.bench_graph`` (or ``make bench``). Aim: under 2 s warm for a 3-channel campaign.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import defaultdict

from graph.contracts.network import apply_offline_defaults
from graph.runtime.settings import REPO_ROOT, Settings

BRIEF = (
    "Launch our new Brightwell MaxFlow Pitcher in the US and UK starting March 2, 2027 for 6 weeks. Budget: $40k. "
    "Target: health-conscious families. Goal: drive 1,500 online orders. Use email, paid social and paid search."
)


def run_once(campaigns, brief: str) -> tuple[float, dict[str, float], str]:  # noqa: ANN001
    """Run one campaign to its end (auto-approving); return total seconds, seconds per node, final status."""
    from langgraph.types import Command  # lazy: start-up (langgraph)

    from graph.runtime.runner import AUTO_APPROVER  # lazy: start-up (langchain_core, langgraph)

    per_node: dict[str, float] = defaultdict(float)
    graph_input: object = campaigns.new_input(brief)
    tid = graph_input["campaign_id"]  # type: ignore[index]
    t0 = time.perf_counter()
    for _ in range(10):  # run, then auto-approve each review the way the CLI's --auto-approve does
        last = time.perf_counter()
        for node, _update in campaigns.stream(graph_input, tid):
            now = time.perf_counter()
            per_node[node] += now - last
            last = now
        result = campaigns.result(tid)
        if not result.needs_human:
            break
        graph_input = Command(resume={"decision": "approve", "approver": AUTO_APPROVER})
    return time.perf_counter() - t0, dict(per_node), result.status


def main(runs: int = 5) -> None:
    """Print cold and warm end-to-end times and the warm time per step."""
    from graph.runtime.runner import Campaigns  # lazy: start-up (langchain_core, langgraph)

    apply_offline_defaults()
    with tempfile.TemporaryDirectory() as home:
        settings = Settings.from_env(
            {
                "LIFTOFF_HOME": home,
                "LIFTOFF_CHECK_DATE": "2026-11-25",
                "LIFTOFF_BRAND_LIBRARY": str(REPO_ROOT / "brand_library"),
            }
        )
        t0 = time.perf_counter()
        campaigns = Campaigns(settings)
        _ = campaigns.services.crm, campaigns.services.claim_index(settings.brand)
        setup = time.perf_counter() - t0
        cold, _, status = run_once(campaigns, BRIEF)
        warm, steps = [], defaultdict(list)
        for _ in range(runs):
            total, per_node, status = run_once(campaigns, BRIEF)
            warm.append(total)
            for node, secs in per_node.items():
                steps[node].append(secs)
        campaigns.close()
    print("== campaign graph (offline model, 3 channels x 2 regions, CRM 100k contacts) ==")
    print(f"setup (seed CRM, load embedder, ingest library): {setup:8.2f} s")
    print(f"first campaign (cold caches):                    {cold:8.3f} s  status={status}")
    print(
        f"warm end-to-end, median of {runs}:                  {statistics.median(warm):8.3f} s  "
        f"(min {min(warm):.3f}, max {max(warm):.3f}; aim < 2 s)"
    )
    print("warm time per step (median over runs; content = all parallel branches of its superstep):")
    for node, values in sorted(steps.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"  {node:<14} {statistics.median(values) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
