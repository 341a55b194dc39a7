"""Opportunities, their stages over time, and touches (a campaign reaching an account on a day)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

OPEN_STAGES: tuple[str, ...] = ("prospecting", "qualification", "proposal", "negotiation")
"""Stages an open opportunity moves through, in order."""

STAGES: tuple[str, ...] = (*OPEN_STAGES, "closed_won", "closed_lost")
"""Every stage."""

Outcome = Literal["won", "lost"]


@dataclass(frozen=True)
class Opportunity:
    """One opportunity and its path through the stages.

    Attributes:
        opportunity_id: Id.
        account_id: Account it belongs to.
        amount: Deal amount in the campaign currency.
        created_on: Day it was created.
        stage_days: Days spent in each open stage it goes through (``len <= 4``); it closes after the last.
        outcome: 'won' or 'lost' at close.
        origin: 'seed' (in the CRM from the start) or 'market' (arose during a simulated campaign).
    """

    opportunity_id: str
    account_id: str
    amount: float
    created_on: date
    stage_days: tuple[int, ...]
    outcome: Outcome
    origin: str = "seed"

    def __post_init__(self) -> None:
        if not 1 <= len(self.stage_days) <= len(OPEN_STAGES) or any(d < 1 for d in self.stage_days):
            raise ValueError(f"opportunity {self.opportunity_id}: stage_days must be 1-4 positive day counts")
        if self.amount < 0:
            raise ValueError(f"opportunity {self.opportunity_id}: amount must be >= 0")

    def stage_on(self, day: date) -> str | None:
        """Its stage on ``day`` (None before it was created)."""
        if day < self.created_on:
            return None
        elapsed = (day - self.created_on).days
        for stage, days in zip(OPEN_STAGES, self.stage_days, strict=False):
            if elapsed < days:
                return stage
            elapsed -= days
        return f"closed_{self.outcome}"


@dataclass(frozen=True, order=True)
class Touch:
    """A campaign reached (a contact of) an account on a day, through a channel.

    Ordered by (day, campaign, channel, account): the first touch is the smallest.
    """

    on: date
    campaign_id: str
    channel: str = field(default="")
    account_id: str = field(default="")
