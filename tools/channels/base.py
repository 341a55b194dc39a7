"""The connector interface every channel implements, the item it receives and its error classes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from graph.contracts import Asset, Receipt


class ChannelError(Exception):
    """A connector could not perform a side effect."""


class TransientChannelError(ChannelError):
    """The channel did not accept the request but may later (timeout before send, 429, 5xx, 4xx SMTP reply).

    Raising it promises that the side effect did not happen, or that repeating it with the same idempotency
    key is deduplicated by the channel; the publisher retries it.

    Attributes:
        retry_after_s: Delay the channel asked for (e.g. an HTTP ``Retry-After``), if any.
    """

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class PermanentChannelError(ChannelError):
    """The channel refused the request for good (bad credentials, 4xx, rejected content); never retried."""


@dataclass(frozen=True)
class PublishItem:
    """What a connector receives: one asset version for one list, channel, region and slot.

    Attributes:
        program_id: Liftoff program id (stable for the idempotency key).
        idempotency_key: Key the channel may use to deduplicate (sent as a header / Message-ID).
        campaign_id: Campaign id.
        channel: Channel name.
        region: Region code.
        variant: Variant label.
        asset: The approved asset version.
        list_id: Target list id.
        segment_key: Segment key the list was built from.
        slot: Scheduled slot (ISO date or datetime).
        audience: Contacts or impressions targeted.
        budget: Budget committed to the item.
        export_path: List export file holding the recipients, for connectors that address contacts directly.
    """

    program_id: str
    idempotency_key: str
    campaign_id: str
    channel: str
    region: str
    variant: str
    asset: Asset
    list_id: str
    segment_key: str
    slot: str
    audience: int
    budget: float
    export_path: str | None = None

    def content(self) -> dict[str, Any]:
        """Return the copy and identifiers a channel needs (no PII), as a JSON-ready dict."""
        return {
            "program_id": self.program_id,
            "idempotency_key": self.idempotency_key,
            "campaign_id": self.campaign_id,
            "channel": self.channel,
            "region": self.region,
            "variant": self.variant,
            "list_id": self.list_id,
            "segment_key": self.segment_key,
            "slot": self.slot,
            "audience": self.audience,
            "budget": self.budget,
            "asset": {"id": self.asset.id, "version": self.asset.version, **self.asset.text_fields()},
        }


@runtime_checkable
class Connector(Protocol):
    """A channel connector. Every method is one side effect (or a read) on the channel.

    Methods raise :class:`TransientChannelError` when a retry may succeed and :class:`PermanentChannelError`
    when it cannot.
    """

    name: str

    def schedule(self, item: PublishItem) -> Receipt:
        """Tell the channel about an item due at ``item.slot`` (no delivery happens)."""
        ...

    def publish(self, item: PublishItem) -> Receipt:
        """Deliver the item now; return the channel's receipt."""
        ...

    def cancel(self, external_id: str) -> Receipt:
        """Cancel a scheduled item or stop a running one."""
        ...


@runtime_checkable
class Reporting(Protocol):
    """A connector whose channel reports results: the publisher pulls them into the event log
    (:meth:`~tools.channels.publisher.Publisher.collect_metrics`). The sandbox does not: it writes its own
    results while the optimizer runs the day."""

    def fetch_metrics(self, external_id: str, day: int) -> dict[str, Any]:
        """Return delivery/response metrics of an item for campaign day ``day`` (0-based)."""
        ...


@runtime_checkable
class Reconcilable(Protocol):
    """A connector that can say whether it already published an item, by idempotency key.

    ``lookup`` is authoritative: ``None`` means the channel holds no completed delivery for the key and
    ``publish`` with the same key will not deliver anything twice. The publisher uses it to reconcile an item
    found "in flight" after a crash; connectors without it get a manual check instead of a blind re-send.
    """

    def lookup(self, idempotency_key: str) -> Receipt | None:
        """Return the receipt of a completed publish for this key, or None."""
        ...
