"""Governance contracts: per-validator results and the pass report."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.contracts.common import Contract

Verdict = Literal["supported", "unsupported", "no_claim"]
"""Claims-check verdict for one sentence or text."""


class Finding(BaseModel):
    """One sentence- or item-level observation of a validator."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The sentence or item the finding is about.")
    verdict: str = Field(
        description="Validator-specific verdict (for claims: supported, unsupported, no_claim)."
    )
    reason: str = Field(default="", description="Why, in plain words.")
    claims: list[str] = Field(default_factory=list, description="Approved claim ids the finding rests on.")
    evidence: list[str] = Field(
        default_factory=list, description="Approved wording or rule text shown to reviewers."
    )
    suggested_fix: str | None = Field(default=None, description="A safe replacement, when one exists.")
    judged_by: Literal["rules", "llm_judge"] = Field(default="rules", description="What settled the finding.")


class ValidatorResult(BaseModel):
    """Outcome of one validator on one subject."""

    model_config = ConfigDict(extra="forbid")

    validator: str = Field(description="Validator name, e.g. 'liftoff/claims'.")
    passed: bool = Field(description="True when the subject passes this validator.")
    reasons: list[str] = Field(default_factory=list, description="Why it failed (empty when passed).")
    findings: list[Finding] = Field(default_factory=list, description="Per-sentence or per-item findings.")
    fixable: bool = Field(default=False, description="True when Content can fix it by a revision.")


class GovernanceException(BaseModel):
    """A failed check that must be revised or decided by a human."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Exception id, unique within the report.")
    subject_type: Literal["asset", "list", "blueprint", "budget_change"] = Field(
        description="What was checked."
    )
    subject_id: str = Field(description="Id of the asset, list, blueprint or budget change.")
    validator: str = Field(description="Validator that raised it.")
    reasons: list[str] = Field(description="Why it failed.")
    findings: list[Finding] = Field(default_factory=list, description="Supporting findings with evidence.")
    route: Literal["content", "human"] = Field(
        description="'content' for a bounded revision, 'human' for review."
    )


class SubjectReport(BaseModel):
    """All validator results for one asset, list, blueprint or budget change."""

    model_config = ConfigDict(extra="forbid")

    subject_type: Literal["asset", "list", "blueprint", "budget_change"] = Field(
        description="What was checked."
    )
    subject_id: str = Field(description="Its id.")
    subject_version: int = Field(default=1, description="Asset version (1 for others).")
    results: list[ValidatorResult] = Field(description="One result per validator run.")

    @property
    def passed(self) -> bool:
        """True when every validator passed."""
        return all(r.passed for r in self.results)


class PassReport(Contract):
    """The Governance agent's report over every asset and list of a campaign."""

    subjects: list[SubjectReport] = Field(description="Per-subject results.")
    exceptions: list[GovernanceException] = Field(
        default_factory=list, description="Failures to revise or review."
    )
    library_version: str = Field(description="Brand-library version checked against.")
    check_date: str = Field(description="Date (YYYY-MM-DD) claims were checked for expiry.")
    revision_round: int = Field(
        default=0, ge=0, description="How many content revisions preceded this report."
    )

    @property
    def passed(self) -> bool:
        """True when no exception remains."""
        return not self.exceptions
