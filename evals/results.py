"""What an eval run writes: per-case results and per-suite metrics (the JSON ``compare`` reads back)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

RUN_SCHEMA = "liftoff.evals.run/1"


class ResultsError(ValueError):
    """A results file is missing or is not an eval run; the message names the file."""


class Check(BaseModel):
    """One expectation checked on one case."""

    model_config = ConfigDict(extra="forbid")

    evaluator: str = Field(
        description="Evaluator that made the check (schema, blueprint, claims, voice, ...)."
    )
    name: str = Field(description="What was checked, e.g. 'budget' or 'email-US-A.body length'.")
    passed: bool = Field(description="True when the expectation holds.")
    detail: str = Field(default="", description="Evidence or the reason it failed.")


class AgentUsage(BaseModel):
    """Model use of one agent in one case."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(description="Model spec the agent used.")
    calls: int = Field(default=0, ge=0, description="Model calls.")
    input_tokens: int = Field(default=0, ge=0, description="Prompt tokens.")
    output_tokens: int = Field(default=0, ge=0, description="Completion tokens.")
    cost_usd: float = Field(default=0.0, ge=0, description="Estimated cost from the price table.")
    priced: bool = Field(default=True, description="False when the model is not in the price table (cost 0).")


class JudgeResult(BaseModel):
    """The LLM judge's rubric scores for one case (reported apart from the rule-based scores)."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(description="Judge model spec.")
    prompt: str = Field(description="Judge prompt ref (agent@version#hash).")
    scores: dict[str, float] = Field(default_factory=dict, description="Rubric criterion -> score 1..5.")
    flagged: list[str] = Field(default_factory=list, description="Sentences the judge calls risky.")
    rationale: str = Field(default="", description="Why, in a few sentences.")
    error: str | None = Field(default=None, description="Why the judge could not score the case.")


class CaseResult(BaseModel):
    """One run of one case."""

    model_config = ConfigDict(extra="forbid")

    suite: str = Field(description="Suite name.")
    case_id: str = Field(description="Case id.")
    repeat: int = Field(default=0, ge=0, description="Repetition index (0..K-1).")
    passed: bool = Field(description="True when every check passed and the case ran without error.")
    error: str | None = Field(default=None, description="Why the case could not run, if it could not.")
    status: str | None = Field(default=None, description="Campaign status, verdict or decision reached.")
    latency_s: float = Field(default=0.0, ge=0, description="Wall time of the case.")
    usage: dict[str, AgentUsage] = Field(default_factory=dict, description="Model use per agent.")
    scores: dict[str, float | None] = Field(default_factory=dict, description="Named per-case scores (0..1).")
    counts: dict[str, int] = Field(
        default_factory=dict, description="Numerators/denominators of pooled metrics."
    )
    checks: list[Check] = Field(default_factory=list, description="Every expectation checked.")
    judge: JudgeResult | None = Field(default=None, description="LLM-as-judge scores, when a judge ran.")
    tags: list[str] = Field(default_factory=list, description="Case tags from the dataset.")
    meta: dict[str, Any] = Field(
        default_factory=dict, description="Campaign id, prompt refs, asset counts ..."
    )

    @property
    def llm_calls(self) -> int:
        """Model calls of every agent."""
        return sum(u.calls for u in self.usage.values())

    @property
    def tokens(self) -> int:
        """Input plus output tokens of every agent."""
        return sum(u.input_tokens + u.output_tokens for u in self.usage.values())

    @property
    def cost_usd(self) -> float:
        """Estimated cost of every agent."""
        return sum(u.cost_usd for u in self.usage.values())

    def failed_checks(self) -> list[Check]:
        """The checks that did not pass."""
        return [c for c in self.checks if not c.passed]


class Metric(BaseModel):
    """One suite-level figure with its uncertainty."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Metric name.")
    value: float | None = Field(description="Value; null when no case gave it a denominator.")
    n: int = Field(default=0, ge=0, description="Observations behind it (runs, sentences, checks ...).")
    ci95: tuple[float, float] | None = Field(default=None, description="95% interval (Wilson or bootstrap).")
    higher_is_better: bool | None = Field(default=True, description="Direction; null = informational.")
    unit: str = Field(default="rate", description="'rate' (0..1), 's', 'usd', 'count' or 'score'.")
    description: str = Field(default="", description="What it measures.")


class SuiteResult(BaseModel):
    """Metrics of one suite in one run."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Suite name.")
    kind: str = Field(description="briefs, claims or governance.")
    dataset: str = Field(description="Dataset path (relative to the repository when inside it).")
    dataset_sha256: str = Field(description="Hash of the dataset file.")
    cases: int = Field(ge=0, description="Cases in the suite.")
    runs: int = Field(ge=0, description="Case runs (cases x repeat).")
    metrics: dict[str, Metric] = Field(default_factory=dict, description="Rule-based metrics.")
    judge_metrics: dict[str, Metric] = Field(
        default_factory=dict, description="LLM-as-judge metrics (separate)."
    )
    thresholds: dict[str, float] = Field(default_factory=dict, description="Thresholds from the dataset.")
    tolerances: dict[str, float] = Field(
        default_factory=dict, description="Regression tolerances from the dataset."
    )
    threshold_failures: list[str] = Field(
        default_factory=list, description="Thresholds missed, one line each."
    )
    known_issues: dict[str, str] = Field(
        default_factory=dict, description="Case id -> documented known gap (expected to fail until fixed)."
    )
    gated_metrics: dict[str, Metric] = Field(
        default_factory=dict,
        description="Metrics over the cases without a known issue (what thresholds are checked on); empty when none.",
    )


class EvalRun(BaseModel):
    """One ``liftoff evals run``: its configuration, every case result and the suite metrics."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: str = Field(default=RUN_SCHEMA, alias="schema", description="Format id of this file.")
    run_id: str = Field(description="Run id.")
    created_at: str = Field(description="ISO timestamp.")
    label: str = Field(default="", description="Free label (e.g. 'control').")
    model: str = Field(description="Default model spec.")
    models: dict[str, str] = Field(default_factory=dict, description="Model spec per agent.")
    model_is_llm: bool = Field(description="False for the offline rules engine (the control cohort).")
    prompts: dict[str, str] = Field(
        default_factory=dict, description="Prompt ref per agent (agent@version#hash)."
    )
    mode: Literal["live", "record", "replay"] = Field(description="How model traffic was handled.")
    repeat: int = Field(default=1, ge=1, description="Runs per case.")
    workers: int = Field(default=1, ge=1, description="Cases run in parallel.")
    duration_s: float = Field(default=0.0, ge=0, description="Wall time of the run.")
    judge_model: str | None = Field(default=None, description="Model that judged, when a judge ran.")
    judge_note: str = Field(default="", description="Why the judge did not run, when it did not.")
    price_table: str = Field(default="", description="Price table the costs were estimated with.")
    suites: dict[str, SuiteResult] = Field(default_factory=dict, description="Per-suite metrics.")
    cases: list[CaseResult] = Field(default_factory=list, description="Every case run.")
    control: dict[str, Any] | None = Field(
        default=None,
        description="Comparison with the control cohort (offline engine), when one was run or given.",
    )

    def suite_cases(self, suite: str) -> list[CaseResult]:
        """Case results of one suite."""
        return [c for c in self.cases if c.suite == suite]

    def save(self, path: Path) -> Path:
        """Write the run as JSON atomically (temp file then rename)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        text = self.model_dump_json(indent=1, by_alias=True)
        write_atomic(path, text)
        return path

    @classmethod
    def load(cls, path: Path) -> EvalRun:
        """Read a run written by :meth:`save`.

        Raises:
            ResultsError: missing file, not JSON, or not an eval run.
        """
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ResultsError(f"results file {path} cannot be read: {exc.strerror or exc}") from None
        except json.JSONDecodeError as exc:
            raise ResultsError(f"results file {path} is not JSON: {exc.msg} at line {exc.lineno}") from None
        if not isinstance(data, dict) or data.get("schema") != RUN_SCHEMA:
            raise ResultsError(f"results file {path} is not a Liftoff eval run (schema {RUN_SCHEMA!r})")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err.get("loc", ()))
            raise ResultsError(f"results file {path}: {loc}: {err.get('msg')}") from None


def write_atomic(path: Path, text: str) -> None:
    """Write text to ``path`` via a temp file in the same directory and a rename (no half-written file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def describe_error(exc: BaseException) -> str:
    """One line naming why a case could not run; a replay miss says so plainly."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if type(cur).__name__ == "CannotOverwriteExistingCassetteException":
            first = str(cur).strip().splitlines()[0] if str(cur).strip() else ""
            return (
                "replay: the run made a request that is not in its cassette (prompt, brief or code changed since "
                f"recording? re-record with --record): {first[:200]}"
            )
        cur = cur.__cause__ or cur.__context__
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:400]
