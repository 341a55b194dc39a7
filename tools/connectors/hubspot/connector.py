"""The HubSpot email connector: a target list pushed as a static list, the approved asset as a marketing email.

``publish``/``schedule`` of one item (one program):

1. contacts upserted by email in batches of 100 (``POST /crm/v3/objects/contacts/batch/upsert``) with only the
   fields the email channel needs (``email``, ``firstname``, ``hs_language``, from the list export);
2. a static (``MANUAL``) contact list named after the item's idempotency key (``POST /crm/v3/lists/``; found by
   name first, so a retry reuses it) and its members (``PUT /crm/v3/lists/{id}/memberships/add``);
3. a marketing email from the approved asset (subject, body, CTA) addressed to that list
   (``POST /marketing/v3/emails/``), then ``POST /marketing/v3/emails/{id}/publish``: sent now (``publish``) or at
   the item's slot (``schedule``: ``publishDate``).

Progress per idempotency key (list id, email id, state) is kept in a local SQLite file, so a retry resumes where
it stopped and never creates or sends a second email; :meth:`lookup` answers the publisher's crash
reconciliation from it. HTTP 429/5xx and connection failures raise :class:`TransientChannelError` (the
publisher retries with backoff and trips its circuit breaker), other 4xx :class:`PermanentChannelError`. The
access token never leaves the SDK's configuration.
"""

from __future__ import annotations

import csv
import html
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from graph.contracts import Receipt
from tools.channels.base import PermanentChannelError, PublishItem, TransientChannelError
from tools.channels.request import parse_slot
from tools.connectors.secrets import Secret
from tools.sqlite import SQLiteFile
from tools.tracking import tracking_url

CONTACTS_OBJECT = "0-1"
BATCH = 100
_SCHEMA = """
CREATE TABLE IF NOT EXISTS hubspot_items (
    idempotency_key TEXT PRIMARY KEY,
    program_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    list_id TEXT,
    email_id TEXT,
    contacts TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'new',
    at TEXT
);
"""
T = TypeVar("T")


def _status(exc: BaseException) -> int | None:
    status = getattr(exc, "status", None)
    return int(status) if isinstance(status, int) else None


def call(fn: Callable[[], T], what: str) -> T:
    """Run one SDK call and map its failure to the channel error classes (no body or header in the message)."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - every SDK sub-package has its own ApiException class
        status = _status(exc)
        if status is None:
            if type(exc).__module__.startswith(("urllib3", "socket", "ssl")) or isinstance(exc, OSError):
                raise TransientChannelError(
                    f"HubSpot {what}: connection failed ({type(exc).__name__})"
                ) from None
            raise
        retry_after = None
        headers = getattr(exc, "headers", None) or {}
        if headers.get("Retry-After"):
            try:
                retry_after = float(headers["Retry-After"])
            except ValueError:
                retry_after = None
        if status in (408, 425, 429) or status >= 500:
            raise TransientChannelError(f"HubSpot {what}: HTTP {status}", retry_after_s=retry_after) from None
        raise PermanentChannelError(
            f"HubSpot {what}: HTTP {status} {getattr(exc, 'reason', '')}".strip()
        ) from None


def read_contacts(path: str | None) -> list[dict[str, str]]:
    """The email list export's rows as HubSpot contact properties (email, firstname, hs_language only).

    Raises:
        PermanentChannelError: when the export is missing or has no ``email`` column.
    """
    if not path or not Path(path).is_file():
        raise PermanentChannelError(f"HubSpot needs the list export with the recipients (got {path!r})")
    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if "email" not in (reader.fieldnames or []):
            raise PermanentChannelError(f"list export {path} has no email column")
        out = []
        for row in reader:
            props = {"email": row["email"].strip().lower()}
            if row.get("first_name"):
                props["firstname"] = row["first_name"].strip()
            if row.get("language"):
                props["hs_language"] = row["language"].strip()
            if props["email"]:
                out.append(props)
    return out


class HubSpotConnector:
    """The email channel on HubSpot.

    Args:
        token: Private-app access token (from :func:`tools.connectors.secrets.secret`).
        progress_path: SQLite file of per-item progress.
        host: API base URL (default HubSpot's; tests point it at a local fake).
        from_name: Sender name of the emails.
        landing_url: The brief's landing page; the CTA links to it with the program's tracking ids.
        reply_to: Reply-to address of the emails.
        clock: Current UTC time (receipts).
    """

    name = "hubspot"

    def __init__(
        self,
        token: Secret,
        progress_path: Path | str,
        *,
        host: str = "https://api.hubapi.com",
        from_name: str = "Liftoff",
        reply_to: str | None = None,
        landing_url: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """Build the SDK client (no request is made here)."""
        from hubspot import HubSpot  # lazy: start-up (hubspot)

        self._client = HubSpot(access_token=token.reveal(), host=host.rstrip("/"), retry=None)
        self.host = host
        self.from_name, self.reply_to, self.landing_url = from_name, reply_to, landing_url
        self._db = SQLiteFile(Path(progress_path), _SCHEMA)
        self._clock = clock or (lambda: datetime.now(UTC))

    def __repr__(self) -> str:
        return f"HubSpotConnector(host={self.host!r})"

    # -- progress -----------------------------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._db.transaction() as conn:
            yield conn

    def _row(self, key: str) -> dict[str, Any] | None:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT list_id, email_id, state, at, campaign_id FROM hubspot_items"
                " WHERE idempotency_key = ?",
                (key,),
            ).fetchone()
        if row is None:
            return None
        return {"list_id": row[0], "email_id": row[1], "state": row[2], "at": row[3], "campaign_id": row[4]}

    def _save(self, item: PublishItem, **values: Any) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO hubspot_items (idempotency_key, program_id, campaign_id)"
                " VALUES (?, ?, ?)",
                (item.idempotency_key, item.program_id, item.campaign_id),
            )
            for column, value in values.items():
                conn.execute(
                    f"UPDATE hubspot_items SET {column} = ? WHERE idempotency_key = ?",  # noqa: S608
                    (value, item.idempotency_key),
                )

    def email_ids(self, campaign_id: str | None = None) -> dict[str, str]:
        """HubSpot email id -> Liftoff program id of every sent or scheduled item (for reading results back)."""
        sql = "SELECT email_id, program_id FROM hubspot_items WHERE state IN ('published', 'scheduled')"
        args: tuple[str, ...] = ()
        if campaign_id:
            sql, args = sql + " AND campaign_id = ?", (campaign_id,)
        with self._tx() as conn:
            return {str(e): str(p) for e, p in conn.execute(sql, args) if e}

    def list_ids(self, campaign_id: str | None = None) -> dict[str, str]:
        """HubSpot list id -> Liftoff program id (for lifecycle changes of list members)."""
        sql = "SELECT list_id, program_id FROM hubspot_items WHERE state IN ('published', 'scheduled')"
        args: tuple[str, ...] = ()
        if campaign_id:
            sql, args = sql + " AND campaign_id = ?", (campaign_id,)
        with self._tx() as conn:
            return {str(x): str(p) for x, p in conn.execute(sql, args) if x}

    # -- the Connector protocol ---------------------------------------------------------------------------
    def schedule(self, item: PublishItem) -> Receipt:
        """Create the list and the email and schedule it at the item's slot."""
        return self._deliver(item, at=parse_slot(item.slot))

    def publish(self, item: PublishItem) -> Receipt:
        """Create the list and the email and send it now."""
        return self._deliver(item, at=None)

    def lookup(self, idempotency_key: str) -> Receipt | None:
        """The receipt of a sent item, from local progress (None: never sent; a publish resumes safely)."""
        row = self._row(idempotency_key)
        if row is None or row["state"] != "published":
            return None
        return Receipt(
            connector=self.name,
            external_id=str(row["email_id"]),
            at=row["at"] or self._now(),
            detail={"list_id": row["list_id"], "reconciled": True},
        )

    def cancel(self, external_id: str) -> Receipt:
        """Unpublish (cancel) a scheduled email."""
        call(
            lambda: self._client.marketing.emails.marketing_emails_api.unpublish_or_cancel(external_id),
            "unpublish email",
        )
        with self._tx() as conn:
            conn.execute("UPDATE hubspot_items SET state = 'cancelled' WHERE email_id = ?", (external_id,))
        return Receipt(
            connector=self.name, external_id=external_id, at=self._now(), detail={"status": "cancelled"}
        )

    def fetch_metrics(self, external_id: str, day: int) -> dict[str, Any]:
        """Not a per-day pull: results come back as events (:func:`tools.connectors.hubspot.results.read_back`)."""
        raise PermanentChannelError("HubSpot results are read back into the event log with `read_back`")

    # -- steps --------------------------------------------------------------------------------------------
    def _deliver(self, item: PublishItem, *, at: datetime | None) -> Receipt:
        if item.channel != "email":
            raise PermanentChannelError(f"the HubSpot connector sends email, not {item.channel}")
        row = self._row(item.idempotency_key) or {}
        wanted = "published" if at is None else "scheduled"
        if row.get("state") in ("published", wanted) and row.get("email_id"):
            return self._receipt(item, row["email_id"], row["list_id"], row["state"], row["at"])
        if row.get("state") == "cancelled":
            raise PermanentChannelError(f"HubSpot email {row.get('email_id')} was cancelled")
        list_id = row.get("list_id") or self._push_list(item)
        email_id = row.get("email_id") or self._create_email(item, list_id, at)
        call(
            lambda: self._client.marketing.emails.marketing_emails_api.publish_or_send(email_id),
            "publish email",
        )
        when = self._now()
        self._save(item, state=wanted, at=when)
        return self._receipt(item, email_id, list_id, wanted, when)

    def _push_list(self, item: PublishItem) -> str:
        from hubspot.crm.contacts import (
            BatchInputSimplePublicObjectBatchInputUpsert,
            SimplePublicObjectBatchInputUpsert,
        )  # lazy: start-up (hubspot)
        from hubspot.crm.lists import ListCreateRequest  # lazy: start-up (hubspot)

        contacts = read_contacts(item.export_path)
        if not contacts:
            raise PermanentChannelError(f"list export {item.export_path} has no recipients")
        ids: list[str] = []
        batch_api = self._client.crm.contacts.batch_api
        for i in range(0, len(contacts), BATCH):
            inputs = [
                SimplePublicObjectBatchInputUpsert(id=c["email"], id_property="email", properties=c)
                for c in contacts[i : i + BATCH]
            ]
            resp = call(
                partial(batch_api.upsert, BatchInputSimplePublicObjectBatchInputUpsert(inputs=inputs)),
                "upsert contacts",
            )
            ids += [str(r.id) for r in resp.results]
        name = f"liftoff {item.campaign_id} {item.program_id} {item.idempotency_key[:12]}"
        lists_api = self._client.crm.lists.lists_api
        list_id = self._find_list(name)
        if list_id is None:
            created = call(
                lambda: lists_api.create(
                    ListCreateRequest(name=name, object_type_id=CONTACTS_OBJECT, processing_type="MANUAL")
                ),
                "create list",
            )
            list_id = str(created.list.list_id)
        self._save(item, list_id=list_id)
        members = self._client.crm.lists.memberships_api
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            call(partial(members.add, list_id, chunk), "add list members")
        return list_id

    def _find_list(self, name: str) -> str | None:
        try:
            found = call(
                lambda: self._client.crm.lists.lists_api.get_by_name(name, CONTACTS_OBJECT), "find list"
            )
        except PermanentChannelError:
            return None  # 404: no list of that name yet
        return str(found.list.list_id)

    def _create_email(self, item: PublishItem, list_id: str, at: datetime | None) -> str:
        from hubspot.marketing.emails import (
            EmailCreateRequest,
            PublicEmailContent,
            PublicEmailFromDetails,
            PublicEmailRecipients,
            PublicEmailToDetails,
        )  # lazy: start-up (hubspot)

        a = item.asset
        body = html.escape(a.body).replace("\n", "<br>")
        cta = f"<p>{html.escape(a.cta)}</p>" if a.cta else ""
        if self.landing_url:
            link = tracking_url(
                self.landing_url,
                campaign_id=item.campaign_id,
                channel=item.channel,
                program_id=item.program_id,
                variant=item.variant,
            )
            cta = f'<p><a href="{html.escape(link, quote=True)}">{html.escape(a.cta or "Learn more")}</a></p>'
        request = EmailCreateRequest(
            name=f"liftoff {item.program_id} {item.idempotency_key[:12]}",
            subject=a.subject or a.headline or item.program_id,
            _from=PublicEmailFromDetails(from_name=self.from_name, reply_to=self.reply_to),
            to=PublicEmailToDetails(contact_lists=PublicEmailRecipients(include=[list_id])),
            content=PublicEmailContent(
                widgets={
                    "primary_rich_text_module": {"body": {"html": f"<p>{body}</p>{cta}"}, "type": "module"}
                },
                plain_text_version=f"{a.body}\n\n{a.cta or ''}".strip(),
            ),
            send_on_publish=True,
            publish_date=at,
        )
        created = call(
            lambda: self._client.marketing.emails.marketing_emails_api.create(request), "create email"
        )
        email_id = str(created.id)
        self._save(item, email_id=email_id)
        return email_id

    def _receipt(self, item: PublishItem, email_id: str, list_id: str, state: str, at: str | None) -> Receipt:
        return Receipt(
            connector=self.name,
            external_id=str(email_id),
            at=at or self._now(),
            detail={"status": state, "list_id": list_id, "channel": item.channel},
        )

    def _now(self) -> str:
        return self._clock().isoformat()
