"""One honest scorecard: every number is recomputed here from the events it comes from, on a real campaign."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from graph.runtime.runner import Campaigns
from graph.views.plan import blueprint_tables
from graph.views.scorecard import current_budgets, scorecard_view
from graph.views.text import kpi_text, lift_text
from tests.graph.conftest import CLEAN_BRIEF, make_settings
from tools.analytics.escalations import decided_items, escalations
from tools.analytics.lift import compute_lift
from tools.ingest.rollup import program_days


def test_each_scorecard_number_matches_its_events(liftoff_home: Path) -> None:
    # manual: every budget change goes to a human; 5 launch days give the optimizer the evidence to propose some
    c = Campaigns(make_settings(liftoff_home, autonomy="manual", launch_days=5))
    # a fixed id: the sandbox market is seeded by the campaign id, and this one proposes budget changes
    launched = c.start(CLEAN_BRIEF, auto_approve=True, campaign_id="honesty-1")
    assert launched.status == "launched", launched.reason
    values = c.result(launched.thread_id).values
    card = values["scorecard"]
    events = [e for _, e in c.services.events.read(0, 100_000, campaign_id=values["campaign_id"])]

    # program-days rolled up from the result events (the one bus the scorecard reads)
    rows: dict[tuple[str, int], dict] = {(r["program_id"], r["day"]): r for r in program_days(events)}
    assert rows
    assert card["conversions"] == sum(r["conversions"] for r in rows.values())
    assert card["spend"] == pytest.approx(sum(r["spend"] for r in rows.values()), abs=0.01)
    recorded = sum(e.payload["amount"] for e in events if e.type == "spend.recorded")
    assert (
        card["spend"]
        == pytest.approx(recorded, abs=0.01)
        == pytest.approx(c.services.ledger.spent(values["campaign_id"]), abs=0.01)
    )

    listed = escalations(events)  # the audit trail's list
    assert listed, "a manual campaign escalates something"
    assert card["escalation_rate"] == pytest.approx(len(listed) / decided_items(events))

    blueprint = values["blueprint"]
    assert [(k["name"], k["target"]) for k in card["kpis"]] == [
        (k["name"] if k.get("channel") is None else f"{k['name']}:{k['channel']}", k["target"])
        for k in blueprint["kpi_targets"]
    ]  # targets as set

    treated = defaultdict(int)
    for r in rows.values():
        treated["n"] += int(r.get("audience") or r["sends"])
        treated["conv"] += int(r["conversions"])
    if card["lift"]:
        assert card["lift"]["treated_conversions"] <= treated["conv"]
        if card["lift"]["ci95"] is not None:
            assert lift_text(card["lift"]) != "n/a"  # estimable: reported
    view = scorecard_view(card, events, currency=blueprint["currency"])
    assert [r["what"] for r in view.escalations] == [x.what for x in listed]
    c.close()


def test_kpi_targets_show_as_set_and_lift_whenever_estimable() -> None:
    assert kpi_text("open_rate:email", 0.25) == "25.0%"  # a channel-scoped rate is still a rate
    assert kpi_text("cpa:paid_search", 42.5, "GBP") == "42.50 GBP"
    card = {
        "kpis": [
            {"name": "cpa:paid_search", "target": 30, "actual": 60, "met": False},
            {"name": "open_rate:email", "target": 0.25, "actual": 0.235, "met": False},
        ]
    }
    view = scorecard_view(card, [], currency="GBP")
    assert view.kpis[1]["target"] == "25.0%" and view.kpis[1]["actual"] == "23.5%"
    assert view.kpi_chart == [
        {"kpi": "cpa:paid_search (lower is better)", "% of target met": 50.0},
        {"kpi": "open_rate:email (higher is better)", "% of target met": 94.0},
    ]
    no_control_conversions = compute_lift(4000, 80, 400, 0).model_dump(mode="json")
    assert no_control_conversions["lift_pct"] is None and no_control_conversions["ci95"][0] > 0
    assert lift_text(no_control_conversions) == "+2.00 pts (control: 0 conversions)"
    assert lift_text(compute_lift(1000, 30, 100, 2).model_dump(mode="json")) == "+50.0%"


def test_the_blueprint_shows_budgets_after_approved_changes() -> None:
    from graph.contracts import Event

    def change(i: int, channel: str, status: str, to: float) -> Event:
        return Event(
            id=f"e{i}",
            type="optimizer.budget_change",
            trace_id="t",
            campaign_id="c",
            source="test",
            ts=f"2027-03-0{i}T00:00:00+00:00",
            payload={"change_id": f"c{i}", "channel": channel, "status": status, "to_amount": to},
        )

    events = [
        change(1, "email", "applied", 4000.0),
        change(2, "email", "pending_approval", 9000.0),
        change(3, "paid_search", "deferred", 20000.0),
        change(4, "email", "applied", 3500.0),
    ]
    now = current_budgets(events)
    assert now == {"email": 3500.0}
    bp = {
        "currency": "USD",
        "total_budget": 20000,
        "channels": [
            {"channel": "email", "budget": 5000, "share": 0.25, "regions": ["US"], "variants": ["A"]},
            {"channel": "paid_search", "budget": 15000, "share": 0.75, "regions": ["US"], "variants": ["A"]},
        ],
        "caps": {"total": 20000, "per_channel": {}, "per_day": 1000},
    }
    rows = blueprint_tables(bp, now)["channels"]
    assert [(r["budget"], r["budget now"]) for r in rows] == [
        ("5,000.00 USD", "3,500.00 USD"),
        ("15,000.00 USD", "15,000.00 USD"),
    ]
