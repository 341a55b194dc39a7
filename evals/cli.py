"""``liftoff evals run`` and ``liftoff evals compare``: the prompt engineer's eval suite and regression gate."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.cli import CLIError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``evals`` command group."""
    evals = sub.add_parser("evals", help="run eval suites and compare runs (prompt/model regression gate)")
    group = evals.add_subparsers(dest="evals_command", required=True, metavar="SUBCOMMAND")

    run = group.add_parser("run", help="run eval suites; writes JSON, Markdown and HTML reports")
    run.add_argument(
        "--suite",
        default="all",
        help="briefs, claims, claims-holdout, governance, a comma-separated list, all (default), "
        "or a dataset file",
    )
    run.add_argument(
        "--model", help="'offline' (the control cohort), 'provider:model', or a name with OPENAI_BASE_URL"
    )
    run.add_argument("--prompts", help="prompt versions: VERSION (every agent) or agent=VERSION,...")
    run.add_argument(
        "--prompts-dir", type=Path, help="directory of versioned prompts (default: the repository's)"
    )
    run.add_argument("--repeat", type=int, default=1, metavar="K", help="runs per brief case (default 1)")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument(
        "--record", action="store_true", help="store each case's HTTP traffic as a vcrpy cassette"
    )
    mode.add_argument(
        "--replay", action="store_true", help="serve model traffic from cassettes: no network, no key"
    )
    run.add_argument("--cassettes", type=Path, help="cassette root (default: evals/cassettes)")
    run.add_argument(
        "--out",
        type=Path,
        help="results JSON (default: $LIFTOFF_HOME/evals/<time>-<model>.json); "
        "the .md and .html reports are written next to it",
    )
    run.add_argument("--cases", help="only these case ids (comma-separated)")
    run.add_argument(
        "--workers", type=int, default=2, help="brief cases run in parallel (threads; default 2)"
    )
    run.add_argument("--prices", type=Path, help="price table YAML overriding graph/models/prices.yaml")
    run.add_argument(
        "--judge", default="auto", help="'auto' (the run's model, if it is an LLM), 'off', or a model"
    )
    run.add_argument("--judge-prompt", help="judge rubric version (default: newest prompts/judge/*.yaml)")
    run.add_argument(
        "--control",
        default="auto",
        help="'auto': for a real model, also run the offline control cohort and compare; "
        "'none'; or a control run's JSON to compare with",
    )
    run.add_argument("--label", default="", help="label stored in the results")
    run.add_argument("--check-thresholds", action="store_true", help="exit 1 when a suite misses a threshold")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("--keep-homes", action="store_true", help="keep each case's state directory (debugging)")
    run.set_defaults(handler=cmd_run)

    cmp = group.add_parser("compare", help="compare two runs: metric deltas, flipped cases, regression gate")
    cmp.add_argument("a", type=Path, help="baseline results JSON")
    cmp.add_argument("b", type=Path, help="candidate results JSON")
    cmp.add_argument(
        "--fail-on-regression",
        action="store_true",
        help="exit 1 when B regresses beyond the tolerances (the CI gate)",
    )
    cmp.add_argument(
        "--tolerance",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="override a tolerance (repeatable), e.g. pass_rate=0.05 or new_failures=1",
    )
    cmp.add_argument(
        "--out", type=Path, help="write the comparison (.md, .html or .json; another suffix: all three)"
    )
    cmp.set_defaults(handler=cmd_compare)


def _settings(args: argparse.Namespace) -> Any:
    from graph.contracts.network import apply_offline_defaults  # lazy: start-up (CLI)
    from graph.runtime.settings import (  # lazy: start-up (CLI)
        ConfigError,
        Settings,
        parse_prompt_versions,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    apply_offline_defaults()
    try:
        overrides: dict[str, Any] = {"model": args.model}
        if args.prompts:
            overrides["prompt_versions"] = parse_prompt_versions(args.prompts)
        if args.prompts_dir:
            if not args.prompts_dir.is_dir():
                raise CLIError(f"--prompts-dir {args.prompts_dir} is not a directory")
            overrides["prompts_dir"] = args.prompts_dir.resolve()
        return Settings.from_env(**overrides)
    except ConfigError as exc:
        raise CLIError(str(exc)) from None


def _check_models(settings: Any, *, probe: bool) -> None:
    from graph.models.errors import (  # lazy: start-up (CLI)
        ModelConfigError,
        ModelUnavailableError,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from graph.models.registry import (  # lazy: start-up (CLI)
        check_reachable,
        resolve_model,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    for spec in sorted({settings.model_for(a) for a in settings.agents}):
        try:
            model = resolve_model(spec, base_url=settings.openai_base_url)
            if probe and spec != "offline":
                check_reachable(model)
        except (ModelConfigError, ModelUnavailableError) as exc:
            raise CLIError(str(exc)) from None


def _default_out(settings: Any) -> Path:
    from evals.replay import slug  # lazy: start-up (CLI)

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    out: Path = settings.path("evals") / f"{stamp}-{slug(settings.model)}.json"
    return out


def write_reports(run: Any, out: Path) -> list[Path]:
    """Write a run's JSON, Markdown and HTML reports next to each other; return their paths."""
    from evals.report import (  # lazy: start-up (CLI)
        run_html,
        run_markdown,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from evals.results import write_atomic  # lazy: start-up (CLI)

    run.save(out)
    md, html = out.with_suffix(".md"), out.with_suffix(".html")
    write_atomic(md, run_markdown(run))
    write_atomic(html, run_html(run))
    return [out, md, html]


def cmd_run(args: argparse.Namespace) -> int:
    """Run the suites, the control cohort when asked, and write the reports."""
    from evals.compare import compare_runs  # lazy: start-up (CLI)
    from evals.replay import (  # lazy: start-up (CLI)
        DEFAULT_CASSETTES,
        Mode,
        ReplayError,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from evals.results import (  # lazy: start-up (CLI)
        EvalRun,
        ResultsError,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from evals.runner import (  # lazy: start-up (CLI)
        EvalError,
        RunOptions,
        run_evals,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from evals.schema import DatasetError  # lazy: start-up (CLI)
    from evals.suites import resolve_suites  # lazy: start-up (CLI)
    from graph.models.errors import ModelConfigError  # lazy: start-up (CLI)
    from graph.models.prompts import PromptError  # lazy: start-up (CLI)

    settings = _settings(args)
    mode: Mode = "record" if args.record else "replay" if args.replay else "live"
    if mode != "replay":
        _check_models(settings, probe=True)
    out = (args.out or _default_out(settings)).resolve()
    try:
        datasets = resolve_suites(args.suite)
        options = RunOptions(
            datasets=datasets,
            settings=settings,
            repeat=args.repeat,
            workers=args.workers,
            mode=mode,
            cassettes_dir=(args.cassettes or DEFAULT_CASSETTES).resolve(),
            prices=args.prices,
            judge=args.judge,
            judge_prompt=args.judge_prompt,
            cases=[c.strip() for c in args.cases.split(",") if c.strip()] if args.cases else None,
            progress=not args.no_progress,
            keep_homes=args.keep_homes,
            label=args.label,
        )
        run = run_evals(options)
        control_note = ""
        if run.model_is_llm and args.control != "none":
            if args.control == "auto":
                control = run_evals(
                    replace(
                        options,
                        settings=replace(settings, model="offline", agent_models={}),
                        mode="live",
                        judge="off",
                        label="control",
                        repeat=1,
                    )
                )
                control_path = out.with_name(out.stem + ".control.json")
                write_reports(control, control_path)
                control_note = f"control cohort (offline): {control_path}"
            else:
                control = EvalRun.load(Path(args.control))
                control_note = f"control cohort: {args.control}"
            run.control = compare_runs(control, run).to_dict()
        paths = write_reports(run, out)
    except (DatasetError, EvalError, ReplayError, ResultsError, PromptError, ModelConfigError) as exc:
        raise CLIError(str(exc)) from None
    _print_summary(run)
    for p in paths:
        print(f"wrote {p}")
    if control_note:
        print(control_note)
    missed = [f"{s.name}: {t}" for s in run.suites.values() for t in s.threshold_failures]
    if missed and args.check_thresholds:
        print("thresholds missed:\n  " + "\n  ".join(missed), file=sys.stderr)
        return 1
    return 0


def _print_summary(run: Any) -> None:
    from evals.report.markdown import (  # lazy: start-up (CLI)
        fmt,
        fmt_ci,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    who = run.model if run.model_is_llm else "offline (rules engine, not an LLM: the control cohort)"
    print(
        f"eval run {run.run_id}: model {who}; prompts {', '.join(run.prompts.values())}; {run.mode}; "
        f"{run.duration_s:.1f} s"
    )
    for s in run.suites.values():
        pr = s.metrics.get("pass_rate")
        passed = sum(c.passed for c in run.suite_cases(s.name))
        line = f"  {s.name:<15} {passed}/{s.runs} passed"
        if pr is not None:
            line += f"  pass_rate {fmt(pr.value)} {fmt_ci(pr.ci95)}"
        for key in (
            "guard_miss_rate",
            "claims_supported_rate",
            "unsupported_recall",
            "unsupported_precision",
        ):
            if key in s.metrics and s.metrics[key].value is not None:
                line += f"  {key} {fmt(s.metrics[key].value)}"
        line += "  thresholds " + ("MISSED" if s.threshold_failures else "ok")
        print(line)
    if run.judge_note:
        print(f"  {run.judge_note}")


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare two runs; with --fail-on-regression exit 1 on a regression beyond the tolerances."""
    from evals.compare import compare_runs  # lazy: start-up (CLI)
    from evals.report import (  # lazy: start-up (CLI)
        comparison_html,
        comparison_markdown,
    )  # lazy: start-up (the CLI builds its parser without loading the app)
    from evals.results import (  # lazy: start-up (CLI)
        EvalRun,
        ResultsError,
        write_atomic,
    )  # lazy: start-up (the CLI builds its parser without loading the app)

    try:
        a, b = EvalRun.load(args.a), EvalRun.load(args.b)
    except ResultsError as exc:
        raise CLIError(str(exc)) from None
    tolerances = {}
    for item in args.tolerance:
        name, sep, value = item.partition("=")
        try:
            tolerances[name.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep or not name.strip():
            raise CLIError(f"--tolerance expects METRIC=NUMBER, got {item!r}")
    cmp = compare_runs(a, b, tolerances=tolerances)
    text = comparison_markdown(cmp)
    print(text, end="")
    if args.out:
        suffix = args.out.suffix.lower()
        writers = {
            ".md": lambda: text,
            ".html": lambda: comparison_html(cmp),
            ".json": lambda: json.dumps(cmp.to_dict(), indent=1),
        }
        targets = [args.out] if suffix in writers else [args.out.with_suffix(s) for s in writers]
        for target in targets:
            write_atomic(target, writers[target.suffix.lower()]())
            print(f"wrote {target}", file=sys.stderr)
    if args.fail_on_regression and cmp.regressed:
        print(f"regression: {len(cmp.regressions)} beyond the tolerances", file=sys.stderr)
        return 1
    return 0
