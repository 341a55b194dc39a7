"""The market simulator: deterministic, inside the budget, diminishing returns, realistic magnitudes."""

from __future__ import annotations

import pytest

from tools.simulator import DayMetrics, simulate_control_day, simulate_program_day


def _day(**kw: object) -> DayMetrics:
    args: dict = {
        "seed": 1,
        "campaign_id": "c",
        "channel": "paid_social",
        "region": "US",
        "variant": "A",
        "audience": 100_000,
        "budget": 500.0,
        "day": 0,
    }
    args.update(kw)
    return simulate_program_day(**args)


def test_same_arguments_same_metrics_and_seeds_differ() -> None:
    assert _day() == _day()
    assert _day(seed=2) != _day()
    assert _day(day=1) != _day()
    assert _day(variant="B") != _day()


@pytest.mark.parametrize("channel", ["email", "sms", "paid_social", "paid_search", "display"])
def test_spend_never_exceeds_budget_and_funnel_is_ordered(channel: str) -> None:
    for budget in (0.0, 0.5, 7.77, 150.0, 5000.0):
        m = _day(channel=channel, budget=budget, audience=20_000)
        assert 0 <= m.spend <= budget
        assert m.conversions <= m.clicks <= m.delivered <= m.sends
        assert m.opens <= m.delivered
    zero = _day(channel=channel, budget=0.0)
    assert (zero.sends, zero.spend, zero.conversions) == (0, 0.0, 0)
    assert _day(channel=channel, audience=0, budget=100.0).spend == 0.0


def test_paid_spend_has_diminishing_returns() -> None:
    def conversions(budget: float) -> int:
        return sum(_day(budget=budget, day=d, audience=50_000).conversions for d in range(20))

    low, mid, high = conversions(200), conversions(400), conversions(800)
    assert low < mid < high
    assert (high - mid) / 400 < (mid - low) / 200 < low / 200  # each extra dollar buys less


def test_owned_channel_stops_at_the_audience() -> None:
    small = _day(channel="email", audience=10_000, budget=5.0)
    full = _day(channel="email", audience=10_000, budget=1000.0)
    assert small.sends < 10_000 and full.sends == 10_000
    assert full.spend < 100  # a cost per send of a fraction of a cent
    assert full.opens > 0 and _day(channel="paid_search").opens == 0


def test_magnitudes_are_realistic_across_seeds() -> None:
    ctr_email, cpm_social, ctr_display = [], [], []
    for seed in range(30):
        e = _day(seed=seed, channel="email", audience=50_000, budget=10_000)
        ctr_email.append(e.clicks / e.delivered)
        s = _day(seed=seed, budget=100.0, audience=1_000_000)
        cpm_social.append(s.spend / s.sends * 1000)
        d = _day(seed=seed, channel="display", budget=300.0, audience=5_000_000)
        ctr_display.append(d.clicks / d.sends)
    assert 0.01 < sorted(ctr_email)[15] < 0.05  # email click rate ~2.5%
    assert 5 < sorted(cpm_social)[15] < 15  # paid social CPM ~$9
    assert 0.001 < sorted(ctr_display)[15] < 0.005  # display CTR ~0.25%


def test_control_converts_less_than_treated_on_average() -> None:
    treated = control = 0
    for day in range(20):
        m = _day(channel="email", audience=20_000, budget=1000.0, day=day)
        treated += m.conversions
        control += simulate_control_day(
            seed=1, campaign_id="c", channel="email", region="US", control_size=20_000, day=day
        )
    assert 0 < control < treated
    assert treated / control < 3  # positive but realistic lift


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown channel"):
        _day(channel="fax")
    with pytest.raises(ValueError, match="unknown region"):
        _day(region="MARS")
    with pytest.raises(ValueError, match="budget"):
        _day(budget=-1.0)
    with pytest.raises(ValueError, match="day"):
        _day(day=-1)
