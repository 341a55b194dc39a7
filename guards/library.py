"""The approved brand library: ``brand_library/<slug>/brand.yaml`` + ``claims.yaml``, parsed and validated.

The format is documented in ``brand_library/README.md`` and defined by the pydantic models of
:mod:`guards.library_format`. Keys this reader does not know are ignored (other tools may add their own). Files are
read through :mod:`guards.safe_yaml` (size limit, alias and nesting limits). Parsed libraries are cached by (path,
modification times, sizes), so repeated loads cost a ``stat`` call.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from guards.library_format import TOPICS, BrandFile, ClaimsFile, validate_document
from guards.safe_yaml import DEFAULT_MAX_BYTES, InputLimitError, Limits, load_yaml, read_bounded

__all__ = [
    "TOPICS",
    "BrandLibrary",
    "BrandLibraryError",
    "Claim",
    "ConditionalDisclaimer",
    "Product",
    "RegionRules",
    "library_from_models",
    "load_library",
    "parse_library",
]


class BrandLibraryError(ValueError):
    """The brand library is missing or malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Claim:
    """One approved claim.

    Attributes:
        id: Unique id within the library.
        text: The approved wording.
        evidence: What substantiates it (report, certificate, policy), or ''.
        regions: Region codes where it is approved; empty means everywhere.
        expires: Last day the claim is approved, or None.
        topics: Topics (health, offer, ...) declared in the library; used for conditional disclaimers.
        comparison_target: The approved comparison target, when the claim compares.
    """

    id: str
    text: str
    evidence: str = ""
    regions: tuple[str, ...] = ()
    expires: date | None = None
    topics: tuple[str, ...] = ()
    comparison_target: str | None = None

    def in_region(self, region: str | None) -> bool:
        """True when the claim is approved in ``region`` (None: only claims approved everywhere)."""
        if not self.regions:
            return True
        return region is not None and region in self.regions

    def expired(self, on: date) -> bool:
        """True when ``on`` is after the expiry date."""
        return self.expires is not None and on > self.expires

    def approved(self, region: str | None, on: date) -> bool:
        """True when the claim may be used in ``region`` on day ``on``."""
        return self.in_region(region) and not self.expired(on)

    def why_not(self, region: str | None, on: date) -> str:
        """A plain reason the claim is not approved for (region, on), or '' when it is."""
        if self.expired(on):
            return f"claim {self.id} expired on {self.expires.isoformat()}"  # type: ignore[union-attr]
        if not self.in_region(region):
            where = ", ".join(self.regions)
            return f"claim {self.id} is approved only in {where}" + ("" if region else " (no region given)")
        return ""

    def content_hash(self) -> str:
        """Hash of everything that defines the claim (re-ingest when it changes)."""
        raw = "\x1f".join(
            [
                self.id,
                self.text,
                self.evidence,
                ",".join(self.regions),
                self.expires.isoformat() if self.expires else "",
                ",".join(self.topics),
                self.comparison_target or "",
            ]
        )
        return hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ConditionalDisclaimer:
    """A disclaimer required when the copy makes a claim of one topic."""

    topic: str
    text: str


@dataclass(frozen=True)
class RegionRules:
    """Rules of one region.

    Attributes:
        disclaimers: Disclaimers every asset in the region carries.
        conditional_disclaimers: Disclaimers required when the copy makes a claim of a topic.
        channel_disclaimers: Disclaimers required on one channel (e.g. SMS opt-out wording).
        comparison_requires_target: When true, a comparative sentence must state its approved target.
        banned_terms: Terms banned in this region on top of the brand's banned terms.
        consent: Brand policy narrowing the legally allowed consent bases, per channel.
    """

    disclaimers: tuple[str, ...] = ()
    conditional_disclaimers: tuple[ConditionalDisclaimer, ...] = ()
    channel_disclaimers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    comparison_requires_target: bool = False
    banned_terms: tuple[str, ...] = ()
    consent: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Product:
    """A product and the words copy uses for it.

    Attributes:
        id: Product id.
        terms: Words or phrases naming it.
        kind: 'type' (pitcher, cartridge) or 'line' (a model name such as MaxFlow).
    """

    id: str
    terms: tuple[str, ...]
    kind: str = "type"


@dataclass(frozen=True, eq=False)
class BrandLibrary:
    """A parsed brand library.

    Attributes:
        slug: Directory name.
        name: Brand name.
        version: Content hash of brand.yaml and claims.yaml (changes whenever either changes).
        voice: ``{'tone': [...], 'avoid': [...], 'rules': {...}}`` (keys optional).
        banned_terms: Terms the copy must never use.
        competitors: Competitor names the copy must not mention.
        regions: Rules per region code.
        claims: Every claim, approved or not (see :meth:`approved_claims`).
        products: Product lines (optional).
        synonyms: Groups of interchangeable words (optional).
        allowed_contacts: Contact strings/domains the copy may print (optional).
        path: Library directory.
    """

    slug: str
    name: str
    version: str
    voice: dict[str, Any]
    banned_terms: tuple[str, ...]
    competitors: tuple[str, ...]
    regions: dict[str, RegionRules]
    claims: tuple[Claim, ...]
    products: tuple[Product, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()
    allowed_contacts: tuple[str, ...] = ()
    path: Path = Path()
    _by_id: dict[str, Claim] = field(default_factory=dict, repr=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({c.id: c for c in self.claims})

    def approved_claims(self, region: str | None, on: date) -> list[Claim]:
        """Return the claims approved in ``region`` on day ``on``.

        Args:
            region: Region code; None means no particular region, so only claims approved everywhere.
            on: Check date (a claim is approved up to and including its expiry date).
        """
        return [c for c in self.claims if c.approved(region, on)]

    def claim(self, claim_id: str) -> Claim:
        """Return a claim by id.

        Raises:
            KeyError: when the library has no such claim.
        """
        try:
            return self._by_id[claim_id]
        except KeyError:
            raise KeyError(f"brand library {self.slug!r} has no claim {claim_id!r}") from None

    def rules(self, region: str | None) -> RegionRules:
        """Return the rules of a region (empty rules when the library has none for it)."""
        return self.regions.get(region or "", RegionRules())

    def disclaimers(
        self, region: str | None, *, channel: str | None = None, topics: Iterable[str] = ()
    ) -> list[str]:
        """Return the disclaimers copy in ``region`` must carry.

        Args:
            region: Region code.
            channel: Channel, to add channel disclaimers (e.g. SMS opt-out wording).
            topics: Topics the copy claims (the conditional disclaimers of these topics apply; the topics of a
                piece of copy come from :func:`guards.disclaimers.required_disclaimers`).

        Returns:
            The always-required disclaimers, then channel and conditional ones, without duplicates.
        """
        rules = self.rules(region)
        out = list(rules.disclaimers)
        if channel:
            out += rules.channel_disclaimers.get(channel, ())
        wanted = set(topics)
        out += [c.text for c in rules.conditional_disclaimers if c.topic in wanted]
        return list(dict.fromkeys(out))

    def all_banned_terms(self, region: str | None) -> list[str]:
        """Return the brand's banned terms plus the region's own."""
        return list(dict.fromkeys([*self.banned_terms, *self.rules(region).banned_terms]))


_CACHE: dict[Path, tuple[tuple[int, int, int, int], BrandLibrary]] = {}
_CACHE_LOCK = threading.Lock()


def load_library(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> BrandLibrary:
    """Load and validate a brand library directory.

    Args:
        path: ``brand_library/<slug>`` (the directory holding brand.yaml and claims.yaml).
        max_bytes: Size limit of each file (``LIFTOFF_LIBRARY_MAX_BYTES``); larger files are refused unread.

    Raises:
        BrandLibraryError: on a missing or oversized file, invalid YAML (or an alias bomb, or too deep nesting), a
            duplicate claim id, a bad date or a wrong type; one line naming the file and the line.
    """
    root = Path(path).expanduser().resolve()
    brand_file, claims_file = root / "brand.yaml", root / "claims.yaml"
    if not root.is_dir():
        raise BrandLibraryError(f"brand library directory not found: {root}")
    for f in (brand_file, claims_file):
        if not f.is_file():
            raise BrandLibraryError(f"brand library {root.name!r} lacks {f.name} (expected {f})")
    b_stat, c_stat = brand_file.stat(), claims_file.stat()
    stamp = (b_stat.st_mtime_ns, c_stat.st_mtime_ns, b_stat.st_size, c_stat.st_size)
    with _CACHE_LOCK:
        hit = _CACHE.get(root)
        if hit and hit[0] == stamp:
            return hit[1]
    try:
        brand_raw = read_bounded(brand_file, max_bytes, label="brand.yaml")
        claims_raw = read_bounded(claims_file, max_bytes, label="claims.yaml")
    except InputLimitError as exc:
        raise BrandLibraryError(str(exc)) from None
    library = parse_library(root, brand_raw, claims_raw, max_bytes=max_bytes)
    with _CACHE_LOCK:
        _CACHE[root] = (stamp, library)
    return library


def parse_library(
    root: Path, brand_raw: bytes, claims_raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> BrandLibrary:
    """Build a :class:`BrandLibrary` from the two files' bytes (validated by :mod:`guards.library_format`).

    Raises:
        BrandLibraryError: the first problem found, as ``file:line: message`` (and how many more there are).
    """
    limits = Limits(max_bytes=max_bytes)
    models = []
    for name, raw in (("brand.yaml", brand_raw), ("claims.yaml", claims_raw)):
        try:
            doc = load_yaml(raw, name, limits)
        except InputLimitError as exc:
            raise BrandLibraryError(str(exc)) from None
        model, problems = validate_document(doc, name)
        if problems:
            more = f" (and {len(problems) - 1} more: run `liftoff library lint`)" if len(problems) > 1 else ""
            raise BrandLibraryError(problems[0].text() + more)
        models.append(model)
    brand, claims_doc = models
    assert isinstance(brand, BrandFile) and isinstance(claims_doc, ClaimsFile)
    version = hashlib.sha256(b"brand.yaml\0" + brand_raw + b"\0claims.yaml\0" + claims_raw).hexdigest()[:16]
    return library_from_models(root, brand, claims_doc, version)


def library_from_models(root: Path, brand: BrandFile, claims_doc: ClaimsFile, version: str) -> BrandLibrary:
    """Build a :class:`BrandLibrary` from validated file models."""
    rules: dict[str, Any] = brand.voice.rules.model_dump(exclude_none=True, exclude_defaults=True)
    if brand.voice.rules.allowed_acronyms:
        rules["allowed_acronyms"] = list(brand.voice.rules.allowed_acronyms)
    voice: dict[str, Any] = {"tone": list(brand.voice.tone), "avoid": list(brand.voice.avoid), "rules": rules}
    regions: dict[str, RegionRules] = {
        code: RegionRules(
            disclaimers=tuple(spec.disclaimers),
            conditional_disclaimers=tuple(
                ConditionalDisclaimer(c.topic, c.text) for c in spec.conditional_disclaimers
            ),
            channel_disclaimers={ch: tuple(v) for ch, v in spec.channel_disclaimers.items()},
            comparison_requires_target=spec.comparison_requires_target,
            banned_terms=tuple(spec.banned_terms),
            consent={ch: tuple(v) for ch, v in spec.consent.items()},
        )
        for code, spec in brand.regions.items()
    }
    claims = tuple(
        Claim(
            id=c.id,
            text=c.text,
            evidence=c.evidence.strip(),
            regions=tuple(c.regions),
            expires=c.expires,
            topics=tuple(c.topics),
            comparison_target=c.comparison_target,
        )
        for c in claims_doc.claims
    )
    return BrandLibrary(
        slug=root.name,
        name=brand.name,
        version=version,
        voice=voice,
        banned_terms=tuple(brand.banned_terms),
        competitors=tuple(brand.competitors),
        regions=regions,
        claims=claims,
        products=tuple(Product(p.id, tuple(p.terms), p.kind) for p in brand.products),
        synonyms=tuple(tuple(g) for g in brand.synonyms),
        allowed_contacts=tuple(brand.allowed_contacts),
        path=root,
    )
