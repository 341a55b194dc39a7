"""Attribution arithmetic against numbers worked out by hand (sourced = first touch, influenced = any touch)."""

from __future__ import annotations

from datetime import date

import pytest

from tools.pipeline.attribution import attribute, credit, touches_by_account
from tools.pipeline.model import Opportunity, Touch

D = date.fromisoformat


def _opps() -> list[Opportunity]:
    return [
        Opportunity("o1", "A", 1000.0, D("2027-03-08"), (3, 4, 5, 6), "won"),  # closes 03-26: won by 03-31
        Opportunity("o2", "B", 500.0, D("2027-03-02"), (2,), "lost"),  # closes 03-04: lost
        Opportunity("o3", "C", 700.0, D("2027-03-01"), (40,), "lost"),  # no touch in its window
        Opportunity("o4", "D", 300.0, D("2027-03-25"), (10, 10), "lost"),  # open (prospecting) on 03-31
        Opportunity("o5", "D", 900.0, D("2027-04-02"), (5,), "won"),  # created after as_of: ignored
        Opportunity("o6", "A", 200.0, D("2027-03-05"), (30,), "lost"),  # open on 03-31
    ]


def _touches() -> list[Touch]:
    return [
        Touch(D("2027-03-01"), "X", "email", "A"),
        Touch(D("2027-03-05"), "Y", "sms", "A"),
        Touch(D("2027-03-02"), "Y", "email", "B"),
        Touch(D("2027-03-02"), "X", "paid_social", "B"),
        Touch(D("2027-02-10"), "X", "email", "C"),
        Touch(D("2027-03-03"), "Y", "email", "C"),
        Touch(D("2027-03-20"), "X", "display", "D"),
    ]


def test_window_of_ten_days_credits_by_hand() -> None:
    x = attribute(_opps(), _touches(), campaign_id="X", window_days=10, as_of=D("2027-03-31"))
    # X: first touch of o1 (03-01 < Y's 03-05), o2 (tie on 03-02: X < Y), o4 (only toucher), o6 (03-01)
    assert sorted(x.sourced.ids) == ["o1", "o2", "o4", "o6"]
    assert (x.sourced.opportunities, x.sourced.amount) == (4, 2000.0)
    assert (x.sourced.won_amount, x.sourced.lost_amount, x.sourced.open_amount) == (1000.0, 500.0, 500.0)
    assert x.sourced.by_stage == {"closed_won": 1000.0, "closed_lost": 500.0, "prospecting": 500.0}
    assert sorted(x.influenced.ids) == ["o1", "o2", "o4", "o6"] and x.influenced.amount == 2000.0
    assert x.considered == 5  # o5 is created after as_of

    y = attribute(_opps(), _touches(), campaign_id="Y", window_days=10, as_of=D("2027-03-31"))
    assert y.sourced.opportunities == 0 and y.sourced.amount == 0.0
    # o1 (Y on 03-05 in [02-26, 03-08]), o2 (03-02 = creation day, ends included), o6 (03-05 = creation day);
    # o3: Y touched C on 03-03, after it was created
    assert sorted(y.influenced.ids) == ["o1", "o2", "o6"]
    assert (
        y.influenced.amount,
        y.influenced.won_amount,
        y.influenced.lost_amount,
        y.influenced.open_amount,
    ) == (1700.0, 1000.0, 500.0, 200.0)


def test_zero_window_counts_only_touches_on_the_creation_day() -> None:
    x = attribute(_opps(), _touches(), campaign_id="X", window_days=0, as_of=D("2027-03-31"))
    y = attribute(_opps(), _touches(), campaign_id="Y", window_days=0, as_of=D("2027-03-31"))
    assert x.sourced.ids == ["o2"] and x.influenced.ids == ["o2"] and x.sourced.amount == 500.0
    assert y.sourced.ids == ["o6"] and y.sourced.amount == 200.0
    assert sorted(y.influenced.ids) == ["o2", "o6"] and y.influenced.amount == 700.0


def test_window_edges_are_included() -> None:
    # o3 was created 2027-03-01; X touched its account on 2027-02-10, exactly 19 days before.
    x19 = attribute(_opps(), _touches(), campaign_id="X", window_days=19, as_of=D("2027-03-31"))
    assert "o3" in x19.sourced.ids and x19.sourced.amount == 2700.0
    assert x19.sourced.open_amount == 1200.0  # o3 (700, 30 days into a 40-day stage) + o4 + o6
    x18 = attribute(_opps(), _touches(), campaign_id="X", window_days=18, as_of=D("2027-03-31"))
    assert "o3" not in x18.sourced.ids and x18.sourced.amount == 2000.0


def test_as_of_limits_opportunities_and_stages() -> None:
    x = attribute(_opps(), _touches(), campaign_id="X", window_days=10, as_of=D("2027-03-06"))
    assert sorted(x.sourced.ids) == ["o2", "o6"]  # o1 (03-08) and o4 (03-25) not created yet
    assert x.sourced.lost_amount == 500.0 and x.sourced.open_amount == 200.0 and x.sourced.won_amount == 0.0
    assert x.sourced.by_stage == {"closed_lost": 500.0, "prospecting": 200.0}


def test_sourced_is_unique_and_implies_influenced() -> None:
    opps, by_account = _opps(), touches_by_account(_touches())
    for window in (0, 3, 10, 30):
        for o in opps:
            sourcer, influencers = credit(o, by_account.get(o.account_id, []), window)
            assert sourcer is None or sourcer in influencers
    results = {
        c: attribute(opps, _touches(), campaign_id=c, window_days=10, as_of=D("2027-03-31")) for c in "XY"
    }
    all_sourced = [i for r in results.values() for i in r.sourced.ids]
    assert len(all_sourced) == len(set(all_sourced))


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="window_days"):
        attribute(_opps(), _touches(), campaign_id="X", window_days=-1, as_of=D("2027-03-31"))
    with pytest.raises(ValueError, match="stage_days"):
        Opportunity("bad", "A", 10.0, D("2027-03-01"), (), "won")
    with pytest.raises(ValueError, match="amount"):
        Opportunity("bad", "A", -1.0, D("2027-03-01"), (3,), "won")


def test_stage_path_over_time() -> None:
    o = Opportunity("o", "A", 1.0, D("2027-03-01"), (2, 3, 1, 4), "won")
    assert [o.stage_on(D(f"2027-03-{d:02d}")) for d in (1, 2, 3, 5, 6, 7, 10, 11)] == [
        "prospecting",
        "prospecting",
        "qualification",
        "qualification",
        "proposal",
        "negotiation",
        "negotiation",
        "closed_won",
    ]
    assert o.stage_on(D("2027-02-28")) is None
    lost = Opportunity("l", "A", 1.0, D("2027-03-01"), (2,), "lost")
    assert lost.stage_on(D("2027-03-03")) == "closed_lost"
