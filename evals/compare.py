"""Compare two eval runs: per-metric deltas, per-case flips, a significance note, and the regression gate."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from evals.metrics import SPECS, by_case, flatten, spec_for
from evals.results import CaseResult, EvalRun
from evals.stats import bootstrap_ci, sign_test

DEFAULT_TOLERANCES: dict[str, float] = {"pass_rate": 0.0, "new_failures": 0}
"""Gate used for a suite whose dataset sets no tolerances: no drop in pass rate, no newly failing case."""
MIN_REPEATS_FOR_SIGNIFICANCE = 3


@dataclass
class MetricDelta:
    """One metric in A and B."""

    suite: str
    name: str
    a: float | None
    b: float | None
    delta: float | None
    higher_is_better: bool | None
    unit: str
    ci95_delta: tuple[float, float] | None = None
    tolerance: float | None = None
    regression: bool = False
    verdict: str = "same"


@dataclass
class CaseFlip:
    """A case whose outcome changed between A and B (majority pass over its repeats)."""

    suite: str
    case_id: str
    a_passed: str
    b_passed: str
    direction: str
    a_failed: list[str] = field(default_factory=list)
    b_failed: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    """The comparison of run A (baseline) with run B (candidate)."""

    a: dict[str, Any]
    b: dict[str, Any]
    metrics: list[MetricDelta]
    flips: list[CaseFlip]
    only_in_a: list[str]
    only_in_b: list[str]
    notes: list[str]
    regressions: list[str]
    tolerances: dict[str, dict[str, float]]

    @property
    def regressed(self) -> bool:
        """True when B regressed beyond the tolerances."""
        return bool(self.regressions)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (stored in a run as its control comparison)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comparison:
        """Inverse of :meth:`to_dict`."""
        metrics = [
            MetricDelta(**{**m, "ci95_delta": tuple(m["ci95_delta"]) if m.get("ci95_delta") else None})
            for m in data.get("metrics", [])
        ]
        flips = [CaseFlip(**f) for f in data.get("flips", [])]
        rest = {k: v for k, v in data.items() if k not in ("metrics", "flips")}
        return cls(metrics=metrics, flips=flips, **rest)


def _run_facts(run: EvalRun) -> dict[str, Any]:
    return {
        "run_id": run.run_id,
        "label": run.label,
        "model": run.model,
        "prompts": run.prompts,
        "mode": run.mode,
        "repeat": run.repeat,
        "created_at": run.created_at,
        "model_is_llm": run.model_is_llm,
    }


def _majority(runs: list[CaseResult]) -> tuple[bool, str]:
    k = sum(r.passed for r in runs)
    return k * 2 > len(runs), f"{k}/{len(runs)}"


def compare_runs(
    a: EvalRun, b: EvalRun, *, tolerances: dict[str, float] | None = None, resamples: int = 1000
) -> Comparison:
    """Compare baseline ``a`` with candidate ``b``.

    Args:
        a: Baseline run (e.g. the control cohort or the previous prompt version).
        b: Candidate run.
        tolerances: Overrides (metric -> allowed worsening; ``new_failures`` -> allowed newly failing cases),
            applied on top of each suite's dataset tolerances (B's, else A's, else :data:`DEFAULT_TOLERANCES`).
        resamples: Bootstrap resamples for the delta intervals.
    """
    metrics: list[MetricDelta] = []
    flips: list[CaseFlip] = []
    only_a: list[str] = []
    only_b: list[str] = []
    notes: list[str] = []
    regressions: list[str] = []
    used: dict[str, dict[str, float]] = {}
    for name in [s for s in b.suites if s in a.suites]:
        sa, sb = a.suites[name], b.suites[name]
        if sa.dataset_sha256 != sb.dataset_sha256:
            notes.append(f"{name}: the dataset changed between the runs (compared on the cases both ran)")
        tol = dict(sb.tolerances or sa.tolerances or DEFAULT_TOLERANCES)
        tol.update(tolerances or {})
        used[name] = tol
        ca = {c[0].case_id: c for c in by_case(a.suite_cases(name))}
        cb = {c[0].case_id: c for c in by_case(b.suite_cases(name))}
        only_a += [f"{name}/{cid}" for cid in ca if cid not in cb]
        only_b += [f"{name}/{cid}" for cid in cb if cid not in ca]
        common = [cid for cid in cb if cid in ca]
        pairs = [(ca[cid], cb[cid]) for cid in common]
        for spec in SPECS.get(sb.kind, []):
            metrics.append(_delta(name, spec, pairs, tol, resamples))
        new_flips = _flips(name, pairs)
        flips += new_flips
        broken = sum(f.direction == "broken" for f in new_flips)
        fixed = sum(f.direction == "fixed" for f in new_flips)
        if "new_failures" in tol and broken > tol["new_failures"]:
            regressions.append(
                f"{name}: {broken} case(s) newly failing (tolerance {tol['new_failures']:g}): "
                + ", ".join(f.case_id for f in new_flips if f.direction == "broken")
            )
        notes.append(_significance(name, a, b, broken, fixed, len(common)))
    changed = [
        f"{agent}: {a.prompts.get(agent, '-')} -> {b.prompts.get(agent, '-')}"
        for agent in sorted(set(a.prompts) | set(b.prompts))
        if a.prompts.get(agent) != b.prompts.get(agent)
    ]
    if a.model != b.model:
        changed.insert(0, f"model: {a.model} -> {b.model}")
    notes.insert(
        0,
        "What differs between A and B: "
        + ("; ".join(changed) if changed else "neither the model nor any prompt (same configuration)"),
    )
    for m in metrics:
        if m.regression:
            regressions.append(
                f"{m.suite}: {m.name} {_fmt(m.a)} -> {_fmt(m.b)} (worse by more than {m.tolerance:g})"
            )
    return Comparison(
        a=_run_facts(a),
        b=_run_facts(b),
        metrics=metrics,
        flips=flips,
        only_in_a=only_a,
        only_in_b=only_b,
        notes=notes,
        regressions=regressions,
        tolerances=used,
    )


def _delta(
    suite: str,
    spec: Any,
    pairs: list[tuple[list[CaseResult], list[CaseResult]]],
    tol: dict[str, float],
    resamples: int,
) -> MetricDelta:
    va = spec.aggregate(flatten([p[0] for p in pairs]))
    vb = spec.aggregate(flatten([p[1] for p in pairs]))
    delta = vb - va if va is not None and vb is not None else None
    ci = None
    if delta is not None and spec.unit in ("rate", "score"):

        def stat(sample: list[tuple[list[CaseResult], list[CaseResult]]]) -> float | None:
            x = spec.aggregate(flatten([p[0] for p in sample]))
            y = spec.aggregate(flatten([p[1] for p in sample]))
            return None if x is None or y is None else y - x

        ci = bootstrap_ci(pairs, stat, resamples=resamples)
    m = MetricDelta(suite, spec.name, va, vb, delta, spec.higher_is_better, spec.unit, ci)
    if delta is None or spec.higher_is_better is None or abs(delta) < 1e-12:
        return m
    worse = delta < 0 if spec.higher_is_better else delta > 0
    m.verdict = "worse" if worse else "better"
    if spec.name in tol:
        m.tolerance = float(tol[spec.name])
        m.regression = worse and abs(delta) > m.tolerance + 1e-12
    return m


def _failed(runs: list[CaseResult]) -> list[str]:
    return sorted(
        {f"{c.evaluator}: {c.name}" for r in runs for c in r.failed_checks()}
        | {f"error: {r.error}" for r in runs if r.error}
    )


def _flips(suite: str, pairs: list[tuple[list[CaseResult], list[CaseResult]]]) -> list[CaseFlip]:
    out = []
    for ra, rb in pairs:
        pa, sa = _majority(ra)
        pb, sb = _majority(rb)
        if pa == pb:
            continue
        out.append(
            CaseFlip(
                suite, ra[0].case_id, sa, sb, "fixed" if pb else "broken", _failed(ra)[:8], _failed(rb)[:8]
            )
        )
    return out


def _significance(suite: str, a: EvalRun, b: EvalRun, broken: int, fixed: int, n: int) -> str:
    p = sign_test(broken, fixed)
    flips = f"{broken} newly failing, {fixed} newly passing of {n} cases (sign test p = {p:.3g})"
    deterministic = not a.model_is_llm and not b.model_is_llm
    if deterministic:
        return f"{suite}: {flips}. Both runs use the offline rules engine, which is deterministic: every flip is real."
    reps = min(a.repeat, b.repeat)
    if reps < MIN_REPEATS_FOR_SIGNIFICANCE:
        return (
            f"{suite}: {flips}. Only {reps} run(s) per case: model output varies between runs, so a flip may be "
            f"noise; use --repeat {MIN_REPEATS_FOR_SIGNIFICANCE} or more before trusting small differences."
        )
    return (
        f"{suite}: {flips}. {reps} runs per case; delta intervals are paired bootstrap 95% intervals over cases "
        "(repeats resampled together): a difference is significant when its interval excludes 0."
    )


def _fmt(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.4g}"


def spec_direction(kind: str, name: str) -> bool | None:
    """Direction of a metric (for reports)."""
    spec = spec_for(kind, name)
    return None if spec is None else spec.higher_is_better
