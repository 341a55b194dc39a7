"""Rule families found by the second set of blind brand trials (sentences written here, not the trials' own): places
left for later or named in a past aside, key messages in German-style quotes closed with a straight quote, a
'Start / End' row, an answer's trailing words kept out of the product, answers the Planner acted on kept out of
"not used", and occasions named in their own capitals in creative lines."""

from __future__ import annotations

import pytest

from graph.brief.acted_on import acted_on
from graph.brief.focus import resolve_product
from graph.models.offline.creative import title_lines
from graph.models.offline.handlers import extract_brief
from graph.runtime.settings import REPO_ROOT
from guards.library import load_library

AEROLISS = REPO_ROOT / "evals" / "datasets" / "claims_brands" / "aeroliss"


def _x(text: str) -> dict[str, object]:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Google Ads and email, $20k. US only for now, Canada is a Q3 thing.", ["US"]),
        ("Budget £9k on Meta for the UK; Ireland comes later.", ["GB"]),
        ("Launch in France and Belgium, €10k on Meta; Germany can wait.", ["FR", "BE"]),
        ("Budget €9k on Meta. Markets: Spain and Portugal. Italy next year.", ["ES", "PT"]),
        ("Canada is a big market for us: $9k on Meta in Canada.", ["CA"]),
    ],
)
def test_a_place_left_for_later_is_not_a_market(text: str, countries: list[str]) -> None:
    assert _x(text)["countries"] == countries


def test_a_place_in_an_aside_about_the_past_is_not_a_market() -> None:
    text = (
        "A$40k on Instagram for gym-goers in Brisbane and Perth. (Our Jakarta test last year did 300 orders, so "
        "ignore it.) Goal: 2,000 orders."
    )
    assert _x(text)["countries"] == ["AU"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('€8k on Meta. Key message: „Mehr Zeit für dich". Start 1 March 2027.', "Mehr Zeit für dich"),
        ("€8k on Meta. Kernbotschaft: „Gut geschlafen, gut gelaunt“.", "Gut geschlafen, gut gelaunt"),
    ],
)
def test_german_quotes_closed_with_a_straight_or_curly_quote(text: str, message: str) -> None:
    assert _x(text)["key_messages"] == [message]


def test_a_start_and_end_row_with_a_slash() -> None:
    got = _x("| Budget | $30,000 on Meta |\n| Start / End | Apr 5, 2027 / May 16, 2027 |")
    assert (got["start_date"], got["end_date"]) == ("2027-04-05", "2027-05-16")


@pytest.mark.parametrize(
    "answer", ["Comfort Plus instead", "Comfort Plus please", "Comfort Plus, thanks.", "Comfort Plus for now"]
)
def test_an_answer_s_trailing_words_are_not_the_product(answer: str) -> None:
    library = load_library(AEROLISS)
    assert resolve_product(library, answer, "brief")[0] == "Comfort Plus"


def test_answers_the_planner_acted_on_are_not_not_used() -> None:
    library = load_library(AEROLISS)
    assert acted_on("drop sms and paid_search", library, None, ["UK"], ["GB"])
    assert acted_on("leave out Ireland", library, None, ["UK", "EU"], ["GB", "IE"])
    assert acted_on("Let's do Comfort Plus instead", library, "Comfort Plus", ["UK"], ["GB"])
    assert not acted_on("Let's do Comfort Plus instead", library, "Business Flex", ["UK"], ["GB"])
    assert not acted_on("Our lounge in Leeds opened in 2019.", library, "Comfort Plus", ["UK"], ["GB"])


def test_occasions_keep_their_capitals_and_a_theme_s_article_is_dropped_after_your() -> None:
    lines = title_lines({"theme": "mother's day", "product": "Comfort Plus", "brand_name": "Aeroliss"}, 0)
    assert any("Mother's Day" in line for line in lines)
    assert not any("mother's day" in line for line in lines)
    lines = title_lines({"theme": "the new tax year", "product": "Comfort Plus", "brand_name": "Aeroliss"}, 0)
    assert "Your new tax year, with Comfort Plus" in lines
    assert not any(line.startswith("Your the ") for line in lines)
