"""``python -m evals.bench`` (``make bench``): run every ``evals/bench/bench_*.py`` in turn and print its figures.

Each benchmark runs in its own process (``python -m evals.bench.bench_<area>``), so one benchmark's caches,
stores and memory do not colour the next one's figures. Pass area names to run only some
(``python -m evals.bench graph crm``). Exits non-zero when any benchmark fails.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def discover(only: list[str] | None = None) -> list[str]:
    """Module names of the benchmarks (``evals.bench.bench_<area>``), sorted, optionally filtered by area."""
    names = sorted(p.stem for p in BENCH_DIR.glob("bench_*.py"))
    if only:
        wanted = {f"bench_{a.removeprefix('bench_')}" for a in only}
        unknown = sorted(wanted - set(names))
        if unknown:
            raise SystemExit(f"error: no benchmark {', '.join(unknown)} (have: {', '.join(names)})")
        names = [n for n in names if n in wanted]
    return [f"evals.bench.{n}" for n in names]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; return 0 when all succeeded."""
    modules = discover(list(argv if argv is not None else sys.argv[1:]))
    failed: list[str] = []
    for module in modules:
        print(f"\n######## {module} ########", flush=True)
        t0 = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", module])
        took = time.perf_counter() - t0
        status = "ok" if code == 0 else f"FAILED (exit {code})"
        print(f"-------- {module}: {status} in {took:.1f} s", flush=True)
        if code != 0:
            failed.append(module)
    print(
        f"\n{len(modules) - len(failed)}/{len(modules)} benchmarks ran"
        + (f"; failed: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
