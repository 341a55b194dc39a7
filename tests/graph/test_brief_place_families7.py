"""Round 7 place and audience families, read through the offline engine's ``extract_brief``: nationality words in
English and other languages, states and regions in their own language, inflected place names, US/Canadian
'Town, ST', the company's own site as a distractor, a shared place name settled by the brief's other signals,
and audiences named by other languages' agent nouns (every sentence written for this test, none from a dataset)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from graph.models.offline.handlers import extract_brief
from graph.models.offline.parse import parse_brief


def _read(text: str) -> dict[str, Any]:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # English nationality words from countryinfo (beyond the hand list), before people
        ("Promote the Lumo lamp to Kenyan homeowners. Budget $4k on Facebook.", ["KE"]),
        ("Sell the Trek Pass to Australian couples on short breaks. Budget $9k.", ["AU"]),
        ("We want Chilean and Peruvian students to apply. Budget $6k on Instagram.", ["CL", "PE"]),
        ("Kenyans and Ugandans living abroad are who we want. Budget $3k.", ["KE", "UG"]),
        # other languages' adjectives after the noun (French, Spanish, Italian) and before it (German, Dutch)
        ("Audience : couples belges et suisses, 40–65 ans. Budget : 9 800 €.", ["BE", "CH"]),
        ("Público: turistas alemanes y franceses amantes del vino. Presupuesto: 7.000 €.", ["DE", "FR"]),
        ("Pubblico: clienti tedeschi e svizzeri. Budget: 5.000 €.", ["DE", "CH"]),
        ("Zielgruppe: deutsche und österreichische Kunden ab 40. Budget: 6.000 €.", ["DE", "AT"]),
        ("Doelgroep: Belgische ondernemers. Budget: 4.000 €.", ["BE"]),
    ],
)
def test_nationality_words_name_the_market(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


@pytest.mark.parametrize(
    "text",
    [
        "Our French fries are famous. Promote the Acme Widget to busy parents. Budget $5k.",
        "Promote fromages suisses pour les familles. Budget 5 000 €.",
        "Swiss cheese fans will love the Acme Grater. Budget $5k on Instagram.",
    ],
)
def test_nationality_word_not_before_people_names_no_market(text: str) -> None:
    assert _read(text)["countries"] == []


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # top-level subdivisions in the country's own language (pycountry)
        ("Zielgruppe: Weinliebhaber in Bayern und Österreich. Budget: 8.500 €.", ["DE", "AT"]),
        ("Zielgruppe: Familien in Tirol und Vorarlberg. Budget: 5.000 €.", ["AT"]),
        ("Pubblico: famiglie in Toscana e Umbria. Budget: 4.000 €.", ["IT"]),
        ("Målgruppe: boligejere i Midtjylland. Budget: 90.000 kr.", ["DK"]),
        ("Målgrupp: villaägare i Skåne och Dalarna. Budget: 80 000 kr.", ["SE"]),
        ("Sell the Ash Pro hurley to club players in Munster and Leinster. Budget €9k.", ["IE"]),
        ("Promote the Hill Pass to trampers in Otago and Southland. Budget NZ$8k.", ["NZ"]),
        # areas that are no subdivision: a peninsula, a language region
        ("Kampagne for Jylland: husejere med oliefyr. Budget: 60.000 kr.", ["DK"]),
        ("Zielgruppe: Paare in der Deutschschweiz. Budget: CHF 8'000.", ["CH"]),
    ],
)
def test_regions_in_their_own_language(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # Polish, Czech/Slovak, Croatian locatives; Finnish and Hungarian case endings; German dative
        ("Grupa docelowa: mężczyźni 30–50 w Warszawie i Krakowie. Budżet: 40 000 zł.", ["PL"]),
        ("Grupa docelowa: kobiety w Polsce i Niemczech. Budżet: 20 000 zł.", ["PL", "DE"]),
        ("Grupa docelowa: studenci w Gdańsku i Poznaniu. Budżet: 9 000 zł.", ["PL"]),
        ("Cieľová skupina: rodiny v Bratislave a v Košiciach. Rozpočet: 6 000 €.", ["SK"]),
        ("Kohderyhmä: perheet Helsingissä ja Tampereella. Budjetti: 7 000 €.", ["FI"]),
        ("Zielgruppe: Wanderer aus Deutschland und den Niederlanden. Budget: 5.000 €.", ["DE", "NL"]),
        ("Ciljna skupina: obitelji u Zagrebu. Proračun: 3.000 €.", ["HR"]),
    ],
)
def test_inflected_place_names(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Reach new families who moved to Franklin, TN this year. $800 on Facebook.", ["US"]),
        ("Promote the clinic to dentists in Fresno, CA and Reno, NV. Budget $12k.", ["US"]),
        ("Sell lift passes to skiers near Whistler, BC. Budget $20k.", ["CA"]),
        ("Pet owners in Boise, ID are who we want. Budget $3k.", ["US"]),
        ("Target shops in Portland, OR and Seattle, WA. Budget $9k on LinkedIn.", ["US"]),
        ("Promote the Bagel Box to office managers in Halifax, NS. Budget $4k.", ["CA"]),
    ],
)
def test_town_with_state_code(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


def test_state_code_after_a_word_that_is_no_town_is_no_place() -> None:
    assert (
        _read("Hi Sam, Thanks, OK. Promote the Acme Widget to busy parents. Budget $5k.")["countries"] == []
    )


@pytest.mark.parametrize(
    ("text", "countries", "unused"),
    [
        (
            "Launch the CoboWeld 7 to production managers in Europe. Budget EUR 50k. Our Stuttgart plant "
            "employs 320 people.",
            [],
            "Our Stuttgart plant employs 320 people.",
        ),
        (
            "Sell the Pipe Pro to plumbers in Ireland. Budget €8k. Our Leeds office handles the orders.",
            ["IE"],
            "Our Leeds office handles the orders.",
        ),
        (
            "Promote the Sourdough Club to foodies in Manchester. Budget £3k. Their Bristol bakery opened in "
            "1999.",
            ["GB"],
            "Their Bristol bakery opened in 1999.",
        ),
        (
            "Reach gamers in Canada. Budget $10k. Our Austin studio has 40 developers.",
            ["CA"],
            "Our Austin studio has 40 developers.",
        ),
        (
            "Sell the Eco Boiler to homeowners in Scotland. Budget £20k. Our Dublin warehouse ships it.",
            ["GB"],
            "Our Dublin warehouse ships it.",
        ),
        (
            "Promote the Lager Duo to bar owners in Germany. Budget €6k. Our Prague brewery dates from 1840.",
            ["DE"],
            "Our Prague brewery dates from 1840.",
        ),
    ],
)
def test_the_company_site_is_not_a_market(text: str, countries: list[str], unused: str) -> None:
    got = _read(text)
    assert got["countries"] == countries
    assert unused in parse_brief(text, date(2026, 12, 7)).unused


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # a name several places share, settled by the other places or the currency
        ("Sell the RamSelect test to sheep farmers in Canterbury and Southland. Budget NZ$16k.", ["NZ"]),
        ("Sell the RamSelect test to sheep farmers in Canterbury and Otago.", ["NZ"]),
        ("Promote the Kent Card to families in Canterbury and Whitstable. Budget £4k.", ["GB"]),
        ("Promote the Kent Card to families in Canterbury. Budget £4k.", ["GB"]),
        ("Promote the Kiwi Card to families in Canterbury. Budget NZ$4k.", ["NZ"]),
        ("Promote the Ute Guard to farmers in Waikato and Canterbury. Budget $9k.", ["NZ"]),
    ],
)
def test_shared_name_settled_by_other_signals(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        # other languages' agent nouns and the prepositions before them
        (
            "Queremos promocionar el Curso B2 para universitarios en Madrid y Valencia. Presupuesto: 6.000 €.",
            "universitarios en Madrid y Valencia",
        ),
        (
            "Vorremmo lanciare l'Olio Nuovo per ristoratori e buongustai in Germania. Budget: 12.000 €.",
            "ristoratori e buongustai in Germania",
        ),
        (
            "Queremos vender la Mochila Ruta a compradores jóvenes en Chile. Presupuesto: 5.000 USD.",
            "compradores jóvenes en Chile",
        ),
        (
            "Nous voulons promouvoir la Carte Vélo auprès des voyageurs à Lyon. Budget : 3 000 €.",
            "voyageurs à Lyon",
        ),
        (
            "Solpanel Max: kampanjen riktar sig till villaägare i Skåne. Budget: 80 000 kr.",
            "villaägare i Skåne",
        ),
        (
            "Reach new families who moved to Franklin, TN this year. $800 on Facebook.",
            "new families who moved to Franklin, TN this year",
        ),
    ],
)
def test_audience_in_other_languages(text: str, audience: str) -> None:
    assert _read(text)["audience"] == audience


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # a nationality word before people who live elsewhere names a diaspora: the market is where they live
        ("Christmas push for SendHome, Filipino nurses and carers in the UK. £25k on Facebook.", ["GB"]),
        ("Promote the Anadolu Card to Turkish families living in Germany. Budget €9k.", ["DE"]),
        ("Sell the Desi Box to Indian students in Canada and the US. Budget $7k.", ["CA", "US"]),
        ("Reach Polish builders working in Ireland with the Zloty Transfer app. Budget €5k.", ["IE"]),
        ("Brazilian expats across Portugal are who we want. Budget €4k.", ["PT"]),
        ("Promote the Kenyan Tea Club to Kenyan nurses in Australia. Budget A$6k.", ["AU"]),
    ],
)
def test_diaspora_lives_where_the_place_says(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Epiphany in other languages
        ("On lance la Galette des Rois pour l'Épiphanie. Cible : familles à Lyon.", "epiphany"),
        ("Promote the Roscón Clásico for Día de Reyes to families in Madrid.", "epiphany"),
        ("Vorremmo promuovere le calze della Befana per famiglie a Roma.", "epiphany"),
    ],
)
def test_epiphany_in_other_languages(text: str, theme: str | None) -> None:
    assert _read(text)["theme"] == theme


@pytest.mark.parametrize(
    ("text", "unused"),
    [
        # the items of a run-on list: an item that states no fact is shown back
        (
            "guided hunt packages for out of state hunters, 6500 usd on google and facebook, 40 booked hunts, "
            "sept 2027, lodge sleeps 12",
            "lodge sleeps 12",
        ),
        (
            "tasting menu for foodies in leeds, £4k on instagram, 300 bookings, march 2027, chef has 2 stars",
            "chef has 2 stars",
        ),
        (
            "gala tickets to opera lovers in vienna, €20k on facebook, 900 tickets, the house has 1,200 seats",
            "the house has 1,200 seats",
        ),
        # a lowercase sentence after a full stop
        (
            "on veut pousser le plateau du mois auprès des foodies à lyon. budget 6 000 €. la boutique existe "
            "depuis 1987",
            "la boutique existe depuis 1987",
        ),
        (
            "promote the kayak tours to families in cornwall. £2k on facebook. we have 14 kayaks in the shed",
            "we have 14 kayaks in the shed",
        ),
        (
            "sell the hoodie to students in bristol. budget £1k on tiktok. our printer is in a garage",
            "our printer is in a garage",
        ),
    ],
)
def test_echo_weighs_list_items_and_lowercase_sentences(text: str, unused: str) -> None:
    assert unused in parse_brief(text, date(2026, 12, 7)).unused


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # a town whose name is a common word is a place only after a place preposition
        (
            "Sell the Snow Tour to adventure travellers in the US. Budget $9k. Tours leave from our base.",
            ["US"],
        ),
        ("Promote the Loire Pass to couples in Tours and Orléans. Budget €4k.", ["FR"]),
    ],
)
def test_word_towns(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # a body named by its place writes the brief; the market is the people's place
        ("Marlborough tourism catch-up\n- Who for: Australian couples on short breaks\n- NZD 22k", ["AU"]),
        ("Otago tourism brief: promote the Rail Trail to Australian cyclists. Budget NZ$9k.", ["AU"]),
        ("Kerry County Council wants to reach families in Dublin. Budget €5k.", ["IE"]),
        ("Lisbon chamber of commerce: promote the Expo to Spanish retailers. Budget €8k.", ["ES"]),
        ("Yorkshire tourist board: promote walking breaks to families in London. Budget £6k.", ["GB"]),
        ("Visit the Bath tourism stand. Promote the spa pass to couples in France. Budget €6k.", ["FR"]),
    ],
)
def test_a_body_named_by_its_place_is_not_the_market(text: str, countries: list[str]) -> None:
    assert _read(text)["countries"] == countries


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        # plural acronyms that name people
        (
            "Carlo: Padala Fast promo for OFWs in Singapore and Hong Kong sending money home\nCarlo: PHP 2.5m on Facebook",
            "OFWs in Singapore and Hong Kong sending money home",
        ),
        ("Reach IFAs across the UK with the Pension Pro guide. Budget £8k.", "IFAs across the UK"),
        ("Campaign aimed at HNWIs in Singapore. Budget S$20k on LinkedIn.", "HNWIs in Singapore"),
        ("Audience: GPs in Scotland. Budget £5k on LinkedIn.", "GPs in Scotland"),
        ("The Remit Card is for NRIs in Dubai. Budget AED 40k.", "NRIs in Dubai"),
        ("Targeting HCPs in Ontario. Budget $9k on LinkedIn.", "HCPs in Ontario"),
    ],
)
def test_acronym_people(text: str, audience: str) -> None:
    assert _read(text)["audience"] == audience


def test_counted_acronyms_are_not_people() -> None:
    got = _read("We want more KPIs in the report. Promote the Acme Widget to busy parents.")
    assert got["audience"] == "busy parents"
