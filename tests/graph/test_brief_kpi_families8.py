"""Round 8 families for KPI targets, key messages and the run's end, read through the offline engine's
``extract_brief``: a cost-per cap said after the amount, per-unit abbreviations, ROAS with a decimal comma, outcome
nouns for admissions, applications and submissions in several languages, a singular unit qualifying an outcome noun;
key messages named in other languages or said alone on a chat line; CJK-written dates and lengths, runs of ISO
weeks, range joiners of Hindi, Indonesian and Tagalog, a month said as where a run starts, the day an event 'is'.
Every brief is new and written for these tests (none is taken from a dataset)."""

from __future__ import annotations

from typing import Any

import pytest

from graph.models.offline.handlers import extract_brief


def _read(text: str) -> dict[str, Any]:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})


def _kpis(text: str) -> list[tuple[str, float]]:
    return sorted((k["name"], round(float(k["target"]), 6)) for k in _read(text)["kpi_targets"])


# ---- a cap on the cost per outcome said after the amount and its unit ('£60 each or less', '$40/lead max')
CAP_AFTER: list[tuple[str, list[tuple[str, float]]]] = [
    (
        "£7k on Google. Goal: 120 boiler service bookings at £45 each or less.",
        [("conversions", 120.0), ("cpa", 45.0)],
    ),
    (
        "$12k on LinkedIn. We need 80 demo requests, $150 a request or lower.",
        [("cpa", 150.0), ("leads", 80.0)],
    ),
    ("$9k on Meta. Target: 300 trial sign-ups at $25/sign-up max.", [("cpa", 25.0), ("signups", 300.0)]),
    (
        "Budget 6.000 € auf Facebook. Ziel: 250 Anmeldungen, 18 € pro Anmeldung oder weniger.",
        [("cpa", 18.0), ("signups", 250.0)],
    ),
    (
        "Budget 5 000 € sur Instagram. Objectif : 140 demandes de devis, 30 € par demande ou moins.",
        [("cpa", 30.0), ("leads", 140.0)],
    ),
    (
        "Presupuesto 8.000 € en Google. Objetivo: 400 reservas a 20 € por reserva o menos.",
        [("conversions", 400.0), ("cpa", 20.0)],
    ),
    ("A$10k on Meta. 200 test drives booked, A$50 each at most.", [("conversions", 200.0), ("cpa", 50.0)]),
]

# ---- the unit after 'per' abbreviated ('400 kr pr. lead', '€35/lead') in the Nordic languages and in English
PER_ABBREVIATED: list[tuple[str, list[tuple[str, float]]]] = [
    (
        "Budget 80.000 kr. på Facebook. Mål: 200 leads, max 350 kr pr. lead.",
        [("cpa", 350.0), ("leads", 200.0)],
    ),
    (
        "Budsjett 120 000 kr på Google. Mål: 300 bestillinger, maks 250 kr pr. bestilling.",
        [("conversions", 300.0), ("cpa", 250.0)],
    ),
    ("£4k on LinkedIn. Target 60 enquiries at no more than £55/enquiry.", [("cpa", 55.0), ("leads", 60.0)]),
    ("€15.000 on Meta. Goal: 900 sign-ups, max €12/sign-up.", [("cpa", 12.0), ("signups", 900.0)]),
    (
        "Budget 40.000 kr på Instagram. Mål: 150 bookinger, højst 200 kr pr booking",
        [("conversions", 150.0), ("cpa", 200.0)],
    ),
    ("$6k on TikTok. Goal 400 orders, under $15/order.", [("conversions", 400.0), ("cpa", 15.0)]),
]

# ---- ROAS written with a decimal comma ('ROAS 3,5', '4,5x ROAS', 'ROAS von 2,8')
ROAS_COMMA: list[tuple[str, list[tuple[str, float]]]] = [
    ("Budget 20.000 € su Meta. Obiettivo: 900 ordini, ROAS 3,5.", [("conversions", 900.0), ("roas", 3.5)]),
    (
        "Budget 15.000 € auf Google. Ziel: 500 Bestellungen bei einem ROAS von 2,8.",
        [("conversions", 500.0), ("roas", 2.8)],
    ),
    (
        "Budget 10 000 € sur Facebook. Objectif : 300 commandes et un ROAS de 4,2.",
        [("conversions", 300.0), ("roas", 4.2)],
    ),
    (
        "Presupuesto 9.000 € en Meta. Objetivo: 250 pedidos, 4,5x ROAS.",
        [("conversions", 250.0), ("roas", 4.5)],
    ),
    (
        "Budget € 12.000 op Google. Doel: 700 bestellingen, ROAS 3,25.",
        [("conversions", 700.0), ("roas", 3.25)],
    ),
    ("Budżet 30 000 zł na Facebooku. Cel: 800 zamówień, ROAS 5,5.", [("conversions", 800.0), ("roas", 5.5)]),
    ("$20k on Meta. Goal: 1,000 orders at a 3.5x ROAS.", [("conversions", 1000.0), ("roas", 3.5)]),
]

# ---- admissions, applications and submissions: what is counted, in several languages
OUTCOME_NOUNS: list[tuple[str, list[tuple[str, float]]]] = [
    (
        "₹8 lakh on YouTube. We need 500 enquiries and 120 admissions for the MBA prep batch.",
        [("leads", 500.0), ("signups", 120.0)],
    ),
    ("$30k on Meta. Goal: 250 admissions to the spring nursing intake.", [("signups", 250.0)]),
    ("Budget 10.000 € auf LinkedIn. Ziel: 150 Bewerbungen für das Traineeprogramm.", [("leads", 150.0)]),
    ("Presupuesto 7.000 € en Instagram. Objetivo: 90 candidaturas al máster.", [("leads", 90.0)]),
    ("Budget 60 000 kr på LinkedIn. Mål: 200 ansökningar till utbildningen.", [("leads", 200.0)]),
    ("$5k on Reddit. Get 300 photo contest submissions for the Lens Awards.", [("conversions", 300.0)]),
    ("Budget 4.000 € op Instagram. Doel: 250 inzendingen voor de fotowedstrijd.", [("conversions", 250.0)]),
    ("Budget 8.000 € auf YouTube. Ziel: 400 Einschreibungen für den Sprachkurs.", [("signups", 400.0)]),
]

# ---- tickets in the other languages briefs arrive in
TICKETS: list[tuple[str, list[tuple[str, float]]]] = [
    (
        "Budget 6 000 € sur Instagram. Objectif : vendre 2 000 billets pour le festival",
        [("conversions", 2000.0)],
    ),
    ("Budget 4.000 € su Meta. Obiettivo: 1.500 biglietti venduti", [("conversions", 1500.0)]),
    ("Budżet 10 000 zł na Facebooku. Cel: 3 000 biletów", [("conversions", 3000.0)]),
    ("Budget 30 000 kr på Instagram. Mål: 800 biljetter", [("conversions", 800.0)]),
    ("Presupuesto 5.000 € en TikTok. Objetivo: 2.500 entradas", [("conversions", 2500.0)]),
    ("Orçamento 5.000 € no Instagram. Meta: 1.000 bilhetes", [("conversions", 1000.0)]),
]

# ---- a singular unit before the outcome noun qualifies it ('160 week bookings'); a plural one is a length
UNIT_MODIFIER: list[tuple[str, list[tuple[str, float]]]] = [
    ("£9k on Meta. Goal: 220 week bookings for the canal boats.", [("conversions", 220.0)]),
    ("$4k on Google. We want 600 day passes sold for the climbing gym.", [("conversions", 600.0)]),
    ("€6k on Instagram. Target 140 night bookings at the glamping site.", [("conversions", 140.0)]),
    ("$8k on TikTok. Aim: 75 season tickets for the hockey club.", [("conversions", 75.0)]),
    ("£3k on Facebook. Goal: 90 month memberships at the gym.", [("signups", 90.0)]),
    ("£5k on Meta for 6 weeks. Goal 300 bookings.", [("conversions", 300.0)]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    CAP_AFTER + PER_ABBREVIATED + ROAS_COMMA + OUTCOME_NOUNS + TICKETS + UNIT_MODIFIER,
)
def test_kpi_families8(text: str, expected: list[tuple[str, float]]) -> None:
    assert _kpis(text) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "The kit is £25 each or less than a takeaway. £3k on Meta. Goal: 200 kits sold.",
        "Plans start at $9/mo. $6k on Meta, 300 sign-ups.",
        "We run 5 day courses for teens. $4k on Google, 80 enrolments.",
    ],
)
def test_no_cost_per_invented(text: str) -> None:
    assert "cpa" not in dict(_kpis(text))


# ---- key messages named in other languages, or said alone on a chat line
KEY_MESSAGES: list[tuple[str, list[str]]] = [
    (
        "Budget 3.000 € auf Instagram. Kernbotschaft: „Frisch aus dem Ofen, jeden Morgen“.",
        ["Frisch aus dem Ofen, jeden Morgen"],
    ),
    ("Budget 5 000 € sur Facebook. Accroche : « Le goût du vrai pain »", ["Le goût du vrai pain"]),
    ("Presupuesto 4.000 €. Lema: «Tu casa, tu ritmo».", ["Tu casa, tu ritmo"]),
    ('Budget 6.000 € su Meta. Messaggio chiave: "La montagna ti aspetta".', ["La montagna ti aspetta"]),
    ("Budget € 2.000 op Instagram. Boodschap: ‘Fietsen zonder zorgen’", ["Fietsen zonder zorgen"]),
    ('Budget 30 000 kr. Budskap: "Värme hela vintern"', ["Värme hela vintern"]),
    ("Budżet 10 000 zł. Hasło: „Twoja kawa, twój rytm”", ["Twoja kawa, twój rytm"]),
    (
        "Anggaran Rp 50.000.000. Pesan: “Belajar kapan saja, di mana saja”",
        ["Belajar kapan saja, di mana saja"],
    ),
    ("▸ msg: ‘Grow your own salad’\n▸ budget: £900 on Instagram", ["Grow your own salad"]),
    (
        "[9:02 AM] Dana: spring push for the bakery, $600 on Instagram\n[9:03 AM] Dana: 'Warm bread, cold mornings'",
        ["Warm bread, cold mornings"],
    ),
    (
        "Ola: new class for seniors, £400 on Facebook\nOla: “Never too late to dance”\nOla: thanks!",
        ["Never too late to dance"],
    ),
]


@pytest.mark.parametrize(("text", "messages"), KEY_MESSAGES)
def test_key_message_families8(text: str, messages: list[str]) -> None:
    assert _read(text)["key_messages"] == messages


@pytest.mark.parametrize(
    "text",
    [
        "[9:02 AM] Dana: promo for 'Sunny' our lemon cake, $600 on Instagram",
        "[9:03 AM] Dana: 'Aria'\n[9:04 AM] Dana: $500 on Meta for the kettle",
        'We stock the "Deep Ocean" candle range. $2k on Meta, 300 orders.',
    ],
)
def test_a_quoted_name_is_no_message(text: str) -> None:
    assert _read(text)["key_messages"] == []


# ---- the run's start, end and length as CJK, Hindi, Indonesian and Nordic/German briefs date it
RUNS: list[tuple[str, str, str, int]] = [
    ("Budget ¥2,000,000 on Instagram. Period: 2027年4月1日〜2027年5月15日", "2027-04-01", "2027-05-15", 45),
    ("Budget ¥900,000 on LINE. 期間: 2027年2月10日～3月9日", "2027-02-10", "2027-03-09", 28),
    ("예산 ₩20,000,000, Instagram. 2027년 3월 2일부터 4주.", "2027-03-02", "2027-03-29", 28),
    ("预算 ¥50,000, WeChat. 2027年5月1日至5月31日", "2027-05-01", "2027-05-31", 31),
    ("Budget ¥3,000,000 on YouTube. 2027年6月1日から8週間", "2027-06-01", "2027-07-26", 56),
    ("Budget 40 lakh rupees on YouTube. 15 March se 30 April 2027.", "2027-03-15", "2027-04-30", 47),
    ("Anggaran Rp 200.000.000 di Instagram. 1 March sampai 31 March 2027.", "2027-03-01", "2027-03-31", 31),
    ("Budget 50 000 kr på Facebook. Period: v. 14–v. 17 2027.", "2027-04-05", "2027-05-02", 28),
    ("Budget 8.000 € auf Instagram. Zeitraum: KW 20–23 2027.", "2027-05-17", "2027-06-13", 28),
    ("Budget 60.000 kr. på Google. Periode: uge 36-39", "2027-09-06", "2027-10-03", 28),
    ("$5k on Meta. Flight: weeks 10-12 2027.", "2027-03-08", "2027-03-28", 21),
]


@pytest.mark.parametrize(("text", "start", "end", "days"), RUNS)
def test_run_families8(text: str, start: str, end: str, days: int) -> None:
    got = _read(text)
    assert (str(got["start_date"]), str(got["end_date"]), got["duration_days"]) == (start, end, days)


def test_plan_weeks_are_no_dates() -> None:
    got = _read("$5k on Meta, March 2027. Weeks 1-2: teasers, weeks 3-6: offers.")
    assert (str(got["start_date"]), str(got["end_date"])) == ("2027-03-01", "2027-03-31")


# ---- a month said as where the run starts opens it and says nothing of its end
OPEN_MONTH: list[tuple[str, str]] = [
    ("Budget 9.000 € su Meta. Da marzo 2027. Obiettivo: 400 ordini.", "2027-03-01"),
    ("Budget 7.000 € auf Google. Ab April 2027, Ziel: 200 Buchungen.", "2027-04-01"),
    ("Budget 5 000 € sur Facebook, à partir de mai 2027.", "2027-05-01"),
    ("Presupuesto 6.000 € en Instagram, desde junio de 2027.", "2027-06-01"),
    ("Budget € 4.000 op Meta vanaf september 2027.", "2027-09-01"),
    ("$8k on Meta, starting in October 2027.", "2027-10-01"),
]


@pytest.mark.parametrize(("text", "start"), OPEN_MONTH)
def test_a_month_opening_a_run(text: str, start: str) -> None:
    got = _read(text)
    assert (str(got["start_date"]), got["end_date"], got["duration_days"]) == (start, None, None)


def test_a_month_with_a_length_ends_after_the_length() -> None:
    got = _read("$8k on Meta from March 2027 for six weeks.")
    assert (str(got["start_date"]), str(got["end_date"]), got["duration_days"]) == (
        "2027-03-01",
        "2027-04-11",
        42,
    )


def test_a_whole_month_is_still_the_month() -> None:
    got = _read("$8k on Meta. We run in November 2027.")
    assert (str(got["start_date"]), str(got["end_date"])) == ("2027-11-01", "2027-11-30")


# ---- a day the brief says an event 'is' is not the run's start
EVENT_IS: list[tuple[str, str, str]] = [
    (
        "Father's Day is the 20th of June, so run it 1 June to 19 June 2027. $2k on Meta.",
        "2027-06-01",
        "2027-06-19",
    ),
    (
        "The fair is on the 12th of May; ads 20 April to 11 May 2027. £1k on Facebook.",
        "2027-04-20",
        "2027-05-11",
    ),
    (
        "Diwali falls on the 29th of October this year. Campaign 1–28 October 2027, ₹5 lakh on Instagram.",
        "2027-10-01",
        "2027-10-28",
    ),
    ("Graduation is the 3rd of July. Run 7 June to 2 July 2027, $3k on Meta.", "2027-06-07", "2027-07-02"),
    (
        "Open day is the 14th of March; push from 1 March to 13 March 2027 on Facebook, £800.",
        "2027-03-01",
        "2027-03-13",
    ),
    (
        "Race day is the 9th of May. Ads: 12 April to 8 May 2027, €2k on Instagram.",
        "2027-04-12",
        "2027-05-08",
    ),
]


@pytest.mark.parametrize(("text", "start", "end"), EVENT_IS)
def test_the_day_an_event_is(text: str, start: str, end: str) -> None:
    got = _read(text)
    assert (str(got["start_date"]), str(got["end_date"])) == (start, end)


# ---- counts written the CJK way: the outcome noun, the number and its counter (or the counter first)
CJK_COUNTS: list[tuple[str, list[tuple[str, float]]]] = [
    ("予算 ¥1,000,000、Instagram。目標：予約2,000件", [("conversions", 2000.0)]),
    (
        "예산 ₩10,000,000, 네이버. 목표: 예약 1,200건, CPA ₩15,000 이하",
        [("conversions", 1200.0), ("cpa", 15000.0)],
    ),
    ("预算 ¥80,000，微信。目标：注册5000人", [("signups", 5000.0)]),
    ("예산 ₩5,000,000. 신규 회원 3,000명 모집", [("signups", 3000.0)]),
    ("予算 ¥500,000。目標は資料請求300件です。", [("leads", 300.0)]),
    ("預算 NT$200,000。目標：1,500筆訂單", [("conversions", 1500.0)]),
    ("会員が5,000人います。予算 ¥300,000、目標：新規登録1,000件", [("signups", 1000.0)]),
    ("我们有5000名会员。预算 ¥60,000，目标：咨询800次", [("leads", 800.0)]),
]


@pytest.mark.parametrize(("text", "expected"), CJK_COUNTS)
def test_cjk_counts(text: str, expected: list[tuple[str, float]]) -> None:
    assert _kpis(text) == sorted(expected)


# ---- the quote styles of other scripts and languages
QUOTE_STYLES: list[tuple[str, str]] = [
    ("メッセージ：「毎日がもっと楽しく」 予算 ¥500,000", "毎日がもっと楽しく"),
    ("核心信息：『喝一口，就爱上』 预算 ¥50,000", "喝一口，就爱上"),
    ("핵심 메시지: “매일 더 가볍게” 예산 ₩3,000,000", "매일 더 가볍게"),
    ("Budget 20 000 kr. Budskap: ”Värme hela vintern”", "Värme hela vintern"),
    ("Budget 3.000 €. Botschaft: »Dein Tisch, deine Wiesn«", "Dein Tisch, deine Wiesn"),
    ("Budget 2.000 €. Claim: ‚Einfach besser leben‘", "Einfach besser leben"),
    ("Budget 4 000 €. Message clé : ‹ Simplement meilleur ›", "Simplement meilleur"),
]


@pytest.mark.parametrize(("text", "message"), QUOTE_STYLES)
def test_quote_styles(text: str, message: str) -> None:
    assert _read(text)["key_messages"] == [message]


def test_a_title_in_book_marks_is_no_message() -> None:
    assert _read("We sell the 《Three Kingdoms》 box set. Budget ¥50,000 on WeChat.")["key_messages"] == []


# ---- the end named after the start ('Start 1 April, end of May', 'Ende: 31. Mai', 'fin le 31 mai')
END_NAMED: list[tuple[str, str, str]] = [
    ("Budget £2k on Meta. Start 1 April 2027, end of May.", "2027-04-01", "2027-05-31"),
    ("Budget 2.000 € auf Instagram. Start: 1. April 2027, Ende: 31. Mai", "2027-04-01", "2027-05-31"),
    ("Budget 2 000 € sur Facebook. Début le 1er avril 2027, fin le 31 mai.", "2027-04-01", "2027-05-31"),
    ("Presupuesto 2.000 € en Meta. Inicio 1 de abril de 2027, fin 31 de mayo.", "2027-04-01", "2027-05-31"),
    ("$2k on Meta. Go live 1 April 2027; finish by the end of May.", "2027-04-01", "2027-05-31"),
    ("Budget 2.000 € op Instagram. Start 3 mei 2027, einde 20 juni.", "2027-05-03", "2027-06-20"),
    ("Budget 20 000 kr på Facebook. Start 3 maj 2027, slut 20 juni.", "2027-05-03", "2027-06-20"),
]


@pytest.mark.parametrize(("text", "start", "end"), END_NAMED)
def test_end_named_after_the_start(text: str, start: str, end: str) -> None:
    got = _read(text)
    assert (str(got["start_date"]), str(got["end_date"])) == (start, end)


def test_a_day_after_the_start_that_ends_nothing_is_no_end() -> None:
    got = _read("£2k on Meta. Launch 1 April 2027, 31 May is the show.")
    assert (str(got["start_date"]), got["end_date"]) == ("2027-04-01", None)


# ---- Indonesian and Tagalog month names and lengths ('15 Maret – 15 April 2027', '1 Marso hanggang 30 Abril')
SEA_MONTHS: list[tuple[str, str, str, int]] = [
    (
        "Anggaran Rp 90.000.000 di Instagram. Periode: 15 Maret – 15 April 2027",
        "2027-03-15",
        "2027-04-15",
        32,
    ),
    ("Anggaran Rp 40.000.000. Periode: 1 Agustus sampai 30 September 2027", "2027-08-01", "2027-09-30", 61),
    (
        "Anggaran Rp 25.000.000 di TikTok. Mulai 1 Desember 2027 selama 4 minggu",
        "2027-12-01",
        "2027-12-28",
        28,
    ),
    ("Budget ₱500,000 on Facebook. 1 Marso hanggang 30 Abril 2027", "2027-03-01", "2027-04-30", 61),
    ("Budget ₱300,000 on TikTok. 1 Hunyo 2027, 30 araw", "2027-06-01", "2027-06-30", 30),
    ("Budget 40 lakh rupees on YouTube. 1 Agustus 2027 se 31 Agustus 2027", "2027-08-01", "2027-08-31", 31),
]


@pytest.mark.parametrize(("text", "start", "end", "days"), SEA_MONTHS)
def test_sea_month_names(text: str, start: str, end: str, days: int) -> None:
    got = _read(text)
    assert (str(got["start_date"]), str(got["end_date"]), got["duration_days"]) == (start, end, days)


def test_an_indonesian_date_is_no_count() -> None:
    assert _kpis("Anggaran Rp 90.000.000. Periode: 15 Maret – 15 April 2027. KPI: 500 pendaftaran") == [
        ("signups", 500.0)
    ]


# ---- rates named in other languages, as the ad platforms translate them
RATES_OTHER: list[tuple[str, list[tuple[str, float]]]] = [
    (
        "Budget 3.000 € für E-Mail. Ziel: Öffnungsrate 35 %, 300 Buchungen",
        [("conversions", 300.0), ("open_rate", 0.35)],
    ),
    ("Budget 2 000 € pour l'e-mail. Objectif : taux d'ouverture de 40 %", [("open_rate", 0.4)]),
    ("Presupuesto 2.000 € en email. Objetivo: tasa de apertura del 30%", [("open_rate", 0.3)]),
    ("Budget 20 000 kr för e-post. Mål: öppningsgrad 40 %", [("open_rate", 0.4)]),
    ("Budget 5.000 € su Google. Obiettivo: tasso di conversione del 3%", [("conversion_rate", 0.03)]),
    ("Budget 4 000 € sur Google. Objectif : taux de clics 2,5 %", [("ctr", 0.025)]),
    ("Budget 6.000 € auf Google. Ziel: Klickrate 3 %", [("ctr", 0.03)]),
    ("Budget € 3.000 op Google. Doel: klikfrequentie van 4%", [("ctr", 0.04)]),
]

# ---- revenue named in other languages (the amount is a target, not the budget)
REVENUE_OTHER: list[tuple[str, list[tuple[str, float]]]] = [
    ("Budget 5.000 € auf Google. Ziel: 50.000 € Umsatz", [("revenue", 50000.0)]),
    ("Budget 8 000 € sur Meta. Objectif : 80 000 € de chiffre d'affaires", [("revenue", 80000.0)]),
    ("Presupuesto 6.000 € en Meta. Objetivo: 100.000 € en ventas", [("revenue", 100000.0)]),
    ("Budget 40 000 kr på Facebook. Mål: omsättning 500 000 kr", [("revenue", 500000.0)]),
    ("Budżet 20 000 zł na Facebooku. Cel: przychód 200 000 zł", [("revenue", 200000.0)]),
    ("Budget 6.000 € su Meta. Obiettivo: fatturato di 60.000 €", [("revenue", 60000.0)]),
    ("Budget € 7.000 op Meta. Doel: € 90.000 omzet", [("revenue", 90000.0)]),
]

# ---- what happened last year, in other languages, is no target; a goal word after it turns to the target
PAST_OTHER: list[tuple[str, list[tuple[str, float]]]] = [
    ("Budget 5.000 € auf Meta. Letztes Jahr 40.000 € Umsatz, Ziel: 300 Buchungen", [("conversions", 300.0)]),
    (
        "Budget 5 000 € sur Meta. L'an dernier, 2 000 réservations. Objectif : 2 500 réservations",
        [("conversions", 2500.0)],
    ),
    (
        "Presupuesto 4.000 €. El año pasado vendimos 900 entradas; objetivo: 1.200 entradas",
        [("conversions", 1200.0)],
    ),
    ("Budget 30 000 kr. Förra året 400 bokningar, mål: 600 bokningar", [("conversions", 600.0)]),
    ("$5k on Meta. Last year 300 bookings, target 450 bookings", [("conversions", 450.0)]),
    ("Budget 3.000 € su Meta. L'anno scorso 500 ordini. Obiettivo: 700 ordini", [("conversions", 700.0)]),
]


@pytest.mark.parametrize(("text", "expected"), RATES_OTHER + REVENUE_OTHER + PAST_OTHER)
def test_rates_revenue_and_past_in_other_languages(text: str, expected: list[tuple[str, float]]) -> None:
    assert _kpis(text) == sorted(expected)


def test_revenue_target_is_not_the_budget() -> None:
    got = _read("Budget 5.000 € auf Google. Ziel: 50.000 € Umsatz")
    assert (got["budget_amount"], got["currency"]) == (5000.0, "EUR")


# ---- a count's multiplier in other languages ('2 mil reservas', '5 Tsd. Anmeldungen', '2,5k leads', '1 lakh')
MULTIPLIED: list[tuple[str, list[tuple[str, float]]]] = [
    ("Presupuesto 20.000 € en Meta. Objetivo: 2 mil reservas", [("conversions", 2000.0)]),
    ("Budget 30.000 € auf Meta. Ziel: 5 Tsd. Anmeldungen", [("signups", 5000.0)]),
    ("Budget 15.000 € op LinkedIn. Doel: 2,5k leads", [("leads", 2500.0)]),
    ("Budżet 50 000 zł na Facebooku. Cel: 3 tys. rejestracji", [("signups", 3000.0)]),
    (
        "Budget ₹20 lakh on YouTube for the FitPro app. Target: 1 lakh app downloads",
        [("conversions", 100000.0)],
    ),
    ("Orçamento 40.000 € no Instagram. Meta: 10 mil downloads", [("conversions", 10000.0)]),
]


@pytest.mark.parametrize(("text", "expected"), MULTIPLIED)
def test_count_multipliers(text: str, expected: list[tuple[str, float]]) -> None:
    assert _kpis(text) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Product: 'The Big Green Egg'\nBudget: $2k on Meta",
        'Event: "Jazz on the Green"\nBudget: £1k on Facebook',
        'Subject: "Your spring garden plan"\nBudget £1k on email',
        "Theme: 'Back to school'\nBudget £1k on Meta",
        '[9:03 AM] Dana: "Jazz on the Green"\n[9:04 AM] Dana: $500 on Meta',
        "Dana: 'Summer reading challenge'\nBudget: $500 on Meta",
        'Pesan "Paket Hemat Keluarga" sekarang juga, anggaran Rp 5.000.000 di Instagram',
    ],
)
def test_a_labelled_or_titled_quote_is_no_chat_message(text: str) -> None:
    assert _read(text)["key_messages"] == []


# ---- a count, then the price of each under a cap ('150 leads at £60 max', '1.200 Leads à 35 € max.')
OUTCOME_AT_CAP: list[tuple[str, list[tuple[str, float]]]] = [
    ("£8k on LinkedIn. Goal: 150 leads at £60 max", [("cpa", 60.0), ("leads", 150.0)]),
    ("$9k on Meta. Goal: 500 sign-ups at under $20", [("cpa", 20.0), ("signups", 500.0)]),
    ("Budget 20.000 € auf LinkedIn. KPI: 1.200 Leads à 35 € max.", [("cpa", 35.0), ("leads", 1200.0)]),
    (
        "Budget 6.000 € auf Google. Ziel: 300 Buchungen zu höchstens 25 €",
        [("conversions", 300.0), ("cpa", 25.0)],
    ),
    ("Presupuesto 9.000 € en Meta. Objetivo: 400 leads a 20 € máximo", [("cpa", 20.0), ("leads", 400.0)]),
    ("Budget € 7.000 op LinkedIn. Doel: 200 leads voor € 30 maximaal", [("cpa", 30.0), ("leads", 200.0)]),
    ("Budget 5.000 € su Meta. Obiettivo: 300 contatti a 15 € massimo", [("cpa", 15.0), ("leads", 300.0)]),
]


@pytest.mark.parametrize(("text", "expected"), OUTCOME_AT_CAP)
def test_outcome_at_a_capped_price(text: str, expected: list[tuple[str, float]]) -> None:
    assert _kpis(text) == sorted(expected)


def test_an_uncapped_price_after_a_count_is_no_cost_per() -> None:
    assert _kpis("$40k on Meta. Goal: 1,500 orders at $30") == [("conversions", 1500.0)]


# ---- the control group named in Polish, Swedish, Danish/Norwegian, Finnish and Indonesian
HOLDOUT_OTHER: list[tuple[str, float]] = [
    ("Budżet: 24 000 zł na Facebooku. Grupa kontrolna: 10%.", 0.1),
    ("Budget 40 000 kr för e-post. Kontrollgrupp: 15 %.", 0.15),
    ("Budget 30.000 kr. til e-mail. Kontrolgruppe: 20 %.", 0.2),
    ("Budsjett 50 000 kr på e-post. Kontrollgruppe på 5 %.", 0.05),
    ("Budjetti 8 000 € sähköpostiin. Kontrolliryhmä: 10 %.", 0.1),
    ("Anggaran Rp 50.000.000 untuk email. Kelompok kontrol: 20%.", 0.2),
]


@pytest.mark.parametrize(("text", "share"), HOLDOUT_OTHER)
def test_control_group_in_other_languages(text: str, share: float) -> None:
    assert _read(text)["holdout_pct"] == pytest.approx(share)
