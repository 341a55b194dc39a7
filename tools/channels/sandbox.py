"""Sandbox connectors: the embedded default channel, one per channel name, writing to a local outbox.

What a sandbox channel "delivers" is recorded in the :class:`~tools.channels.outbox.Outbox`. It reports no
metrics itself: the sandbox's results are written by the optimizer cycle (``tools.ingest.sandbox``) from the
seeded program simulator, so the optimizer and scorecard work on reproducible data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from graph.contracts import Receipt
from tools.channels.base import PermanentChannelError, PublishItem
from tools.channels.outbox import Outbox


class SandboxConnector:
    """A channel that records deliveries in a local outbox instead of contacting anyone.

    Publishing is idempotent per key (a second publish of the same key returns the first receipt), and
    :meth:`lookup` lets the publisher reconcile items left in flight by a crash.
    """

    def __init__(
        self,
        channel: str,
        outbox: Outbox | Path | str,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """Create the sandbox connector of one channel.

        Args:
            channel: Channel this connector serves.
            outbox: Outbox (or its SQLite path) shared by the sandbox connectors.
            clock: Returns the current UTC time (for receipts).
        """
        self.name = "sandbox"
        self.channel = channel
        self.outbox = outbox if isinstance(outbox, Outbox) else Outbox(outbox)
        self._clock = clock or (lambda: datetime.now(UTC))

    def external_id(self, item: PublishItem) -> str:
        """Return the id the sandbox gives an item (stable for its idempotency key)."""
        return f"sbx-{self.channel}-{item.idempotency_key[:20]}"

    def schedule(self, item: PublishItem) -> Receipt:
        """Record the item as scheduled (idempotent per key)."""
        return self._write(item, "scheduled")

    def publish(self, item: PublishItem) -> Receipt:
        """Record the item as published (idempotent per key; refused once cancelled)."""
        return self._write(item, "published")

    def _write(self, item: PublishItem, status: str) -> Receipt:
        self._check_channel(item)
        at = self._clock().isoformat()
        ext = self.external_id(item)
        a = item.asset
        with self.outbox.transaction() as conn:
            row = conn.execute(
                "SELECT status, scheduled_at, published_at FROM outbox WHERE idempotency_key = ?",
                (item.idempotency_key,),
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO outbox (external_id, idempotency_key, program_id, campaign_id, channel, region,"
                    " variant, asset_id, asset_version, list_id, slot, audience, budget, subject, headline, body,"
                    " cta, status, scheduled_at, published_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        ext,
                        item.idempotency_key,
                        item.program_id,
                        item.campaign_id,
                        item.channel,
                        item.region,
                        item.variant,
                        a.id,
                        a.version,
                        item.list_id,
                        item.slot,
                        item.audience,
                        item.budget,
                        a.subject,
                        a.headline,
                        a.body,
                        a.cta,
                        status,
                        at if status == "scheduled" else None,
                        at if status == "published" else None,
                    ),
                )
                current = status
            elif row[0] == "cancelled":
                raise PermanentChannelError(f"sandbox item {ext} was cancelled; it cannot be {status}")
            elif row[0] == "scheduled" and status == "published":
                conn.execute(
                    "UPDATE outbox SET status = 'published', published_at = ? WHERE external_id = ?",
                    (at, ext),
                )
                current = status
            else:  # a repeat: report the original side effect
                current = row[0]
                at = (row[2] if current == "published" else row[1]) or at
        return Receipt(
            connector=self.name, external_id=ext, at=at, detail={"status": current, "channel": self.channel}
        )

    def lookup(self, idempotency_key: str) -> Receipt | None:
        """Return the receipt of a published item by key, or None if it never reached "published"."""
        entry = self.outbox.get(idempotency_key=idempotency_key)
        if entry is None or entry.status != "published" or entry.published_at is None:
            return None
        return Receipt(
            connector=self.name,
            external_id=entry.external_id,
            at=entry.published_at,
            detail={"status": "published", "channel": entry.channel, "reconciled": True},
        )

    def cancel(self, external_id: str) -> Receipt:
        """Cancel a scheduled item or stop a published one (no further metrics accrue)."""
        at = self._clock().isoformat()
        with self.outbox.transaction() as conn:
            row = conn.execute("SELECT status FROM outbox WHERE external_id = ?", (external_id,)).fetchone()
            if row is None:
                raise PermanentChannelError(f"sandbox has no item {external_id!r}")
            if row[0] != "cancelled":
                conn.execute(
                    "UPDATE outbox SET status = 'cancelled', cancelled_at = ? WHERE external_id = ?",
                    (at, external_id),
                )
        return Receipt(connector=self.name, external_id=external_id, at=at, detail={"status": "cancelled"})

    def _check_channel(self, item: PublishItem) -> None:
        if item.channel != self.channel:
            raise PermanentChannelError(
                f"sandbox connector for {self.channel} got an item for {item.channel}"
            )
