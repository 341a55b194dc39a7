"""Accounts and opportunities seeded from the CRM's contacts, the sandbox market, reach and the impact figures."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from graph.contracts import Event, SegmentDefinition
from tools.analytics.scorecard import compute_scorecard
from tools.crm.seed import seed as seed_crm
from tools.crm.segments import build_segment
from tools.crm.store import CRMStore
from tools.events import EventLog
from tools.pipeline.attribution import attribute
from tools.pipeline.crm_source import read_contacts
from tools.pipeline.impact import (
    ATTRIBUTION_EVENT,
    emit_impact,
    ensure_accounts,
    pipeline_impact,
    snapshot_reach,
)
from tools.pipeline.market import BASE_DAILY, RESPONSE_LAG_DAYS, Response, baseline, responses
from tools.pipeline.model import Touch
from tools.pipeline.seed import AMOUNT_MEDIAN, generate, seed_pipeline
from tools.pipeline.store import PipelineStore

AS_OF = date(2026, 11, 25)
START = date(2027, 3, 2)


@pytest.fixture(scope="module")
def crm(tmp_path_factory: pytest.TempPathFactory) -> CRMStore:
    store = CRMStore(tmp_path_factory.mktemp("crm") / "crm.duckdb")
    seed_crm(store, 3000, 7, as_of=AS_OF)
    return store


def test_accounts_are_reproducible_and_cover_every_contact(crm: CRMStore) -> None:
    contacts = read_contacts(crm)
    accounts, mapping, opps = generate(contacts, 7, AS_OF)
    again = generate(contacts, 7, AS_OF)
    assert (accounts, mapping, opps) == again
    assert generate(contacts, 8, AS_OF)[1] != mapping  # another seed, another draw
    assert len(mapping) == len(contacts.contact_id) == crm.count()
    assert sum(a[5] for a in accounts) == crm.count()
    by_id = {a[0]: a for a in accounts}
    # every member shares its account's region, industry and size band
    firmo = {
        int(c): (r, i, s)
        for c, r, i, s in zip(
            contacts.contact_id, contacts.region, contacts.industry, contacts.company_size, strict=True
        )
    }
    assert all(firmo[c] == by_id[a][2:5] for c, a in mapping)
    # bigger companies have more contacts per account
    per_band = {band: np.mean([a[5] for a in accounts if a[4] == band]) for band in ("1-10", "5001+")}
    assert per_band["5001+"] > 2 * per_band["1-10"]
    assert opps and all(o.amount >= 100 and o.amount % 100 == 0 for o in opps)
    assert all(AS_OF - timedelta(days=180) <= o.created_on <= AS_OF for o in opps)
    won = sum(o.outcome == "won" for o in opps) / len(opps)
    assert 0.15 < won < 0.45
    big = np.median([o.amount for o in opps if by_id[o.account_id][4] == "5001+"])
    small = np.median([o.amount for o in opps if by_id[o.account_id][4] == "1-10"])
    assert big > 10 * small and small < 2 * AMOUNT_MEDIAN["1-10"]


def test_seeding_a_store_is_once_per_source(tmp_path: Path, crm: CRMStore) -> None:
    store = PipelineStore(tmp_path / "pipeline.db")
    first = ensure_accounts(store, crm, 7)
    assert first.seeded and first.accounts == store.counts()["accounts"] > 0
    assert store.counts()["account_contacts"] == crm.count()
    again = ensure_accounts(store, crm, 7)
    assert (
        not again.seeded and again.accounts == first.accounts and again.opportunities == first.opportunities
    )
    store.set_reach("cmp-x", [("email", "US", "acc-0000001", 1)], lists=1, at="now")
    other = seed_pipeline(store, read_contacts(crm), seed=8, as_of=AS_OF, source="other")
    assert other.seeded and not store.has_reach("cmp-x")  # reach of the old accounts went with them


def test_reach_counts_treated_members_only(tmp_path: Path, crm: CRMStore) -> None:
    store = PipelineStore(tmp_path / "pipeline.db")
    ensure_accounts(store, crm, 7)
    target = build_segment(
        crm,
        SegmentDefinition(channel="email", regions=["US", "UK"], holdout_pct=0.2),
        campaign_id="cmp-reach",
        seed=7,
        as_of=AS_OF,
    )
    rows = snapshot_reach(store, crm, "cmp-reach", {"email": target})
    assert rows > 0 and snapshot_reach(store, crm, "cmp-reach", {"email": target}) == 0  # once
    reach = store.reach("cmp-reach")
    assert set(reach) <= {("email", "US"), ("email", "UK")}
    # the contacts counted are exactly the list's eligible (non-holdout) members
    counted = store.write(
        lambda c: c.execute("SELECT SUM(contacts) FROM reach WHERE campaign_id = 'cmp-reach'").fetchone()[0]
    )
    assert counted == target.eligible


def test_market_is_a_pure_function_of_its_inputs() -> None:
    accounts = [(f"acc-{i:07d}", "51-200") for i in range(4000)]
    a = baseline(accounts, start=START, end=START + timedelta(days=27), seed=7)
    b = baseline(list(reversed(accounts)), start=START, end=START + timedelta(days=27), seed=7)
    assert sorted(o.opportunity_id for o in a) == sorted(o.opportunity_id for o in b)
    expected = len(accounts) * 28 * BASE_DAILY
    assert 0.4 * expected < len(a) < 1.8 * expected
    sizes = dict(accounts)
    items = [
        Response("cmp-1", "email", "US", START + timedelta(days=d), 40, tuple(a for a, _ in accounts[:500]))
        for d in range(10)
    ]
    r1 = responses(items, sizes, end=START + timedelta(days=40), seed=7)
    r2 = responses(random.Random(1).sample(items, len(items)), sizes, end=START + timedelta(days=40), seed=7)
    assert sorted(o.opportunity_id for o in r1) == sorted(o.opportunity_id for o in r2)
    assert 0 < len(r1) <= 400  # at most one opportunity per conversion
    assert all(o.account_id in {a for a, _ in accounts[:500]} for o in r1)
    assert all(START < o.created_on <= START + timedelta(days=9 + RESPONSE_LAG_DAYS) for o in r1)
    none = responses([Response("cmp-1", "email", "US", START, 0, ("acc-0000001",))], sizes, end=START, seed=7)
    assert none == []


def _metrics(
    log: EventLog, cid: str, day: int, channel: str, region: str, conversions: int, spend: float
) -> None:
    log.emit(
        "channel.metrics",
        trace_id="trc",
        campaign_id=cid,
        source="optimizer",
        payload={
            "program_id": f"p-{channel}-{region}",
            "channel": channel,
            "region": region,
            "day": day,
            "audience": 100,
            "sends": 100,
            "delivered": 99,
            "clicks": 10,
            "conversions": conversions,
            "spend": spend,
        },
        event_id=f"{cid}:{channel}:{region}:{day}",
    )


def test_impact_credits_the_reached_accounts_and_shows_beside_cost(tmp_path: Path) -> None:
    store = PipelineStore(tmp_path / "pipeline.db")
    log = EventLog(tmp_path / "events.db")
    store.write(
        lambda c: c.executemany(
            "INSERT INTO accounts VALUES (?, ?, 'US', 'retail', '51-200', 1)",
            [(f"acc-{i:07d}", f"A{i}") for i in range(1, 301)],
        )
    )
    store.set_reach("cmp-a", [("email", "US", f"acc-{i:07d}", 1) for i in range(1, 201)], lists=1, at="t")
    store.set_reach("cmp-b", [("email", "US", f"acc-{i:07d}", 1) for i in range(101, 301)], lists=1, at="t")
    for day in range(14):
        _metrics(log, "cmp-a", day, "email", "US", 6, 10.0)
    for day in range(5):  # campaign b touches accounts 101-300 from day 3 on: later than a
        _metrics(log, "cmp-b", day + 3, "email", "US", 2, 5.0)
    impact = pipeline_impact(
        store, log, campaign_id="cmp-a", start_date=START, through_day=13, window_days=30
    )
    assert impact.accounts_reached == impact.accounts_touched == 200
    assert impact.as_of == (START + timedelta(days=13)).isoformat()
    assert impact.sourced.opportunities > 0 and impact.influenced.amount >= impact.sourced.amount
    # recompute by hand from the store: a's touches are days 0-13 on accounts 1-200, b's days 3-7 on 101-300
    opps = store.opportunities([f"acc-{i:07d}" for i in range(1, 301)])
    touches = [
        Touch(START + timedelta(days=d), "cmp-a", "email", f"acc-{i:07d}")
        for i in range(1, 201)
        for d in range(14)
    ]
    touches += [
        Touch(START + timedelta(days=d + 3), "cmp-b", "email", f"acc-{i:07d}")
        for i in range(101, 301)
        for d in range(5)
    ]
    mine = [o for o in opps if int(o.account_id[4:]) <= 200]
    expect = attribute(mine, touches, campaign_id="cmp-a", window_days=30, as_of=START + timedelta(days=13))
    assert (impact.sourced.opportunities, impact.sourced.amount) == (
        expect.sourced.opportunities,
        expect.sourced.amount,
    )
    assert (impact.influenced.opportunities, impact.influenced.amount) == (
        expect.influenced.opportunities,
        expect.influenced.amount,
    )
    # b reaches accounts a touched first (101-200: influenced, never sourced by b) and alone (201-300)
    impact_b = pipeline_impact(
        store, log, campaign_id="cmp-b", start_date=START, through_day=13, window_days=30
    )
    opps = store.opportunities([f"acc-{i:07d}" for i in range(1, 301)])
    theirs = [o for o in opps if int(o.account_id[4:]) > 100]
    expect_b = attribute(
        theirs, touches, campaign_id="cmp-b", window_days=30, as_of=START + timedelta(days=13)
    )
    assert (impact_b.sourced.opportunities, impact_b.influenced.opportunities) == (
        expect_b.sourced.opportunities,
        expect_b.influenced.opportunities,
    )
    assert all(int(i.split("-")[2]) >= 101 for i in expect_b.influenced.ids)
    shared = [o for o in theirs if int(o.account_id[4:]) <= 200 and START + timedelta(days=3) <= o.created_on]
    assert shared  # b touched them inside the window, but a touched them first:
    assert impact_b.influenced.opportunities > impact_b.sourced.opportunities
    assert impact_b.sourced.amount <= impact_b.influenced.amount

    first = emit_impact(log, impact, campaign_id="cmp-a", trace_id="trc")
    again = emit_impact(log, impact, campaign_id="cmp-a", trace_id="trc")
    assert first.id == again.id and log.count(campaign_id="cmp-a") == 15
    events = [e for _, e in log.read(0, 1000, campaign_id="cmp-a")]
    card = compute_scorecard(events, blueprint=None, campaign_id="cmp-a", trace_id="trc", agents_run=[])
    assert card.pipeline is not None and card.spend == 140.0
    assert card.pipeline.spend == 140.0
    assert card.pipeline.sourced_per_spend == pytest.approx(impact.sourced.amount / 140.0)
    assert card.pipeline.cost_per_sourced == pytest.approx(140.0 / impact.sourced.opportunities)
    assert [e.type for e in events].count(ATTRIBUTION_EVENT) == 1


def test_impact_without_reach_says_why(tmp_path: Path) -> None:
    impact = pipeline_impact(
        PipelineStore(tmp_path / "p.db"),
        EventLog(tmp_path / "e.db"),
        campaign_id="cmp-z",
        start_date=START,
        through_day=3,
    )
    assert impact.sourced.opportunities == 0 and "no reach" in impact.note
    with pytest.raises(ValueError, match="window_days"):
        pipeline_impact(
            PipelineStore(tmp_path / "p.db"),
            EventLog(tmp_path / "e.db"),
            campaign_id="cmp-z",
            start_date=START,
            through_day=3,
            window_days=-2,
        )


def test_scorecard_without_attribution_has_no_pipeline() -> None:
    e = Event(
        id="1",
        type="channel.metrics",
        trace_id="t",
        campaign_id="c",
        source="s",
        payload={
            "program_id": "p",
            "channel": "email",
            "region": "US",
            "day": 0,
            "sends": 10,
            "delivered": 10,
            "clicks": 1,
            "conversions": 1,
            "spend": 2.0,
        },
    )
    assert (
        compute_scorecard([e], blueprint=None, campaign_id="c", trace_id="t", agents_run=[]).pipeline is None
    )
