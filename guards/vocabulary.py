"""The claims vocabulary of one brand library: general lexicon + the library's products and synonyms.

A *concept* is what a word or phrase means for the claims check: words of one synonym group share a concept,
product terms map to ``product:<id>``, the brand name maps to ``brand``, any other word is its own stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guards.lexicon.claim_terms import CLAIM_TERMS, HARD_NOVEL_CATEGORIES, SOFT_CLAIM_WORDS
from guards.lexicon.plain_words import FILLER, STOPWORDS
from guards.lexicon.word_variants import GENERAL_SYNONYMS
from guards.library import BrandLibrary
from guards.places import LEVEL_COUNTRY, LEVEL_REGION, LEVEL_WIDE, WIDE_PLACES, countries
from guards.sentences import normalize_word, stem

REGION_WORDS: dict[str, tuple[str, ...]] = {
    "US": ("usa", "united states", "america", "american", "nationwide"),
    "UK": ("uk", "united kingdom", "britain", "great britain", "british"),
    "EU": ("eu", "europe", "european", "european union"),
    "CA": ("canada", "canadian"),
    "APAC": (
        "apac",
        "asia",
        "asia-pacific",
        "asia pacific",
    ),  # its countries are places of their own (guards/places.py)
}
"""Words that name a region; a claim sentence may name the region it is checked for."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[-/][A-Za-z][A-Za-z'’]*)*|\d+(?:\.\d+)?|[%#$£€]")


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """Stems of the words of a phrase, in order (used as phrase-table keys)."""
    return tuple(stem(normalize_word(w)) for w in _WORD.findall(phrase))


@dataclass
class Vocabulary:
    """Compiled vocabulary: phrase table, categories, brand words, products.

    Attributes:
        phrases: Stem sequence -> concept (longest match wins).
        max_phrase: Longest phrase length in words.
        categories: Concept or stem -> claim categories.
        brand: Concepts that name the brand itself.
        product_kind: Product concept -> 'type' or 'line'.
        region_of: Concept -> region code it names.
    """

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    max_phrase: int = 1
    longest_from: dict[str, int] = field(default_factory=dict)
    """First stem of a phrase -> the longest phrase starting with it (phrase lookups try only those lengths)."""
    categories: dict[str, frozenset[str]] = field(default_factory=dict)
    brand: frozenset[str] = frozenset()
    product_kind: dict[str, str] = field(default_factory=dict)
    region_of: dict[str, str] = field(default_factory=dict)
    product_numbers: dict[str, frozenset[str]] = field(default_factory=dict)
    """Product concept -> numbers that are part of its names ('Ridgeline 3'): not quantities."""
    places: dict[str, tuple[frozenset[str], int]] = field(default_factory=dict)
    """Place concept -> (regions it spans, level: 1 country, 2 region, 3 wider area)."""
    competitors: dict[str, str] = field(default_factory=dict)
    """Competitor concept -> the competitor's name."""

    def add_phrase(self, phrase: str, concept: str, *, overwrite: bool = True) -> None:
        """Map a phrase (any words) to a concept."""
        key = phrase_stems(phrase)
        if not key:
            return
        if overwrite or key not in self.phrases:
            self.phrases[key] = concept
        self.max_phrase = max(self.max_phrase, len(key))
        self.longest_from[key[0]] = max(self.longest_from.get(key[0], 1), len(key))

    def categories_of(self, concept: str, stem_: str | None = None) -> frozenset[str]:
        """Claim categories of a concept (or of the stem it came from); hyphen parts count too."""
        cats = self.categories.get(concept) or (self.categories.get(stem_) if stem_ else None)
        if cats:
            return cats
        key = stem_ or concept
        if "-" in key:
            out: set[str] = set()
            for part in key.split("-"):
                out |= self.categories.get(part, frozenset())
                if _is_superlative_form(part):
                    out.add("superlative")
            return frozenset(out)
        if _is_superlative_form(key):
            return _SUPERLATIVE
        return frozenset()

    def is_hard(self, concept: str, stem_: str | None = None, norm: str | None = None) -> bool:
        """True when adding this word to an approved claim always changes what is claimed."""
        if norm in SOFT_CLAIM_WORDS:
            return False
        return bool(self.categories_of(concept, stem_) & set(HARD_NOVEL_CATEGORIES))


def build_vocabulary(library: BrandLibrary | None) -> Vocabulary:
    """Compile the vocabulary of a library (or the general one for None); cached on the library."""
    if library is not None and "vocabulary" in library._cache:
        return library._cache["vocabulary"]  # type: ignore[no-any-return]
    vocab = Vocabulary()
    cats: dict[str, set[str]] = {}
    for category, terms in CLAIM_TERMS.items():
        for term in terms:
            key = phrase_stems(term)
            if not key:
                continue
            concept = "-".join(key) if len(key) > 1 else key[0]
            if len(key) > 1:
                vocab.add_phrase(term, concept, overwrite=False)
            cats.setdefault(concept, set()).add(category)
    for name, code in countries().items():
        concept = "place:" + "-".join(phrase_stems(name))
        vocab.add_phrase(name, concept)
        vocab.places[concept] = (frozenset({code}), LEVEL_COUNTRY)
    for name, codes in WIDE_PLACES.items():
        concept = "place:" + "-".join(phrase_stems(name))
        vocab.add_phrase(name, concept)
        vocab.places[concept] = (frozenset(codes), LEVEL_WIDE)
    for code, words in REGION_WORDS.items():
        concept = f"region:{code}"
        for w in words:
            vocab.add_phrase(w, concept)
        vocab.region_of[concept] = code
        vocab.places[concept] = (frozenset({code}), LEVEL_REGION if code != "APAC" else LEVEL_WIDE)
    if library is not None:
        for product in library.products:
            concept = f"product:{product.id}"
            vocab.product_kind[concept] = product.kind
            numbers = {n for term in product.terms for n in re.findall(r"\b\d+(?:\.\d+)?\b", term)}
            if numbers:
                vocab.product_numbers[concept] = frozenset(numbers)
            for term in product.terms:
                key = phrase_stems(term)
                old = vocab.phrases.get(key)
                vocab.add_phrase(term, f"{old}|{concept}" if old and old.startswith("product:") else concept)
        for group in library.synonyms:
            _add_group(vocab, cats, group)
        for name in library.competitors:
            concept = "competitor:" + "-".join(phrase_stems(name))
            vocab.add_phrase(name, concept)
            vocab.competitors[concept] = name
        vocab.add_phrase(library.name, "brand")
        vocab.brand = frozenset({"brand", *phrase_stems(library.name)})
    for group in GENERAL_SYNONYMS:
        _add_group(vocab, cats, group, overwrite=False)
    vocab.categories = {k: frozenset(v) for k, v in cats.items()}
    if library is not None:
        library._cache["vocabulary"] = vocab
    return vocab


def _add_group(
    vocab: Vocabulary, cats: dict[str, set[str]], group: tuple[str, ...], *, overwrite: bool = True
) -> None:
    """Give every member of a synonym group one concept (a product's concept when a member names a product)."""
    keys = [phrase_stems(m) for m in group]
    existing = [
        vocab.phrases[k] for k in keys if k in vocab.phrases and vocab.phrases[k].startswith("product:")
    ]
    shared = [vocab.phrases[k] for k in keys if k in vocab.phrases and vocab.phrases[k].startswith("syn:")]
    # a group sharing a word with a group already known joins it ('deliver' of the brand's [deliver, bring] and
    # 'delivered' of the built-in shipping group are one meaning)
    concept = (
        existing[0] if existing else shared[0] if shared and not overwrite else "syn:" + "-".join(keys[0])
    )
    merged: set[str] = set()
    for key in keys:
        if not key:
            continue
        merged |= cats.get("-".join(key), set())
        if overwrite or key not in vocab.phrases:
            vocab.phrases[key] = concept
            vocab.max_phrase = max(vocab.max_phrase, len(key))
            vocab.longest_from[key[0]] = max(vocab.longest_from.get(key[0], 1), len(key))
    if merged:
        cats.setdefault(concept, set()).update(merged)


_SUPERLATIVE = frozenset({"superlative"})
_NOT_SUPERLATIVE = frozenset(
    {
        "interest",
        "forest",
        "honest",
        "latest",
        "modest",
        "harvest",
        "protest",
        "contest",
        "suggest",
        "invest",
        "request",
        "digest",
        "arrest",
        "earnest",
        "manifest",
        "priest",
        "conquest",
        "midwest",
        "southwest",
        "northwest",
        "northeast",
        "southeast",
        "everest",
        "attest",
        "detest",
        "divest",
        "infest",
        "ingest",
        "unrest",
        "behest",
        "bequest",
        "inquest",
        "tempest",
        "dishonest",
        "interest-free",
        "suggestest",
        "biggest-ever",
    }
)


def _is_superlative_form(word: str) -> bool:
    """'gentlest', 'happiest', 'smoothest': an adjective's superlative form (a few nouns ending in -est aside)."""
    return len(word) >= 6 and word.endswith("est") and word not in _NOT_SUPERLATIVE and word.isalpha()


def is_function_word(norm: str) -> bool:
    """True for stopwords (never content)."""
    return norm in STOPWORDS


def is_filler(norm: str, stem_: str) -> bool:
    """True for harmless marketing filler."""
    return norm in FILLER or stem_ in _FILLER_STEMS


_FILLER_STEMS = frozenset(stem(normalize_word(w)) for w in FILLER)
