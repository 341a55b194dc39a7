"""Operations contracts: programs, budget changes, events and the scorecard."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.contracts.common import Channel, Contract, Region

ProgramStatus = Literal["scheduled", "published", "failed", "cancelled", "blocked"]
"""Lifecycle of one scheduled send or ad flight ('blocked': refused by kill-switch or cap)."""


class Receipt(BaseModel):
    """What a connector returned for a side effect."""

    model_config = ConfigDict(extra="forbid")

    connector: str = Field(description="Connector name (sandbox, smtp, webhook, ...).")
    external_id: str = Field(description="Id the channel gave the item.")
    at: str = Field(description="ISO timestamp of the side effect.")
    detail: dict[str, Any] = Field(default_factory=dict, description="Connector-specific detail (no PII).")


class Program(Contract):
    """One scheduled/published item: an asset version sent to a list on a channel in a slot."""

    id: str = Field(description="Program id.")
    campaign_id: str = Field(description="Campaign (thread) id.")
    channel: Channel = Field(description="Channel.")
    region: Region = Field(description="Region partition.")
    asset_id: str = Field(description="Asset id.")
    asset_version: int = Field(description="Asset version published.")
    list_id: str = Field(description="Target list id.")
    slot: str = Field(description="Scheduled slot (ISO date or datetime).")
    idempotency_key: str = Field(
        description="Key derived from (campaign, asset version, segment, channel, slot)."
    )
    status: ProgramStatus = Field(description="Current status.")
    audience: int = Field(default=0, ge=0, description="Contacts or impressions targeted.")
    budget: float = Field(default=0.0, ge=0, description="Budget committed to this item.")
    receipts: list[Receipt] = Field(
        default_factory=list, description="Connector receipts (one per real side effect)."
    )
    attempts: int = Field(default=0, ge=0, description="Connector attempts made.")
    reason: str = Field(default="", description="Why it is blocked or failed.")
    variant: str | None = Field(
        default=None, description="Creative variant label (A, B, ...); null means the suffix of asset_id."
    )


BudgetChangeStatus = Literal["applied", "pending_approval", "approved", "rejected", "refused", "deferred"]
"""Lifecycle of a budget change ('refused': the ledger refused it against a cap; 'deferred': decided, waiting
for a kill-switch release before it adds exposure)."""


class BudgetChange(Contract):
    """A reallocation proposed by the Optimizer."""

    id: str = Field(description="Change id.")
    campaign_id: str = Field(description="Campaign id.")
    channel: Channel = Field(description="Channel whose budget changes.")
    variant: str | None = Field(default=None, description="Variant whose traffic share changes, if any.")
    from_amount: float = Field(ge=0, description="Budget before.")
    to_amount: float = Field(ge=0, description="Budget after.")
    delta_pct: float = Field(description="(to - from) / from, as a fraction.")
    reason: str = Field(description="Evidence-based reason (e.g. posterior conversion rates).")
    requires_approval: bool = Field(
        description="True when above the approval threshold or autonomy is manual."
    )
    status: BudgetChangeStatus = Field(description="Current status.")
    decided_by: str | None = Field(default=None, description="Approver identity, when a human decided.")
    refusal: str | None = Field(default=None, description="Why the ledger refused it (status 'refused').")
    currency: str | None = Field(default=None, description="ISO 4217 currency of from/to amounts.")
    evidence: str = Field(default="", description="The evidence in plain words (spend and results per arm).")
    expected_effect: str = Field(default="", description="What the change is expected to do, in plain words.")


class Event(Contract):
    """One entry of the append-only event log; every agent and tool writes these."""

    id: str = Field(description="Event id (uuid).")
    type: str = Field(description="Dotted type, e.g. 'planner.blueprint_created', 'orchestrator.published'.")
    trace_id: str = Field(description="Trace id of the campaign; joins the audit trail.")
    campaign_id: str = Field(description="Campaign (thread) id.")
    causation_id: str | None = Field(default=None, description="Id of the event that caused this one.")
    source: str = Field(description="Agent or tool that wrote it.")
    ts: str = Field(
        default_factory=lambda: datetime.now(UTC).isoformat(), description="ISO-8601 UTC timestamp."
    )
    payload: dict[str, Any] = Field(default_factory=dict, description="Type-specific data; never raw PII.")
    pii: bool = Field(
        default=False, description="True when the payload may hold PII (subject to retention purge)."
    )


class KPIResult(BaseModel):
    """One KPI against its target."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="KPI name.")
    target: float = Field(description="Target value.")
    actual: float | None = Field(description="Measured value; null before data exists.")
    met: bool | None = Field(description="Whether the target is met; null before data exists.")


class Lift(BaseModel):
    """Treatment vs control holdout."""

    model_config = ConfigDict(extra="forbid")

    treated: int = Field(ge=0, description="Contacts treated.")
    treated_conversions: int = Field(ge=0, description="Conversions among treated.")
    control: int = Field(ge=0, description="Contacts in the holdout.")
    control_conversions: int = Field(ge=0, description="Conversions among the holdout.")
    lift_pct: float | None = Field(
        description="(treated rate - control rate) / control rate; null without control data."
    )
    ci95: tuple[float, float] | None = Field(
        default=None, description="95% interval of the absolute rate difference."
    )
    rate_diff: float | None = Field(
        default=None,
        description="treated rate - control rate (absolute); estimable whenever both groups have people, even when"
        " the control rate is 0 and the relative lift is not.",
    )


class ScoreRow(BaseModel):
    """Scorecard figures for one channel or region."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(description="Channel or region.")
    spend: float = Field(ge=0, description="Spend.")
    conversions: int = Field(ge=0, description="Conversions.")
    cost_per_result: float | None = Field(description="Spend / conversions.")
    lift: Lift | None = Field(default=None, description="Lift vs control for this slice.")


class PipelineTally(BaseModel):
    """Opportunities one kind of credit (sourced or influenced) gives a campaign."""

    model_config = ConfigDict(extra="forbid")

    opportunities: int = Field(ge=0, description="Opportunities credited.")
    amount: float = Field(ge=0, description="Their total amount in the campaign currency.")
    open_amount: float = Field(default=0.0, ge=0, description="Amount still open on the as-of day.")
    won_amount: float = Field(default=0.0, ge=0, description="Amount closed won by the as-of day.")
    lost_amount: float = Field(default=0.0, ge=0, description="Amount closed lost by the as-of day.")
    by_stage: dict[str, float] = Field(default_factory=dict, description="Amount per stage on the as-of day.")


class PipelineImpact(BaseModel):
    """Sales pipeline attributed to a campaign: sourced (first touch) and influenced (any touch in the window)."""

    model_config = ConfigDict(extra="forbid")

    window_days: int = Field(
        ge=0, description="A touch counts when it falls in [created - window_days, created]."
    )
    as_of: str = Field(
        description="Day (ISO) the figures are read at: opportunities created by then, stages then."
    )
    accounts_reached: int = Field(ge=0, description="Accounts with treated contacts on the campaign's lists.")
    accounts_touched: int = Field(
        default=0, ge=0, description="Reached accounts touched by a program that ran."
    )
    sourced: PipelineTally = Field(
        description="Opportunities whose first touch in the window was this campaign's."
    )
    influenced: PipelineTally = Field(
        description="Opportunities with any touch of this campaign in the window."
    )
    spend: float | None = Field(
        default=None, ge=0, description="Campaign spend (the cost beside the pipeline)."
    )
    sourced_per_spend: float | None = Field(default=None, description="Sourced amount per unit of spend.")
    influenced_per_spend: float | None = Field(
        default=None, description="Influenced amount per unit of spend."
    )
    cost_per_sourced: float | None = Field(default=None, description="Spend per sourced opportunity.")
    note: str = Field(default="", description="Why figures are missing or partial, if they are.")


class Scorecard(Contract):
    """The one scorecard: speed, KPIs, lift, cost, SLA, escalations."""

    campaign_id: str = Field(description="Campaign id.")
    trace_id: str = Field(description="Trace id.")
    speed_to_launch_s: float | None = Field(description="Seconds from brief to first publish.")
    kpis: list[KPIResult] = Field(description="KPIs vs targets.")
    lift: Lift | None = Field(description="Overall lift vs control.")
    spend: float = Field(ge=0, description="Total spend.")
    conversions: int = Field(ge=0, description="Total conversions.")
    cost_per_result: float | None = Field(description="Spend per conversion.")
    sla_adherence: float | None = Field(description="Share of scheduled items delivered on time.")
    escalation_rate: float = Field(
        ge=0,
        le=1,
        description="Items escalated to a human / items decided (governed subjects + budget changes).",
    )
    by_channel: list[ScoreRow] = Field(default_factory=list, description="Per-channel rows.")
    by_region: list[ScoreRow] = Field(default_factory=list, description="Per-region rows.")
    agents_run: list[str] = Field(default_factory=list, description="Agents that ran for this campaign.")
    llm_calls: int = Field(default=0, ge=0, description="Model calls made.")
    tokens: int = Field(default=0, ge=0, description="Tokens used.")
    autonomy_recommendation: str | None = Field(
        default=None, description="Advice on raising autonomy; never applied automatically."
    )
    pipeline: PipelineImpact | None = Field(
        default=None,
        description="Sourced and influenced sales pipeline beside the cost (latest attribution).",
    )
