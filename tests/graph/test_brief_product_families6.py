"""Product reading, round 6: the families behind the misses of held-out set 5, each tested on new briefs from other
industries and languages (labels in other languages, bare table rows, lettered RFP sections, Q&A in other
languages, a foreign type noun before a name, people who sign up for a scheme, 'for' inside a title, a business
in a place that speaks, a ticket's metadata)."""

from __future__ import annotations

import pytest

from graph.models.offline.handlers import extract_brief


def _product(text: str) -> str | None:
    got = extract_brief({"brief_text": text, "today": "2026-12-07"})
    return got["product"]


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Produit : Sérum Éclat Vitamine C (30 ml)\nBudget : 9 000 €\nCanaux : Instagram",
            "Sérum Éclat Vitamine C",
        ),
        (
            "Prodotto: Zaino Trekking Dolomiti 40L\nBudget: 7.000 €\nCanali: Instagram",
            "Zaino Trekking Dolomiti 40L",
        ),
        (
            "Produkt: Bergkäse Reserve 18 Monate\nBudget: 5.000 €\nKanäle: Instagram",
            "Bergkäse Reserve 18 Monate",
        ),
        ("Producto: Aceite Oro del Sur (500 ml)\nPresupuesto: 6.000 €", "Aceite Oro del Sur"),
        ("Produto: Café Serra Azul torrado\nVerba: R$ 20.000", "Café Serra Azul torrado"),
        ("Tuote: Revontuli villasukat\nBudjetti: 4 000 €", "Revontuli villasukat"),
        ("- produkt: Kávovar Brno Espresso\n- rozpočet: 80 000 Kč", "Kávovar Brno Espresso"),
    ],
)
def test_product_label_in_other_languages(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Product | Harbour Gin Advent Calendar\nBudget | £6,000\nChannels | Instagram",
            "Harbour Gin Advent Calendar",
        ),
        ("Offer | winter boiler service plan\nBudget | £3,000", "winter boiler service plan"),
        ("| Produkt | Fjällräv termoskanna |\n| Budget | 40.000 kr |", "Fjällräv termoskanna"),
        ("▸ product = mobile dog grooming visits\n▸ money = £1.5k", "mobile dog grooming visits"),
        ("► Product: Copperline Kettle 2\n► Budget: $9k", "Copperline Kettle 2"),
        ("‣ offer = first lesson free at Tide Surf School\n‣ budget = £800", "first lesson free"),
    ],
)
def test_product_in_bare_rows_and_arrow_bullets(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "SCOPE\nA. Background. We run 12 libraries.\nB. Product. 2027 Reader Card.\nC. Budget. $9,000.",
            "2027 Reader Card",
        ),
        (
            "TERMS\nA. Product. Coastal Rail Explorer Pass.\nB. Objective. 5,000 passes sold.",
            "Coastal Rail Explorer Pass",
        ),
        (
            "STATEMENT OF WORK\nA. Offer. Free home energy audits.\nB. Audience. Homeowners in Ohio.",
            "Free home energy audits",
        ),
        (
            "RFP\nC. Service. Harbor Ferry Commuter Card.\nD. Media budget. $20,000.",
            "Harbor Ferry Commuter Card",
        ),
        ("Brief\nB) Product. Sunfield Oat Milk Barista.\nC) Budget. €8,000.", "Sunfield Oat Milk Barista"),
        (
            "Notes\nA. Product. The Kinloch Whisky Trail Tour.\nB. Objective. 300 bookings.",
            "Kinloch Whisky Trail Tour",
        ),
    ],
)
def test_product_in_lettered_sections(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "P: ¿Producto? R: Turrón Artesano La Abuela\nP: ¿Presupuesto? R: 9.000 €",
            "Turrón Artesano La Abuela",
        ),
        ("P: Produto? R: Pão de Queijo Minas Gold\nP: Verba? R: R$ 15.000", "Pão de Queijo Minas Gold"),
        ("F: Produkt? A: Alpenglanz Skiwachs\nF: Budget? A: 3.000 €", "Alpenglanz Skiwachs"),
        ("D: Prodotto? R: Panettone Stella Milano\nD: Budget? R: 12.000 €", "Panettone Stella Milano"),
        ("V: Product?\nA: Noordzee Garnalen Box\nV: Budget?\nA: € 4.000", "Noordzee Garnalen Box"),
        ("Q: Product?\nA: Tidewater Kayak Tours\nQ: Budget?\nA: $2,000", "Tidewater Kayak Tours"),
    ],
)
def test_product_in_question_and_answer_forms(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("- produkt: kolekcja Złota Jesień (len + wełna)\n- budżet: 20 000 zł", "Złota Jesień"),
        (
            "Vogliamo promuovere il corso Risotto Milanese Base ai turisti a Milano. Budget 2.000 €.",
            "Risotto Milanese Base",
        ),
        (
            "Alpinschule Bayern möchte die Tour Watzmann Überschreitung für Bergsteiger verkaufen. Budget 9.000 €.",
            "Watzmann Überschreitung",
        ),
        (
            "Queremos promocionar el curso Cocina Vasca Esencial en Bilbao. Presupuesto 3.000 €.",
            "Cocina Vasca Esencial",
        ),
        (
            "Nous voulons promouvoir la collection Brume Marine auprès des Parisiennes. Budget 8 000 €.",
            "Brume Marine",
        ),
        ("Produkt: kollektion Nordlys Strik\nBudget: 30.000 kr", "Nordlys Strik"),
    ],
)
def test_foreign_type_noun_before_a_name(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "The Riverside Otter Trust wants 300 monthly sponsors for Adopt an Otter. Budget £2,000 on Facebook.",
            "Adopt an Otter",
        ),
        ("We need 500 backers for Loomcraft Mini this spring. Budget $4,000.", "Loomcraft Mini"),
        ("Looking for 60 adopters for Foster Paws Weekend. Budget $900 on Instagram.", "Foster Paws Weekend"),
        ("We want 1,000 supporters for Plant a Hedge this winter. Budget £1,200.", "Plant a Hedge"),
        ("Target 200 enrolments for Code Camp Junior. Budget $3,000 on Meta.", "Code Camp Junior"),
        ("We'd like 150 reservations for Sunset Sushi Cruise. Budget A$5,000.", "Sunset Sushi Cruise"),
    ],
)
def test_people_who_sign_up_for_a_named_scheme(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Our Bells for Centuries appeal is aimed at parishioners in Kent. Budget £750.",
            "Bells for Centuries appeal",
        ),
        (
            "Our Meals for Neighbours programme needs 200 volunteers. Budget £1,000.",
            "Meals for Neighbours programme",
        ),
        ("The Coats for Kids appeal runs all winter. We have $2,000 for Facebook.", "Coats for Kids appeal"),
        (
            "Please push our Laptops for Learners scheme to businesses. Budget £3k.",
            "Laptops for Learners scheme",
        ),
        ("Our Toys for Tots appeal wants 400 donations. Budget £900.", "Toys for Tots appeal"),
        (
            "We launch the Music for Memory programme in care homes. Budget €4,000.",
            "Music for Memory programme",
        ),
    ],
)
def test_for_inside_a_title_case_name(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Ubud Hideaway Villas in Bali wants to fill January with its Stay 4 Pay 3 offer. Budget $9,000.",
            "Stay 4 Pay 3 offer",
        ),
        (
            "Casa Lumo in Lisbon wants to sell its Sunset Terrace dinner package. Budget €3,000.",
            "Sunset Terrace dinner package",
        ),
        (
            "Harbour Yoga in Whitby needs sign-ups for our Sunrise Flow class pass. Budget £600.",
            "Sunrise Flow class pass",
        ),
        (
            "Alpen Lodge in Zermatt wants bookings for the Ski & Spa Weekend package. Budget CHF 10,000.",
            "Ski & Spa Weekend package",
        ),
        (
            "Green Fork in Austin is looking to promote its Taco Tuesday bundle. Budget $1,500.",
            "Taco Tuesday bundle",
        ),
        (
            "Bay Kayaks in Monterey wants to push its Sea Otter Tour. Budget $2,000 on Instagram.",
            "Sea Otter Tour",
        ),
    ],
)
def test_business_in_a_place_that_speaks_is_not_the_product(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "MKT-101 · New request\nReporter: Dana Kim (Lakeside Library)\nDescription:\nWe are promoting the Summer Reading Quest. Budget $800.",
            "Summer Reading Quest",
        ),
        (
            "Ticket 88\nAssignee: Omar Haddad\nNotes: please push the Cedar Sauna Pass to runners. Budget $1,200.",
            "Cedar Sauna Pass",
        ),
        (
            "Task: paid social\nRequester: Priya Nair\nWe want to sell the Monsoon Spice Box. Budget £700.",
            "Monsoon Spice Box",
        ),
        (
            "Transcript of Lena's voice note: hi, we're launching the Fjord Rain Shell and want 300 sales. Budget €5,000.",
            "Fjord Rain Shell",
        ),
        (
            "Voicemail from Rick: hey, we are pushing the Trailmaster 22 caravans coming in, wanna sell 30. Budget $20k.",
            "Trailmaster 22 caravans",
        ),
        (
            "Priority: High\nRaised by: Tom Ellis\nPlease promote the Brightwater Swim School crash course. Budget £500.",
            "Brightwater Swim School crash course",
        ),
    ],
)
def test_ticket_metadata_is_not_the_product(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "queremos vender el curso intensivo de flamenco. presupuesto 4.500 €",
            "curso intensivo de flamenco",
        ),
        (
            "vogliamo promuovere il corso di cucina toscana ai turisti. budget 2.000 €",
            "corso di cucina toscana",
        ),
        (
            "nous voulons vendre la formule brunch du dimanche aux familles. budget 3 000 €",
            "formule brunch du dimanche",
        ),
        (
            "queremos promocionar la oferta de verano para familias en Valencia. presupuesto 5.000 €",
            "oferta de verano",
        ),
        ("queremos promover o pacote fim de semana para casais. verba R$ 8.000", "pacote fim de semana"),
        (
            "queremos vender a assinatura cesta orgânica para famílias. verba R$ 6.000",
            "assinatura cesta orgânica",
        ),
    ],
)
def test_lowercase_offer_in_other_languages(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "need a campaign for our online will writing service. budget is £3,500.",
            "online will writing service",
        ),
        ("we want to promote our estate will service. budget £900", "estate will service"),
        ("push our mirror wills package to couples. budget £1,200", "mirror wills package"),
        ("promoting our will drafting clinics for over-60s. budget £400", "will drafting clinics"),
        ("please push our living will consultations to retirees. budget $2,000", "living will consultations"),
        ("campaign for our will writing plan. budget £700", "will writing plan"),
    ],
)
def test_will_as_a_noun_in_a_lowercase_offer(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("@channel push for our 2027 Season Ticket 🏏 (Wessex CCC)\n• budget £15k", "2027 Season Ticket"),
        ("Try our Summer Berry Smoothie 🍓 this June. Budget $900 on Instagram.", "Summer Berry Smoothie"),
        ("We're launching the Nightjar Headlamp 🔦 for trail runners. Budget £2,000.", "Nightjar Headlamp"),
        ("Promote the Harbour Fish Supper ⚓️ to families. Budget £500.", "Harbour Fish Supper"),
        ("Selling the Glow Lantern Kit ✨ for the holidays. Budget $1,200.", "Glow Lantern Kit"),
        ("push the Snowline Ski Pass ❄️ to students. budget €3,000", "Snowline Ski Pass"),
    ],
)
def test_an_emoji_closes_a_name(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Rafa: oi! campanha pro Açaí Bowl Tropical\nRafa: verba: USD 10.000", "Açaí Bowl Tropical"),
        ("Nous préparons une campagne pour le Pass Neige Famille. Budget 6 000 €.", "Pass Neige Famille"),
        ("Kampagne für die Rheinblick Weinprobe in Koblenz, Budget 4.000 €.", "Rheinblick Weinprobe"),
        (
            "Una campaña para la Ruta del Vino Rioja Alta en Logroño. Presupuesto 5.000 €.",
            "Ruta del Vino Rioja Alta",
        ),
        ("Campagna per il Menù Degustazione Laguna a Venezia, budget 3.000 €.", "Menù Degustazione Laguna"),
        ("Kampanj för Fjällstuga Helg i Åre, budget 50 000 kr.", "Fjällstuga Helg"),
    ],
)
def test_campaign_for_a_name_in_other_languages(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "granite ridge curling club. promoting the learn to curl league for beginners. budget $1,200",
            "learn to curl league",
        ),
        ("we want to push our learn to swim lessons for toddlers. budget £600", "learn to swim lessons"),
        ("promoting the learn-to-skate classes at the rink. budget $900", "learn-to-skate classes"),
        ("please promote our learn to row course to students. budget £400", "learn to row course"),
        ("selling the learn to sail weekend packages in cowes. budget £2k", "learn to sail weekend packages"),
        ("launching our learn to code bootcamp for career changers. budget $5,000", "learn to code bootcamp"),
    ],
)
def test_learn_to_offers(text: str, product: str) -> None:
    assert _product(text) == product


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "on veut pousser le plateau du mois (notre box abonnement fromage) à lyon. budget 6 000 €",
            "plateau du mois",
        ),
        (
            "queremos vender el menú del día (nuestro pack para oficinas) en Madrid. presupuesto 2.000 €",
            "menú del día",
        ),
        (
            "vogliamo promuovere il cesto del contadino (la nostra box di verdure) a Torino. budget 1.500 €",
            "cesto del contadino",
        ),
        (
            "on veut lancer le panier fraîcheur (une box de fruits) pour les bureaux. budget 3 000 €",
            "panier fraîcheur",
        ),
        (
            "queremos vender o kit churrasco (nosso pack de carnes) em Porto Alegre. verba R$ 5.000",
            "kit churrasco",
        ),
        (
            "we want to push the weekday lunch deal (our office catering box) to teams. budget £900",
            "weekday lunch deal",
        ),
    ],
)
def test_lowercase_offer_glossed_in_brackets_in_other_languages(text: str, product: str) -> None:
    assert _product(text) == product
