"""Self-contained HTML reports (inline CSS and SVG; no script, no CDN, opens from disk)."""

from __future__ import annotations

from html import escape
from typing import Any

from evals.compare import Comparison
from evals.report.charts import paired_bars, rate_bars, value_bars
from evals.report.markdown import agent_totals, fmt, fmt_ci
from evals.results import EvalRun, SuiteResult

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px auto;max-width:1180px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px}
table{border-collapse:collapse;margin:8px 0 16px;width:100%}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;
vertical-align:top}th{background:#f4f6f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#1f7a1f;font-weight:600}.fail{color:#b00020;font-weight:600}.muted{color:#666}.box{background:#f8f9fb;
border:1px solid #e1e4e8;padding:8px 12px;border-radius:6px}.bad{background:#fdecee;border-color:#f5c2c7}
.good{background:#eaf6ea;border-color:#b7dfb7}code{background:#f1f1f1;padding:0 3px;border-radius:3px}
details{margin:4px 0}svg{max-width:100%;height:auto}
"""


def _page(title: str, body: list[str]) -> str:
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)}</title>"
        f"<meta name=viewport content='width=device-width,initial-scale=1'><style>{CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def _table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    trs = "".join(
        "<tr>"
        + "".join(f"<td{' class=n' if i in numeric else ''}>{cell}</td>" for i, cell in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"


def _run_facts(run: EvalRun) -> str:
    kind = (
        "a real model"
        if run.model_is_llm
        else "the offline rules engine &mdash; <b>not an LLM</b>; this run is the control cohort"
    )
    items = [
        f"<b>model</b> <code>{escape(run.model)}</code> ({kind})",
        "<b>prompts</b> " + ", ".join(f"<code>{escape(r)}</code>" for r in run.prompts.values()),
        f"<b>mode</b> {escape(run.mode)} &middot; <b>repeat</b> {run.repeat} &middot; <b>workers</b> {run.workers} "
        f"&middot; <b>wall time</b> {run.duration_s:.1f} s &middot; {escape(run.created_at)}",
        "<b>judge</b> "
        + (
            f"<code>{escape(run.judge_model)}</code> (reported separately)"
            if run.judge_model
            else escape(run.judge_note or "none")
        ),
    ]
    return "<div class=box>" + "<br>".join(items) + "</div>"


def _suite(run: EvalRun, suite: SuiteResult) -> list[str]:
    cases = run.suite_cases(suite.name)
    out = [
        f"<h2>Suite <code>{escape(suite.name)}</code> &middot; {escape(suite.kind)} &middot; {suite.cases} cases, "
        f"{suite.runs} runs</h2>",
        f"<p class=muted>Dataset <code>{escape(suite.dataset)}</code> sha256 {escape(suite.dataset_sha256[:12])}</p>",
    ]
    if suite.threshold_failures:
        out.append(
            "<div class='box bad'><b>Thresholds missed</b><ul>"
            + "".join(f"<li>{escape(t)}</li>" for t in suite.threshold_failures)
            + "</ul></div>"
        )
    elif suite.thresholds:
        out.append("<div class='box good'>All thresholds met.</div>")
    if suite.known_issues:
        out.append(
            "<div class=box><b>Known issues</b> (expected to fail until fixed; thresholds are checked on the "
            "other cases)<ul>"
            + "".join(
                f"<li><code>{escape(c)}</code>: {escape(w)}</li>" for c, w in suite.known_issues.items()
            )
            + "</ul></div>"
        )
    rows = []
    for m in suite.metrics.values():
        th = suite.thresholds.get(m.name)
        rows.append(
            [
                escape(m.name),
                fmt(m.value, m.unit),
                fmt_ci(m.ci95, m.unit),
                str(m.n),
                "" if th is None else ("&le; " if m.higher_is_better is False else "&ge; ") + f"{th:g}",
                escape(m.description),
            ]
        )
    out.append(_table(["metric", "value", "95% CI", "n", "threshold", "what it measures"], rows, {1, 3}))
    rates = [(m.name, m.value, m.ci95) for m in suite.metrics.values() if m.unit == "rate"]
    out.append(rate_bars(rates, f"{suite.name}: rates with 95% intervals"))
    totals = agent_totals(cases)
    if totals:
        out.append("<h3>Model use per agent</h3>")
        out.append(
            _table(
                ["agent", "model", "calls", "input tokens", "output tokens", "est. cost"],
                [
                    [
                        escape(a),
                        f"<code>{escape(t['model'])}</code>",
                        str(t["calls"]),
                        f"{t['input_tokens']:,}",
                        f"{t['output_tokens']:,}",
                        fmt(t["cost_usd"], "usd") + ("" if t["priced"] else " (unpriced)"),
                    ]
                    for a, t in totals.items()
                ],
                {2, 3, 4, 5},
            )
        )
        if any(t["cost_usd"] for t in totals.values()):
            out.append(value_bars([(a, t["cost_usd"]) for a, t in totals.items()], "USD", "cost per agent"))
        elif any(t["calls"] for t in totals.values()):
            out.append(
                value_bars([(a, float(t["calls"])) for a, t in totals.items()], "calls", "calls per agent")
            )
    if suite.judge_metrics:
        out.append(
            "<h3>LLM judge <span class=muted>(a second opinion, separate from the rule-based metrics)</span></h3>"
        )
        out.append(
            _table(
                ["criterion", "mean (1-5)", "95% CI", "n"],
                [
                    [escape(m.name), fmt(m.value, m.unit), fmt_ci(m.ci95, m.unit), str(m.n)]
                    for m in suite.judge_metrics.values()
                ],
                {1, 3},
            )
        )
    out.append("<h3>Cases</h3>")
    case_rows = []
    for c in cases:
        failed = [f"{x.evaluator}: {x.name} &mdash; {escape(x.detail[:200])}" for x in c.failed_checks()]
        if c.error:
            failed.insert(0, "<b>error</b>: " + escape(c.error))
        detail = (
            (
                "<details><summary>"
                + f"{len(failed)} failing</summary><ul>"
                + "".join(f"<li>{f}</li>" for f in failed)
                + "</ul></details>"
            )
            if failed
            else ""
        )
        judge = ""
        if c.judge and not c.judge.error:
            judge = " ".join(f"{k[:4]} {v:g}" for k, v in c.judge.scores.items())
        case_rows.append(
            [
                escape(c.case_id),
                str(c.repeat),
                "<span class=pass>pass</span>" if c.passed else "<span class=fail>FAIL</span>",
                escape(c.status or ""),
                f"{c.latency_s:.2f}",
                str(c.llm_calls),
                f"{c.tokens:,}",
                fmt(c.cost_usd, "usd"),
                escape(judge),
                detail,
            ]
        )
    out.append(
        _table(
            ["case", "run", "result", "status", "latency s", "calls", "tokens", "cost", "judge", "failures"],
            case_rows,
            {1, 4, 5, 6, 7},
        )
    )
    timed = [(f"{c.case_id}#{c.repeat}", c.latency_s) for c in cases if c.error is None][:40]
    if timed and suite.kind == "briefs":
        out.append(value_bars(timed, "s", f"{suite.name}: latency per case run"))
    return out


def run_html(run: EvalRun) -> str:
    """The HTML report of a run (with its control comparison, when present)."""
    body = [
        f"<h1>Liftoff eval run <code>{escape(run.run_id)}</code> {escape(run.label)}</h1>",
        _run_facts(run),
    ]
    for suite in run.suites.values():
        body += _suite(run, suite)
    if run.control:
        body.append("<h2>Versus the control cohort (offline rules engine)</h2>")
        body += _comparison_body(Comparison.from_dict(run.control))
    return _page(f"Liftoff evals {run.run_id}", body)


def _comparison_body(cmp: Comparison) -> list[str]:
    a, b = cmp.a, cmp.b

    def who(r: dict[str, Any]) -> str:
        return (
            f"<code>{escape(r['run_id'])}</code> {escape(r.get('label') or '')} model <code>{escape(r['model'])}"
            "</code> prompts "
            + ", ".join(f"<code>{escape(p)}</code>" for p in r["prompts"].values())
            + f" &middot; repeat {r['repeat']}"
        )

    out = [f"<div class=box><b>A</b> (baseline) {who(a)}<br><b>B</b> (candidate) {who(b)}</div>"]
    if cmp.regressions:
        out.append(
            "<div class='box bad'><b>Regression</b><ul>"
            + "".join(f"<li>{escape(r)}</li>" for r in cmp.regressions)
            + "</ul></div>"
        )
    else:
        out.append("<div class='box good'>No regression beyond the tolerances.</div>")
    rows = []
    for m in cmp.metrics:
        cls = "fail" if m.regression else ("muted" if m.verdict == "same" else "")
        rows.append(
            [
                escape(m.suite),
                escape(m.name),
                fmt(m.a, m.unit),
                fmt(m.b, m.unit),
                "" if m.delta is None else f"{m.delta:+.4g}",
                fmt_ci(m.ci95_delta, "count"),
                "" if m.tolerance is None else f"{m.tolerance:g}",
                f"<span class={cls}>{'regressed' if m.regression else escape(m.verdict)}</span>",
            ]
        )
    out.append(
        _table(["suite", "metric", "A", "B", "Δ (B − A)", "95% CI of Δ", "tolerance", ""], rows, {2, 3, 4})
    )
    for suite in dict.fromkeys(m.suite for m in cmp.metrics):
        pairs = [(m.name, m.a, m.b) for m in cmp.metrics if m.suite == suite and m.unit == "rate"]
        out.append(
            paired_bars(
                pairs,
                (f"A {a.get('label') or a['run_id']}", f"B {b.get('label') or b['run_id']}"),
                f"{suite}: A vs B",
            )
        )
    out.append("<h3>Flipped cases</h3>")
    if not cmp.flips:
        out.append("<p>No case changed outcome.</p>")
    else:
        out.append(
            _table(
                ["suite", "case", "A", "B", "change", "failing checks in the failing run"],
                [
                    [
                        escape(f.suite),
                        escape(f.case_id),
                        f.a_passed,
                        f.b_passed,
                        "<span class=fail>pass &rarr; fail</span>"
                        if f.direction == "broken"
                        else "<span class=pass>fail &rarr; pass</span>",
                        "<br>".join(
                            escape(x) for x in (f.b_failed if f.direction == "broken" else f.a_failed)
                        ),
                    ]
                    for f in cmp.flips
                ],
            )
        )
    out.append("<h3>Significance</h3><ul>" + "".join(f"<li>{escape(n)}</li>" for n in cmp.notes) + "</ul>")
    return out


def comparison_html(cmp: Comparison) -> str:
    """The HTML report of a comparison."""
    return _page("Liftoff eval comparison", ["<h1>Liftoff eval comparison</h1>", *_comparison_body(cmp)])
