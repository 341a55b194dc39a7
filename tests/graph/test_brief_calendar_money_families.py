"""Dates, durations, money and the 'not used' echo in the phrasing families of the fifth dev round, read through
the offline engine's ``extract_brief``: each family with sentences written for it in other industries and word
orders than the dev set's (check date 2026-12-07: a date without a year is the next one)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from graph.brief.echo import unused_sentences
from graph.contracts import BriefFact
from graph.models.offline.calendar_days import easter_sunday, months_from
from graph.models.offline.handlers import extract_brief

LEAD = "Promote the Acme Widget to busy parents. "


def _read(text: str, lead: str = LEAD) -> dict[str, Any]:
    return extract_brief({"brief_text": lead + text, "today": "2026-12-07"})


def _dates(text: str) -> tuple[str | None, str | None, int | None]:
    got = _read(text)
    return got["start_date"], got["end_date"], got["duration_days"]


# ---- dates ----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # a quarter or half without a year, under a timing cue: the next one not yet begun
        ("Timing: Q2.", "2027-04-01", "2027-06-30"),
        ("We want this live during Q3, $4k on Google.", "2027-07-01", "2027-09-30"),
        ("Flight: H2", "2027-07-01", "2027-12-31"),
        ("Budget €80k for H1 2027 on LinkedIn.", "2027-01-01", "2027-06-30"),
        ("Run it across the second half of 2027.", "2027-07-01", "2027-12-31"),
        # part of a month
        ("Run it the first two weeks of June.", "2027-06-01", "2027-06-14"),
        ("Promotion window: last two weeks of September", "2027-09-17", "2027-09-30"),
        ("Ads in the final week of August.", "2027-08-25", "2027-08-31"),
        ("Live for the first half of March.", "2027-03-01", "2027-03-15"),
        ("Go live in the second half of May.", "2027-05-16", "2027-05-31"),
        # vague days only as the ends of a range
        ("Run mid-April to mid-May.", "2027-04-15", "2027-05-15"),
        ("From mid-February until the end of March.", "2027-02-15", "2027-03-31"),
        # Easter (Sunday 28 March 2027): the bank-holiday weekend
        ("Over Easter weekend, £2k on Facebook.", "2027-03-26", "2027-03-29"),
        ("Ads for the Easter bank holiday weekend only.", "2027-03-26", "2027-03-29"),
        ("From 15 March until Easter Monday.", "2027-03-15", "2027-03-29"),
        # numeric dates: two-digit years, year first
        ("Run 8/2/27 - 9/12/27 on Facebook, $3k.", "2027-08-02", "2027-09-12"),
        ("Dates 01/02/27 to 28/02/27, £2k.", "2027-02-01", "2027-02-28"),
        ("Campaign period 2027.3.2 to 2027.3.31.", "2027-03-02", "2027-03-31"),
        ("Flight 2027/05/10 - 2027/06/06", "2027-05-10", "2027-06-06"),
        # weekday names inside a range, and 'and it runs till'
        ("Run from Monday 11 January to Sunday 7 February.", "2027-01-11", "2027-02-07"),
        ("Dates: Mon 3 May – Sun 30 May 2027", "2027-05-03", "2027-05-30"),
        ("Starts Tuesday 2 March through Friday 26 March.", "2027-03-02", "2027-03-26"),
        (
            "We go live on the 18th of January and it runs till the end of February.",
            "2027-01-18",
            "2027-02-28",
        ),
        ("Ads start 5 April and they end on 2 May.", "2027-04-05", "2027-05-02"),
        # a day without a month ends the range in the start's month (or the next)
        ("Start on 12 April and keep it live until the 30th.", "2027-04-12", "2027-04-30"),
        ("Launching 3 June, running through the 24th.", "2027-06-03", "2027-06-24"),
        ("From 28 January until the 3rd.", "2027-01-28", "2027-02-03"),
        # whole months said as a month
        ("Run it in May.", "2027-05-01", "2027-05-31"),
        ("Pumpkin passes for the month of October.", "2027-10-01", "2027-10-31"),
        ("Ads during July, $5k.", "2027-07-01", "2027-07-31"),
        ("£2,500 per month from March to May on Google.", "2027-03-01", "2027-05-31"),
        ("Budget €9k, between June and August.", "2027-06-01", "2027-08-31"),
    ],
)
def test_date_phrases(text: str, start: str, end: str) -> None:
    got = _dates(text)
    assert got[:2] == (start, end)
    assert got[2] == (date.fromisoformat(end) - date.fromisoformat(start)).days + 1


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Run it from the 3rd of May for a month.", "2027-05-03", "2027-06-02"),
        ("From Sept 6 for 3 months.", "2027-09-06", "2027-12-05"),
        ("€12k/month for 3 months starting 1 March.", "2027-03-01", "2027-05-31"),
        ("Run it for two months from 15 March.", "2027-03-15", "2027-05-14"),
        ("Starts 1 April 2027, runs 2 months.", "2027-04-01", "2027-05-31"),
        ("Kick-off 10 January, one quarter.", "2027-01-10", "2027-04-09"),
        ("Running a fortnight from 5 July.", "2027-07-05", "2027-07-18"),
        ("A fortnight starting 1 March.", "2027-03-01", "2027-03-14"),
    ],
)
def test_months_from_a_known_start_are_calendar_months(text: str, start: str, end: str) -> None:
    assert _dates(text)[:2] == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Our Q3 results were strong.",
        "The beer goes on sale mid-December.",
        "We sold out by mid-July last year.",
        "Good Friday is our busiest day.",
        "Version 2.1.25 of the app is out.",
    ],
)
def test_phrases_that_date_nothing(text: str) -> None:
    assert _dates(text)[:2] == (None, None)


def test_a_length_that_contradicts_the_dates_is_not_the_duration() -> None:
    assert _dates("Timing: Q1. Installs take about two days.") == ("2027-01-01", "2027-03-31", 90)
    assert _dates("Run 1-14 March. Delivery takes 3 weeks.") == ("2027-03-01", "2027-03-14", 14)


def test_calendar_arithmetic() -> None:
    assert [easter_sunday(y) for y in (2024, 2025, 2026, 2027, 2028)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2028, 4, 16),
    ]
    assert months_from(date(2027, 1, 31), 1) == date(2027, 2, 27)
    assert months_from(date(2027, 11, 15), 2) == date(2028, 1, 14)


# ---- money ----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        # lakh, crore and Indian digit grouping
        ("Our budget is ₹5 lakh across Instagram.", 500_000, "INR"),
        ("We have Rs 1.2 crore for YouTube.", 12_000_000, "INR"),
        ("Budget: ₹7,50,000", 750_000, "INR"),
        ("Spend INR 12,00,000 on Google.", 1_200_000, "INR"),
        ("Budget Rs. 40 lakhs on Facebook.", 4_000_000, "INR"),
        # rupiah, rand, dirham
        ("Budget: Rp 150 juta", 150_000_000, "IDR"),
        ("Our budget is IDR 2.5 miliar for TikTok.", 2_500_000_000, "IDR"),
        ("Budget is R250 000 on Facebook.", 250_000, "ZAR"),
        ("Spend: ZAR 1.8m on Google.", 1_800_000, "ZAR"),
        ("We can spend R 75,000 on search.", 75_000, "ZAR"),
        ("Spend: AED 90,000 on Snapchat.", 90_000, "AED"),
        ("The budget is 45,000 dirhams on Instagram.", 45_000, "AED"),
        ("Budget MX$300,000 on Facebook.", 300_000, "MXN"),
        # words
        ("We have half a million dollars for Google Ads.", 500_000, "USD"),
        ("A quarter of a million euros on display.", 250_000, "EUR"),
    ],
)
def test_money_forms(text: str, amount: float, currency: str) -> None:
    got = _read(text)
    assert (got["budget_amount"], got["currency"]) == (amount, currency)


@pytest.mark.parametrize(
    ("lead", "text", "amount", "currency"),
    [
        ("Sell the Fjord kit to anglers in Bergen. ", "We have 80 000 kr for Facebook.", 80_000, "NOK"),
        ("Sell lamps to design fans in Aarhus, Denmark. ", "Budget kr. 60.000 on Instagram.", 60_000, "DKK"),
        ("Sell bikes to parents in Stockholm. ", "Budget: 120 000 kr on Instagram.", 120_000, "SEK"),
        ("Sell tea to offices in Oslo, Norway. ", "Spend NOK 40 000 on Google.", 40_000, "NOK"),
        ("Sell sauce to grill fans in Texas. ", "We got about 5 grand to push it on Facebook.", 5_000, "USD"),
        ("Sell mats to yogis in Leeds. ", "We've got 3 grand for Instagram.", 3_000, "GBP"),
    ],
)
def test_money_read_by_the_market(lead: str, text: str, amount: float, currency: str) -> None:
    got = _read(text, lead)
    assert (got["budget_amount"], got["currency"]) == (amount, currency)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Launch 1 Feb, run 6 weeks. Budget is €6k a week on TikTok.", 36_000),
        ("£750 a week for 4 weeks on Facebook, start 15 Feb 2027.", 3_000),
        ("We will spend £2,500 per month from March to May on Google.", 7_500),
        ("Budget $4k a month, running in Q2.", 12_000),
        ("Budget: €1,000/week, 1–28 March.", 4_000),
        ("€12k/month for 3 months starting 1 March.", 36_000),
        # not whole periods, or no period stated: the amount as written
        ("Budget €1,000/week, 1–10 March.", 1_000),
        ("Budget $4k a month on Google.", 4_000),
    ],
)
def test_rates_over_the_stated_run(text: str, amount: float) -> None:
    assert _read(text)["budget_amount"] == amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("We can spend £3,000 on Facebook, £1,500 on Google Ads and £500 on email.", 5_000),
        ("We'll spend $2,000 on Instagram, $1,000 on search.", 3_000),
        ("Budget €4k on LinkedIn and €1k on Google Ads.", 5_000),
        ("Spend is 10.000 € Facebook, 5.000 € Google.", 15_000),
        ("We can invest A$6,000 in YouTube, A$3,000 in display and A$1,000 in email.", 10_000),
    ],
)
def test_channel_shares_after_a_cued_amount_add_up(text: str, amount: float) -> None:
    assert _read(text)["budget_amount"] == amount


# ---- the 'not used' echo --------------------------------------------------------------------------------------------
def _unused(text: str) -> list[str]:
    got = extract_brief({"brief_text": text, "today": "2026-12-07"})
    return unused_sentences(text, [BriefFact.model_validate(f) for f in got["facts"]])


@pytest.mark.parametrize(
    ("brief", "aside"),
    [
        (
            "Promote the Harbour Pass to families in Cork. €900 on Facebook. We're a community choir in Cork.",
            "We're a community choir in Cork.",
        ),
        (
            "Sell the Kite Bundle to beginners in Gdańsk, Poland. PLN 28 000 on Instagram. We're Wave & Wake in Gdynia.",
            "We're Wave & Wake in Gdynia.",
        ),
        (
            "Our clinic in Leeds opened in 1998. Promote the Smile Plan to adults in Yorkshire. £2k on Google.",
            "Our clinic in Leeds opened in 1998.",
        ),
        (
            "Sell the Trail Pack to hikers in Colorado, 1-14 Feb. $4k on Facebook. The trade show is in Denver on 3 March.",
            "The trade show is in Denver on 3 March.",
        ),
        (
            "Reach founders in Lisbon and Porto for the Desk Pass. €5k on LinkedIn. Our team of 12 works from Lisbon.",
            "Our team of 12 works from Lisbon.",
        ),
    ],
)
def test_a_place_named_again_in_an_aside_is_not_used(brief: str, aside: str) -> None:
    assert aside in _unused(brief)


def test_a_markets_line_is_kept_even_when_the_audience_names_the_country() -> None:
    brief = "Audience: cafe owners in Geneva\nMarkets: Switzerland\nBudget: CHF 8,000 on Google"
    assert not any("Markets" in s for s in _unused(brief))


# ---- places: large European cities by their local names ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Sell the Vinyl Run to musicians in Berlin, Hamburg and Wien.", ["AT", "DE"]),
        ("Reach commuters in Warszawa and Gdańsk.", ["PL"]),
        ("For design lovers in København and Aarhus.", ["DK"]),
        ("Young families in Göteborg and Malmö.", ["SE"]),
        ("Founders in Lisboa and Porto.", ["PT"]),
        ("Couples in Milano, Firenze and Napoli.", ["IT"]),
        ("Office workers in Bruxelles, Antwerpen and Den Haag.", ["BE", "NL"]),
        ("Skiers from Genève and Luzern.", ["CH"]),
    ],
)
def test_local_city_names(text: str, countries: list[str]) -> None:
    got = _read(text + " Budget €5k on Facebook.", lead="")
    assert sorted(got["countries"]) == countries


# ---- asides about the business are not the campaign's theme, and are echoed as not used -----------------------------
@pytest.mark.parametrize(
    "aside",
    [
        "Camps are closed during the summer.",
        "FYI we are closed on statutory holidays.",
        "We also do Eid parties but not in this campaign.",
        "Our Christmas range is a separate budget.",
        "The shop closes over Easter.",
        "Our Halloween event is not part of this campaign.",
    ],
)
def test_an_aside_about_the_business_gives_no_theme(aside: str) -> None:
    brief = "Promote the Acme Widget to busy parents in Leeds. £2k on Facebook, 1-14 March. " + aside
    got = extract_brief({"brief_text": brief, "today": "2026-12-07"})
    assert got["theme"] is None
    assert aside in unused_sentences(brief, [BriefFact.model_validate(f) for f in got["facts"]])


def test_a_stated_theme_stays() -> None:
    assert _read("It is a summer campaign. £2k on Facebook.")["theme"] == "summer"
    assert _read("Theme: Christmas. £2k on Facebook.")["theme"] == "christmas"
