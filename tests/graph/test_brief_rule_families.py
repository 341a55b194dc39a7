"""Rule families of the offline brief reader (issue 12), each checked on several phrasings written for these tests
(none is a sentence of the eval datasets): what a brief states is read, and what it does not state is not."""

from __future__ import annotations

from datetime import date

import pytest

from graph.models.offline.parse import ParsedBrief, parse_brief

TODAY = date(2026, 11, 25)


def _p(text: str) -> ParsedBrief:
    return parse_brief(text, TODAY)


# ---- channels: bare 'search' / 'social' as items of a channel list ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pushing Quillo Notes to teachers. $9k on LinkedIn and search in Canada.",
            {"paid_social", "paid_search"},
        ),
        ("Budget £4k. Search + Facebook. Start 3 May 2027.", {"paid_search", "paid_social"}),
        ("€20k across search, social and email for the Brisa fan.", {"paid_search", "paid_social", "email"}),
        ("Meta, TikTok, search. UK only.", {"paid_social", "paid_search"}),
        ("Email and paid\nsearch, please.", {"email", "paid_search"}),
    ],
)
def test_bare_search_and_social_in_a_channel_list_are_channels(text: str, expected: set[str]) -> None:
    assert set(_p(text).channels) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Reach people who search for recipes. $3k on Instagram.",
        "Social proof matters to our buyers. $3k on Instagram.",
        "We want cooks who love social dining. $3k on Instagram.",
    ],
)
def test_search_and_social_as_ordinary_words_are_not_channels(text: str) -> None:
    assert _p(text).channels == ["paid_social"]


# ---- numbers that are not targets ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The Vanta 7 blender is what we want to sell. Budget $12,000 on Instagram. US.",
        "We're promoting the Pilot 300 course to new drivers. £2,000 on Facebook.",
        "Let's get Nimbus Hydrate 3.0 in front of cyclists. $9,000 on YouTube.",
        "3. Scope\n3.2 Product to be promoted: Kettleworth Pro\n3.3 Media budget: GBP 40,000",
        "Get CargoLink in front of depot managers at firms running 50+ vans. £30k on LinkedIn.",
    ],
)
def test_model_numbers_section_numbers_and_thresholds_are_not_targets(text: str) -> None:
    p = _p(text)
    assert p.kpis == [] and p.goal is None


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("Talking to founders at studios doing $2M+ a year. $30,000 on LinkedIn. US.", 30_000),
        (
            "We're after buyers at retailers with $10M-$90M revenue for Stockwise. $55,000 on LinkedIn.",
            55_000,
        ),
        ("Bring back lapsed members in Spain with €80,000 across email and display.", 80_000),
    ],
)
def test_amounts_that_describe_the_audience_are_neither_budget_nor_revenue(text: str, budget: float) -> None:
    p = _p(text)
    assert p.budget is not None and p.budget.amount == budget
    assert all(k.name != "revenue" for k in p.kpis)


# ---- budget: corrections, label currencies, words after the amount ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("- budget 40,000 CHF? no — EUR 40,000\n- Instagram", 40_000, "EUR"),
        ("Budget: $25k, actually €22k. Email only.", 22_000, "EUR"),
        ("Budget (GBP): 64,000\nChannels: email", 64_000, "GBP"),
        ("Budget in EUR: 18.500\nChannels: email", 18_500, "EUR"),
        ("sms for the curry night deal, regulars near the restaurant, £250, from 9 feb 2027", 250, "GBP"),
        ("Ads for Northwind Tax Pro. $70,000 over LinkedIn and display. US.", 70_000, "USD"),
    ],
)
def test_budget_corrections_label_currencies_and_channels_after_the_amount(
    text: str, amount: float, currency: str
) -> None:
    b = _p(text).budget
    assert b is not None and (b.amount, b.currency) == (amount, currency)


# ---- dates --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Our graduation fair is on 12 June 2027. We want 200 registrations. £3k on Instagram.",
        "Send in the three weeks before 2 April 2027. £3k on email.",
        "Gala weekend of June 5 2027, run ads a month before. $4k on Facebook.",
        "The deadline for entries is 30 May 2027. £3k on Instagram.",
    ],
)
def test_event_days_and_anchors_are_not_the_campaign_start(text: str) -> None:
    assert _p(text).start_date is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("The sale is 3-16 March 2027. $5k on email.", date(2027, 3, 3), date(2027, 3, 16)),
        ("Launch is 4 May 2027, then 6 weeks.", date(2027, 5, 4), date(2027, 6, 14)),
        ("Starting 1 March 2027, running until 28 March 2027.", date(2027, 3, 1), date(2027, 3, 28)),
        ("From 2 June 2027, ending 30 June 2027.", date(2027, 6, 2), date(2027, 6, 30)),
        ("Run it 15 November to 10 January.", date(2027, 11, 15), date(2028, 1, 10)),
        ("Run it 21 November to 20 December.", date(2027, 11, 21), date(2027, 12, 20)),
    ],
)
def test_campaign_dates_and_ranges(text: str, start: date, end: date) -> None:
    p = _p(text)
    assert (p.start_date, p.end_date) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Sell the Andes Trail 9-day trek to hikers. From 1 March 2027.",
        "Our Reset programme (8 weeks, £59) is for people who want to sleep better. From 1 March 2027.",
        "Cowork Hub — 150 day-pass purchases — freelancers in Leeds — from 1 March 2027.",
        "The Calmly 30-day meditation plan for new parents. From 1 March 2027.",
    ],
)
def test_lengths_that_belong_to_the_product_are_not_the_campaign_length(text: str) -> None:
    p = _p(text)
    assert p.duration_days is None and p.end_date is None


# ---- goal without a number ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("We want more bookings for the Larch Cabin weekend offer. £2k on Instagram.", "more bookings"),
        ("Oakfield Allotments needs volunteers for spring planting. £500 on Facebook.", "volunteers"),
        ("The studio is looking for new clients among architects. £2k on LinkedIn.", "new clients"),
        ("Brand awareness for Pellow Dental in Leeds. £1k on Facebook.", "awareness"),
        ("We need sign-ups for Tallyo, the invoicing app. $5k on LinkedIn.", "sign-ups"),
    ],
)
def test_an_outcome_named_after_a_wish_is_the_goal(text: str, goal: str) -> None:
    assert (_p(text).goal or "").lower().endswith(goal)


@pytest.mark.parametrize(
    "text",
    [
        "The brand team wants to grow Brisk Oats among students. $9k on TikTok.",
        "Boost the Fernway candle set to gift buyers. £2k on Pinterest.",
        "Advertise Parkit permits to commuters who drive into town. £1k on Google.",
        "We want customers who bought last winter to come back. £1k on email.",
    ],
)
def test_a_verb_on_the_product_or_the_audience_is_not_a_goal(text: str) -> None:
    assert _p(text).goal is None


@pytest.mark.parametrize(
    "text",
    [
        "We'd like to register 400 new patients this spring. £3k on Facebook.",
        "Trying to onboard 900 new drivers. £3k on Facebook.",
        "We hope to enrol 120 new learners. £3k on Facebook.",
    ],
)
def test_register_onboard_enrol_targets_are_signups(text: str) -> None:
    assert [k.name for k in _p(text).kpis] == ["signups"]


# ---- places -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Reach pub-goers in Dorset and Wiltshire. £2k on Facebook.", ["GB"]),
        ("Homeowners in Lancashire. £2k on Facebook.", ["GB"]),
        ("renters in Islington. £900 on Instagram.", ["GB"]),
        ("tradespeople in Yorkshire. £900 on Facebook.", ["GB"]),
        ("riders who race at weekends. $8k insta. canada. start apr 2 2027", ["CA"]),
        ("Advertise season tickets to commuters who drive into Reading. £1k on Google.", ["GB"]),
        ("Riverside Credit Union wants savers who live in Glasgow. £1k on Facebook.", ["GB"]),
    ],
)
def test_counties_boroughs_areas_and_lowercase_countries(text: str, countries: list[str]) -> None:
    assert _p(text).countries == countries


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Flash sale for AirLark routes to Nice & Marseille. Past flyers from Ireland.", ["IE"]),
        ("Selling Vienna and Prague weekend packages to couples in the UK.", ["GB"]),
        ("Leads for our Surf Camp in Portugal from parents in Germany.", ["DE"]),
        ("Our Dublin to Madrid route opens in May; targeting business travellers in Dublin.", ["IE"]),
    ],
)
def test_where_a_trip_goes_is_not_who_it_is_sold_to(text: str, countries: list[str]) -> None:
    assert _p(text).countries == countries


# ---- labels -------------------------------------------------------------------------------------------------------
def test_heading_lines_of_a_pasted_document_label_the_line_under_them() -> None:
    text = (
        "AUTUMN OPEN STUDIOS — BRIEF\n\nObjective\nSell 2,000 day tickets.\n\nTarget market\n"
        "Art lovers aged 30-60 from Bristol and Bath.\n\nBudget\nGBP 9,000\n\nMedia\nInstagram and email."
    )
    p = _p(text)
    assert p.audience == "Art lovers aged 30-60 from Bristol and Bath"
    assert p.product is None
    assert p.budget is not None and p.budget.amount == 9_000
    assert set(p.channels) == {"paid_social", "email"}


def test_labels_in_two_languages_or_with_a_gloss() -> None:
    text = (
        "Kampagne / campaign: Bergwind Rain Shell\nZielgruppe (audience): trail runners aged 20-40\n"
        "Budget: 15.000 €\nKanäle: Instagram"
    )
    p = _p(text)
    assert p.product == "Bergwind Rain Shell" and p.audience == "trail runners aged 20-40"


def test_an_explicit_product_label_wins_over_the_campaign_name() -> None:
    text = "Campaign name: Spring Switch\nOffering: Harbourline Saver Account\nBudget: GBP 20,000"
    assert _p(text).product == "Harbourline Saver Account"


# ---- product ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Fenwick Farm's Smoked Chilli jam needs a push. £1k on Instagram.", "Smoked Chilli jam"),
        ("Marlow Brewing's Harvest Pale goes on tap in May. £3k on Facebook.", "Harvest Pale"),
        (
            "Kiteline Hybrid sofa sale. Couples furnishing a first home. $9k on Facebook.",
            "Kiteline Hybrid sofa",
        ),
        ("1) Promote the Arden GT coupe test-drive event\n2) Budget: CAD 20k", "Arden GT coupe"),
        ("The MBA Global Leaders open evening is on 3 March 2027. £4k on LinkedIn.", "MBA Global Leaders"),
        ("Product: Hue-style Lumo smart bulb\nBudget: $20k", "Lumo smart bulb"),
        ("Roof repair cover — Slateguard Plus. Homeowners in Kent. £5k on Facebook.", "Slateguard Plus"),
        ("* Brightmoor Winter Porter goes on sale in December\n* Budget €5k", "Brightmoor Winter Porter"),
        ("Open weekend for Quayside Lofts, Leeds, £9k, 200 viewings, Instagram.", "Quayside Lofts"),
        ("we need ads for the Driftwood trainers, for teens who skate. $5k tiktok.", "Driftwood trainers"),
        ("So we want the Pico Fold e-scooter especially, to students. £5k on TikTok.", "Pico Fold e-scooter"),
        ("Bookworm Press wants 900 orders of the Poetry Box. £3k on email.", "Poetry Box"),
        ("Please set up the Cold Nights Appeal. Past donors over 60. £2k email.", "Cold Nights Appeal"),
        (
            "We're relaunching the Crisp Apple bar. Aimed at parents of toddlers. £3k on Instagram.",
            "Crisp Apple bar",
        ),
        (
            "We run the Harbour Fair on 2 May 2027. Tickets are the Harbour Fair Family Pass.",
            "Harbour Fair Family Pass",
        ),
        (
            "Campaign brief — Stride Coach app (v2). Audience is runners over 40. $5k on Meta.",
            "Stride Coach app",
        ),
    ],
)
def test_product_names_in_their_common_shapes(text: str, product: str) -> None:
    assert _p(text).product == product


@pytest.mark.parametrize(
    "text",
    [
        "hey! need a spring appeal for Green Valley Trust. we've got £5k. email + facebook.",
        "We're hiring 25 warehouse pickers for ParcelPal in Derby and need 300 applications. £2k on Facebook.",
        "Win back lapsed members in Spain with €8,000 across email and TikTok-style paid social.",
        "Grow Ridgeway Radio listeners — $5k — 4k new followers — jazz fans 30-60 — Instagram.",
        "Harbourside Vets is opening a new surgery in Hove. £2k on Facebook.",
        "The Gaiety Theatre's Easter panto needs a push. £3k on Facebook.",
    ],
)
def test_businesses_employers_channels_and_occasions_are_not_products(text: str) -> None:
    assert _p(text).product is None


# ---- audience -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "Promote Fieldstone shears: budget 8k EUR, target allotment holders in Denmark, newsletter + Facebook.",
            "allotment holders in Denmark",
        ),
        (
            "Audience description: 30-50 year olds renting in cities\nBudget: $9k",
            "30-50 year olds renting in cities",
        ),
        ("Glasswing eye care — £6k — 500 bookings — over-50s in Wales — email, Google.", "over-50s in Wales"),
        (
            "Ideal customer: remote workers who move city every year. $20k on Meta.",
            "remote workers who move city every year",
        ),
        (
            "Win back lapsed Streamly viewers in Ireland with €90,000 across email and display.",
            "lapsed Streamly viewers in Ireland",
        ),
        (
            'TikTok, Instagram and email to past buyers. People who said "get fit" is their goal, 25-40. US.',
            'People who said "get fit" is their goal, 25-40',
        ),
        (
            "camping kit hire, $9,000. families + youth leaders in Oregon and Idaho. instagram.",
            "families + youth leaders in Oregon and Idaho",
        ),
        (
            "the thing is the oak gin gift box. people buying gifts for whisky fans, uk. 5k quid on fb.",
            "people buying gifts for whisky fans",
        ),
        (
            "makers campaign for Craftly — trying to onboard 800 new makers. knitters and potters in Ireland. €9k.",
            "knitters and potters in Ireland",
        ),
    ],
)
def test_audience_however_it_is_introduced(text: str, audience: str) -> None:
    got = _p(text).audience or ""
    assert got.startswith(audience) and len(got) <= len(audience) + 10


def test_a_season_inside_the_audience_is_not_the_theme() -> None:
    assert _p("Sell Solbright panels to homeowners with high summer bills. $9k on Google.").theme is None
    assert _p("Sell the Solbright Summer Range to homeowners. $9k on Google.").theme == "summer"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("start 1 feb 2027, 4 wks", 28),
        ("Live 3 March 2027 for 6wks.", 42),
        ("From 1 April 2027, 2 mths.", 61),  # calendar months from a known start: 1 April to 31 May
        ("Kick-off 5 May 2027, runs 3 mos", 92),  # 5 May to 4 August
    ],
)
def test_durations_in_abbreviated_units(text: str, days: int) -> None:
    assert _p(text).duration_days == days


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("budget is three thousand pounds on facebook and instagram", 3_000, "GBP"),
        ("we're thinking four grand, pounds obviously, on facebook", 4_000, "GBP"),
        ("about thirty grand Canadian, Facebook and Google", 30_000, "CAD"),
        ("budget is forty-five thousand dollars for Google", 45_000, "USD"),
        ("twelve hundred bucks, instagram only", 1_200, "USD"),
        ("5 grand (eur) split across email and insta", 5_000, "EUR"),
    ],
)
def test_budgets_written_in_words(text: str, amount: float, currency: str) -> None:
    b = _p(text).budget
    assert b is not None and (b.amount, b.currency) == (amount, currency)


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        ("Email to our 3,400 members and Facebook. We want 150 bookings.", [("conversions", 150)]),
        ("The Fjord Voyage (9 nights, 400 guests) needs 120 cabins booked.", [("conversions", 120)]),
        ("We have 3 stores and 90 seats. 80 gift cards sold would be great.", [("conversions", 80)]),
        ("Goal: 2,000 installs at a CPI under $1.80.", [("conversions", 2000), ("cpa", 1.8)]),
        ("We need £2m in ticket sales and 300 demo bookings.", [("leads", 300), ("revenue", 2_000_000)]),
        ("Our Hamper Box (£45 each) should get 500 pre-orders.", [("conversions", 500)]),
        ("Success = a 3% lead-to-sale conversion rate.", [("conversion_rate", 0.03)]),
    ],
)
def test_kpi_targets_and_numbers_that_are_not_targets(text: str, kpis: list[tuple[str, float]]) -> None:
    assert sorted((k.name, k.target) for k in _p(text).kpis) == sorted(kpis)


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("need sign-ups from students in boston, chicago and seattle, $9k tiktok", ["US"]),
        ("hiya, i'm a florist in bristol, want 40 orders from people in bristol. £200 insta", ["GB"]),
        ("Reach dog owners in Sevenoaks and Tonbridge. £900 on Facebook.", ["GB"]),
        ("Families around Kendal and Harrogate. £500 on Facebook.", ["GB"]),
        ("Homeowners in Vancouver and Richmond. C$9k on Facebook.", ["CA"]),
        ("Students in Harrogate and Richmond. £2k on TikTok.", ["GB"]),
    ],
)
def test_places_after_a_preposition_in_any_case_and_shared_town_names(
    text: str, countries: list[str]
) -> None:
    assert _p(text).countries == countries


def test_where_the_business_is_and_pronouns_are_not_markets() -> None:
    p = _p("Our shops are in Leeds and York. We want 200 orders from people in Paris. €2k on Instagram.")
    assert p.countries == ["FR"]
    assert _p("Send it to everyone who bought from us. $2k on email.").countries == []


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Brief: Tidepool Notes, our journaling app, launching in Canada\nBudget: C$9,000", "Tidepool Notes"),
        ("Brief: Brightloom yoga app, the 21-Day Stretch Reset\nBudget: $9,000", "21-Day Stretch Reset"),
        ("Easter campaign for Copper Kettle's Hot Cross Bun Box. £900 on Instagram.", "Hot Cross Bun Box"),
        (
            "Trailhead Tent Kits autumn push - $8,000, Pinterest + email, campers in Oregon.",
            "Trailhead Tent Kits",
        ),
        ("Product: ShieldDesk Helpdesk for growing SaaS companies\nBudget: $30k", "ShieldDesk Helpdesk"),
    ],
)
def test_product_labels_appositives_owners_and_trailing_words(text: str, product: str) -> None:
    assert _p(text).product == product


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Promote our kilt hire to grooms getting married this winter in Perth. £500 on Facebook.", "winter"),
        # 'summer holidays' is the occasion as dev set 4 labels it (d4-017, d4-048, d4-058)
        (
            "Ferries for families who take their summer holidays in France. €9k on Facebook.",
            "summer holidays",
        ),
        ("Sell Coolbreeze fans to renters with hot summer bedrooms. $4k on Facebook.", None),
        ("Linen shirts for men who holiday in Spain. £3k on Instagram.", None),
    ],
)
def test_seasons_in_the_audience_are_themes_only_as_times(text: str, theme: str | None) -> None:
    assert _p(text).theme == theme


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        (
            "- Pocketwise app\n- $20K\n- 8,000 installs, cost per install under $2",
            [("conversions", 8000), ("cpa", 2)],
        ),
        (
            "we sell the Moss Terrarium kit. 600 quid on insta. 90 kits. from 5 april 2027",
            [("conversions", 90)],
        ),
        ("Ages 10-14 only. £900 on TikTok.", []),
    ],
)
def test_counts_on_bullet_lines_and_as_their_own_sentence(text: str, kpis: list[tuple[str, float]]) -> None:
    assert sorted((k.name, k.target) for k in _p(text).kpis) == sorted(kpis)
