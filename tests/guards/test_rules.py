"""The non-claim guards: banned terms, competitors, PII, disclaimers, channel limits, voice, lists, caps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.contracts import (
    Asset,
    Blueprint,
    Brief,
    BudgetChange,
    Caps,
    ChannelPlan,
    KPITarget,
    SegmentDefinition,
    TargetList,
)
from graph.runtime.settings import REPO_ROOT
from guards.banned import check_banned, check_competitors
from guards.caps import check_blueprint_caps, check_budget_change
from guards.channel_limits import CHANNEL_LIMITS, check_channel_limits
from guards.disclaimers import check_disclaimers
from guards.library import BrandLibrary, load_library
from guards.lists import check_consent, check_holdout, check_suppression
from guards.pii import check_pii, find_pii
from guards.voice import check_voice, reading_grade


@pytest.fixture(scope="module")
def lib() -> BrandLibrary:
    return load_library(REPO_ROOT / "brand_library" / "brightwell")


def asset(channel: str = "email", region: str = "US", **fields: object) -> Asset:
    base: dict[str, object] = {
        "subject": "Cleaner-tasting water" if channel == "email" else None,
        "headline": None if channel in ("email", "sms") else "Brightwell",
        "body": "Hello.",
        "cta": "Shop now",
    }
    base.update(fields)
    return Asset(
        id=f"c-{channel}-{region}-A",
        version=1,
        channel=channel,
        variant="A",
        region=region,  # type: ignore[arg-type]
        prompt_version="v1",
        prompt_hash="h",
        library_version="v",
        model="offline",
        **base,
    )  # type: ignore[arg-type]


# --- banned terms and competitors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, term",
    [
        ("A miracle for your kitchen.", "miracle"),
        ("Miracles happen.", "miracle"),
        ("Chemical free water.", "chemical-free"),
        ("Totally chemicalfree.", "chemical-free"),
        ("It is 100% pure.", "100% pure"),
        ("Guaranteed results, every time.", "guaranteed results"),
        ("Our m1racle filter.", "miracle"),
    ],
)
def test_banned_terms_are_found_in_their_variants(lib: BrandLibrary, text: str, term: str) -> None:
    result = check_banned(text, lib.all_banned_terms("US"))
    assert not result.passed and result.fixable
    assert any(term in f.reason for f in result.findings)


@pytest.mark.parametrize(
    "text",
    ["Secure your supply of pure water.", "We procure the best carbon.", "Free shipping on orders over $35."],
)
def test_banned_terms_do_not_fire_inside_other_words(lib: BrandLibrary, text: str) -> None:
    assert check_banned(text, lib.all_banned_terms("US")).passed


def test_region_adds_its_own_banned_terms(lib: BrandLibrary) -> None:
    text = "An eco-friendly pitcher."
    assert check_banned(text, lib.all_banned_terms("US")).passed
    assert not check_banned(text, lib.all_banned_terms("EU")).passed


def test_competitor_mentions(lib: BrandLibrary) -> None:
    result = check_competitors("Better than ClearSip's jugs and AQUARION.", lib.competitors)
    assert not result.passed and {f.text.lower() for f in result.findings} == {"clearsip's", "aquarion"}
    assert check_competitors("Clear sips of water.", lib.competitors).passed


# --- PII ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Write to jane.doe@gmail.com", "email address"),
        ("Call Jane on (555) 123-4567", "phone number"),
        ("Ring +44 20 7946 0958", "phone number"),
        ("Card 4111 1111 1111 1111", "card number"),
        ("SSN 123-45-6789", "US social security number"),
        ("IBAN DE89 3704 0044 0532 0130 00", "IBAN"),
        ("NI number AB123456C", "UK national insurance number"),
    ],
)
def test_pii_is_found(text: str, kind: str) -> None:
    assert [k for k, _ in find_pii(text)] == [kind]


def test_brand_contacts_numbers_and_prices_are_not_pii(lib: BrandLibrary) -> None:
    text = (
        "Questions? support@brightwell.example or 1-800-555-0142. Over 2,000 stores, 150 litres, $35, "
        "NSF/ANSI 53, 31 December 2026, 99.9%, 4111 1111 1111 1112."
    )
    assert check_pii(text, lib.allowed_contacts).passed


# --- disclaimers ----------------------------------------------------------------------------------------------


def test_disclaimers_required_by_region_channel_and_topic(lib: BrandLibrary) -> None:
    offer_uk = "Free UK delivery on orders over £30."
    result = check_disclaimers(offer_uk, lib, region="UK", channel="email")
    assert not result.passed and result.findings[0].suggested_fix == "T&Cs apply."
    assert check_disclaimers(offer_uk + " T&Cs apply.", lib, region="UK", channel="email").passed
    assert check_disclaimers("Classic cartridges fit all Brightwell pitchers.", lib, region="UK").passed
    sms = check_disclaimers(
        "Hello. Results vary with local water conditions.", lib, region="US", channel="sms"
    )
    assert [f.text for f in sms.findings] == ["Reply STOP to opt out."]
    health = check_disclaimers(
        "Brightwell cartridges remove up to 99% of lead from tap water. "
        "Results vary with local water conditions.",
        lib,
        region="US",
        channel="email",
    )
    assert [f.text for f in health.findings] == [
        "Certified by NSF International against NSF/ANSI 53 for lead reduction."
    ]
    cited = check_disclaimers(
        "Hi. Results vary with local water conditions.", lib, region="US", claim_ids=["nsf-53"]
    )
    assert not cited.passed  # a cited health claim needs the certification disclaimer too


# --- channel limits -------------------------------------------------------------------------------------------


def test_channel_limits_table() -> None:
    assert CHANNEL_LIMITS["email"]["subject"] == 60 and CHANNEL_LIMITS["sms"]["body"] == 160
    assert CHANNEL_LIMITS["paid_search"] == {"headline": 30, "body": 90, "cta": 25}
    assert CHANNEL_LIMITS["paid_social"]["headline"] == 40 and CHANNEL_LIMITS["paid_social"]["body"] == 125
    assert CHANNEL_LIMITS["display"]["headline"] == 30 and CHANNEL_LIMITS["display"]["body"] == 90


def test_channel_limits_are_enforced() -> None:
    assert check_channel_limits(asset()).passed
    long_subject = check_channel_limits(asset(subject="x" * 61))
    assert not long_subject.passed and "subject is 61 characters; email allows 60" in long_subject.reasons[0]
    assert not check_channel_limits(asset(subject=None)).passed  # email needs a subject line
    sms = check_channel_limits(asset("sms", body="y" * 150, cta="Shop at brightwell.example"))
    assert not sms.passed and any("message" in r for r in sms.reasons)
    assert not check_channel_limits(asset("paid_search", headline="z" * 31)).passed
    assert not check_channel_limits(asset("display", headline=None)).passed


# --- voice ----------------------------------------------------------------------------------------------------


def test_voice_rules(lib: BrandLibrary) -> None:
    assert check_voice("Fresh water, simply. Order today.", lib.voice).passed
    assert not check_voice("Hurry, last chance!", lib.voice).passed
    assert not check_voice("Wow! Amazing! Yes!", lib.voice).passed
    shouting = check_voice("FREE shipping from Brightwell, NSF certified.", lib.voice)
    assert not shouting.passed and "1 words in capitals" in shouting.reasons[0]
    long = " ".join(["water"] * 31) + "."
    assert not check_voice(long, lib.voice).passed
    hard = (
        "Multifunctional electrochemical filtration methodologies necessitate considerable "
        "infrastructural investment. "
    ) * 6
    assert reading_grade(hard) > 10 and not check_voice(hard, lib.voice).passed


# --- lists ----------------------------------------------------------------------------------------------------


def target(**kw: object) -> TargetList:
    data: dict[str, object] = {
        "id": "l1",
        "segment": SegmentDefinition(channel="email", regions=["EU"], holdout_pct=0.1),
        "eligible": 900,
        "holdout": 100,
        "by_region": {"EU": 900},
        "by_channel": {"email": 900},
        "consent_basis": {"opt_in": 600, "double_opt_in": 300},
        "excluded": {"legal_hold": 0, "unsubscribed": 12, "bounced": 3, "no_consent": 40},
        "seed": 7,
        "store_version": "s1",
    }
    data.update(kw)
    return TargetList(**data)  # type: ignore[arg-type]


def test_consent_basis_present_and_allowed(lib: BrandLibrary) -> None:
    assert check_consent(target(), lib).passed
    li = check_consent(target(consent_basis={"opt_in": 800, "legitimate_interest": 100}), lib)
    assert not li.passed and "not allowed for email in EU" in li.reasons[0] and not li.fixable
    us = target(
        segment=SegmentDefinition(channel="email", regions=["US"]),
        by_region={"US": 900},
        consent_basis={"opt_in": 800, "legitimate_interest": 100},
    )
    assert check_consent(us, lib).passed  # CAN-SPAM: legitimate interest is enough for US email
    assert not check_consent(target(consent_basis={"opt_in": 500}), lib).passed  # 400 without a basis
    assert not check_consent(target(consent_basis={}), lib).passed
    assert not check_consent(target(consent_basis={"opt_in": 800, "none": 100}), lib).passed
    leak = check_consent(target(by_region={"EU": 800, "US": 100}), lib)
    assert not leak.passed and "regions it was not built for: US" in leak.reasons[0]


def test_brand_policy_narrows_consent(lib: BrandLibrary, tmp_path: object) -> None:
    from dataclasses import replace

    from guards.library import RegionRules

    strict = replace(lib, regions={**lib.regions, "EU": RegionRules(consent={"email": ("double_opt_in",)})})
    result = check_consent(target(), strict)
    assert not result.passed and "'opt_in'" in result.reasons[0]


def test_suppression_must_be_shown_applied() -> None:
    assert check_suppression(target()).passed
    result = check_suppression(target(excluded={"unsubscribed": 3}))
    assert not result.passed and {f.text for f in result.findings} == {"legal_hold", "bounced", "no_consent"}


def test_holdout_present() -> None:
    assert check_holdout(target()).passed
    assert not check_holdout(target(holdout=0)).passed
    assert not check_holdout(target(holdout=5)).passed  # 5 of 1,000 is far from 10%
    assert check_holdout(
        target(eligible=5, holdout=0, consent_basis={"opt_in": 5})
    ).passed  # too small for one
    assert not check_holdout(target(), holdout_pct=0.3).passed  # the blueprint's share wins


# --- caps -----------------------------------------------------------------------------------------------------


def blueprint(**caps_kw: object) -> Blueprint:
    caps: dict[str, object] = {
        "total": 10_000,
        "per_channel": {"email": 2_000, "paid_social": 8_000},
        "per_day": 500,
    }
    caps.update(caps_kw)
    brief = Brief(text="Launch", brand="brightwell")
    return Blueprint(
        campaign_name="c",
        brief=brief,
        objective="o",
        currency="USD",
        total_budget=10_000,
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 31),
        channels=[
            ChannelPlan(channel="email", budget=2_000, share=0.2, regions=["US"], variants=["A"]),
            ChannelPlan(channel="paid_social", budget=8_000, share=0.8, regions=["US"], variants=["A"]),
        ],
        kpi_targets=[KPITarget(name="conversions", target=100)],
        caps=Caps(**caps),
        prompt_version="v1",  # type: ignore[arg-type]
    )


def test_blueprint_caps() -> None:
    assert check_blueprint_caps(blueprint()).passed
    missing = check_blueprint_caps(blueprint(per_channel={"email": 2_000}))
    assert not missing.passed and "paid_social has no spend cap" in missing.reasons[0]
    over = check_blueprint_caps(blueprint(per_channel={"email": 1_000, "paid_social": 8_000}))
    assert not over.passed and "exceeds its cap" in over.reasons[0]
    assert not check_blueprint_caps(blueprint(total=9_000)).passed
    assert not check_blueprint_caps(blueprint(per_day=0)).passed
    slow = check_blueprint_caps(blueprint(per_day=100))
    assert slow.passed and slow.findings[0].verdict == "warning"


def change(**kw: object) -> BudgetChange:
    data: dict[str, object] = {
        "id": "bc1",
        "campaign_id": "c",
        "channel": "email",
        "from_amount": 2_000,
        "to_amount": 1_500,
        "delta_pct": -0.25,
        "reason": "posterior",
        "requires_approval": False,
        "status": "pending_approval",
    }
    data.update(kw)
    return BudgetChange(**data)  # type: ignore[arg-type]


def test_budget_change_caps() -> None:
    caps = blueprint().caps
    alloc = {"email": 2_000.0, "paid_social": 7_000.0}
    assert check_budget_change(change(), caps, alloc, 10_000).passed
    over_cap = check_budget_change(change(to_amount=2_500, delta_pct=0.25), caps, alloc, 10_000)
    assert not over_cap.passed and "above its cap" in over_cap.reasons[0]
    over_total = check_budget_change(
        change(channel="paid_social", from_amount=7_000, to_amount=8_500, delta_pct=8_500 / 7_000 - 1),
        caps,
        alloc,
        10_000,
    )
    assert not over_total.passed and any("exceeds the total cap" in r for r in over_total.reasons)
    stale = check_budget_change(change(from_amount=1_800, delta_pct=1_500 / 1_800 - 1), caps, alloc, 10_000)
    assert not stale.passed and "allocated 2,000.00" in stale.reasons[0]
    assert not check_budget_change(change(delta_pct=0.5), caps, alloc, 10_000).passed


def test_a_number_in_a_product_name_is_not_a_quantity() -> None:
    from datetime import date as _date

    from guards.claims import check_text as _check
    from guards.library import load_library as _load

    lib = _load(Path(__file__).resolve().parents[2] / "brand_library" / "trailfox")
    on = _date(2026, 11, 25)
    assert _check("Meet the Trailfox Ridgeline 3.", lib, region="UK", on=on).verdict == "no_claim"
    assert _check("The Ridgeline 3 weighs 3 kg.", lib, region="UK", on=on).verdict == "unsupported"


def test_naming_a_product_claims_nothing_even_when_its_name_is_an_offer_word() -> None:
    from datetime import date as _date

    from guards.claims import check_text as _check
    from guards.library import load_library as _load

    lib = _load(Path(__file__).resolve().parents[2] / "brand_library" / "ledgerly")
    on = _date(2026, 11, 25)
    assert _check("Meet Ledgerly Savings.", lib, region="UK", on=on).verdict == "no_claim"
    assert _check("Save 15% with Ledgerly Savings.", lib, region="UK", on=on).verdict == "unsupported"
