"""HubSpot end to end against a local fake that validates every body against hubspot-api-client's models."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.tools.channels.channel_kit import Clock, MaxRandom, make_request
from tests.vendors.hubspot_fake import fake_hubspot
from tools.analytics.scorecard import compute_scorecard
from tools.channels.base import PermanentChannelError
from tools.channels.publisher import Publisher
from tools.channels.resilience import RetryPolicy
from tools.connectors.hubspot import HubSpotConnector
from tools.connectors.hubspot.results import read_back
from tools.connectors.secrets import Secret
from tools.events import EventLog
from tools.ingest.resolve import ProgramDirectory
from tools.killswitch import KillSwitch

TOKEN = "pat-na1-00000000-test-token-never-logged"


def _export(tmp_path: Path, n: int = 3) -> str:
    path = tmp_path / "email-export.csv"
    path.write_text(
        "email,first_name,language\n" + "".join(f"Buyer{i}@Example.com,Sam{i},en\n" for i in range(n))
    )
    return str(path)


def _publisher(tmp_path: Path, connector: HubSpotConnector, clock: Clock) -> Publisher:
    events = EventLog(tmp_path / "events.db")
    return Publisher(
        store_path=tmp_path / "programs.db",
        connectors={"email": connector},
        kill_switch=KillSwitch(tmp_path / "ks.db"),
        events=events,
        clock=clock,
        sleep=lambda s: None,
        retry=RetryPolicy(max_attempts=4, base_delay_s=0.01, max_delay_s=0.05),
        rng=MaxRandom(),
    )


def test_publish_through_hubspot_and_read_results_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    clock = Clock()
    with fake_hubspot(TOKEN) as (url, hs):
        connector = HubSpotConnector(
            Secret(TOKEN), tmp_path / "hubspot.db", host=url, landing_url="https://brightwell.example/maxflow"
        )
        publisher = _publisher(tmp_path, connector, clock)
        req = make_request("email", "US", export_path=_export(tmp_path))
        hs.fail_next = [429, 503]  # HubSpot throttles, then hiccups: the publisher retries with backoff
        program = publisher.publish(req)
        assert program.status == "published", program.reason
        assert hs.refused == []  # every body matched the SDK's models
        [(lid, lst)] = hs.lists.items()
        assert len(lst["members"]) == 3 and lst["name"].startswith("liftoff cmp-1 ")
        assert {tuple(sorted(p)) for p in hs.contacts.values()} == {("email", "firstname", "hs_language")}
        assert {p["email"] for p in hs.contacts.values()} == {f"buyer{i}@example.com" for i in range(3)}
        [(email_id, email)] = hs.emails.items()
        assert email["state"] == "PUBLISHED" and email["to"]["contactLists"]["include"] == [lid]
        assert email["subject"] == "Brew better at home"
        html = email["content"]["widgets"]["primary_rich_text_module"]["body"]["html"]
        assert f"lo_p={program.id}" in html and "lo_c=cmp-1" in html  # the CTA carries the tracking ids
        assert program.receipts[-1].external_id == email_id

        again = publisher.publish(req)  # exactly once: no second list, email or send
        assert again.status == "published" and len(hs.emails) == 1 and email["publish_calls"] == 1
        assert len(hs.lists) == 1

        # results: two finished days of statistics and one contact who became a customer
        hs.stats[email_id] = [
            (
                "2026-03-02T00:00:00Z",
                "2026-03-03T00:00:00Z",
                {"sent": 3, "delivered": 3, "open": 2, "click": 1, "bounce": 0},
            ),
            ("2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", {"open": 1, "unsubscribed": 1}),
            ("2026-03-04T00:00:00Z", "2026-03-05T00:00:00Z", {"open": 9}),  # not over yet: not read
        ]
        buyer = next(iter(hs.contacts))
        hs.contacts[buyer]["hs_lifecyclestage_customer_date"] = "2026-03-03T15:00:00Z"
        other = list(hs.contacts)[1]
        hs.contacts[other]["hs_lifecyclestage_customer_date"] = "2025-12-01T00:00:00Z"  # before the campaign
        events = publisher.events
        directory = ProgramDirectory.from_store(publisher.store)
        now = datetime(2026, 3, 4, 12, tzinfo=UTC)
        report = read_back(
            connector, events=events, directory=directory, ledger=None, since=date(2026, 3, 2), now=now
        )
        assert report.new == 6 and report.by_type == {
            "click": 1,
            "conversion": 1,
            "delivered": 1,
            "open": 2,
            "unsubscribe": 1,
        }
        assert hs.refused == []
        again_report = read_back(
            connector, events=events, directory=directory, ledger=None, since=date(2026, 3, 2), now=now
        )
        assert again_report.new == 0

        log = [e for _, e in events.read(0, 10_000)]
        card = compute_scorecard(log, blueprint=None, campaign_id="cmp-1", trace_id="tr-cmp-1", agents_run=[])
        assert card.conversions == 1 and card.by_channel[0].key == "email"
        assert {e.source for e in log if e.type.startswith("result.")} == {"hubspot"}

    # the token is nowhere but the SDK's configuration
    dumps = [e.model_dump_json() for e in log] + [caplog.text, repr(connector), str(Secret(TOKEN))]
    dumps += [
        (tmp_path / name).read_bytes().decode("latin-1")
        for name in ("programs.db", "hubspot.db", "events.db")
    ]
    assert not any(TOKEN in d for d in dumps)


def test_a_wrong_field_fails_against_the_sdk_models(tmp_path: Path) -> None:
    from hubspot.crm.lists import ListCreateRequest

    with fake_hubspot(TOKEN) as (url, hs):
        connector = HubSpotConnector(Secret(TOKEN), tmp_path / "hubspot.db", host=url)
        api = connector._client.crm.lists.lists_api
        bad = ListCreateRequest(name="x", object_type_id="0-1", processing_type="MANUAL")
        bad.custom_properties = {"a": 1}  # type: ignore[dict-item]  # dict[str, str] in HubSpot's schema
        with pytest.raises(Exception) as err:
            api.create(bad)
        assert getattr(err.value, "status", None) == 400
        assert "customProperties.a: expected str" in hs.refused[0]


def test_bad_credentials_and_a_missing_export_are_permanent(tmp_path: Path) -> None:
    with fake_hubspot(TOKEN) as (url, hs):
        wrong = HubSpotConnector(Secret("pat-wrong"), tmp_path / "a.db", host=url)
        publisher = _publisher(tmp_path, wrong, Clock())
        program = publisher.publish(make_request("email", "US", export_path=_export(tmp_path)))
        assert program.status == "failed" and "HTTP 401" in program.reason and hs.emails == {}
        right = HubSpotConnector(Secret(TOKEN), tmp_path / "b.db", host=url)
        with pytest.raises(PermanentChannelError, match="needs the list export"):
            right.publish(make_request("email", "US").item())


def test_the_kill_switch_stops_hubspot_before_any_call(tmp_path: Path) -> None:
    with fake_hubspot(TOKEN) as (url, hs):
        connector = HubSpotConnector(Secret(TOKEN), tmp_path / "hubspot.db", host=url)
        publisher = _publisher(tmp_path, connector, Clock())
        publisher.kill_switch.set(True, channel="email", actor="ana", reason="brand review")
        program = publisher.publish(make_request("email", "US", export_path=_export(tmp_path)))
        assert program.status == "blocked" and hs.requests == []
