"""Markdown reports of an eval run and of a comparison."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evals.compare import Comparison
from evals.results import CaseResult, EvalRun, Metric, SuiteResult


def fmt(value: float | None, unit: str = "rate") -> str:
    """A metric value for humans."""
    if value is None:
        return "n/a"
    if unit == "usd":
        return f"${value:.4f}"
    if unit == "s":
        return f"{value:.2f} s"
    if unit in ("count", "score"):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"{value:.3f}"


def fmt_ci(ci: Sequence[float] | None, unit: str = "rate") -> str:
    """A 95% interval for humans."""
    return "" if not ci else f"[{fmt(ci[0], unit)}, {fmt(ci[1], unit)}]"


def agent_totals(cases: Sequence[CaseResult]) -> dict[str, dict[str, Any]]:
    """Calls, tokens and cost per agent summed over case runs."""
    out: dict[str, dict[str, Any]] = {}
    for c in cases:
        for agent, u in c.usage.items():
            t = out.setdefault(
                agent,
                {
                    "model": u.model,
                    "calls": 0,
                    "input_tokens": 0,
                    "output_tokens": 0,
                    "cost_usd": 0.0,
                    "priced": True,
                },
            )
            t["calls"] += u.calls
            t["input_tokens"] += u.input_tokens
            t["output_tokens"] += u.output_tokens
            t["cost_usd"] += u.cost_usd
            t["priced"] = t["priced"] and u.priced
    return out


def run_header(run: EvalRun) -> list[str]:
    """Facts of a run as bullet lines."""
    kind = (
        "a real model"
        if run.model_is_llm
        else "the offline rules engine: NOT an LLM; this run is the control cohort"
    )
    lines = [
        f"- **model**: `{run.model}` ({kind})",
        f"- **prompts**: {', '.join(f'`{r}`' for r in run.prompts.values()) or 'n/a'}",
        f"- **mode**: {run.mode} · **repeat**: {run.repeat} · **workers**: {run.workers} · "
        f"**wall time**: {run.duration_s:.1f} s · **created**: {run.created_at}",
        f"- **judge**: {f'`{run.judge_model}` (reported separately)' if run.judge_model else run.judge_note or 'none'}",
    ]
    overrides = {a: m for a, m in run.models.items() if m != run.model}
    if overrides:
        lines.append("- **per-agent models**: " + ", ".join(f"{a}=`{m}`" for a, m in overrides.items()))
    return lines


def metric_rows(suite: SuiteResult, metrics: dict[str, Metric]) -> list[str]:
    """Table of metrics with intervals and thresholds."""
    rows = ["| metric | value | 95% CI | n | threshold | |", "|---|---:|---|---:|---:|---|"]
    for m in metrics.values():
        th = suite.thresholds.get(m.name)
        mark = ""
        gated = suite.gated_metrics.get(m.name, m)
        if th is not None and gated.value is not None:
            ok = gated.value <= th if m.higher_is_better is False else gated.value >= th
            mark = "ok" if ok else "**MISSED**"
            if gated is not m:
                mark += f" ({fmt(gated.value, m.unit)} without known issues)"
        rows.append(
            f"| {m.name} | {fmt(m.value, m.unit)} | {fmt_ci(m.ci95, m.unit)} | {m.n} | "
            f"{'' if th is None else ('≤ ' if m.higher_is_better is False else '≥ ') + f'{th:g}'} | {mark} |"
        )
    return rows


def run_markdown(run: EvalRun) -> str:
    """The Markdown report of a run."""
    out = [
        f"# Liftoff eval run {run.run_id}" + (f" ({run.label})" if run.label else ""),
        "",
        *run_header(run),
        "",
    ]
    for suite in run.suites.values():
        cases = run.suite_cases(suite.name)
        out += [
            f"## Suite `{suite.name}` ({suite.kind}: {suite.cases} cases, {suite.runs} runs)",
            "",
            f"Dataset `{suite.dataset}` (sha256 {suite.dataset_sha256[:12]}).",
            "",
        ]
        out += metric_rows(suite, suite.metrics) + [""]
        if suite.known_issues:
            out += [
                f"Known issues ({len(suite.known_issues)}; expected to fail until fixed, thresholds are checked "
                "on the other cases):",
                *[f"- `{cid}`: {why}" for cid, why in suite.known_issues.items()],
                "",
            ]
        if suite.threshold_failures:
            out += ["**Thresholds missed:**", *[f"- {t}" for t in suite.threshold_failures], ""]
        elif suite.thresholds:
            out += ["All thresholds met.", ""]
        totals = agent_totals(cases)
        if totals:
            out += [
                "### Model use per agent",
                "",
                "| agent | model | calls | input tokens | output tokens | est. cost |",
                "|---|---|---:|---:|---:|---:|",
            ]
            for agent, t in totals.items():
                cost = fmt(t["cost_usd"], "usd") + ("" if t["priced"] else " (unpriced)")
                out.append(
                    f"| {agent} | `{t['model']}` | {t['calls']} | {t['input_tokens']:,} | "
                    f"{t['output_tokens']:,} | {cost} |"
                )
            out.append("")
        out += [
            "### Cases",
            "",
            "| case | run | result | status | latency | calls | tokens | cost | failed checks |",
            "|---|---:|---|---|---:|---:|---:|---:|---|",
        ]
        for c in cases:
            failed = "; ".join(f"{x.name}: {x.detail}"[:140] for x in c.failed_checks()[:3])
            if c.error:
                failed = c.error[:200]
            more = len(c.failed_checks()) - 3
            out.append(
                f"| {c.case_id} | {c.repeat} | {'pass' if c.passed else '**FAIL**'} | {c.status or ''} | "
                f"{c.latency_s:.2f} s | {c.llm_calls} | {c.tokens:,} | {fmt(c.cost_usd, 'usd')} | "
                f"{_cell(failed)}{f' (+{more} more)' if more > 0 else ''} |"
            )
        out.append("")
        if suite.judge_metrics:
            out += [
                "### LLM judge (separate from the rule-based metrics)",
                "",
                "| criterion | mean | 95% CI | n |",
                "|---|---:|---|---:|",
            ]
            out += [
                f"| {m.name} | {fmt(m.value, m.unit)} | {fmt_ci(m.ci95, m.unit)} | {m.n} |"
                for m in suite.judge_metrics.values()
            ]
            out.append("")
    if run.control:
        out += [
            "## Versus the control cohort (offline rules engine)",
            "",
            comparison_markdown(Comparison.from_dict(run.control), heading=False),
        ]
    return "\n".join(out).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def comparison_markdown(cmp: Comparison, *, heading: bool = True) -> str:
    """The Markdown report of a comparison (A = baseline, B = candidate)."""
    a, b = cmp.a, cmp.b
    out = []
    if heading:
        out += ["# Liftoff eval comparison", ""]
    out += [
        f"- **A** (baseline): `{a['run_id']}` {a.get('label') or ''} model `{a['model']}`, prompts "
        + ", ".join(f"`{r}`" for r in a["prompts"].values())
        + f", repeat {a['repeat']}",
        f"- **B** (candidate): `{b['run_id']}` {b.get('label') or ''} model `{b['model']}`, prompts "
        + ", ".join(f"`{r}`" for r in b["prompts"].values())
        + f", repeat {b['repeat']}",
        "",
    ]
    verdict = "**REGRESSION**" if cmp.regressions else "no regression beyond the tolerances"
    out += [f"**Verdict: {verdict}.**", ""]
    if cmp.regressions:
        out += [f"- {r}" for r in cmp.regressions] + [""]
    out += [
        "| suite | metric | A | B | Δ (B − A) | 95% CI of Δ | tolerance | |",
        "|---|---|---:|---:|---:|---|---:|---|",
    ]
    for m in cmp.metrics:
        delta = "" if m.delta is None else f"{m.delta:+.4g}"
        mark = (
            "**regressed**"
            if m.regression
            else ("worse" if m.verdict == "worse" else "better" if m.verdict == "better" else "")
        )
        out.append(
            f"| {m.suite} | {m.name} | {fmt(m.a, m.unit)} | {fmt(m.b, m.unit)} | {delta} | "
            f"{fmt_ci(m.ci95_delta, 'count')} | {'' if m.tolerance is None else f'{m.tolerance:g}'} | {mark} |"
        )
    out.append("")
    out += ["## Flipped cases", ""]
    if not cmp.flips:
        out += ["No case changed outcome.", ""]
    else:
        out += [
            "| suite | case | A | B | change | failing checks in the failing run |",
            "|---|---|---|---|---|---|",
        ]
        for f in cmp.flips:
            why = f.b_failed if f.direction == "broken" else f.a_failed
            out.append(
                f"| {f.suite} | {f.case_id} | {f.a_passed} | {f.b_passed} | "
                f"{'**pass → fail**' if f.direction == 'broken' else 'fail → pass'} | {_cell('; '.join(why)[:300])} |"
            )
        out.append("")
    if cmp.only_in_a or cmp.only_in_b:
        out += [
            f"Only in A: {', '.join(cmp.only_in_a) or '-'}; only in B: {', '.join(cmp.only_in_b) or '-'}.",
            "",
        ]
    out += ["## Significance", "", *[f"- {n}" for n in cmp.notes], ""]
    return "\n".join(out).rstrip() + "\n"
