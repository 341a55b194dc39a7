"""The claims check, rule by rule, on the demo brand and on a second, unrelated brand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.runtime.settings import REPO_ROOT
from guards.claims import JudgeDecision, check_text
from guards.library import BrandLibrary, Claim, load_library
from guards.sentences import split_sentences

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def lib() -> BrandLibrary:
    return load_library(REPO_ROOT / "brand_library" / "brightwell")


def verdict(
    lib: BrandLibrary, text: str, region: str | None = "US", on: date = TODAY
) -> tuple[str, list[str], str]:
    result = check_text(text, lib, region=region, on=on)
    return result.verdict, result.claims, " | ".join(s.reason for s in result.sentences)


@pytest.mark.parametrize(
    "region, text, claim",
    [
        ("US", "Brightwell cartridges remove up to 99% of lead from tap water.", "lead-99"),
        ("US", "Our cartridges get rid of up to 99% of the lead in your tap water.", "lead-99"),
        ("US", "Brightwell removes lead.", "lead-99"),
        ("UK", "Every Brightwell cartridge filters up to 150 liters of water.", "capacity-150l"),
        ("US", "Free shipping on orders over $50.", "free-shipping-us"),
        ("US", "The Classic Pitcher filters 1.5 litres in less than 10 minutes.", "classic-speed"),
        ("US", "Find Brightwell in over 1,500 stores nationwide.", "stores-us"),
        (
            "US",
            "The MaxFlow cartridge filters water faster than the Brightwell Classic cartridge.",
            "maxflow-twice-fast",
        ),
        ("UK", "Winner of Best Water Filter at the 2026 Home Kitchen Awards.", "award-2026"),
        ("US", "Free Shipping On Orders Over $35", "free-shipping-us"),
        ("UK", "Award-winning water filters.", "award-2026"),
    ],
)
def test_paraphrases_and_weaker_statements_are_supported(
    lib: BrandLibrary, region: str, text: str, claim: str
) -> None:
    v, claims, why = verdict(lib, text, region)
    assert v == "supported", why
    assert claim in claims


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Brightwell cartridges remove up to 99.9% of lead.", "does not match the approved 'up to 99%'"),
        ("Up to 500 fewer plastic bottles per cartridge.", "number differs"),
        ("Available in more than 5,000 stores across the US.", "does not match"),
        ("The Classic Pitcher filters 1.5 litres in under 2 minutes.", "does not match"),
    ],
)
def test_inflated_numbers_are_unsupported(lib: BrandLibrary, text: str, fragment: str) -> None:
    v, _, why = verdict(lib, text)
    assert v == "unsupported" and fragment in why


@pytest.mark.parametrize(
    "text, fragment",
    [
        (
            "Each cartridge filters up to 150 gallons of water.",
            "does not match the approved 'up to 40 gallons'",
        ),
        ("One cartridge lasts up to 2 years.", "changes the unit"),
        ("Brightwell cartridges remove 99% of lead.", "drops 'up to'"),
        ("Each cartridge filters at least 40 gallons.", "'at least' instead of 'up to'"),
        ("Up to 300 fewer plastic bottles.", "drops the rate 'per cartridge'"),
        (
            "Filtering with Brightwell costs up to 90% less than buying bottled water.",
            "drops the rate 'per litre'",
        ),
    ],
)
def test_changed_units_qualifiers_and_rates_are_unsupported(
    lib: BrandLibrary, text: str, fragment: str
) -> None:
    v, _, why = verdict(lib, text)
    assert v == "unsupported" and fragment in why


def test_a_changed_unit_is_named(lib: BrandLibrary) -> None:
    v, _, why = verdict(lib, "Each cartridge filters up to 150 gallons of water.", "UK")
    assert v == "unsupported" and "changes the unit of the approved 'up to 150 litres'" in why


def test_conditions_may_be_narrowed_never_widened_or_dropped(lib: BrandLibrary) -> None:
    assert verdict(lib, "Free shipping on orders over $50.")[0] == "supported"
    v, _, why = verdict(lib, "Free shipping on orders over $25.")
    assert v == "unsupported" and "widens the condition" in why
    v, _, why = verdict(lib, "Free shipping on every order.")
    assert v == "unsupported" and "drops the condition 'over $35'" in why
    v, _, why = verdict(lib, "The MaxFlow cartridge removes up to 99.9% of microplastics.")
    assert v == "unsupported" and "larger than 2 microns" in why


def test_comparison_target_must_be_the_approved_one(lib: BrandLibrary) -> None:
    v, _, why = verdict(lib, "The MaxFlow cartridge filters water twice as fast as ClearSip cartridges.")
    assert v == "unsupported" and "instead of the approved target 'Brightwell Classic cartridge'" in why
    v, _, why = verdict(lib, "Brightwell water is cleaner than bottled water.")
    assert v == "unsupported"


def test_eu_requires_the_comparison_target_other_regions_do_not(lib: BrandLibrary) -> None:
    text = "The MaxFlow cartridge filters water twice as fast."
    assert verdict(lib, text, "US")[0] == "supported"
    v, _, why = verdict(lib, text, "EU")
    assert v == "unsupported" and "must name its approved target" in why
    full = "The MaxFlow cartridge filters water twice as fast as the Brightwell Classic cartridge."
    assert verdict(lib, full, "EU")[0] == "supported"


@pytest.mark.parametrize(
    "text, word",
    [
        ("Brightwell cartridges are clinically proven to remove up to 99% of lead.", "clinically"),
        ("Our organic carbon cartridges remove up to 99% of lead.", "organic"),
        ("Brightwell cartridges remove up to 99% of lead and fluoride.", "fluoride"),
        ("Brightwell cartridges remove up to 99% of mercury from tap water.", "mercury"),
        ("Try it risk-free with our 30-day money-back guarantee.", "risk-free"),
    ],
)
def test_added_attributes_are_unsupported(lib: BrandLibrary, text: str, word: str) -> None:
    v, _, why = verdict(lib, text)
    assert v == "unsupported" and word in why.lower()


def test_product_swaps_and_generalisations_are_unsupported(lib: BrandLibrary) -> None:
    v, _, why = verdict(lib, "The Everyday Bottle is certified to NSF/ANSI 53 for lead reduction.")
    assert v == "unsupported" and "approved for pitcher" in why
    v, _, why = verdict(
        lib, "Brightwell cartridges remove up to 99.9% of microplastics larger than 2 microns."
    )
    assert v == "unsupported" and "generalises" in why


def test_region_limited_claims_only_in_their_regions(lib: BrandLibrary) -> None:
    text = "Free shipping on orders over $35."
    assert verdict(lib, text, "US")[0] == "supported"
    v, claims, why = verdict(lib, text, "UK")
    assert v == "unsupported" and "approved only in US" in why
    v, _, why = verdict(lib, text, None)
    assert v == "unsupported" and "no region given" in why


def test_expired_claims_are_unsupported_after_their_date(lib: BrandLibrary) -> None:
    text = "Holiday offer: 25% off the MaxFlow Pitcher until 31 December 2026."
    assert verdict(lib, text, "US", date(2026, 12, 31))[0] == "supported"
    v, _, why = verdict(lib, text, "US", date(2027, 1, 1))
    assert v == "unsupported" and "expired on 2026-12-31" in why
    v, _, why = verdict(lib, "Launch offer: 20% off the MaxFlow Pitcher until 31 October 2026.")
    assert v == "unsupported" and "launch-offer-20 expired" in why


@pytest.mark.parametrize(
    "text",
    [
        "Brightwell is the best water filter on the market.",
        "America's number one water filter brand.",
        "Guaranteed to remove all lead from your water.",
        "Every Brightwell purchase comes with a lifetime money-back guarantee.",
        "Results guaranteed or your money back.",
        "Brightwell water boosts your immune system.",
        "Now available in Boots stores nationwide.",
        "Brightwell is the #1 water filter in America.",
        "No. 1 in taste tests.",
    ],
)
def test_superlatives_guarantees_and_new_claims_are_unsupported(lib: BrandLibrary, text: str) -> None:
    assert verdict(lib, text)[0] == "unsupported"


@pytest.mark.parametrize(
    "text",
    [
        "Hydration made simple.",
        "Order yours today.",
        "Meet the new MaxFlow Pitcher.",
        "Questions? Call 1-800-555-0142 or visit brightwell.example/help.",
        "Thanks for choosing Brightwell.",
        "Pour, sip, repeat.",
    ],
)
def test_sentences_without_claims_are_no_claim(lib: BrandLibrary, text: str) -> None:
    assert verdict(lib, text)[0] == "no_claim"


def test_required_disclaimers_are_not_checked_as_claims(lib: BrandLibrary) -> None:
    nsf = "Certified by NSF International against NSF/ANSI 53 for lead reduction."
    assert verdict(lib, nsf, "US")[0] == "no_claim"
    assert verdict(lib, nsf, "EU")[0] == "unsupported"  # not an EU disclaimer: it is a US-only claim there


def test_one_sentence_with_two_claims_and_a_qualifying_clause(lib: BrandLibrary) -> None:
    v, claims, _ = verdict(lib, "Each cartridge filters up to 40 gallons and lasts up to 2 months.")
    assert v == "supported" and set(claims) == {"capacity-40gal", "lifespan-2m"}
    assert (
        verdict(lib, "Swap to Brightwell: each cartridge means up to 300 fewer plastic bottles.")[0]
        == "supported"
    )
    text = "Every Brightwell purchase comes with a 30-day money-back guarantee, no questions asked."
    assert verdict(lib, text)[0] == "unsupported"


def test_text_verdict_combines_sentences(lib: BrandLibrary) -> None:
    ok = "Free shipping on orders over $35. Order yours today."
    result = check_text(ok, lib, region="US", on=TODAY)
    assert result.verdict == "supported" and result.claims == ["free-shipping-us"] and result.reasons == []
    assert [s.verdict for s in result.sentences] == ["supported", "no_claim"]
    bad = ok + " Brightwell cartridges remove 100% of lead."
    result = check_text(bad, lib, region="US", on=TODAY)
    assert result.verdict == "unsupported" and len(result.reasons) == 1 and "100%" in result.reasons[0]
    assert check_text("Order yours today.", lib, region="US", on=TODAY).verdict == "no_claim"
    row = result.to_json("x")
    assert set(row) == {"id", "verdict", "claims", "reasons", "sentences"}
    assert set(row["sentences"][0]) == {"text", "verdict", "claims", "reason"}


def test_unsupported_sentences_carry_evidence_and_a_safe_fix(lib: BrandLibrary) -> None:
    s = check_text("Brightwell cartridges remove 99% of lead.", lib, region="US", on=TODAY).sentences[0]
    assert s.claims == ["lead-99"]
    assert s.evidence == ["lead-99: Brightwell cartridges remove up to 99% of lead from tap water."]
    assert s.suggested_fix == "Brightwell cartridges remove up to 99% of lead from tap water."
    expired = check_text(
        "Launch offer: 20% off the MaxFlow Pitcher until 31 October 2026.", lib, region="US", on=TODAY
    )
    assert expired.sentences[0].suggested_fix is None  # never suggest an unapproved claim


def test_judge_is_only_asked_about_unsettled_sentences_and_is_recorded(lib: BrandLibrary) -> None:
    asked: list[tuple[str, list[str]]] = []

    def judge(sentence: str, claims: list[Claim]) -> JudgeDecision:
        asked.append((sentence, [c.id for c in claims]))
        return JudgeDecision(True, [claims[0].id], "same claim, extra words")

    text = (
        "Brightwell cartridges remove up to 99% of lead from tap water. "
        "Brightwell cartridges remove up to 99% of lead from tap water in kitchens, offices and classrooms. "
        "Brightwell cartridges remove 100% of lead."
    )
    result = check_text(text, lib, region="US", on=TODAY, judge=judge)
    assert [s.judged_by for s in result.sentences] == ["rules", "llm_judge", "rules"]
    assert [s.verdict for s in result.sentences] == ["supported", "supported", "unsupported"]
    assert len(asked) == 1 and asked[0][1][0] == "lead-99"
    no_judge = check_text(text, lib, region="US", on=TODAY)
    assert no_judge.sentences[1].verdict == "unsupported" and "adds wording" in no_judge.sentences[1].reason


def test_judge_citing_no_candidate_is_not_trusted(lib: BrandLibrary) -> None:
    text = (
        "Brightwell cartridges remove up to 99% of lead from tap water in kitchens, offices and classrooms."
    )
    result = check_text(
        text,
        lib,
        region="US",
        on=TODAY,
        judge=lambda s, c: {"supported": True, "claims": ["made-up"], "reason": "trust me"},
    )
    assert result.sentences[0].verdict == "unsupported" and result.sentences[0].judged_by == "llm_judge"


def test_sentence_splitting() -> None:
    text = "Removes up to 99.9% of microplastics. Approx. 2 months per cartridge!\n- Bullet one\n• Bullet two"
    assert split_sentences(text) == [
        "Removes up to 99.9% of microplastics.",
        "Approx. 2 months per cartridge!",
        "Bullet one",
        "Bullet two",
    ]


# --- a second, unrelated brand: nothing above is specific to water filters ----------------------------------------

KETTLE_BRAND = """
name: Emberly
banned_terms: [miracle]
competitors: [Boilco]
products:
  - {id: kettle, terms: [kettle]}
  - {id: toaster, terms: [toaster]}
regions:
  UK: {disclaimers: []}
  EU: {disclaimers: [], comparison_requires_target: true}
"""
KETTLE_CLAIMS = """
claims:
  - {id: boil, text: The Emberly kettle boils 1.7 litres in under 4 minutes., evidence: lab}
  - {id: energy, text: The Emberly kettle uses up to 30% less energy than a standard 3 kW kettle., evidence: lab,
     comparison_target: standard 3 kW kettle}
  - {id: warranty, text: Every Emberly toaster comes with a 3-year warranty., evidence: terms}
  - {id: uk-delivery, text: Free delivery on UK orders over £40., evidence: policy, regions: [UK]}
"""


@pytest.fixture(scope="module")
def kettle(tmp_path_factory: pytest.TempPathFactory) -> BrandLibrary:
    path: Path = tmp_path_factory.mktemp("brands") / "emberly"
    path.mkdir()
    (path / "brand.yaml").write_text(KETTLE_BRAND)
    (path / "claims.yaml").write_text(KETTLE_CLAIMS)
    return load_library(path)


@pytest.mark.parametrize(
    "region, text, expected",
    [
        ("UK", "The Emberly kettle boils 1.7 litres in under 4 minutes.", "supported"),
        ("UK", "Our kettle boils 1.7 litres in less than 5 minutes.", "supported"),
        ("UK", "The Emberly kettle boils 1.7 litres in under 2 minutes.", "unsupported"),
        ("UK", "The Emberly kettle uses up to 30% less energy than a standard 3 kW kettle.", "supported"),
        ("UK", "The Emberly kettle uses up to 50% less energy than a standard 3 kW kettle.", "unsupported"),
        ("UK", "The Emberly kettle uses up to 30% less energy than a Boilco kettle.", "unsupported"),
        ("EU", "The Emberly kettle uses up to 30% less energy.", "unsupported"),
        ("UK", "Every Emberly toaster comes with a 3-year warranty.", "supported"),
        ("UK", "Every Emberly kettle comes with a 3-year warranty.", "unsupported"),
        ("UK", "The Emberly kettle is certified organic.", "unsupported"),
        ("UK", "Free delivery on UK orders over £40.", "supported"),
        ("EU", "Free delivery on UK orders over £40.", "unsupported"),
        ("UK", "Free delivery on all orders.", "unsupported"),
        ("UK", "Breakfast, sorted.", "no_claim"),
    ],
)
def test_rules_work_on_another_brand(kettle: BrandLibrary, region: str, text: str, expected: str) -> None:
    assert verdict(kettle, text, region)[0] == expected
