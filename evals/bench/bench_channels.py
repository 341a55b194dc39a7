"""Benchmark: publishing throughput and exactly-once under contention.

Run: ``python -m evals.bench.bench_channels`` (or ``make bench``). Prints figures; asserts nothing about speed.

* sandbox publishes per second (each one: program row in flight, kill-switch check, outbox write, published row,
  event), and the cost of a repeated publish that must NOT reach the channel;
* 4 processes racing to publish the same 200 items: side effects counted (must equal 200, never more);
* SMTP messages per second to a local aiosmtpd server (loopback), when aiosmtpd is installed;
* webhook sign + verify per second.
"""

from __future__ import annotations

import multiprocessing
import socket
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from graph.contracts import Asset
from tools.channels.outbox import Outbox
from tools.channels.publisher import Publisher
from tools.channels.registry import connectors_from_config
from tools.channels.request import PublishRequest
from tools.channels.smtp import SmtpConnector
from tools.channels.webhook import sign, verify_signature
from tools.events import EventLog
from tools.killswitch import KillSwitch

N = 500


def _asset(channel: str = "email", region: str = "EU") -> Asset:
    return Asset(
        id=f"bench-{channel}-{region}-A",
        version=1,
        channel=channel,
        variant="A",
        region=region,  # type: ignore[arg-type]
        subject="Bench subject",
        body="Bench body.",
        cta="Go",
        prompt_version="v1",
        prompt_hash="h",
        library_version="l",
        model="offline",
    )


def _requests(n: int, campaign: str = "bench") -> list[Any]:
    start = date(2027, 1, 1)
    return [
        PublishRequest(
            campaign_id=campaign,
            trace_id=f"tr-{campaign}",
            channel="email",
            region="EU",
            variant="A",
            asset=_asset(),
            list_id="lst",
            segment_key=f"seg-{i}",
            slot=(start + timedelta(days=i % 300)).isoformat(),
            audience=1000,
            budget=0.0,
        )
        for i in range(n)
    ]


def _publisher(home: Path) -> Any:
    connectors = connectors_from_config({}, outbox_path=home / "outbox.db")
    return Publisher(
        store_path=home / "programs.db",
        connectors=connectors,
        kill_switch=KillSwitch(home / "control.db"),
        events=EventLog(home / "events.db"),
    )


def _race(home: str) -> None:
    pub = _publisher(Path(home))
    for req in _requests(200, "race"):
        pub.publish(req)


def bench_publish(home: Path) -> None:
    pub = _publisher(home)
    reqs = _requests(N)
    lat = []
    t0 = time.perf_counter()
    for req in reqs:
        t = time.perf_counter()
        pub.publish(req)
        lat.append(time.perf_counter() - t)
    total = time.perf_counter() - t0
    again = []
    for req in reqs[:200]:
        t = time.perf_counter()
        pub.publish(req)
        again.append(time.perf_counter() - t)
    lat.sort()
    print(
        f"sandbox publish, {N} items:            {N / total:8.0f} /s   median {statistics.median(lat) * 1e3:6.2f} ms"
        f"   p95 {lat[int(0.95 * len(lat))] * 1e3:6.2f} ms"
    )
    print(
        f"repeat publish (no side effect):       {1 / statistics.median(again):8.0f} /s   median "
        f"{statistics.median(again) * 1e3:6.2f} ms"
    )


def bench_race(home: Path) -> None:
    t0 = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        pool.map(_race, [str(home)] * 4)
    elapsed = time.perf_counter() - t0
    rows = Outbox(home / "outbox.db").entries(campaign_id="race")
    print(
        f"4 processes x 200 identical publishes:  {len(rows):5d} side effects (expected 200)   {elapsed:6.2f} s"
    )


def bench_smtp(home: Path, n: int = 200) -> None:
    try:
        from aiosmtpd.controller import Controller  # lazy: dev-only dependency
    except ImportError:
        print("smtp: skipped (aiosmtpd not installed; it is in the dev extra)")
        return

    class Sink:
        count = 0

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            Sink.count += 1
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        export = home / "export.csv"
        export.write_text("email\n" + "".join(f"user{i}@example.com\n" for i in range(n)))
        smtp = SmtpConnector(
            "127.0.0.1", port, sender="bench@brightwell.example", progress_path=home / "smtp.db"
        )
        item = _requests(1, "smtp")[0].model_copy(update={"export_path": str(export)}).item()
        t0 = time.perf_counter()
        receipt = smtp.publish(item)
        elapsed = time.perf_counter() - t0
    finally:
        controller.stop()
    print(
        f"smtp to loopback aiosmtpd, {n} msgs:   {n / elapsed:8.0f} msg/s (accepted {receipt.detail['accepted']},"
        f" server got {Sink.count})"
    )


def bench_signatures(n: int = 20_000) -> None:
    body = b'{"type":"publish","asset":{"body":"' + b"x" * 800 + b'"}}'
    now = int(datetime.now(UTC).timestamp())
    t0 = time.perf_counter()
    for _ in range(n):
        assert verify_signature("0123456789abcdef", sign("0123456789abcdef", body, now), body, now=now).valid
    print(f"webhook sign + verify (1 KB body):     {n / (time.perf_counter() - t0):8.0f} /s")


def main() -> None:
    """Print the publishing figures."""
    print("== channels: publishing ==")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, fn in (("publish", bench_publish), ("race", bench_race), ("smtp", bench_smtp)):
            (root / name).mkdir()
            fn(root / name)
    bench_signatures()


if __name__ == "__main__":
    main()
