"""The approved brand library: ``brand_library/<slug>/brand.yaml`` + ``claims.yaml``, parsed and validated.

The format is documented in ``brand_library/README.md``. Keys this reader does not know are ignored (other
tools may add their own). Parsed libraries are cached by (path, modification times), so repeated loads cost a
``stat`` call.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from graph.contracts import CHANNELS, REGIONS

TOPICS: tuple[str, ...] = (
    "health", "environmental", "offer", "price", "guarantee", "availability", "award", "certification",
    "comparison",
)
"""Claim topics that regional rules can hang conditional disclaimers on."""


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
        raw = "\x1f".join([
            self.id, self.text, self.evidence, ",".join(self.regions),
            self.expires.isoformat() if self.expires else "", ",".join(self.topics), self.comparison_target or "",
        ])
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

    def disclaimers(self, region: str | None, *, channel: str | None = None, text: str | None = None,
                    topics: Iterable[str] = ()) -> list[str]:
        """Return the disclaimers copy in ``region`` must carry.

        Args:
            region: Region code.
            channel: Channel, to add channel disclaimers (e.g. SMS opt-out wording).
            text: Copy; its claims decide which conditional disclaimers apply (see :mod:`guards.disclaimers`).
            topics: Topics the copy is known to claim (added to those found in ``text``).

        Returns:
            The always-required disclaimers, then channel and conditional ones, without duplicates.
        """
        rules = self.rules(region)
        out = list(rules.disclaimers)
        if channel:
            out += rules.channel_disclaimers.get(channel, ())
        wanted = set(topics)
        if text:
            from guards.disclaimers import topics_of_text

            wanted |= topics_of_text(text, self, region=region)
        out += [c.text for c in rules.conditional_disclaimers if c.topic in wanted]
        return list(dict.fromkeys(out))

    def all_banned_terms(self, region: str | None) -> list[str]:
        """Return the brand's banned terms plus the region's own."""
        return list(dict.fromkeys([*self.banned_terms, *self.rules(region).banned_terms]))


_CACHE: dict[Path, tuple[tuple[int, int], BrandLibrary]] = {}
_CACHE_LOCK = threading.Lock()


def load_library(path: Path | str) -> BrandLibrary:
    """Load and validate a brand library directory.

    Args:
        path: ``brand_library/<slug>`` (the directory holding brand.yaml and claims.yaml).

    Raises:
        BrandLibraryError: on a missing file, invalid YAML, duplicate claim ids, a bad date or a wrong type.
    """
    root = Path(path).expanduser().resolve()
    brand_file, claims_file = root / "brand.yaml", root / "claims.yaml"
    if not root.is_dir():
        raise BrandLibraryError(f"brand library directory not found: {root}")
    for f in (brand_file, claims_file):
        if not f.is_file():
            raise BrandLibraryError(f"brand library {root.name!r} lacks {f.name} (expected {f})")
    stamp = (brand_file.stat().st_mtime_ns, claims_file.stat().st_mtime_ns)
    with _CACHE_LOCK:
        hit = _CACHE.get(root)
        if hit and hit[0] == stamp:
            return hit[1]
    brand_raw, claims_raw = brand_file.read_bytes(), claims_file.read_bytes()
    library = _parse(root, brand_raw, claims_raw)
    with _CACHE_LOCK:
        _CACHE[root] = (stamp, library)
    return library


def _parse(root: Path, brand_raw: bytes, claims_raw: bytes) -> BrandLibrary:
    brand = _yaml(brand_raw, root / "brand.yaml")
    claims_doc = _yaml(claims_raw, root / "claims.yaml")
    where = "brand.yaml"
    name = _str(brand.get("name"), f"{where}: name")
    voice = brand.get("voice") or {}
    if not isinstance(voice, dict):
        raise BrandLibraryError(f"{where}: voice must be a mapping (tone, avoid, rules), got {type(voice).__name__}")
    voice = {
        "tone": _str_list(voice.get("tone"), f"{where}: voice.tone"),
        "avoid": _str_list(voice.get("avoid"), f"{where}: voice.avoid"),
        "rules": _mapping(voice.get("rules"), f"{where}: voice.rules"),
    }
    regions: dict[str, RegionRules] = {}
    for code, raw in _mapping(brand.get("regions"), f"{where}: regions").items():
        if code not in REGIONS:
            raise BrandLibraryError(f"{where}: regions has unknown region {code!r} (known: {', '.join(REGIONS)})")
        regions[code] = _region(raw, f"{where}: regions.{code}")
    products = []
    for i, p in enumerate(_list(brand.get("products"), f"{where}: products", dict)):
        kind = p.get("kind", "type")
        if kind not in ("type", "line"):
            raise BrandLibraryError(f"{where}: products[{i}].kind must be 'type' or 'line', got {kind!r}")
        products.append(Product(_str(p.get("id"), f"{where}: products[{i}].id"),
                                tuple(_str_list(p.get("terms"), f"{where}: products[{i}].terms")), kind))
    synonyms = tuple(tuple(_str_list(g, f"{where}: synonyms[{i}]")) for i, g in enumerate(_list(brand.get("synonyms"), f"{where}: synonyms")))
    claims_list = claims_doc.get("claims")
    if not isinstance(claims_list, list) or not claims_list:
        raise BrandLibraryError("claims.yaml: 'claims' must be a non-empty list")
    claims: list[Claim] = []
    seen: set[str] = set()
    for i, raw in enumerate(claims_list):
        claim = _claim(raw, f"claims.yaml: claims[{i}]")
        if claim.id in seen:
            raise BrandLibraryError(f"claims.yaml: duplicate claim id {claim.id!r}")
        seen.add(claim.id)
        claims.append(claim)
    version = hashlib.sha256(b"brand.yaml\0" + brand_raw + b"\0claims.yaml\0" + claims_raw).hexdigest()[:16]
    return BrandLibrary(
        slug=root.name, name=name, version=version, voice=voice,
        banned_terms=tuple(_str_list(brand.get("banned_terms"), f"{where}: banned_terms")),
        competitors=tuple(_str_list(brand.get("competitors"), f"{where}: competitors")),
        regions=regions, claims=tuple(claims), products=tuple(products), synonyms=synonyms,
        allowed_contacts=tuple(_str_list(brand.get("allowed_contacts"), f"{where}: allowed_contacts")), path=root,
    )


def _yaml(raw: bytes, path: Path) -> dict[str, Any]:
    try:
        doc = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise BrandLibraryError(f"{path.name}: invalid YAML: {exc}") from exc
    except ValueError as exc:  # PyYAML builds dates while parsing: 2026-13-01 fails here
        raise BrandLibraryError(f"{path.name}: bad date: {exc}") from exc
    if not isinstance(doc, dict):
        raise BrandLibraryError(f"{path.name}: top level must be a mapping, got {type(doc).__name__}")
    return doc


def _claim(raw: object, where: str) -> Claim:
    if not isinstance(raw, dict):
        raise BrandLibraryError(f"{where}: each claim must be a mapping with id and text")
    cid = _str(raw.get("id"), f"{where}.id")
    where = f"claims.yaml: claim {cid!r}"
    regions = tuple(_str_list(raw.get("regions"), f"{where}: regions"))
    for r in regions:
        if r not in REGIONS:
            raise BrandLibraryError(f"{where}: unknown region {r!r} (known: {', '.join(REGIONS)})")
    topics = tuple(_str_list(raw.get("topics"), f"{where}: topics"))
    for t in topics:
        if t not in TOPICS:
            raise BrandLibraryError(f"{where}: unknown topic {t!r} (known: {', '.join(TOPICS)})")
    evidence = raw.get("evidence")
    if evidence is not None and not isinstance(evidence, str):
        raise BrandLibraryError(f"{where}: evidence must be a string, got {type(evidence).__name__}")
    target = raw.get("comparison_target")
    if target is not None:
        target = _str(target, f"{where}: comparison_target")
    return Claim(
        id=cid, text=_str(raw.get("text"), f"{where}: text"), evidence=(evidence or "").strip(), regions=regions,
        expires=_date(raw.get("expires"), f"{where}: expires"), topics=topics, comparison_target=target,
    )


def _region(raw: object, where: str) -> RegionRules:
    raw = _mapping(raw, where)
    conditional = []
    for i, item in enumerate(_list(raw.get("conditional_disclaimers"), f"{where}.conditional_disclaimers", dict)):
        topic = _str(item.get("topic"), f"{where}.conditional_disclaimers[{i}].topic")
        if topic not in TOPICS:
            raise BrandLibraryError(f"{where}.conditional_disclaimers[{i}]: unknown topic {topic!r} (known: {', '.join(TOPICS)})")
        conditional.append(ConditionalDisclaimer(topic, _str(item.get("text"), f"{where}.conditional_disclaimers[{i}].text")))
    per_channel: dict[str, dict[str, tuple[str, ...]]] = {"channel_disclaimers": {}, "consent": {}}
    for key, table in per_channel.items():
        for channel, values in _mapping(raw.get(key), f"{where}.{key}").items():
            if channel not in CHANNELS:
                raise BrandLibraryError(f"{where}.{key}: unknown channel {channel!r} (known: {', '.join(CHANNELS)})")
            table[channel] = tuple(_str_list(values, f"{where}.{key}.{channel}"))
    flag = raw.get("comparison_requires_target", False)
    if not isinstance(flag, bool):
        raise BrandLibraryError(f"{where}.comparison_requires_target must be true or false, got {flag!r}")
    return RegionRules(
        disclaimers=tuple(_str_list(raw.get("disclaimers"), f"{where}.disclaimers")),
        conditional_disclaimers=tuple(conditional), channel_disclaimers=per_channel["channel_disclaimers"],
        comparison_requires_target=flag, banned_terms=tuple(_str_list(raw.get("banned_terms"), f"{where}.banned_terms")),
        consent=per_channel["consent"],
    )


def _str(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        got = "nothing" if value is None else type(value).__name__
        raise BrandLibraryError(f"{where} must be a non-empty string, got {got}")
    return value.strip()


def _mapping(value: object, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BrandLibraryError(f"{where} must be a mapping, got {type(value).__name__}")
    return value


def _list(value: object, where: str, item_type: type = object) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BrandLibraryError(f"{where} must be a list, got {type(value).__name__}")
    for i, item in enumerate(value):
        if not isinstance(item, item_type):
            raise BrandLibraryError(f"{where}[{i}] must be a {item_type.__name__}, got {type(item).__name__}")
    return value


def _str_list(value: object, where: str) -> list[str]:
    items = _list(value, where)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise BrandLibraryError(f"{where}[{i}] must be a non-empty string, got {item!r}")
    return [s.strip() for s in items]


def _date(value: object, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise BrandLibraryError(f"{where} must be a date YYYY-MM-DD, got {value!r}")
