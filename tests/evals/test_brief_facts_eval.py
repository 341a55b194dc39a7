"""The brief-facts evaluator, scripted answers, questions read from the pending review, disclaimers never counted
as claims, and datasets with their own brand-library directory (the brand-trials suite, issue 12)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from evals.evaluators.base import CampaignOutcome
from evals.evaluators.blueprint import BlueprintConstraints
from evals.evaluators.brief_facts import BriefFacts
from evals.evaluators.claims import ClaimsSupport
from evals.schema import BriefCase, DatasetError, load_dataset
from evals.suites import resolve_suites
from guards.library import load_library
from tests.evals.test_evals_evaluators import asset, blueprint

TRIALS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "trial_brands"
TRIALS2 = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "trial_brands2"
BRIEF = {
    "product": "Quillstack Sign Pro",
    "audience": "operations and HR leaders at companies with 50-500 employees",
    "countries": ["US", "CA"],
    "start_date": "2027-01-11",
    "end_date": "2027-03-05",
    "holdout_pct": 0.15,
    "key_messages": ["Send 500 contracts in one go"],
    "theme": "winter",
}


def outcome(
    expect: dict[str, Any],
    brief: dict[str, Any] | None = None,
    *,
    answers: list[str] | None = None,
    unused: list[str] | None = None,
    status: str = "launched",
    review: dict[str, Any] | None = None,
    library: str = "quillstack",
) -> CampaignOutcome:
    case = BriefCase.model_validate({"id": "t", "brief": "b", "answers": answers or [], "expect": expect})
    return CampaignOutcome(
        case=case,
        status=status,
        reason="",
        values={"brief": brief if brief is not None else dict(BRIEF)},
        library=load_library(TRIALS / library),
        check_date=date(2026, 12, 7),
        length_limits={},
        unused_answers=unused or [],
        pending_review=review,
    )


def failed(ev: Any) -> list[str]:
    return [c.name for c in ev.checks if not c.passed]


FACTS = {
    "product_contains": "sign pro",
    "audience_contains": ["HR leaders", "50-500 employees"],
    "countries": ["CA", "US"],
    "start_date": "2027-01-11",
    "end_date": "2027-03-05",
    "holdout": 0.15,
    "key_messages": ["Send 500 contracts in one go"],
    "theme": "Winter",
}


def test_every_kept_fact_passes() -> None:
    ev = BriefFacts().evaluate(outcome({"brief": FACTS}))
    assert failed(ev) == [] and len(ev.checks) == 8
    assert ev.scores["brief_facts_rate"] == 1.0


@pytest.mark.parametrize(
    ("field", "value", "check"),
    [
        ("product", "Quillstack Sign", "product"),
        ("audience", "HR leaders", "audience"),
        ("countries", ["US"], "countries"),
        ("start_date", "2027-01-12", "start date"),
        ("end_date", None, "end date"),
        ("holdout_pct", 0.10, "holdout"),
        ("key_messages", ["Send 500 contracts"], "key messages"),
        ("theme", None, "theme"),
    ],
)
def test_a_lost_or_changed_fact_fails_its_check(field: str, value: Any, check: str) -> None:
    ev = BriefFacts().evaluate(outcome({"brief": FACTS}, {**BRIEF, field: value}))
    assert failed(ev) == [check]


def test_a_stated_zero_holdout_is_checked_not_skipped() -> None:
    ev = BriefFacts().evaluate(outcome({"brief": {"holdout": 0.0}}, {**BRIEF, "holdout_pct": None}))
    assert failed(ev) == ["holdout"]
    ev = BriefFacts().evaluate(outcome({"brief": {"holdout": 0.0}}, {**BRIEF, "holdout_pct": 0.0}))
    assert failed(ev) == []


def test_an_answer_the_run_never_asked_for_fails() -> None:
    ev = BriefFacts().evaluate(outcome({}, answers=["drop sms", "drop CA"], unused=["drop CA"]))
    assert failed(ev) == ["every answer asked for"]
    assert "drop CA" in ev.checks[0].detail
    ev = BriefFacts().evaluate(outcome({}, answers=["drop sms"]))
    assert failed(ev) == []


def test_the_questions_asked_are_read_from_the_pending_review() -> None:
    review = {"kind": "clarify", "items": [{"question": "q1", "missing": "product"}]}
    ev = BlueprintConstraints().evaluate(
        outcome({"status": "needs_input", "missing": ["product"]}, status="needs_input", review=review)
    )
    assert "asked for missing essentials" not in failed(ev)
    ev = BlueprintConstraints().evaluate(
        outcome({"status": "needs_input", "missing": ["disclaimer"]}, status="needs_input", review=review)
    )
    assert "asked for missing essentials" in failed(ev)


def test_a_published_disclaimer_with_figures_is_never_counted_as_a_claim() -> None:
    lib = load_library(TRIALS / "fernbank")
    disclaimers = " ".join(lib.disclaimers("UK", channel="email"))
    assert any(ch.isdigit() for ch in disclaimers)  # the trial brand's UK disclaimer carries numbers
    body = f"Save towards what matters with the Easy ISA. {disclaimers}"
    a = asset("a1", body, subject="Your allowance, working harder")
    a = {
        **a,
        "region": "UK",
        "library_version": lib.version,
        "disclaimer_spans": lib.disclaimers("UK", channel="email"),
    }
    case = BriefCase.model_validate({"id": "t", "brief": "b", "brand": "fernbank"})
    out = CampaignOutcome(
        case=case,
        status="launched",
        reason="",
        values={
            "blueprint": blueprint(),
            "assets": {"a1": a},
            "programs": {"p": {"id": "p", "asset_id": "a1", "status": "published"}},
        },
        library=lib,
        check_date=date(2026, 12, 7),
        length_limits={},
    )
    ev = ClaimsSupport().evaluate(out)
    assert [c.detail for c in ev.checks if not c.passed] == []
    assert ev.counts.get("claim_sentences", 0) == 0


def test_a_dataset_names_its_own_brand_library_directory(tmp_path: Path) -> None:
    (tmp_path / "libs").mkdir()
    good = tmp_path / "d.yaml"
    good.write_text("kind: briefs\nbrand_library_dir: libs\ncases:\n  - {id: a, brief: b, brand: x}\n")
    ds = load_dataset(good)
    assert ds.library_dir(Path("/elsewhere")) == (tmp_path / "libs").resolve()
    bad = tmp_path / "e.yaml"
    bad.write_text("kind: briefs\nbrand_library_dir: nowhere\ncases:\n  - {id: a, brief: b}\n")
    with pytest.raises(DatasetError, match="brand_library_dir 'nowhere' is not a directory"):
        load_dataset(bad)
    plain = tmp_path / "f.yaml"
    plain.write_text("kind: briefs\ncases:\n  - {id: a, brief: b}\n")
    assert load_dataset(plain).library_dir(Path("/elsewhere")) == Path("/elsewhere")


def test_the_brand_trials_suite_loads_with_every_brand_it_names() -> None:
    (ds,) = resolve_suites("brand-trials")
    assert len(ds.cases) == 12
    root = ds.library_dir(Path("/unused"))
    assert root == TRIALS.resolve()
    brands = {c.brand for c in ds.cases}  # type: ignore[union-attr]
    assert len(brands) == 6
    for brand in brands:
        assert load_library(root / brand).name
    assert any(c.answers for c in ds.cases)  # type: ignore[union-attr]


def test_the_second_brand_trials_suite_loads_with_every_brand_it_names() -> None:
    (ds,) = resolve_suites("brand-trials-2")
    assert len(ds.cases) == 8
    root = ds.library_dir(Path("/unused"))
    assert root == TRIALS2.resolve()
    brands = {c.brand for c in ds.cases}  # type: ignore[union-attr]
    assert brands == {"paylark", "tailwise", "larchmere", "simmerbox"}
    for brand in brands:
        assert load_library(root / brand).name
    assert sum(1 for c in ds.cases if c.answers) == 7  # type: ignore[union-attr]
