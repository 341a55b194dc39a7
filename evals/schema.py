"""Dataset files of the evals suites: their schema (pydantic, the boundary) and loading.

Every dataset is one YAML file; the format is documented in ``evals/README.md``. Three kinds exist:

- ``briefs``: campaign briefs run through the whole graph, with expectations on the result;
- ``claims``: sentences with the claims-check verdict they must get (the guards' dev set);
- ``governance``: hand-written assets that governance must stop (with the reason) or let through.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from evals.brief_fields import BriefFieldsCase
from graph.contracts.common import Channel, Currency, Region

SuiteKind = Literal["briefs", "claims", "governance", "brief_fields"]
Status = Literal["launched", "needs_input", "awaiting_approval", "rejected", "failed"]


class DatasetError(ValueError):
    """A dataset file is missing or malformed; the message names the file and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BudgetExpect(_Strict):
    """The budget the Planner must read from the brief."""

    amount: float = Field(gt=0, description="Total budget in the major unit.")
    currency: Currency = Field(description="ISO currency code.")


class KPIExpect(_Strict):
    """A KPI target the blueprint must carry."""

    name: str = Field(description="KPI name (conversions, signups, cpa, open_rate, ...).")
    target: float | None = Field(default=None, description="Exact target (rates as fractions); null = any.")
    channel: Channel | None = Field(
        default=None, description="Channel the target applies to; null = campaign."
    )


class BriefFactsExpect(_Strict):
    """Facts the Planner must keep from the brief (the brief object of the final state). Absent keys are not checked."""

    product_contains: str | None = Field(
        default=None, description="Words the understood product must contain (case-insensitive)."
    )
    audience_contains: list[str] = Field(
        default_factory=list, description="Words the understood audience must contain (case-insensitive)."
    )
    countries: list[str] | None = Field(
        default=None, description="Exact set of ISO 3166 alpha-2 countries kept from the brief."
    )
    start_date: date | None = Field(default=None, description="First day of the campaign.")
    end_date: date | None = Field(default=None, description="Last day of the campaign.")
    holdout: float | None = Field(
        default=None, ge=0, le=1, description="Holdout share as a fraction (0 = no control group)."
    )
    key_messages: list[str] = Field(
        default_factory=list, description="Quoted key messages the brief object must carry, exactly."
    )
    theme: str | None = Field(default=None, description="Theme (season or occasion) kept from the brief.")


class BriefExpect(_Strict):
    """What a correct campaign for a brief looks like. Every key is optional; absent keys are not checked."""

    status: Status = Field(default="launched", description="Status the run must end in (auto-approving).")
    missing: list[str] = Field(
        default_factory=list, description="Essentials the Planner must ask for (needs_input)."
    )
    channels: list[Channel] | None = Field(
        default=None, description="Exact set of channels in the blueprint."
    )
    regions: list[Region] | None = Field(default=None, description="Exact set of regions in the blueprint.")
    budget: BudgetExpect | None = Field(default=None, description="Total budget and currency.")
    kpis: list[KPIExpect] = Field(default_factory=list, description="KPI targets the blueprint must carry.")
    kpi_sanity: bool = Field(default=True, description="Check every KPI target is in a sane range.")
    must_appear: list[str] = Field(
        default_factory=list, description="Phrases that must appear in at least one published asset."
    )
    must_not_appear: list[str] = Field(
        default_factory=list,
        description="Unsupported or banned phrases planted in the brief; none may reach a published asset.",
    )
    must_cite: list[str] = Field(
        default_factory=list, description="Claim ids at least one published asset cites."
    )
    min_published: int = Field(default=0, ge=0, description="Least number of published programs.")
    all_published: bool = Field(
        default=False, description="Every drafted asset is published (none withheld)."
    )
    max_revisions: int | None = Field(
        default=None, ge=0, description="Most governance -> content revision rounds (first-draft quality)."
    )
    brand_voice: bool = Field(
        default=True, description="Check banned terms, avoided phrases and voice rules."
    )
    length_limits: bool = Field(
        default=True, description="Check every text field against the channel limits."
    )
    disclaimers: bool = Field(default=True, description="Check required disclaimers are present.")
    max_llm_calls: int | None = Field(default=None, ge=0, description="Most model calls the run may make.")
    brief: BriefFactsExpect | None = Field(
        default=None,
        description="Facts of the brief the final state must keep (product, audience, dates ...).",
    )


class BriefCase(_Strict):
    """One brief and its expectations."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", description="Unique case id (also the cassette name).")
    brief: str = Field(min_length=1, description="The brief as a marketer would write it.")
    brand: str = Field(default="brightwell", description="Brand-library slug.")
    industry: str = Field(default="", description="Industry, for the report.")
    tags: list[str] = Field(default_factory=list, description="Free tags (region, currency, edge case ...).")
    known_issue: str = Field(
        default="",
        description="A known gap this case exposes: pytest expects it to fail (strict xfail) until fixed.",
    )
    answers: list[str] = Field(
        default_factory=list,
        description=(
            "Replies to the Planner's clarifying questions, one each time the run stops with needs_input, in "
            "order; every answer must be used (a run that ends before using them all fails)."
        ),
    )
    expect: BriefExpect = Field(default_factory=BriefExpect, description="Expectations.")


class ClaimsCase(_Strict):
    """One sentence and the verdict the claims check must give it."""

    id: str = Field(description="Unique case id.")
    text: str = Field(min_length=1, description="Copy to check.")
    brand: str = Field(default="brightwell", description="Brand-library slug.")
    region: Region | None = Field(default=None, description="Region the copy runs in.")
    date: str | None = Field(default=None, description="Check date (YYYY-MM-DD); default: the suite's.")
    expected: Literal["supported", "unsupported", "no_claim"] = Field(description="Verdict it must get.")
    note: str = Field(default="", description="Why (for reviewers).")
    tags: list[str] = Field(default_factory=list, description="Free tags.")


class AssetSpec(_Strict):
    """A hand-written asset for a governance case."""

    channel: Channel = Field(description="Channel.")
    region: Region = Field(description="Region.")
    subject: str | None = Field(default=None, description="Email subject.")
    headline: str | None = Field(default=None, description="Headline (ads).")
    body: str = Field(min_length=1, description="Body copy.")
    cta: str | None = Field(default=None, description="Call to action.")
    cited_claim_ids: list[str] = Field(default_factory=list, description="Claims the copy says it cites.")


class GovernanceExpect(_Strict):
    """Whether governance must stop the asset, and why."""

    stopped: bool = Field(description="True when the asset must be stopped (an exception raised on it).")
    validators: list[str] = Field(
        default_factory=list,
        description="Validators that must be among those raising it (e.g. 'liftoff/claims').",
    )
    reason_contains: list[str] = Field(
        default_factory=list,
        description="Words that must appear (case-insensitive) in the exception's reasons/findings.",
    )


class GovernanceCase(_Strict):
    """One asset governance must stop or pass."""

    id: str = Field(description="Unique case id.")
    brand: str = Field(default="brightwell", description="Brand-library slug.")
    asset: AssetSpec = Field(description="The asset.")
    expect: GovernanceExpect = Field(description="Expected outcome.")
    note: str = Field(default="", description="Why (for reviewers).")
    tags: list[str] = Field(default_factory=list, description="Free tags.")
    known_issue: str = Field(
        default="",
        description="A known gap this case exposes: pytest expects it to fail (strict xfail) until fixed.",
    )


class SuiteConfig(_Strict):
    """Suite-level settings shared by the cases of one dataset."""

    check_date: str = Field(
        default="2026-11-25", description="Date claims are checked against (fixed: reproducible)."
    )
    crm_contacts: int = Field(default=4000, ge=100, description="Size of the synthetic CRM per case.")
    thresholds: dict[str, float] = Field(
        default_factory=dict,
        description="Metric -> least (or, for lower-is-better metrics, most) acceptable value.",
    )
    tolerances: dict[str, float] = Field(
        default_factory=dict, description="Metric -> worsening allowed by compare --fail-on-regression."
    )
    length_limits: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="Channel -> field -> max characters (briefs suites)."
    )
    brand_library_dir: str | None = Field(
        default=None,
        description=(
            "Directory of the brand libraries the cases name, relative to the dataset file "
            "(default: the run's brand library directory)."
        ),
    )

    @field_validator("check_date")
    @classmethod
    def _iso(cls, value: str) -> str:
        date.fromisoformat(value)
        return value


class Dataset(BaseModel):
    """A loaded dataset: its kind, config, cases, path and content hash."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    name: str
    kind: SuiteKind
    description: str
    path: Path
    sha256: str
    config: SuiteConfig
    cases: list[BriefCase] | list[ClaimsCase] | list[GovernanceCase] | list[BriefFieldsCase]

    def case_ids(self) -> list[str]:
        """Case ids in file order."""
        return [c.id for c in self.cases]

    def library_dir(self, default: Path) -> Path:
        """The brand library directory of this dataset's cases (its own, else ``default``)."""
        if self.config.brand_library_dir is None:
            return default
        return (self.path.parent / self.config.brand_library_dir).resolve()


_CASE_MODELS: dict[str, type[BaseModel]] = {
    "briefs": BriefCase,
    "claims": ClaimsCase,
    "governance": GovernanceCase,
    "brief_fields": BriefFieldsCase,
}
_CONFIG_KEYS = set(SuiteConfig.model_fields)


def load_dataset(path: Path, *, name: str | None = None, kind: SuiteKind | None = None) -> Dataset:
    """Load and validate a dataset file.

    Args:
        path: The YAML file.
        name: Suite name (default: the file's ``suite`` key, else its stem).
        kind: Suite kind (default: the file's ``kind`` key).

    Raises:
        DatasetError: when the file is missing, not YAML, or a case does not match the schema.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DatasetError(f"dataset {path} cannot be read: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise DatasetError(f"dataset {path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise DatasetError(f"dataset {path} needs a mapping with a 'cases' list")
    kind = kind or data.get("kind")
    if kind not in _CASE_MODELS:
        raise DatasetError(f"dataset {path}: 'kind' must be one of {', '.join(_CASE_MODELS)}, got {kind!r}")
    config_raw = {k: v for k, v in data.items() if k in _CONFIG_KEYS}
    if "check_date" not in config_raw and data.get("date") is not None:  # the guards' dev-set spelling
        config_raw["check_date"] = str(data["date"])
    default_brand = Path(str(data["library"])).name if data.get("library") else None
    try:
        config = SuiteConfig.model_validate(config_raw)
    except ValidationError as exc:
        raise DatasetError(f"dataset {path}: {_first_error(exc)}") from None
    if config.brand_library_dir is not None and not (path.parent / config.brand_library_dir).is_dir():
        raise DatasetError(
            f"dataset {path}: brand_library_dir {config.brand_library_dir!r} is not a directory"
        )
    model = _CASE_MODELS[kind]
    cases: list[Any] = []
    seen: set[str] = set()
    for i, item in enumerate(data["cases"]):
        item = _adapt(kind, item)
        if default_brand and isinstance(item, dict) and "brand" not in item:
            item = {**item, "brand": default_brand}
        try:
            case = model.model_validate(item)
        except ValidationError as exc:
            ident = item.get("id", f"#{i}") if isinstance(item, dict) else f"#{i}"
            raise DatasetError(f"dataset {path}: case {ident}: {_first_error(exc)}") from None
        if case.id in seen:  # type: ignore[attr-defined]
            raise DatasetError(f"dataset {path}: duplicate case id {case.id!r}")  # type: ignore[attr-defined]
        seen.add(case.id)  # type: ignore[attr-defined]
        cases.append(case)
    if not cases:
        raise DatasetError(f"dataset {path} has no cases")
    return Dataset(
        name=name or str(data.get("suite") or path.stem),
        kind=kind,
        description=str(data.get("description", "")),
        path=path,
        sha256=hashlib.sha256(raw).hexdigest(),
        config=config,
        cases=cases,
    )


def _adapt(kind: str, item: Any) -> Any:
    """Accept the guards' claims dev-set spelling (``sentence``/``expected_verdict``/``check_date``)."""
    if kind != "claims" or not isinstance(item, dict):
        return item
    out = dict(item)
    renames = {
        "sentence": "text",
        "label": "expected",
        "expected_verdict": "expected",
        "verdict": "expected",
        "check_date": "date",
        "on": "date",
        "why": "note",
        "reason": "note",
    }
    for old, new in renames.items():
        if old in out and new not in out:
            out[new] = out.pop(old)
    if isinstance(out.get("date"), date):
        out["date"] = out["date"].isoformat()
    known = set(ClaimsCase.model_fields)
    extra = {k: out.pop(k) for k in list(out) if k not in known}
    tags = list(out.get("tags", []))
    for key, value in extra.items():
        values = value if isinstance(value, list) else [value]
        tags += [f"{key}={v}" for v in values if isinstance(v, str | int | float)]
    if tags:
        out["tags"] = tags
    return out


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ())) or "<root>"
    return f"{loc}: {err.get('msg', 'invalid')}"
