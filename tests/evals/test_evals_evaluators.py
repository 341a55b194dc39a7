"""Evaluators on hand-built campaign outcomes, and the shipped datasets' schema and coverage."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from evals.evaluators.base import CampaignOutcome, contains_phrase
from evals.evaluators.blueprint import BlueprintConstraints, kpi_problem
from evals.evaluators.claims import ClaimsSupport
from evals.evaluators.schema_validity import SchemaValidity
from evals.evaluators.voice import BrandVoice
from evals.schema import BriefCase, DatasetError, load_dataset
from evals.suites import resolve_suites
from graph.contracts import Blueprint, Brief, Caps, ChannelPlan, KPITarget, Money
from graph.runtime.settings import REPO_ROOT
from guards.library import load_library

LIB = load_library(REPO_ROOT / "brand_library" / "brightwell")
TODAY = date(2026, 11, 25)
DISCLAIMER = "Results vary with local water conditions."


def blueprint(
    total: float = 20_000, channels: tuple[str, ...] = ("email",), kpis: list[KPITarget] | None = None
) -> dict:
    brief = Brief(
        text="b",
        brand="brightwell",
        goal="orders",
        audience="families",
        budget=Money(amount=total, currency="USD"),
        start_date=date(2027, 3, 2),
        end_date=date(2027, 3, 29),
        channels=list(channels),
        regions=["US"],
    )
    plans = [
        ChannelPlan(
            channel=ch,
            budget=total / len(channels),
            share=1 / len(channels),
            regions=["US"],  # type: ignore[arg-type]
            variants=["A"],
        )
        for ch in channels
    ]
    return Blueprint(
        campaign_name="c",
        brief=brief,
        objective="o",
        currency="USD",
        total_budget=total,
        start_date=date(2027, 3, 2),
        end_date=date(2027, 3, 29),
        channels=plans,
        kpi_targets=kpis or [KPITarget(name="conversions", target=600)],
        caps=Caps(total=total, per_channel={ch: total for ch in channels}, per_day=total / 10),
        prompt_version="planner@v1",
    ).model_dump(mode="json")


def asset(
    aid: str,
    body: str,
    *,
    channel: str = "email",
    subject: str | None = "Meet the Classic Pitcher",
    cited: list[str] | None = None,
    version: int = 1,
) -> dict[str, Any]:
    return {
        "id": aid,
        "version": version,
        "channel": channel,
        "variant": "A",
        "region": "US",
        "subject": subject,
        "body": body,
        "cta": "Shop now",
        "cited_claim_ids": cited or [],
        "prompt_version": "v1",
        "prompt_hash": "h",
        "library_version": LIB.version,
        "model": "offline",
    }


def outcome(
    expect: dict[str, Any],
    assets: list[dict[str, Any]],
    *,
    withheld: list[str] = (),  # type: ignore[assignment]
    bp: dict | None = None,
    status: str = "launched",
) -> CampaignOutcome:
    programs = {
        f"p{i}": {"id": f"p{i}", "asset_id": a["id"], "status": "published"} for i, a in enumerate(assets)
    }
    values = {
        "blueprint": bp or blueprint(),
        "assets": {a["id"]: a for a in assets},
        "programs": programs,
        "withheld_assets": list(withheld),
        "scorecard": {"spend": 1000.0},
    }
    case = BriefCase.model_validate({"id": "t", "brief": "brief", "expect": expect})
    return CampaignOutcome(
        case=case,
        status=status,
        reason="",
        values=values,
        library=LIB,
        check_date=TODAY,
        length_limits={"email": {"subject": 60, "body": 2000}},
    )


def test_kpi_sanity_rules() -> None:
    assert kpi_problem(KPITarget(name="open_rate", target=0.25), 1000) == ""
    assert "sane range" in kpi_problem(KPITarget(name="open_rate", target=25), 1000)
    assert "per result" in kpi_problem(KPITarget(name="conversions", target=1_000_000), 20_000)
    assert "exceeds" in kpi_problem(KPITarget(name="cpa", target=50_000), 20_000)
    assert "whole number" in kpi_problem(KPITarget(name="signups", target=10.5), 20_000)


def test_blueprint_constraints_catch_wrong_budget_channels_and_kpis() -> None:
    good = outcome(
        {
            "channels": ["email"],
            "regions": ["US"],
            "budget": {"amount": 20000, "currency": "USD"},
            "kpis": [{"name": "conversions", "target": 600}],
        },
        [],
    )
    ev = BlueprintConstraints().evaluate(good)
    assert all(c.passed for c in ev.checks), [c for c in ev.checks if not c.passed]
    bad = outcome(
        {
            "channels": ["email", "sms"],
            "budget": {"amount": 40000, "currency": "USD"},
            "kpis": [{"name": "conversions", "target": 1500}],
        },
        [],
        bp=blueprint(kpis=[KPITarget(name="conversions", target=600), KPITarget(name="ctr", target=12)]),
    )
    failed = {c.name for c in BlueprintConstraints().evaluate(bad).checks if not c.passed}
    assert {"channels", "budget read from the brief", "KPI conversions", "KPI ctr sane"} <= failed
    asked = outcome({"status": "needs_input", "missing": ["budget"]}, [], status="needs_input")
    asked.values.update(brief={"missing": ["budget"]}, blueprint=None, programs={})
    assert all(c.passed for c in BlueprintConstraints().evaluate(asked).checks)


def test_claims_evaluator_counts_planted_phrases_only_in_published_copy() -> None:
    clean = asset("a1", f"Free shipping on orders over $35. {DISCLAIMER}", cited=["free-shipping-us"])
    planted = asset("a2", f"Brightwell removes 100% of lead from tap water. {DISCLAIMER}", version=3)
    held = asset("a3", f"A miracle filter. {DISCLAIMER}")
    out = outcome(
        {
            "must_not_appear": ["100% of lead", "miracle"],
            "must_appear": ["Free shipping on orders over $35"],
            "must_cite": ["free-shipping-us", "lead-99"],
        },
        [clean, planted, held],
        withheld=["a3"],
    )
    ev = ClaimsSupport().evaluate(out)
    assert (
        ev.counts["planted"] == 2 and ev.counts["planted_published"] == 1
    )  # the withheld miracle never went out
    assert ev.counts["claim_sentences"] == 2 and ev.counts["claim_sentences_supported"] == 1
    assert ev.counts["appear_ok"] == 1 and ev.counts["cite_ok"] == 1 and ev.counts["cite_total"] == 2
    assert ev.counts["assets"] == 3 and ev.counts["assets_first_draft"] == 2
    assert ev.scores["guard_miss_rate"] == pytest.approx(0.5)


def test_voice_evaluator_reads_the_library_rules() -> None:
    ok = asset("ok", f"Free shipping on orders over $35. {DISCLAIMER}")
    bad = asset(
        "bad",
        "Hurry: a miracle filter, better than ClearSip!! Free shipping on orders over $35.",
        subject="FREE SHIPPING for every family this week only, on every single order we ship",
    )
    ev = BrandVoice().evaluate(outcome({}, [ok, bad]))
    failed = {c.name for c in ev.checks if not c.passed}
    assert {
        "bad: no banned terms",
        "bad: no avoided phrases",
        "bad: no competitor named",
        "bad: exclamations",
        "bad: all-caps words",
        "bad: subject length",
    } <= failed
    assert any(n.startswith("bad: disclaimer") for n in failed)
    assert not any(n.startswith("ok:") for n in failed)


def test_schema_validity_flags_a_broken_asset() -> None:
    broken = asset("x", "body")
    broken["channel"] = "fax"
    ev = SchemaValidity().evaluate(outcome({}, [asset("y", f"Hi. {DISCLAIMER}"), broken]))
    failed = {c.name for c in ev.checks if not c.passed}
    assert "assets[x] valid" in failed and "assets[y] valid" not in failed and "blueprint valid" not in failed
    invalid = {n for n in failed if n.endswith(" valid")}
    assert ev.counts["schema_objects"] - ev.counts["schema_valid"] == len(invalid)
    assert "pass_report present" in failed  # a launched campaign must have one


def test_phrase_matching_is_normalized_but_word_bounded() -> None:
    assert contains_phrase("Brightwell is the #1 filter in America.", "#1 filter in America")
    assert contains_phrase("It’s great", "it's great")
    assert not contains_phrase("cured meats", "cure")


def test_shipped_datasets_cover_industries_regions_currencies_and_channels() -> None:
    suites = {ds.name: ds for ds in resolve_suites("all")}
    assert {"briefs", "claims", "claims-holdout", "governance"} <= set(suites)
    briefs = suites["briefs"].cases
    assert len(briefs) >= 25
    assert len({c.brand for c in briefs}) >= 3 and len({c.industry for c in briefs}) >= 3
    regions = {r for c in briefs for r in (c.expect.regions or [])}  # type: ignore[union-attr]
    assert regions == {"US", "UK", "EU", "CA", "APAC"}
    currencies = {c.expect.budget.currency for c in briefs if c.expect.budget}  # type: ignore[union-attr]
    assert currencies == {"USD", "GBP", "EUR", "CAD", "AUD", "JPY"}
    channels = {ch for c in briefs for ch in (c.expect.channels or [])}  # type: ignore[union-attr]
    assert channels == {"email", "sms", "paid_social", "paid_search", "display"}
    assert sum(bool(c.expect.must_not_appear) for c in briefs) >= 8  # type: ignore[union-attr]
    assert any(c.expect.status == "needs_input" for c in briefs)  # type: ignore[union-attr]
    gov = suites["governance"].cases
    assert any(c.expect.stopped for c in gov) and any(not c.expect.stopped for c in gov)  # type: ignore[union-attr]
    for ds in suites.values():
        assert ds.config.thresholds and ds.config.tolerances, ds.name


def test_bad_datasets_fail_with_the_file_and_case_named(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("kind: briefs\ncases:\n  - id: ok\n    brief: b\n  - id: BAD ID\n    brief: b\n")
    with pytest.raises(DatasetError, match=r"d.yaml: case BAD ID: id"):
        load_dataset(path)
    path.write_text("kind: briefs\ncases:\n  - {id: a, brief: b}\n  - {id: a, brief: c}\n")
    with pytest.raises(DatasetError, match="duplicate case id 'a'"):
        load_dataset(path)
    path.write_text("kind: nope\ncases: []\n")
    with pytest.raises(DatasetError, match="'kind' must be one of"):
        load_dataset(path)
    with pytest.raises(DatasetError, match="unknown suite 'nope'"):
        resolve_suites("nope")
