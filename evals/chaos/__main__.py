"""``python -m evals.chaos [--quick] [CATEGORY ...]`` (``make chaos``): run the chaos suite, print every figure.

Categories: provider, adversarial, unicode, outbound, concurrency, schedulers, crash. Exit code 1 when any figure is red.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

CATEGORIES = {
    "provider": "provider_faults",
    "adversarial": "adversarial",
    "unicode": "unicode_evasion",
    "outbound": "outbound",
    "concurrency": "concurrency",
    "schedulers": "schedulers",
    "crash": "crash_points",
}
"""In the order they run (the longest last)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.chaos", description=__doc__)
    parser.add_argument("categories", nargs="*", help=f"some of: {', '.join(CATEGORIES)} (default: all)")
    parser.add_argument("--quick", action="store_true", help="the CI-sized subset of every category")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.categories) - set(CATEGORIES))
    if unknown:
        parser.error(f"unknown category {', '.join(unknown)} (have: {', '.join(CATEGORIES)})")
    from graph.contracts.network import apply_offline_defaults  # lazy: start-up (pydantic)

    apply_offline_defaults()
    red = 0
    for cat in args.categories or list(CATEGORIES):
        started = time.monotonic()
        try:
            module = importlib.import_module(f"evals.chaos.{CATEGORIES[cat]}")
            figures = module.run(args.quick)
        except Exception as exc:  # noqa: BLE001 - a broken category is a red figure, the others still run
            print(f"FAIL {cat:<12} category crashed: {type(exc).__name__}: {exc}", flush=True)
            red += 1
            continue
        for fig in figures:
            print(fig.line(), flush=True)
            red += not fig.ok
        print(f"---- {cat}: {len(figures)} figures in {time.monotonic() - started:.0f}s", flush=True)
    print(f"chaos: {'all green' if not red else f'{red} red figure(s)'}")
    return 1 if red else 0


if __name__ == "__main__":
    sys.exit(main())
