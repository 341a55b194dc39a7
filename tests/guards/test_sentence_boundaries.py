"""Adjacent sentences are checked as sentences: no claim is matched across a sentence boundary.

A guarantee sentence followed by the region's 'Results vary ...' disclaimer, written every way copy joins
sentences, must give one supported sentence and one disclaimer, never one merged sentence that fails (a merged
sentence re-raises the same finding after every approval).
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.runtime.settings import REPO_ROOT
from guards.claims import check_text
from guards.library import load_library
from guards.sentences import split_sentences

ON = date(2026, 11, 25)
GUARANTEE = "Every Brightwell purchase comes with a 30-day money-back guarantee"
DISCLAIMER = "Results vary with local water conditions."
JOINS = {
    "space": f"{GUARANTEE}. {DISCLAIMER}",
    "no_space": f"{GUARANTEE}.{DISCLAIMER}",
    "newline": f"{GUARANTEE}.\n{DISCLAIMER}",
    "ellipsis": f"{GUARANTEE}… {DISCLAIMER}",
    "exclamation": f"{GUARANTEE}! {DISCLAIMER}",
    "quoted": f"“{GUARANTEE}.” {DISCLAIMER}",
    "bracket": f"{GUARANTEE} (T&Cs apply). {DISCLAIMER}",
    "two_spaces": f"{GUARANTEE}.  {DISCLAIMER}",
    "bullet": f"• {GUARANTEE}.\n• {DISCLAIMER}",
}


@pytest.mark.parametrize("join", sorted(JOINS))
def test_guarantee_then_disclaimer_are_two_sentences(join: str) -> None:
    lib = load_library(REPO_ROOT / "brand_library" / "brightwell")
    text = JOINS[join]
    sentences = split_sentences(text)
    assert len(sentences) == 2, sentences
    result = check_text(text, lib, region="EU", on=ON)
    verdicts = [s.verdict for s in result.sentences]
    if join == "bracket":
        assert verdicts[1] == "no_claim"  # '(T&Cs apply)' is not part of the approved wording
    else:
        assert verdicts == ["supported", "no_claim"], result.sentences
        assert result.verdict == "supported" and result.claims == ["money-back-30"]


def test_an_unsupported_sentence_is_not_excused_by_its_neighbour() -> None:
    lib = load_library(REPO_ROOT / "brand_library" / "brightwell")
    text = f"Every Brightwell purchase comes with a 90-day money-back guarantee.{DISCLAIMER}"
    result = check_text(text, lib, region="EU", on=ON)
    assert [s.verdict for s in result.sentences] == ["unsupported", "no_claim"]


def test_dates_and_abbreviations_still_hold_together() -> None:
    assert split_sentences("Offer ends 31 Dec. Results vary.") == ["Offer ends 31 Dec.", "Results vary."]
    assert split_sentences("Prices from Dec. 31 onwards.") == ["Prices from Dec. 31 onwards."]
    assert split_sentences("Rated 4.7 out of 5 at brightwell.example today.") == [
        "Rated 4.7 out of 5 at brightwell.example today."
    ]
    assert split_sentences("Made in the U.S.A. by us.") == ["Made in the U.S.A. by us."]


def test_a_governed_asset_with_the_pair_raises_no_claims_finding() -> None:
    from graph.contracts import Asset
    from guards.governance import check_asset

    lib = load_library(REPO_ROOT / "brand_library" / "brightwell")
    asset = Asset(
        id="a-EU-email-A",
        version=1,
        channel="email",
        variant="A",
        region="EU",
        subject="Water you can trust",
        body=JOINS["no_space"],
        cta="Shop now",
        prompt_version="v1",
        prompt_hash="h",
        library_version=lib.version,
        model="offline",
    )
    results = {r.validator: r for r in check_asset(asset, lib, check_date=ON)}
    claims = results["liftoff/claims"]
    assert claims.passed, claims.reasons
