"""The result vocabulary: one incoming line (:class:`ResultIn`), the program it belongs to, and its log event.

A result becomes the event ``result.<type>`` with id ``result:<id>``, so the same result arriving twice (a
re-ingested file, a retried HTTP post, the sandbox re-running a day) is appended once. Its payload carries the
program's channel, region and variant and the campaign day (days since the program's slot, the campaign start
date the orchestrator schedules), so rollups need nothing but the log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph.contracts import Event

ResultType = Literal["delivered", "open", "click", "conversion", "revenue", "cost", "bounce", "unsubscribe"]
RESULT_KINDS: tuple[str, ...] = get_args(ResultType)
RESULT_TYPES: tuple[str, ...] = tuple(f"result.{k}" for k in RESULT_KINDS)
"""Event types of results in the log."""
MONEY_KINDS = frozenset({"cost", "revenue"})
EVENT_PREFIX = "result:"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,199}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_COUNT = 10**9


class ResultIn(BaseModel):
    """One result as it arrives (a file line or an HTTP item), before it is tied to a program.

    Exactly one of ``program_id`` and ``url`` (a tracking link, see :mod:`tools.tracking`) names the program.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(description="Result id, unique at the source; the idempotency key.")
    program_id: str | None = Field(default=None, description="Liftoff program id.")
    url: str | None = Field(
        default=None, description="Tracking link carrying lo_c/lo_p (instead of program_id)."
    )
    type: ResultType = Field(description="What happened.")
    at: datetime = Field(description="When it happened (ISO-8601 with a timezone offset).")
    count: int = Field(default=1, ge=1, le=MAX_COUNT, description="How many (default 1).")
    amount: float | None = Field(default=None, ge=0, description="Money, for cost and revenue.")
    currency: str | None = Field(default=None, description="ISO 4217 code of amount.")

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("id must be 1-200 characters of letters, digits and ._:@/+=- (no spaces)")
        return v

    @field_validator("at")
    @classmethod
    def _aware(cls, v: datetime) -> datetime:
        if v.tzinfo is None:
            raise ValueError("at needs a timezone offset (e.g. 2026-03-01T12:00:00Z)")
        return v.astimezone(UTC)

    @field_validator("currency")
    @classmethod
    def _currency(cls, v: str | None) -> str | None:
        if v is None or v == "":
            return None
        if not _CURRENCY.match(v.upper()):
            raise ValueError(f"currency must be a 3-letter ISO 4217 code, got {v!r}")
        return v.upper()

    @model_validator(mode="after")
    def _shape(self) -> ResultIn:
        if bool(self.program_id) == bool(self.url):
            raise ValueError("give exactly one of program_id and url")
        money = self.type in MONEY_KINDS
        if money and self.amount is None:
            raise ValueError(f"a {self.type} result needs an amount")
        if not money and self.amount is not None:
            raise ValueError(f"a {self.type} result takes no amount (only cost and revenue do)")
        if not money and self.currency is not None:
            raise ValueError(f"a {self.type} result takes no currency (only cost and revenue do)")
        if self.amount is not None and self.amount != self.amount:  # NaN
            raise ValueError("amount must be a number")
        return self


@dataclass(frozen=True)
class ProgramRef:
    """What a result needs to know about its program."""

    program_id: str
    campaign_id: str
    trace_id: str
    channel: str
    region: str
    variant: str
    start: date
    """Campaign day 0 (the program's slot date)."""
    audience: int = 0


def to_event(result: ResultIn, ref: ProgramRef, *, source: str, variant: str | None = None) -> Event:
    """The log event of a result tied to its program.

    Raises:
        ValueError: when the result happened before the campaign started.
    """
    day = (result.at.date() - ref.start).days
    if day < 0:
        raise ValueError(
            f"at {result.at.isoformat()} is before program {ref.program_id} started ({ref.start})"
        )
    payload: dict[str, Any] = {
        "result_id": result.id,
        "kind": result.type,
        "program_id": ref.program_id,
        "channel": ref.channel,
        "region": ref.region,
        "variant": variant or ref.variant,
        "at": result.at.isoformat(),
        "date": result.at.date().isoformat(),
        "day": day,
        "count": result.count,
        "audience": ref.audience,
    }
    if result.amount is not None:
        payload["amount"] = round(result.amount, 2)
        payload["currency"] = result.currency
    return Event(
        id=EVENT_PREFIX + result.id,
        type=f"result.{result.type}",
        trace_id=ref.trace_id,
        campaign_id=ref.campaign_id,
        source=source,
        payload=payload,
        ts=result.at.isoformat(),
    )
