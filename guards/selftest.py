"""The library self-test: measured accuracy of the claims check on a brand's own approved claims.

``run_selftest(library_dir)`` generates, from every approved claim, variants whose right verdict is known by
construction (:mod:`guards.selftest_variants`), runs the claims check on each (offline rules, no index, no
judge) and reports precision and recall of ``unsupported``, the false-block rate of faithful variants, counts
per variant class and every miss. ``liftoff library test PATH`` prints it; the app shows it on the brand page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from guards.claims import check_text
from guards.library import load_library
from guards.selftest_variants import Variant, generate

FLOOR_PRECISION = 0.95
FLOOR_RECALL = 0.95
CEILING_FALSE_BLOCKS = 0.05
"""The floor every bundled brand holds in CI (and the one the CLI's ``--check`` enforces)."""


class ClassCount(BaseModel):
    """How the claims check did on one variant class."""

    expected: Literal["supported", "unsupported"]
    total: int = 0
    correct: int = 0


class Miss(BaseModel):
    """A variant the claims check got wrong."""

    variant_class: str
    claim_id: str
    sentence: str
    region: str | None
    on: date
    expected: Literal["supported", "unsupported"]
    got: Literal["supported", "unsupported", "no_claim"]
    reason: str


class SelfTestReport(BaseModel):
    """The self-test result of one brand library ('unsupported' is the positive class)."""

    library: str
    library_version: str
    on: date
    claims: int
    cases: int
    precision: float
    recall: float
    false_block_rate: float
    blocked_mutations: int
    mutations: int
    blocked_faithful: int
    faithful: int
    classes: dict[str, ClassCount] = Field(default_factory=dict)
    misses: list[Miss] = Field(default_factory=list)

    @property
    def meets_floor(self) -> bool:
        """True when precision and recall are at least 0.95 and false blocks at most 5%."""
        return (
            self.cases > 0
            and self.precision >= FLOOR_PRECISION
            and self.recall >= FLOOR_RECALL
            and self.false_block_rate <= CEILING_FALSE_BLOCKS
        )

    def render(self) -> str:
        """Plain-text report (figures, per-class counts, every miss)."""
        lines = [
            f"library self-test: {self.library} (version {self.library_version[:12]}, {self.claims} claims, "
            f"check date {self.on.isoformat()})",
            f"  variants {self.cases}: {self.mutations} mutations, {self.faithful} faithful",
            f"  precision of 'unsupported' {self.precision:.3f}   recall {self.recall:.3f} "
            f"({self.blocked_mutations}/{self.mutations} mutations blocked)   "
            f"false-block rate {self.false_block_rate:.3f} ({self.blocked_faithful}/{self.faithful} faithful blocked)",
            "  per variant class (correct/total):",
        ]
        for name, c in sorted(self.classes.items(), key=lambda kv: (kv[1].expected, kv[0])):
            lines.append(f"    {name:36s} must be {c.expected:11s} {c.correct:4d}/{c.total:<4d}")
        lines.append(f"  misses: {len(self.misses)}")
        for m in self.misses:
            lines.append(
                f"    [{m.variant_class}] {m.claim_id} ({m.region or 'no region'}, {m.on.isoformat()}): "
                f"expected {m.expected}, got {m.got}: {m.sentence!r} -> {m.reason}"
            )
        return "\n".join(lines)


def run_selftest(library_dir: Path, *, on: date | None = None) -> SelfTestReport:
    """Run the self-test on the library in ``library_dir``.

    Args:
        library_dir: A brand library directory (brand.yaml + claims.yaml).
        on: Check date (default today); claims already expired on it are tested on their last day.

    Raises:
        BrandLibraryError: when the library does not load.
    """
    library = load_library(library_dir)
    day = on or date.today()
    variants = generate(library, day)
    classes: dict[str, ClassCount] = {}
    misses: list[Miss] = []
    tp = fp = fn = faithful = blocked_faithful = 0
    for variant in variants:
        result = check_text(variant.text, library, region=variant.region, on=variant.on)
        got = result.verdict
        blocked = got == "unsupported"
        count = classes.setdefault(variant.variant_class, ClassCount(expected=variant.expected))
        count.total += 1
        right = blocked == (variant.expected == "unsupported")
        count.correct += right
        if variant.expected == "unsupported":
            tp += blocked
            fn += not blocked
        else:
            faithful += 1
            blocked_faithful += blocked
            fp += blocked
        if not right:
            misses.append(_miss(variant, got, "; ".join(s.reason for s in result.sentences if s.reason)))
    mutations = tp + fn
    return SelfTestReport(
        library=library.slug,
        library_version=library.version,
        on=day,
        claims=len(library.claims),
        cases=len(variants),
        precision=tp / (tp + fp) if tp + fp else 1.0,
        recall=tp / mutations if mutations else 1.0,
        false_block_rate=blocked_faithful / faithful if faithful else 0.0,
        blocked_mutations=tp,
        mutations=mutations,
        blocked_faithful=blocked_faithful,
        faithful=faithful,
        classes=classes,
        misses=misses,
    )


def _miss(variant: Variant, got: str, reason: str) -> Miss:
    return Miss(
        variant_class=variant.variant_class,
        claim_id=variant.claim_id,
        sentence=variant.text,
        region=variant.region,
        on=variant.on,
        expected=variant.expected,
        got=got,  # type: ignore[arg-type]
        reason=reason or "-",
    )
