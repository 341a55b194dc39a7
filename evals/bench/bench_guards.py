"""Benchmark and quality figures of the guards.

Run: ``python -m evals.bench.bench_guards`` (or ``make bench``). Prints figures; asserts nothing about speed.

* precision and recall of ``unsupported`` and the false-block rate on supported sentences, on the labelled dev
  set (``evals/datasets/claims_dev.yaml``) and the held-out set (``claims_holdout.yaml``), offline, no LLM;
* warm claims-check time of a 150-word asset: lexical candidates only, and with the Chroma index;
* warm ``govern()`` time per asset (every guard through guardrails) and the cold start of the embedder.

Options: ``--runs N`` timed repetitions (default 100).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from graph.contracts import Asset
from graph.contracts.network import apply_offline_defaults
from graph.runtime.settings import REPO_ROOT
from guards.claims import check_text
from guards.governance import govern
from guards.library import load_library
from guards.retrieval import ClaimIndex

DATASETS = REPO_ROOT / "evals" / "datasets"
ASSET_150 = (
    "Meet the MaxFlow Pitcher, the easiest upgrade your kitchen will get this winter. "
    "The MaxFlow cartridge filters water twice as fast as the Brightwell Classic cartridge, so a fresh jug is "
    "ready before the kettle boils. Brightwell cartridges remove up to 99% of lead from tap water and reduce "
    "chlorine taste and odour by up to 97%. Each cartridge filters up to 40 gallons of water and lasts up to 2 "
    "months. That means up to 300 fewer plastic bottles per cartridge. Replacement cartridges ship in "
    "plastic-free cardboard packaging. Holiday offer: 25% off the MaxFlow Pitcher until 31 December 2026. "
    "Free shipping on orders over $35, and every Brightwell purchase comes with a 30-day money-back guarantee. "
    "Our pitchers are the best on the market and clinically proven to keep your family safe. "
    "Pour a glass and enjoy it with the people you love. Order yours today. "
    "Results vary with local water conditions."
)


@dataclass
class Score:
    """Claims-check quality on one labelled set ('unsupported' is the positive class)."""

    name: str
    cases: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    supported_total: int = 0
    supported_blocked: int = 0
    no_claim_total: int = 0
    no_claim_blocked: int = 0
    exact: int = 0
    errors: list[str] = field(default_factory=list)
    citation_misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of 'unsupported' verdicts that were right."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of unsupported sentences stopped."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def false_block_rate(self) -> float:
        """Share of supported sentences wrongly stopped."""
        return self.supported_blocked / self.supported_total if self.supported_total else 0.0


def evaluate_dataset(path: Path, *, index: object = None) -> Score:
    """Run the claims check on every case of a labelled set and score it.

    Args:
        path: A YAML set (``library``, ``date``, ``cases`` with ``text``, ``region``, ``label``, optional
            ``claims`` and ``date``).
        index: Optional claim index to use.
    """
    doc = yaml.safe_load(path.read_text())
    library = load_library(REPO_ROOT / doc["library"])
    default = _as_date(doc["date"])
    score = Score(path.stem)
    for case in doc["cases"]:
        on = _as_date(case.get("date")) if case.get("date") else default
        result = check_text(case["text"], library, region=case.get("region"), on=on, index=index)  # type: ignore[arg-type]
        label, got = case["label"], result.verdict
        score.cases += 1
        score.exact += got == label
        score.tp += label == "unsupported" and got == "unsupported"
        score.fp += label != "unsupported" and got == "unsupported"
        score.fn += label == "unsupported" and got != "unsupported"
        if label == "no_claim":
            score.no_claim_total += 1
            score.no_claim_blocked += got == "unsupported"  # a creative line stopped as a claim
        if label == "supported":
            score.supported_total += 1
            score.supported_blocked += got == "unsupported"
            missing = set(case.get("claims") or []) - set(result.claims)
            if got == "supported" and missing:
                score.citation_misses.append(f"{case['id']}: expected {sorted(missing)}, got {result.claims}")
        if got != label:
            score.errors.append(
                f"{case['id']} [{case.get('region')}] expected {label}, got {got}: {case['text']} "
                f"-> {'; '.join(s.reason for s in result.sentences)}"
            )
    return score


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _timed(fn: object, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.95 * len(samples)))]


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="timed repetitions (default 100)")
    args = parser.parse_args(argv)

    apply_offline_defaults()
    print("claims check quality ('unsupported' = positive class; offline rules, no LLM)")
    for name in ("claims_dev.yaml", "claims_holdout.yaml"):
        s = evaluate_dataset(DATASETS / name)
        print(
            f"  {s.name:16s} cases {s.cases:4d}  precision {s.precision:.3f}  recall {s.recall:.3f}  "
            f"false-block rate {s.false_block_rate:.3f} ({s.supported_blocked}/{s.supported_total} supported "
            f"blocked)  exact {s.exact}/{s.cases}"
        )
        for err in s.errors[:10]:
            print(f"    miss: {err}")

    lib = load_library(REPO_ROOT / "brand_library" / "brightwell")
    on = date(2026, 11, 25)
    words = len(ASSET_150.split())
    check_text(ASSET_150, lib, region="US", on=on)
    med, p95 = _timed(lambda: check_text(ASSET_150, lib, region="US", on=on), args.runs)
    print(f"\nclaims check of a {words}-word asset, warm ({args.runs} runs)")
    print(f"  lexical candidates          median {med:6.2f} ms   p95 {p95:6.2f} ms")

    with tempfile.TemporaryDirectory() as home:
        t0 = time.perf_counter()
        index = ClaimIndex.open(Path(home), lib)
        index.ingest()
        cold = time.perf_counter() - t0
        check_text(ASSET_150, lib, region="US", on=on, index=index)
        med_i, p95_i = _timed(
            lambda: check_text(ASSET_150, lib, region="US", on=on, index=index), max(10, args.runs // 4)
        )
        print(f"  + Chroma index candidates   median {med_i:6.2f} ms   p95 {p95_i:6.2f} ms")
        print(f"  (cold: open index + load embedder + ingest {len(lib.claims)} claims: {cold:.1f} s)")
        dev_idx = evaluate_dataset(DATASETS / "claims_dev.yaml", index=index)
        print(
            f"  dev set with the index: precision {dev_idx.precision:.3f} recall {dev_idx.recall:.3f} "
            f"false-block {dev_idx.false_block_rate:.3f}"
        )

    asset = Asset(
        id="bench-email-US-A",
        version=1,
        channel="email",
        variant="A",
        region="US",
        subject="Water, simply",
        body=ASSET_150,
        cta="Shop now",
        prompt_version="v1",
        prompt_hash="h",
        library_version=lib.version,
        model="offline",
    )
    govern(
        assets=[asset],
        lists=[],
        blueprint=None,
        library=lib,
        check_date=on,
        revision_round=0,
        max_revisions=2,
    )
    med_g, p95_g = _timed(
        lambda: govern(
            assets=[asset],
            lists=[],
            blueprint=None,
            library=lib,
            check_date=on,
            revision_round=0,
            max_revisions=2,
        ),
        max(10, args.runs // 4),
    )
    print(
        f"\ngovern() of one asset, every guard through guardrails, warm: median {med_g:.2f} ms  p95 {p95_g:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
