"""What evaluators see (one campaign outcome) and what they return (checks, counts and scores)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

from evals.results import Check
from evals.schema import BriefCase
from graph.contracts import Asset
from guards.textnorm import CLAIM_SYMBOLS, fold_text

if TYPE_CHECKING:
    from guards.library import BrandLibrary

PUBLISHED_STATUSES = frozenset({"published", "scheduled"})
"""Program statuses that mean the asset goes out."""


@dataclass
class Evaluation:
    """The result of one evaluator on one case.

    Attributes:
        evaluator: Evaluator name.
        checks: Expectations checked (each passed or not, with evidence).
        counts: Numerators and denominators for pooled suite metrics.
        scores: Named per-case scores in 0..1 (None = not applicable).
    """

    evaluator: str
    checks: list[Check] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)

    def check(
        self, name: str, passed: bool, detail: str = "", *, count: tuple[str, str] | None = None
    ) -> bool:
        """Record a check; with ``count=(ok_key, total_key)`` also add it to those counts."""
        self.checks.append(Check(evaluator=self.evaluator, name=name, passed=bool(passed), detail=detail))
        if count:
            self.add(count[1])
            if passed:
                self.add(count[0])
            else:
                self.counts.setdefault(count[0], 0)
        return bool(passed)

    def add(self, key: str, n: int = 1) -> None:
        """Add ``n`` to a count."""
        self.counts[key] = self.counts.get(key, 0) + n

    def rate(self, name: str, ok: str, total: str) -> None:
        """Set score ``name`` to counts[ok] / counts[total] (None without a denominator)."""
        den = self.counts.get(total, 0)
        self.scores[name] = self.counts.get(ok, 0) / den if den else None


@dataclass
class CampaignOutcome:
    """One brief case after its campaign ran (auto-approving every review).

    Attributes:
        case: The dataset case.
        status: Final campaign status.
        reason: Status reason.
        values: The graph state values (blueprint, assets, lists, pass_report, programs, scorecard, usage ...).
        library: The brand library of the case.
        check_date: Date claims were checked against.
        length_limits: Channel -> field -> max characters.
        claim_index: The Chroma claim index governance used (optional, for the claims check).
        unused_answers: The case's answers the run ended without asking for.
        pending_review: What the run waits for when it stopped for a human (questions, approvals).
    """

    case: BriefCase
    status: str
    reason: str
    values: dict[str, Any]
    library: BrandLibrary
    check_date: date
    length_limits: dict[str, dict[str, int]]
    claim_index: Any = None
    unused_answers: list[str] = field(default_factory=list)
    pending_review: dict[str, Any] | None = None

    @cached_property
    def assets(self) -> list[Asset]:
        """Every asset (latest version) that validates as an Asset."""
        out = []
        for raw in (self.values.get("assets") or {}).values():
            try:
                out.append(Asset.model_validate(raw))
            except ValidationError:
                continue
        return sorted(out, key=lambda a: a.id)

    @cached_property
    def programs(self) -> list[dict[str, Any]]:
        """Every program (scheduled/published/blocked item) as a dict."""
        return sorted((self.values.get("programs") or {}).values(), key=lambda p: str(p.get("id")))

    @cached_property
    def published(self) -> list[Asset]:
        """Assets with at least one published or scheduled program, excluding withheld ones."""
        ids = {p.get("asset_id") for p in self.programs if p.get("status") in PUBLISHED_STATUSES}
        withheld = set(self.values.get("withheld_assets") or [])
        return [a for a in self.assets if a.id in ids and a.id not in withheld]


class Evaluator(Protocol):
    """Anything with a name that turns an outcome into an :class:`Evaluation`."""

    name: str

    def evaluate(self, outcome: CampaignOutcome) -> Evaluation:
        """Evaluate one outcome."""
        ...


def contains_phrase(text: str, phrase: str) -> bool:
    """True when ``phrase`` occurs in ``text`` as whole words, both read through the guards' normaliser
    (:func:`guards.textnorm.fold_text`: case, punctuation, quotes and dashes never decide)."""
    p = fold_text(phrase, keep=CLAIM_SYMBOLS)
    if not p:
        return False
    return f" {p} " in f" {fold_text(text, keep=CLAIM_SYMBOLS)} "
