"""Claims check on brands it has never seen: the labelled set under ``evals/datasets/claims_brands``.

Run: ``python -m evals.bench.bench_claims_brands`` (offline rules, no index, no LLM). Prints, per brand and for
the dev and held-out splits, precision and recall of ``unsupported``, the false-block rate of supported
sentences and the no_claim (creative) lines stopped; with ``--guard-sets`` also the guards' own dev and held-out
sets, with ``--selftest`` also the library self-test of every bundled and evals brand. Asserts nothing.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import yaml

from evals.bench.bench_guards import Score, evaluate_dataset
from graph.contracts.network import apply_offline_defaults
from graph.runtime.settings import REPO_ROOT
from guards.selftest import run_selftest

BRANDS = REPO_ROOT / "evals" / "datasets" / "claims_brands"
SELFTEST_DATE = date(2026, 11, 25)


def brand_sets() -> list[tuple[str, str, Path]]:
    """(slug, split, sentences file) of every evals brand, dev first."""
    out = []
    for path in sorted(BRANDS.glob("*/sentences.yaml")):
        split = str(yaml.safe_load(path.read_text()).get("split", "dev"))
        out.append((path.parent.name, split, path))
    return sorted(out, key=lambda t: (t[1] != "dev", t[0]))


def pooled(scores: list[Score], name: str) -> Score:
    """One score over several sets."""
    total = Score(name)
    for s in scores:
        total.cases += s.cases
        total.tp += s.tp
        total.fp += s.fp
        total.fn += s.fn
        total.supported_total += s.supported_total
        total.supported_blocked += s.supported_blocked
        total.no_claim_total += s.no_claim_total
        total.no_claim_blocked += s.no_claim_blocked
        total.exact += s.exact
        total.errors += s.errors
        total.citation_misses += s.citation_misses
    return total


def line(s: Score) -> str:
    """One table row."""
    return (
        f"  {s.name:22s} cases {s.cases:4d}  precision {s.precision:.3f}  recall {s.recall:.3f}  "
        f"false-block {s.false_block_rate:.3f} ({s.supported_blocked}/{s.supported_total})  "
        f"no_claim stopped {s.no_claim_blocked}/{s.no_claim_total}  exact {s.exact}/{s.cases}"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses per brand")
    parser.add_argument(
        "--selftest", action="store_true", help="also run the library self-test on every brand"
    )
    parser.add_argument(
        "--guard-sets",
        action="store_true",
        help="also score the guards' own dev and held-out sets (claims_dev.yaml, claims_holdout.yaml)",
    )
    args = parser.parse_args(argv)

    apply_offline_defaults()
    print("claims check on unseen brands ('unsupported' = positive class; offline rules, no LLM)")
    by_split: dict[str, list[Score]] = {}
    for slug, split, path in brand_sets():
        score = evaluate_dataset(path)
        score.name = f"{slug} ({split})"
        by_split.setdefault(split, []).append(score)
        print(line(score))
        for err in score.errors[: args.misses]:
            print(f"    miss: {err}")
    for split, scores in by_split.items():
        print(line(pooled(scores, f"ALL {split}")))
    if args.guard_sets:
        for name in ("claims_dev", "claims_holdout"):
            score = evaluate_dataset(REPO_ROOT / "evals" / "datasets" / f"{name}.yaml")
            print(line(score))
            for err in score.errors[: args.misses]:
                print(f"    miss: {err}")
    if args.selftest:
        print(f"\nlibrary self-test (check date {SELFTEST_DATE.isoformat()})")
        dirs = sorted(p.parent for p in (REPO_ROOT / "brand_library").glob("*/claims.yaml"))
        dirs += sorted(p.parent for p in BRANDS.glob("*/claims.yaml"))
        for d in dirs:
            r = run_selftest(d, on=SELFTEST_DATE)
            print(
                f"  {r.library:22s} variants {r.cases:4d}  precision {r.precision:.3f}  recall {r.recall:.3f}  "
                f"false-block {r.false_block_rate:.3f} ({r.blocked_faithful}/{r.faithful})"
            )
            for m in r.misses[: args.misses]:
                print(
                    f"    miss [{m.variant_class}] {m.sentence!r}: expected {m.expected}, got {m.got} ({m.reason})"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
