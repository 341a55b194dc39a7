"""Salesforce (and HubSpot) end to end against local fakes that validate every record against the sObject lists."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.tools.channels.channel_kit import Clock, MaxRandom, make_request
from tests.vendors.hubspot_fake import fake_hubspot
from tests.vendors.salesforce_fake import Invalid, check_record, fake_salesforce
from tools.analytics.scorecard import compute_scorecard
from tools.channels.base import PermanentChannelError
from tools.channels.publisher import Publisher
from tools.channels.resilience import RetryPolicy
from tools.connectors.composite import Mirrored
from tools.connectors.hubspot import HubSpotConnector
from tools.connectors.hubspot.results import read_back
from tools.connectors.salesforce import SalesforceConnector, SalesforceSync
from tools.connectors.salesforce.client import salesforce_client
from tools.connectors.salesforce.connector import read_pipeline
from tools.connectors.secrets import MissingSecret, Secret
from tools.events import EventLog
from tools.ingest.resolve import ProgramDirectory
from tools.killswitch import KillSwitch

SESSION = "00D000000000001!AQ0AQFAKE.session.never.logged"
TOKEN = "pat-na1-fake-hubspot-token-never-logged"


def _export(tmp_path: Path) -> str:
    path = tmp_path / "email-export.csv"
    path.write_text(
        "email,first_name,language\nana@acme.example,Ana,en\nbo@acme.example,Bo,en\nnew@startup.example,,en\n"
    )
    return str(path)


def _sync(url: str, cert: Path, tmp_path: Path) -> SalesforceSync:
    client = salesforce_client(
        env={"SALESFORCE_INSTANCE_URL": url, "SALESFORCE_SESSION_ID": SESSION}, ca_file=str(cert)
    )
    return SalesforceSync(client, tmp_path / "salesforce.db")


def test_a_campaign_through_hubspot_and_salesforce_with_results_and_pipeline_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with fake_salesforce(SESSION, tmp_path) as (sf_url, cert, org), fake_hubspot(TOKEN) as (hs_url, hs):
        ana = org.insert(
            "Contact", {"Email": "ana@acme.example", "LastName": "Silva", "AccountId": "001000000000000009"}
        )
        org.insert("Lead", {"Email": "bo@acme.example", "LastName": "Berg", "Company": "Acme"})
        sync = _sync(sf_url, cert, tmp_path)
        hubspot = HubSpotConnector(Secret(TOKEN), tmp_path / "hubspot.db", host=hs_url)
        events = EventLog(tmp_path / "events.db")
        publisher = Publisher(
            store_path=tmp_path / "programs.db",
            connectors={"email": Mirrored(hubspot, [SalesforceConnector(sync)])},
            kill_switch=KillSwitch(tmp_path / "ks.db"),
            events=events,
            clock=Clock(),
            sleep=lambda s: None,
            retry=RetryPolicy(max_attempts=3, base_delay_s=0.01),
            rng=MaxRandom(),
        )
        org.fail_next = [503]  # Salesforce hiccups once: retried, nothing sent before the CRM record exists
        program = publisher.publish(make_request("email", "US", export_path=_export(tmp_path)))
        assert program.status == "published", program.reason
        assert org.refused == [] and hs.refused == []
        [(sf_id, campaign)] = org.records["Campaign"].items()
        assert campaign["Liftoff_Campaign_Id__c"] == "cmp-1" and campaign["Status"] == "In Progress"
        members = list(org.records["CampaignMember"].values())
        assert len(members) == 3 and {m["Status"] for m in members} == {"Sent"}
        assert {m.get("ContactId") for m in members} >= {
            ana
        }  # matched by email: Contact, then Lead, else new Lead
        [new_lead] = [r for r in org.records["Lead"].values() if r["Email"] == "new@startup.example"]
        assert new_lead["LastName"] == "[not provided]" and new_lead["LeadSource"] == "Other"
        assert program.receipts[-1].detail["mirrors"] == {"salesforce": sf_id}
        assert len(hs.emails) == 1

        # a second campaign publish of the same item: no new Campaign, member or email
        publisher.publish(make_request("email", "US", export_path=_export(tmp_path)))
        assert (
            len(org.records["Campaign"]) == 1
            and len(org.records["CampaignMember"]) == 3
            and len(hs.emails) == 1
        )
        # a fresh process (no local progress) re-syncing the list: memberships are found, not duplicated
        SalesforceSync(sync.sf, tmp_path / "fresh.db").add_members(
            sf_id, [{"email": "ana@acme.example", "first_name": "Ana"}]
        )
        assert len(org.records["CampaignMember"]) == 3

        # results back: HubSpot statistics into the log, Salesforce pipeline into the scorecard
        [email_id] = hs.emails
        hs.stats[email_id] = [
            ("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", {"delivered": 3, "open": 2, "click": 2})
        ]
        won = org.insert(
            "Opportunity",
            {
                "Name": "Acme renewal",
                "Amount": 12000.0,
                "StageName": "Closed Won",
                "IsClosed": True,
                "IsWon": True,
                "CampaignId": sf_id,
                "AccountId": "001000000000000009",
            },
        )
        other = org.insert(
            "Opportunity",
            {
                "Name": "Startup pilot",
                "Amount": 3000.0,
                "StageName": "Prospecting",
                "IsClosed": False,
                "IsWon": False,
                "CampaignId": None,
                "AccountId": "001000000000000010",
            },
        )
        org.insert("CampaignInfluence", {"CampaignId": sf_id, "OpportunityId": other, "Influence": 50})
        org.insert("CampaignInfluence", {"CampaignId": sf_id, "OpportunityId": won, "Influence": 100})
        read_back(
            hubspot,
            events=events,
            directory=ProgramDirectory.from_store(publisher.store),
            ledger=None,
            since=date(2026, 3, 2),
            now=datetime(2026, 3, 3, 6, tzinfo=UTC),
        )
        read_pipeline(sync, events, campaign_id="cmp-1", trace_id="tr-cmp-1", as_of=date(2026, 3, 3))
        assert org.refused == []
        log = [e for _, e in events.read(0, 10_000)]
        card = compute_scorecard(log, blueprint=None, campaign_id="cmp-1", trace_id="tr-cmp-1", agents_run=[])
        assert card.by_channel[0].key == "email"
        assert card.pipeline is not None
        assert (card.pipeline.sourced.opportunities, card.pipeline.sourced.amount) == (1, 12000.0)
        assert (card.pipeline.influenced.opportunities, card.pipeline.influenced.amount) == (2, 15000.0)
        assert (
            card.pipeline.influenced.won_amount == 12000.0 and card.pipeline.influenced.open_amount == 3000.0
        )

    dumps = [e.model_dump_json() for e in log] + [caplog.text, repr(sync), repr(hubspot)]
    dumps += [
        (tmp_path / f).read_bytes().decode("latin-1") for f in ("programs.db", "salesforce.db", "events.db")
    ]
    assert not any(SESSION in d or TOKEN in d for d in dumps)


def test_records_are_checked_against_the_recorded_sobject_fields() -> None:
    check_record("Campaign", {"Name": "x", "Status": "Planned", "StartDate": "2026-03-02"}, creating=True)
    for obj, record, code in [
        ("Campaign", {"Name": "x", "Budget": 10}, "INVALID_FIELD"),
        ("Campaign", {"Status": "Planned"}, "REQUIRED_FIELD_MISSING"),
        ("Campaign", {"Name": "x", "Status": "Live"}, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"),
        ("Campaign", {"Name": "x", "StartDate": "March 2"}, "INVALID_TYPE_ON_FIELD_IN_RECORD"),
        ("Lead", {"LastName": "x", "Email": "a@b.example"}, "REQUIRED_FIELD_MISSING"),
        ("CampaignMember", {"CampaignId": "701000000000000001"}, "REQUIRED_FIELD_MISSING"),
    ]:
        with pytest.raises(Invalid) as err:
            check_record(obj, record, creating=True)
        assert err.value.code == code


def test_a_wrong_field_from_the_client_fails_and_bad_credentials_are_permanent(tmp_path: Path) -> None:
    with fake_salesforce(SESSION, tmp_path) as (url, cert, org):
        sync = _sync(url, cert, tmp_path)
        with pytest.raises(PermanentChannelError, match="INVALID_FIELD"):
            sync._collection(
                [{"attributes": {"type": "Lead"}, "LastName": "x", "Company": "y", "Phone_Number": "1"}],
                "create Leads",
            )
        with pytest.raises(PermanentChannelError, match="INVALID_FIELD"):
            sync._query("SELECT Id, Revenue FROM Opportunity")
        assert len(org.refused) == 2
        wrong = SalesforceSync(
            salesforce_client(
                env={"SALESFORCE_INSTANCE_URL": url, "SALESFORCE_SESSION_ID": "expired"}, ca_file=str(cert)
            ),
            tmp_path / "w.db",
        )
        with pytest.raises(PermanentChannelError, match="HTTP 401"):
            wrong.ensure_campaign("cmp-1")
    with pytest.raises(MissingSecret, match="SALESFORCE_SESSION_ID"):
        salesforce_client(env={})
