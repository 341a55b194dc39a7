"""Field-level scoring of brief understanding: what the Planner read from a brief vs what the brief states.

One case = one brief and its expected fields (``evals/datasets/brief_fields_*.yaml``). Every field is scored on
every case: a field the expectation leaves out must be empty (nothing invented). Free-text fields (goal, audience,
theme) match when the expected words are all there and nothing much else; numbers, dates, codes and lists match
exactly.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph.models.offline.handlers import extract_brief
from guards.textnorm import CLAIM_SYMBOLS, fold_text

FIELDS: tuple[str, ...] = (
    "budget",
    "currency",
    "goal",
    "kpis",
    "audience",
    "channels",
    "regions",
    "countries",
    "start",
    "end",
    "duration",
    "holdout",
    "key_messages",
    "product",
    "theme",
    "unused",
)
"""Every field scored, in report order."""


class FieldsExpect(BaseModel):
    """What the brief states; an absent key means the brief states nothing for that field."""

    model_config = ConfigDict(extra="forbid")

    budget: float | None = None
    currency: str | None = None
    goal: str | None = Field(default=None, description="Words the goal must contain (the stated aim).")
    kpis: list[dict[str, Any]] = Field(default_factory=list)
    audience: str | None = None
    channels: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    start: date | None = None
    end: date | None = None
    duration: int | None = None
    holdout: float | None = None
    key_messages: list[str] = Field(default_factory=list)
    product: str | None = None
    theme: str | None = None
    unused: list[str] = Field(
        default_factory=list, description="Sentences that state nothing: shown as not used."
    )

    @field_validator("countries", mode="before")
    @classmethod
    def _norway(cls, value: Any) -> Any:
        """YAML 1.1 reads an unquoted NO (Norway) as false: read it back as the country code."""
        return ["NO" if v is False else v for v in value] if isinstance(value, list) else value


def _norm(text: str | None) -> str:
    return fold_text(text or "", keep=CLAIM_SYMBOLS)


def _phrase_ok(expected: str | None, got: str | None, slack: int = 30) -> bool:
    if expected is None:
        return got is None
    if got is None:
        return False
    e, g = _norm(expected), _norm(got)
    return e in g and len(g) <= len(e) + slack


def score_fields(expect: FieldsExpect, got: dict[str, Any]) -> dict[str, tuple[bool, str]]:
    """Field -> (correct, detail) for one case. ``got`` holds the extraction (BriefExtraction keys) plus
    ``unused``."""
    out: dict[str, tuple[bool, str]] = {}

    def put(name: str, ok: bool, exp: Any, val: Any) -> None:
        out[name] = (ok, "" if ok else f"expected {exp!r}, got {val!r}")

    amount = got.get("budget_amount")
    put(
        "budget",
        (amount is None) == (expect.budget is None)
        and (amount is None or abs(amount - expect.budget) < 0.01),
        expect.budget,
        amount,
    )
    put("currency", got.get("currency") == expect.currency, expect.currency, got.get("currency"))
    put("goal", _phrase_ok(expect.goal, got.get("goal"), slack=80), expect.goal, got.get("goal"))
    exp_k = sorted((k["name"], round(float(k["target"]), 6)) for k in expect.kpis)
    kept: dict[
        tuple[str, Any], dict[str, Any]
    ] = {}  # what the plan keeps: the first target per KPI and channel (the Planner says back the rest)
    for k in got.get("kpi_targets") or []:
        kept.setdefault((k["name"], k.get("channel")), k)
    got_k = sorted((k["name"], round(float(k["target"]), 6)) for k in kept.values())
    put("kpis", exp_k == got_k, exp_k, got_k)
    put("audience", _phrase_ok(expect.audience, got.get("audience")), expect.audience, got.get("audience"))
    for name in ("channels", "regions", "countries"):
        put(
            name,
            sorted(set(got.get(name) or [])) == sorted(set(getattr(expect, name))),
            getattr(expect, name),
            got.get(name),
        )
    for name, key in (("start", "start_date"), ("end", "end_date")):
        val = got.get(key)
        val = date.fromisoformat(val) if isinstance(val, str) else val
        put(name, val == getattr(expect, name), getattr(expect, name), val)
    put("duration", got.get("duration_days") == expect.duration, expect.duration, got.get("duration_days"))
    hold = got.get("holdout_pct")
    put(
        "holdout",
        (hold is None and expect.holdout is None)
        or (hold is not None and expect.holdout is not None and abs(hold - expect.holdout) < 1e-9),
        expect.holdout,
        hold,
    )
    put(
        "key_messages",
        sorted(_norm(m) for m in got.get("key_messages") or [])
        == sorted(_norm(m) for m in expect.key_messages),
        expect.key_messages,
        got.get("key_messages"),
    )
    put(
        "product",
        _norm(got.get("product")) == _norm(expect.product) if expect.product else got.get("product") is None,
        expect.product,
        got.get("product"),
    )
    put("theme", _phrase_ok(expect.theme, got.get("theme"), slack=15), expect.theme, got.get("theme"))
    unused = [_norm(u) for u in got.get("unused") or []]
    missing = [u for u in expect.unused if not any(_norm(u) in x or x in _norm(u) for x in unused)]
    put("unused", not missing, expect.unused, got.get("unused"))
    return out


def extract_offline(brief: str, today: date) -> dict[str, Any]:
    """The offline engine's extraction of a brief (the Planner's BriefExtraction) plus the 'not used' sentences."""
    return extract_brief({"brief_text": brief, "today": today.isoformat()})


class BriefFieldsCase(BaseModel):
    """One brief and the fields it states."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", description="Unique case id.")
    brief: str = Field(min_length=1, description="The brief as a marketer wrote it.")
    industry: str = Field(default="", description="Industry, for the report.")
    shape: str = Field(default="", description="Shape of the brief (prose, bullets, form, email, chat, ...).")
    tags: list[str] = Field(default_factory=list, description="Free tags.")
    expect: FieldsExpect = Field(default_factory=FieldsExpect, description="The fields the brief states.")
