"""Banned terms and competitor mentions.

Exact matching is ours (word boundaries, plurals, hyphen/space variants: 'chemical-free' = 'chemical free').
Near-misses that dodge an exact match ('chemicalfree', 'miracel') are found by the Guardrails hub validator
``guardrails/ban_list`` (package ``guardrails-ai-ban-list``: fuzzy search, no model, no network), used for
terms of 7+ characters where one edit cannot turn an ordinary word into the term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from graph.contracts import Finding, ValidatorResult
from guards.sentences import split_sentences
from guards.telemetry import disable_guardrails_telemetry

BANNED_VALIDATOR = "liftoff/banned_terms"
COMPETITOR_VALIDATOR = "liftoff/competitors"
FUZZY_MIN_LENGTH = 7
"""Shortest term (without spaces) the fuzzy pass looks for."""


@dataclass(frozen=True)
class Hit:
    """One occurrence of a listed term."""

    term: str
    found: str
    start: int
    how: str = "exact"


@lru_cache(maxsize=1024)
def _pattern(term: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", term.strip()) if p]
    body = r"[\s\-]*".join(parts)
    return re.compile(rf"(?<![\w]){body}(?:'s|’s|s|es)?(?![\w])", re.IGNORECASE)


def find_terms(text: str, terms: Iterable[str]) -> list[Hit]:
    """Find listed terms as whole words (plural, possessive and hyphen/space variants included)."""
    hits: list[Hit] = []
    for term in terms:
        for m in _pattern(term).finditer(text):
            hits.append(Hit(term, m.group(0), m.start()))
    return sorted(hits, key=lambda h: h.start)


def fuzzy_hits(text: str, terms: Iterable[str]) -> list[Hit]:
    """Near-misses of long terms via the Guardrails hub BanList validator (max one edit)."""
    long_terms = [t for t in terms if len(t.replace(" ", "")) >= FUZZY_MIN_LENGTH]
    if not long_terms or not text.strip():
        return []

    disable_guardrails_telemetry()
    from guardrails_ai.ban_list import BanList  # lazy: start-up (guardrails_ai)

    out: list[Hit] = []
    for offset, sentence in _sentence_spans(text):  # a near-miss never spans two sentences
        for term in long_terms:
            result = BanList(banned_words=[term], max_l_dist=1).validate(sentence, {})
            if result.outcome == "fail":
                for span in result.error_spans or []:
                    found = sentence[max(0, span.start - 1) : span.end].strip()
                    out.append(Hit(term, found, offset + span.start, "fuzzy"))
    return out


def _sentence_spans(text: str) -> list[tuple[int, str]]:
    """Each sentence of ``text`` with its start offset (so a match across a full stop is impossible)."""
    out: list[tuple[int, str]] = []
    cursor = 0
    for sentence in split_sentences(text):
        at = text.find(sentence, cursor)
        at = cursor if at < 0 else at
        out.append((at, sentence))
        cursor = at + len(sentence)
    return out


def check_banned(text: str, terms: Iterable[str], *, region: str | None = None) -> ValidatorResult:
    """Fail when the copy uses a banned term (exactly or as a near-miss).

    Args:
        text: Copy.
        terms: Banned terms (brand + region).
        region: Region, for the evidence text.
    """
    terms = list(terms)
    exact = find_terms(text, terms)
    found_terms = {h.term.lower() for h in exact}
    fuzzy = [h for h in fuzzy_hits(text, terms) if h.term.lower() not in found_terms]
    findings = [
        Finding(
            text=h.found,
            verdict="banned",
            reason=f"uses banned term '{h.term}'" + (" (near-miss spelling)" if h.how == "fuzzy" else ""),
            evidence=[f"brand banned terms{f' ({region})' if region else ''}: {', '.join(terms)}"],
            suggested_fix=None,
        )
        for h in [*exact, *fuzzy]
    ]
    return ValidatorResult(
        validator=BANNED_VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=bool(findings),
    )


def check_competitors(text: str, competitors: Iterable[str]) -> ValidatorResult:
    """Fail when the copy names a competitor."""
    competitors = list(competitors)
    findings = [
        Finding(
            text=h.found,
            verdict="competitor",
            reason=f"names competitor '{h.term}'",
            evidence=[f"competitors the copy must not name: {', '.join(competitors)}"],
        )
        for h in find_terms(text, competitors)
    ]
    return ValidatorResult(
        validator=COMPETITOR_VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=bool(findings),
    )
