"""Rule families found by running marketers' briefs on brands the tests had never seen (sentences written here)."""

from __future__ import annotations

import pytest

from graph.brief.focus import resolve_product
from graph.models.offline.handlers import extract_brief
from graph.runtime.settings import REPO_ROOT
from guards.library import load_library


def _x(text: str) -> dict[str, object]:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})


@pytest.mark.parametrize(
    "text",
    [
        "For Q1 we want to grow trials of our analytics suite among CFOs in Canada.",
        "In January we would like more bookings from families in Leeds.",
        "Next spring we need sign-ups from runners in Denver.",
        "Over the summer holidays we want footfall from parents in Bristol.",
    ],
)
def test_a_time_phrase_opening_a_brief_is_never_the_product(text: str) -> None:
    product = _x(text)["product"]
    assert product is None or not str(product).lower().startswith(("for ", "in ", "next ", "over "))


@pytest.mark.parametrize(
    "text",
    [
        "Budget $5k. Please hold out 15% of the target accounts as a control group.",
        "Budget $5k. Keep 10% of target customers back as a control group.",
        "Budget $5k. Hold back 20% of the customers we reach as a holdout.",
    ],
)
def test_the_holdout_clause_is_not_the_audience(text: str) -> None:
    got = _x(text)
    assert got["audience"] is None and got["holdout_pct"] is not None


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("The Aria kettle, aiming at first-time buyers. Budget £3k.", "first-time buyers"),
        ("The Aria kettle, geared towards students in halls. Budget £3k.", "students in halls"),
        ("The Aria kettle, targeted at office managers. Budget £3k.", "office managers"),
        ("The Aria kettle, pitched at new parents. Budget £3k.", "new parents"),
    ],
)
def test_audiences_introduced_by_aiming_gearing_targeting_or_pitching(text: str, audience: str) -> None:
    assert _x(text)["audience"] == audience


def test_a_product_types_proper_name_in_the_brief_is_the_product_when_no_phrase_names_one() -> None:
    library = load_library(REPO_ROOT / "evals" / "datasets" / "claims_brands" / "aeroliss")
    brief = "we need bookings on the London route over summer for Business Flex, frequent flyers, £80k."
    product, fact = resolve_product(library, None, brief)
    assert product == "Business Flex" and fact is not None and "business" in fact.value
    # a generic word of the same product ('business') is not a name: nothing is made up
    assert resolve_product(library, None, "Small business owners in Leeds, £5k, email.") == (None, None)


def test_a_kind_of_product_the_library_sells_named_after_a_promotion_cue_is_the_product() -> None:
    library = load_library(REPO_ROOT / "evals" / "datasets" / "claims_brands" / "pawtree")
    brief = "Quick one: spring push for the grain-free puppy kibble, €12.000 budget, Instagram, Germany."
    product, fact = resolve_product(library, None, brief)
    assert product == "grain-free puppy kibble" and fact is not None and "'kibble'" in fact.value
    # the same word without a promotion cue ('owners who buy treats') names no product
    assert resolve_product(library, None, "£5k for dog owners in Leeds who buy treats online.") == (
        None,
        None,
    )


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("LNY promo for the Kids Plus plan in SG and MY, S$20k.", "lunar new year"),
        ("CNY campaign: mooncake gift tins, HK$80k, Instagram.", "chinese new year"),
        ("BFCM push for the Aria kettle, UK, £5k, email.", "black friday"),
        ("BTS 2027 - backpacks and lunch boxes, $12k, Meta.", "back to school"),
        ("NYE party packages at the Harbour hotel, £9k, paid social.", "new year's eve"),
        ("EOFY sale on standing desks across Australia, A$30k.", "end of tax year"),
        # lower case is a word of the sentence, never an abbreviation
        ("bts footage of our bakery for the spring menu launch.", "spring"),
    ],
)
def test_an_occasion_abbreviated_in_capitals_is_the_theme(text: str, theme: str) -> None:
    assert _x(text)["theme"] == theme


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Winter push for Saltmere Harbour. The New Year offer is finished, do not use it.", "winter"),
        ("Spring campaign for the Halo lamp; do not mention the Christmas bundle.", "spring"),
        ("Summer sale on fans. Please don't use the Black Friday creative again.", "summer"),
        ("Autumn range push. The Easter promo must not be mentioned.", "autumn"),
        ("Promote our garden tools. Don't reference Valentine's Day anywhere.", None),
        ("Kampagne für Wanderschuhe im Herbst. Bitte Weihnachten nicht erwähnen.", "autumn"),
    ],
)
def test_a_theme_never_comes_from_what_the_brief_says_not_to_use(text: str, theme: str | None) -> None:
    assert _x(text)["theme"] == theme
