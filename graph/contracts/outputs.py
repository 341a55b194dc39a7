"""Structured outputs the agents ask a model for (what the LLM sees; code turns them into contracts)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from graph.contracts.common import Channel, Currency, Region
from graph.contracts.plan import BriefFact, Experiment, KPIGate, KPITarget


class BriefExtraction(BaseModel):
    """Facts read from a marketer's brief. Leave a field null when the brief does not state it; never guess."""

    model_config = ConfigDict(extra="forbid")

    product: str | None = Field(default=None, description="Product or offer being promoted.")
    goal: str | None = Field(default=None, description="Business goal in a few words.")
    audience: str | None = Field(default=None, description="Target audience in the marketer's words.")
    budget_amount: float | None = Field(
        default=None,
        description="Total budget amount as stated (e.g. 40000 for '40k'; negative if the brief says so).",
    )
    currency: Currency | None = Field(default=None, description="Budget currency ISO code.")
    start_date: date | None = Field(default=None, description="Start date (YYYY-MM-DD) if stated.")
    end_date: date | None = Field(default=None, description="End date (YYYY-MM-DD) if stated.")
    duration_days: int | None = Field(default=None, description="Duration in days if stated (as stated).")
    channels: list[Channel] = Field(default_factory=list, description="Channels explicitly requested.")
    regions: list[Region] = Field(default_factory=list, description="Regions explicitly targeted.")
    kpi_targets: list[KPITarget] = Field(
        default_factory=list, description="KPI targets stated (rates as fractions)."
    )
    key_messages: list[str] = Field(
        default_factory=list, description="Quoted lines the marketer wants in the copy."
    )
    countries: list[str] = Field(
        default_factory=list,
        description="ISO 3166-1 alpha-2 codes of every country, city or area named (Ireland -> IE; "
        "North America -> US, CA; DACH -> DE, AT, CH).",
    )
    holdout_pct: float | None = Field(default=None, description="Control holdout share stated (20% -> 0.2).")
    theme: str | None = Field(default=None, description="Theme, season or occasion (e.g. 'back to school').")
    landing_url: str | None = Field(default=None, description="Landing page URL, if given.")
    facts: list[BriefFact] = Field(
        default_factory=list,
        description="One entry per value you filled: field name, the value in plain words, and the exact words of "
        "the brief it came from (copied verbatim).",
    )
    problems: list[str] = Field(
        default_factory=list,
        description="Amounts or dates that cannot be right (negative, absurd, ambiguous, impossible), quoted; never "
        "fix them yourself.",
    )


class ChannelDraft(BaseModel):
    """One channel of a proposed plan."""

    model_config = ConfigDict(extra="forbid")

    channel: Channel = Field(description="Channel.")
    share: float = Field(
        gt=0, le=1, description="Share of the total budget for this channel (shares sum to <= 1)."
    )
    regions: list[Region] = Field(min_length=1, description="Regions the channel runs in.")
    variants: list[str] = Field(
        min_length=1, max_length=4, description="Creative variant labels, e.g. ['A', 'B']."
    )
    rationale: str = Field(description="One sentence on why.")


class PlanDraft(BaseModel):
    """A campaign plan proposal; budgets and caps are computed from it by code."""

    model_config = ConfigDict(extra="forbid")

    campaign_name: str = Field(description="Short campaign name.")
    objective: str = Field(description="Objective in one sentence.")
    channels: list[ChannelDraft] = Field(min_length=1, description="Channels with budget shares.")
    kpi_targets: list[KPITarget] = Field(
        min_length=1, description="KPI targets (keep the brief's; add sane ones)."
    )
    gates: list[KPIGate] = Field(default_factory=list, description="KPI gates that pause or escalate.")
    experiments: list[Experiment] = Field(default_factory=list, description="A/B tests between variants.")
