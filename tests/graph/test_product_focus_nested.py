"""Product lines whose names contain another line's name ('Sign' / 'Sign Pro', 'Harbour' / 'Harbour Spa'): the
longest name wins, so copy about one line never borrows the other's claims; and a plain answer to the Planner's
product question names the product, not the whole sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.brief.focus import claims_for, clarify_product, focus_of, products_named, resolve_product
from guards.library import BrandLibrary, load_library

BRAND = """
name: Nestwell
voice: {tone: [plain]}
products:
  - {id: sign, kind: line, terms: [Nestwell Sign]}
  - {id: sign-pro, kind: line, terms: [Nestwell Sign Pro]}
  - {id: harbour, kind: line, terms: [Harbour Rooms]}
  - {id: harbour-spa, kind: line, terms: [Harbour Rooms Spa]}
  - {id: kids, kind: line, terms: [Story Club]}
  - {id: kids-online, kind: line, terms: [Story Club Online]}
  - {id: saver, kind: line, terms: [Easy Saver]}
  - {id: app, terms: [app, mobile app]}
regions:
  UK: {}
"""
CLAIMS = """
claims:
  - {id: sign-templates, text: Nestwell Sign includes over 120 ready-made contract templates.}
  - {id: pro-audit, text: Nestwell Sign Pro keeps a full audit trail of every signature.}
  - {id: harbour-view, text: Every Harbour Rooms suite looks over the water.}
  - {id: spa-pool, text: The Harbour Rooms Spa has a 20-metre heated pool.}
  - {id: club-books, text: Story Club sends two new books a month.}
  - {id: club-online, text: Story Club Online has live readers twice a week.}
  - {id: saver-rate, text: Easy Saver pays interest monthly.}
  - {id: brand-wide, text: Nestwell has served customers since 1998.}
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> BrandLibrary:
    root: Path = tmp_path_factory.mktemp("brands") / "nestwell"
    root.mkdir()
    (root / "brand.yaml").write_text(BRAND)
    (root / "claims.yaml").write_text(CLAIMS)
    return load_library(root)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("the Nestwell Sign Pro launch", {"sign-pro"}),
        ("Nestwell Sign for small teams", {"sign"}),
        ("Harbour Rooms Spa weekends", {"harbour-spa"}),
        ("winter at Harbour Rooms", {"harbour"}),
        ("Story Club Online for schools", {"kids-online"}),
        ("Story Club boxes", {"kids"}),
        ("Nestwell Sign and Nestwell Sign Pro together", {"sign", "sign-pro"}),
    ],
)
def test_the_longest_line_name_wins(library: BrandLibrary, text: str, lines: set[str]) -> None:
    assert products_named(text, library.products)[0] == lines


@pytest.mark.parametrize(
    ("product", "kept", "never"),
    [
        ("Nestwell Sign Pro", {"pro-audit", "brand-wide"}, {"sign-templates"}),
        ("Nestwell Sign", {"sign-templates", "brand-wide"}, {"pro-audit"}),
        ("Harbour Rooms", {"harbour-view"}, {"spa-pool"}),
        ("Harbour Rooms Spa", {"spa-pool"}, {"harbour-view"}),
        ("Story Club", {"club-books"}, {"club-online"}),
        ("Story Club Online", {"club-online"}, {"club-books"}),
    ],
)
def test_copy_about_one_line_never_uses_the_nested_lines_claims(
    library: BrandLibrary, product: str, kept: set[str], never: set[str]
) -> None:
    ids = {c.id for c in claims_for(library, focus_of(library, product), library.claims)}
    assert kept <= ids and not (never & ids)


def test_a_brief_without_a_product_phrase_uses_the_longest_line_it_names(library: BrandLibrary) -> None:
    product, fact = resolve_product(library, None, "Spring push for Story Club Online, £9k on Meta.")
    assert product == "Story Club Online" and fact is not None and "kids-online" in fact.value


@pytest.mark.parametrize(
    ("answer", "product"),
    [
        ("Let's promote the Easy Saver instead for now", "Easy Saver"),
        ("ok go with Nestwell Sign Pro please.", "Nestwell Sign Pro"),
        ("Harbour Rooms Spa then", "Harbour Rooms Spa"),
        ("The mobile app is fine", "mobile app"),
        ("Use Story Club, thanks", "Story Club"),
    ],
)
def test_a_plain_answer_to_the_product_question_names_the_product(
    library: BrandLibrary, answer: str, product: str
) -> None:
    brief = "Promote Nestwell Forms to UK SMEs, £20k."
    asked, question = clarify_product(library, "Nestwell Forms", brief, "")
    assert asked == "Nestwell Forms" and question and "Nestwell Forms" in question
    got, question = clarify_product(library, "Nestwell Forms", f"{brief}\n{answer}", brief)
    assert question is None and got == product


def test_an_answer_naming_no_product_asks_again(library: BrandLibrary) -> None:
    brief = "Promote Nestwell Forms to UK SMEs, £20k."
    got, question = clarify_product(library, "Nestwell Forms", f"{brief}\nwhatever you think", brief)
    assert got == "Nestwell Forms" and question is not None


def test_a_product_an_answer_settled_stays_settled_through_a_later_answer(library: BrandLibrary) -> None:
    brief = "Promote Nestwell Forms to UK SMEs, £20k."
    first = f"{brief}\nLet's promote the Easy Saver instead for now"
    got, question = clarify_product(library, "Nestwell Forms", first, brief)
    assert (got, question) == ("Easy Saver", None)
    # the next stop (a channel the disclaimer cannot fit) is answered with something else: the choice holds
    later = f"{first}\ndrop sms"
    assert clarify_product(library, "Nestwell Forms", later, first, got) == ("Easy Saver", None)
    # a later answer naming another product wins; an unknown settled product settles nothing
    assert (
        clarify_product(library, "Nestwell Forms", f"{first}\nStory Club then", first, got)[0] == "Story Club"
    )
    assert clarify_product(library, "Nestwell Forms", later, first, "Nestwell Forms")[1] is not None
