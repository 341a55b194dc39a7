"""Required regional disclaimers: always-required, per channel, and conditional on what the copy claims."""

from __future__ import annotations

from collections.abc import Iterable

from graph.contracts import Finding, ValidatorResult
from guards.candidates import prepare
from guards.facts import analyse
from guards.lexicon.claim_terms import CLAIM_CATEGORIES_FOR_TOPICS
from guards.library import BrandLibrary
from guards.sentences import split_sentences
from guards.textnorm import CLAIM_SYMBOLS, fold_text

VALIDATOR = "liftoff/disclaimers"


def required_disclaimers(
    library: BrandLibrary,
    region: str | None,
    *,
    channel: str | None = None,
    text: str | None = None,
    topics: Iterable[str] = (),
) -> list[str]:
    """The disclaimers copy in ``region`` must carry: the library's always-required and channel ones, and the
    conditional ones of ``topics`` plus the topics ``text`` claims (see :func:`topics_of_text`)."""
    wanted = set(topics) | (topics_of_text(text, library, region=region) if text else set())
    return library.disclaimers(region, channel=channel, topics=wanted)


def topics_of_text(
    text: str, library: BrandLibrary, *, region: str | None = None, claim_ids: Iterable[str] = ()
) -> set[str]:
    """Return the claim topics (health, offer, environmental, ...) the copy touches.

    Args:
        text: Copy.
        library: Brand library (its vocabulary decides what is a claim).
        region: Region (its disclaimers are not themselves counted as claims).
        claim_ids: Approved claims the copy restates; their declared topics count too.
    """
    vocab = prepare(library).vocab
    own = {_norm(d) for d in _all_disclaimers(library, region)}
    topics: set[str] = set()
    text = strip_disclaimers(text, _all_disclaimers(library, region))
    for sentence in split_sentences(text):
        if _norm(sentence) in own:
            continue
        facts = analyse(sentence, vocab)
        if facts.is_claim:
            topics |= {
                CLAIM_CATEGORIES_FOR_TOPICS[c] for c in facts.categories if c in CLAIM_CATEGORIES_FOR_TOPICS
            }
    for cid in claim_ids:
        try:
            topics |= set(library.claim(cid).topics)
        except KeyError:
            continue
    return topics


def check_disclaimers(
    text: str,
    library: BrandLibrary,
    *,
    region: str | None,
    channel: str | None = None,
    claim_ids: Iterable[str] = (),
) -> ValidatorResult:
    """Check that the copy carries every disclaimer its region, channel and claims require.

    Args:
        text: The asset's full text.
        library: Brand library.
        region: Region of the asset.
        channel: Channel of the asset.
        claim_ids: Approved claims the copy restates (from the claims check).
    """
    rules = library.rules(region)
    topics = topics_of_text(text, library, region=region, claim_ids=claim_ids)
    required: list[tuple[str, str]] = [(d, f"{region}: every asset carries '{d}'") for d in rules.disclaimers]
    if channel:
        required += [
            (d, f"{region} {channel}: every message carries '{d}'")
            for d in rules.channel_disclaimers.get(channel, ())
        ]
    required += [
        (c.text, f"{region}: copy making a {c.topic} claim carries '{c.text}'")
        for c in rules.conditional_disclaimers
        if c.topic in topics
    ]
    have = _norm(text)
    findings = [
        Finding(
            text=d,
            verdict="missing",
            reason=f"required disclaimer missing: '{d}'",
            evidence=[rule],
            suggested_fix=d,
        )
        for d, rule in dict(required).items()
        if _norm(d) not in have
    ]
    return ValidatorResult(
        validator=VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=bool(findings),
    )


def strip_disclaimers(text: str, disclaimers: Iterable[str]) -> str:
    """``text`` without each disclaimer found in it word for word (whitespace aside), longest first."""
    text = " ".join(text.split())
    for line in sorted({" ".join(d.split()) for d in disclaimers if d.strip()}, key=len, reverse=True):
        text = text.replace(line, " ")
    return " ".join(text.split())


def region_disclaimers(library: BrandLibrary, region: str | None) -> list[str]:
    """Every disclaimer the region's rules hold (always, per channel and conditional), without duplicates."""
    return list(dict.fromkeys(_all_disclaimers(library, region)))


def disclaimer_spans(body: str, library: BrandLibrary, region: str | None) -> list[str]:
    """The region's disclaimers that ``body`` carries word for word: the spans the claims check skips."""
    flat = " ".join(body.split())
    return [d for d in region_disclaimers(library, region) if " ".join(d.split()) in flat]


def _all_disclaimers(library: BrandLibrary, region: str | None) -> list[str]:
    rules = library.rules(region)
    out = [*rules.disclaimers, *(c.text for c in rules.conditional_disclaimers)]
    for texts in rules.channel_disclaimers.values():
        out += texts
    return out


def _norm(text: str) -> str:
    return fold_text(text, keep=CLAIM_SYMBOLS)
