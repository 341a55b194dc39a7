"""Product families found on briefs the product reader had never seen (every sentence written here, none taken
from the datasets): each family is a way marketers name the product, or a thing that is not one."""

from __future__ import annotations

import pytest

from graph.models.offline.handlers import extract_brief


def _x(text: str) -> dict[str, object]:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "We'd like dog owners in Cardiff to book a Puppy Training Taster before March.",
            "Puppy Training Taster",
        ),
        ("Get parents in Bath to sign up for the Little Chefs Club this spring.", "Little Chefs Club"),
        (
            "Tickets for Harbour Lights Festival go on sale in May; aim at students in Hull.",
            "Harbour Lights Festival",
        ),
        ("We need 300 quotes for the SolarShield Roof Kit from homeowners in Perth.", "SolarShield Roof Kit"),
        (
            "Help us raise awareness of our Silver Line Befriending service among over-70s in Kent.",
            "Silver Line Befriending service",
        ),
        ("We want 2,000 downloads for PocketTutor Maths from parents in Ohio.", "PocketTutor Maths"),
        ("We need trial starts for Ledgr Pro from freelancers in Berlin.", "Ledgr Pro"),
    ],
)
def test_a_product_after_what_the_audience_is_asked_to_do_or_count(text: str, product: str) -> None:
    """'book a X', 'sign up for the X', 'tickets/quotes/downloads/trial starts for X', 'awareness of our X'."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("We're promoting Breakfast on the Beach to families in Brighton.", "Breakfast on the Beach"),
        ("Sell more of the Back to Basics cookbook to students in Leeds.", "Back to Basics cookbook"),
        ("Bookings for Paint and Sip Nights from friends in Derby, £900.", "Paint and Sip Nights"),
        ("Please promote the Walk to Work challenge to office staff in Leeds.", "Walk to Work challenge"),
        ("Push for Moonwell (the sleep app) among night-shift nurses in Leeds.", "Moonwell"),
        ("Launching Tidebreak (a co-op card game) to board gamers in the UK.", "Tidebreak"),
        (
            "We want pre-orders for Salt and Silence (hardback novel, £16.99) from readers in Ireland.",
            "Salt and Silence",
        ),
    ],
)
def test_small_words_inside_a_name_are_part_of_it(text: str, product: str) -> None:
    """'Breakfast on the Beach', 'Back to Basics cookbook', 'X (the sleep app)'; not before a place or people."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "We want the Kettlebell Kickstart Course booked by 200 beginners in Leeds.",
            "Kettlebell Kickstart Course",
        ),
        ("Get the Harvest Veg Box delivered to 500 households in Bristol.", "Harvest Veg Box"),
        (
            "Hallo, wir möchten die SmartBrew Kaffeemaschine bewerben. Budget 5.000 EUR.",
            "SmartBrew Kaffeemaschine",
        ),
        (
            "Our Zero Waste Pledge appeal aims to raise £20k from supporters in Devon.",
            "Zero Waste Pledge appeal",
        ),
    ],
)
def test_a_verb_after_the_product_is_not_part_of_it(text: str, product: str) -> None:
    """'X booked', 'X delivered', 'X bewerben', 'X appeal aims to ...'."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Mother's Day: Bloom & Co peony bouquet, £3k, Instagram, women 25-45 in London.",
            "Bloom & Co peony bouquet",
        ),
        ("Back to school - the Study Buddy lunchbox set. £4k on Facebook.", "Study Buddy lunchbox set"),
        (
            "Diwali gifting: Saffron Sweets festive hamper, £2,000, Instagram, families in Leicester.",
            "Saffron Sweets festive hamper",
        ),
        ("NorthPeak Outdoors: the Ridgeline 2 tent. Budget £8k. Campers in Wales.", "Ridgeline 2 tent"),
        ("Easter at Greenway Farm: the Spring Lambing Days. £1k on Facebook.", "Spring Lambing Days"),
        ("Chinese New Year: more diners for our banquet menu in Manchester, £2k.", "banquet menu"),
    ],
)
def test_a_title_line_names_the_product_after_its_theme_or_brand(text: str, product: str) -> None:
    """'Mother's Day: X', 'Back to school - the X', 'Brand: the X'; the theme is never the product."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("We want to promote our dog grooming sessions to pet owners in Exeter.", "dog grooming sessions"),
        ("push mobile tyre repairs to drivers in Swindon, £700, google", "mobile tyre repairs"),
        ("Can we advertise its weekend pottery workshops to couples in Bath?", "weekend pottery workshops"),
        ("Homeowners in Leeds can sign up for a free energy audit. £1k on Facebook.", "free energy audit"),
        ("our family pizza bundle. £900, Instagram, parents in Cork.", "family pizza bundle"),
        ("boiler servicing plan for landlords in Hull, £2k, Google.", "boiler servicing plan"),
    ],
)
def test_a_lowercase_offer_after_a_cue_or_opening_the_brief(text: str, product: str) -> None:
    """'promote our dog grooming sessions', 'push mobile tyre repairs', 'sign up for a free energy audit'."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Promote Harbour Books' Summer Reading Challenge to parents in Leeds.", "Summer Reading Challenge"),
        ("Sales of Nonna Rosa's Pesto Trio to foodies in Glasgow, £3k.", "Pesto Trio"),
        ("so basically the Orbit X smart lamp, £5k, Facebook, students in Leeds", "Orbit X smart lamp"),
        (
            "| Product | Budget | Audience |\n|---|---|---|\n| Vesta Hob Cleaner | £2k | renters in Leeds |",
            "Vesta Hob Cleaner",
        ),
        ("**Offer**: Spring Detox Retreat\n**Budget**: £4k", "Spring Detox Retreat"),
        (
            "New homes: Riverside Lofts at Kelham Island, £6k, first-time buyers in Sheffield.",
            "Riverside Lofts at Kelham Island",
        ),
        (
            "We're selling Shared Ownership flats at Castle Wharf to key workers in Nottingham.",
            "Shared Ownership flats at Castle Wharf",
        ),
        ("We would love sign-ups for Slack for Teams.", "Slack for Teams"),
    ],
)
def test_owners_filler_seasons_labels_and_developments(text: str, product: str) -> None:
    """A possessive owner and filler are stripped, a table or bold label is read, homes keep their development."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    "text",
    [
        "For the Christmas period we want more donations from supporters in Leeds.",
        "Hi all, St Mungo's Shelter needs 300 volunteers in Camden.",
        "Riverbank Foodbank is looking for 50 drivers in Leeds. £500 on Facebook.",
        "Hi Sam - quick brief below. We want more bookings from families in Leeds.",
        "Re: Spring Campaign\nWe need 200 sign-ups from parents in Leeds.",
        "Prepared by: Maria Lopez\nWe need 200 sign-ups from parents in Leeds.",
        "Meeting notes: Tuesday 4 March\n- 200 sign-ups from parents in Leeds",
        "new memberships for the gym, students in Leeds, £500",
        "Goal: 300 bookings for Harbourside Vets from pet owners in Poole.",
        "Could we get 400 meal kit subscribers for Green Valley Farm? Families in Bath.",
    ],
)
def test_no_product_is_made_up_from_a_season_greeting_sender_or_organisation(text: str) -> None:
    """A season ('the Christmas period'), a greeting or sender line, and an organisation that speaks ('X needs
    volunteers', 'bookings for X Vets') are never the product."""
    assert _x(text)["product"] is None


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "St David's Day: push the Cawl & Cwtch supper club to families in Cardiff.",
            "Cawl & Cwtch supper club",
        ),
        ("Help us fill the Grand Hall for our Winter Concert, families in York.", "Winter Concert"),
        ("Chinese New Year: more diners for our banquet menu in Manchester, £2k.", "banquet menu"),
        (
            "For Easter weekend we want to sell the Bunny Trail egg hunt to families in Kent.",
            "Bunny Trail egg hunt",
        ),
        ("Sell tickets for its New Year's Eve Ball to dancers in Leeds.", "New Year's Eve Ball"),
    ],
)
def test_the_product_wins_over_an_occasion_or_a_venue(text: str, product: str) -> None:
    """'St David's Day', 'Easter weekend', 'the Grand Hall' are when and where; the product is what is sold."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "We're selling Paris and Rome city breaks to retired couples in Leeds, £6k.",
            "Paris and Rome city breaks",
        ),
        (
            "Push the Alpine Week packages to Zermatt to skiers in Manchester.",
            "Alpine Week packages to Zermatt",
        ),
        (
            "Autumn Escape tours to Lisbon: we want 300 bookings from over-55s in Leeds.",
            "Autumn Escape tours to Lisbon",
        ),
        ("We're selling the final flats at Riverside Yard to first-time buyers in Leeds.", "Riverside Yard"),
        ("Help us sell our new-build homes at Kelham Quay to families in Sheffield.", "Kelham Quay"),
        ("Promote the remaining townhouses at Oak Lane to downsizers in York.", "Oak Lane"),
    ],
)
def test_trips_keep_their_destination_and_homes_their_development(text: str, product: str | None) -> None:
    """'Paris and Rome city breaks', 'Alpine Week packages to Zermatt', 'the final flats at Riverside Yard'."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Launch campaign for Copper Kettle, a cosy mystery novel, aimed at readers in Ireland.",
            "Copper Kettle",
        ),
        ("We're pushing Northgate Brewery, the card game, to gamers in Ohio.", "Northgate Brewery"),
        (
            "Summer Lates at the Science Museum: we want 2,000 tickets sold to adults in London.",
            "Summer Lates",
        ),
        (
            "Moonlight Cinema Club: we're after 500 members in Bristol, £2k on Instagram.",
            "Moonlight Cinema Club",
        ),
        ("Marketing Plan: we want 400 sign-ups from nurses in Leeds.", None),
        (
            "Promote Harbour Kayak tours: budget £2k, goal 300 bookings, families in Devon.",
            "Harbour Kayak tours",
        ),
    ],
)
def test_a_name_glossed_as_a_product_is_one_and_a_title_head_names_it_before_a_sentence(
    text: str, product: str | None
) -> None:
    """'Copper Kettle, a cosy mystery novel'; 'Summer Lates at the Science Museum: we want ...'; not 'Marketing Plan: we want ...'."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "We're after finance directors at retailers for Billflow AR Suite. $40k on LinkedIn.",
            "Billflow AR Suite",
        ),
        ("Looking for 300 demos from HR managers in Texas for Peoplewise HR Cloud.", "Peoplewise HR Cloud"),
        ("notely pro launch. students in leeds, $2k, tiktok. 400 upgrades.", "notely pro"),
        ("budgetbee premium win-back: lapsed users in ohio, email only, $1k.", "budgetbee premium"),
        ("fitloop plus. 500 trials from gym goers in austin, instagram, $3k.", "fitloop plus"),
        ("more pro users please, instagram, $1k", None),
    ],
)
def test_an_acronym_inside_a_name_or_a_lowercase_tier_marks_a_product(text: str, product: str | None) -> None:
    """'for Billflow AR Suite' (an acronym between name words), 'notely pro launch.' (a lowercase name and its
    tier opening the brief); 'more pro users' names no product."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "URGENT: Black Friday - 40% off all Nordic Knit jumpers, women 25-50 UK, £8k Meta.",
            "Nordic Knit jumpers",
        ),
        (
            "Cyber Monday: 25% off the Trekker GPS trackers for hikers in Colorado, $5k.",
            "Trekker GPS trackers",
        ),
        (
            "We're offering 30% off our Bramble & Bee candle sets to gift shoppers in Bath.",
            "Bramble & Bee candle sets",
        ),
        ("Promote the PowerDock chargers to commuters in Leeds, £1k on Instagram.", "PowerDock chargers"),
        ("Sell more Harbour Grill burgers to students in Cardiff this term.", "Harbour Grill burgers"),
        ("Get the Cosy Toes slippers in front of grandparents in Devon, £600.", "Cosy Toes slippers"),
    ],
)
def test_a_discount_names_its_product_and_goods_ending_in_ers_are_not_people(text: str, product: str) -> None:
    """'40% off all X', 'sell more X'; 'jumpers', 'trackers', 'slippers' are goods, not an audience."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Help us sell out the Autumn Wine Dinner on 14 October - 60 seats, foodies in Harrogate.",
            "Autumn Wine Dinner",
        ),
        ("We need to sell out the Midsummer Ball, students in Durham, £800.", "Midsummer Ball"),
        (
            "We're a yoga studio in Bath. Looking to fill our 6-week beginners course starting Jan. £300 Instagram.",
            "6-week beginners course",
        ),
        ("Please promote our seniors lunch club to retirees in Hove.", "seniors lunch club"),
        ("push our kids' coding workshops to parents in Reading", "kids' coding workshops"),
    ],
)
def test_sell_out_and_offers_described_by_their_people(text: str, product: str) -> None:
    """'sell out the X'; 'our 6-week beginners course', 'our seniors lunch club': people describe the offer."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Brief: awareness campaign for the Royal Theatre, theatre-goers in Bath, £3k.", None),
        ("Campaign name: spring awareness push\nBudget: £2k", None),
        ("Brief: lead generation, £5k, LinkedIn, accountants in Leeds", None),
        ("Brief: Tallybook 4, accountants in Leeds, £5k", "Tallybook 4"),
        ("Campaign brief: end of tax year\nProduct: Oakline ISA", "Oakline ISA"),
        ("Campaign name: Harvest Moon Festival\nBudget: £2k", "Harvest Moon Festival"),
    ],
)
def test_a_brief_title_names_a_product_only_with_a_name_or_an_offer(text: str, product: str | None) -> None:
    """A title label ('Brief:', 'Campaign name:') gives its first clause, and only a name or an offer; a
    'Product:' label wins over it."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Bonjour, nous voulons promouvoir le Coffret Bien-Être auprès des femmes 30-50 à Lyon. Budget 4 000 €.",
            "Coffret Bien-Être",
        ),
        (
            "Hola equipo, queremos lanzar la app Paseo Pro para dueños de perros en Madrid. 6.000 €.",
            "Paseo Pro",
        ),
        (
            "Ciao, vogliamo promuovere il Caffè Aurora Gold per famiglie a Milano. 5.000 €.",
            "Caffè Aurora Gold",
        ),
        ("Queremos vender el Kit Huerta Urbana para familias en Sevilla, 3.000 €.", "Kit Huerta Urbana"),
        (
            "okay so basically we want to push the summer menu at Casa Rosa, £500, locals in Brighton",
            "summer menu",
        ),
        ("Christmas: push our festive afternoon tea to families in York, £700.", "festive afternoon tea"),
    ],
)
def test_cues_in_other_languages_and_a_seasonal_offer_kept_whole(text: str, product: str) -> None:
    """'promouvoir le X', 'lanzar la app X', 'vender el X' ('auprès', 'para', 'per' end the name); 'the summer
    menu' and 'our festive afternoon tea' keep their season word."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Campaign: Home Plus renewal drive\nBudget: €35,000 on email.", "Home Plus"),
        ("Project: Loyalty Plus win-back drive\nBudget: $4k, email only.", "Loyalty Plus"),
        ("Campaign: Aurora Lamp spring push\nBudget: £5,000", "Aurora Lamp"),
        ("Campaign name: Summer sale for Trailblazer boots\nBudget $3k", "Trailblazer boots"),
        ("Campaign: Launch of the Kestrel e-bike\nBudget £9k", "Kestrel e-bike"),
        ("Campaign: retention drive for Gold Membership\nBudget £2k", "Gold Membership"),
        ("Campaign: spring push on our Patio Pot Planting Kit\nBudget £1,500", "Patio Pot Planting Kit"),
    ],
)
def test_a_campaign_label_names_the_product_without_the_campaign_words(text: str, product: str) -> None:
    """'X renewal drive', 'X spring push', '<occasion> sale for X', 'launch of the X': the campaign's own words
    (its kind, purpose or occasion) are not part of the product."""
    assert _x(text)["product"] == product


@pytest.mark.parametrize(
    "text",
    [
        "More visits to our Leeds showroom: young couples. £800 on Facebook.",
        "Higher basket values: regular shoppers in Kent. £2k on email.",
        "Increased bookings this spring - families in Devon, £1,500 on Instagram.",
        "Fewer cancellations: existing members in Oslo, 20 000 kr on email.",
        "Extra footfall for the Christmas market: locals in York, £600 on Facebook.",
    ],
)
def test_an_aim_opening_the_brief_is_not_a_product(text: str) -> None:
    """'More visits ...', 'Higher basket values ...': a quantity word opens an aim, never a product's name."""
    assert _x(text)["product"] is None
