"""Round-5 phrasing families (issue 12), each with sentences written for the family rather than lifted from a
dataset: APAC currencies, figures that report the past or what a company holds, cost-per targets and counts in other
languages, 'booked' outcomes, new people as sign-ups, corrected counts, places (greeted names, state codes,
lowercase states, business names), themes, audiences, channels by brand name, holdouts in other languages and the
'not used' echo. Read through the offline engine's ``extract_brief``."""

from __future__ import annotations

from typing import Any

import pytest

from graph.brief.echo import unused_sentences
from graph.contracts import BriefFact
from graph.models.offline.handlers import extract_brief

LEAD = "Promote the Acme Widget to busy parents. "
"""A product and an audience first, so the sentence under test is read for its own fact."""


def _read(text: str, lead: str = LEAD) -> dict[str, Any]:
    return extract_brief({"brief_text": lead + text, "today": "2026-12-07"})


def _kpis(got: dict[str, Any]) -> list[tuple[str, float]]:
    return sorted((k["name"], round(float(k["target"]), 6)) for k in got["kpi_targets"])


def _unused(text: str) -> list[str]:
    got = extract_brief({"brief_text": text, "today": "2026-12-07"})
    return unused_sentences(text, [BriefFact.model_validate(f) for f in got["facts"]])


# ---- money: APAC currencies ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Budget: THB 80,000 on Facebook.", 80_000, "THB"),
        ("฿120,000 across TikTok and Google.", 120_000, "THB"),
        ("We can spend 45,000 baht on Instagram.", 45_000, "THB"),
        ("Budget RM 18,000, Facebook only.", 18_000, "MYR"),
        ("MYR 60k for LinkedIn.", 60_000, "MYR"),
        ("Budget ₱250,000 on TikTok.", 250_000, "PHP"),
        ("PHP 1.2m across Facebook and Google.", 1_200_000, "PHP"),
        ("Budget: VND 450 million on Facebook.", 450_000_000, "VND"),
        ("NT$90,000 for Instagram and Google.", 90_000, "TWD"),
        ("Budget TWD 300,000, Facebook.", 300_000, "TWD"),
        # a line of its own is its own clause: 'Fort Worth' on the line before is no 'worth' cue
        ("Audience in Fort Worth\n- $6k, Facebook and Google", 6_000, "USD"),
    ],
)
def test_apac_currencies_and_line_clauses(text: str, amount: float, currency: str) -> None:
    got = _read(text)
    assert (got["budget_amount"], got["currency"]) == (amount, currency)


@pytest.mark.parametrize(
    "text", ["Our PHP 8 hosting plan for agencies.", "Hiring PHP 7 developers in Manila."]
)
def test_the_programming_language_is_no_peso_amount(text: str) -> None:
    assert _read(text)["budget_amount"] is None


# ---- KPI targets: figures that report the past or what the company has are no targets ------------------------------
@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        ("We want 300 orders. The bakery has sold 12,000 loaves since 2015.", [("conversions", 300)]),
        ("Goal: 80 enquiries. We have 14 vans and 40 staff.", [("leads", 80)]),
        ("Target 500 sign-ups. The club has welcomed 2,000 members to date.", [("signups", 500)]),
        ("We need 120 bookings. We've hosted 900 weddings so far.", [("conversions", 120)]),
        ("Aim: 60 sales. They raised £40,000 last year for the hospice.", [("conversions", 60)]),
        ("We still have about 400 seats. Goal: 250 tickets sold.", [("conversions", 250)]),
        # a wish stays a target
        ("Honestly if we sold 250 bikes we'd be thrilled.", [("conversions", 250)]),
        ("If we got 90 bookings that would be great.", [("conversions", 90)]),
    ],
)
def test_reported_figures_are_not_targets(text: str, kpis: list[tuple[str, float]]) -> None:
    assert _kpis(_read(text)) == kpis


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        ("Objectif : 1 200 inscriptions, coût par inscription max 6 €.", [("cpa", 6), ("signups", 1200)]),
        ("Ziel: 300 Anmeldungen, Kosten pro Anmeldung höchstens 15 €.", [("cpa", 15), ("signups", 300)]),
        ("Objetivo: 500 ventas, coste por venta máx. 20 €.", [("conversions", 500), ("cpa", 20)]),
        ("Doel: 1.500 bestellingen, kosten per bestelling max €9.", [("conversions", 1500), ("cpa", 9)]),
        ("Obiettivo: 200 richieste, costo per richiesta massimo 30 €.", [("cpa", 30), ("leads", 200)]),
        ("Ziel: 90 qualifizierte Anfragen, max. 250 € per lead.", [("cpa", 250), ("leads", 90)]),
        ("KPI: 4 000 abonnements.", [("signups", 4000)]),
    ],
)
def test_counts_and_cost_per_in_other_languages(text: str, kpis: list[tuple[str, float]]) -> None:
    assert _kpis(_read(text)) == sorted(kpis)


@pytest.mark.parametrize(
    ("text", "kpis"),
    [
        # whatever is booked is a conversion (demos stay leads)
        ("We want 200 consultation calls booked.", [("conversions", 200)]),
        ("Goal: 45 trial lessons booked.", [("conversions", 45)]),
        ("Target 150 free trial sessions booked.", [("conversions", 150)]),
        ("Goal: 40 demos booked.", [("leads", 40)]),
        # new people of a service are sign-ups
        ("We'd love 80 new volunteers for the choir.", [("signups", 80)]),
        ("Goal: 3,000 new drivers on the platform.", [("signups", 3000)]),
        ("We want 25 new tutors.", [("signups", 25)]),
        # a number before a hyphenated noun still counts it
        ("Success = 400 6-packs sold.", [("conversions", 400)]),
        # a count inside the product's own aside is a detail of the product
        ("Also the Lawn Plan (8 visits, $299) for homeowners. Goal: 200 plans sold.", [("conversions", 200)]),
        # a corrected count stands
        ("Goal: 120 Buchungen, sorry, 140 bookings.", [("conversions", 140)]),
        ("Target: 300 orders - I mean 350 orders.", [("conversions", 350)]),
    ],
)
def test_count_conventions(text: str, kpis: list[tuple[str, float]]) -> None:
    assert _kpis(_read(text)) == kpis


# ---- places ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lead", "text", "countries"),
    [
        # a name the brief greets is a person
        ("Hey Jordan,\n", "Please promote the Acme Widget to parents in Orlando. $5k on Facebook.", ["US"]),
        ("Hi Georgia!\n", "Please promote the Acme Widget to parents in Leeds. £5k on Facebook.", ["GB"]),
        ("Dear Chad,\n", "Please promote the Acme Widget to parents in Denver. $5k on Facebook.", ["US"]),
        # state and country codes
        ("", "Promote the Acme Widget to farmers in QLD and NSW. AUD 9,000 on Facebook.", ["AU"]),
        ("", "Promote the Acme Widget, VIC and TAS only. AUD 9,000 on Facebook.", ["AU"]),
        ("", "Promote the Acme Widget to cafe owners, NZ only. NZ$4,000 on Facebook.", ["NZ"]),
        # lowercase states in a chat
        ("", "promote the acme widget to dads in texas and oklahoma. $3k on facebook.", ["US"]),
        ("", "promote the acme widget to nurses in ontario. $3k on facebook.", ["CA"]),
        ("", "promote the acme widget to surfers in queensland. $3k on facebook.", ["AU"]),
        # US areas
        ("", "Promote the Acme Widget to clinics in Georgia and the Carolinas. $9k on LinkedIn.", ["US"]),
        ("", "Promote the Acme Widget to families in the Dallas-Fort Worth area. $9k on Facebook.", ["US"]),
        ("", "Promote the Acme Widget to nurses in Metro Manila. PHP 90,000 on Facebook.", ["PH"]),
        # towns of the small English-speaking markets; a shared name read in the currency's country
        ("", "Promote the Acme Widget to farmers in Ballinasloe and Thurles. €3,000 on Facebook.", ["IE"]),
        ("", "Promote the Acme Widget to surfers in Queenstown. NZ$3k on Instagram.", ["NZ"]),
        # compass and waterside words, and a town word before a trade word, are no places
        ("", "Promote the Acme Widget to office workers in Central and Wan Chai, Hong Kong. HK$9k.", ["HK"]),
        ("", "Promote the Acme Widget at Riverside Arena, Winnipeg, to parents in Winnipeg. C$2k.", ["CA"]),
        ("", "Promote the Acme Widget from Clearwater Kayaks to couples in Leeds. £2k.", ["GB"]),
    ],
)
def test_places(lead: str, text: str, countries: list[str]) -> None:
    assert sorted(_read(text, lead)["countries"]) == countries


# ---- themes ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Run it for spring break, $4k on Facebook.", "spring break"),
        ("A March break push, C$3k on Instagram.", "march break"),
        ("For White Day, ¥500,000 on Instagram.", "white day"),
        ("Songkran promotion, THB 50,000 on Facebook.", "songkran"),
        ("Mid-Autumn Festival gifting, HK$80k on Instagram.", "mid autumn festival"),
        # a season in a sentence that only describes the world is background
        ("£3k on Facebook. The lake is 12 degrees in spring, bring a wetsuit!", None),
        ("£3k on Facebook. The garden is at its best in summer.", None),
        # a hook is a creative angle, not the theme
        ("Hook: a free energy audit\n£3k on Facebook.", None),
    ],
)
def test_themes(text: str, theme: str | None) -> None:
    assert _read(text)["theme"] == theme


# ---- audience ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("brief", "audience"),
    [
        (
            "We're aiming at retired couples near York - honestly they book every year. £2k on Facebook.",
            "retired couples near York",
        ),
        (
            "The Acme Clinic is looking for adults 18-65 with asthma in Leeds for the BreatheWell Study, a paid "
            "trial. £4k on Facebook.",
            "adults 18-65 with asthma in Leeds",
        ),
        (
            "Promote the Acme Course, aimed at nurses preparing for the NCLEX in Texas. $3k on Facebook.",
            "nurses preparing for the NCLEX in Texas",
        ),
        (
            "We're pushing Quiz Night for Teams, which is mostly booked by office managers in Leeds. £2k on Facebook.",
            "office managers in Leeds",
        ),
        (
            "Pushing the Brunch Box, usually bought by students in Bristol. £1k on Instagram.",
            "students in Bristol",
        ),
        (
            "We want to upgrade existing basic members with families. $5k on email.",
            "existing basic members with families",
        ),
        (
            "Our cheese is coming to shops in Ghent. We want cheese lovers aged 30-60 in Belgium to order it. "
            "€3k on Facebook.",
            "cheese lovers aged 30-60 in Belgium",
        ),
        ("Yorkshire adoption team. We need more adopters: couples aged 30+ in Leeds. £3k on Facebook.", None),
    ],
)
def test_audience_boundaries(brief: str, audience: str | None) -> None:
    got = extract_brief({"brief_text": brief, "today": "2026-12-07"})["audience"]
    if audience is None:
        assert got is not None and "team" not in got
    else:
        assert got == audience


def test_the_run_up_to_an_occasion_is_no_audience() -> None:
    got = extract_brief(
        {
            "brief_text": "Please promote the Glow Lamp in the run-up to Easter, UK only. £5k.",
            "today": "2026-12-07",
        }
    )
    assert got["audience"] is None


# ---- channels and holdout ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("₩30,000,000 on Naver search ads and KakaoTalk messages.", ["paid_search", "sms"]),
        ("$2k on Yelp ads and Nextdoor.", ["paid_search", "paid_social"]),
        ("Budget ¥200,000 on WeChat and Baidu.", ["paid_social", "paid_search"]),
        ("£900 on Instagram plus a text to past customers.", ["paid_social", "sms"]),
        ("offer: the Summer Box. £4k tiktok + insta.", ["paid_social"]),
    ],
)
def test_channels_by_brand(text: str, channels: list[str]) -> None:
    assert sorted(_read(text)["channels"]) == sorted(channels)


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("Keep 10% als controlegroep.", 0.1),
        ("15% bleibt als Kontrollgruppe.", 0.15),
        ("Garder 20 % comme groupe de contrôle.", 0.2),
        ("Un 10% como grupo de control.", 0.1),
        ("Il 5% come gruppo di controllo.", 0.05),
    ],
)
def test_holdout_in_other_languages(text: str, share: float) -> None:
    assert _read(text)["holdout_pct"] == share


# ---- the 'not used' echo -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("brief", "unused"),
    [
        (
            "Promote the Acme Widget to parents in Leeds. £2k on Facebook. 200 orders. The firm has shipped 9,000 "
            "widgets since 2012.",
            "The firm has shipped 9,000 widgets since 2012.",
        ),
        (
            "Promote the Acme Widget to parents in Leeds. £2k on Facebook. 200 orders. We have 12 shops.",
            "We have 12 shops.",
        ),
        ("Promote the Acme Widget to parents in Leeds. 200 orders on Facebook. Budget TBC.", "Budget TBC."),
        (
            "- Promote the Acme Widget to parents in Leeds\n- £2k on Facebook\n- next call 12/10",
            "next call 12/10",
        ),
        (
            "promote the acme widget to parents in leeds. £2k on facebook. jan 8 - feb 6. we have 4 vans lol",
            "we have 4 vans lol",
        ),
        (
            "Promote the Acme Widget to parents in Leeds. £2k on Facebook. The sea is 14 degrees in spring.",
            "The sea is 14 degrees in spring.",
        ),
    ],
)
def test_unused_echo(brief: str, unused: str) -> None:
    assert unused in _unused(brief)


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("Objectif : 60 demandes de devis (quote requests). £2k on Facebook.", "quote requests"),
        ("Ziel: 300 Anmeldungen (sign-ups), 2.000 € auf Instagram.", "sign-ups"),
        ("Objetivo: 900 reservas (bookings). €4k en Instagram.", "bookings"),
    ],
)
def test_a_glossed_goal_keeps_its_gloss(text: str, goal: str) -> None:
    got = _read(text)["goal"]
    assert got is not None and goal in got
