"""Benchmark: results ingested per second from a large file, and the memory it takes.

Run: ``python -m evals.bench.bench_ingest [LINES]`` (default 1,000,000; ``make bench`` runs the default). Prints
figures; asserts nothing about speed. Writes a JSONL file of LINES results over 40 programs of 2 campaigns
(delivered/open/click/conversion/bounce/unsubscribe, 1% costs), then measures ``liftoff events ingest``'s engine
(validate every line and stage it, then one transaction into the event log, then costs into the ledger): wall
time, lines per second, peak resident memory of the process (the file is generated streaming, before the
baseline is taken), and the time of a re-ingest of the same file (every id already present: nothing changes).
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from graph.contracts import Caps
from tools.events import EventLog
from tools.ingest.lines import read_lines
from tools.ingest.pipeline import ingest_results
from tools.ingest.resolve import ProgramDirectory
from tools.ingest.results import ProgramRef
from tools.killswitch import KillSwitch
from tools.spend import SpendLedger

START = date(2027, 1, 4)
KINDS = ("delivered", "open", "click", "conversion", "bounce", "unsubscribe")


def _programs() -> dict[str, ProgramRef]:
    out = {}
    for i in range(40):
        cid = f"bench-c{i % 2}"
        channel = "email" if i % 4 == 0 else "paid_social"
        out[f"prg-{i:03d}"] = ProgramRef(f"prg-{i:03d}", cid, f"tr-{cid}", channel, "US", "A", START, 10_000)
    return out


def write_file(path: Path, lines: int, programs: list[str]) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as fh:
        for n in range(lines):
            pid = programs[n % len(programs)]
            at = datetime.combine(START + timedelta(days=n % 28), datetime.min.time(), UTC) + timedelta(
                seconds=rng.randrange(86_400)
            )
            row: dict[str, object] = {"id": f"ev-{n}", "program_id": pid, "at": at.isoformat()}
            if n % 100 == 0:
                row |= {"type": "cost", "amount": round(rng.uniform(0.01, 0.2), 2), "currency": "USD"}
            else:
                row |= {"type": KINDS[n % len(KINDS)], "count": 1 + rng.randrange(3)}
            fh.write(json.dumps(row) + "\n")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(lines: int) -> None:
    programs = _programs()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        path = Path(tmp) / "results.jsonl"
        t0 = time.perf_counter()
        write_file(path, lines, sorted(programs))
        print(
            f"wrote {lines:,} lines ({path.stat().st_size / 1e6:,.0f} MB) in {time.perf_counter() - t0:.1f} s"
        )
        events = EventLog(Path(tmp) / "events.db")
        ledger = SpendLedger(
            Path(tmp) / "ledger.db", events=events, kill_switch=KillSwitch(Path(tmp) / "ks.db")
        )
        for cid in ("bench-c0", "bench-c1"):
            ledger.set_caps(
                cid,
                Caps(total=1e9, per_channel={"email": 1e9, "paid_social": 1e9}, per_day=1e9),
                trace_id=f"tr-{cid}",
            )
        directory = ProgramDirectory(programs)
        base = _rss_mb()
        t0 = time.perf_counter()
        report = ingest_results(
            read_lines(path),
            events=events,
            ledger=ledger,
            directory=directory,
            source="bench",
            label=path.name,
        )
        took = time.perf_counter() - t0
        peak = _rss_mb()
        print(
            f"ingest: {report.lines:,} lines -> {report.new:,} new events in {took:.1f} s = "
            f"{report.lines / took:,.0f} lines/s; costs committed to the ledger: "
            f"{sum(s.committed for s in report.costs.values()):,}"
        )
        print(
            f"memory: peak RSS {peak:,.0f} MB (baseline before ingest {base:,.0f} MB, growth {peak - base:,.0f} MB)"
        )
        t0 = time.perf_counter()
        again = ingest_results(
            read_lines(path),
            events=events,
            ledger=ledger,
            directory=directory,
            source="bench",
            label=path.name,
        )
        took = time.perf_counter() - t0
        print(
            f"re-ingest (all present): {again.new} new, {again.already:,} already present in {took:.1f} s = "
            f"{again.lines / took:,.0f} lines/s"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
