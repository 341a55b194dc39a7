"""Per-library prepared data for the claims check: the vocabulary, each claim's facts and a lexical index.

The lexical index scores claims by the inverse-document-frequency weight of shared concepts and numbers, so
candidate retrieval works offline without embeddings and stays fast for large libraries (only claims sharing a
concept are scored).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from guards.facts import Facts, analyse
from guards.library import BrandLibrary, Claim
from guards.vocabulary import Vocabulary, build_vocabulary, is_filler


@dataclass
class PreparedLibrary:
    """The library compiled for checking."""

    library: BrandLibrary
    vocab: Vocabulary
    facts: dict[str, Facts] = field(default_factory=dict)
    postings: dict[str, dict[str, float]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)

    def candidates(self, facts: Facts, k: int = 6) -> list[Claim]:
        """Return up to ``k`` claims (approved or not) sharing the most weighted concepts with ``facts``."""
        scores: dict[str, float] = {}
        for key in search_keys(facts, self.vocab):
            weight = self.idf.get(key)
            if weight is None:
                continue
            for claim_id, tf in self.postings[key].items():
                scores[claim_id] = scores.get(claim_id, 0.0) + weight * tf
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [self.library.claim(cid) for cid, _ in ranked]


def search_keys(facts: Facts, vocab: Vocabulary) -> set[str]:
    """Concepts and numbers a sentence is searched by (brand words and filler left out)."""
    keys: set[str] = set()
    for item in facts.concepts:
        if item.concept in vocab.brand or is_filler(item.norm, item.stem):
            continue
        keys.update(item.concept.split("|"))
    keys |= {f"num:{q.value:g}" for q in facts.quantities}
    keys |= facts.products | facts.lines
    if facts.comparison and facts.comparison.target:
        keys |= facts.comparison.target
    return keys


def restates_a_claim(facts: Facts, prepared: PreparedLibrary) -> bool:
    """True when a sentence with no claim word still says what an approved claim says (most of its content, or
    anything negative about a product): 'EDR Pro rolls back ransomware changes on Windows endpoints' is a claim.
    """
    if facts.negated and (facts.products or facts.lines):
        return True
    mine = _content_keys(facts, prepared.vocab)
    if len(mine) < 2:
        return False
    for claim in prepared.candidates(facts, k=3):
        theirs = _content_keys(prepared.facts[claim.id], prepared.vocab)
        shared = mine & theirs
        if len(shared) >= 2 and len(shared) >= 0.5 * len(theirs):
            return True
    return False


def _content_keys(facts: Facts, vocab: Vocabulary) -> set[str]:
    """Content concepts (no numbers, no product names: naming a product claims nothing by itself)."""
    return {
        part
        for c in facts.content(vocab)
        for part in c.concept.split("|")
        if not part.startswith(("num:", "product:"))
    }


def prepare(library: BrandLibrary) -> PreparedLibrary:
    """Compile a library for checking (cached on the library object, so once per library version)."""
    cached = library._cache.get("prepared")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    vocab = build_vocabulary(library)
    prepared = PreparedLibrary(library, vocab)
    for claim in library.claims:
        facts = analyse(claim.text, vocab, comparison_target=claim.comparison_target, approved=True)
        prepared.facts[claim.id] = facts
        for key in search_keys(facts, vocab):
            prepared.postings.setdefault(key, {})[claim.id] = 1.0
    n = len(library.claims)
    prepared.idf = {key: math.log(1 + n / len(posting)) for key, posting in prepared.postings.items()}
    library._cache["prepared"] = prepared
    return prepared
