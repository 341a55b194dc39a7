"""Salesforce: the campaign and its list members mirrored as a Campaign and CampaignMembers; pipeline read back.

* A Campaign per Liftoff campaign, upserted by the external id field ``Liftoff_Campaign_Id__c`` (an admin adds this
  custom text field, marked External ID, to Campaign once), so a retry never creates a second one.
* CampaignMembers per list: the email list export's addresses are matched to Contacts, then Leads, by email
  (SOQL); addresses Salesforce does not know become Leads (``LeadSource`` Other, ``Company``/``LastName``
  "[not provided]" when the export has none). Members are inserted 200 at a time through the sObject Collections
  API (``composite/sobjects``); an existing membership (``DUPLICATE_VALUE``) counts as done. Paid-channel exports
  carry hashed emails only, so their programs mirror the Campaign without members (said in the receipt).
* Pipeline: Opportunities whose Primary Campaign Source is the Campaign are *sourced*; Opportunities with a
  CampaignInfluence record for it (or sourced) are *influenced*. :func:`read_pipeline` writes them to the log as
  a ``pipeline.attribution`` event (the scorecard shows the latest).

:class:`SalesforceConnector` is a channel connector: the publisher calls it with its idempotency key, retries,
breaker and kill-switch (see :class:`tools.connectors.composite.Mirrored` for running it before a delivering
connector). HTTP 429/5xx/connection errors are transient, other errors permanent.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from graph.contracts import Event, PipelineImpact, PipelineTally, Receipt
from graph.contracts.ids import event_id
from tools.channels.base import PermanentChannelError, PublishItem, TransientChannelError
from tools.events import EventLog
from tools.sqlite import SQLiteFile

EXTERNAL_ID = "Liftoff_Campaign_Id__c"
CHUNK = 200
NOT_PROVIDED = "[not provided]"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sf_items (
    idempotency_key TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL,
    sf_campaign_id TEXT NOT NULL,
    members INTEGER NOT NULL,
    at TEXT NOT NULL
);
"""
_SAFE = re.compile(r"^[A-Za-z0-9@._+\-']+$")
T = TypeVar("T")


def _call(fn: Callable[[], T], what: str) -> T:
    from simple_salesforce.exceptions import SalesforceError  # lazy: start-up (simple_salesforce)

    try:
        return fn()
    except SalesforceError as exc:
        status = int(getattr(exc, "status", 0) or 0)
        if status in (408, 429) or status >= 500:
            raise TransientChannelError(f"Salesforce {what}: HTTP {status}") from None
        raise PermanentChannelError(f"Salesforce {what}: HTTP {status} {_first_error(exc.content)}") from None
    except OSError as exc:
        raise TransientChannelError(f"Salesforce {what}: connection failed ({type(exc).__name__})") from None
    except Exception as exc:
        if type(exc).__module__.startswith(("requests", "urllib3")):
            raise TransientChannelError(
                f"Salesforce {what}: connection failed ({type(exc).__name__})"
            ) from None
        raise


def _first_error(content: Any) -> str:
    if isinstance(content, list) and content and isinstance(content[0], dict):
        return f"{content[0].get('errorCode', '')}: {content[0].get('message', '')}"
    return ""


def _quote(values: Iterable[str]) -> str:
    out = []
    for v in values:
        if not _SAFE.match(v):
            raise PermanentChannelError(f"cannot query Salesforce for {v[:40]!r} (unexpected characters)")
        out.append("'" + v.replace("'", "\\'") + "'")
    return ", ".join(out)


class SalesforceSync:
    """Campaign, members and pipeline on one Salesforce org.

    Args:
        client: A ``simple_salesforce.Salesforce`` (credentials live in it, never here).
        progress_path: SQLite file of synced items (idempotency key -> Campaign id).
        clock: Current UTC time.
    """

    def __init__(
        self, client: Any, progress_path: Path | str, *, clock: Callable[[], datetime] | None = None
    ) -> None:
        """Bind to a client; nothing is requested here."""
        self.sf = client
        self._db = SQLiteFile(Path(progress_path), _SCHEMA)
        self._clock = clock or (lambda: datetime.now(UTC))

    def __repr__(self) -> str:
        return "SalesforceSync()"

    def ensure_campaign(
        self,
        campaign_id: str,
        *,
        name: str | None = None,
        start: date | None = None,
        end: date | None = None,
        budget: float | None = None,
        status: str = "In Progress",
    ) -> str:
        """Upsert the Campaign of a Liftoff campaign by its external id; return the Salesforce id."""
        fields: dict[str, Any] = {
            "Name": (name or f"Liftoff {campaign_id}")[:80],
            "Status": status,
            "IsActive": True,
            "Type": "Email",
        }
        if start:
            fields["StartDate"] = start.isoformat()
        if end:
            fields["EndDate"] = end.isoformat()
        if budget is not None:
            fields["BudgetedCost"] = round(budget, 2)
        _call(lambda: self.sf.Campaign.upsert(f"{EXTERNAL_ID}/{campaign_id}", fields), "upsert Campaign")
        found = _call(lambda: self.sf.Campaign.get_by_custom_id(EXTERNAL_ID, campaign_id), "read Campaign")
        return str(found["Id"])

    def campaign_id(self, campaign_id: str) -> str | None:
        """The Salesforce id of a Liftoff campaign's Campaign, or None."""
        rows = self._query(f"SELECT Id FROM Campaign WHERE {EXTERNAL_ID} = {_quote([campaign_id])}")
        return str(rows[0]["Id"]) if rows else None

    def add_members(self, sf_campaign_id: str, people: list[dict[str, str]], *, status: str = "Sent") -> int:
        """Make every person (email, first_name) a member of the Campaign; return memberships now in place."""
        if not people:
            return 0
        by_email = {p["email"]: p for p in people}
        known: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(sorted(by_email), CHUNK):
            for obj, key in (("Contact", "ContactId"), ("Lead", "LeadId")):
                missing = [e for e in chunk if e not in known]
                if not missing:
                    break
                for row in self._query(f"SELECT Id, Email FROM {obj} WHERE Email IN ({_quote(missing)})"):
                    known.setdefault(str(row["Email"]).lower(), (key, str(row["Id"])))
        new_leads = [e for e in sorted(by_email) if e not in known]
        for chunk in _chunks(new_leads, CHUNK):
            records = [
                {
                    "attributes": {"type": "Lead"},
                    "Email": e,
                    "LastName": NOT_PROVIDED,
                    "Company": NOT_PROVIDED,
                    "LeadSource": "Other",
                    **({"FirstName": by_email[e]["first_name"]} if by_email[e].get("first_name") else {}),
                }
                for e in chunk
            ]
            for email, result in zip(chunk, self._collection(records, "create Leads"), strict=True):
                if not result.get("success"):
                    raise PermanentChannelError(
                        f"Salesforce refused a Lead: {_first_error(result.get('errors'))}"
                    )
                known[email] = ("LeadId", str(result["id"]))
        members = [
            {
                "attributes": {"type": "CampaignMember"},
                "CampaignId": sf_campaign_id,
                key: rid,
                "Status": status,
            }
            for key, rid in (known[e] for e in sorted(by_email))
        ]
        done = 0
        for chunk in _chunks(members, CHUNK):
            for result in self._collection(chunk, "add CampaignMembers"):
                codes = {e.get("statusCode") or e.get("errorCode") for e in result.get("errors") or []}
                if result.get("success") or "DUPLICATE_VALUE" in codes:
                    done += 1
                else:
                    raise PermanentChannelError(f"Salesforce refused a CampaignMember: {sorted(codes)}")
        return done

    def pipeline(self, campaign_id: str, *, as_of: date | None = None) -> PipelineImpact:
        """Sourced and influenced Opportunities of the Campaign, read now.

        Raises:
            PermanentChannelError: when the campaign has no Campaign in Salesforce.
        """
        sf_id = self.campaign_id(campaign_id)
        if sf_id is None:
            raise PermanentChannelError(
                f"campaign {campaign_id} has no Campaign in Salesforce (publish first)"
            )
        fields = "Id, Amount, StageName, IsClosed, IsWon, AccountId"
        sourced = self._query(f"SELECT {fields} FROM Opportunity WHERE CampaignId = {_quote([sf_id])}")
        influence = self._query(
            f"SELECT OpportunityId FROM CampaignInfluence WHERE CampaignId = {_quote([sf_id])}"
        )
        ids = sorted({str(r["OpportunityId"]) for r in influence} - {str(r["Id"]) for r in sourced})
        influenced = list(sourced)
        for chunk in _chunks(ids, CHUNK):
            influenced += self._query(f"SELECT {fields} FROM Opportunity WHERE Id IN ({_quote(chunk)})")
        accounts = {str(r["AccountId"]) for r in influenced if r.get("AccountId")}
        return PipelineImpact(
            window_days=0,
            as_of=(as_of or self._clock().date()).isoformat(),
            accounts_reached=len(accounts),
            accounts_touched=len(accounts),
            sourced=_tally(sourced),
            influenced=_tally(influenced),
            note="read from Salesforce: sourced = Primary Campaign Source, influenced = Campaign Influence or "
            "sourced; accounts = accounts of influenced opportunities",
        )

    def _query(self, soql: str) -> list[dict[str, Any]]:
        return list(_call(lambda: self.sf.query_all(soql), "query")["records"])

    def _collection(self, records: list[dict[str, Any]], what: str) -> list[dict[str, Any]]:
        out = _call(
            lambda: self.sf.restful(
                "composite/sobjects", method="POST", json={"allOrNone": False, "records": records}
            ),
            what,
        )
        return list(out or [])

    # progress of publish items
    def done(self, key: str) -> tuple[str, int, str] | None:
        """(Campaign id, members, at) of a synced item, or None."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT sf_campaign_id, members, at FROM sf_items WHERE idempotency_key = ?", (key,)
            ).fetchone()
        return (str(row[0]), int(row[1]), str(row[2])) if row else None

    def record(self, key: str, campaign_id: str, sf_campaign_id: str, members: int) -> str:
        """Remember a synced item; return when."""
        at = self._clock().isoformat()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO sf_items VALUES (?, ?, ?, ?, ?)",
                (key, campaign_id, sf_campaign_id, members, at),
            )
        return at


def _chunks(items: list[Any], n: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _tally(rows: list[dict[str, Any]]) -> PipelineTally:
    by_stage: dict[str, float] = {}
    won = lost = open_ = 0.0
    for r in rows:
        amount = float(r.get("Amount") or 0.0)
        by_stage[str(r.get("StageName"))] = round(by_stage.get(str(r.get("StageName")), 0.0) + amount, 2)
        if r.get("IsWon"):
            won += amount
        elif r.get("IsClosed"):
            lost += amount
        else:
            open_ += amount
    return PipelineTally(
        opportunities=len(rows),
        amount=round(won + lost + open_, 2),
        open_amount=round(open_, 2),
        won_amount=round(won, 2),
        lost_amount=round(lost, 2),
        by_stage=by_stage,
    )


def read_people(path: str | None) -> list[dict[str, str]]:
    """Email and first name of an email list export (empty for hashed paid-channel exports)."""
    if not path or not Path(path).is_file():
        return []
    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if "email" not in (reader.fieldnames or []):
            return []
        return [
            {"email": r["email"].strip().lower(), "first_name": (r.get("first_name") or "").strip()}
            for r in reader
            if r["email"].strip()
        ]


class SalesforceConnector:
    """The Salesforce mirror as a channel connector (publish = Campaign + CampaignMembers, idempotent per key)."""

    name = "salesforce"

    def __init__(self, sync: SalesforceSync) -> None:
        """Wrap a :class:`SalesforceSync`."""
        self.sync = sync

    def __repr__(self) -> str:
        return "SalesforceConnector()"

    def schedule(self, item: PublishItem) -> Receipt:
        """Mirror the item with members in status Planned."""
        return self._mirror(item, "Planned")

    def publish(self, item: PublishItem) -> Receipt:
        """Mirror the item with members in status Sent."""
        return self._mirror(item, "Sent")

    def lookup(self, idempotency_key: str) -> Receipt | None:
        """The receipt of a mirrored item, from local progress."""
        done = self.sync.done(idempotency_key)
        if done is None:
            return None
        return Receipt(connector=self.name, external_id=done[0], at=done[2], detail={"members": done[1]})

    def cancel(self, external_id: str) -> Receipt:
        """Nothing to undo in Salesforce: memberships record who was targeted."""
        return Receipt(
            connector=self.name,
            external_id=external_id,
            at=self.sync._clock().isoformat(),
            detail={"status": "kept", "note": "CampaignMembers stay as the record of who was targeted"},
        )

    def fetch_metrics(self, external_id: str, day: int) -> dict[str, Any]:
        """Salesforce reports pipeline, not delivery: see :func:`read_pipeline`."""
        raise PermanentChannelError(
            "Salesforce has no delivery metrics; read the pipeline with read_pipeline"
        )

    def _mirror(self, item: PublishItem, status: str) -> Receipt:
        done = self.sync.done(item.idempotency_key)
        if done is not None:
            return Receipt(connector=self.name, external_id=done[0], at=done[2], detail={"members": done[1]})
        sf_id = self.sync.ensure_campaign(item.campaign_id)
        people = read_people(item.export_path) if item.channel == "email" else []
        members = self.sync.add_members(sf_id, people, status=status)
        at = self.sync.record(item.idempotency_key, item.campaign_id, sf_id, members)
        detail: dict[str, Any] = {"members": members}
        if item.channel != "email":
            detail["note"] = f"{item.channel} lists carry hashed emails: no CampaignMembers"
        return Receipt(connector=self.name, external_id=sf_id, at=at, detail=detail)


def read_pipeline(
    sync: SalesforceSync, events: EventLog, *, campaign_id: str, trace_id: str, as_of: date | None = None
) -> Event:
    """Write the Campaign's pipeline as a ``pipeline.attribution`` event (source ``salesforce``); idempotent per day."""
    impact = sync.pipeline(campaign_id, as_of=as_of)
    return events.emit(
        "pipeline.attribution",
        trace_id=trace_id,
        campaign_id=campaign_id,
        source="salesforce",
        payload=impact.model_dump(mode="json"),
        event_id=event_id("salesforce", "pipeline", campaign_id, impact.as_of),
    )
