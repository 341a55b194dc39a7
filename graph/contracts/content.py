"""Content and list contracts: versioned assets and PII-free target lists."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.contracts.common import Channel, Contract, Region


class AssetCopy(BaseModel):
    """Copy an LLM (or the offline engine) drafts for one channel/variant; structured output target."""

    model_config = ConfigDict(extra="forbid")

    subject: str | None = Field(default=None, description="Email subject line (email only).")
    headline: str | None = Field(default=None, description="Headline for ads, SMS has none.")
    body: str = Field(
        min_length=1, description="Body copy. Every factual sentence must restate an approved claim."
    )
    cta: str | None = Field(default=None, description="Call to action text.")
    cited_claim_ids: list[str] = Field(
        default_factory=list, description="Ids of the approved claims the copy relies on."
    )


class Asset(Contract):
    """One versioned piece of copy for a channel, variant and region."""

    id: str = Field(description="Stable asset id: '<campaign>-<channel>-<region>-<variant>'.")
    version: int = Field(
        ge=1, description="Revision number; a revision after governance findings increments it."
    )
    channel: Channel = Field(description="Channel the asset is written for.")
    variant: str = Field(description="Variant label (A, B, ...).")
    region: Region = Field(description="Region whose rules and disclaimers the asset follows.")
    subject: str | None = Field(default=None, description="Email subject line.")
    headline: str | None = Field(default=None, description="Headline.")
    body: str = Field(description="Body copy including any required disclaimer.")
    cta: str | None = Field(default=None, description="Call to action.")
    cited_claim_ids: list[str] = Field(
        default_factory=list, description="Approved claim ids cited by the copy."
    )
    prompt_version: str = Field(description="Content prompt version id.")
    prompt_hash: str = Field(description="Content hash of the prompt text used.")
    library_version: str = Field(description="Brand-library version the copy was drafted from.")
    model: str = Field(description="Model that drafted the copy ('offline' for the rules engine).")
    revision_notes: list[str] = Field(
        default_factory=list, description="Governance findings this version answers."
    )
    disclaimer_spans: list[str] = Field(
        default_factory=list,
        description="Library disclaimers inserted verbatim in the body: never judged as claims (governance honours "
        "only spans that are the region's own disclaimers, word for word).",
    )

    def text_fields(self) -> dict[str, str]:
        """Return the non-empty text fields by name (subject, headline, body, cta)."""
        fields = {"subject": self.subject, "headline": self.headline, "body": self.body, "cta": self.cta}
        return {k: v for k, v in fields.items() if v}

    def full_text(self) -> str:
        """Return all text fields joined as sentences, for guards that read the whole asset."""
        parts = []
        for value in self.text_fields().values():
            value = value.strip()
            parts.append(value if value[-1:] in ".!?" else value + ".")
        return " ".join(parts)

    def claims_text(self, disclaimers: list[str]) -> str:
        """The full text without the marked disclaimer spans that are among ``disclaimers`` (what the claims
        check reads: a disclaimer is never judged as a claim, whatever it says)."""
        text = " ".join(self.full_text().split())
        allowed = {" ".join(d.split()) for d in disclaimers}
        for span in sorted(
            {" ".join(s.split()) for s in self.disclaimer_spans} & allowed, key=len, reverse=True
        ):
            text = text.replace(span, " ")
        return " ".join(text.split())


FilterOp = Literal["eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "between", "contains"]
"""Operators a segment filter may use."""


class SegmentFilter(BaseModel):
    """One condition over a field of the CRM data dictionary."""

    model_config = ConfigDict(extra="forbid")

    field: str = Field(description="Field name from the data dictionary (e.g. 'lifecycle_stage').")
    op: FilterOp = Field(description="Comparison operator.")
    value: Any = Field(description="Value (a list for in/not_in/between).")


class SegmentDefinition(BaseModel):
    """What the Data agent asks the segment builder for; never SQL."""

    model_config = ConfigDict(extra="forbid")

    channel: Channel = Field(description="Channel whose consent applies.")
    regions: list[Region] = Field(
        min_length=1, description="Regions to include; lists are partitioned by region."
    )
    filters: list[SegmentFilter] = Field(
        default_factory=list, description="Extra conditions; empty = everyone eligible."
    )
    holdout_pct: float = Field(default=0.1, ge=0, le=0.5, description="Share kept aside as control holdout.")
    frequency_cap_days: int = Field(
        default=7, ge=0, description="Exclude contacts messaged on this channel in the last N days."
    )


class TargetList(Contract):
    """A built list described by counts only: no raw PII ever enters the graph state."""

    id: str = Field(description="List id, stable for the same segment and data.")
    segment: SegmentDefinition = Field(description="Definition the list was built from.")
    eligible: int = Field(
        ge=0, description="Contacts eligible after consent, suppression and caps (excluding holdout)."
    )
    holdout: int = Field(ge=0, description="Contacts set aside as control.")
    by_region: dict[str, int] = Field(description="Eligible contacts per region.")
    by_channel: dict[str, int] = Field(description="Eligible contacts per channel.")
    consent_basis: dict[str, int] = Field(
        description="Eligible contacts per consent basis (opt_in, legitimate_interest, ...)."
    )
    excluded: dict[str, int] = Field(
        default_factory=dict, description="Contacts excluded per reason (no_consent, unsubscribed, ...)."
    )
    seed: int = Field(description="Seed of the holdout draw, for reproducibility.")
    store_version: str = Field(description="Version of the CRM snapshot the list was built on.")
    holdout_by_region: dict[str, int] = Field(
        default_factory=dict, description="Holdout (control) contacts per region, for lift per region."
    )
    campaign_id: str | None = Field(
        default=None, description="Campaign the list (and its holdout draw) belongs to."
    )
    as_of: str | None = Field(
        default=None, description="Date (ISO) frequency caps and relative date filters were evaluated at."
    )
