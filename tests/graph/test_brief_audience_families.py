"""Audiences however a brief introduces them, read through the offline engine's ``extract_brief``: one parametrised
test per phrasing family; every brief is one a marketer would write, in industries the dev sets do not use."""

from __future__ import annotations

from typing import Any

import pytest

from graph.models.offline.handlers import extract_brief


def _audience(text: str) -> Any:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})["audience"]


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "Brightpath Tutors wants parents of Year 6 pupils in Kent to book a free assessment. £3,000 on "
            "Facebook. 200 assessments.",
            "parents of Year 6 pupils in Kent",
        ),
        (
            "We want dog owners in Leeds and York to try the Muddy Paws wash club. Budget £900 on Instagram.",
            "dog owners in Leeds and York",
        ),
        (
            "The council wants tenants in Haringey to register for the Warm Homes grant. Budget £6k on display.",
            "tenants in Haringey",
        ),
        (
            "We'd like to invite alumni in Scotland to join the Giving Circle. £1,500 on email and Facebook.",
            "alumni in Scotland",
        ),
        (
            "Northgate Bank wants first-time buyers under 35 in Manchester to download the Keystart app. "
            "$20k on TikTok.",
            "first-time buyers under 35 in Manchester",
        ),
    ],
)
def test_the_object_of_a_causative_verb_ends_before_its_infinitive(text: str, audience: str) -> None:
    assert _audience(text) == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "Goal: 500 trial classes booked by retirees living near Bournemouth. Budget £2k on Facebook.",
            "retirees living near Bournemouth",
        ),
        (
            "We need 300 enquiries from vets in Ireland and Northern Ireland. €5,000 on LinkedIn.",
            "vets in Ireland and Northern Ireland",
        ),
        (
            "Budget $8,000 on Snapchat and TikTok, for 13-17 year olds in Ontario. 2,000 downloads.",
            "13-17 year olds in Ontario",
        ),
        (
            "We'd like 120 bookings of the Coastal Cottage break from couples over 50 in Wales. £4k on Facebook.",
            "couples over 50 in Wales",
        ),
        (
            "Spring push for the Trailhead boot: 800 sales from hikers aged 25-45 in Colorado. $15k on Instagram.",
            "hikers aged 25-45 in Colorado",
        ),
    ],
)
def test_people_after_from_by_or_for_an_age(text: str, audience: str) -> None:
    assert _audience(text) == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "SunnyDays Camp places, $12k on Facebook, families in Dallas, Austin and Houston, 400 sign-ups.",
            "families in Dallas, Austin and Houston",
        ),
        (
            "Harbour Yoga intro month. £700. nurses and carers in Hull, Leeds and Sheffield. 90 memberships.",
            "nurses and carers in Hull, Leeds and Sheffield",
        ),
        (
            "ClearBooks payroll add-on. 20k EUR. Accountancy practices in Lyon, Lille and Nantes with 10+ staff. "
            "LinkedIn only.",
            "Accountancy practices in Lyon, Lille and Nantes with 10+ staff",
        ),
        (
            "For young professionals in Madrid, Seville and Bilbao. Promote the Piso Ya rental app with €9,000 on "
            "Instagram.",
            "young professionals in Madrid, Seville and Bilbao",
        ),
        (
            "loyalty push for brewhouse rewards, 2k gbp, craft beer fans in bristol, bath and cardiff, 600 sign ups",
            "craft beer fans in bristol, bath and cardiff",
        ),
    ],
)
def test_a_place_list_belongs_to_the_people_before_it(text: str, audience: str) -> None:
    assert _audience(text) == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "Piano lessons at Keynote Studio. Beginners aged 40-70 in Bath are who we want. £1,200 on Facebook.",
            "Beginners aged 40-70 in Bath",
        ),
        (
            "Promote GreenCart delivery. Busy shift workers in Coventry are our target audience. £3k on TikTok.",
            "Busy shift workers in Coventry",
        ),
        (
            "founder: we need 500 installs of Plotline\nops: who?\nfounder: allotment growers in the UK, mostly "
            "retired\nops: budget?\nfounder: £4k on Facebook",
            "allotment growers in the UK, mostly retired",
        ),
        (
            "[10:01] sam: brief for the Tide Tables app, $5k on Instagram\n[10:02] ana: who's it for?\n"
            "[10:02] sam: sea anglers and kayakers in Maine\n[10:03] ana: ok",
            "sea anglers and kayakers in Maine",
        ),
        (
            "Zielgruppe: Hobbyköche in Bayern.\nBudget: 4.000 EUR auf Instagram.",
            "Hobbyköche in Bayern",
        ),
        (
            "Hola equipo. Producto: Plan Fibra 600. Presupuesto: 20.000 €. Público objetivo: familias en Madrid y "
            "Barcelona. Canales: Google.",
            "familias en Madrid y Barcelona",
        ),
        (
            "Zielgruppe sind junge Eltern in Hamburg. Budget 5.000 EUR auf Facebook. Ziel: 200 Anmeldungen.",
            "junge Eltern in Hamburg",
        ),
    ],
)
def test_postposed_cues_answers_and_foreign_labels(text: str, audience: str) -> None:
    assert _audience(text) == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "need ads for our pottery taster nights  couples 25-40 in leeds who want a date night idea  gbp 600  "
            "80 bookings",
            "couples 25-40 in leeds who want a date night idea",
        ),
        (
            "hi we run a climbing wall in sheffield want more members budget 900 quid instagram only students "
            "aged 18 to 24 who live in sheffield start 10 january",
            "students aged 18 to 24 who live in sheffield",
        ),
        (
            "selling our Little Chef cooking classes budget 500 euro instagram grandparents looking after kids in "
            "galway city 40 bookings over may",
            "grandparents looking after kids in galway city",
        ),
        (
            "Promote Ledgerly for Freelancers. $10k on LinkedIn. Designers, writers and developers who invoice "
            "clients in the US. 500 trials.",
            "Designers, writers and developers who invoice clients in the US",
        ),
        (
            "The Parents' Evening Planner app, $5k, teachers at primary schools in New South Wales, 600 downloads.",
            "teachers at primary schools in New South Wales",
        ),
        (
            "Spring Tennis Camp. kids 8 to 12 in Auckland. NZD 2,000. 60 places. Facebook.",
            "kids 8 to 12 in Auckland",
        ),
        (
            "Learner drivers 17-19 in Swansea and Newport who have passed their theory test. £2k on TikTok.",
            "Learner drivers 17-19 in Swansea and Newport who have passed their theory test",
        ),
    ],
)
def test_a_people_phrase_in_a_list_or_run_on_is_read_to_the_next_fact(text: str, audience: str) -> None:
    assert _audience(text) == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "We're targeting hospital procurement heads in the Nordics and want 60 demos booked. €30k on LinkedIn.",
            "hospital procurement heads in the Nordics",
        ),
        (
            "Our KPI is 500 leads from facilities managers at UK universities at under £40 each. £20k on LinkedIn.",
            "facilities managers at UK universities",
        ),
        (
            "Promote the Evergreen plan to gardeners in Devon, before the spring rush. £1k on Facebook.",
            "gardeners in Devon",
        ),
        (
            "Supporters to reach: regular givers and people who follow us on TikTok\nBudget: £2k on email",
            "regular givers and people who follow us on TikTok",
        ),
        (
            "Target adults 30-50 who cycle to work, in Utrecht and Leiden. Budget €6k on Instagram.",
            "adults 30-50 who cycle to work, in Utrecht and Leiden",
        ),
        (
            "We want seniors in Ohio who want to learn to use video calls. $4k on Facebook. 300 sign-ups.",
            "seniors in Ohio who want to learn to use video calls",
        ),
    ],
)
def test_the_phrase_ends_at_a_new_clause_and_keeps_its_own_relative_clause(text: str, audience: str) -> None:
    assert _audience(text) == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "Promote the Harvest Box to vegetarians in Brooklyn and Queens over six weeks from 1 March 2027. "
            "$7k on Instagram.",
            "vegetarians in Brooklyn and Queens",
        ),
        (
            "Please sell the Nightjar gin advent calendar to gin lovers across the UK in November, budget £12k on "
            "Facebook.",
            "gin lovers across the UK",
        ),
        (
            "Marketing the Summit Ski Pass to families and snowboarders within driving distance of Denver this "
            "winter, $40k on YouTube.",
            "families and snowboarders within driving distance of Denver",
        ),
        (
            "Target audience is small cafe owners in Melbourne but we also want some coverage in Sydney. AUD 4k.",
            "small cafe owners in Melbourne",
        ),
        (
            "Promote the Evergreen loan to members in Nova Scotia, C$12,000 on Facebook, from Feb 1 2027.",
            "members in Nova Scotia",
        ),
        (
            "Win back customers who ordered in March or April 2026. $5k on email and Facebook.",
            "customers who ordered in March or April 2026",
        ),
    ],
)
def test_the_campaigns_timing_is_not_part_of_the_audience(text: str, audience: str) -> None:
    assert _audience(text) == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "The goal is to get 2,000 commuters in Bristol to switch to the Metrobus Saver ticket. £20k on display.",
            "commuters in Bristol",
        ),
        (
            "We'd like to encourage more women over 40 in Scotland to try strength training at FitHer gyms. £3k.",
            "women over 40 in Scotland",
        ),
        (
            "Our ideal customer: a 30-something professional in Paris who orders takeaway three times a week.\n"
            "Budget: €10k on Instagram.",
            "a 30-something professional in Paris who orders takeaway three times a week",
        ),
        (
            "Goal is 80 new patients for our Invisalign consultations. We're a dental practice in Clapham; local "
            "professionals aged 25-40 are the people we'd love to see. £2,500 on Instagram.",
            "local professionals aged 25-40",
        ),
        (
            "Our winter sale is on from 26 Dec. Budget £20k on Meta and TikTok to reach 18-34s across the UK.",
            "18-34s across the UK",
        ),
    ],
)
def test_counts_ages_and_profiles_around_the_people(text: str, audience: str) -> None:
    assert _audience(text) == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "Our Christmas appeal is aimed squarely at past donors and local businesses in Oxfordshire. £4k on email.",
            "past donors and local businesses in Oxfordshire",
        ),
        (
            "Notes: they sell refurbished phones (ReNew). want to hit students + budget-conscious families in "
            "Poland. 40k PLN on Google.",
            "students + budget-conscious families in Poland",
        ),
        (
            "Please help us fill the Saturday cookery classes. We'd love couples and friends looking for something "
            "different to do in Bath. £600 on Instagram.",
            "couples and friends looking for something different to do in Bath",
        ),
        (
            "Our donors are mostly over 70 but we want younger supporters aged 30-50 in Bristol for the Night Walk "
            "fundraiser. £5k on Facebook.",
            "younger supporters aged 30-50 in Bristol",
        ),
        (
            "Campaign for Harbour Kayak Tours, tailored specifically towards adventurous retirees in Cornwall. £900 "
            "on Facebook.",
            "adventurous retirees in Cornwall",
        ),
    ],
)
def test_cue_verbs_with_an_adverb_or_a_wish(text: str, audience: str) -> None:
    assert _audience(text) == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "CAMPAIGN BRIEF\n1. Background\nHalo Fitness opened a studio in Leeds in 2025.\n2. Target audience\n"
            "2.1 Primary: office workers aged 25-45 within 2 miles of Leeds station\n2.2 Secondary: students\n"
            "3. Budget\n£6,000 on Instagram",
            "office workers aged 25-45 within 2 miles of Leeds station",
        ),
        (
            "Who we're targeting is renters aged 22-35 in Austin who want to buy their first home. $15k on TikTok.",
            "renters aged 22-35 in Austin who want to buy their first home",
        ),
        (
            "The folks we're after are amateur bakers and cake decorators across Canada. CAD 5k on Pinterest.",
            "amateur bakers and cake decorators across Canada",
        ),
        (
            "This campaign targets dads aged 30-50 in Sydney and Melbourne for Father's Day. AUD 12k on YouTube.",
            "dads aged 30-50 in Sydney and Melbourne",
        ),
        (
            "Ideal buyers would be boutique hotel owners in Portugal and Spain with under 50 rooms. €20k on LinkedIn.",
            "boutique hotel owners in Portugal and Spain with under 50 rooms",
        ),
        (
            "Customers we want: people who've just moved house in Manchester. £2k Facebook. 300 switches.",
            "people who've just moved house in Manchester",
        ),
        (
            "Target Audience (age, location, interests): women 25-34 in Dublin interested in yoga\nBudget: €2,000",
            "women 25-34 in Dublin interested in yoga",
        ),
        (
            "Demographics - retirees in Arizona and Nevada\nSpend - $12,000 on Facebook",
            "retirees in Arizona and Nevada",
        ),
        (
            "We're hoping to attract young couples planning a wedding in 2027 in the Cotswolds. £2k on Pinterest.",
            "young couples planning a wedding in 2027 in the Cotswolds",
        ),
        (
            "Best prospects are law students preparing for the SQE in England and Wales. £5k on Instagram.",
            "law students preparing for the SQE in England and Wales",
        ),
    ],
)
def test_document_sections_and_spoken_labels(text: str, audience: str) -> None:
    assert _audience(text) == audience


@pytest.mark.parametrize(
    "text",
    [
        "Get 500 sign-ups from our website for the Summer Reading Challenge. £1k on Facebook.",
        "We want people to try the new Zest smoothie range. Budget €4k on Instagram, 50,000 impressions.",
        "Goal: 500 new customers for the Velo e-bike. Budget £10k on Facebook.",
        "Sell the Aurora bundle. Reviews by customers show 4.8 stars. Budget $5k on Google.",
        "The Oakwood Hotel would like 200 spa day bookings in February. Staff in our spa are trained therapists.",
        "We help people in their 20s and 30s save for a house. Promote the LISA+ account with £30k on TikTok.",
        "Campaign: Mother's Day gift boxes\nBudget: £3k on Instagram\nGoal: 400 orders",
        "Campaign: Singles' Day sale for the Aero earbuds. Budget $20k on TikTok. 1,000 orders.",
        "Hi team,\nBudget $10k on Google for the Orbit lamp. 300 sales in March 2027.\nThanks, Jo",
        "Promote the Fieldnote journal. Target is £40k in revenue at a ROAS of 5. £8k on Instagram.",
        "Trailblazer for Teams: $25k on LinkedIn, 200 demos, Q2 2027.",
    ],
)
def test_not_an_audience(text: str) -> None:
    assert _audience(text) is None
