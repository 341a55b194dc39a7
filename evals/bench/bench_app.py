"""Benchmark: how quickly the app renders and how soon a marketer sees the agents work.

Run: ``python -m evals.bench.bench_app`` (or ``make bench``). Prints the full-page render time of the app
(Streamlit AppTest, warm) for the new-campaign page and for a launched campaign, the view-model build times,
and the background worker's time to the first finished agent. Aims: a warm page render under 0.5 s, so the
1 s live polling never piles up; first agent visible within 2 s of sending the brief (warm).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable

from graph.contracts.network import apply_offline_defaults
from graph.runtime.settings import REPO_ROOT, Settings
from graph.views.plan import asset_views
from graph.views.scorecard import current_scorecard, scorecard_view
from graph.views.steps import build_steps

BRIEF = (
    "Launch our new Brightwell MaxFlow Pitcher in the US and UK starting March 2, 2027 for 6 weeks. Budget: $40k. "
    "Target: families who buy bottled water. Goal: drive 1,500 online orders. Use email, paid social and paid search."
)


def _median_s(fn: Callable[[], object], n: int) -> tuple[float, float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), max(times)


def main(renders: int = 10) -> None:
    """Print render, view-model and live-update figures."""
    from streamlit.testing.v1 import AppTest  # lazy: start-up (streamlit)

    from graph.runtime.live import LiveRuns, Reader  # lazy: start-up (langchain_core, langgraph)
    from graph.runtime.runner import Campaigns  # lazy: start-up (langchain_core, langgraph)

    apply_offline_defaults()
    with tempfile.TemporaryDirectory() as home:
        os.environ.update(LIFTOFF_HOME=home, LIFTOFF_CRM_CONTACTS="4000", LIFTOFF_CHECK_DATE="2026-11-25")
        settings = Settings.from_env()
        campaigns = Campaigns(settings)
        t0 = time.perf_counter()
        result = campaigns.start(BRIEF, auto_approve=True)
        first_run = time.perf_counter() - t0
        events = list(campaigns.services.events.iter_trace(result.trace_id))
        values = result.values

        app = str(REPO_ROOT / "app.py")
        t0 = time.perf_counter()
        at = AppTest.from_file(app, default_timeout=120).run()
        cold = time.perf_counter() - t0
        new_page, new_max = _median_s(lambda: at.run(), renders)
        at = AppTest.from_file(app, default_timeout=120)
        at.query_params["campaign"] = result.thread_id
        at.run()
        page, page_max = _median_s(lambda: at.run(), renders)

        steps, _ = _median_s(lambda: build_steps(events, values), 50)
        assets, _ = _median_s(lambda: asset_views(values.get("assets") or {}, values.get("pass_report")), 50)
        card, _ = _median_s(lambda: scorecard_view(current_scorecard(values, events)[0], events), 50)

        runs, reader = LiveRuns(), Reader(settings)
        first_nodes = []
        for _ in range(3):
            t0 = time.perf_counter()
            job = runs.start(reader, settings, BRIEF)
            while not job.poll() and job.alive:
                time.sleep(0.01)
            first_nodes.append(time.perf_counter() - t0)
            job.wait(300)
        reader.close()
        campaigns.close()

    print("== app (Streamlit AppTest, offline model, CRM 4k contacts) ==")
    print(f"campaign run behind the page (status {result.status}): {first_run:8.2f} s, {len(events)} events")
    print(f"first page render (cold imports):          {cold:8.3f} s")
    print(f"new-campaign page, warm render median:     {new_page:8.3f} s  (max {new_max:.3f}; aim < 0.5 s)")
    print(f"campaign page ({result.status}), warm median: {page:8.3f} s  (max {page_max:.3f}; aim < 0.5 s)")
    print(
        f"view-model: agent steps {steps * 1000:7.2f} ms, assets {assets * 1000:7.2f} ms, "
        f"scorecard {card * 1000:7.2f} ms"
    )
    print(
        f"brief sent -> first agent finished (worker), median of 3: {statistics.median(first_nodes):6.3f} s "
        f"(aim < 2 s warm)"
    )


if __name__ == "__main__":
    main()
