"""govern(): every guard through guardrails on assets, lists and the blueprint; exception routing."""

from __future__ import annotations

from datetime import date

import pytest

from graph.contracts import (
    Asset,
    Blueprint,
    Brief,
    Caps,
    ChannelPlan,
    KPITarget,
    SegmentDefinition,
    TargetList,
)
from graph.runtime.settings import REPO_ROOT
from guards.governance import govern, govern_budget_change
from guards.library import BrandLibrary, load_library

TODAY = date(2026, 11, 25)
US_OK = (
    "Brightwell cartridges remove up to 99% of lead from tap water. Free shipping on orders over $35. "
    "Results vary with local water conditions. "
    "Certified by NSF International against NSF/ANSI 53 for lead reduction."
)


@pytest.fixture(scope="module")
def lib() -> BrandLibrary:
    return load_library(REPO_ROOT / "brand_library" / "brightwell")


def asset(body: str, region: str = "US", channel: str = "email", aid: str = "a", **kw: object) -> Asset:
    fields: dict[str, object] = {
        "subject": "Your water, simply" if channel == "email" else None,
        "headline": None,
        "cta": "Shop now",
    }
    fields.update(kw)
    return Asset(
        id=aid,
        version=1,
        channel=channel,
        variant="A",
        region=region,
        body=body,  # type: ignore[arg-type]
        prompt_version="v1",
        prompt_hash="h",
        library_version="v",
        model="offline",
        **fields,
    )  # type: ignore[arg-type]


def target(basis: dict[str, int], region: str = "EU") -> TargetList:
    return TargetList(
        id=f"l-{region}",
        segment=SegmentDefinition(channel="email", regions=[region]),
        eligible=900,  # type: ignore[list-item]
        holdout=100,
        by_region={region: 900},
        by_channel={"email": 900},
        consent_basis=basis,
        excluded={"legal_hold": 0, "unsubscribed": 1, "bounced": 0, "no_consent": 5},
        seed=1,
        store_version="s",
    )


def blueprint() -> Blueprint:
    return Blueprint(
        campaign_name="winter",
        brief=Brief(text="b", brand="brightwell"),
        objective="o",
        currency="USD",
        total_budget=5_000,
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 20),
        channels=[ChannelPlan(channel="email", budget=5_000, share=1.0, regions=["US"], variants=["A"])],
        kpi_targets=[KPITarget(name="conversions", target=10)],
        caps=Caps(total=5_000, per_channel={"email": 5_000}, per_day=400),
        prompt_version="v1",
    )


def exceptions_of(report: object, subject: str) -> dict[str, object]:
    return {e.validator: e for e in report.exceptions if e.subject_id == subject}  # type: ignore[attr-defined]


def test_clean_subjects_pass_with_claim_citations(lib: BrandLibrary) -> None:
    report = govern(
        assets=[asset(US_OK, cited_claim_ids=["lead-99"])],
        lists=[target({"opt_in": 900})],
        blueprint=blueprint(),
        library=lib,
        check_date=TODAY,
        revision_round=0,
        max_revisions=2,
    )
    assert report.passed, [e.reasons for e in report.exceptions]
    assert report.library_version == lib.version and report.check_date == "2026-11-25"
    assert [s.subject_type for s in report.subjects] == ["asset", "list", "blueprint"]
    claims = next(r for r in report.subjects[0].results if r.validator == "liftoff/claims")
    cited = {c for f in claims.findings if f.verdict == "supported" for c in f.claims}
    assert cited == {"lead-99", "free-shipping-us"}
    validators = {r.validator for r in report.subjects[0].results}
    assert validators == {
        "liftoff/claims",
        "liftoff/banned_terms",
        "liftoff/competitors",
        "liftoff/pii",
        "liftoff/disclaimers",
        "liftoff/channel_limits",
        "liftoff/brand_voice",
        "liftoff/copy_quality",
    }
    assert {r.validator for r in report.subjects[1].results} == {
        "liftoff/consent",
        "liftoff/suppression",
        "liftoff/holdout",
    }


@pytest.mark.parametrize(
    "sentence, region, fragment",
    [
        ("Brightwell cartridges remove up to 99.9% of lead from tap water.", "US", "does not match"),
        ("Brightwell cartridges are certified organic.", "US", "organic"),
        ("Free shipping on orders over $35.", "UK", "approved only in US"),
        ("Launch offer: 20% off the MaxFlow Pitcher until 31 October 2026.", "US", "expired on 2026-10-31"),
    ],
)
def test_bad_claims_are_stopped_with_a_reason_and_evidence(
    lib: BrandLibrary, sentence: str, region: str, fragment: str
) -> None:
    body = f"{sentence} Results vary with local water conditions. T&Cs apply."
    report = govern(
        assets=[asset(body, region=region)],
        lists=[],
        blueprint=None,
        library=lib,
        check_date=TODAY,
        revision_round=0,
        max_revisions=2,
    )
    exc = exceptions_of(report, "a")["liftoff/claims"]
    assert exc.route == "content" and fragment in " ".join(exc.reasons)  # type: ignore[attr-defined]
    finding = exc.findings[0]  # type: ignore[attr-defined]
    assert (
        finding.verdict == "unsupported"
        and finding.evidence
        and finding.claims
        and finding.judged_by == "rules"
    )


def test_routing_content_until_the_revision_bound_then_human(lib: BrandLibrary) -> None:
    bad = asset("A miracle for your kitchen, unlike ClearSip. Email me at jo@gmail.com.", aid="bad")
    first = govern(
        assets=[bad],
        lists=[],
        blueprint=None,
        library=lib,
        check_date=TODAY,
        revision_round=0,
        max_revisions=2,
    )
    by = exceptions_of(first, "bad")
    assert {"liftoff/banned_terms", "liftoff/competitors", "liftoff/pii", "liftoff/disclaimers"} <= set(by)
    assert all(e.route == "content" for e in first.exceptions)
    last = govern(
        assets=[bad],
        lists=[],
        blueprint=None,
        library=lib,
        check_date=TODAY,
        revision_round=2,
        max_revisions=2,
    )
    assert last.exceptions and all(e.route == "human" for e in last.exceptions)
    disclaimer = exceptions_of(first, "bad")["liftoff/disclaimers"]
    assert disclaimer.findings[0].suggested_fix == "Results vary with local water conditions."  # type: ignore[attr-defined]


def test_lists_and_caps_go_to_a_human(lib: BrandLibrary) -> None:
    bp = blueprint().model_copy(update={"caps": Caps(total=5_000, per_channel={}, per_day=400)})
    report = govern(
        assets=[],
        lists=[target({"opt_in": 800, "legitimate_interest": 100})],
        blueprint=bp,
        library=lib,
        check_date=TODAY,
        revision_round=0,
        max_revisions=2,
    )
    routes = {(e.subject_type, e.validator): e.route for e in report.exceptions}
    assert routes == {("list", "liftoff/consent"): "human", ("blueprint", "liftoff/budget_caps"): "human"}


def test_cited_claims_must_be_approved(lib: BrandLibrary) -> None:
    a = asset(
        "Order yours today. Results vary with local water conditions.", cited_claim_ids=["award-2026", "nope"]
    )
    report = govern(
        assets=[a], lists=[], blueprint=None, library=lib, check_date=TODAY, revision_round=0, max_revisions=2
    )
    reasons = " ".join(exceptions_of(report, "a")["liftoff/claims"].reasons)  # type: ignore[attr-defined]
    assert "award-2026" in reasons and "approved only in UK" in reasons and "'nope'" in reasons


def test_budget_change_through_guardrails(lib: BrandLibrary) -> None:
    from graph.contracts import BudgetChange

    change = BudgetChange(
        id="x",
        campaign_id="c",
        channel="email",
        from_amount=5_000,
        to_amount=6_000,
        delta_pct=0.2,
        reason="r",
        requires_approval=True,
        status="pending_approval",
    )
    result = govern_budget_change(change, blueprint().caps, {"email": 5_000}, 5_000)
    assert not result.passed and result.validator == "liftoff/budget_change"


def test_validators_are_registered_with_guardrails() -> None:
    from guardrails.validator_base import validators_registry

    import guards.validators  # noqa: F401 - registers the validators

    names = {
        "liftoff/claims",
        "liftoff/banned_terms",
        "liftoff/competitors",
        "liftoff/pii",
        "liftoff/disclaimers",
        "liftoff/channel_limits",
        "liftoff/brand_voice",
        "liftoff/consent",
        "liftoff/suppression",
        "liftoff/holdout",
        "liftoff/budget_caps",
        "liftoff/budget_change",
    }
    assert names <= set(validators_registry)
