"""Suite metrics: how per-case results add up, per suite kind, with their direction and uncertainty.

Every metric is a function of a list of case results, so ``compare`` can recompute it on bootstrap
resamples of cases (repeated runs of one case stay together).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from evals.brief_fields import FIELDS
from evals.results import CaseResult, Metric
from evals.stats import bootstrap_ci, quantile, wilson

Agg = Callable[[Sequence[CaseResult]], float | None]


@dataclass(frozen=True)
class MetricSpec:
    """How one metric is computed and read.

    Attributes:
        name: Metric name.
        description: What it measures.
        aggregate: Function of case results -> value (None without data).
        denominator: Function giving the number of observations behind the value.
        higher_is_better: Direction (None: informational, never a regression).
        unit: rate, s, usd, count or score.
        wilson_counts: (numerator, denominator) count keys when a Wilson interval applies.
    """

    name: str
    description: str
    aggregate: Agg
    denominator: Callable[[Sequence[CaseResult]], int]
    higher_is_better: bool | None = True
    unit: str = "rate"
    wilson_counts: tuple[str, str] | None = None


def _sum(cases: Sequence[CaseResult], key: str) -> int:
    return sum(c.counts.get(key, 0) for c in cases)


def pooled(name: str, num: str, den: str, description: str, *, higher: bool | None = True) -> MetricSpec:
    """A ratio of summed counts over every case run (e.g. supported sentences / claim sentences)."""

    def agg(cases: Sequence[CaseResult]) -> float | None:
        d = _sum(cases, den)
        return _sum(cases, num) / d if d else None

    return MetricSpec(name, description, agg, lambda cs: _sum(cs, den), higher, "rate", (num, den))


def pass_rate(description: str = "Share of case runs whose every check passed.") -> MetricSpec:
    """Share of runs that passed."""

    def agg(cases: Sequence[CaseResult]) -> float | None:
        return sum(c.passed for c in cases) / len(cases) if cases else None

    return MetricSpec("pass_rate", description, agg, len, True, "rate", ("__passed", "__runs"))


def _f1(tp: str, fp: str, fn: str) -> Agg:
    def agg(cases: Sequence[CaseResult]) -> float | None:
        t, p, n = _sum(cases, tp), _sum(cases, fp), _sum(cases, fn)
        return 2 * t / (2 * t + p + n) if (t + p + n) else None

    return agg


def _latency(q: float) -> Agg:
    return lambda cases: quantile([c.latency_s for c in cases if c.error is None], q)


def _mean(fn: Callable[[CaseResult], float]) -> Agg:
    return lambda cases: sum(fn(c) for c in cases) / len(cases) if cases else None


def _cost_metrics() -> list[MetricSpec]:
    return [
        MetricSpec("latency_p50_s", "Median wall time of a case run.", _latency(0.5), len, False, "s"),
        MetricSpec(
            "latency_p95_s", "95th percentile wall time of a case run.", _latency(0.95), len, False, "s"
        ),
        MetricSpec(
            "llm_calls_per_run", "Model calls per case run.", _mean(lambda c: c.llm_calls), len, None, "count"
        ),
        MetricSpec(
            "tokens_per_run",
            "Input + output tokens per case run.",
            _mean(lambda c: c.tokens),
            len,
            None,
            "count",
        ),
        MetricSpec(
            "cost_usd_per_run",
            "Estimated cost per case run (price table).",
            _mean(lambda c: c.cost_usd),
            len,
            False,
            "usd",
        ),
        MetricSpec(
            "cost_usd_total",
            "Estimated cost of the whole suite run.",
            lambda cases: sum(c.cost_usd for c in cases) if cases else None,
            len,
            None,
            "usd",
        ),
    ]


SPECS: dict[str, list[MetricSpec]] = {
    "briefs": [
        pass_rate(),
        pooled(
            "error_rate", "error", "run", "Share of case runs that raised instead of finishing.", higher=False
        ),
        pooled("status_match_rate", "status_ok", "status_checked", "Runs ending in the expected status."),
        pooled(
            "schema_valid_rate",
            "schema_valid",
            "schema_objects",
            "Blueprint, assets, lists, pass report and scorecard that validate against their contracts.",
        ),
        pooled(
            "blueprint_ok_rate",
            "blueprint_ok",
            "blueprint_checks",
            "Blueprint constraints met: channels, regions, budget, caps, KPI targets, experiments.",
        ),
        pooled("kpi_sane_rate", "kpi_sane", "kpi_total", "KPI targets inside sane ranges."),
        pooled(
            "claims_supported_rate",
            "claim_sentences_supported",
            "claim_sentences",
            "Factual sentences of published copy the claims check finds supported by an approved claim.",
        ),
        pooled(
            "first_draft_ok_rate",
            "assets_first_draft",
            "assets",
            "Assets governance passed without a revision (version 1).",
        ),
        pooled(
            "published_asset_rate",
            "assets_published",
            "delivery_assets",
            "Drafted assets that were published (not withheld by governance or a human).",
        ),
        pooled(
            "guard_miss_rate",
            "planted_published",
            "planted",
            "Planted unsupported/banned phrases that reached a published asset.",
            higher=False,
        ),
        pooled(
            "brief_facts_rate",
            "brief_facts_ok",
            "brief_facts_checks",
            "Stated brief facts kept (product, audience, countries, dates, holdout, key messages, theme) and "
            "scripted answers all asked for.",
        ),
        pooled("must_appear_rate", "appear_ok", "appear_total", "Required phrases found in published copy."),
        pooled("must_cite_rate", "cite_ok", "cite_total", "Required claims cited by published copy."),
        pooled(
            "voice_ok_rate",
            "voice_ok",
            "voice_checks",
            "Brand-voice checks passed (banned terms, avoided phrases, competitors, voice rules).",
        ),
        pooled(
            "length_ok_rate", "length_ok", "length_checks", "Text fields within the channel's length limit."
        ),
        pooled("disclaimer_ok_rate", "disclaimer_ok", "disclaimer_checks", "Required disclaimers present."),
        *_cost_metrics(),
    ],
    "claims": [
        pass_rate("Sentences given exactly the expected verdict (accuracy)."),
        pooled(
            "unsupported_precision",
            "tp",
            "pred_unsupported",
            "Of the sentences flagged unsupported, the share that truly are.",
        ),
        pooled(
            "unsupported_recall",
            "tp",
            "true_unsupported",
            "Of the truly unsupported sentences, the share flagged.",
        ),
        MetricSpec(
            "unsupported_f1",
            "Harmonic mean of unsupported precision and recall.",
            _f1("tp", "fp", "fn"),
            lambda cs: _sum(cs, "tp") + _sum(cs, "fp") + _sum(cs, "fn"),
        ),
        pooled(
            "guard_miss_rate",
            "fn",
            "true_unsupported",
            "Unsupported sentences the check let through.",
            higher=False,
        ),
        pooled(
            "false_alarm_rate",
            "fp",
            "true_ok",
            "Supported or claim-free sentences flagged unsupported.",
            higher=False,
        ),
        *_cost_metrics()[:2],
    ],
    "governance": [
        pass_rate("Assets stopped or passed exactly as expected, for the expected reason."),
        pooled("stop_recall", "stopped_must", "must_stop", "Assets that must be stopped and were."),
        pooled(
            "guard_miss_rate",
            "missed",
            "must_stop",
            "Assets that must be stopped but were let through.",
            higher=False,
        ),
        pooled("false_stop_rate", "stopped_clean", "clean", "Clean assets stopped anyway.", higher=False),
        pooled(
            "reason_match_rate", "reason_ok", "stopped_must", "Stops raised by the expected validator/reason."
        ),
        *_cost_metrics()[:2],
    ],
}
"""Metric specs per suite kind, in report order."""


def _brief_field_specs() -> list[MetricSpec]:
    def min_acc(cases: Sequence[CaseResult]) -> float | None:
        n = _sum(cases, "scored")
        return min(_sum(cases, f"{f}_ok") / n for f in FIELDS) if n else None

    return [
        pass_rate("Briefs whose every field was read exactly right."),
        MetricSpec(
            "field_min_accuracy",
            "Lowest per-field accuracy (the target is at least 0.95 for every field).",
            min_acc,
            lambda cs: _sum(cs, "scored"),
        ),
        *[
            pooled(
                f"{f}_accuracy",
                f"{f}_ok",
                "scored",
                f"Briefs whose {f} was read right (absent = nothing invented).",
            )
            for f in FIELDS
        ],
    ]


SPECS["brief_fields"] = _brief_field_specs()


def spec_for(kind: str, name: str) -> MetricSpec | None:
    """The spec of a metric of a suite kind, if it exists."""
    return next((s for s in SPECS.get(kind, []) if s.name == name), None)


def by_case(cases: Sequence[CaseResult]) -> list[list[CaseResult]]:
    """Group runs by case id (one cluster per case, repeats together), in first-seen order."""
    groups: dict[str, list[CaseResult]] = defaultdict(list)
    for c in cases:
        groups[c.case_id].append(c)
    return list(groups.values())


def flatten(clusters: Sequence[Sequence[CaseResult]]) -> list[CaseResult]:
    """Inverse of :func:`by_case`."""
    return [c for cluster in clusters for c in cluster]


def compute(kind: str, cases: Sequence[CaseResult], *, resamples: int = 1000) -> dict[str, Metric]:
    """Compute every metric of a suite kind with a 95% interval.

    Wilson intervals are used when each case ran once and the metric counts one observation per case run;
    otherwise a cluster bootstrap over cases (repeats stay together).
    """
    clusters = by_case(cases)
    repeated = any(len(c) > 1 for c in clusters)
    out: dict[str, Metric] = {}
    for spec in SPECS.get(kind, []):
        value = spec.aggregate(cases)
        n = spec.denominator(cases)
        ci: tuple[float, float] | None = None
        if value is not None and spec.unit == "rate":
            ci = _interval(spec, cases, clusters, value, repeated, resamples)
        out[spec.name] = Metric(
            name=spec.name,
            value=value,
            n=n,
            ci95=ci,
            higher_is_better=spec.higher_is_better,
            unit=spec.unit,
            description=spec.description,
        )
    return out


def _interval(
    spec: MetricSpec,
    cases: Sequence[CaseResult],
    clusters: list[list[CaseResult]],
    value: float,
    repeated: bool,
    resamples: int,
) -> tuple[float, float] | None:
    """Wilson when each case run is one independent observation; else a cluster bootstrap over cases.

    A bootstrap collapses to a point when every case agrees (all 0 or all 1); then a Wilson interval over the
    number of contributing cases is used, so a perfect score on 20 cases still reads as [0.84, 1].
    """
    if spec.name == "pass_rate" and not repeated:
        return wilson(sum(c.passed for c in cases), len(cases))
    if spec.wilson_counts and not repeated:
        num, den = spec.wilson_counts
        if all(c.counts.get(den, 0) <= 1 for c in cases):
            return wilson(_sum(cases, num), _sum(cases, den))
    ci = bootstrap_ci(clusters, lambda s: spec.aggregate(flatten(s)), resamples=resamples)
    if ci is None or ci[1] - ci[0] < 1e-12:
        contributing = sum(1 for cl in clusters if spec.denominator(cl))
        if value in (0.0, 1.0) and contributing:
            return wilson(round(value * contributing), contributing)
    return ci


def judge_metrics(cases: Sequence[CaseResult], *, resamples: int = 1000) -> dict[str, Metric]:
    """Mean rubric score per criterion over the cases the judge scored (1..5, higher is better)."""
    scored = [c for c in cases if c.judge is not None and c.judge.error is None]
    criteria = sorted({k for c in scored for k in c.judge.scores})  # type: ignore[union-attr]
    out: dict[str, Metric] = {}
    for crit in criteria:

        def agg(cs: Sequence[CaseResult], crit: str = crit) -> float | None:
            vals = [
                c.judge.scores[crit]
                for c in cs
                if c.judge and c.judge.error is None and crit in c.judge.scores
            ]
            return sum(vals) / len(vals) if vals else None

        def stat(sample: list[list[CaseResult]], agg: Agg = agg) -> float | None:
            return agg(flatten(sample))

        value = agg(scored)
        ci = bootstrap_ci(by_case(scored), stat, resamples=resamples)
        out[f"judge_{crit}"] = Metric(
            name=f"judge_{crit}",
            value=value,
            n=len(scored),
            ci95=ci,
            higher_is_better=True,
            unit="score",
            description=f"LLM judge: mean '{crit}' score (1-5).",
        )
    errors = [c for c in cases if c.judge is not None and c.judge.error is not None]
    if errors:
        out["judge_error_rate"] = Metric(
            name="judge_error_rate",
            value=len(errors) / len(cases),
            n=len(cases),
            higher_is_better=False,
            description="Cases the judge could not score.",
        )
    return out


def threshold_failures(kind: str, metrics: dict[str, Metric], thresholds: dict[str, float]) -> list[str]:
    """Thresholds a suite misses, one readable line each (direction from the metric spec)."""
    out = []
    for name, limit in thresholds.items():
        metric = metrics.get(name)
        spec = spec_for(kind, name)
        if metric is None or spec is None:
            out.append(f"{name}: no such metric for a {kind} suite")
            continue
        if metric.value is None:
            continue
        if spec.higher_is_better is False and metric.value > limit + 1e-12:
            out.append(f"{name} = {metric.value:.4g} is above the threshold {limit:g}")
        elif spec.higher_is_better is not False and metric.value < limit - 1e-12:
            out.append(f"{name} = {metric.value:.4g} is below the threshold {limit:g}")
    return out
