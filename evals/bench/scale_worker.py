"""One worker of ``bench_scale``: its own LIFTOFF_HOME, the shared database; runs campaigns one after another.

    python -m evals.bench.scale_worker OUT N START_AT

Every connector call is recorded (to count duplicate publishes). After each campaign one JSON line goes to OUT:
``{"campaign_id", "status", "at", "calls": [[key, t], ...], "blocked": [t, ...]}``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from graph.contracts.network import apply_offline_defaults
from graph.runtime.settings import Settings

BRIEF = (
    "Launch our new Brightwell MaxFlow Pitcher in the US starting March 2, 2027 for 4 weeks. Budget: $20k. "
    "Target: families who buy bottled water. Goal: drive 600 online orders. Use email and paid search."
)


class Recording:
    """A connector wrapper recording each publish call (key, time) in this process."""

    def __init__(self, inner: Any, calls: list[list[Any]]) -> None:
        self.inner, self.name, self.calls = inner, inner.name, calls

    def publish(self, item: Any) -> Any:
        self.calls.append([item.idempotency_key, time.time()])
        return self.inner.publish(item)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def main() -> None:
    out, n, start_at = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    apply_offline_defaults()
    from graph.runtime.runner import Campaigns  # lazy: start-up (langchain_core, langgraph)

    campaigns = Campaigns(Settings.from_env())
    publisher = campaigns.services.publisher
    calls: list[list[Any]] = []
    for channel, connector in list(publisher.connectors.items()):
        publisher.connectors[channel] = Recording(connector, calls)  # type: ignore[assignment]
    _ = campaigns.services.crm, campaigns.services.claim_index(campaigns.settings.brand)
    while time.time() < start_at:
        time.sleep(0.01)
    with out.open("a") as fh:
        for _ in range(n):
            before = len(calls)
            t0 = time.time()
            result = campaigns.start(BRIEF, auto_approve=True)
            programs = (result.values.get("programs") or {}).values()
            fh.write(
                json.dumps(
                    {
                        "campaign_id": result.thread_id,
                        "status": result.status,
                        "started": t0,
                        "at": time.time(),
                        "calls": calls[before:],
                        "blocked": sum(1 for p in programs if p.get("status") == "blocked"),
                    }
                )
                + "\n"
            )
            fh.flush()
    campaigns.close()


if __name__ == "__main__":
    main()
