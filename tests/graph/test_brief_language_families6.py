"""Round 6 families, read through the offline engine's ``extract_brief``: audiences, places and themes in the
languages briefs arrive in, places that are not markets (ruled out, where the business sits, greetings from home),
and background sentences about an occasion. Every brief is new and from industries the dev sets do not use."""

from __future__ import annotations

from typing import Any

import pytest

from graph.models.offline.handlers import extract_brief


def _read(text: str) -> dict[str, Any]:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})


# ---- audience introduced by a preposition or label in another language ------------------------------------------
@pytest.mark.parametrize(
    ("text", "audience"),
    [
        (
            "Wir möchten die Steuer-App Belegfix bei Selbstständigen und Freiberuflern in Hamburg bewerben. "
            "Budget: 9.000 € für LinkedIn.",
            "Freiberuflern in Hamburg",
        ),
        (
            "Nous voulons présenter la mutuelle Santéo auprès des retraités de Bretagne et de Normandie. "
            "Budget : 12 000 € sur Facebook.",
            "retraités de Bretagne et de Normandie",
        ),
        (
            "Vogliamo promuovere il nuovo abbonamento palestra FitNord ai giovani 18-30 anni di Torino. "
            "Budget € 5.000 su Instagram.",
            "giovani 18-30 anni di Torino",
        ),
        (
            "La Bodega Sierra quiere vender su vermut artesano a aficionados al vermut de 30 a 60 años en Valencia. "
            "Presupuesto: 6.000 € en Instagram.",
            "aficionados al vermut de 30 a 60 años en Valencia",
        ),
        (
            "A Livraria Sol quer lançar o clube do livro para pais e mães de crianças pequenas em Lisboa. "
            "Orçamento: 3.000 € no Facebook.",
            "pais e mães de crianças pequenas em Lisboa",
        ),
        (
            "- produkt: kurs pieczenia chleba\n- grupa docelowa: miłośnicy pieczenia 25-55 w Krakowie\n"
            "- budżet: 8 000 zł\n",
            "miłośnicy pieczenia 25-55 w Krakowie",
        ),
        (
            "Ana: olá\nAna: público: enfermeiros e médicos recém-formados no Porto\nAna: orçamento 2.000 €\n",
            "enfermeiros e médicos recém-formados no Porto",
        ),
        (
            "Die Tanzschule Schwung möchte den Salsa-Kurs bei Eltern von Schulkindern in Köln und Bonn bewerben. "
            "Budget 2.500 EUR auf Instagram.",
            "Eltern von Schulkindern in Köln und Bonn",
        ),
    ],
)
def test_audience_in_other_languages(text: str, audience: str) -> None:
    got = _read(text)["audience"]
    assert got is not None
    assert audience.lower() in got.lower()
    assert len(got) <= len(audience) + 30


@pytest.mark.parametrize(
    "text",
    [
        "Queremos captar socios para la nueva tarifa Fibra 600. Presupuesto 10.000 € en Google Ads.",
        "Vogliamo aumentare le vendite del panettone Milano Dolce. Budget € 4.000 su Instagram.",
        "Nous lançons la gamme Savonnerie Douce. Budget 3 000 € sur Instagram.",
    ],
)
def test_our_own_sentence_in_another_language_names_no_audience(text: str) -> None:
    """A sentence opening with 'we' in another language is the brief's own voice, not a list of people."""
    got = _read(text)["audience"]
    assert got is None or not got.lower().startswith(("queremos", "vogliamo", "nous"))


# ---- themes named in other languages, and named holidays --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Campaña de Navidad para el turrón Almendra Real, 5.000 € en Instagram.", "christmas"),
        ("Kampagne zu Ostern für die Schokohasen von Süßwerk, 4.000 € auf Facebook.", "easter"),
        ("Offerta per San Valentino sul set cena Amore, € 2.000 su Instagram.", "valentine's day"),
        ("Promoção de verão para o protetor solar Maresia, 3.000 € no Instagram.", "summer"),
        ("Promo Walentynki: zestaw perfum Róża, 6 000 zł na Facebooku.", "valentine's day"),
        (
            "Push the Remembrance Sunday poppy appeal to supporters in Devon. £1,000 on Facebook.",
            "remembrance sunday",
        ),
        ("Raise funds for the food bank over Lent from parishioners in Leeds. £500 on Facebook.", "lent"),
        ("Skiverleih Alpin für die Wintersaison an Familien in Tirol, 7.000 € auf Instagram.", "winter"),
        ("when: fall, Sept 20 – Nov 20 2027\nproduct: CozyCoat dog jackets\nbudget: $4,000 on Meta", "fall"),
    ],
)
def test_theme_in_other_languages_and_named_holidays(text: str, theme: str) -> None:
    assert _read(text)["theme"] == theme


@pytest.mark.parametrize(
    "text",
    [
        "Sell the Bridal Glow facial to brides in Leeds. £2,000 on Instagram. Wedding season peaks in June.",
        "Promote the Tax Helper app to freelancers in Bristol. £1,500 on Google. Tax season peaks in January.",
        "We lent our van to the food bank last year. Promote the Veggie Box to families in Hull, £800 on Facebook.",
    ],
)
def test_occasion_in_a_background_sentence_is_not_the_theme(text: str) -> None:
    assert _read(text)["theme"] is None


# ---- places: inflected and foreign names, places ruled out, where the business sits -------------------------------
@pytest.mark.parametrize(
    ("text", "countries"),
    [
        (
            "- Doelgroep: gezinnen met jonge kinderen\n- Markten: Duitsland en Frankrijk (niet België)\n"
            "- Budget: € 5.000",
            ["DE", "FR"],
        ),
        (
            "Sell the Trail Runner 3 to runners in Spain and Italy, excluding Portugal. €6,000 on Instagram.",
            ["ES", "IT"],
        ),
        (
            "Q: Who? A: yoga travellers 25-45 from Canada and the US\nQ: Budget? A: USD 9,000\n"
            "Q: Location? A: Bali, Indonesia (not a target market)",
            ["CA", "US"],
        ),
        (
            "Greetings from Lisbon! Casa Azul Ceramics wants to sell its Tile Mug set to design lovers in Germany "
            "and Austria. Budget €4,000 on Instagram.",
            ["DE", "AT"],
        ),
        (
            "Alpine Glow Spa in Zermatt wants to promote the Snow Retreat to couples in the UK and Ireland. "
            "Budget £7,000 on Instagram.",
            ["GB", "IE"],
        ),
        (
            "Promote the Seoul Food Walk to food lovers in Australia and New Zealand planning a trip to Korea. "
            "Budget AUD 10,000 on Instagram.",
            ["AU", "NZ"],
        ),
    ],
)
def test_places_that_are_not_markets(text: str, countries: list[str]) -> None:
    assert sorted(_read(text)["countries"]) == sorted(countries)
