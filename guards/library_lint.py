"""``liftoff library lint``: every problem of a brand library, located by file, key path and line.

Errors (the library does not load, or the claims check cannot work): structure (YAML, limits, types, unknown
regions, topics or channels, duplicate ids; from :mod:`guards.library_format`), and the same product term on two
products of one kind.

Warnings (it loads, but campaigns will suffer): a disclaimer of several sentences or with figures (inserted
verbatim in every asset), a region's disclaimers too long for a channel's body (per region and channel), a claim without evidence, a claim approved where the brand has no regional rules, a product term inside another product's term, a comparison
without a target, a promotional offer without an expiry (or whose wording names another end date), a claim
that has already expired, two claims that say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from guards.channel_limits import CHANNEL_LIMITS
from guards.disclaimer_fit import conflicts
from guards.facts import analyse
from guards.library import library_from_models
from guards.library_format import (
    BrandFile,
    ClaimsFile,
    Problem,
    RegionSpec,
    loc_text,
    validate_document,
)
from guards.safe_yaml import (
    DEFAULT_MAX_BYTES,
    InputLimitError,
    Limits,
    YamlDoc,
    excerpt,
    load_yaml,
    read_bounded,
)
from guards.sentences import normalize_word, split_sentences, stem
from guards.textnorm import CLAIM_SYMBOLS, fold_text
from guards.vocabulary import build_vocabulary

FILES = ("brand.yaml", "claims.yaml")

_POSSESSION = frozenset(
    {
        "has",
        "have",
        "hav",
        "contain",
        "contains",
        "include",
        "includes",
        "feature",
        "features",
        "come",
        "comes",
    }
)
"""Stems of verbs that attach a property to a product ('has', 'contains', 'includes', 'features')."""

_PROMO = re.compile(
    r"\b(?:sale|promo(?:tion)?|discount|coupon|voucher|deal|bonus|cashback|free gift|limited[- ]time)\b"
    r"|\b(?:special|limited|launch|holiday|welcome|introductory|seasonal|exclusive|intro|spring|summer|autumn|fall|"
    r"winter|black friday|new customer|first[- ]order)\s+offers?\b|\boffers?\s*(?::|ends|valid|expires)"
    r"|\d\s*%\s*off\b|\boff (?:all|every|your|the)\b",
    re.I,
)
"""Wording of a time-limited promotion ('offer' alone is also a verb: 'seats offer 36 inches')."""
_BOUND = re.compile(
    r"\b(?:fewer|less|more|greater|lower|higher|under|over)\s+than\s+(?:about\s+)?[$£€¥]?\d", re.I
)
"""A numeric bound phrased with 'than' ('fewer than 650 calories'): a limit, not a comparison."""
_UNTIL = re.compile(
    r"\b(?:until|till|through|thru|ends?|ending|expires?|valid to|before)\s+"
    r"(?:the\s+)?(\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+"
    r"\d{4}|\d{4}-\d{2}-\d{2})"
)
_NUMBER = re.compile(r"\d")
_FIGURE = re.compile(r"(?<![\w/-])\d[\d,.]*")
_CODE_BEFORE = re.compile(r"(?:\b[A-Z]{2,}[/ -]?)+$")
_WORD = re.compile(r"[a-z0-9]+(?:[.,]\d+)*%?|[$£€¥]\d[\d,.]*")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "our",
        "your",
        "you",
        "we",
        "us",
        "is",
        "are",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "as",
        "into",
        "over",
        "per",
        "each",
        "can",
        "will",
    ]
)
"""Words that carry no claim ('each charger' = 'chargers'). 'up', 'every', 'all', 'any' are not here: they qualify a claim."""


@dataclass(frozen=True)
class LintReport:
    """Every problem found in one library."""

    path: Path
    problems: tuple[Problem, ...] = ()
    claims: int = 0
    loaded: bool = False

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop the library from loading or break campaigns."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems a campaign survives but a reviewer should fix."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def to_json(self) -> dict[str, object]:
        """The report as JSON-ready data (``liftoff library lint --json``)."""
        return {
            "path": str(self.path),
            "ok": self.ok,
            "loaded": self.loaded,
            "claims": self.claims,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [
                {
                    "severity": p.severity,
                    "rule": p.rule,
                    "file": p.file,
                    "key": p.key,
                    "line": p.line,
                    "message": p.message,
                }
                for p in self.problems
            ],
        }


@dataclass
class _Ctx:
    brand: BrandFile
    claims: ClaimsFile
    docs: dict[str, YamlDoc]
    today: date
    out: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str,
        loc: tuple[str | int, ...],
        message: str,
        rule: str,
        severity: Literal["error", "warning"] = "warning",
    ) -> None:
        self.out.append(Problem(file, loc_text(loc), self.docs[file].line_of(loc), message, severity, rule))


def lint_library(
    path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, today: date | None = None
) -> LintReport:
    """Lint a library directory (nothing is written; nothing is indexed)."""
    root = Path(path).expanduser()
    if not root.is_dir():
        return LintReport(root, (Problem("", "", None, f"brand library directory not found: {root}"),))
    return lint_sources(root, {name: root / name for name in FILES}, max_bytes=max_bytes, today=today)


def lint_sources(
    root: Path,
    sources: dict[str, Path | bytes],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: date | None = None,
) -> LintReport:
    """Lint the two files given as paths or bytes (the app lints uploads before writing them)."""
    problems: list[Problem] = []
    docs: dict[str, YamlDoc] = {}
    models: dict[str, BaseModel] = {}
    for name in FILES:
        src = sources.get(name)
        try:
            if src is None or (isinstance(src, Path) and not src.is_file()):
                raise InputLimitError(f"{name}: missing (a library needs brand.yaml and claims.yaml)")
            raw = read_bounded(src, max_bytes, label=name) if isinstance(src, Path) else src
            docs[name] = load_yaml(raw, name, Limits(max_bytes=max_bytes))
        except InputLimitError as exc:
            problems.append(_yaml_problem(name, str(exc)))
            continue
        model, found = validate_document(docs[name], name)
        problems += found
        if model is not None:
            models[name] = model
    brand, claims = models.get("brand.yaml"), models.get("claims.yaml")
    if isinstance(claims, ClaimsFile):
        count = len(claims.claims)
    else:
        data = docs.get("claims.yaml")
        raw_claims = data.data.get("claims") if data is not None and isinstance(data.data, dict) else None
        count = len(raw_claims) if isinstance(raw_claims, list) else 0
    if not isinstance(brand, BrandFile) or not isinstance(claims, ClaimsFile):
        return LintReport(root, tuple(problems), count, False)
    ctx = _Ctx(brand, claims, docs, today or date.today())
    _disclaimers(ctx)
    _disclaimer_fit(ctx)
    _evidence(ctx)
    _regions(ctx)
    _products(ctx)
    _comparisons(ctx, root)
    _offers(ctx)
    _duplicates(ctx)
    problems += ctx.out
    return LintReport(root, tuple(problems), count, not any(p.severity == "error" for p in problems))


def _yaml_problem(name: str, message: str) -> Problem:
    m = re.search(r"at line (\d+)", message)
    return Problem(
        name, "", int(m.group(1)) if m else None, message.removeprefix(f"{name}: "), "error", "yaml"
    )


# ------------------------------------------------------------------------------------------------ rules
def _disclaimers(ctx: _Ctx) -> None:
    for code, spec in ctx.brand.regions.items():
        found: list[tuple[tuple[str | int, ...], str]] = [
            (("regions", code, "disclaimers", i), t) for i, t in enumerate(spec.disclaimers)
        ]
        found += [
            (("regions", code, "conditional_disclaimers", i, "text"), c.text)
            for i, c in enumerate(spec.conditional_disclaimers)
        ]
        found += [
            (("regions", code, "channel_disclaimers", ch, i), t)
            for ch, texts in spec.channel_disclaimers.items()
            for i, t in enumerate(texts)
        ]
        for loc, text in found:
            parts = split_sentences(text)
            issues = []
            if len(parts) > 1:
                issues.append(f"{len(parts)} sentences")
            if figures(text):
                issues.append("figures")
            if issues:
                ctx.add(
                    "brand.yaml",
                    loc,
                    f"disclaimer has {' and '.join(issues)}: it is inserted verbatim in every "
                    "asset it applies to; keep it to one short sentence, and make sure every figure in it is one "
                    "you stand behind",
                    "disclaimer",
                )


def _disclaimer_fit(ctx: _Ctx) -> None:
    """A region's disclaimers that cannot fit a channel's body (they are never shortened): every ad there would
    be the disclaimer alone, or too long to publish."""
    regions: dict[str, RegionSpec] = {str(k): v for k, v in ctx.brand.regions.items()}

    def lines(code: str, channel: str) -> list[str]:
        spec = regions[code]
        own = {str(k): list(v) for k, v in spec.channel_disclaimers.items()}
        return [*spec.disclaimers, *own.get(channel, [])]

    for found in conflicts(lines, list(regions), list(CHANNEL_LIMITS)):
        it = "it" if len(found.disclaimers) == 1 else "them"
        loc: tuple[str | int, ...] = ("regions", found.region, "disclaimers")
        if not regions[found.region].disclaimers:
            loc = ("regions", found.region, "channel_disclaimers", found.channel)
        ctx.add(
            "brand.yaml",
            loc,
            f"{found.describe()}: {found.channel} assets in {found.region} cannot say anything besides "
            f"{it} (disclaimers are inserted verbatim, never cut); shorten {it}, or do not plan {found.channel} "
            f"for {found.region}",
            "disclaimer-fit",
        )


def figures(text: str) -> list[str]:
    """Numbers that state a figure (not parts of codes such as 'ISO 811', 'NSF/ANSI 53' or 'GRS-2026-1187')."""
    out = []
    for m in _FIGURE.finditer(text):
        after = text[m.end() : m.end() + 1]
        if after.isalpha() and after.isupper():
            continue  # '4K', '2B': part of a code
        measured = after == "%" or "." in m.group(0).strip(".,")
        if not measured and _CODE_BEFORE.search(text[: m.start()]):
            continue
        out.append(m.group(0).rstrip(".,"))
    return out


def _evidence(ctx: _Ctx) -> None:
    for i, claim in enumerate(ctx.claims.claims):
        if not claim.evidence.strip():
            ctx.add(
                "claims.yaml",
                ("claims", i, "evidence"),
                f"claim {excerpt(claim.id)} has no evidence: reviewers "
                "see nothing that backs it (name the report, certificate or policy)",
                "evidence",
            )


def _regions(ctx: _Ctx) -> None:
    ruled = set(ctx.brand.regions)
    if not ruled:
        ctx.add(
            "brand.yaml",
            (),
            "no `regions:` rules: no disclaimer (legal line, SMS opt-out) is added in any region",
            "regions",
        )
        return
    for i, claim in enumerate(ctx.claims.claims):
        missing = [r for r in claim.regions if r not in ruled]
        if missing:
            ctx.add(
                "claims.yaml",
                ("claims", i, "regions"),
                f"claim {excerpt(claim.id)} is approved in "
                f"{', '.join(missing)}, where brand.yaml has no rules (no disclaimers would be added there)",
                "regions",
            )


def _norm_term(term: str) -> str:
    return fold_text(term, keep=CLAIM_SYMBOLS)


def _products(ctx: _Ctx) -> None:
    owners: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for i, product in enumerate(ctx.brand.products):
        for j, term in enumerate(product.terms):
            owners.setdefault((product.kind, _norm_term(term)), []).append((i, j, product.id))
    for (kind, term), where in owners.items():
        ids = sorted({pid for _, _, pid in where})
        if len(ids) > 1:
            i, j, _ = where[-1]
            ctx.add(
                "brand.yaml",
                ("products", i, "terms", j),
                f"product term {excerpt(term)} names {len(ids)} "
                f"products of kind {kind} ({', '.join(ids)}): the claims check cannot tell which one copy "
                "means",
                "product-terms",
                "error",
            )
    terms = [(k, t, w) for (k, t), w in owners.items()]
    for kind, small, where_small in terms:
        for kind2, big, where_big in terms:
            if (
                kind != kind2
                or small == big
                or not re.search(rf"(?<![a-z0-9]){re.escape(small)}(?![a-z0-9])", big)
            ):
                continue
            small_ids = {pid for _, _, pid in where_small}
            big_ids = {pid for _, _, pid in where_big}
            if small_ids & big_ids:
                continue
            i, j, big_id = where_big[0]
            ctx.add(
                "brand.yaml",
                ("products", i, "terms", j),
                f"product term {excerpt(big)} of {big_id} contains "
                f"{excerpt(small)}, a term of {', '.join(sorted(small_ids))}: copy naming {big_id} also reads "
                f"as naming {', '.join(sorted(small_ids))}",
                "product-terms",
            )


def _comparisons(ctx: _Ctx, root: Path) -> None:
    library = library_from_models(root, ctx.brand, ctx.claims, "lint")
    vocab = build_vocabulary(library)
    strict = sorted(code for code, spec in ctx.brand.regions.items() if spec.comparison_requires_target)
    for i, claim in enumerate(ctx.claims.claims):
        facts = analyse(claim.text, vocab, comparison_target=claim.comparison_target, approved=True)
        comparison = facts.comparison
        declared = "comparison" in claim.topics
        if comparison is not None and not declared and _BOUND.search(claim.text) and not comparison.target:
            rest = _BOUND.sub(" ", claim.text)
            if analyse(rest, vocab, approved=True).comparison is None:
                continue
        if (comparison is None and not declared) or (comparison is not None and comparison.target):
            continue
        where = [r for r in strict if not claim.regions or r in claim.regions]
        what = f"claim {excerpt(claim.id)} compares" + (
            f" ({excerpt(comparison.word)})" if comparison else ""
        )
        strict_note = (
            f"; {', '.join(where)} require a target on comparisons, so reworded copy may be blocked there"
            if where
            else ""
        )
        ctx.add(
            "claims.yaml",
            ("claims", i, "text"),
            f"{what} without a target: say with what (`comparison_target:` or 'than ...'){strict_note}",
            "comparison",
        )


def _offers(ctx: _Ctx) -> None:
    for i, claim in enumerate(ctx.claims.claims):
        if claim.expires is not None and claim.expires < ctx.today:
            ctx.add(
                "claims.yaml",
                ("claims", i, "expires"),
                f"claim {excerpt(claim.id)} expired on "
                f"{claim.expires.isoformat()}: it is never used (remove it or renew it)",
                "expired",
            )
        promo = bool(_PROMO.search(claim.text))
        named_end = None
        m = _UNTIL.search(claim.text)
        if m:
            named_end = _parse_day(m.group(1))
        if claim.expires is None and (promo or named_end):
            ctx.add(
                "claims.yaml",
                ("claims", i),
                f"offer {excerpt(claim.id)} has no `expires:` date"
                + (f" although its wording ends on {named_end.isoformat()}" if named_end else "")
                + ": copy would keep promising it after it ends",
                "offer-expiry",
            )
        elif claim.expires is not None and named_end is not None and named_end != claim.expires:
            ctx.add(
                "claims.yaml",
                ("claims", i, "expires"),
                f"offer {excerpt(claim.id)} expires on "
                f"{claim.expires.isoformat()} but its wording says {named_end.isoformat()}",
                "offer-expiry",
            )


def _parse_day(text: str) -> date | None:
    clean = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text).replace(",", " ")
    clean = " ".join(clean.split())
    for fmt in ("%d %B %Y", "%B %d %Y", "%Y-%m-%d", "%d %b %Y", "%b %d %Y"):
        try:
            return datetime.strptime(clean, fmt).date()
        except ValueError:
            continue
    return None


def _stems(text: str) -> list[tuple[str, str]]:
    """(lower-case word, stem) of every word; numbers kept as written."""
    return [
        (w, w if any(ch.isdigit() for ch in w) else stem(normalize_word(w)))
        for w in _WORD.findall(text.casefold())
    ]


def content_tokens(text: str, synonyms: Iterable[Iterable[str]] = ()) -> frozenset[str]:
    """What a claim says, as a set: stems of its content words, with the brand's synonym groups and the built-in
    possession verbs (has, contains, includes, ...) folded to one token each, and stop words dropped. Qualifiers
    ('up to', 'or less', 'every') are content: they change what is claimed."""
    words = _stems(text)
    stems = ["has" if s in _POSSESSION else s for _, s in words]
    keep = [w not in _STOP for w, _ in words]
    for group in synonyms:
        seqs = sorted((tuple(s for _, s in _stems(m)) for m in group), key=len, reverse=True)
        seqs = [q for q in seqs if q]
        if not seqs:
            continue
        head = "syn:" + " ".join(seqs[-1])
        i = 0
        while i < len(stems):
            for q in seqs:
                if tuple(stems[i : i + len(q)]) == q:
                    stems[i : i + len(q)] = [head]
                    keep[i : i + len(q)] = [True]
                    break
            i += 1
    return frozenset(s for s, k in zip(stems, keep, strict=True) if k)


def duplicate_pairs(texts: list[str], synonyms: Iterable[Iterable[str]] = ()) -> list[tuple[int, int, float]]:
    """Pairs of texts that say the same thing: the same content tokens (:func:`content_tokens`), neither saying
    anything the other does not. Returns ``(i, j, 1.0)`` for each pair."""
    groups = [tuple(g) for g in synonyms]
    tokens = [content_tokens(t, groups) for t in texts]
    out = []
    for a in range(len(texts)):
        for b in range(a + 1, len(texts)):
            if tokens[a] and tokens[a] == tokens[b]:
                out.append((a, b, 1.0))
    return out


def _duplicates(ctx: _Ctx) -> None:
    claims = ctx.claims.claims
    for a, b, _ in duplicate_pairs([c.text for c in claims], ctx.brand.synonyms):
        ca, cb = claims[a], claims[b]
        if ca.regions and cb.regions and not set(ca.regions) & set(cb.regions):
            continue  # same wording approved for different regions is deliberate
        ctx.add(
            "claims.yaml",
            ("claims", b, "text"),
            f"claim {excerpt(cb.id)} says the same as {excerpt(ca.id)}: keep one wording, or merge their regions "
            "and evidence",
            "duplicate",
        )
