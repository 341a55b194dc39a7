"""The brand-library file format as pydantic models: ``brand.yaml`` (:class:`BrandFile`) and ``claims.yaml``
(:class:`ClaimsFile`).

These models are the one definition of the format: the loader validates with them, ``liftoff library lint``
maps their errors back to file lines, and the JSON Schemas shipped in ``brand_library/schema/`` are generated
from them (:func:`json_schemas`; a test keeps the shipped files equal to the generated ones). Unknown keys are
allowed everywhere and ignored (other tools may add their own).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from graph.contracts import CHANNELS, REGIONS
from graph.contracts.common import Channel, Region
from guards.safe_yaml import YamlDoc, excerpt

SCHEMA_BASE = "urn:liftoff:brand-library"
"""``$id`` prefix of the shipped schemas (a URN: an identifier, nothing to fetch)."""

Topic = Literal[
    "health",
    "environmental",
    "offer",
    "price",
    "guarantee",
    "availability",
    "award",
    "certification",
    "comparison",
]
TOPICS: tuple[str, ...] = get_args(Topic)
"""Claim topics that regional rules can hang conditional disclaimers on."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Texts = list[Text]
"""Non-empty strings (the shape of most library keys; each defaults to empty)."""
ChannelTexts = dict[Channel, list[Text]]
"""Non-empty strings per channel."""


def _iso_date(value: object) -> object:
    """Accept a YAML date or a 'YYYY-MM-DD' string; refuse numbers and free text with one clear message."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date) or value is None:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("iso_date", "must be a date YYYY-MM-DD")


IsoDate = Annotated[
    date, BeforeValidator(_iso_date), Field(json_schema_extra={"type": "string", "format": "date"})
]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)


def _file_config(title: str) -> ConfigDict:
    """The config of a whole library file: open like every part of it, titled in its JSON Schema."""
    return ConfigDict(title=title, extra="allow", str_strip_whitespace=True)


class VoiceRules(_Open):
    """Measurable voice rules (all optional)."""

    max_exclamations: int | None = Field(default=None, ge=0, description="Most exclamation marks per asset.")
    max_all_caps_words: int | None = Field(
        default=None,
        ge=0,
        description="Most words of 4+ letters in capitals per asset (allowed_acronyms excepted).",
    )
    allowed_acronyms: Texts = Field(
        default_factory=list, description="Acronyms exempt from the capitals rule."
    )
    max_sentence_words: int | None = Field(default=None, ge=1, description="Longest sentence, in words.")
    max_reading_grade: float | None = Field(
        default=None, ge=0, description="Highest Flesch-Kincaid grade of a body of 40+ words."
    )


class Voice(_Open):
    """How the brand sounds."""

    tone: Texts = Field(default_factory=list, description="Guidance for writers (not scored).")
    avoid: Texts = Field(
        default_factory=list,
        description="Phrases the copy must not use (checked literally, case-insensitive).",
    )
    rules: VoiceRules = Field(default_factory=lambda: VoiceRules(), description="Measurable voice rules.")


class ConditionalDisclaimerSpec(_Open):
    """A disclaimer required when the copy makes a claim of one topic."""

    topic: Topic
    text: Text


class RegionSpec(_Open):
    """The rules of one region."""

    disclaimers: Texts = Field(default_factory=list, description="Carried by every asset in the region.")
    conditional_disclaimers: list[ConditionalDisclaimerSpec] = Field(
        default_factory=list, description="Required when the copy makes a claim of the topic."
    )
    channel_disclaimers: ChannelTexts = Field(
        default_factory=dict, description="Required on every message of that channel."
    )
    comparison_requires_target: StrictBool = Field(
        default=False, description="A comparative sentence must name the approved comparison target."
    )
    banned_terms: Texts = Field(default_factory=list, description="Banned here on top of the brand's list.")
    consent: ChannelTexts = Field(
        default_factory=dict, description="Consent bases the brand allows per channel (narrows the law only)."
    )


class ProductSpec(_Open):
    """A product and the words copy uses for it."""

    id: Text
    terms: Texts = Field(default_factory=list, description="Words or phrases naming it.")
    kind: Literal["type", "line"] = Field(
        default="type", description="'type' (pitcher) or 'line' (a model name)."
    )


class BrandFile(_Open):
    """``brand.yaml``: who the brand is, how it sounds, what it never says and the rules of each region."""

    model_config = _file_config("Liftoff brand.yaml")

    name: Text = Field(description="Brand name.")
    description: str | None = Field(default=None, description="Free text.")
    voice: Voice = Field(default_factory=Voice)
    banned_terms: Texts = Field(default_factory=list, description="Terms the copy must never use.")
    competitors: Texts = Field(
        default_factory=list, description="Competitor names the copy must not mention."
    )
    products: list[ProductSpec] = Field(default_factory=list, description="Products and the words for them.")
    synonyms: list[Texts] = Field(
        default_factory=list, description="Groups of words the brand uses interchangeably."
    )
    allowed_contacts: Texts = Field(
        default_factory=list, description="Domains and phone numbers the copy may print."
    )
    regions: dict[Region, RegionSpec] = Field(default_factory=dict, description="Rules per region code.")


class ClaimSpec(_Open):
    """One approved claim."""

    id: Text = Field(description="Unique within the library.")
    text: Text = Field(description="The approved wording.")
    evidence: str = Field(default="", description="What substantiates it (shown to reviewers).")
    regions: list[Region] = Field(
        default_factory=list, description="Where it is approved; empty: everywhere."
    )
    expires: IsoDate | None = Field(default=None, description="Last day it is approved (YYYY-MM-DD).")
    topics: list[Topic] = Field(default_factory=list, description="What kind of claim it is.")
    comparison_target: Text | None = Field(default=None, description="The approved comparison target.")


class ClaimsFile(_Open):
    """``claims.yaml``: the approved claims."""

    model_config = _file_config("Liftoff claims.yaml")

    claims: list[ClaimSpec] = Field(min_length=1, description="Every approved claim.")


FILE_MODELS: dict[str, type[BaseModel]] = {"brand.yaml": BrandFile, "claims.yaml": ClaimsFile}
"""The model of each library file."""


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each file (``brand.schema.json``, ``claims.schema.json``), as shipped."""
    out: dict[str, dict[str, Any]] = {}
    for file_name, model in FILE_MODELS.items():
        stem = file_name.removesuffix(".yaml")
        schema = model.model_json_schema(mode="validation")
        out[f"{stem}.schema.json"] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{SCHEMA_BASE}:{stem}",
            **schema,
        }
    return out


def schema_text(schema: dict[str, Any]) -> str:
    """Serialise a schema the way the shipped files are written."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------------------------------------ error messages
_NOUNS = {frozenset(REGIONS): "region", frozenset(TOPICS): "topic", frozenset(CHANNELS): "channel"}


def loc_text(loc: tuple[str | int, ...]) -> str:
    """``('regions', 'US', 'disclaimers', 0)`` -> ``regions.US.disclaimers[0]``."""
    out = ""
    for part in loc:
        if part == "[key]":
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe(error: Any, excerpt: Any) -> str:
    """One readable sentence for one pydantic error (``error`` is an item of ``ValidationError.errors()``).

    ``excerpt`` shortens values so a huge value is never echoed.
    """
    loc = tuple(error["loc"])
    where = loc_text(loc) or "the file"
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    got = "nothing" if value is None or kind == "missing" else type(value).__name__
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        noun = _NOUNS.get(frozenset(options))
        known = ", ".join(options)
        if noun:
            at = loc_text(loc[:-1]) or "the file"
            return f"{at}: unknown {noun} {excerpt(value)} (known: {known})"
        return f"{where} must be one of {known}, got {excerpt(value)}"
    if loc == ("claims",) and kind in ("missing", "too_short", "list_type"):
        return "'claims' must be a non-empty list of claims"
    if kind in ("missing", "string_type", "string_too_short"):
        if loc and loc[-1] in ("evidence", "description") and kind == "string_type":
            return f"{where} must be a string, got {got}"
        return f"{where} must be a non-empty string, got {got}"
    if kind == "list_type":
        return f"{where} must be a list, got {got}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{where} must be a mapping, got {got}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{where} must be true or false, got {excerpt(value)}"
    if kind == "iso_date":
        return f"{where} must be a date YYYY-MM-DD, got {excerpt(value)}"
    if kind.startswith(("int_", "float_")) or kind in ("greater_than_equal", "greater_than"):
        return f"{where}: {error['msg'].lower()}, got {excerpt(value)}"
    return f"{where}: {error['msg']} (got {excerpt(value)})"


def validation_errors(exc: ValidationError) -> list[Any]:
    """The errors of a ValidationError, without duplicates of one location (unions report one per branch)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if loc in seen:
            continue
        seen.add(loc)
        out.append(error)
    return out


# ------------------------------------------------------------------------------------------------ validation
@dataclass(frozen=True)
class Problem:
    """One problem of a library file, located by key path and line."""

    file: str
    key: str
    line: int | None
    message: str
    severity: Literal["error", "warning"] = "error"
    rule: str = "structure"

    def text(self, prefix: str = "") -> str:
        """``brand.yaml:12: regions.US: ...`` (``prefix`` is put before the file name)."""
        where = f"{prefix}{self.file}" + (f":{self.line}" if self.line else "")
        return f"{where}: {self.message}"


def validate_document(doc: YamlDoc, file_name: str) -> tuple[BaseModel | None, list[Problem]]:
    """Validate one parsed file against its model; every error becomes a located :class:`Problem`.

    Returns:
        The model (None when invalid) and the problems (structural errors and duplicate claim ids).
    """
    model = FILE_MODELS[file_name]
    if not isinstance(doc.data, dict):
        got = "an empty file" if doc.data is None else type(doc.data).__name__
        return None, [Problem(file_name, "", 1, f"top level must be a mapping, got {got}")]
    try:
        parsed = model.model_validate(doc.data)
    except ValidationError as exc:
        problems = []
        for error in validation_errors(exc):
            loc = tuple(error["loc"])
            problems.append(Problem(file_name, loc_text(loc), doc.line_of(loc), describe(error, excerpt)))
        return None, problems
    problems = []
    if isinstance(parsed, ClaimsFile):
        first: dict[str, int] = {}
        for i, claim in enumerate(parsed.claims):
            if claim.id in first:
                problems.append(
                    Problem(
                        file_name,
                        f"claims[{i}].id",
                        doc.line_of(("claims", i, "id")),
                        f"duplicate claim id {excerpt(claim.id)} (first used by claims[{first[claim.id]}])",
                    )
                )
            else:
                first[claim.id] = i
    return (None if problems else parsed), problems


def write_schemas(directory: Path) -> list[Path]:
    """Write the generated schemas into ``directory`` (the repo's is ``brand_library/schema/``); returns the paths
    written."""
    target = directory
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for name, schema in json_schemas().items():
        path = target / name
        path.write_text(schema_text(schema), encoding="utf-8")
        out.append(path)
    return out
