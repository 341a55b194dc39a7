"""Where brand libraries are found, and what ``--brand`` means: a slug or a directory path.

A brand reference is either

* a **slug**, looked up in the library directory (``LIFTOFF_BRAND_LIBRARY``, default ``brand_library/``) and then
  in the brands added through the app or ``liftoff library new`` without ``--dir`` (``$LIFTOFF_HOME/brands``); or
* a **directory path** holding ``brand.yaml`` and ``claims.yaml`` (anything with a path separator, starting with
  ``.`` or ``~``, or an existing directory).

A campaign stores the canonical reference (:func:`canonical_ref`): the slug when the slug finds the same directory,
otherwise the absolute path, so a resume from another working directory finds the same library.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.runtime.settings import Settings
from guards.library import BrandLibrary, BrandLibraryError
from guards.retrieval import ClaimIndex
from tools.events import EventLog

if TYPE_CHECKING:
    from guards.retrieval import IngestResult

ADDED_DIR = "brands"
"""Directory under ``LIFTOFF_HOME`` holding brands added from the app (and by ``library new`` without --dir)."""

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$")
"""A brand slug: lower-case letters, digits and hyphens, 1-48 characters, no leading or trailing hyphen."""


class BrandNotFoundError(BrandLibraryError):
    """The brand reference names no library; the message lists the brands found."""


@dataclass(frozen=True)
class BrandEntry:
    """A brand library found on disk."""

    slug: str
    path: Path
    source: str  # 'library' (LIFTOFF_BRAND_LIBRARY) or 'added' ($LIFTOFF_HOME/brands)


def added_dir(settings: Settings) -> Path:
    """Where brands added from the app live (not created here)."""
    return settings.home / ADDED_DIR


def roots(settings: Settings) -> list[tuple[Path, str]]:
    """The directories searched for slugs, in order, with their source label."""
    return [(settings.brand_library_dir, "library"), (added_dir(settings), "added")]


def list_brands(settings: Settings) -> list[BrandEntry]:
    """Every brand library found (a directory holding ``brand.yaml``); a slug found twice is listed once (the first
    root wins, as in :func:`resolve_brand`)."""
    out: dict[str, BrandEntry] = {}
    for root, source in roots(settings):
        if not root.is_dir():
            continue
        for child in sorted(root.iterdir()):
            if child.is_dir() and (child / "brand.yaml").is_file() and child.name not in out:
                out[child.name] = BrandEntry(child.name, child.resolve(), source)
    return sorted(out.values(), key=lambda e: (e.slug != settings.brand, e.slug))


def validate_slug(slug: str) -> str:
    """Return ``slug`` when it is a valid brand slug.

    Raises:
        ValueError: with the rule a slug follows.
    """
    if not SLUG_RE.match(slug or ""):
        raise ValueError(
            f"not a brand slug: {slug[:60]!r} (use lower-case letters, digits and hyphens, "
            "e.g. 'acme-skincare')"
        )
    return slug


def looks_like_path(ref: str) -> bool:
    """True when ``ref`` is meant as a directory path rather than a slug."""
    return (
        os.sep in ref
        or (os.altsep is not None and os.altsep in ref)
        or ref.startswith((".", "~"))
        or Path(ref).is_absolute()
    )


def resolve_brand(ref: str | Path, settings: Settings) -> Path:
    """Return the library directory a brand reference names.

    Raises:
        BrandNotFoundError: unknown slug (listing the brands found, with a "did you mean") or a missing directory.
    """
    text = str(ref).strip()
    if not text:
        raise BrandNotFoundError("no brand given: pass a slug or a library directory")
    if looks_like_path(text):
        path = Path(text).expanduser()
        if not path.is_dir():
            raise BrandNotFoundError(f"brand library directory not found: {path}")
        return path.resolve()
    for root, _ in roots(settings):
        candidate = root / text
        if candidate.is_dir():
            return candidate.resolve()
    if Path(text).is_dir():  # a bare directory name in the working directory
        return Path(text).resolve()
    raise BrandNotFoundError(unknown_brand_message(text, settings))


def unknown_brand_message(slug: str, settings: Settings) -> str:
    """``unknown brand 'acm' — did you mean 'acme'? (brands found: ...; looked in ...)``, one line."""
    found = [e.slug for e in list_brands(settings)]
    close = difflib.get_close_matches(slug, found, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    where = ", ".join(str(r) for r, _ in roots(settings))
    return (
        f"unknown brand {slug[:60]!r}{hint} (brands found: {', '.join(found) or 'none'}; looked in {where}; "
        "or pass a library directory)"
    )


def canonical_ref(ref: str | Path, settings: Settings) -> str:
    """The reference a campaign stores: the slug when the slug finds this same directory, else the absolute path.

    Raises:
        BrandNotFoundError: as :func:`resolve_brand`.
    """
    path = resolve_brand(ref, settings)
    for root, _ in roots(settings):
        candidate = root / path.name
        if candidate.is_dir():  # the first root holding this slug decides what the slug means
            return path.name if candidate.resolve() == path else str(path)
    return str(path)


def ingest_library(settings: Settings, library: BrandLibrary) -> tuple[IngestResult, str]:
    """Build or update a library's claim index (only what changed) and record a ``library.ingested`` event.

    Returns:
        The ingest counts and where the index lives.
    """

    index = ClaimIndex.open(
        settings.home,
        library,
        chroma_host=settings.chroma_host,
        chroma_port=settings.chroma_port,
        embeddings=settings.embeddings,
        base_url=settings.openai_base_url,
        api_key=os.environ.get("OPENAI_API_KEY"),
    )
    result = index.ingest()
    EventLog(settings.store("events.db")).emit(
        "library.ingested",
        trace_id=f"library:{library.slug}",
        campaign_id="library",
        source="library",
        payload={
            "slug": library.slug,
            "library_version": result.library_version,
            "added": result.added,
            "updated": result.updated,
            "removed": result.removed,
            "unchanged": result.unchanged,
            "index": index.location,
            "path": str(library.path),
        },
    )
    return result, index.location
