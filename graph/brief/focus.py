"""Product focus: which of the brand library's products a brief is about, and which claims may speak for it.

A claim naming a product line (``kind: line``) speaks for that line only; a claim naming product types
(pitcher, cartridge) speaks for those types; a claim naming no product is brand-wide. Copy for a brief about one
product uses that product's claims and brand-wide claims, never another line's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from graph.contracts import BriefFact
from guards.library import BrandLibrary, Claim, Product
from guards.textnorm import fold_text


@dataclass(frozen=True)
class Focus:
    """What a text names of the library's products.

    Attributes:
        label: The product as the brief wrote it ('' when the brief names none).
        lines: Ids of the product lines named.
        types: Ids of the product types named.
    """

    label: str = ""
    lines: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()

    @property
    def known(self) -> bool:
        """True when the text names at least one product of the library."""
        return bool(self.lines or self.types)


@lru_cache(maxsize=512)
def _term_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?:s|es)?(?![\w-])", re.IGNORECASE)


def named_hits(text: str, products: Iterable[Product]) -> list[tuple[re.Match[str], Product]]:
    """Where ``text`` names the products (whole words, plurals), in text order; the longest match wins.

    A hit inside a longer hit of another product does not count, so 'Quillstack Sign Pro' names the Sign Pro line
    only, not the Sign line whose name it contains.
    """
    hits = [(m, p) for p in products for t in p.terms for m in _term_pattern(t).finditer(text)]
    kept = [
        (m, p)
        for m, p in hits
        if not any(
            o.start() <= m.start() and m.end() <= o.end() and o.end() - o.start() > m.end() - m.start()
            for o, other in hits
            if other.id != p.id
        )
    ]
    return sorted(kept, key=lambda h: h[0].start())


def products_named(text: str, products: Iterable[Product]) -> tuple[frozenset[str], frozenset[str]]:
    """Return (line ids, type ids) of the products ``text`` names (see :func:`named_hits`)."""
    hits = named_hits(text, products)
    lines = frozenset(p.id for _, p in hits if p.kind == "line")
    return lines, frozenset(p.id for _, p in hits if p.kind != "line")


def focus_of(library: BrandLibrary, product: str | None) -> Focus:
    """The focus of a brief's product phrase (an empty focus when there is no phrase)."""
    label = (product or "").strip()
    if not label:
        return Focus()
    lines, types = products_named(label, library.products)
    return Focus(label=label, lines=lines, types=types)


def claim_fits(claim: Claim, library: BrandLibrary, focus: Focus) -> bool:
    """True when ``claim`` may appear in copy about ``focus``: brand-wide, or about the focused product."""
    if not focus.known:
        return True
    lines, types = products_named(claim.text, library.products)
    if not lines and not types:
        return True  # brand-wide (a guarantee, delivery, an award of the brand)
    if lines and focus.lines:
        return bool(lines & focus.lines)
    if lines and not focus.lines:
        return bool(types & focus.types) if types else False
    return bool(types & focus.types) or not focus.types


def claims_for(library: BrandLibrary, focus: Focus, claims: Iterable[Claim]) -> list[Claim]:
    """The claims of ``claims`` that fit the focus, order kept."""
    return [c for c in claims if claim_fits(c, library, focus)]


def unknown_product(library: BrandLibrary, product: str | None) -> bool:
    """True when the brief names a product the library has no claims for (not the brand itself)."""
    label = (product or "").strip()
    if not label or fold_text(label) in {
        fold_text(library.name),
        fold_text(f"{library.name} range"),
        fold_text(f"{library.name} products"),
    }:
        return False
    focus = focus_of(library, label)
    if focus.known:
        return not any(
            products_named(c.text, library.products) != (frozenset(), frozenset())
            and claim_fits(c, library, focus)
            for c in library.claims
        )
    bare = fold_text(re.sub(re.escape(library.name), " ", label, flags=re.IGNORECASE))
    return bool(bare) and not any(bare in fold_text(c.text) for c in library.claims)


def product_names(library: BrandLibrary) -> list[str]:
    """One display name per product of the library (lines first), for a clarifying question."""
    ordered = sorted(library.products, key=lambda p: (p.kind != "line", p.id))
    return [p.terms[0] for p in ordered if p.terms]


def product_question(library: BrandLibrary, product: str) -> str:
    """The Planner's question when the brief's product has no claims in the library."""
    names = ", ".join(product_names(library)) or "none listed"
    return (
        f"The brand library has no approved claims for {product!r}. Add claims for it to the library, "
        f"or name one of {library.name}'s products to promote: {names}."
    )


def clarify_product(
    library: BrandLibrary,
    product: str | None,
    brief_text: str,
    prior_text: str,
    settled: str | None = None,
) -> tuple[str | None, str | None]:
    """Settle the brief's product against the library: (product to use, question to ask or None).

    When the brief names a product the library has no claims for, the answer to the Planner's question (the
    text appended to the brief since the last parse) names one of the library's products: those words are used
    ('Let's do the Easy Saver instead' -> 'Easy Saver', 'the MaxFlow Pitcher please' -> 'MaxFlow Pitcher'). A
    product an earlier answer settled (``settled``, the last parse's product) stays settled when a later answer
    is about something else (a channel to drop). Otherwise the question asks to add claims or pick a product.
    """
    if not unknown_product(library, product):
        return product, None
    answer = brief_text[len(prior_text) :].strip() if prior_text and brief_text.startswith(prior_text) else ""
    hits = [m for m, _ in named_hits(answer, library.products)] if answer else []
    if hits:  # the first run of product names, in the answer's words ('MaxFlow Pitcher')
        start, end = hits[0].start(), hits[0].end()
        for m in hits[1:]:
            if m.start() > end and answer[end : m.start()].strip():
                break
            end = max(end, m.end())
        return answer[start:end], None
    if settled and not unknown_product(library, settled):
        return settled, None
    return product, product_question(library, product or "")


_GENERIC = frozenset(
    [
        "the",
        "our",
        "a",
        "an",
        "new",
        "range",
        "line",
        "collection",
        "series",
        "model",
        "edition",
        "products",
        "product",
    ]
)


_TRAILING_FILLER = re.compile(
    r"(?:[\s,]+(?:instead|then|please|pls|for\s+now|now|thanks|thank\s+you|too|as\s+well|this\s+time))+[\s.!,]*$",
    re.IGNORECASE,
)
"""Words a plain answer ends with that are not the product ('Let's promote Paylark Core instead', '... please')."""


def _tokens(text: str) -> list[str]:
    return [re.sub(r"(?<=[a-z]{3})(?:es|s)$", "", t) for t in fold_text(text).split() if t not in _GENERIC]


def resolve_product(
    library: BrandLibrary, product: str | None, brief_text: str
) -> tuple[str | None, BriefFact | None]:
    """The brief's product settled against the library's products: (product, echo fact or None).

    A phrase that already names a library product (any alias, any case, plurals) is kept as written. A partial
    name ('the Everyday' for 'Everyday Bottle', 'Stormlines' for 'Stormline jacket') becomes the library's name for
    it. A brief with no product phrase that names one of the library's product lines uses that line. Anything else
    is kept as the brief's words. With no product phrase, a product type's proper name written exactly as the library
    writes it ('Business Flex', not 'business') is used too. The fact says which library product it was resolved to,
    for the echo.
    """
    label = _TRAILING_FILLER.sub("", (product or "").strip())
    if label:
        if focus_of(library, label).known:
            return label, None
        words = _tokens(label)
        for p in sorted(library.products, key=lambda p: p.kind != "line"):
            for term in p.terms:
                term_words = _tokens(term)
                distinctive = [w for w in words if len(w) >= 3]
                if (
                    distinctive
                    and term_words
                    and set(distinctive) <= set(term_words)
                    and any(t[:1].isupper() for t in term.split())
                ):
                    return term, BriefFact(
                        field="product", value=f"{term} (brand library product '{p.id}')", source=label
                    )
        return label, None
    line_hits = [(m, p) for m, p in named_hits(brief_text, library.products) if p.kind == "line"]
    if line_hits:
        first, p = line_hits[0]
        return p.terms[0], BriefFact(
            field="product",
            value=f"{p.terms[0]} (brand library product line '{p.id}')",
            source=first.group(0),
        )
    # A product type's proper name written as the library writes it ('Business Flex'; not 'business')
    named = [
        (m.start(), t, p)
        for p in library.products
        for t in p.terms
        if t != t.lower()
        and len(t.split()) > 1
        and (m := re.search(r"(?<![\w-])" + re.escape(t) + r"(?![\w-])", brief_text))
    ]
    if named:
        _, term, p = min(named, key=lambda n: n[0])
        return term, BriefFact(field="product", value=f"{term} (brand library product '{p.id}')", source=term)
    # A kind of product the library sells, named after a promotion cue in the brief's own words
    # ('spring push for the grain-free puppy kibble'): the brief's words, resolved to that product.
    cued = [
        (m.start(), m.group("phrase"), p)
        for p in library.products
        for t in p.terms
        if (m := _cued_term(t).search(brief_text))
    ]
    if cued:
        _, phrase, p = min(cued, key=lambda n: n[0])
        return phrase, BriefFact(
            field="product", value=f"{phrase} (brand library product '{p.id}')", source=phrase
        )
    return None, None


def _cued_term(term: str) -> re.Pattern[str]:
    words = r"[\s-]+".join(re.escape(w) for w in term.split())
    return re.compile(
        r"\b(?:push(?:ing)?|promot\w*|sell\w*|launch\w*|advertis\w*|market(?:ing)?|campaign|ads?|for)\s+"
        r"(?:the|our)\s+(?P<phrase>(?:[a-z][\w-]*\s+){0,3}" + words + r"(?:s|es)?)(?![\w-])",
        re.IGNORECASE,
    )
