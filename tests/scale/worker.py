"""A worker process of the cross-process tests and the scale bench: its own LIFTOFF_HOME, the shared database.

    python worker.py spend    OUT START_AT CAMPAIGN N AMOUNT
    python worker.py publish  OUT START_AT CAMPAIGN N          (the same N programs in every worker)
    python worker.py kill     OUT START_AT CAMPAIGN PREFIX     (new programs until a kill-switch refuses one)

``LIFTOFF_HOME`` and ``LIFTOFF_DATABASE_URL`` come from the environment, read once into Settings like the CLI.
Writes one JSON document to OUT.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graph.contracts import Asset, Receipt  # noqa: E402
from graph.runtime.services import services_for  # noqa: E402
from graph.runtime.settings import Settings  # noqa: E402
from tools.channels.base import PublishItem  # noqa: E402
from tools.channels.request import PublishRequest  # noqa: E402
from tools.killswitch import KillSwitchEngaged  # noqa: E402
from tools.spend.limits import CapExceeded  # noqa: E402


class CountingConnector:
    """Wraps the real sandbox connector and records every publish call this process makes."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.calls = inner, inner.name, []

    def publish(self, item: PublishItem) -> Receipt:
        self.calls.append(item.idempotency_key)
        return self.inner.publish(item)  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def request(campaign: str, n: object) -> PublishRequest:
    asset = Asset(
        id=f"{campaign}-a{n}",
        version=1,
        channel="email",
        variant="A",
        region="EU",
        subject="Brew better",
        body="Pure Pitcher filters chlorine.",
        cta="Shop",
        cited_claim_ids=["c1"],
        prompt_version="v1",
        prompt_hash="h",
        library_version="l1",
        model="offline",
    )
    return PublishRequest(
        campaign_id=campaign,
        trace_id=f"tr-{campaign}",
        channel="email",
        region="EU",
        variant="A",
        asset=asset,
        list_id="lst-email",
        segment_key="seg",
        slot="2026-03-02",
        audience=100,
        budget=0.0,
    )


def main() -> None:
    mode, out, start_at = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
    args = sys.argv[4:]
    svc = services_for(Settings.from_env())
    result: dict[str, Any] = {"mode": mode}
    if mode in ("publish", "kill"):
        publisher = svc.publisher
        counting = CountingConnector(publisher.connectors["email"])
        publisher.connectors["email"] = counting  # type: ignore[assignment]
    while time.time() < start_at:
        time.sleep(0.001)
    if mode == "spend":
        campaign, n, amount = args[0], int(args[1]), float(args[2])
        committed = refused = 0
        for i in range(n):
            try:
                svc.ledger.commit(
                    campaign_id=campaign,
                    channel="email",
                    amount=amount,
                    day="2026-03-02",
                    key=f"{campaign}:{out.stem}:{i}",
                )
                committed += 1
            except CapExceeded:
                refused += 1
        result.update(committed=committed, refused=refused)
    elif mode == "publish":
        campaign, n = args[0], int(args[1])
        statuses = [publisher.publish(request(campaign, i)).status for i in range(n)]
        result.update(calls=counting.calls, statuses=statuses)
    elif mode == "kill":
        campaign, prefix = args[0], args[1]
        published: list[float] = []
        blocked_at = None
        for i in range(100_000):
            t0 = time.time()
            program = publisher.publish(request(campaign, f"{prefix}-{i}"))
            if program.status == "blocked":
                blocked_at = t0
                break
            published.append(t0)
            time.sleep(0.01)
        try:
            svc.ledger.commit(
                campaign_id=campaign, channel="email", amount=1, day="2026-03-02", key=f"{prefix}-x"
            )
            spend_after = "accepted"
        except (KillSwitchEngaged, CapExceeded) as exc:
            spend_after = type(exc).__name__
        result.update(
            published=published, blocked_at=blocked_at, calls=len(counting.calls), spend_after=spend_after
        )
    out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
