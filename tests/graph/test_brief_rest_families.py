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


def _dates(text: str) -> tuple[object, object, object]:
    got = _x(text)
    return got["start_date"], got["end_date"], got["duration_days"]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Budget €9k on Google.\nStart: 01-02-2027\nEnd: 28-02-2027", ("2027-02-01", "2027-02-28", 28)),
        (
            "Budget €5k on Instagram. Start 15-03-2027 (European date), 4 weeks.",
            ("2027-03-15", "2027-04-11", 28),
        ),
        (
            "£2k on Facebook, run it from Monday 15 March to Easter Monday, 29 March 2027.",
            ("2027-03-15", "2027-03-29", 15),
        ),
        (
            "$3k on email, from Friday 3 September to Sunday, 12 September 2027.",
            ("2027-09-03", "2027-09-12", 10),
        ),
        (
            "Please run from the 3rd of May for a month (until 2 June 2027). $4k on Google.",
            ("2027-05-03", "2027-06-02", 31),
        ),
        (
            "Go live on 1 March for six weeks, ending on 11 April 2027. €6k on Meta.",
            ("2027-03-01", "2027-04-11", 42),
        ),
    ],
)
def test_dates_with_dashes_named_days_and_an_end_after_the_length(
    text: str, dates: tuple[str, str, int]
) -> None:
    start, end, days = _dates(text)
    assert (str(start), str(end), days) == dates


def _where(text: str) -> tuple[list[str], list[str]]:
    got = _x(text)
    regions, countries = got["regions"], got["countries"]
    assert isinstance(regions, list) and isinstance(countries, list)
    return sorted(regions), sorted(countries)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("The Bloom tote for shoppers in Richmond. Budget £2,000 on Instagram.", (["UK"], ["GB"])),
        ("The Bloom tote for shoppers in Richmond. Budget C$2,000 on Instagram.", (["CA"], ["CA"])),
        ("Insulation grants for households in Hull, £12k on Facebook.", (["UK"], ["GB"])),
        ("Snow tyres for drivers in Hull and Gatineau, CAD 8,000 on Google.", (["CA"], ["CA"])),
        ("Yoga mats for members at Riverside Lawn Tennis Club in Richmond, £900 on email.", (["UK"], ["GB"])),
    ],
)
def test_a_name_several_places_share_is_read_in_the_budgets_country(
    text: str, where: tuple[list[str], list[str]]
) -> None:
    assert _where(text) == where


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("School trips for primary teachers in the West Midlands, £3,800 on Facebook.", (["UK"], ["GB"])),
        ("Rescue scheme for hillwalkers who visit the Highlands, £1,500 on Instagram.", (["UK"], ["GB"])),
        ("Ferry fares for families in the North of England, £55k on YouTube.", (["UK"], ["GB"])),
        ("Garden rooms for homeowners in the South East, £20k on Google.", (["UK"], ["GB"])),
        ("Ski passes for families from Bavaria and Vienna, €18k on Instagram.", (["EU"], ["AT", "DE"])),
        ("Wine tours for couples in Tuscany and Provence, €9k on Facebook.", (["EU"], ["FR", "IT"])),
    ],
)
def test_areas_and_regions_within_countries(text: str, where: tuple[list[str], list[str]]) -> None:
    assert _where(text) == where


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "Toddler Room places for working parents in Didsbury and Chorlton. Budget £1,250 on Facebook.",
            (["UK"], ["GB"]),
        ),
        (
            "piano lessons for adults 30-65 in bath who always wanted to play. £300 on instagram",
            (["UK"], ["GB"]),
        ),
        ("Reformer classes for women 28-55 in Leith and Stockbridge. £1,900 on Instagram.", (["UK"], ["GB"])),
        ("Gutter cleaning for homeowners in Wahroonga. A$2,000 on Facebook.", (["APAC"], ["AU"])),
        ("Dog walking for owners in Ponsonby. NZD 900 on Instagram.", (["APAC"], ["NZ"])),
    ],
)
def test_an_unknown_town_the_audience_lives_in_is_in_the_currencys_country(
    text: str, where: tuple[list[str], list[str]]
) -> None:
    assert _where(text) == where


@pytest.mark.parametrize(
    "text",
    [
        "Coaching for founders in fintech. Budget $5k on LinkedIn.",
        "Our course for marketers in January cohorts, €3k on LinkedIn.",
        "Planner for people in their 30s, £2k on Instagram.",
    ],
)
def test_no_town_means_no_market(text: str) -> None:
    assert _where(text) == ([], [])


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Sell Car + 2 fares from Newcastle to Amsterdam to families in Scotland. £55k.", (["UK"], ["GB"])),
        ("Promote flights from Dublin to Lisbon to students in Ireland. €20k.", (["EU"], ["IE"])),
        ("Push trips from Boston to Rome to retirees in Ohio. $30k.", (["US"], ["US"])),
    ],
)
def test_where_a_trip_from_somewhere_goes_is_not_the_market(
    text: str, where: tuple[list[str], list[str]]
) -> None:
    assert _where(text) == where


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "Visit Lakeland - spring brief\nOffer: Lakeland Short Breaks\nAudience: couples in London\nBudget: £75,000",
            (["UK"], ["GB"]),
        ),
        ("Product: Warm Homes Hull\nAudience: households in Hull\nBudget: £12,000", (["UK"], ["GB"])),
        ("Product: Paris Weekend Pass\nMarket: Paris\nBudget: €5,000", (["EU"], ["FR"])),
        ("Boston Brewing's Boston Lager for drinkers in Leeds, £3k on Instagram.", (["UK"], ["GB"])),
        ("Promote the Dublin Coffee Club box to office workers in Manchester, £2k.", (["UK"], ["GB"])),
    ],
)
def test_a_place_word_in_the_products_name_is_the_brand_unless_a_place_phrase_names_it(
    text: str, where: tuple[list[str], list[str]]
) -> None:
    assert _where(text) == where


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        (
            "Event: Spring Craft Fair, York, 20 March 2027\nBudget: £2k\nWhen: 1 March 2027 until the day before the fair",
            ("2027-03-01", "2027-03-19", 19),
        ),
        (
            "The open day is on 10 April 2027. Ads run from 15 March to the day before the open day. £900 on Facebook.",
            ("2027-03-15", "2027-04-09", 26),
        ),
        (
            "Our gala night is 12 June 2027. Please run from 1 May until the week before the gala, $3k on Instagram.",
            ("2027-05-01", "2027-06-05", 36),
        ),
        ("Race day: 23 May 2027\nSend window: 1 April 2027 up to the race", ("2027-04-01", "2027-05-23", 53)),
        (
            "The expo opens 8 September 2027. Run from 1 August 2027 till the night before the expo. €4k on LinkedIn.",
            ("2027-08-01", "2027-09-07", 38),
        ),
    ],
)
def test_an_end_counted_back_from_an_event_the_brief_dates_elsewhere(
    text: str, dates: tuple[str, str, int]
) -> None:
    start, end, days = _dates(text)
    assert (str(start), str(end), days) == dates


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        ("We need 900 walkers signed up for the Midnight Walk. £3,500 on Facebook.", [("signups", 900)]),
        ("Goal: 40 tutors enrolled on the Maths Mentors scheme, £800 on LinkedIn.", [("signups", 40)]),
        ("We'd love 250 families registered for the Summer Reading Challenge, £1k.", [("signups", 250)]),
        ("Target: 60 new volunteers recruited for the food bank, £500 on Facebook.", [("signups", 60)]),
        (
            "Aim for 1,200 players joined in the first month of the Quest app, $10k on TikTok.",
            [("signups", 1200)],
        ),
    ],
)
def test_people_who_signed_up_or_joined_are_sign_ups(text: str, kpis: list[tuple[str, float]]) -> None:
    assert _kpis(text) == kpis


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        (
            "The aim: more walk-ins at our Camden store. £1.5k on Instagram, 18-30s in London.",
            "more walk-ins at our Camden store",
        ),
        ("Goal: awareness of the new Oat Latte. Budget $3k on TikTok.", "awareness of the new Oat Latte"),
        (
            "Objective: repeat orders from lapsed buyers. €2k on email, 1-30 April 2027.",
            "repeat orders from lapsed buyers",
        ),
        ("Our goal: footfall at the Leeds showroom! 2k GBP on Facebook.", "footfall at the Leeds showroom"),
        ("KPI: brand searches up. 5k USD on YouTube.", "brand searches up"),
    ],
)
def test_a_labelled_goal_ends_with_its_sentence(text: str, goal: str) -> None:
    assert _x(text)["goal"] == goal


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Budget: ¥2,000,000\nDates: 2027/03/01 - 2027/03/31", ("2027-03-01", "2027-03-31", 31)),
        ("Budget $5k. Start 2027/05/03, end 2027/05/30.", ("2027-05-03", "2027-05-30", 28)),
        ("€4k on Instagram, 2027.06.01 to 2027.06.14", ("2027-06-01", "2027-06-14", 14)),
        ("Flight: 2027-02-01 - 2027-02-28. $9k on Google.", ("2027-02-01", "2027-02-28", 28)),
        ("₩5,000,000 on Instagram from 2027/04/01 for 2 weeks", ("2027-04-01", "2027-04-14", 14)),
    ],
)
def test_year_first_dates_with_any_separator(text: str, dates: tuple[str, str, int]) -> None:
    start, end, days = _dates(text)
    assert (str(start), str(end), days) == dates


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "Marketing plan for Nordic Bites: €40k across Sweden and Norway on Facebook.",
            (["EU"], ["NO", "SE"]),
        ),
        ("Midwest Dental wants patients in Denver, $4k on Google.", (["US"], ["US"])),
        ("Benelux Logistics is selling to shippers in Germany, €9k on LinkedIn.", (["EU"], ["DE"])),
        ("Budget €9k for the DACH Region on LinkedIn.", (["EU"], ["AT", "CH", "DE"])),
        (
            "Scandinavian sofas for renters across the Nordics, €12k on Instagram.",
            (["EU"], ["DK", "FI", "IS", "NO", "SE"]),
        ),
    ],
)
def test_an_area_word_opening_a_name_is_the_name(text: str, where: tuple[list[str], list[str]]) -> None:
    assert _where(text) == where


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        (
            "Hoping to hit 500 paid subscriptions at under €15 CPA for Lingo+. €7,500 on TikTok.",
            [("cpa", 15), ("signups", 500)],
        ),
        ("We want 200 orders at a $30 CPA. $9,000 on Meta.", [("conversions", 200), ("cpa", 30)]),
        ("Target CPA: £12. Budget £4,000 on Google. 300 sign-ups.", [("cpa", 12), ("signups", 300)]),
        ("120 leads at no more than €40 CPL. €6,000 on LinkedIn.", [("cpa", 40), ("leads", 120)]),
        (
            "Aim for a CPA of $25; 400 bookings. Budget $10,000 on Google.",
            [("conversions", 400), ("cpa", 25)],
        ),
    ],
)
def test_a_cost_per_cue_takes_its_own_amount_not_the_next_sentences_budget(
    text: str, kpis: list[tuple[str, float]]
) -> None:
    assert _kpis(text) == kpis


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        ("Goal is to get 75 people to book a free energy survey. £2k on Facebook.", [("conversions", 75)]),
        ("We need 300 families to sign up for the Reading Club, £1k on Facebook.", [("signups", 300)]),
        ("Get 40 homeowners to request a roof quote, £900 on Google.", [("leads", 40)]),
        ("We'd love 150 new customers to order the Taster Box, $2k on Instagram.", [("conversions", 150)]),
        ("Target: 60 parents to attend the open evening, £300 on Facebook.", [("conversions", 60)]),
    ],
)
def test_people_counted_for_an_action_count_that_action(text: str, kpis: list[tuple[str, float]]) -> None:
    assert _kpis(text) == kpis
