"""Round 7 KPI families, read through the offline engine's ``extract_brief``: cost-per targets in other languages
and word orders, two targets of different actions in one sentence, the KPI kind from the action noun in any language
(compounds and participles included), targets stated as 'we're after N' or under a goal label in another language,
numbers that are no targets, rates with a channel word, goals qualified by a relative clause or labelled in another
language, and email/search named as channels in other languages. Every brief is new and written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from graph.models.offline.handlers import extract_brief


def _read(text: str) -> dict[str, Any]:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})


def _kpis(text: str) -> list[tuple[str, float]]:
    return sorted((k["name"], round(float(k["target"]), 6)) for k in _read(text)["kpi_targets"])


# ---- cost-per targets in other languages and word orders ('coût par réservation 40 €', 'CPA unter 20 €', '£35 per lead', '15 € pro Anmeldung')
COST_PER: list[tuple[str, list[tuple[str, float]]]] = [
    ("Budget 9.000 € auf LinkedIn. Ziel: 150 Leads, CPA unter 20 €.", [("cpa", 20.0), ("leads", 150.0)]),
    (
        "Budget 9 000 € sur Facebook. Objectif : 200 réservations, coût par réservation 40 €.",
        [("conversions", 200.0), ("cpa", 40.0)],
    ),
    (
        "Presupuesto 12.000 € en Google. Meta: 500 leads con un costo por lead de 60 €.",
        [("cpa", 60.0), ("leads", 500.0)],
    ),
    ("$20k on Meta. We want 800 sign-ups at max $60 per sign-up.", [("cpa", 60.0), ("signups", 800.0)]),
    ("£6,000 on LinkedIn. Target 120 demo requests at £35 per lead.", [("cpa", 35.0), ("leads", 120.0)]),
    (
        "Budget € 8.000 op Instagram. Doel: 300 aanmeldingen, kosten per aanmelding maximaal € 15.",
        [("cpa", 15.0), ("signups", 300.0)],
    ),
    (
        "Budget 7.000 € su Meta. Obiettivo: 400 iscrizioni con costo per iscrizione sotto i 12 €.",
        [("cpa", 12.0), ("signups", 400.0)],
    ),
    ("$90k on TikTok. 10,000 new users, cost per install max $6", [("cpa", 6.0), ("signups", 10000.0)]),
    (
        "Orçamento R$ 30.000 no Google. Meta: 900 leads, custo por lead até R$ 25.",
        [("cpa", 25.0), ("leads", 900.0)],
    ),
    (
        "Budget 4.000 € auf Google. Ziel: 90 Buchungen bei Kosten pro Buchung unter 45 €.",
        [("conversions", 90.0), ("cpa", 45.0)],
    ),
    (
        "$15k on Google. Goal: 250 booked calls, and we can pay up to $80 per booking.",
        [("conversions", 250.0), ("cpa", 80.0)],
    ),
    ("£5k on Google. We can afford £30 a lead, and want 150 leads.", [("cpa", 30.0), ("leads", 150.0)]),
    (
        "Budget 4.000 € auf Meta. Ziel: 200 Anmeldungen, max. 15 € pro Anmeldung.",
        [("cpa", 15.0), ("signups", 200.0)],
    ),
    (
        "Budget 4 000 € sur Meta. Objectif : 300 inscriptions à 12 € par inscription maximum.",
        [("cpa", 12.0), ("signups", 300.0)],
    ),
    ("Presupuesto 4.000 € en Meta. Objetivo: 250 leads a 20 € por lead.", [("cpa", 20.0), ("leads", 250.0)]),
    (
        "Budget 80 000 kr på Meta. Mål: 400 bokningar, max 150 kr per bokning.",
        [("conversions", 400.0), ("cpa", 150.0)],
    ),
    (
        "Budżet 20 000 zł na Facebooku. Cel: 300 leadów, maks. 40 zł za lead.",
        [("cpa", 40.0), ("leads", 300.0)],
    ),
    (
        "$9k on Meta. Keep cost per acquisition below $45; we want 200 customers.",
        [("conversions", 200.0), ("cpa", 45.0)],
    ),
    (
        "$9k on Meta. Goal: 500 sign-ups. Cost per sign-up: no higher than $12.",
        [("cpa", 12.0), ("signups", 500.0)],
    ),
    ("Budget 6.000 € auf Google. CPA-Ziel: 35 €, 150 Buchungen.", [("conversions", 150.0), ("cpa", 35.0)]),
    (
        "Presupuesto 6.000 € en Google. Objetivo: 300 ventas con un coste por adquisición máximo de 25 €.",
        [("conversions", 300.0), ("cpa", 25.0)],
    ),
    (
        "$7k on Google. We'd love 120 booked consultations at a CPA of $60 or less.",
        [("conversions", 120.0), ("cpa", 60.0)],
    ),
    (
        "Budget 80 000 kr på Meta. Mål: 400 bokningar, kostnad per bokning högst 150 kr.",
        [("conversions", 400.0), ("cpa", 150.0)],
    ),
    (
        "Budget 90.000 kr. på Meta. Mål: 300 henvendelser, omkostning pr. henvendelse maks. 200 kr.",
        [("cpa", 200.0), ("leads", 300.0)],
    ),
    (
        "Budżet 20 000 zł na Facebooku. Cel: 300 leadów, koszt za lead do 40 zł.",
        [("cpa", 40.0), ("leads", 300.0)],
    ),
    (
        "Budget Rp 200.000.000 di Instagram. Target: 2.000 pendaftaran, biaya per pendaftaran maks Rp 50.000.",
        [("cpa", 50000.0), ("signups", 2000.0)],
    ),
    (
        "Budjetti 8 000 € Metassa. Tavoite: 200 tarjouspyyntöä, hinta per liidi alle 30 €.",
        [("cpa", 30.0), ("leads", 200.0)],
    ),
    (
        "Budget 3.000 € op Google. Doel: 150 boekingen, kosten per boeking maximaal € 20.",
        [("conversions", 150.0), ("cpa", 20.0)],
    ),
]

# ---- a price per unit is no cost-per target; a cost per act of buying or joining is
PRICES: list[tuple[str, list[tuple[str, float]]]] = [
    ("£3k on Meta for our wine club. Bottles are £25 a bottle.", []),
    ("€2k on Instagram. Tickets cost €12 per ticket.", []),
    ("$5k on Google. Our kits are $40 a kit and we want 300 sales.", [("conversions", 300.0)]),
    (
        "$8k on LinkedIn. Aim: 200 enquiries at no more than $45 per enquiry.",
        [("cpa", 45.0), ("leads", 200.0)],
    ),
    ("£4k on Meta. Target: 500 members, £8 per member.", [("cpa", 8.0), ("signups", 500.0)]),
    ("A$6k on Google. 90 bookings at A$30 per booking.", [("conversions", 90.0), ("cpa", 30.0)]),
]

# ---- two counts of different actions in one sentence, each its own kind
TWO_TARGETS: list[tuple[str, list[tuple[str, float]]]] = [
    ("$9k on Google. We want 60 bookings and 600 enquiries.", [("conversions", 60.0), ("leads", 600.0)]),
    (
        "£8k on Meta. Aim: 1,200 newsletter sign-ups and 150 orders.",
        [("conversions", 150.0), ("signups", 1200.0)],
    ),
    (
        "Budget 6.000 € auf Meta. Ziel: 80 Buchungen und 500 Anfragen.",
        [("conversions", 80.0), ("leads", 500.0)],
    ),
    (
        "Budget 6 000 € sur Meta. Objectif : 300 inscriptions et 40 ventes.",
        [("conversions", 40.0), ("signups", 300.0)],
    ),
    (
        "$30k on YouTube. 2,000 guide downloads and 90 consultations booked.",
        [("conversions", 90.0), ("leads", 2000.0)],
    ),
    ("€10k on Google. Goal: 45 orders from 400 sample requests.", [("conversions", 45.0), ("leads", 400.0)]),
]

# ---- the KPI kind from the action noun, in any language and in compounds ('Demo-Anfragen', 'offertförfrågningar', 'matrículas', 'zapytań ofertowych', 'botellas vendidas')
KINDS: list[tuple[str, list[tuple[str, float]]]] = [
    ("Presupuesto: 6.000 €. Canales: Instagram. Objetivo: 250 matrículas.", [("signups", 250.0)]),
    ("Budget: 90 000 kr. Kanaler: Facebook. Mål: 200 offertförfrågningar", [("leads", 200.0)]),
    ("Budget: 90 000 kr. Kanaler: Facebook. Mål: 300 bokningar", [("conversions", 300.0)]),
    ("Budget: 90 000 kr. Kanaler: Facebook. Mål: 500 nya medlemmar", [("signups", 500.0)]),
    ("Budget: 200.000 kr. Kanaler: Facebook. Mål: 400 henvendelser.", [("leads", 400.0)]),
    ("Budget: 200.000 kr. Kanaler: Facebook. Mål: 700 nye abonnenter.", [("signups", 700.0)]),
    ("Budsjett: 150 000 kr. Kanaler: Facebook. Mål: 350 bestillinger.", [("conversions", 350.0)]),
    ("Budżet: 20 000 zł. Kanały: Facebook. Cel: 300 zapytań ofertowych.", [("leads", 300.0)]),
    ("Budżet: 20 000 zł. Kanały: Facebook. Cel: 500 rejestracji.", [("signups", 500.0)]),
    ("Budżet: 20 000 zł. Kanały: Facebook. Cel: 200 zamówień.", [("conversions", 200.0)]),
    (
        "- Budget: Rp 500.000.000\n- Channel: Instagram\n- Target KPI: 2.000 pendaftaran",
        [("signups", 2000.0)],
    ),
    (
        "- Budget: Rp 500.000.000\n- Channel: Instagram\n- Target KPI: 3.000 aplikasi pinjaman",
        [("leads", 3000.0)],
    ),
    ("Budget: 5.000 €. Ziel: 150 Demo-Anfragen.", [("leads", 150.0)]),
    ("Budget: 5.000 € su Google. Obiettivo: 120 richieste di preventivo.", [("leads", 120.0)]),
    ("$4k on Facebook. Goal: 500 member sign-ups.", [("signups", 500.0)]),
    ("£3k on Meta. Goal: 300 course enrolments.", [("signups", 300.0)]),
    ("$6k on Instagram. Goal: 2,000 bottles sold.", [("conversions", 2000.0)]),
    ("£7k on Google. KPI: 900 eligibility checks.", [("leads", 900.0)]),
    ("£5k on Facebook. We want 400 new monthly sponsors.", [("signups", 400.0)]),
    ("Presupuesto 25.000 €. Objetivo: 1.000 botellas vendidas.", [("conversions", 1000.0)]),
    ("Budget 25.000 €. Ziel: 1.000 verkaufte Flaschen.", [("conversions", 1000.0)]),
    ("$5k on Google. We're hoping for roughly 1,500 app downloads.", [("conversions", 1500.0)]),
    ("Budget 5.000 € auf Meta. Ziel sind 250 Neukunden.", [("conversions", 250.0)]),
    ("Budżet 9 000 zł. Cel: 300 nowych klientów.", [("conversions", 300.0)]),
    ("Budget 5 000 € sur Meta. Objectif : atteindre 500 inscriptions.", [("signups", 500.0)]),
    ("Budget 5.000 € auf Meta. Wir wollen 400 Probefahrt-Buchungen.", [("conversions", 400.0)]),
    ("Budget 9.000 € op LinkedIn. Doel: 150 offerteaanvragen.", [("leads", 150.0)]),
    ("Budget 90 000 kr. Mål: 600 nyhetsbrevsprenumeranter.", [("signups", 600.0)]),
    ("Budget 90.000 kr. Mål: 250 prøvetimebookinger.", [("conversions", 250.0)]),
    ("Budget 90.000 kr. Mål: 500 tilmeldinger til nyhedsbrevet.", [("signups", 500.0)]),
    ("Budget: 3.000 €. Tavoite: 400 tarjouspyyntöä.", [("leads", 400.0)]),
    # two leads targets in one sentence are both passed on: the Planner keeps the first and says back the second
    ("$6k on Meta. Goal: 2,000 e-book downloads and 100 demos.", [("leads", 100.0), ("leads", 2000.0)]),
]

# ---- targets stated as 'we're after N', 'Mål: N', 'Cel: N', 'Meta: N'
PHRASINGS: list[tuple[str, list[tuple[str, float]]]] = [
    ("$5k on Google. We're after 250 trial sign-ups this spring.", [("signups", 250.0)]),
    ("$5k on Google. We are after 400 demo requests.", [("leads", 400.0)]),
    ("Budget: 90 000 kr. Mål: 900 köp", [("conversions", 900.0)]),
    ("Budżet: 20 000 zł. Cel: 1 000 zamówień", [("conversions", 1000.0)]),
    ("Orçamento: 10.000 €. Meta: 400 vendas.", [("conversions", 400.0)]),
    ("Presupuesto: 10.000 €. Objetivo: 800 reservas.", [("conversions", 800.0)]),
    (
        "We're promoting the Barkley dog-walking app. $3k on Meta. We're chasing 40 new walkers this quarter.",
        [("signups", 40.0)],
    ),
    (
        "We're promoting Paws Rescue adoptions. $3k on Meta. We're shooting for 150 adoptions.",
        [("conversions", 150.0)],
    ),
    ("We're promoting Lumo pet insurance. $3k on Meta. Ideally 250 quotes.", [("leads", 250.0)]),
    (
        "Wir bewerben den Kombi Vela. Budget 4.000 € auf Meta. Wir peilen 300 Probefahrten an.",
        [("conversions", 300.0)],
    ),
    (
        "Nous lançons la box Fromagerie Lune. Budget 4 000 € sur Meta. Nous visons 500 box.",
        [("conversions", 500.0)],
    ),
    (
        "Lanzamos el Gimnasio Roca. Presupuesto 4.000 € en Meta. Buscamos 200 altas nuevas.",
        [("signups", 200.0)],
    ),
    (
        "Wij lanceren de fietsverzekering Trapveilig. Budget € 4.000. We willen 300 polissen.",
        [("conversions", 300.0)],
    ),
    ("We're promoting Loop yoga app. $3k on Meta. We have a target of 500 sign-ups.", [("signups", 500.0)]),
    (
        "We're promoting Loop yoga app. $3k on Meta. Our goal of 1,200 orders by May.",
        [("conversions", 1200.0)],
    ),
    (
        "We're promoting the Barn cafe. £3k on Meta. The aim is a total of 300 bookings.",
        [("conversions", 300.0)],
    ),
    ("We're promoting Loop yoga app. $3k on Meta. One of 3 studios in town.", []),
    (
        "We're promoting the Hilltop choir. £2k on Meta. An ambition of 2,000 members by 2028.",
        [("signups", 2000.0)],
    ),
    (
        "We're promoting Ledgerly software. $9k on LinkedIn. A KPI of 400 leads this quarter.",
        [("leads", 400.0)],
    ),
    (
        "We're promoting the Nova e-bike. €8k on Meta. A minimum of 150 pre-orders before launch.",
        [("conversions", 150.0)],
    ),
]

# ---- numbers that are no targets: capacities, times of day, what was done or is held (also in other languages)
NOT_TARGETS: list[tuple[str, list[tuple[str, float]]]] = [
    ("$800 on facebook. We have parking for 300 cars.", []),
    ("[7:10 PM] Mike: Easter outreach\n[7:11 PM] Mike: $800 on facebook", []),
    ("$5k on Google for our vet clinic. 48,000 animals tested last season.", []),
    ("£2k on Meta. The hall seats 450 guests.", []),
    ("$3k on Meta. Our fleet has 120 vans.", []),
    ("€4k on Instagram. The venue holds 2,000 people and is open until 10 pm.", []),
    ("$6k on Google. We planted 15,000 trees in 2025.", []),
    ("$9k on Meta. The lab processed 12,000 samples last year.", []),
    ("£4k on Meta. Our 14 stores open 7 days a week.", []),
    ("$5k on Google. Since 1998 we've served 20,000 families.", []),
    ("$3k on Meta. A 2,500-seat arena in Leeds.", []),
    ("$3k on Meta. We ship to 30 countries and have 35 years of experience.", []),
    ("€3k on Instagram. The studio fits up to 40 guests.", []),
    ("$4k on Meta. The 3 bedroom homes start at $400k.", []),
    ("$2k on Facebook. Our 600 members love the Saturday rides.", []),
    (
        "Budget 5.000 € auf Meta. Wir haben bereits 3.000 Stammkunden. Ziel: 200 Buchungen.",
        [("conversions", 200.0)],
    ),
    ("Budget 5 000 € sur Meta. Nous avons 800 adhérents. Objectif : 150 ventes.", [("conversions", 150.0)]),
    ("Budget 90 000 kr. Vi har 1 200 medlemmar. Mål: 300 bokningar.", [("conversions", 300.0)]),
    ("Presupuesto 5.000 €. Tenemos más de 2.000 socios. Objetivo: 100 reservas.", [("conversions", 100.0)]),
    ("Budget € 5.000. Wij hebben 4.000 klanten. Doel: 250 bestellingen.", [("conversions", 250.0)]),
    ("Budżet 9 000 zł. Mamy już 5 000 klientów. Cel: 200 zamówień.", [("conversions", 200.0)]),
]

# ---- rates with a channel or page word between the figure and the metric ('3% email click rate')
RATES: list[tuple[str, list[tuple[str, float]]]] = [
    (
        "CAD 16,000 on Facebook. Goal: 300 camper registrations, 3% email click rate.",
        [("click_rate", 0.03), ("signups", 300.0)],
    ),
    (
        "$5k on Meta. We want a 4% SMS click rate and 200 orders.",
        [("click_rate", 0.04), ("conversions", 200.0)],
    ),
    ("$5k on Google. Goal: 2.5% search ad CTR.", [("ctr", 0.025)]),
    ("$5k on email. Aim for a 35% newsletter open rate.", [("open_rate", 0.35)]),
    ("$5k on Meta. Target: 3% landing page conversion rate.", [("conversion_rate", 0.03)]),
    ("$5k on email. Click rate of 3% on the welcome email.", [("click_rate", 0.03)]),
    (
        "$4k on email. Success is an open rate of 40% and a click rate of 6% on the welcome series.",
        [("click_rate", 0.06), ("open_rate", 0.4)],
    ),
    ("£3k on Meta. We want 5% and more: a click rate of 5% on the ads.", [("click_rate", 0.05)]),
]


# ---- counts that state a fact: what a place holds, who already did it, what the company has, a count opening
# its sentence as the subject of a present-tense verb; the same shapes stated as aims stay targets
FACTS: list[tuple[str, list[tuple[str, float]]]] = [
    ("$5k on Google. We test 48,000 animals a year.", []),
    ("$5k on Meta. Each year 3,000 visitors come to the farm.", []),
    ("£2k on Meta. Classes take 20 students per class.", []),
    ("$4k on Meta. Over 5,000 families trust us.", []),
    ("$4k on Google. Trusted by 2,300 customers in Ohio.", []),
    ("$4k on Meta. Our kits are used by over 4,000 customers.", []),
    ("$4k on Meta. Our app has 50k downloads.", []),
    ("€3k on Meta. Trusted by 300 cafes across Lisbon.", []),
    ("$3k on Google. We have 1,200 reviews on Google.", []),
    ("$3k on Meta. Parking for 120 cars and room for 80 bikes.", []),
    ("$6k on Meta. More than 9,000 runners took part in 2026.", []),
    ("$6k on Meta. Our 2,000 subscribers get a weekly box.", []),
    ("Budget 5.000 € auf Meta. Über 2.000 Kunden vertrauen uns.", []),
    ("$5k on Meta. Goal: 500 new customers. We already serve 2,000 customers.", [("conversions", 500.0)]),
    ("$5k on Meta. 500 sign-ups are the goal for spring.", [("signups", 500.0)]),
    ("$5k on Meta. We'd love to have 300 members by June.", [("signups", 300.0)]),
    ("$3k on Meta. Goal: grow by 300 members.", [("signups", 300.0)]),
    ("$3k on Meta. 400 bookings would make this a success.", [("conversions", 400.0)]),
]


# ---- English action nouns by class: a yes to something free is a sign-up (RSVPs, signatures), a form filled or a
# meeting agreed is a lead, a visit or an activation a conversion; new people of the service are sign-ups
ACTIONS: list[tuple[str, list[tuple[str, float]]]] = [
    ("$3k on Meta. Goal: 400 RSVPs for the open day.", [("signups", 400.0)]),
    ("$3k on Google. Goal: 250 contact form submissions.", [("leads", 250.0)]),
    ("$3k on Google. Goal: 300 form fills.", [("leads", 300.0)]),
    ("$3k on Meta. Goal: 5,000 petition signatures.", [("signups", 5000.0)]),
    ("$3k on Meta. Goal: 120 adoptions by June.", [("conversions", 120.0)]),
    ("$3k on LinkedIn. Goal: 80 sales meetings.", [("leads", 80.0)]),
    ("$3k on LinkedIn. Goal: 600 webinar registrations.", [("signups", 600.0)]),
    ("$3k on Meta. Goal: 900 waitlist sign-ups.", [("signups", 900.0)]),
    ("$3k on Google. Goal: 700 store visits.", [("conversions", 700.0)]),
    ("$3k on Meta. Goal: 150 trial activations.", [("conversions", 150.0)]),
    ("$3k on Meta. Goal: 200 new students.", [("signups", 200.0)]),
    ("$3k on Meta. Goal: 50 new franchisees.", [("signups", 50.0)]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [*COST_PER, *PRICES, *TWO_TARGETS, *KINDS, *PHRASINGS, *NOT_TARGETS, *RATES, *FACTS, *ACTIONS],
)
def test_kpi_families(text: str, expected: list[tuple[str, float]]) -> None:
    assert _kpis(text) == sorted(expected)


# ---- a goal qualified by a relative clause keeps the clause ('90 calls that turn into clients') --------------------
@pytest.mark.parametrize(
    ("text", "goal"),
    [
        (
            "need google ads for a bail bond service\n$3,500 a month budget\naim 90 calls that turn into clients",
            "90 calls that turn into clients",
        ),
        ("$8k on LinkedIn. We want 400 leads who book a demo.", "400 leads who book a demo"),
        ("£5k on Meta. Goal: 300 trials that convert to paid, by March.", "300 trials that convert to paid"),
        (
            "€6k on Google. Target 150 enquiries which become site visits.",
            "150 enquiries which become site visits",
        ),
        (
            "$4k on Facebook. We want 200 sign-ups that stick around for a month.",
            "200 sign-ups that stick around for a month",
        ),
        (
            "A$7k on Google. Aim for 120 bookings that come from new customers; CPA under A$40.",
            "120 bookings that come from new customers",
        ),
    ],
)
def test_goal_keeps_its_qualifier(text: str, goal: str) -> None:
    got = _read(text)["goal"]
    assert got is not None
    assert got.startswith(goal)
    assert len(got) <= len(goal) + 15


# ---- a goal label in another language with no number: the outcome it names is the goal ----------------------------
@pytest.mark.parametrize(
    ("text", "goal"),
    [
        (
            "Budget: 5.000 € auf Meta.\nZiel: mehr Buchungen im Frühjahr\nZielgruppe: Familien in Köln",
            "mehr Buchungen im Frühjahr",
        ),
        ("Budżet: 9 000 zł\nCel: więcej rezerwacji\nKanały: Facebook", "więcej rezerwacji"),
        ("Mål: fler bokningar under våren\nBudget: 50 000 kr", "fler bokningar under våren"),
        ("Objectif : plus de réservations en ligne\nBudget : 5 000 €", "plus de réservations en ligne"),
        ("Objetivo: aumentar las ventas online\nPresupuesto: 5.000 €", "aumentar las ventas online"),
        ("Doel: meer naamsbekendheid in Utrecht. Budget € 4.000.", "meer naamsbekendheid in Utrecht"),
        ("| Mål | Øget kendskab til brandet |\n| Budget | 90.000 kr |", "Øget kendskab til brandet"),
    ],
)
def test_goal_label_in_another_language(text: str, goal: str) -> None:
    assert _read(text)["goal"] == goal


def test_a_label_naming_no_outcome_is_no_goal() -> None:
    assert _read("Kanäle:\nMeta: 2.000 €\nGoogle: 1.000 €")["goal"] is None


# ---- email in other languages, and bare 'search' as a list item after 'into' ----------------------------------------
@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("Kanaler: Facebook, e-post, Google", ["email", "paid_search", "paid_social"]),
        ("Budget : 22 000 € sur LinkedIn et e-mailing.", ["email", "paid_social"]),
        ("Canaux : Instagram et courriel. Budget 5 000 €.", ["email", "paid_social"]),
        ("Canales: Facebook y correo electrónico. Presupuesto 4.000 €.", ["email", "paid_social"]),
        ("Kanaler: nyhetsbrev og Instagram. Budsjett 50 000 kr.", ["email", "paid_social"]),
        ("Kanalen: nieuwsbrief en Google. Budget € 3.000.", ["email", "paid_search"]),
        ("We'll put £22,000 into search and display.", ["display", "paid_search"]),
        ("We'll pour €5k into social and email.", ["email", "paid_social"]),
        ("People who search for plumbers in Leeds. £3k on Facebook.", ["paid_social"]),
        ("Post a letter to each member. £2k on Facebook.", ["paid_social"]),
    ],
)
def test_channel_words(text: str, channels: list[str]) -> None:
    assert sorted(_read(text)["channels"]) == channels
