"""What the Channel Orchestrator asks to publish, and the idempotency key that makes it exactly-once."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, time, timedelta

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph.contracts import Asset, Channel, Region
from tools.channels.base import PublishItem


def idempotency_key(
    campaign_id: str, asset_id: str, asset_version: int, segment_key: str, channel: str, slot: str
) -> str:
    """Return the publish idempotency key: sha256 over the canonical JSON of its six parts.

    Two requests with the same campaign, asset version, segment, channel and slot share the key, so a retry,
    a resume, a second process or a second run maps onto the same stored program.
    """
    canonical = json.dumps(
        [campaign_id, asset_id, int(asset_version), segment_key, channel, slot],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_slot(slot: str) -> datetime:
    """Return the start of a slot as an aware UTC datetime (a date means its midnight UTC; naive means UTC).

    Raises:
        ValueError: when ``slot`` is neither an ISO date nor an ISO datetime.
    """
    try:
        if len(slot) == 10:
            return datetime.combine(date.fromisoformat(slot), time(0), tzinfo=UTC)
        parsed = datetime.fromisoformat(slot)
    except ValueError as exc:
        raise ValueError(f"slot must be an ISO date (YYYY-MM-DD) or datetime, got {slot!r}") from exc
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def slot_deadline(slot: str) -> datetime:
    """Return when a slot is due: the end of its day for a date slot, the instant itself for a datetime."""
    start = parse_slot(slot)
    return start + timedelta(days=1) if len(slot) == 10 else start


class PublishRequest(BaseModel):
    """One approved asset version to publish to one list on one channel, region and slot."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    campaign_id: str = Field(min_length=1, description="Campaign (thread) id.")
    trace_id: str = Field(min_length=1, description="Trace id the events join.")
    channel: Channel = Field(description="Channel to publish on.")
    region: Region = Field(description="Region partition of the list.")
    variant: str = Field(min_length=1, description="Variant label of the asset.")
    asset: Asset = Field(description="The approved asset version.")
    list_id: str = Field(min_length=1, description="Target list id.")
    segment_key: str = Field(min_length=1, description="Key of the segment the list was built from.")
    slot: str = Field(description="Scheduled slot, ISO date (YYYY-MM-DD) or datetime.")
    audience: int = Field(ge=0, description="Contacts or impressions targeted.")
    budget: float = Field(ge=0, description="Budget this item commits against the spend caps.")
    export_path: str | None = Field(
        default=None,
        description="List export file with the recipients (used by connectors that address contacts, e.g. SMTP).",
    )

    @field_validator("slot")
    @classmethod
    def _valid_slot(cls, value: str) -> str:
        parse_slot(value)
        return value

    @model_validator(mode="after")
    def _asset_matches(self) -> PublishRequest:
        mismatched = [
            f"{name} {mine!r} != asset {name} {theirs!r}"
            for name, mine, theirs in (
                ("channel", self.channel, self.asset.channel),
                ("region", self.region, self.asset.region),
                ("variant", self.variant, self.asset.variant),
            )
            if mine != theirs
        ]
        if mismatched:
            raise ValueError("publish request does not match its asset: " + "; ".join(mismatched))
        return self

    @property
    def key(self) -> str:
        """The idempotency key of this request."""
        return idempotency_key(
            self.campaign_id, self.asset.id, self.asset.version, self.segment_key, self.channel, self.slot
        )

    @property
    def program_id(self) -> str:
        """The program id (derived from the key, so stable across runs)."""
        return f"prg-{self.key[:20]}"

    def item(self) -> PublishItem:
        """Return what the connector receives."""
        return PublishItem(
            program_id=self.program_id,
            idempotency_key=self.key,
            campaign_id=self.campaign_id,
            channel=self.channel,
            region=self.region,
            variant=self.variant,
            asset=self.asset,
            list_id=self.list_id,
            segment_key=self.segment_key,
            slot=self.slot,
            audience=self.audience,
            budget=self.budget,
            export_path=self.export_path,
        )
