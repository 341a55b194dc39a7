"""Builders shared by the channel tests: assets, requests, a controllable clock and counting connectors."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from graph.contracts import Asset, Receipt
from tools.channels.base import PublishItem, TransientChannelError
from tools.channels.publisher import Publisher
from tools.channels.request import PublishRequest
from tools.channels.resilience import RetryPolicy
from tools.channels.sandbox import SandboxConnector
from tools.events import EventLog
from tools.killswitch import KillSwitch


def make_asset(
    channel: str = "email", region: str = "EU", variant: str = "A", version: int = 1, campaign: str = "cmp-1"
) -> Asset:
    return Asset(
        id=f"{campaign}-{channel}-{region}-{variant}",
        version=version,
        channel=channel,
        variant=variant,  # type: ignore[arg-type]
        region=region,
        subject="Brew better at home" if channel == "email" else None,  # type: ignore[arg-type]
        headline=None if channel == "email" else "Brew better",
        body="Pure Pitcher filters 99% of chlorine.",
        cta="Shop now",
        cited_claim_ids=["c1"],
        prompt_version="v1",
        prompt_hash="h",
        library_version="l1",
        model="offline",
    )


def make_request(
    channel: str = "email",
    region: str = "EU",
    variant: str = "A",
    *,
    slot: str = "2026-03-02",
    version: int = 1,
    campaign: str = "cmp-1",
    budget: float = 0.0,
    audience: int = 1000,
    export_path: str | None = None,
) -> PublishRequest:
    return PublishRequest(
        campaign_id=campaign,
        trace_id=f"tr-{campaign}",
        channel=channel,
        region=region,  # type: ignore[arg-type]
        variant=variant,
        asset=make_asset(channel, region, variant, version, campaign),
        list_id=f"lst-{channel}",
        segment_key=f"seg-{channel}",
        slot=slot,
        audience=audience,
        budget=budget,
        export_path=export_path,
    )


@dataclass
class Clock:
    """A settable UTC clock."""

    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class MaxRandom(random.Random):
    """Jitter that always takes the top of its range, so the backoff schedule is exact."""

    def uniform(self, a: float, b: float) -> float:
        return b


class Counting:
    """Wraps a connector: counts publish calls and raises the scripted errors first."""

    def __init__(
        self,
        inner: Any,
        errors: list[BaseException] | None = None,
        before: Callable[[PublishItem], None] | None = None,
    ) -> None:
        self.inner, self.errors, self.before = inner, list(errors or []), before
        self.name = inner.name
        self.calls = 0

    def schedule(self, item: PublishItem) -> Receipt:
        return self.inner.schedule(item)

    def publish(self, item: PublishItem) -> Receipt:
        self.calls += 1
        if self.before:
            self.before(item)
        if self.errors:
            raise self.errors.pop(0)
        return self.inner.publish(item)

    def cancel(self, external_id: str) -> Receipt:
        return self.inner.cancel(external_id)


class CountingReconcilable(Counting):
    def lookup(self, key: str) -> Receipt | None:
        return self.inner.lookup(key)


def transient(n: int, msg: str = "503 busy") -> list[BaseException]:
    return [TransientChannelError(msg) for _ in range(n)]


@dataclass
class Env:
    tmp: Path
    clock: Clock
    sleeps: list[float]
    events: EventLog
    kill_switch: KillSwitch

    def sandbox(self, channel: str = "email") -> SandboxConnector:
        return SandboxConnector(channel, self.tmp / "outbox.db", clock=self.clock)

    def publisher(self, connectors: dict[str, Any] | None = None, **kw: Any) -> Publisher:
        kw.setdefault("retry", RetryPolicy(max_attempts=4, base_delay_s=0.5, max_delay_s=30))
        kw.setdefault("rng", MaxRandom())
        return Publisher(
            store_path=self.tmp / "programs.db",
            connectors=connectors or {"email": self.sandbox()},
            kill_switch=self.kill_switch,
            events=self.events,
            clock=self.clock,
            sleep=self.sleeps.append,
            **kw,
        )

    def types(self, campaign: str = "cmp-1") -> list[str]:
        return [e.type for _, e in self.events.read(campaign_id=campaign)]

    def of_type(self, kind: str) -> list[Any]:
        return [e for _, e in self.events.read(types=[kind])]
