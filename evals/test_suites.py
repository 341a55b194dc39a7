"""The shipped eval suites as tests: one test per case (its expectations) and one per suite (its thresholds).

Thresholds and expectations come from the dataset files; a case with a documented ``known_issue`` is expected
to fail (strict: when it starts passing, the test fails so the note gets removed).
"""

from __future__ import annotations

import pytest

from evals.results import EvalRun
from evals.suites import resolve_suites

DATASETS = resolve_suites("all")
CASES = [
    pytest.param(ds.name, case.id, getattr(case, "known_issue", ""), id=f"{ds.name}/{case.id}")
    for ds in DATASETS
    for case in ds.cases
    if ds.kind != "brief_fields"
]  # those are judged per field


@pytest.mark.parametrize(("suite", "case_id", "known_issue"), CASES)
def test_case_meets_its_expectations(eval_run: EvalRun, suite: str, case_id: str, known_issue: str) -> None:
    """Every run of the case passed all of its checks (or, for a known issue, still fails)."""
    runs = [c for c in eval_run.suite_cases(suite) if c.case_id == case_id]
    assert runs, f"{suite}/{case_id} did not run"
    failures = [f"{c.evaluator}: {c.name}: {c.detail}" for r in runs for c in r.failed_checks()]
    failures += [f"error: {r.error}" for r in runs if r.error]
    if known_issue:
        if all(r.passed for r in runs):
            pytest.fail(f"known issue fixed ({known_issue}): remove known_issue from the case")
        pytest.xfail(f"known issue: {known_issue}")
    assert all(r.passed for r in runs), "\n".join(failures[:20])


@pytest.mark.parametrize("suite", [ds.name for ds in DATASETS])
def test_suite_meets_its_thresholds(eval_run: EvalRun, suite: str) -> None:
    """The suite's metrics meet the thresholds of its dataset file (known-issue cases excluded)."""
    result = eval_run.suites[suite]
    assert not result.threshold_failures, "\n".join(result.threshold_failures)
