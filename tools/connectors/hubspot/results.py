"""HubSpot results back into the event log: email statistics per day and contact lifecycle changes.

* Email events: ``GET /marketing/v3/emails/statistics/histogram?interval=DAY`` per email the connector sent; each
  finished day's counters become results (``delivered``, ``open``, ``click``, ``bounce``, ``unsubscribed`` ->
  unsubscribe) with the id ``hs-<email>-<date>-<type>``. Only days that have ended are read (a day's counters
  are final then), so the id of a day's count never has to change.
* Lifecycle changes: the members of each program's static list (``GET /crm/v3/lists/{id}/memberships``) are read
  with ``POST /crm/v3/objects/contacts/batch/read`` for their lifecycle stage dates
  (``hs_lifecyclestage_<stage>_date``); a member who entered one of ``conversion_stages`` on or after the
  program's start is one ``conversion`` (id ``hs-lc-<program>-<contact>``: once per contact and program).

Everything goes through :func:`tools.ingest.pipeline.ingest_results` (``source="hubspot"``): all or nothing,
idempotent by id, costs to the ledger.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time
from functools import partial
from typing import Any

from tools.connectors.hubspot.connector import BATCH, HubSpotConnector, call
from tools.events import EventLog
from tools.ingest.pipeline import IngestReport, ingest_results
from tools.ingest.resolve import ProgramDirectory
from tools.spend import SpendLedger

COUNTERS = {
    "delivered": "delivered",
    "open": "open",
    "click": "click",
    "bounce": "bounce",
    "unsubscribed": "unsubscribe",
}
DEFAULT_STAGES = ("marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer")


def _when(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    text = str(value)
    if text.isdigit():
        return datetime.fromtimestamp(int(text) / 1000, tz=UTC)
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def email_records(
    connector: HubSpotConnector, *, since: date, now: datetime, campaign_id: str | None = None
) -> Iterator[dict[str, Any]]:
    """Result records of every finished day since ``since`` of the emails the connector sent."""
    api = connector._client.marketing.emails.statistics_api
    start = datetime.combine(since, time(0), tzinfo=UTC)
    for email_id, program_id in sorted(connector.email_ids(campaign_id).items()):
        page = call(
            partial(
                api.get_histogram,
                interval="DAY",
                start_timestamp=start,
                end_timestamp=now,
                email_ids=[int(email_id)],
            ),
            "email statistics",
        )
        for interval in page.results or []:
            begin, end = interval.interval.start, interval.interval.end
            if end is None or end > now:
                continue  # the day is not over: its counters may still move
            counters = (interval.aggregations.counters if interval.aggregations else None) or {}
            for name, kind in COUNTERS.items():
                n = int(counters.get(name) or 0)
                if n > 0:
                    yield {
                        "id": f"hs-{email_id}-{begin.date().isoformat()}-{kind}",
                        "program_id": program_id,
                        "type": kind,
                        "at": begin.astimezone(UTC).isoformat(),
                        "count": n,
                    }


def lifecycle_records(
    connector: HubSpotConnector,
    directory: ProgramDirectory,
    *,
    stages: Sequence[str] = DEFAULT_STAGES,
    campaign_id: str | None = None,
) -> Iterator[dict[str, Any]]:
    """One conversion per list member who entered a conversion stage on or after the program started."""
    from hubspot.crm.contacts import (  # lazy: start-up (hubspot)
        BatchReadInputSimplePublicObjectId,
        SimplePublicObjectId,
    )  # lazy: start-up (hubspot)

    members_api = connector._client.crm.lists.memberships_api
    batch_api = connector._client.crm.contacts.batch_api
    props = [f"hs_lifecyclestage_{s}_date" for s in stages]
    for list_id, program_id in sorted(connector.list_ids(campaign_id).items()):
        ref = directory.get(program_id)
        if ref is None:
            continue
        started = datetime.combine(ref.start, time(0), tzinfo=UTC)
        members, after = [], None
        while True:
            page = call(
                partial(members_api.get_page, list_id, limit=250, **({"after": after} if after else {})),
                "list members",
            )
            members += [str(r.record_id) for r in page.results or []]
            after = page.paging.next.after if page.paging and page.paging.next else None
            if not after:
                break
        for i in range(0, len(members), BATCH):
            chunk = members[i : i + BATCH]
            request = BatchReadInputSimplePublicObjectId(
                inputs=[SimplePublicObjectId(id=c) for c in chunk],
                properties=props,
                properties_with_history=[],
            )
            resp = call(partial(batch_api.read, request, archived=False), "read contacts")
            for contact in resp.results or []:
                entered = [
                    d for d in (_when((contact.properties or {}).get(p)) for p in props) if d and d >= started
                ]
                if entered:
                    yield {
                        "id": f"hs-lc-{program_id}-{contact.id}",
                        "program_id": program_id,
                        "type": "conversion",
                        "at": min(entered).isoformat(),
                    }


def read_back(
    connector: HubSpotConnector,
    *,
    events: EventLog,
    directory: ProgramDirectory,
    ledger: SpendLedger | None,
    since: date,
    now: datetime | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    campaign_id: str | None = None,
) -> IngestReport:
    """Read HubSpot's email statistics and lifecycle changes into the log (all or nothing, idempotent)."""
    moment = now or datetime.now(UTC)
    records = [
        *email_records(connector, since=since, now=moment, campaign_id=campaign_id),
        *lifecycle_records(connector, directory, stages=stages, campaign_id=campaign_id),
    ]
    return ingest_results(
        enumerate(records, 1),
        events=events,
        directory=directory,
        ledger=ledger,
        source="hubspot",
        label="HubSpot read-back",
    )


__all__ = ["DEFAULT_STAGES", "email_records", "lifecycle_records", "read_back"]
