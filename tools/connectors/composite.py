"""Run CRM mirrors before a delivering connector: the CRM record exists before anything is sent.

``Mirrored(primary, [salesforce])`` is one channel connector: ``publish`` first runs each mirror (idempotent per
key; its failure is the publish's failure, so the publisher's retries, breaker and kill-switch apply and nothing is
sent without its CRM record), then the primary. Receipts of the mirrors go into the primary receipt's detail.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.contracts import Receipt
from tools.channels.base import Connector, PermanentChannelError, PublishItem, Reconcilable, Reporting


class Mirrored:
    """A delivering connector with CRM mirrors run first."""

    def __init__(self, primary: Connector, mirrors: Sequence[Connector]) -> None:
        """Wrap ``primary``; ``mirrors`` run before it on schedule and publish."""
        self.primary, self.mirrors = primary, list(mirrors)
        self.name = primary.name

    def _with(self, receipt: Receipt, mirrored: list[Receipt]) -> Receipt:
        detail = {**receipt.detail, "mirrors": {r.connector: r.external_id for r in mirrored}}
        return receipt.model_copy(update={"detail": detail})

    def schedule(self, item: PublishItem) -> Receipt:
        """Mirror, then schedule on the primary."""
        mirrored = [m.schedule(item) for m in self.mirrors]
        return self._with(self.primary.schedule(item), mirrored)

    def publish(self, item: PublishItem) -> Receipt:
        """Mirror, then publish on the primary."""
        mirrored = [m.publish(item) for m in self.mirrors]
        return self._with(self.primary.publish(item), mirrored)

    def cancel(self, external_id: str) -> Receipt:
        """Cancel on the primary (mirrors keep their record)."""
        return self.primary.cancel(external_id)

    def fetch_metrics(self, external_id: str, day: int) -> dict[str, Any]:
        """The primary's metrics.

        Raises:
            PermanentChannelError: when the primary reports no results.
        """
        if not isinstance(self.primary, Reporting):
            raise PermanentChannelError(f"{self.primary.name} reports no results")
        return self.primary.fetch_metrics(external_id, day)

    def lookup(self, idempotency_key: str) -> Receipt | None:
        """The primary's receipt (it is the side effect that counts)."""
        return self.primary.lookup(idempotency_key) if isinstance(self.primary, Reconcilable) else None
