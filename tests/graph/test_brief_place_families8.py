"""Round 8 families for the audience, the markets and the echo, read through ``extract_brief``: each family holds
sentences written for it in other industries, word orders and languages than the briefs it was found in."""

from __future__ import annotations

from typing import Any

import pytest

from graph.models.offline.handlers import extract_brief


def _read(text: str) -> dict[str, Any]:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})


# ---- a people noun with an age or a place after it: never a currency code, '-goers' are people ---------------------
@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("Trail shoes for men 40-60 in Colorado, $8k on Facebook.", "men 40-60 in Colorado"),
        ("Yoga retreat for women 30-50 in Bristol, £4k on Instagram.", "women 30-50 in Bristol"),
        ("Hearing aids for seniors 65-80 in Ohio, $9k on Facebook.", "seniors 65-80 in Ohio"),
        ("Vinyl night pass for concert-goers in Leeds, £600 on Instagram.", "concert-goers in Leeds"),
        ("Season tickets for theatregoers in Chicago, $5k on Meta.", "theatregoers in Chicago"),
        ("Late-night menu for club-goers in Dublin, €900 on TikTok.", "club-goers in Dublin"),
    ],
)
def test_people_with_an_age_or_place_tail(text: str, audience: str) -> None:
    assert _read(text)["audience"] == audience


# ---- audiences in other languages: adults and beginners, Nordic agent nouns, an age after a comma ------------------
@pytest.mark.parametrize(
    ("text", "audience", "countries"),
    [
        (
            "Queremos vender el curso de cerámica para adultos principiantes en Valencia y Murcia. "
            "Presupuesto 3.000 € en Instagram.",
            "adultos principiantes en Valencia y Murcia",
            ["ES"],
        ),
        (
            "Nous lançons le cours de yoga pour les adultes débutants à Lyon. Budget 2 000 € sur Instagram.",
            "adultes débutants à Lyon",
            ["FR"],
        ),
        (
            "Corso di ceramica per adulti principianti a Milano e Torino, budget 2.000 € su Instagram.",
            "adulti principianti a Milano e Torino",
            ["IT"],
        ),
        (
            "brief för Fjällstav Pro: löpare i Sverige och Finland, 30–50 år. budget 40 000 SEK, Facebook.",
            "löpare i Sverige och Finland, 30–50 år",
            ["SE", "FI"],
        ),
        (
            "kampanje for Turski Lett: langrennsløpere i Norge og Danmark, 25–55 år. budsjett 60 000 NOK, Facebook.",
            "langrennsløpere i Norge og Danmark, 25–55 år",
            ["NO", "DK"],
        ),
        (
            "[09:14] Sam: público: familias de México y Colombia, 30 a 50 años\n"
            "[09:15] Sam: presupuesto USD 20,000 — Facebook",
            "familias de México y Colombia, 30 a 50 años",
            ["MX", "CO"],
        ),
        (
            "Ana: público: estudantes de Portugal e Espanha, 18 a 25 anos\nAna: orçamento 4.000 € no Instagram",
            "estudantes de Portugal e Espanha, 18 a 25 anos",
            ["PT", "ES"],
        ),
    ],
)
def test_audiences_in_other_languages(text: str, audience: str, countries: list[str]) -> None:
    got = _read(text)
    assert (got["audience"], sorted(got["countries"])) == (audience, sorted(countries))


# ---- an abbreviation's full stop ends no audience; a metro area of two towns is a market ---------------------------
@pytest.mark.parametrize(
    ("text", "audience", "countries"),
    [
        (
            "We're looking for anglers in the Tampa-St. Petersburg area. Budget $3,000 on Facebook.",
            "anglers in the Tampa-St. Petersburg area",
            ["US"],
        ),
        (
            "The clinic wants runners in the Raleigh-Durham area. Budget $5,000 on Instagram.",
            "runners in the Raleigh-Durham area",
            ["US"],
        ),
        (
            "Audience: students in Kitchener-Waterloo. CAD 4,000 on TikTok.",
            "students in Kitchener-Waterloo",
            ["CA"],
        ),
        (
            "Promote the spa to couples in St. Louis and Kansas City, $6k on Meta.",
            "couples in St. Louis and Kansas City",
            ["US"],
        ),
        (
            "We want families near Mt. Pleasant in South Carolina. Budget $2,500 on Facebook.",
            "families near Mt. Pleasant in South Carolina",
            ["US"],
        ),
        (
            "Audience: commuters in the Leeds-Bradford area. £2,000 on Facebook.",
            "commuters in the Leeds-Bradford area",
            ["GB"],
        ),
    ],
)
def test_abbreviations_and_metro_areas(text: str, audience: str, countries: list[str]) -> None:
    got = _read(text)
    assert (got["audience"], got["countries"]) == (audience, countries)


# ---- a label's second word and a colon that names the people: the people after it, not the label -------------------
@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "Target audiens: young mums in Medan and Bandung\nAnggaran: Rp 90.000.000",
            "young mums in Medan and Bandung",
        ),
        (
            "Target group: nurses in Manchester and Salford\nBudget: £3,000",
            "nurses in Manchester and Salford",
        ),
        (
            "The hospice is looking for volunteers: retired teachers and nurses in Kent. Budget £1,500 on Facebook.",
            "retired teachers and nurses in Kent",
        ),
        (
            "The gym is after members: shift workers and students near Salford. £900 on Instagram.",
            "shift workers and students near Salford",
        ),
        (
            "The record fair is for collectors: vinyl buyers aged 30-55 in Berlin and Munich. €2,000 on Meta.",
            "vinyl buyers aged 30-55 in Berlin and Munich",
        ),
        (
            "Our campaign for the Lumo bike light is aimed at riders: commuters who cycle in Utrecht. €3,000 on Meta.",
            "commuters who cycle in Utrecht",
        ),
    ],
)
def test_a_colon_names_the_people(text: str, audience: str) -> None:
    assert _read(text)["audience"] == audience


# ---- a money or KPI line after 'Target:' is no audience ------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "We're launching the Kauri serum to skincare fans in Korea. Target: NZ$80,000 revenue at ROAS 4.",
        "We're launching the Kauri serum to skincare fans in Korea. Target: A$50k in sales.",
        "We're launching the Kauri serum to skincare fans in Korea. Target: HK$200,000 revenue.",
        "We're launching the Kauri serum to skincare fans in Korea. Target: US$30k revenue, ROAS 3.",
        "We're launching the Kauri serum to skincare fans in Korea. Target: ₩90,000,000 in sales.",
        "We're launching the Kauri serum to skincare fans in Korea. Target: R$40 mil em vendas.",
    ],
)
def test_money_after_target_is_no_audience(text: str) -> None:
    assert _read(text)["audience"] == "skincare fans in Korea"


# ---- where the company works, a person's name, a day's name and a form label are not markets ----------------------
@pytest.mark.parametrize(
    ("text", "countries"),
    [
        (
            "Sell the Ochre throw to renters in Germany. Budget €4,000 on Meta. Our workshop near Porto has 12 weavers.",
            ["DE"],
        ),
        (
            "Vendemos el aceite a cocineros en Francia. Presupuesto 5.000 € en Meta. Nuestra fábrica está en Jaén.",
            ["FR"],
        ),
        (
            "Cours de poterie pour adultes en Belgique. Budget 2 000 € sur Meta. Notre atelier à Lyon emploie 8 personnes.",
            ["BE"],
        ),
        (
            "Promote the Rye Loaf box to foodies in Scotland. £1,000 on Instagram. We bake in Leeds every night.",
            ["GB"],
        ),
        (
            "Assignee: Austin · Due: Mar 3\nPromote the Fern planter to gardeners in Ohio, $2k on Pinterest.",
            ["US"],
        ),
        (
            "Walkers aged 50+ from Spain and Italy, €6,000 on Meta. Note: closed 24 June (San Juan).",
            ["ES", "IT"],
        ),
        ("- Target: cyclists in Austria\n- Tema: Primavera\n- Budget: € 3.000", ["AT"]),
    ],
)
def test_places_that_are_not_the_market(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


# ---- a title line's campaign noun: the places after it are the market ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Pendel 7E push UK & Ireland\nBudget £5,000 on Meta, 300 orders.", ["GB", "IE"]),
        ("Nordlys Sauna launch Norway and Sweden\nBudget 50 000 NOK on Facebook, 200 orders.", ["NO", "SE"]),
        ("Halo Lamp rollout France + Belgium\nBudget €8,000 on Meta, 200 orders.", ["FR", "BE"]),
        ("Kiwi Crunch promo Australia & New Zealand\nBudget A$6,000 on Meta, 500 orders.", ["AU", "NZ"]),
        ("Trailhead Boots campaign Canada and US\nBudget $9,000 on Meta, 400 orders.", ["CA", "US"]),
        ("Spring promo Lisbon Saver fare\nBudget €5,000 on Meta, 100 bookings.", []),
    ],
)
def test_places_after_a_campaign_noun(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


# ---- the people a verb of reaching names, not the clause around them; not the product before them ------------------
@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "- Agreed: Hearth campaign, encouraging first-time buyers in Wales to talk to a broker\n- Money: £5k",
            "first-time buyers in Wales",
        ),
        (
            "Spring drive, inviting retired nurses in Kent to volunteer at the hospice. £2k on Facebook.",
            "retired nurses in Kent",
        ),
        ("Notes: Oat Bar push, getting students in Leeds to try it. £1k on TikTok.", "students in Leeds"),
        ("Helping small landlords in Cork to switch insurer, €3k on Meta.", "small landlords in Cork"),
        (
            "Tallyho wants 300 sign-ups for its Desk Day passes from remote workers in Bristol and Bath. £2k on Meta.",
            "remote workers in Bristol and Bath",
        ),
        (
            "Harbour Hall wants 80 bookings for its Quiet Room retreats from carers in Cork and Galway. €4k on Meta.",
            "carers in Cork and Galway",
        ),
    ],
)
def test_people_a_verb_or_product_names(text: str, audience: str) -> None:
    assert _read(text)["audience"] == audience


# ---- lowercase towns after the place words of other languages ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("atelier poterie pour adultes à lyon et villeurbanne, budget 2 000 €, instagram", ["FR"]),
        ("cours de cuisine à marseille, budget 1 500 €, facebook", ["FR"]),
        ("curso de surf para jóvenes en valencia y alicante, presupuesto 3.000 €, instagram", ["ES"]),
        ("aulas de dança para adultos em lisboa e porto, orçamento 2.000 €, instagram", ["PT"]),
        ("Yogakurs für Frauen in münchen und augsburg, Budget 2.000 €, Instagram", ["DE"]),
        ("löparkurs för nybörjare i göteborg och malmö, budget 30 000 SEK, facebook", ["SE"]),
    ],
)
def test_lowercase_towns_in_other_languages(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


# ---- the echo: a sentence after a closing quote or bracket is its own sentence -------------------------------------
@pytest.mark.parametrize(
    ("text", "unused"),
    [
        (
            "Promote the Aria kettle to students in Leeds, £2k on Meta. Message ‘Boil less’. we sold 900 last year",
            "we sold 900 last year",
        ),
        (
            'Promote the Aria kettle to students in Leeds, £2k on Meta. Message "Boil less". our shop opened in 2009',
            "our shop opened in 2009",
        ),
        (
            "Promote the Aria kettle to students in Leeds, £2k on Meta (all in). the founder is a chemist by training",
            "the founder is a chemist by training",
        ),
        (
            "Promote the Aria kettle to students in Leeds, £2k on Meta. Tagline “Boil less”. last spring went well fwiw",
            "last spring went well fwiw",
        ),
        (
            "Promote the Aria kettle to students in Leeds, £2k on Meta. Key message 'Boil less'. the old kettle sold out twice",
            "the old kettle sold out twice",
        ),
        (
            "Promote the Aria kettle to students in Leeds, £2k on Meta. Say 'Boil less'! our team is five people",
            "our team is five people",
        ),
    ],
)
def test_echo_after_a_quote(text: str, unused: str) -> None:
    from graph.brief.echo import unused_sentences
    from graph.contracts import BriefFact

    got = _read(text)
    facts = [BriefFact.model_validate(f) for f in got["facts"]]
    assert unused in unused_sentences(text, facts)


# ---- a list line of people: its relative clause goes on after a comma; a bracket after the product lists things ---
@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "* Campaign for: Tool Library membership (drills, ladders and pressure washers to borrow)\n"
            "* Families who rent in Hull, and don't own a car\n* £800 total",
            "Families who rent in Hull, and don't own a car",
        ),
        (
            "- Calmly app\n- Parents who live in Cork, and never get a full night's sleep\n- €2k on Meta",
            "Parents who live in Cork, and never get a full night's sleep",
        ),
        (
            "- Flat-pack desk\n- Students that rent in Glasgow, but have no car\n- £2k on Meta",
            "Students that rent in Glasgow, but have no car",
        ),
        (
            "- Budget app\n- Freelancers who invoice clients in Berlin, and want to save tax\n- €4k on LinkedIn",
            "Freelancers who invoice clients in Berlin, and want to save tax",
        ),
        (
            "- Night bus pass (trams, buses and ferries included)\n- Nurses who work nights in Leeds\n- £900 on Meta",
            "Nurses who work nights in Leeds",
        ),
        (
            "- Kit hire (tents, stoves and water filters to rent)\n- Scouts leaders in Devon, and also parents\n- £500",
            "Scouts leaders in Devon",
        ),
    ],
)
def test_list_line_people(text: str, audience: str) -> None:
    assert _read(text)["audience"] == audience
