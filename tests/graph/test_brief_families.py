"""Money, places, KPI targets and themes in the phrasing families real briefs use, read through the offline
engine's ``extract_brief`` (one parametrised test per family; every case is a sentence a marketer would write)."""

from __future__ import annotations

from typing import Any

import pytest

from graph.models.offline.handlers import extract_brief

LEAD = "Promote the Acme Widget to busy parents. "
"""A product and an audience first, as briefs have, so the sentence under test is read for its own fact."""


def _read(text: str) -> dict[str, Any]:
    return extract_brief({"brief_text": LEAD + text, "today": "2026-12-07"})


def _kpis(got: dict[str, Any]) -> list[tuple[str, float]]:
    return sorted((k["name"], round(float(k["target"]), 6)) for k in got["kpi_targets"])


# ---- money --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        # symbols and ISO codes before and after, k/m/mn suffixes
        ("Spend: GBP 30k across search.", 30_000, "GBP"),
        ("Budget 1.5m USD.", 1_500_000, "USD"),
        ("Budget: $2.5 mn.", 2_500_000, "USD"),
        ("We're working with USD 45K.", 45_000, "USD"),
        ("A$15,000 for Meta.", 15_000, "AUD"),
        ("Budget $38,000 (CAD) on Google.", 38_000, "CAD"),
        ("Budget: 30 000 $ CA, on Google.", 30_000, "CAD"),
        ("3 grand (gbp) on Instagram.", 3_000, "GBP"),
        # European, Swiss and Nordic separators; currencies beyond the big six
        ("Budget: 8.500,00 EUR", 8_500, "EUR"),
        ("Budget: €1,5 Mio.", 1_500_000, "EUR"),
        ("Budget: CHF 25'000 for Instagram.", 25_000, "CHF"),
        ("Budget: 25’000 EUR.", 25_000, "EUR"),
        ("Budget is 12 500 kr (SEK) on TikTok.", 12_500, "SEK"),
        ("Budget: 150.000 kr. (DKK)", 150_000, "DKK"),
        ("Budget 60 000 zł on LinkedIn.", 60_000, "PLN"),
        ("S$5,000 on TikTok.", 5_000, "SGD"),
        ("Budget: ₩50,000,000", 50_000_000, "KRW"),
        ("NZ$9k budget.", 9_000, "NZD"),
        # words
        ("Budget is two thousand pounds on Facebook.", 2_000, "GBP"),
        ("Budget is twenty-five thousand dollars for Google.", 25_000, "USD"),
        ("Budget fifteen hundred bucks, Facebook.", 1_500, "USD"),
        ("We're thinking two grand, pounds obviously, on Facebook.", 2_000, "GBP"),
        ("Budget's about twenty grand Australian, Facebook and Google.", 20_000, "AUD"),
        # a label that names the currency
        ("Budget (GBP): 75,000", 75_000, "GBP"),
    ],
)
def test_money_however_it_is_written(text: str, amount: float, currency: str) -> None:
    got = _read(text)
    assert (got["budget_amount"], got["currency"]) == (amount, currency)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # per-channel amounts that add up to the budget
        ("Media budget: £12k search + £8k social.", 20_000),
        ("£12k on search and £8k on social.", 20_000),
        ("Split: $5,000 Facebook, $3,000 Google, $2,000 email.", 10_000),
        ("£2k on instagram and pinterest, £500 on email.", 2_500),
        # a budget next to prices, CPA targets, last year's spend, daily caps and fundraising targets
        ("Tickets cost £45. Budget £6,000.", 6_000),
        ("Last year we spent $90k; this year's budget is $70k.", 70_000),
        ("Daily cap $500, total budget $15,000.", 15_000),
        ("The kit retails at $49.99. We have $20,000 for Facebook.", 20_000),
        ("We aim to raise £250,000. We have £18k for Facebook and email.", 18_000),
        ("Keep CPA under $30; total budget $50,000.", 50_000),
        ("Finance leads at firms with $50M-$500M revenue. $80,000 over LinkedIn.", 80_000),
        # corrections, monthly amounts and totals
        ("Budget 1,2 Mio. € is too much; we agreed on 250.000 €.", 250_000),
        ("Budget: 50,000 CHF? no — EUR 50,000", 50_000),
        ("Budget: $10k per month for three months.", 30_000),
        ("Spend: $3,000 a month for April, May and June ($9,000 total).", 9_000),
        ("Locals within 5 miles of the pub, £300, from 10 Jan 2027.", 300),
    ],
)
def test_the_budget_among_other_money(text: str, amount: float) -> None:
    assert _read(text)["budget_amount"] == amount


def test_a_spoken_amount_takes_the_market_currency_and_a_bare_figure_is_asked() -> None:
    spoken = _read("Landlords in Nottingham. Budget's three and a half k, Facebook and Google.")
    assert (spoken["budget_amount"], spoken["currency"]) == (3_500, "GBP")
    bare = _read("Landlords in Nottingham. Budget: 40,000.")
    assert bare["budget_amount"] is None and any("no currency" in p for p in bare["problems"])


# ---- places -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "countries", "regions"),
    [
        # names, areas and codes
        ("Markets: UK & ROI.", ["GB", "IE"], ["EU", "UK"]),
        ("Target the DACH region.", ["AT", "CH", "DE"], ["EU"]),
        ("Benelux only.", ["BE", "LU", "NL"], ["EU"]),
        ("Across the Nordics.", ["DK", "FI", "IS", "NO", "SE"], ["EU"]),
        ("ANZ customers.", ["AU", "NZ"], ["APAC"]),
        ("Market: DE, AT.", ["AT", "DE"], ["EU"]),
        ("Markets: FR/BE/NL", ["BE", "FR", "NL"], ["EU"]),
        ("Across Europe.", [], ["EU"]),
        ("Europe-wide plus the UK.", ["GB"], ["EU", "UK"]),
        ("USA + Canada", ["CA", "US"], ["CA", "US"]),
        # nationality words
        ("French and Belgian shoppers.", ["BE", "FR"], ["EU"]),
        ("Americans aged 30+.", ["US"], ["US"]),
        ("Californian surfers.", ["US"], ["US"]),
        ("aimed at Dutch and Belgian families.", ["BE", "NL"], ["EU"]),
        # states, counties, towns and cities, however written
        ("Homeowners in Texas and Arizona.", ["US"], ["US"]),
        ("Students in Scotland and Wales.", ["GB"], ["UK"]),
        ("Families in Sevenoaks and Tonbridge.", ["GB"], ["UK"]),
        ("singles in austin, denver and portland.", ["US"], ["US"]),
        ("Adults in Sevenoaks and Richmond.", ["GB"], ["UK"]),
        ("Shops in Vancouver and Richmond.", ["CA"], ["CA"]),
        ("Muslim families in East London, Birmingham and Bradford.", ["GB"], ["UK"]),
        # areas and country names in other languages (CLDR through babel)
        ("Parents of kids 8-13 in the Bay Area.", ["US"], ["US"]),
        ("Walkers in the Peak District.", ["GB"], ["UK"]),
        ("Zielgruppe: Aquarianer in Österreich.", ["AT"], ["EU"]),
        ("Kunden in Deutschland und der Schweiz.", ["CH", "DE"], ["EU"]),
        # where the company sits, a venue or a trip's destination is not the market
        ("Our HQ is in Berlin but we target France.", ["FR"], ["EU"]),
        ("Event at the ExCeL in London; attendees from the US.", ["US"], ["US"]),
        ("Flights to Lisbon for travellers in Ireland.", ["IE"], ["EU"]),
        (
            "The Romance Package at Casa Alfama in Lisbon, for couples from Spain and France.",
            ["ES", "FR"],
            ["EU"],
        ),
        ("Crew Week (7 days on board in Split, €1.190 per person) for adults from Germany.", ["DE"], ["EU"]),
        ("Markets: France and Belgium (and Luxembourg).", ["BE", "FR", "LU"], ["EU"]),
    ],
)
def test_places_however_they_are_named(text: str, countries: list[str], regions: list[str]) -> None:
    got = _read(text)
    assert (sorted(got["countries"]), sorted(got["regions"])) == (countries, regions)


@pytest.mark.parametrize(
    "text",
    [
        "Learn Spanish in 30 days.",
        "Italian restaurants welcome.",
        "The Dutch oven range.",
        "IT and HR teams.",
    ],
)
def test_languages_cuisines_and_departments_are_not_places(text: str) -> None:
    assert _read(text)["countries"] == []


# ---- KPI targets --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        # counts
        ("Goal: 500 sign-ups.", [("signups", 500)]),
        ("200 new volunteer sign ups would be great.", [("signups", 200)]),
        ("We want 1.2k orders.", [("conversions", 1200)]),
        ("Goal is 600 demo requests and 45 closed deals.", [("conversions", 45), ("leads", 600)]),
        ("- 15.000 kits sold", [("conversions", 15000)]),
        ("We want 120 test rides booked.", [("conversions", 120)]),
        ("10,000 approved applications.", [("conversions", 10000)]),
        ("Target 6,000 tickets (last year we sold 4,100 tickets).", [("conversions", 6000)]),
        # rates
        ("Goal: a 25 per cent open rate.", [("open_rate", 0.25)]),
        ("CTR of 1.5%.", [("ctr", 0.015)]),
        ("1,000 leads and a 15% lead-to-loan conversion rate.", [("conversion_rate", 0.15), ("leads", 1000)]),
        # cost-per targets, never prices
        ("CPL under £20.", [("cpa", 20)]),
        ("Keep cost per acquisition below $40.", [("cpa", 40)]),
        ("2,000 first visits with a cost per visit of $20 or less.", [("conversions", 2000), ("cpa", 20)]),
        ("50,000 installs, CPI under ¥120.", [("conversions", 50000), ("cpa", 120)]),
        ("400 quote requests at no more than $300 each.", [("cpa", 300), ("leads", 400)]),
        (
            "We'd be stoked with 400 quote requests at under fifty bucks a lead.",
            [("cpa", 50), ("leads", 400)],
        ),
        ("The Mixed Case (12 bottles, £149 each). We're after £60k of revenue.", [("revenue", 60000)]),
        # ROAS
        ("ROAS of 4x.", [("roas", 4)]),
        ("ROAS 400%.", [("roas", 4)]),
        ("2,200 boxes, ROAS 3.5:1.", [("conversions", 2200), ("roas", 3.5)]),
        ("£4 back for every £1 spent.", [("roas", 4)]),
        ("For every £1 we spend we want £4 back.", [("roas", 4)]),
        # revenue
        ("Revenue target: $2m.", [("revenue", 2_000_000)]),
        ("Drive €150k in sales.", [("revenue", 150_000)]),
        ("Goal: $340k in new ARR.", [("revenue", 340_000)]),
        ("We'd like to raise £60,000 in donations.", [("revenue", 60_000)]),
        # numbers that are not targets
        ("The Edge 3 razor is what we need to sell.", []),
        ("Firms running 20+ trucks across the UK.", []),
        ("Email our 4,200 subscribers.", []),
    ],
)
def test_kpi_targets_however_they_are_stated(text: str, kpis: list[tuple[str, float]]) -> None:
    assert _kpis(_read(text)) == sorted((n, round(float(t), 6)) for n, t in kpis)


# ---- themes -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("A Ramadan campaign.", "ramadan"),
        ("For Diwali.", "diwali"),
        ("Chinese New Year promo.", "chinese new year"),
        ("Lunar New Year promotion.", "lunar new year"),
        ("Mothers Day gifts.", "mother's day"),
        ("Mothering Sunday gifts.", "mothering sunday"),
        ("Singles Day deals.", "singles' day"),
        ("Boxing Day sale.", "boxing day"),
        ("End of tax year ISA push.", "end of tax year"),
        ("Valentines gifts.", "valentine's"),
        ("Eid al-Adha hampers.", "eid al adha"),
        ("School holidays promo.", "school holidays"),
        ("Pride collection launch.", "pride"),
        ("Occasion: Mother's Day (France, 30 May 2027)", "mother's day"),
        ("Men getting married this summer in Leeds.", "summer"),
    ],
)
def test_themes_seasons_and_occasions(text: str, theme: str) -> None:
    assert _read(text)["theme"] == theme


@pytest.mark.parametrize(
    "text",
    [
        "Audience: women 35-55 who holiday in Europe.",
        "Audience: homeowners with high summer electricity bills.",
        "We take pride in our service.",
    ],
)
def test_a_season_that_describes_people_is_not_the_theme(text: str) -> None:
    assert _read(text)["theme"] is None
