"""Shared vocabulary of the contracts: channels, regions, money and the base model."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"
"""Version of every contract in this package; bump on a breaking change."""

Channel = Literal["email", "sms", "paid_social", "paid_search", "display"]
"""Channels Liftoff can plan, write for and publish to."""

CHANNELS: tuple[Channel, ...] = ("email", "sms", "paid_social", "paid_search", "display")

Region = Literal["US", "UK", "EU", "CA", "APAC"]
"""Region codes used by plans, lists, brand-library rules and the kill-switch."""

REGIONS: tuple[Region, ...] = ("US", "UK", "EU", "CA", "APAC")

Currency = Literal[
    "USD",
    "EUR",
    "GBP",
    "CAD",
    "AUD",
    "JPY",
    "CHF",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "NZD",
    "SGD",
    "HKD",
    "KRW",
    "INR",
    "MXN",
    "ZAR",
    "AED",
    "IDR",
    "THB",
    "MYR",
    "PHP",
    "VND",
    "TWD",
]
"""ISO 4217 codes Liftoff plans in (none with three minor digits: the spend ledger counts hundredths)."""


class Contract(BaseModel):
    """Base of every boundary contract: strict about unknown keys, versioned."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: str = Field(default=SCHEMA_VERSION, description="Contract schema version.")


class Money(BaseModel):
    """An amount in one currency."""

    model_config = ConfigDict(extra="forbid")

    amount: float = Field(ge=0, description="Amount in the currency's major unit (e.g. dollars, not cents).")
    currency: Currency = Field(default="USD", description="ISO 4217 currency code.")

    def __str__(self) -> str:
        return f"{self.amount:,.2f} {self.currency}"
