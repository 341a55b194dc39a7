"""The offline engine's brief parsing: what a brief states, and nothing it does not."""

from datetime import date

import pytest

from graph.models.offline.parse import (
    find_budget,
    find_channels,
    find_dates,
    find_duration_days,
    find_kpis,
    find_money,
    find_regions,
    parse_brief,
)

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("budget of 40k USD", 40_000, "USD"),
        ("€25,000 total", 25_000, "EUR"),
        ("spend $1.2m on it", 1_200_000, "USD"),
        ("25.000 EUR budget", 25_000, "EUR"),
        ("£10k", 10_000, "GBP"),
        ("we have 40 thousand dollars", 40_000, "USD"),
        ("USD 15,500.50 budget", 15_500.5, "USD"),
        ("C$8,000 budget for Canada", 8_000, "CAD"),
    ],
)
def test_budget_amounts_and_currencies(text: str, amount: float, currency: str) -> None:
    budget = find_budget(text)
    assert budget is not None
    assert (budget.amount, budget.currency) == (amount, currency)


def test_budget_prefers_the_cued_amount_over_unit_costs() -> None:
    budget = find_budget("Keep CPA under $30 and free shipping on orders over $35; total budget $50,000.")
    assert budget is not None and budget.amount == 50_000


@pytest.mark.parametrize("text", ["no money here", "orders over $35 ship free", "CPA below €20"])
def test_no_budget_is_not_invented(text: str) -> None:
    assert find_budget(text) is None


def test_money_mentions_keep_positions() -> None:
    mentions = find_money("$5 then €7")
    assert [(m.amount, m.currency) for m in mentions] == [(5, "USD"), (7, "EUR")]


def test_dates_and_durations() -> None:
    assert find_dates("from 2027-01-10 to 2027-02-08", TODAY) == [date(2027, 1, 10), date(2027, 2, 8)]
    assert find_dates("starting March 2, 2027", TODAY) == [date(2027, 3, 2)]
    assert find_dates("kick off on 3 Feb", TODAY) == [date(2027, 2, 3)]  # no year: the next one
    assert find_duration_days("run it for 6 weeks") == 42
    assert find_duration_days("a two-month push") == 60
    assert find_duration_days("no timing") is None


def test_channels_and_regions() -> None:
    assert find_channels("Use email, paid social and Google Ads") == ["email", "paid_social", "paid_search"]
    assert find_regions("Sell in the US and the UK, then Germany") == ["US", "UK", "EU"]
    assert find_regions("tell us about it") == []  # 'us' the pronoun is not a region


def test_kpis() -> None:
    kpis = {
        k.name: k.target
        for k in find_kpis(
            "drive 1,500 online orders, a 25% email open rate, CTR of 2%, CPA under $30 and ROAS 3x"
        )
    }
    assert kpis == {"open_rate": 0.25, "ctr": 0.02, "conversions": 1500, "cpa": 30.0, "roas": 3.0}


def test_parse_whole_brief() -> None:
    parsed = parse_brief(
        "Launch our new Brightwell MaxFlow Pitcher in the US and UK starting March 2, 2027 for 6 weeks. "
        "Budget: $40k. Target: health-conscious families. Goal: drive 1,500 online orders. "
        'Use email and paid search. Key message: "Brightwell removes 99% of lead from tap water."',
        TODAY,
    )
    assert parsed.product == "Brightwell MaxFlow Pitcher"
    assert parsed.budget is not None and parsed.budget.amount == 40_000
    assert (parsed.start_date, parsed.end_date, parsed.duration_days) == (
        date(2027, 3, 2),
        date(2027, 4, 12),
        42,
    )
    assert parsed.channels == ["email", "paid_search"]
    assert parsed.regions == ["US", "UK"]
    assert parsed.audience == "health-conscious families"
    assert parsed.goal == "drive 1,500 online orders"
    assert parsed.key_messages == ["Brightwell removes 99% of lead from tap water."]


def test_quoted_copy_is_not_read_as_campaign_facts() -> None:
    parsed = parse_brief(
        'Budget $10k for email in the UK from 2027-02-01. Key message: "Launch offer: 20% off '
        'until 31 October 2026, just £5 a month."',
        TODAY,
    )
    assert parsed.start_date == date(2027, 2, 1)
    assert parsed.budget is not None and parsed.budget.amount == 10_000
    assert parsed.key_messages == ["Launch offer: 20% off until 31 October 2026, just £5 a month."]


# ---- product, audience and start date as marketers write them (issue 12) -----------------------------------------
@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Let's get Quillon Notes 4 in front of law students. $9k on Instagram.", "Quillon Notes 4"),
        ("This campaign is for our Harbor Kelp crisps. Budget £2k.", "Harbor Kelp crisps"),
        ("Product: the Tidewater fleece range\nBudget: £5k", "Tidewater fleece range"),
        ("The Ferro 9 blender is what we need to sell this spring. £4k on Facebook.", "Ferro 9 blender"),
        ("can you promote our weekday brunch deal to locals? £300 on insta", "weekday brunch deal"),
        ("We're launching Bramwell Payroll for HR teams at retailers. $20k LinkedIn.", "Bramwell Payroll"),
    ],
)
def test_products_however_they_are_named(text: str, product: str) -> None:
    assert parse_brief(text, TODAY).product == product


@pytest.mark.parametrize(
    "text",
    [
        "Ashgrove Bakery wants more orders from office workers in Leeds. £1,000 on Facebook.",
        "More visits to our Didsbury store: students in Manchester. £500 on Instagram.",
        "Get more people into the Saltmarsh taproom on Fridays. £400 on Facebook.",
        "Media budget of 25k USD, LinkedIn only, from 1 March 2027.",
    ],
)
def test_businesses_venues_and_budgets_are_not_products(text: str) -> None:
    assert parse_brief(text, TODAY).product is None


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "Promote Quillon Notes 4 to law students who revise on the train, $9k, Instagram.",
            "law students who revise on the train",
        ),
        ("It's for new dog owners in Cork. €2k on Facebook.", "new dog owners in Cork"),
        (
            "We want to reach procurement leads at hospitals with BramwellSync 2. $20k LinkedIn.",
            "procurement leads at hospitals",
        ),
        (
            "Brunch push for the Corner Café: students and nurses near the hospital. £300.",
            "students and nurses near the hospital",
        ),
        (
            "Frequent flyers in Madrid, Lisbon and Rome. €8k on Instagram.",
            "Frequent flyers in Madrid, Lisbon and Rome",
        ),
    ],
)
def test_audiences_however_they_are_introduced(text: str, audience: str) -> None:
    assert parse_brief(text, TODAY).audience == audience


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("The fair is on 20 May 2027. Ticket campaign from 1 April 2027. £2k on Facebook.", date(2027, 4, 1)),
        ("Artwork sign-off by 5 January 2027; ads start 18 January 2027. £2k.", date(2027, 1, 18)),
        ("Workshop notes 30 Nov\n- campaign start 8 February 2027\n- £3k", date(2027, 2, 8)),
        ("The course starts 1 March 2027; media starts 1 February 2027.", date(2027, 2, 1)),
    ],
)
def test_the_campaign_start_wins_over_other_days(text: str, start: date) -> None:
    assert parse_brief(text, TODAY).start_date == start
