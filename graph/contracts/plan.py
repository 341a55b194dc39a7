"""Planner contracts: the structured brief and the Blueprint."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.contracts.common import Channel, Contract, Money, Region
from graph.contracts.content import SegmentFilter
from graph.contracts.money import CapsMinor, exponent, fmt, to_minor

KPIName = Literal[
    "conversions",
    "signups",
    "leads",
    "revenue",
    "ctr",
    "open_rate",
    "click_rate",
    "conversion_rate",
    "cpa",
    "roas",
]
"""KPIs the planner, optimizer and scorecard understand."""

LOWER_IS_BETTER: frozenset[str] = frozenset({"cpa"})
"""KPIs where a smaller actual value beats the target."""


class KPITarget(BaseModel):
    """One KPI the campaign is judged on."""

    model_config = ConfigDict(extra="forbid")

    name: KPIName = Field(description="KPI name.")
    target: float = Field(
        gt=0, description="Target value; rates are fractions (0.25 = 25%), money in the budget currency."
    )
    channel: Channel | None = Field(
        default=None, description="Channel the target applies to; null means the whole campaign."
    )


class BriefFact(BaseModel):
    """One fact read from the brief, with the words it came from (the brief echo)."""

    model_config = ConfigDict(extra="forbid")

    field: str = Field(
        description="Brief field the fact fills (budget, goal, kpi_targets, regions, countries, ...)."
    )
    value: str = Field(description="The value as Liftoff understood it, in plain words.")
    source: str = Field(description="The exact words of the brief it came from.")


class AudienceMapping(BaseModel):
    """How the audience reaches the lists: filters on CRM fields, and what stays creative-only."""

    model_config = ConfigDict(extra="forbid")

    filters: list[SegmentFilter] = Field(
        default_factory=list, description="Filters on data-dictionary fields."
    )
    mapped: list[str] = Field(default_factory=list, description="Audience words each filter came from.")
    creative_only: list[str] = Field(
        default_factory=list,
        description="Audience words with no CRM field: used in the copy, not for the list.",
    )
    countries: list[str] = Field(
        default_factory=list, description="Countries that restrict the lists (ISO alpha-2)."
    )
    notes: list[str] = Field(
        default_factory=list, description="Countries or words that could not restrict a list."
    )


class Brief(Contract):
    """What the marketer asked for, parsed from free text. Missing essentials are listed, never guessed."""

    text: str = Field(min_length=1, description="The brief as the marketer wrote it.")
    brand: str = Field(description="Brand-library slug the campaign speaks for.")
    product: str | None = Field(default=None, description="Product or offer being promoted, if named.")
    goal: str | None = Field(
        default=None, description="Business goal in a few words (e.g. 'drive trial signups')."
    )
    audience: str | None = Field(
        default=None, description="Who the campaign targets, in the marketer's words."
    )
    budget: Money | None = Field(default=None, description="Total budget; null when the brief gives none.")
    start_date: date | None = Field(default=None, description="First day of the campaign.")
    end_date: date | None = Field(default=None, description="Last day of the campaign.")
    duration_days: int | None = Field(
        default=None, ge=1, le=730, description="Length of the campaign in days."
    )
    channels: list[Channel] = Field(
        default_factory=list, description="Channels requested; empty means planner's choice."
    )
    regions: list[Region] = Field(
        default_factory=list, description="Regions targeted; empty means planner's choice."
    )
    kpi_targets: list[KPITarget] = Field(default_factory=list, description="KPI targets stated in the brief.")
    key_messages: list[str] = Field(
        default_factory=list,
        description="Lines the marketer wants in the copy, verbatim (quoted in the brief).",
    )
    missing: list[str] = Field(
        default_factory=list,
        description="Essentials the brief lacks (budget, goal, audience) that must be asked, not guessed.",
    )
    countries: list[str] = Field(
        default_factory=list,
        description="ISO 3166-1 alpha-2 countries the brief names (kept for lists and copy; regions are derived).",
    )
    holdout_pct: float | None = Field(
        default=None,
        ge=0.0,
        le=0.5,
        description="Control holdout share stated in the brief (0.2 = 20%); null = default.",
    )
    theme: str | None = Field(
        default=None,
        description="Theme, season or occasion the copy should carry (e.g. 'back to school'), if stated.",
    )
    landing_url: str | None = Field(
        default=None, description="Landing page URL for CTAs, if the brief gives one."
    )
    facts: list[BriefFact] = Field(
        default_factory=list,
        description="Every fact extracted, with the words it came from (the brief echo).",
    )
    unused: list[str] = Field(
        default_factory=list,
        description="Sentences of the brief that produced no fact, shown back as 'not used'.",
    )
    problems: list[str] = Field(
        default_factory=list,
        description="Amounts or dates that cannot be right (negative, absurd, ambiguous, impossible): asked, never fixed.",
    )
    assumed: list[str] = Field(
        default_factory=list,
        description="What Liftoff chose because the brief did not say (dates, holdout, regions, channels), shown "
        "back so no choice is silent.",
    )
    audience_mapping: AudienceMapping | None = Field(
        default=None,
        description="How the audience reaches the lists (CRM filters) and what stays creative-only.",
    )


class Caps(BaseModel):
    """Hard spend limits; enforced by the spend ledger, not only here."""

    model_config = ConfigDict(extra="forbid")

    total: float = Field(ge=0, description="Campaign total spend cap in the budget currency.")
    per_channel: dict[str, float] = Field(description="Spend cap per channel in the budget currency.")
    per_day: float = Field(ge=0, description="Spend cap per calendar day across all channels.")

    @classmethod
    def of_minor(cls, caps: CapsMinor) -> Caps:
        """The stored form of caps computed in minor units."""
        total, per_channel, per_day = caps.major()
        return cls(total=total, per_channel=per_channel, per_day=per_day)


class KPIGate(BaseModel):
    """A go/no-go threshold checked by the optimizer and analytics."""

    model_config = ConfigDict(extra="forbid")

    kpi: KPIName = Field(description="KPI the gate watches.")
    threshold: float = Field(description="Value that trips the gate.")
    direction: Literal["min", "max"] = Field(
        description="'min': trip when below threshold; 'max': trip when above."
    )
    after_days: int = Field(default=3, ge=0, description="Days of data before the gate is evaluated.")
    action: Literal["pause", "escalate"] = Field(description="What happens when the gate trips.")


class Experiment(BaseModel):
    """An A/B (or multi-variant) test inside a channel."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Short experiment name.")
    channel: Channel = Field(description="Channel the test runs in.")
    hypothesis: str = Field(description="What the test is expected to show.")
    variants: list[str] = Field(min_length=2, description="Variant labels, e.g. ['A', 'B'].")
    metric: KPIName = Field(description="Metric that decides the winner.")
    traffic_split: list[float] = Field(description="Share of traffic per variant; sums to 1.")

    @model_validator(mode="after")
    def _split_matches(self) -> Experiment:
        if len(self.traffic_split) != len(self.variants):
            raise ValueError("traffic_split needs one share per variant")
        if abs(sum(self.traffic_split) - 1.0) > 1e-6:
            raise ValueError("traffic_split must sum to 1")
        return self


class ChannelPlan(BaseModel):
    """Budget and reach for one channel."""

    model_config = ConfigDict(extra="forbid")

    channel: Channel = Field(description="Channel.")
    budget: float = Field(ge=0, description="Budget allocated to the channel in the budget currency.")
    share: float = Field(ge=0, le=1, description="Share of the total budget (budget / total).")
    regions: list[Region] = Field(min_length=1, description="Regions this channel runs in.")
    variants: list[str] = Field(min_length=1, description="Creative variants to write, e.g. ['A', 'B'].")
    rationale: str = Field(default="", description="Why this channel gets this share.")


class Blueprint(Contract):
    """The plan every other agent works from."""

    campaign_name: str = Field(description="Human-readable campaign name.")
    brief: Brief = Field(description="The parsed brief the plan answers.")
    objective: str = Field(description="The objective in one sentence.")
    currency: str = Field(description="Budget currency (ISO 4217).")
    total_budget: float = Field(gt=0, description="Total budget in the currency.")
    start_date: date = Field(description="Launch day.")
    end_date: date = Field(description="Last day.")
    channels: list[ChannelPlan] = Field(
        min_length=1, description="Per-channel plan; budgets sum to at most the total."
    )
    kpi_targets: list[KPITarget] = Field(min_length=1, description="KPI targets.")
    gates: list[KPIGate] = Field(default_factory=list, description="KPI gates.")
    experiments: list[Experiment] = Field(default_factory=list, description="Tests to run.")
    caps: Caps = Field(description="Hard spend caps.")
    holdout_pct: float = Field(
        default=0.1,
        ge=0.0,
        le=0.5,
        description="Share of each list kept as control holdout (0 when the brief wants no control: no lift).",
    )
    prompt_version: str = Field(description="Planner prompt version that produced this plan.")

    @model_validator(mode="after")
    def _budget_consistent(self) -> Blueprint:
        exp = exponent(self.currency)  # compared in whole minor units: no float tolerance
        budget = to_minor(self.total_budget, exp, "total_budget")
        spent = sum(to_minor(c.budget, exp, f"{c.channel} budget") for c in self.channels)
        if spent > budget:
            raise ValueError(
                f"channel budgets ({fmt(spent, exp)}) exceed the total budget ({fmt(budget, exp)})"
            )
        if to_minor(self.caps.total, exp, "caps.total") > budget:
            raise ValueError("caps.total may not exceed the total budget")
        if self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        return self

    def plan_for(self, channel: str) -> ChannelPlan:
        """Return the plan of one channel.

        Raises:
            KeyError: when the channel is not in the blueprint.
        """
        for plan in self.channels:
            if plan.channel == channel:
                return plan
        raise KeyError(channel)
