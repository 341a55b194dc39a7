"""New brand libraries: the commented scaffold of ``liftoff library new`` and the files the app's form writes.

Both write ``brand.yaml`` and ``claims.yaml`` whose first line points editors at the shipped JSON Schema
(``# yaml-language-server: $schema=...``), so VS Code and other YAML-language-server editors validate as the user
types. Files are written to a temporary directory first and moved into place, so a failure never leaves half a
library behind, and an existing library is never overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from graph.runtime.brands import validate_slug
from graph.runtime.settings import REPO_ROOT

SCHEMA_DIR = REPO_ROOT / "brand_library" / "schema"
"""Where the JSON Schemas generated from :mod:`guards.library_format` ship."""


class ScaffoldError(ValueError):
    """The library cannot be created (bad slug, existing directory, unwritable place)."""


class ClaimInput(BaseModel):
    """One claim typed into the app's form."""

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    evidence: str = ""
    regions: list[str] = Field(default_factory=list)
    expires: str | None = None


class BrandForm(BaseModel):
    """What the app's "fill a form" flow asks for."""

    slug: str
    name: str = Field(min_length=1)
    description: str = ""
    regions: list[str] = Field(default_factory=list)
    disclaimers: dict[str, list[str]] = Field(default_factory=dict)
    banned_terms: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    tone: list[str] = Field(default_factory=list)
    claims: list[ClaimInput] = Field(default_factory=list)


def schema_line(file_name: str, library_dir: Path) -> str:
    """``# yaml-language-server: $schema=<path>`` for a file in ``library_dir`` (relative when possible)."""
    target = SCHEMA_DIR / f"{file_name.removesuffix('.yaml')}.schema.json"
    where = library_dir.resolve()
    ref = os.path.relpath(target, where) if where.is_relative_to(REPO_ROOT) else str(target)
    return f"# yaml-language-server: $schema={ref}\n"


def scaffold_texts(slug: str, name: str | None = None) -> dict[str, str]:
    """The commented starting files of a new brand (they load and lint without errors)."""
    title = name or slug.replace("-", " ").title()
    brand = f"""# {title}: brand library. Format: brand_library/README.md (every key is explained there).
# Replace the examples below with your own; keys you do not need can be deleted. Unknown keys are ignored.
name: {_scalar(title)}
description: What the brand sells, in one line.

voice:
  tone: [warm, plain-spoken]        # guidance for writers (not scored)
  avoid:                            # phrases copy must never use (literal, case-insensitive)
    - act now
    - last chance
  rules:                            # measurable voice rules (all optional)
    max_exclamations: 1             # per asset
    max_sentence_words: 30

banned_terms:                       # whole words; plurals and hyphen/space variants match
  - miracle
  - guaranteed results

competitors: [Rival Co]             # names copy must never mention

# Products and the words copy uses for them. kind: type (what it is) or line (a model name).
# Keep terms distinct: the same term on two products of one kind is an error in `liftoff library lint`.
products:
  - id: starter-kit
    terms: [starter kit]

# Words the brand uses interchangeably (each group is one meaning for the claims check).
synonyms:
  - [starter kit, starter set]

regions:                            # US, UK, EU, CA, APAC; a region left out gets no disclaimers
  US:
    disclaimers: ["Terms apply."]   # carried by every asset in the region: keep them one short sentence
    conditional_disclaimers:        # required when the copy makes a claim of that topic
      - topic: offer
        text: "Offer terms apply."
    channel_disclaimers:
      sms: ["Reply STOP to opt out."]
    comparison_requires_target: false
"""
    claims = f"""# Approved claims of {title}. Copy may restate a claim, or say less, never more.
# Every claim: a unique id, the approved wording, and the evidence that backs it (shown to reviewers).
claims:
  - id: starter-kit-setup
    text: The {title} starter kit sets up in 10 minutes.
    evidence: Internal usability study US-01, median of 40 first-time users.
    # regions: [US]                 # optional; missing means everywhere
    # topics: [comparison]          # optional: health, environmental, offer, price, guarantee, availability,
    #                               #   award, certification, comparison (drives conditional disclaimers)
    # comparison_target: ...        # the approved target when the claim compares ("than ...")

  - id: welcome-offer
    text: Save 10% on your first order until 31 December 2030.
    evidence: Promotion brief PR-01, approved by legal.
    regions: [US]
    topics: [offer]
    expires: 2030-12-31             # YYYY-MM-DD; after that day the claim is no longer used
"""
    return {"brand.yaml": brand, "claims.yaml": claims}


def form_texts(form: BrandForm) -> dict[str, str]:
    """brand.yaml and claims.yaml written from the app's form (validated later by lint, like an upload)."""
    brand: dict[str, object] = {"name": form.name.strip()}
    if form.description.strip():
        brand["description"] = form.description.strip()
    if form.tone:
        brand["voice"] = {"tone": _clean(form.tone)}
    if form.banned_terms:
        brand["banned_terms"] = _clean(form.banned_terms)
    if form.competitors:
        brand["competitors"] = _clean(form.competitors)
    brand["regions"] = {r: {"disclaimers": _clean(form.disclaimers.get(r, []))} for r in form.regions}
    claims = []
    for c in form.claims:
        item: dict[str, object] = {"id": c.id.strip(), "text": c.text.strip()}
        if c.evidence.strip():
            item["evidence"] = c.evidence.strip()
        if c.regions:
            item["regions"] = list(c.regions)
        if c.expires:
            item["expires"] = c.expires
        claims.append(item)
    return {
        "brand.yaml": f"# {form.name.strip()}: brand library written from the app. Format: brand_library/README.md\n"
        + yaml.safe_dump(brand, sort_keys=False, allow_unicode=True, width=120),
        "claims.yaml": "# Approved claims. Copy may restate a claim, or say less, never more.\n"
        + yaml.safe_dump({"claims": claims}, sort_keys=False, allow_unicode=True, width=120),
    }


def write_library(dest: Path, texts: dict[str, str | bytes]) -> Path:
    """Write a new library directory atomically (schema line added to text files that lack one).

    Raises:
        ScaffoldError: when ``dest`` exists or cannot be written.
    """
    validate = dest.name
    try:
        validate_slug(validate)
    except ValueError as exc:
        raise ScaffoldError(str(exc)) from None
    if dest.exists():
        raise ScaffoldError(f"{dest} already exists: pick another slug or --dir, or edit that library")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}."))
    except OSError as exc:
        raise ScaffoldError(f"cannot create {dest}: {exc.strerror or exc}") from None
    try:
        for file_name in ("brand.yaml", "claims.yaml"):
            content = texts[file_name]
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            if b"yaml-language-server:" not in data[:300]:
                data = schema_line(file_name, dest).encode() + data
            (tmp / file_name).write_bytes(data)
        os.replace(tmp, dest)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ScaffoldError(f"cannot write {dest}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def new_library(slug: str, parent: Path, name: str | None = None) -> Path:
    """Create ``parent/slug`` with the commented scaffold.

    Raises:
        ScaffoldError: bad slug, existing directory, unwritable place.
    """
    try:
        validate_slug(slug)
    except ValueError as exc:
        raise ScaffoldError(str(exc)) from None
    return write_library(parent / slug, dict(scaffold_texts(slug, name)))


def _clean(items: Sequence[str]) -> list[str]:
    return [s.strip() for s in items if s and s.strip()]


def _scalar(text: str) -> str:
    return yaml.safe_dump(text, default_style=None, width=1000).removesuffix("\n...\n").strip()
