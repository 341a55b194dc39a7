"""Money and caps in integer minor units: round trips, splits and caps that rounding never breaches."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.contracts import (
    CHANNELS,
    Brief,
    BudgetChange,
    Caps,
    ChannelDraft,
    Currency,
    KPITarget,
    Money,
    PlanDraft,
)
from graph.contracts.money import (
    CapsMinor,
    Exposure,
    MinorUnits,
    PlanAmounts,
    allocation_breach,
    blueprint_breaches,
    change_breaches,
    currencies,
    exponent,
    fit_allocation,
    fmt,
    fmt_amount,
    from_minor,
    needs_approval,
    plan_caps,
    spend_breach,
    split,
    step_limit,
    to_minor,
)
from graph.nodes.planner import build_blueprint
from guards.caps import check_blueprint_caps, check_budget_change

CURRENCIES = sorted(currencies())
PLANNED: tuple[Currency, ...] = get_args(Currency)


def test_exponents_follow_iso_4217() -> None:
    assert (exponent("JPY"), exponent("USD"), exponent("eur"), exponent("BHD"), exponent("KWD")) == (
        0,
        2,
        2,
        3,
        3,
    )
    assert {exponent(c) for c in CURRENCIES} <= {0, 2, 3, 4}


@pytest.mark.parametrize("code", ["", "XYZ1", "dollars", "US"])
def test_unknown_currency_is_named(code: str) -> None:
    with pytest.raises(ValueError, match="unknown currency"):
        exponent(code)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), True, None, "ten", "NaN"])
def test_non_numbers_are_refused_with_the_field_named(bad: object) -> None:
    with pytest.raises(ValueError, match="to_amount must be a finite number"):
        to_minor(bad, 2, "to_amount")  # type: ignore[arg-type]  # bad input on purpose


def test_rounding_is_half_up_on_the_decimal_value() -> None:
    assert to_minor(12.345, 2) == 1235  # the float 12.345 is a hair below; its decimal reading is not
    assert to_minor(0.1 + 0.2, 2) == 30
    assert to_minor(1234.5, 0) == 1235 and to_minor(1234.5, 0, down=True) == 1234
    assert to_minor("1.0005", 3) == 1001 and to_minor(Decimal("-2.5"), 0) == -3  # halves go away from zero
    assert str(MinorUnits.of(1234.5675, "bhd")) == "1,234.568 BHD"
    assert str(MinorUnits(123456, "JPY")) == "123,456 JPY" and fmt(-5, 2) == "-0.05"
    assert fmt_amount(22.228823529411766, "USD") == "22.23" and fmt_amount(1234.5, "JPY") == "1,235"
    assert fmt_amount(7.0005, "KWD") == "7.001"


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from(CURRENCIES), minor=st.integers(min_value=-(10**13), max_value=10**13))
def test_every_currency_round_trips_its_minor_units(code: str, minor: int) -> None:
    money = MinorUnits(minor, code)
    assert MinorUnits.of(money.amount, code) == money
    assert to_minor(from_minor(minor, exponent(code)), exponent(code)) == minor
    assert to_minor(fmt(minor, exponent(code)).replace(",", ""), exponent(code)) == minor


@settings(max_examples=300, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=10**12),
    shares=st.lists(st.floats(min_value=0.0001, max_value=1.0), min_size=1, max_size=5),
)
def test_split_never_hands_out_more_than_the_total(total: int, shares: list[float]) -> None:
    parts = split(total, shares)
    assert len(parts) == len(shares) and all(p >= 0 for p in parts)
    assert sum(parts) <= total
    if sum(Decimal(repr(s)) for s in shares) >= 1:
        assert sum(parts) == total  # a full split spends it all, to the last minor unit


@settings(max_examples=200, deadline=None)
@given(
    code=st.sampled_from(PLANNED),
    major=st.integers(min_value=1, max_value=10**8),
    fraction=st.integers(min_value=0, max_value=99),
    days=st.integers(min_value=1, max_value=400),
    shares=st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=1, max_size=5),
)
def test_planned_blueprints_never_breach_their_caps(
    code: Currency, major: int, fraction: int, days: int, shares: list[float]
) -> None:
    budget = float(f"{major}.{fraction:02d}")
    start = date(2027, 3, 1)
    brief = Brief(
        text="b",
        brand="brightwell",
        goal="g",
        audience="a",
        budget=Money(amount=budget, currency=code),
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        regions=["US"],
    )
    draft = PlanDraft(
        campaign_name="c",
        objective="o",
        kpi_targets=[KPITarget(name="signups", target=1)],
        channels=[
            ChannelDraft(channel=ch, share=s, regions=["US"], variants=["A"], rationale="r")
            for ch, s in zip(CHANNELS, shares, strict=False)
        ],
    )
    blueprint = build_blueprint(brief, draft, "p")
    result = check_blueprint_caps(blueprint)
    assert result.passed, result.reasons
    exp = exponent(code)
    assert to_minor(blueprint.total_budget, exp) <= to_minor(budget, exp)
    assert all(to_minor(c.budget, exp) == to_minor(c.budget, exp + 3) // 1000 for c in blueprint.channels)


@settings(max_examples=300, deadline=None)
@given(
    caps_total=st.integers(min_value=0, max_value=10**9),
    day_cap=st.integers(min_value=0, max_value=10**9),
    channel_cap=st.integers(min_value=0, max_value=10**9),
    spends=st.lists(st.floats(min_value=0.001, max_value=10**6, allow_nan=False), max_size=30),
)
def test_spend_accepted_by_the_rules_never_passes_a_cap(
    caps_total: int, day_cap: int, channel_cap: int, spends: list[float]
) -> None:
    caps = CapsMinor(total=caps_total, per_channel={"email": channel_cap}, per_day=day_cap, exp=2)
    spent = 0
    for amount in spends:
        cents = to_minor(amount, 2)
        if spend_breach(caps, Exposure(spent, spent, spent), "email", cents) is None:
            spent += cents
    assert spent <= min(caps_total, day_cap, channel_cap)
    assert from_minor(spent, 2) <= min(
        Caps.of_minor(caps).total, Caps.of_minor(caps).per_day, Caps.of_minor(caps).per_channel["email"]
    )


def test_spend_and_allocation_breaches_name_the_limit() -> None:
    caps = CapsMinor(total=100_000, per_channel={"email": 60_000}, per_day=50_000, exp=2)
    assert spend_breach(caps, Exposure(0, 0, 49_999), "email", 1) is None
    assert spend_breach(caps, Exposure(0, 0, 49_999), "email", 2).reason == (  # type: ignore[union-attr]
        "per-day cap: 499.99 spent + 0.02 > 500.00"
    )
    assert spend_breach(None, Exposure(0, 0, 0), "email", 1).cap is None  # type: ignore[union-attr]
    assert "no cap set for channel sms" in spend_breach(caps, Exposure(0, 0, 0), "sms", 1).reason  # type: ignore[union-attr]
    assert (
        "allocation (email)"
        in spend_breach(  # type: ignore[union-attr]
            caps, Exposure(0, 10_000, 0, {"email": 10_000}), "email", 1
        ).reason
    )
    assert allocation_breach(caps, Exposure(0, 0, 0, {"sms": 40_000}), "email", 60_000) is None
    assert allocation_breach(caps, Exposure(0, 0, 0, {"sms": 40_001}), "email", 60_000).limit == (  # type: ignore[union-attr]
        "campaign total cap"
    )
    assert allocation_breach(caps, Exposure(0, 0, 0), "email", 60_001).limit == "channel cap (email)"  # type: ignore[union-attr]
    assert allocation_breach(caps, Exposure(0, 7, 0), "email", 6).limit == "allocation (email)"  # type: ignore[union-attr]
    assert allocation_breach(caps, Exposure(0, 0, 0), "email", -1).reason == (  # type: ignore[union-attr]
        "allocation (email) may not be negative"
    )


def test_a_cent_over_a_cap_is_caught_where_a_tolerance_let_it_through() -> None:
    caps = Caps(total=1000.0, per_channel={"email": 600.0}, per_day=100.0)
    change = BudgetChange(
        id="c1",
        campaign_id="x",
        channel="email",
        from_amount=500.0,
        to_amount=600.005,
        delta_pct=0.20001,
        reason="r",
        requires_approval=False,
        status="applied",
        currency="USD",
    )
    result = check_budget_change(change, caps, {"email": 500.0}, 1000.0)
    assert not result.passed and result.reasons == ["email would get 600.01, above its cap 600.00"]
    assert check_budget_change(
        change.model_copy(update={"to_amount": 600.004}), caps, {"email": 500.0}, 1000.0
    ).passed
    jpy = change.model_copy(update={"to_amount": 600.4, "currency": "JPY"})
    assert check_budget_change(jpy, caps, {"email": 500.0}, 1000.0).passed  # 600.4 yen is 600 yen


def test_change_breaches_cover_every_rule() -> None:
    caps = CapsMinor(total=1000, per_channel={"email": 600, "sms": 500}, per_day=100, exp=0)
    assert change_breaches("email", 500, 600, caps, {"email": 500, "sms": 300}, 1000) == []
    rules = [b.rule for b in change_breaches("email", 400, 700, caps, {"email": 500, "sms": 400}, 900)]
    assert rules == [
        "from_amount equals the current allocation",
        "to_amount <= caps.per_channel[channel]",
        "sum of allocations <= min(caps.total, total_budget)",
    ]
    assert [b.rule for b in change_breaches("display", 0, 1, caps, {}, 1000)] == [
        "changes apply to planned channels",
        "every channel has a per-channel cap",
    ]


def test_blueprint_breaches_and_plan_caps() -> None:
    caps = plan_caps(100_000, {"email": 40_000, "sms": 70_000}, 30, 2)
    assert caps.per_channel == {"email": 60_000, "sms": 100_000} and caps.per_day == 5_000
    sound = PlanAmounts(100_000, {"email": 40_000, "sms": 60_000}, caps, 30)
    assert blueprint_breaches(sound) == []
    bad = PlanAmounts(
        90_000,
        {"email": 60_001, "display": 1},
        CapsMinor(100_000, {"email": 60_000, "sms": 100_001}, 0, 2),
        30,
    )
    assert [b.rule for b in blueprint_breaches(bad)] == [
        "caps.total <= total_budget",
        "channel budget <= caps.per_channel[channel]",
        "every planned channel has a per-channel cap",
        "caps.per_channel <= caps.total",
        "caps.per_day > 0 when spending",
    ]
    with pytest.raises(ValueError, match="at least one day"):
        plan_caps(1, {}, 0, 2)


@settings(max_examples=300, deadline=None)
@given(
    current=st.integers(min_value=0, max_value=10**9),
    wanted=st.integers(min_value=0, max_value=10**9),
    spent=st.integers(min_value=0, max_value=10**9),
    pct=st.floats(min_value=0, max_value=2),
)
def test_the_step_limit_holds_in_whole_minor_units(current: int, wanted: int, spent: int, pct: float) -> None:
    to, limited = step_limit(current, wanted, pct, floor=spent)
    assert to >= spent
    if to != spent:
        assert abs(to - current) * 1 <= Decimal(repr(pct)) * current
    assert limited == (abs(wanted - current) > int(Decimal(repr(pct)) * current))


def test_step_limit_without_a_limit_and_approval_rule() -> None:
    assert step_limit(100, 500, float("inf")) == (500, False)
    assert step_limit(1000, 2000, 0.3) == (1300, True) and step_limit(1000, 800, 0.3) == (800, False)
    assert needs_approval(0, 10, float("inf")) and not needs_approval(100, 1000, float("inf"))
    assert needs_approval(100, 121, 0.2) and not needs_approval(100, 120, 0.2)


def test_fit_allocation_keeps_inside_caps() -> None:
    caps = CapsMinor(total=1000, per_channel={"email": 700, "sms": 700}, per_day=100, exp=2)
    fitted = fit_allocation(caps, {"email": 900, "sms": 500, "display": 50})
    assert fitted == {"email": 583, "sms": 416, "display": 0} and sum(fitted.values()) <= 1000
