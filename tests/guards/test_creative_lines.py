"""Creative lines that only look like claims are no_claim, and the claims they resemble are still stopped.

Four families, each on several brands and industries other than the one it was seen on (issue 12, blind trials):
a spelled number that counts parts of a product or scene ('two wheels') vs a figure ('two-year warranty', '2x');
a hyphenated or compound word ('week-end', 'end-to-end') vs an offer end ('ends Sunday', 'until 31 March'); an
everyday comparative with nothing compared ('working harder', 'dream bigger') vs a comparison ('cheaper than',
'the best'); a frequency ('twice a week') vs a multiple ('twice as fast').
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from guards.claims import check_text
from guards.facts import analyse
from guards.library import load_library
from guards.library_lint import lint_sources
from guards.vocabulary import build_vocabulary
from tests.guards.brands import library_of

ON = date(2026, 11, 25)

COUNTS = [
    ("trailfox", "US", "Your next adventure on two feet."),
    ("brightwell", "US", "Three taps, one kitchen, no fuss."),
    ("forkfield", "UK", "Four plates, one happy table."),
    ("pawtree", "US", "Two paws, one very good mood."),
    ("voltway", "UK", "Your car boot on two wheels."),
    ("aeroliss", "US", "Two seats by the window and one long weekend."),
    ("harborline", "UK", "Three bedrooms, one place to call home."),
    ("dermalune", "US", "One mirror, one routine, your morning."),
    ("sentrygrid", "US", "Five offices, one dashboard."),
    ("ledgerly", "UK", "Two kids, one plan for the summer."),
    ("trailfox", "UK", "Four seasons, two feet, one trail."),
    ("brightwell", "UK", "Three glasses before lunch."),
]
FIGURES = [
    ("trailfox", "US", "Two-year warranty on every jacket."),
    ("brightwell", "US", "Filters three times faster than a jug."),
    ("voltway", "UK", "Charge 2x faster at every hub."),
    ("sentrygrid", "US", "Deploys in two hours."),
    ("pawtree", "US", "Only three ingredients in every bag."),
    ("dermalune", "US", "Visible results in two weeks."),
    ("harborline", "UK", "Two months free on every new policy."),
    ("ledgerly", "UK", "Earn 5% on two accounts."),
    ("voltway", "US", "Three chargers at every hub."),
    ("forkfield", "UK", "Only two ingredients in the sauce."),
    ("aeroliss", "US", "Fly to five new cities this spring."),  # a word between number and noun: a figure
    ("sentrygrid", "US", "Two new integrations every month."),
]
COMPOUNDS = [
    ("forkfield", "EU", "Le week-end qui vous manquait."),
    ("aeroliss", "EU", "Un week-end à Lisbonne ?"),
    ("aeroliss", "UK", "The week-end you have been waiting for."),
    ("sentrygrid", "US", "End-to-end visibility for your whole team."),
    ("pawtree", "US", "A never-ending game of fetch."),
    ("dermalune", "UK", "Open-ended evenings, unhurried skin."),
    ("trailfox", "US", "The end of the trail is just the start."),
    ("voltway", "UK", "Road trips without the dead-end stops."),
    ("harborline", "UK", "Peace of mind at the end of a long day."),
    ("ledgerly", "UK", "Make the month-end feel lighter."),
    ("forkfield", "UK", "Dinner, happily ever after: no loose ends."),
]
OFFER_ENDS = [
    ("forkfield", "UK", "Offer ends Sunday."),
    ("trailfox", "US", "Sale ends 31 December."),
    ("brightwell", "US", "20% off until 31 March."),
    ("voltway", "UK", "Free charging ends this weekend."),
    ("aeroliss", "US", "Fares from $99, ending soon."),
    ("pawtree", "US", "Free bag offer ends Friday."),
    ("dermalune", "UK", "Limited time: the sale ends at midnight."),
    ("harborline", "UK", "Discount valid until the end of March."),
    ("ledgerly", "UK", "Bonus rate ends on 30 April."),
    ("sentrygrid", "US", "Free onboarding until the end of the quarter."),
]
OPEN_COMPARATIVES = [
    ("ledgerly", "UK", "Your allowance, working harder."),
    ("ledgerly", "UK", "Working harder."),
    ("trailfox", "US", "Go further."),
    ("voltway", "UK", "Drive further this summer."),
    ("aeroliss", "US", "Dream bigger, pack lighter."),
    ("forkfield", "UK", "Dinner, working for you."),
    ("harborline", "UK", "Sleep deeper tonight."),
    ("brightwell", "UK", "Go further on every walk."),
    ("brightwell", "US", "Brighter mornings start here."),
    ("sentrygrid", "US", "Smoother Mondays, calmer inboxes."),
    ("forkfield", "UK", "Warmer evenings, slower dinners."),
    ("pawtree", "US", "Happier paws, fuller bowls."),
    ("aeroliss", "UK", "Sweeter dreams for little travellers."),
    ("ledgerly", "UK", "Think bigger about the summer."),
    ("dermalune", "UK", "Feel bolder in your own skin."),
]
COMPARISONS = [
    ("trailfox", "US", "Lighter than any other trail shoe."),
    ("voltway", "UK", "Faster than any other charging network."),
    ("forkfield", "UK", "Cheaper than the supermarket."),
    ("ledgerly", "UK", "Better than a high street savings account."),
    ("brightwell", "US", "The best filter pitcher in America."),
    ("pawtree", "US", "Healthier than leading brands."),
    ("aeroliss", "US", "The cheapest fares to Lisbon."),
    ("sentrygrid", "US", "Detects threats faster than Splunk."),
    ("dermalune", "US", "Works twice as fast as retinol."),
    ("harborline", "UK", "Cheaper cover than the big insurers."),
    ("trailfox", "US", "The closest thing to barefoot running."),
]
FREQUENCIES = [
    ("forkfield", "UK", "Fresh dinners, twice a week."),
    ("dermalune", "US", "Your routine, twice a day."),
    ("trailfox", "US", "Out on the trail twice a week."),
    ("ledgerly", "UK", "Check in once a month."),
    ("aeroliss", "US", "Lisbon, twice a year."),
    ("brightwell", "US", "Your daily glass, reimagined."),
    ("harborline", "UK", "Walks twice daily, rain or shine."),
    ("sentrygrid", "US", "Standups twice a week, calm the rest."),
    ("forkfield", "UK", "Movie night, twice a month."),
    ("trailfox", "US", "Three times a week, a new trail."),
    ("ledgerly", "UK", "Payday, twice a month."),
    ("sentrygrid", "US", "Board meetings, four times a year."),
    ("dermalune", "US", "Two steps, twice a day."),
]
MULTIPLES = [
    ("trailfox", "US", "Twice as grippy as the Ridgeline 2."),
    ("brightwell", "US", "Filters twice as fast."),
    ("voltway", "UK", "Charges three times faster than a home plug."),
    ("forkfield", "UK", "Twice the protein of our classic box."),
    ("dermalune", "US", "Double the hydration in a week."),
    ("pawtree", "US", "2x more protein than leading kibble."),
    ("ledgerly", "UK", "Earn twice the interest of a high street account."),
    ("aeroliss", "US", "Three times more legroom than other airlines."),
    ("sentrygrid", "US", "Blocks twice as many threats."),
    ("harborline", "UK", "Claims paid twice as fast as the big insurers."),
]


def _verdict(brand: str, region: str, sentence: str) -> str:
    return check_text(sentence, library_of(brand), region=region, on=ON).verdict


@pytest.mark.parametrize(
    ("brand", "region", "sentence"), COUNTS + COMPOUNDS + OPEN_COMPARATIVES + FREQUENCIES
)
def test_creative_lines_make_no_claim(brand: str, region: str, sentence: str) -> None:
    assert _verdict(brand, region, sentence) == "no_claim", sentence


@pytest.mark.parametrize(("brand", "region", "sentence"), FIGURES + OFFER_ENDS + COMPARISONS + MULTIPLES)
def test_the_claims_they_resemble_are_still_stopped(brand: str, region: str, sentence: str) -> None:
    assert _verdict(brand, region, sentence) == "unsupported", sentence


def test_a_frequency_is_a_figure_not_a_comparison() -> None:
    vocab = build_vocabulary(library_of("forkfield"))
    weekly = analyse("Fresh dinners, twice a week.", vocab)
    assert weekly.comparison is None
    assert [(q.value, q.unit) for q in weekly.quantities] == [(2.0, "x/week")]
    assert "comparative" not in weekly.categories
    daily = analyse("Rinse three times daily.", vocab)
    assert [(q.value, q.unit) for q in daily.quantities] == [(3.0, "x/day")]
    faster = analyse("Twice as fast.", vocab)
    assert faster.comparison is not None and [q.unit for q in faster.quantities] == ["x"]


def test_a_count_with_another_trigger_is_a_claim() -> None:
    vocab = build_vocabulary(library_of("pawtree"))
    assert not analyse("Two paws, one very good mood.", vocab).is_claim
    assert analyse("Only three ingredients in every bag.", vocab).is_claim  # a qualifier makes it a figure
    assert analyse("Two bowls with every order.", vocab).is_claim  # 'every' plus a count


_BRAND = """name: Hearthlight
products:
  - id: story-club
    terms: [Story Club]
regions:
  UK:
    disclaimers: ["Registered charity."]
    comparison_requires_target: true
"""
_CLAIMS = """claims:
  - id: reader
    text: Story Club children read with a live volunteer reader twice a week.
    evidence: Programme handbook 2026.
  - id: reading-age
    text: 8 in 10 children in Story Club improved their reading age within one school year.
    evidence: Annual evaluation 2026.
"""


def test_frequency_and_own_baseline_claims_are_checked_as_figures(tmp_path: Path) -> None:
    (tmp_path / "brand.yaml").write_text(_BRAND)
    (tmp_path / "claims.yaml").write_text(_CLAIMS)
    lib = load_library(tmp_path)

    def verdict(text: str) -> str:
        return check_text(text, lib, region="UK", on=ON).verdict

    # approved in a region that requires a comparison target: neither is a comparison, so both stand
    assert verdict("Story Club children read with a live volunteer reader twice a week.") == "supported"
    assert verdict("8 in 10 children in Story Club improved their reading age within one school year.") == (
        "supported"
    )
    # the figures are still checked: a frequency raised, a share inflated
    assert (
        verdict("Story Club children read with a live volunteer reader three times a week.") == "unsupported"
    )
    assert verdict("9 in 10 children in Story Club improved their reading age within one school year.") == (
        "unsupported"
    )
    assert verdict("Story Club children read twice as fast.") == "unsupported"


def test_library_lint_reads_frequency_and_own_baseline_as_no_comparison(tmp_path: Path) -> None:
    report = lint_sources(
        Path("hearthlight"), {"brand.yaml": _BRAND.encode(), "claims.yaml": _CLAIMS.encode()}, today=ON
    )
    assert [p.rule for p in report.problems if p.rule == "comparison"] == []
    twice = _CLAIMS + "  - id: fast\n    text: Story Club children read twice as fast.\n    evidence: x\n"
    report = lint_sources(
        Path("hearthlight"), {"brand.yaml": _BRAND.encode(), "claims.yaml": twice.encode()}, today=ON
    )
    assert [p.key for p in report.problems if p.rule == "comparison"] == ["claims[2].text"]
