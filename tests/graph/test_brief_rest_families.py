"""Rule families of the goal, KPI, place, channel, date, theme, holdout and echo readers (issue 12, fifth round).

Every sentence here is written for this file (other industries and word orders than the dev sets) and goes
through the offline engine's extraction, as a brief would.
"""

from __future__ import annotations

import pytest

from graph.brief.echo import unused_sentences
from graph.contracts import BriefFact
from graph.models.offline.handlers import extract_brief


def _x(text: str) -> dict[str, object]:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})


@pytest.mark.parametrize(
    ("text", "share"),
    [
        (
            "Promote the Lumen desk lamp, $6k on Facebook. Keep one in ten subscribers back as a control group.",
            0.1,
        ),
        ("Email our members about the Spring Gala, £900. Hold out 1 in 5 as a control.", 0.2),
        ("okay so the Nimbus umbrella, 8k euros, email, and keep a fifteen percent holdout please", 0.15),
        ("Budget £2,000 on email. We'll hold back twenty per cent of the list to measure lift.", 0.2),
        ("Channel: email only\nHoldout: withhold a quarter of the list", 0.25),
        ("Send the loyalty offer by SMS, $3k, and withhold a fifth of the customers as the control", 0.2),
        ("newsletter push, 12 pct hold-out, $4k", 0.12),
        ("Budget: €5.000\nControl: 5 %", 0.05),
    ],
)
def test_a_holdout_share_in_words_fractions_or_pct(text: str, share: float) -> None:
    assert _x(text)["holdout_pct"] == pytest.approx(share)


@pytest.mark.parametrize(
    "text",
    [
        "Our pest control service for 20% of homes in Leeds, £3k on Facebook.",
        "We sell remote control cars, 10% off for Christmas, $2k on Instagram.",
        "Quality control found 5% fewer returns last year. Budget $4k on Google.",
    ],
)
def test_control_that_is_not_a_control_group_is_no_holdout(text: str) -> None:
    assert _x(text)["holdout_pct"] is None


def _kpis(text: str) -> list[tuple[str, float]]:
    got = _x(text)["kpi_targets"]
    assert isinstance(got, list)
    return sorted((k["name"], k["target"]) for k in got)


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        (
            "Spring promo for the Aster sofa, we want two hundred sales, $9k on Facebook.",
            [("conversions", 200)],
        ),
        ("We're hoping for fifteen hundred sign-ups to the Tidy app. Budget $12k.", [("signups", 1500)]),
        ("Our goal: three thousand five hundred downloads of Lingo Kids, €20k.", [("conversions", 3500)]),
        ("We need forty demo requests for Ledgerly, £5k on LinkedIn.", [("leads", 40)]),
        ("aiming for seventy-five bookings at the Dune Spa, AUD 3,000 on Instagram", [("conversions", 75)]),
    ],
)
def test_targets_spelled_out_in_words(text: str, kpis: list[tuple[str, float]]) -> None:
    assert _kpis(text) == kpis


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        ("Goal: 320 seats booked. Budget $4k on Instagram.", [("conversions", 320)]),
        ("We want 900 room nights booked this spring. Budget €30k on Google.", [("conversions", 900)]),
        ("Target 60 pitches booked at the campsite, £2k on Facebook.", [("conversions", 60)]),
        ("We'd love 40 tables booked for Mother's Day. £800 on Instagram.", [("conversions", 40)]),
        ("Aim: 25 stalls sold for the Winter Market, £600 on Facebook.", [("conversions", 25)]),
    ],
)
def test_a_counted_thing_booked_or_sold_is_a_conversion_whatever_it_is(
    text: str, kpis: list[tuple[str, float]]
) -> None:
    assert _kpis(text) == kpis


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        ("Need 220 free trial requests for the Brew Pro, €16k on LinkedIn.", [("leads", 220)]),
        ("Goal: 500 member sign-ups for the Climb Club, £3k.", [("signups", 500)]),
        ("We want 80 test drive bookings for the EV6, $10k on Google.", [("conversions", 80)]),
        ("Target: 1,200 trial starts for Focusly, $20k on Meta.", [("signups", 1200)]),
        ("We need 300 registered viewings of Quay House, £6k.", [("signups", 300)]),
    ],
)
def test_the_head_noun_of_a_counted_phrase_decides_its_kind(text: str, kpis: list[tuple[str, float]]) -> None:
    assert _kpis(text) == kpis


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        ("kids 5 to 10 in leeds  £900  60 bookings  facebook", [("conversions", 60)]),
        ("teens 13 to 17 in Austin, $2k, 400 sign-ups, TikTok", [("signups", 400)]),
        ("adults 25 to 40 in Cork, €3k, 90 orders, Instagram", [("conversions", 90)]),
        ("dogs 1 to 3 years old in Perth, A$1k, 150 sales, Facebook", [("conversions", 150)]),
        ("groups of 8 to 12 in Dublin, €2k, 30 bookings, Google", [("conversions", 30)]),
    ],
)
def test_a_noun_counts_only_for_the_nearest_number_before_it(
    text: str, kpis: list[tuple[str, float]]
) -> None:
    assert _kpis(text) == kpis


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        (
            "Goal is 120 consultation bookings at a cost per lead of $80. Budget $9k.",
            [("cpa", 80), ("leads", 120)],
        ),
        (
            "We want 300 webinar registrations at a cost per lead under £15. £6k.",
            [("cpa", 15), ("leads", 300)],
        ),
        (
            "Target 200 trial starts at a cost per sign-up of €20, budget €5k.",
            [("cpa", 20), ("signups", 200)],
        ),
        (
            "We need 90 quote requests at a cost per booking of $40, $4k on Google.",
            [("conversions", 90), ("cpa", 40)],
        ),
        (
            "Aim: 400 demo requests, cost per demo no more than AUD 150. Budget AUD 48,000.",
            [("cpa", 150), ("leads", 400)],
        ),
    ],
)
def test_a_cost_per_target_names_what_its_sentence_counts(text: str, kpis: list[tuple[str, float]]) -> None:
    assert _kpis(text) == kpis


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        ("ReadUp is looking for 150 volunteer reading mentors. £2k on Facebook.", [("signups", 150)]),
        ("The choir is seeking 30 new tenors and basses, £300 on Facebook.", [("signups", 30)]),
        ("We want to recruit 40 foster carers in Kent, £5k on Facebook.", [("signups", 40)]),
        (
            "founder: we need trial starts for Streaks Pro, 3,000 of them\ngrowth: budget?",
            [("signups", 3000)],
        ),
        ("we want bookings for the Lakeside cabins, 250 of those, $6k", [("conversions", 250)]),
    ],
)
def test_people_sought_and_counts_that_point_back(text: str, kpis: list[tuple[str, float]]) -> None:
    assert _kpis(text) == kpis


@pytest.mark.parametrize(
    ("text", "roas"),
    [
        ("Last year we spent $40k and got a 3.2x ROAS; this year the budget is $55k and we want 4x.", 4.0),
        ("Previously we did 2x ROAS. This time we're aiming for 3.5x, $10k on Google.", 3.5),
        ("Last year's ROAS was 5x; budget £8k and the target is 6x.", 6.0),
        ("We want a 4x ROAS on the Vela dress, $7k.", 4.0),
        ("Budget €12k; ROAS of at least 5 on the gift set.", 5.0),
    ],
)
def test_a_roas_that_happened_before_is_not_the_target(text: str, roas: float) -> None:
    assert dict(_kpis(text))["roas"] == roas


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("Black Friday for the Stride shoe, $55k; the goal is online sales and we want 4x.", "online sales"),
        ("Our aim is more repeat bookings at the Cove Hotel, £6k on email.", "repeat bookings"),
        ("The objective is to drive awareness of the Pulse ring in Austin, $5k.", "awareness"),
        ("quick one - pre-orders for our Harvest Ale. 5k USD on Insta.", "pre-orders"),
        (
            "Halloween costume sales for Spook Shop's Vampire cape, $3,000 on TikTok.",
            "Halloween costume sales",
        ),
        (
            "Purpose: raise awareness of the new recycling rules\nKPI: CTR of 0.8%",
            "raise awareness of the new recycling rules",
        ),
    ],
)
def test_goals_stated_as_aims_without_a_number(text: str, goal: str) -> None:
    assert _x(text)["goal"] == goal


@pytest.mark.parametrize(
    "text",
    [
        "Tickets for Jazz on the Green go on sale 1 March 2027. Aimed at over-50s in York. £1,800 on Facebook.",
        "Sales for the Q1 period were low. Budget £2k on Facebook for the Oak table.",
        "Bookings for the lodge opened in May. $3k on Instagram for the Pine Lodge.",
    ],
)
def test_a_sentence_stating_a_fact_about_an_outcome_is_not_the_goal(text: str) -> None:
    assert _x(text)["goal"] is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("B3. Budget: AUD 48,000\nB4. Objectives: 320 demo requests", 48000),
        ("Budget: EUR 12,000\nB2 partners only", 12000),
        ("Spend: £9,500\nM&S shoppers in Leeds", 9500),
        ("Budget: $2.5m for the year", 2_500_000),
        ("Budget: USD 40,000\nBrand: Kite", 40000),
    ],
)
def test_a_money_multiplier_never_crosses_a_line(text: str, amount: float) -> None:
    assert _x(text)["budget_amount"] == amount


@pytest.mark.parametrize(
    "answer",
    [
        "HR leads at firms of 50-500 staff",
        "Team leads at logistics companies in Ohio",
        "IT leads of mid-size schools",
    ],
)
def test_people_called_leads_on_their_own_line_are_not_a_goal(answer: str) -> None:
    assert _x("Launch the Kestrel router in the US. Budget: $20k. Use email.\n" + answer)["goal"] is None


def _channels(text: str) -> list[str]:
    got = _x(text)["channels"]
    assert isinstance(got, list)
    return sorted(got)


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        (
            "The Orbit router, $50k, 70% search and 30% social, homeowners in Ohio.",
            ["paid_search", "paid_social"],
        ),
        ("£8k split 50% social / 50% search for the Fern candle.", ["paid_search", "paid_social"]),
        ("Budget €10k: 20 % search, 80 % YouTube.", ["paid_search", "paid_social"]),
        ("We'll email and text library card holders about the Story Hour.", ["email", "sms"]),
        ("Please call or text past customers about the Boiler Check, £500.", ["sms"]),
        ("Email, call and text lapsed members about the Gym Rejoin offer.", ["email", "sms"]),
        ("We'll hold back 10% of the retargeting pool as a control. Instagram only.", ["paid_social"]),
        ("Facebook ads; 10% holdout on the email retargeting.", ["email", "paid_social"]),
        ("Retargeting and YouTube, $5k, for the Nova bike.", ["display", "paid_social"]),
        ("Search the text of our guide for ideas. Budget $2k on Instagram.", ["paid_social"]),
    ],
)
def test_channels_by_budget_share_by_verb_and_not_the_holdout_pool(text: str, channels: list[str]) -> None:
    assert _channels(text) == channels


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Sell the Gala Night tickets for New Year's Eve, NOK 12,000 on Facebook.", "new year's eve"),
        ("yo sell the climbing pass to uni students for freshers' week, £900, instagram", "freshers' week"),
        ("Push the Laptop Bundle to students during Freshers Week, £3k on TikTok.", "freshers' week"),
        ("A Christmas Eve delivery promise for the Goose Box, £2k on email.", "christmas eve"),
        ("Canada Day deals on the Maple Cooler, C$5k on Facebook.", "canada day"),
    ],
)
def test_more_occasions(text: str, theme: str) -> None:
    assert _x(text)["theme"] == theme


@pytest.mark.parametrize(
    "text",
    [
        "Promote the Loft Insulation scheme in Hull, £12k on Facebook. Last winter 640 homes were insulated.",
        "Sell the Trail Runner shoe, $8k on Instagram. Last summer we sold 900 pairs.",
        "The Evo standing desk, €6k on LinkedIn. Previous spring sales were flat.",
        "Our Kettle Pro, £4k on Google; past autumn campaigns used TV.",
    ],
)
def test_a_season_gone_by_is_not_the_theme(text: str) -> None:
    assert _x(text)["theme"] is None


def _unused(text: str) -> list[str]:
    """The echo's 'not used' sentences, as the CLI, the JSON and the app show them."""
    facts = _x(text)["facts"]
    assert isinstance(facts, list)
    return unused_sentences(text, [BriefFact.model_validate(f) for f in facts])


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Offer: Winter Boiler Service\nSpend: £2k\nPhone: 0161 496 0000", "Phone: 0161 496 0000"),
        ("Product: Allotment Permit\nBudget: £700\nReference: AP-27-11", "Reference: AP-27-11"),
        (
            "Course: Evening Welding\nBudget: £1,500\nEnrolment enquiries: 0113 496 0456",
            "Enrolment enquiries: 0113 496 0456",
        ),
        ("Service: Dog Walking Plan\nBudget: $900\nPO number: 44871", "PO number: 44871"),
        ("- Product: Roof Survey\n- Budget: €2,000\n- Ticket: MKT-1182", "Ticket: MKT-1182"),
    ],
)
def test_a_short_labelled_form_line_that_gave_nothing_is_shown_as_not_used(text: str, line: str) -> None:
    assert line in _unused(text)


@pytest.mark.parametrize(
    ("text", "line", "countries"),
    [
        (
            "We're a small joinery company in Leeds. We'd like to sell the Oak Window Seat to homeowners in "
            "Sweden. Budget SEK 50,000 on Instagram.",
            "We're a small joinery company in Leeds.",
            ["SE"],
        ),
        (
            "Push the Winter Tyre Package to drivers in Yorkshire. Budget £9k on Google. Our branches are in "
            "Ripon, Thirsk, Malton and Whitby.",
            "Our branches are in Ripon, Thirsk, Malton and Whitby.",
            ["GB"],
        ),
        (
            "Promote the ParcelBox app to shoppers in Warsaw. Budget PLN 90 000 on Facebook. We operate 2,300 "
            "lockers across Poland.",
            "We operate 2,300 lockers across Poland.",
            ["PL"],
        ),
        (
            "Sell the SoilSense probe to farmers in Kansas, $50k on YouTube. There are about 60,000 farms in "
            "Nebraska.",
            "There are about 60,000 farms in Nebraska.",
            ["US"],
        ),
        (
            "Irish craft gin for gift buyers in Germany, €8k on Instagram. We're a family business from Cork.",
            "We're a family business from Cork.",
            ["DE"],
        ),
    ],
)
def test_where_the_company_is_or_a_background_figure_is_no_market(
    text: str, line: str, countries: list[str]
) -> None:
    got = _x(text)
    assert line in _unused(text) and got["countries"] == countries
