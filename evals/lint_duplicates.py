"""Measure ``liftoff library lint``'s duplicate-meaning rule on labelled claim pairs (dev and held out).

``python -m evals.lint_duplicates`` prints precision and recall of "duplicate" per split, and every miss.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.runtime.settings import REPO_ROOT
from guards.library_lint import duplicate_pairs

DATASET = REPO_ROOT / "evals" / "datasets" / "lint_duplicates.yaml"


@dataclass(frozen=True)
class Figures:
    """Precision and recall of 'duplicate' on one split."""

    split: str
    pairs: int
    precision: float
    recall: float
    misses: tuple[str, ...]


def measure(path: Path = DATASET) -> list[Figures]:
    """Run the rule on every pair; return the figures of the dev and held-out splits."""
    pairs = yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]
    out = []
    for split, held in (("dev", False), ("held_out", True)):
        tp = fp = fn = 0
        misses = []
        chosen = [p for p in pairs if bool(p.get("held_out")) == held]
        for p in chosen:
            flagged = bool(duplicate_pairs([p["a"], p["b"]], p.get("synonyms", [])))
            if flagged and p["duplicate"]:
                tp += 1
            elif flagged:
                fp += 1
                misses.append(f"false duplicate: {p['a']!r} / {p['b']!r}")
            elif p["duplicate"]:
                fn += 1
                misses.append(f"missed duplicate: {p['a']!r} / {p['b']!r}")
        out.append(
            Figures(
                split,
                len(chosen),
                tp / (tp + fp) if tp + fp else 1.0,
                tp / (tp + fn) if tp + fn else 1.0,
                tuple(misses),
            )
        )
    return out


def main() -> int:
    """Print the figures."""
    for f in measure():
        print(f"{f.split:9s} pairs {f.pairs:3d}  precision {f.precision:.3f}  recall {f.recall:.3f}")
        for m in f.misses:
            print(f"    {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
