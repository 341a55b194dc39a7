"""Statistics, metrics and the comparison/regression gate on hand-built runs (no graph)."""

from __future__ import annotations

import pytest

from evals.compare import Comparison, compare_runs
from evals.metrics import compute, threshold_failures
from evals.results import CaseResult, Check, EvalRun, SuiteResult
from evals.stats import bootstrap_ci, quantile, sign_test, wilson


def test_wilson_matches_known_values_and_depends_on_n() -> None:
    lo, hi = wilson(17, 20)  # type: ignore[misc]
    assert lo == pytest.approx(0.6396, abs=1e-3) and hi == pytest.approx(0.9476, abs=1e-3)
    lo2, hi2 = wilson(850, 1000)  # type: ignore[misc]
    assert hi2 - lo2 < (hi - lo) / 3  # 17/20 is not 850/1000
    assert wilson(0, 0) is None
    assert wilson(20, 20)[0] == pytest.approx(0.8389, abs=1e-3)  # type: ignore[index]
    with pytest.raises(ValueError):
        wilson(3, 2)


def test_sign_test_and_bootstrap() -> None:
    assert sign_test(0, 0) == 1.0
    assert sign_test(5, 0) == pytest.approx(0.0625)
    assert sign_test(3, 3) == 1.0
    ci = bootstrap_ci([0, 1] * 20, lambda s: sum(s) / len(s))
    assert ci is not None and ci[0] < 0.5 < ci[1]
    assert bootstrap_ci([1], lambda s: 1.0) is None
    assert quantile([3.0, 1.0, 2.0], 0.5) == 2.0 and quantile([], 0.5) is None


def case(cid: str, passed: bool, repeat: int = 0, suite: str = "briefs", **counts: int) -> CaseResult:
    checks = [
        Check(evaluator="blueprint", name="budget", passed=passed, detail="" if passed else "wrong budget")
    ]
    base = {"run": 1, "error": 0}
    return CaseResult(
        suite=suite,
        case_id=cid,
        repeat=repeat,
        passed=passed,
        checks=checks,
        status="launched",
        counts={**base, **counts},
        latency_s=1.0,
    )


def run(
    cases: list[CaseResult],
    *,
    llm: bool = False,
    repeat: int = 1,
    tolerances: dict[str, float] | None = None,
    label: str = "",
) -> EvalRun:
    suite = SuiteResult(
        name="briefs",
        kind="briefs",
        dataset="d.yaml",
        dataset_sha256="x",
        cases=len(cases),
        runs=len(cases),
        metrics=compute("briefs", cases),
        tolerances=tolerances or {},
    )
    return EvalRun(
        run_id=f"evr-{label or 'x'}",
        created_at="2026-11-25T00:00:00",
        label=label,
        model="m",
        model_is_llm=llm,
        prompts={"content": "content@v1#abc"},
        mode="live",
        repeat=repeat,
        suites={"briefs": suite},
        cases=cases,
    )


def test_metrics_pool_counts_and_use_wilson_for_single_runs() -> None:
    cases = [
        case("a", True, planted=2, planted_published=0),
        case("b", False, planted=1, planted_published=1),
        case("c", True),
    ]
    m = compute("briefs", cases)
    assert m["pass_rate"].value == pytest.approx(2 / 3) and m["pass_rate"].n == 3
    assert m["pass_rate"].ci95 == pytest.approx(wilson(2, 3))
    assert m["guard_miss_rate"].value == pytest.approx(1 / 3) and m["guard_miss_rate"].n == 3
    assert m["claims_supported_rate"].value is None  # no denominator anywhere: not applicable, not 0
    fails = threshold_failures(
        "briefs", m, {"pass_rate": 0.9, "guard_miss_rate": 0.0, "latency_p50_s": 5.0, "nope": 1.0}
    )
    assert any("pass_rate" in f and "below" in f for f in fails)
    assert any("guard_miss_rate" in f and "above" in f for f in fails)
    assert any("nope: no such metric" in f for f in fails)
    assert not any("latency" in f for f in fails)


def test_compare_lists_flips_and_gates_on_new_failures() -> None:
    a = run([case("a", True), case("b", True), case("c", False)], label="A")
    b = run([case("a", True), case("b", False), case("c", True)], label="B")
    cmp = compare_runs(a, b)
    flips = {f.case_id: f.direction for f in cmp.flips}
    assert flips == {"b": "broken", "c": "fixed"}
    broken = next(f for f in cmp.flips if f.case_id == "b")
    assert broken.b_failed == ["blueprint: budget"]
    assert cmp.regressed and any("newly failing" in r and "b" in r for r in cmp.regressions)
    relaxed = compare_runs(a, b, tolerances={"new_failures": 1})
    assert not relaxed.regressed  # pass rate unchanged (2/3 both), one new failure tolerated
    same = compare_runs(a, a)
    assert not same.flips and not same.regressed


def test_compare_gates_metric_drops_beyond_tolerance_only() -> None:
    a = run([case(str(i), True) for i in range(10)])
    b = run([case(str(i), i != 0) for i in range(10)], tolerances={"pass_rate": 0.15, "new_failures": 5})
    assert not compare_runs(a, b).regressed  # 0.1 drop within 0.15
    strict = compare_runs(a, b, tolerances={"pass_rate": 0.05})
    delta = next(m for m in strict.metrics if m.name == "pass_rate")
    assert delta.delta == pytest.approx(-0.1) and delta.regression and delta.verdict == "worse"
    assert strict.regressed
    assert delta.ci95_delta is not None and delta.ci95_delta[0] <= -0.1 + 1e-9


def test_significance_note_depends_on_repeats_and_determinism() -> None:
    offline = compare_runs(run([case("a", True)]), run([case("a", False)]))
    assert "same configuration" in offline.notes[0] and "deterministic" in offline.notes[1]
    one = compare_runs(run([case("a", True)], llm=True), run([case("a", False)], llm=True))
    assert "--repeat 3" in one.notes[1]
    reps = [case("a", True, r) for r in range(3)] + [case("b", True, r) for r in range(3)]
    worse = [case("a", r == 0, r) for r in range(3)] + [case("b", True, r) for r in range(3)]
    many = compare_runs(run(reps, llm=True, repeat=3), run(worse, llm=True, repeat=3))
    assert "3 runs per case" in many.notes[1]
    assert [f.case_id for f in many.flips] == ["a"] and many.flips[0].b_passed == "1/3"


def test_compare_names_what_differs() -> None:
    a = run([case("a", True)])
    b = run([case("a", True)])
    b.prompts = {"content": "content@v2#def"}
    assert "content: content@v1#abc -> content@v2#def" in compare_runs(a, b).notes[0]


def test_comparison_round_trips_through_json() -> None:
    cmp = compare_runs(run([case("a", True)]), run([case("a", False)]))
    again = Comparison.from_dict(cmp.to_dict())
    assert again.flips == cmp.flips and again.metrics == cmp.metrics and again.regressions == cmp.regressions
