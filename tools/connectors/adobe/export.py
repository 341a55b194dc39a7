"""The Adobe export bundle: one directory per published item, for Adobe Journey Optimizer / Campaign imports.

Layout (``<root>/<campaign_id>/<program_id>/``), written to a temporary directory and renamed, so a reader sees a
whole bundle or none; a repeat of the same idempotency key returns the existing bundle:

* ``manifest.json``: ``{"format": "liftoff.adobe-export", "version": 1, "campaign_id", "program_id",
  "idempotency_key", "channel", "region", "variant", "slot", "list_id", "segment_key", "audience", "budget",
  "files": {"asset": "asset.json", "recipients": "recipients.csv" | null}, "tracking_url": str | null}``
* ``asset.json``: the approved asset version (``id``, ``version``, ``subject``, ``headline``, ``body``, ``cta``), the
  copy exactly as approved.
* ``recipients.csv``: the channel's list export as written by ``liftoff lists export`` (email: ``email,first_name,
  language``; paid channels: ``email_sha256``), copied byte for byte; absent when the item has no export.

Delivery into Adobe is the customer's import job (or an Adobe I/O Runtime action reading the directory); the signed
webhook (``webhook+https://...?secret_env=`` connector spec) notifies Adobe of each item with the same content.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.contracts import Receipt
from tools.channels.base import PermanentChannelError, PublishItem
from tools.tracking import tracking_url

FORMAT, VERSION = "liftoff.adobe-export", 1


def write_bundle(root: Path, item: PublishItem, *, landing_url: str | None = None) -> Path:
    """Write (once) the bundle of an item; return its directory."""
    final = root / item.campaign_id / item.program_id
    if (final / "manifest.json").is_file():
        existing = json.loads((final / "manifest.json").read_text())
        if existing.get("idempotency_key") != item.idempotency_key:
            raise PermanentChannelError(f"{final} holds another item ({existing.get('idempotency_key')})")
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{item.program_id}.", dir=final.parent))
    try:
        a = item.asset
        (tmp / "asset.json").write_text(
            json.dumps({"id": a.id, "version": a.version, **a.text_fields()}, indent=2)
        )
        recipients = None
        if item.export_path:
            if not Path(item.export_path).is_file():
                raise PermanentChannelError(f"list export {item.export_path} does not exist")
            shutil.copyfile(item.export_path, tmp / "recipients.csv")
            recipients = "recipients.csv"
        link = (
            tracking_url(
                landing_url,
                campaign_id=item.campaign_id,
                channel=item.channel,
                program_id=item.program_id,
                variant=item.variant,
            )
            if landing_url
            else None
        )
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "campaign_id": item.campaign_id,
            "program_id": item.program_id,
            "idempotency_key": item.idempotency_key,
            "channel": item.channel,
            "region": item.region,
            "variant": item.variant,
            "slot": item.slot,
            "list_id": item.list_id,
            "segment_key": item.segment_key,
            "audience": item.audience,
            "budget": item.budget,
            "files": {"asset": "asset.json", "recipients": recipients},
            "tracking_url": link,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


class AdobeExportConnector:
    """Publishes an item by writing its Adobe export bundle (idempotent per key)."""

    name = "adobe_export"

    def __init__(
        self, root: Path | str, *, landing_url: str | None = None, clock: Callable[[], datetime] | None = None
    ) -> None:
        """Write bundles under ``root``."""
        self.root = Path(root)
        self.landing_url = landing_url
        self._clock = clock or (lambda: datetime.now(UTC))

    def _receipt(self, item: PublishItem, status: str) -> Receipt:
        path = write_bundle(self.root, item, landing_url=self.landing_url)
        return Receipt(
            connector=self.name,
            external_id=f"{item.campaign_id}/{item.program_id}",
            at=self._clock().isoformat(),
            detail={"status": status, "path": str(path)},
        )

    def schedule(self, item: PublishItem) -> Receipt:
        """Write the bundle (Adobe schedules from the manifest's slot)."""
        return self._receipt(item, "scheduled")

    def publish(self, item: PublishItem) -> Receipt:
        """Write the bundle."""
        return self._receipt(item, "published")

    def lookup(self, idempotency_key: str) -> Receipt | None:
        """The receipt of a bundle already written for this key, or None."""
        for manifest in self.root.glob("*/*/manifest.json"):
            doc = json.loads(manifest.read_text())
            if doc.get("idempotency_key") == idempotency_key:
                return Receipt(
                    connector=self.name,
                    external_id=f"{doc['campaign_id']}/{doc['program_id']}",
                    at=datetime.fromtimestamp(manifest.stat().st_mtime, UTC).isoformat(),
                    detail={"path": str(manifest.parent), "reconciled": True},
                )
        return None

    def cancel(self, external_id: str) -> Receipt:
        """Mark the bundle cancelled (``CANCELLED`` file beside the manifest) so the import skips it."""
        path = self.root / external_id
        if not (path / "manifest.json").is_file():
            raise PermanentChannelError(f"no Adobe export bundle {external_id}")
        (path / "CANCELLED").write_text(self._clock().isoformat())
        return Receipt(
            connector=self.name,
            external_id=external_id,
            at=self._clock().isoformat(),
            detail={"status": "cancelled"},
        )

    def fetch_metrics(self, external_id: str, day: int) -> dict[str, Any]:
        """Adobe results come back through ``liftoff events ingest`` or the signed endpoint."""
        raise PermanentChannelError(
            "Adobe results come back through `liftoff events ingest` or `events serve`"
        )
