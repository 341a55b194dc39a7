"""Structured outputs the agents ask a model for (what the LLM sees; code turns them into contracts)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from graph.contracts.common import Channel, Currency, Region
from graph.contracts.plan import Experiment, KPIGate, KPITarget


class BriefExtraction(BaseModel):
    """Facts read from a marketer's brief. Leave a field null when the brief does not state it; never guess."""

    model_config = ConfigDict(extra="forbid")

    product: str | None = Field(default=None, description="Product or offer being promoted.")
    goal: str | None = Field(default=None, description="Business goal in a few words.")
    audience: str | None = Field(default=None, description="Target audience in the marketer's words.")
    budget_amount: float | None = Field(default=None, ge=0, description="Total budget amount (e.g. 40000 for '40k').")
    currency: Currency | None = Field(default=None, description="Budget currency ISO code.")
    start_date: date | None = Field(default=None, description="Start date (YYYY-MM-DD) if stated.")
    end_date: date | None = Field(default=None, description="End date (YYYY-MM-DD) if stated.")
    duration_days: int | None = Field(default=None, ge=1, le=730, description="Duration in days if stated.")
    channels: list[Channel] = Field(default_factory=list, description="Channels explicitly requested.")
    regions: list[Region] = Field(default_factory=list, description="Regions explicitly targeted.")
    kpi_targets: list[KPITarget] = Field(default_factory=list, description="KPI targets stated (rates as fractions).")
    key_messages: list[str] = Field(default_factory=list, description="Quoted lines the marketer wants in the copy.")


class ChannelDraft(BaseModel):
    """One channel of a proposed plan."""

    model_config = ConfigDict(extra="forbid")

    channel: Channel = Field(description="Channel.")
    share: float = Field(gt=0, le=1, description="Share of the total budget for this channel (shares sum to <= 1).")
    regions: list[Region] = Field(min_length=1, description="Regions the channel runs in.")
    variants: list[str] = Field(min_length=1, max_length=4, description="Creative variant labels, e.g. ['A', 'B'].")
    rationale: str = Field(description="One sentence on why.")


class PlanDraft(BaseModel):
    """A campaign plan proposal; budgets and caps are computed from it by code."""

    model_config = ConfigDict(extra="forbid")

    campaign_name: str = Field(description="Short campaign name.")
    objective: str = Field(description="Objective in one sentence.")
    channels: list[ChannelDraft] = Field(min_length=1, description="Channels with budget shares.")
    kpi_targets: list[KPITarget] = Field(min_length=1, description="KPI targets (keep the brief's; add sane ones).")
    gates: list[KPIGate] = Field(default_factory=list, description="KPI gates that pause or escalate.")
    experiments: list[Experiment] = Field(default_factory=list, description="A/B tests between variants.")
