"""Benchmark: the CRM store, DuckDB against SQLite, on the same synthetic data and the same segment code.

Run: ``python -m evals.bench.bench_crm`` (or ``make bench``). Prints figures; asserts nothing about speed.

* seeding 1,000,000 contacts (and 100,000, the default dataset the main job seeds on first use);
* building a segment over 1,000,000 contacts with consent, suppression and frequency cap: first (cold) and
  warm builds (each warm build uses a new campaign id, so nothing is served from the list cache);
* a filtered segment (ordinal, date, tag filters) and a CSV export of the built list;
* whether both engines produced identical counts (same data, same SQL, same holdout hash).

Options: ``--contacts N`` (default 1,000,000), ``--runs R`` warm builds (default 5), ``--engines duckdb,sqlite``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from graph.contracts import SegmentDefinition
from tools.crm.export import export_list
from tools.crm.seed import seed
from tools.crm.segments import build_segment
from tools.crm.store import CRMStore
from tools.killswitch import KillSwitch

AS_OF = date(2026, 1, 15)
SUFFIX = {"duckdb": ".duckdb", "sqlite": ".db"}

CONSENT_SEGMENT = SegmentDefinition(channel="email", regions=["EU", "UK"], filters=[])
FILTERED_SEGMENT = SegmentDefinition.model_validate(
    {
        "channel": "sms",
        "regions": ["US", "CA", "APAC"],
        "frequency_cap_days": 14,
        "filters": [
            {"field": "lifecycle_stage", "op": "gte", "value": "mql"},
            {"field": "last_activity", "op": "gte", "value": "-90d"},
            {"field": "company_size", "op": "between", "value": ["51-200", "1001-5000"]},
            {"field": "interests", "op": "contains", "value": "ai"},
        ],
    }
)


def _seed(path: Path, n: int) -> tuple[Any, float]:
    store = CRMStore(path)
    report = seed(store, n, 7, as_of=AS_OF)
    return store, report.elapsed_s


def _build(store: Any, definition: SegmentDefinition, campaign: str) -> tuple[Any, float]:
    start = time.perf_counter()
    target = build_segment(store, definition, campaign_id=campaign, seed=1, as_of=AS_OF)
    return target, time.perf_counter() - start


def bench_engine(engine: str, n: int, runs: int, tmp: Path) -> dict[str, Any]:
    """Seed ``n`` contacts with ``engine`` and time segment builds and one export."""
    store, seed_s = _seed(tmp / f"crm-{engine}{SUFFIX[engine]}", n)
    first, cold_s = _build(store, CONSENT_SEGMENT, "bench-cold")
    warm = [_build(store, CONSENT_SEGMENT, f"bench-warm-{i}")[1] for i in range(runs)]
    filtered, filtered_s = _build(store, FILTERED_SEGMENT, "bench-cold")
    start = time.perf_counter()
    exported = export_list(
        store, first, out_dir=tmp / f"exports-{engine}", kill_switch=KillSwitch(tmp / "control.db")
    )
    export_s = time.perf_counter() - start
    store.close()
    return {
        "engine": engine,
        "seed_s": seed_s,
        "cold_s": cold_s,
        "warm": warm,
        "filtered_s": filtered_s,
        "export_s": export_s,
        "export_rows": exported.rows,
        "consent": first,
        "filtered": filtered,
    }


def _counts(result: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        (t.eligible, t.holdout, t.by_region, t.excluded) for t in (result["consent"], result["filtered"])
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(
        prog="python -m evals.bench.bench_crm", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--engines", default="duckdb,sqlite")
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in SUFFIX]
    if unknown:
        parser.error(f"unknown engine(s) {', '.join(unknown)} (known: duckdb, sqlite)")

    print(f"CRM benchmark: {args.contacts:,} contacts, {args.runs} warm builds, as of {AS_OF}")
    results = []
    with tempfile.TemporaryDirectory(prefix="liftoff-bench-crm-") as tmp:
        with CRMStore(Path(tmp) / "default.duckdb") as small:
            default_s = seed(small, 100_000, 7, as_of=AS_OF).elapsed_s
        print(f"  default dataset: seed 100,000 contacts (duckdb) in {default_s:.2f} s")
        for engine in engines:
            r = bench_engine(engine, args.contacts, args.runs, Path(tmp))
            results.append(r)
            c = r["consent"]
            print(f"\n[{engine}]")
            print(f"  seed {args.contacts:,} contacts: {r['seed_s']:.2f} s")
            print(
                f"  segment email EU+UK (consent + suppression + 7-day cap), {args.contacts:,} contacts: "
                f"cold {r['cold_s'] * 1000:.0f} ms, warm median {statistics.median(r['warm']) * 1000:.0f} ms "
                f"(min {min(r['warm']) * 1000:.0f} ms, target < 1000 ms)"
            )
            print(f"    -> eligible {c.eligible:,}, holdout {c.holdout:,}, excluded {c.excluded}")
            print(
                f"  filtered segment sms US+CA+APAC (stage, date, size, tag): {r['filtered_s'] * 1000:.0f} ms "
                f"-> eligible {r['filtered'].eligible:,}"
            )
            print(f"  export {r['export_rows']:,} rows (email CSV): {r['export_s'] * 1000:.0f} ms")
    if len(results) == 2:
        a, b = results
        same = _counts(a) == _counts(b)
        ratio = statistics.median(b["warm"]) / statistics.median(a["warm"])
        print(
            f"\n{a['engine']} vs {b['engine']}: identical counts: {'yes' if same else 'NO'}; warm segment "
            f"{statistics.median(a['warm']) * 1000:.0f} ms vs {statistics.median(b['warm']) * 1000:.0f} ms "
            f"({ratio:.1f}x); seed {a['seed_s']:.1f} s vs {b['seed_s']:.1f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
