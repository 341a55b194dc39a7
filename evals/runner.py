"""Run eval suites: cases in parallel (or one at a time under record/replay), a progress bar, suite metrics."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from evals.brief_fields_run import run_brief_fields_case
from evals.campaign_case import CaseEnv, run_brief_case
from evals.evaluators.judge import Judge
from evals.guard_cases import run_claims_case, run_governance_case
from evals.homes import TemplateHomes, release_services
from evals.metrics import compute, judge_metrics, threshold_failures
from evals.replay import (
    DEFAULT_CASSETTES,
    Cassettes,
    Mode,
    ReplayError,
    cohort_name,
    describe_request,
    replay_environment,
)
from evals.results import CaseResult, Check, EvalRun, SuiteResult, describe_error
from evals.schema import Dataset
from graph.runtime.services import Services
from graph.runtime.settings import REPO_ROOT, Settings
from guards.channel_limits import CHANNEL_LIMITS

MODEL_AGENTS = ("planner", "content", "data")
"""Agents that call a model (their prompts are versioned)."""


class EvalError(ValueError):
    """The run cannot start (bad option, missing cassettes, unknown case); the message names the problem."""


@dataclass
class RunOptions:
    """Everything one ``liftoff evals run`` needs.

    Attributes:
        datasets: Suites to run.
        settings: Base settings (model, per-agent models, prompt versions and directory, library, base URL).
        repeat: Runs per brief case (guard suites are deterministic and run once).
        workers: Brief cases run in parallel in live mode (threads).
        mode: live, record or replay.
        cassettes_dir: Root of the cassettes (one sub-directory per cohort).
        prices: Price table file (None: the bundled ``graph/models/prices.yaml``).
        judge: 'auto' (judge with the run's model when it is an LLM), 'off', or a model spec.
        judge_prompt: Judge prompt version (None: newest).
        cases: Only these case ids (None: every case).
        progress: Show a progress bar on stderr.
        keep_homes: Keep each case's state directory.
        label: Free label stored in the results.
    """

    datasets: list[Dataset]
    settings: Settings
    repeat: int = 1
    workers: int = 2
    mode: Mode = "live"
    cassettes_dir: Path = DEFAULT_CASSETTES
    prices: Path | None = None
    judge: str = "auto"
    judge_prompt: str | None = None
    cases: list[str] | None = None
    progress: bool = True
    keep_homes: bool = False
    label: str = ""
    on_case: Callable[[CaseResult], None] | None = field(default=None, repr=False)


def prompt_refs(settings: Settings, agents: tuple[str, ...] = MODEL_AGENTS) -> dict[str, str]:
    """Prompt ref (agent@version#hash) of every agent that has prompts, at the configured versions."""
    from graph.models.prompts import available_versions, load_prompt  # lazy: start-up (langchain_core)

    return {
        a: load_prompt(a, settings.prompt_versions.get(a), settings.prompts_dir).ref
        for a in agents
        if available_versions(a, settings.prompts_dir)
    }


def is_llm(spec: str, base_url: str | None = None) -> bool:
    """True when a model spec names a real model (not the offline rules engine)."""
    from graph.models.registry import describe_model  # lazy: start-up (langchain_core)

    return describe_model(spec, base_url=base_url).is_llm


def _judge_spec(options: RunOptions) -> tuple[str | None, str]:
    s = options.settings
    if options.judge == "off":
        return None, "judge off (--judge off)"
    if options.judge != "auto":
        if not is_llm(options.judge, s.openai_base_url):
            raise EvalError(f"--judge {options.judge!r} is not a real model: the offline engine cannot judge")
        return options.judge, ""
    llms = [s.model_for(a) for a in ("content", *MODEL_AGENTS) if is_llm(s.model_for(a), s.openai_base_url)]
    if not llms:
        return None, "judge skipped: no real model configured (the offline engine is not an LLM)"
    return llms[0], ""


def _selected(ds: Dataset, wanted: set[str] | None) -> list[Any]:
    return [c for c in ds.cases if wanted is None or c.id in wanted]


def run_evals(options: RunOptions) -> EvalRun:
    """Run the suites and return the results (metrics computed, nothing written).

    Raises:
        EvalError: bad options, unknown case ids, or (replay) missing cassettes / changed prompts.
    """
    from graph.models.usage import PriceTable  # lazy: start-up (langchain_core)

    if options.repeat < 1:
        raise EvalError(f"--repeat must be at least 1, got {options.repeat}")
    if options.workers < 1:
        raise EvalError(f"--workers must be at least 1, got {options.workers}")
    wanted = set(options.cases) if options.cases else None
    if wanted:
        known = {c.id for ds in options.datasets for c in ds.cases}
        unknown = sorted(wanted - known)
        if unknown:
            raise EvalError(f"unknown case id(s): {', '.join(unknown)}")
    settings = options.settings
    prompts = prompt_refs(settings)
    judge_spec, judge_note = _judge_spec(options)
    if judge_spec:
        from graph.models.prompts import load_prompt  # lazy: start-up (langchain_core)

        prompts["judge"] = load_prompt("judge", options.judge_prompt, settings.prompts_dir).ref
    models = {a: settings.model_for(a) for a in settings.agents}
    cassettes = Cassettes(options.cassettes_dir / cohort_name(settings.model, models, prompts), options.mode)
    runs = [
        (ds, case, r)
        for ds in options.datasets
        if ds.kind == "briefs"
        for case in _selected(ds, wanted)
        for r in range(options.repeat)
    ]
    provider_env = None
    if options.mode == "replay":
        manifest = cassettes.check_replayable(prompts, [(ds.name, c.id, r) for ds, c, r in runs])
        if manifest.get("base_url") and manifest["base_url"] != settings.openai_base_url:
            settings = replace(settings, openai_base_url=manifest["base_url"])
        provider_env = _provider_key_env(settings)
    try:
        prices = PriceTable.load(options.prices)
    except ValueError as exc:
        raise EvalError(str(exc)) from None
    judge = None
    if judge_spec:
        judge = Judge.create(
            judge_spec,
            base_url=settings.openai_base_url,
            version=options.judge_prompt,
            prompts_dir=settings.prompts_dir,
        )
    work_dir = Path(tempfile.mkdtemp(prefix="liftoff-evals-"))
    templates = TemplateHomes(work_dir, settings)
    env = CaseEnv(
        base=settings,
        work_dir=work_dir,
        prices=prices,
        judge=judge,
        keep_homes=options.keep_homes,
        length_limits=_default_limits(),
        templates=templates,
    )
    guard_runs = [(ds, c) for ds in options.datasets if ds.kind != "briefs" for c in _selected(ds, wanted)]
    t0 = time.perf_counter()
    results: dict[tuple[str, str, int], CaseResult] = {}
    bar = _progress(len(runs) + len(guard_runs), options.progress)
    try:
        with replay_environment(provider_env):
            if options.mode == "record":
                cassettes.write_manifest(
                    {
                        "model": settings.model,
                        "models": models,
                        "prompts": prompts,
                        "base_url": settings.openai_base_url,
                        "judge": judge_spec,
                    }
                )
            homes: dict[tuple[int, Path], set[str]] = {}
            for ds, c, _ in runs:
                homes.setdefault(
                    (ds.config.crm_contacts, ds.library_dir(settings.brand_library_dir)), set()
                ).add(c.brand)
            for (size, library_dir), brands in sorted(homes.items()):
                templates.prepare(size, brands, library_dir)
            for ds, case, r in _run_guard_cases(guard_runs, settings, work_dir):
                results[(ds, case.case_id, r)] = case
                _tick(bar, case, options)
            for res in _run_brief_cases(runs, env, cassettes, options):
                results[(res.suite, res.case_id, res.repeat)] = res
                _tick(bar, res, options)
    finally:
        bar.close()
        if options.keep_homes:
            print(f"case state directories kept in {work_dir}", file=sys.stderr)
        else:
            shutil.rmtree(work_dir, ignore_errors=True)
    ordered = [results[k] for k in _order(options.datasets, wanted, options.repeat) if k in results]
    return EvalRun(
        run_id=f"evr-{uuid.uuid4().hex[:10]}",
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        label=options.label,
        model=settings.model,
        models=models,
        model_is_llm=any(is_llm(settings.model_for(a), settings.openai_base_url) for a in MODEL_AGENTS),
        prompts=prompts,
        mode=options.mode,
        repeat=options.repeat,
        workers=1 if options.mode != "live" else options.workers,
        duration_s=round(time.perf_counter() - t0, 3),
        judge_model=judge_spec,
        judge_note=judge_note,
        price_table=str(options.prices or "graph/models/prices.yaml"),
        suites={
            ds.name: suite_result(ds, [c for c in ordered if c.suite == ds.name]) for ds in options.datasets
        },
        cases=ordered,
    )


def suite_result(ds: Dataset, cases: list[CaseResult]) -> SuiteResult:
    """Metrics, judge metrics and threshold verdicts of one suite."""
    metrics = compute(ds.kind, cases)
    known = {c.id: str(getattr(c, "known_issue", "")) for c in ds.cases if getattr(c, "known_issue", "")}
    known = {cid: why for cid, why in known.items() if any(r.case_id == cid for r in cases)}
    gated = compute(ds.kind, [c for c in cases if c.case_id not in known]) if known else {}
    try:
        dataset = str(ds.path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        dataset = str(ds.path)
    return SuiteResult(
        name=ds.name,
        kind=ds.kind,
        dataset=dataset,
        dataset_sha256=ds.sha256,
        cases=len({c.case_id for c in cases}),
        runs=len(cases),
        metrics=metrics,
        judge_metrics=judge_metrics(cases),
        thresholds=ds.config.thresholds,
        tolerances=ds.config.tolerances,
        known_issues=known,
        gated_metrics=gated,
        threshold_failures=threshold_failures(ds.kind, gated or metrics, ds.config.thresholds),
    )


def _order(datasets: list[Dataset], wanted: set[str] | None, repeat: int) -> list[tuple[str, str, int]]:
    return [
        (ds.name, c.id, r)
        for ds in datasets
        for c in _selected(ds, wanted)
        for r in range(repeat if ds.kind == "briefs" else 1)
    ]


def _run_brief_cases(
    runs: list[tuple[Dataset, Any, int]], env: CaseEnv, cassettes: Cassettes, options: RunOptions
) -> Any:
    if not runs:
        return
    if options.mode != "live":
        # One at a time: vcrpy patches HTTP process-wide, and the structured-output path cache is process-wide,
        # so a fixed order with a cleared cache keeps each case's request stream reproducible.
        from graph.models.structured import PATH_CACHE  # lazy: start-up (langchain_core)

        for ds, case, r in runs:
            PATH_CACHE.clear()
            with cassettes.use(ds.name, case.id, r) as cassette:
                res = run_brief_case(case, ds, env, r)
            if options.mode == "replay" and cassette is not None and not cassette.all_played:
                unused = [
                    describe_request(req)
                    for i, (req, _) in enumerate(cassette.data)
                    if cassette.play_counts[i] == 0
                ]
                res.checks.append(
                    Check(
                        evaluator="replay",
                        name="every recorded request replayed",
                        passed=False,
                        detail=f"{len(unused)} recorded request(s) never made ({'; '.join(unused[:3])}): "
                        "the run diverged from the recording (re-record with --record)",
                    )
                )
                res.passed = False
            res.meta["cassette"] = str(cassettes.path(ds.name, case.id, r))
            yield res
        return
    with ThreadPoolExecutor(max_workers=options.workers, thread_name_prefix="evals") as pool:
        futures = [pool.submit(run_brief_case, case, ds, env, r) for ds, case, r in runs]
        for fut in as_completed(futures):
            yield fut.result()


def _run_guard_cases(runs: list[tuple[Dataset, Any]], base: Settings, work_dir: Path) -> Any:
    """Claims-check and governance cases, against the same library and claim index governance uses."""
    if not runs:
        return

    settings = Settings(
        home=work_dir / "guards",
        brand_library_dir=base.brand_library_dir,
        embeddings=base.embeddings,
        seed=base.seed,
    )
    svc = Services(settings)
    try:
        for ds, case in runs:
            if ds.kind == "brief_fields":  # brief understanding: no library, no index
                yield (
                    ds.name,
                    run_brief_fields_case(
                        case, check_date=date.fromisoformat(ds.config.check_date), suite=ds.name
                    ),
                    0,
                )
                continue
            library = svc.library(case.brand)
            index = svc.claim_index(case.brand)
            on = date.fromisoformat(ds.config.check_date)
            runner = run_claims_case if ds.kind == "claims" else run_governance_case
            try:
                res = runner(case, library=library, check_date=on, index=index, suite=ds.name)
            except Exception as exc:  # noqa: BLE001 - a crashing guard is a failed case with its reason
                res = CaseResult(
                    suite=ds.name,
                    case_id=case.id,
                    passed=False,
                    error=describe_error(exc),
                    status="error",
                    tags=case.tags,
                )
            yield ds.name, res, 0
    finally:
        release_services(settings, svc)


def _provider_key_env(settings: Settings) -> str | None:
    from graph.models.registry import PROVIDER_KEY_ENV, describe_model  # lazy: start-up (langchain_core)

    info = describe_model(settings.model, base_url=settings.openai_base_url)
    return PROVIDER_KEY_ENV.get(info.provider)


def _default_limits() -> dict[str, dict[str, int]]:
    return {ch: dict(v) for ch, v in CHANNEL_LIMITS.items()}


class _NoBar:
    def update(self, n: int = 1) -> None:
        return None

    def set_postfix_str(self, s: str) -> None:
        return None

    def close(self) -> None:
        return None


def _progress(total: int, enabled: bool) -> Any:
    if not enabled:
        return _NoBar()
    from tqdm import tqdm  # lazy: start-up (tqdm)

    return tqdm(total=total, file=sys.stderr, desc="evals", unit="case", dynamic_ncols=True, leave=True)


def _tick(bar: Any, res: CaseResult, options: RunOptions) -> None:
    bar.update(1)
    bar.set_postfix_str(f"{res.case_id}: {'pass' if res.passed else 'FAIL'}")
    if options.on_case is not None:
        options.on_case(res)


__all__ = ["EvalError", "ReplayError", "RunOptions", "prompt_refs", "run_evals", "suite_result"]
