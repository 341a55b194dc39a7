"""Does an approved claim back a sentence? Compare the facts of both, rule by rule.

A sentence is backed when it says the same as the approved claim or less: every number matches in value, unit,
qualifier and direction (or is one the approved number entails), no condition of the claim is dropped or
widened, the comparison target is the approved one, products are not swapped, and no claim-bearing word is
added. Harmless extra wording is tolerated up to a bound; beyond it the rules cannot settle the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from guards.facts import Concept, Facts
from guards.lexicon.negations import NEGATIONS
from guards.promises import convert, is_window, strength, window_entails
from guards.quantities import Quantity
from guards.sentences import stem
from guards.verify_scope import check_scope, place_problem
from guards.vocabulary import Vocabulary, is_filler

_BOUND = {"at_least": "lower", "more_than": "lower", "less_than": "upper", "at_most": "upper"}
_QUALIFIER_TEXT = {
    "up_to": "up to",
    "at_least": "at least",
    "more_than": "more than",
    "less_than": "less than",
    "at_most": "at most",
    "approx": "about",
    "exact": "exactly",
}
_UNIVERSAL = frozenset({"every", "each", "all", "any"})
SOFT_MAX = 2
"""Most harmless words a sentence may add to an approved claim and still be settled by the rules."""
SOFT_RATIO = 0.34
"""Largest share of a sentence's content words that may be harmless additions."""


@dataclass
class Match:
    """How one approved claim relates to one sentence.

    Attributes:
        claim_id: The approved claim.
        hard: Rule violations (each makes the sentence unsupported by this claim).
        soft: Words the sentence adds that carry no claim on their own.
        relevance: Share of the sentence's content the claim covers (0..1).
        overlap: Content concepts and numbers shared.
    """

    claim_id: str
    hard: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)
    relevance: float = 0.0
    overlap: int = 0

    @property
    def about(self) -> bool:
        """True when the claim is about what the sentence says (shares real content)."""
        return self.overlap >= 1 and self.relevance >= 0.34

    @property
    def entails(self) -> bool:
        """True when the rules settle that the claim backs the sentence."""
        return self.about and not self.hard and self.soft_ok

    @property
    def soft_ok(self) -> bool:
        """True when the harmless additions stay within the bound."""
        return len(self.soft) <= SOFT_MAX and len(self.soft) <= max(1.0, SOFT_RATIO * self._content)

    @property
    def unsettled(self) -> bool:
        """True when only harmless-looking additions stand between the sentence and the claim."""
        return self.about and not self.hard and not self.soft_ok

    _content: int = 1


def verify(
    sentence: Facts,
    claim: Facts,
    claim_id: str,
    vocab: Vocabulary,
    *,
    region: str | None = None,
    comparison_requires_target: bool = False,
) -> Match:
    """Compare a claim sentence with one approved claim.

    Args:
        sentence: Facts of the sentence being checked.
        claim: Facts of the approved claim's wording.
        claim_id: Id of the approved claim (for the result).
        vocab: The brand's vocabulary.
        region: Region the copy runs in (a sentence may name it).
        comparison_requires_target: Region rule: comparisons must state their approved target.
    """
    match = Match(claim_id)
    matched_quantities = _check_quantities(sentence, claim, match)
    _check_scopes(sentence, claim, match)
    _check_comparison(sentence, claim, match, comparison_requires_target)
    _check_products(sentence, claim, match)
    if sentence.negated and not claim.negated:
        match.hard.append("adds a negation the approved claim does not make")
    elif (
        claim.negated
        and not sentence.negated
        and (not claim.negated_concepts or claim.negated_concepts & sentence.all_concepts)
    ):
        match.hard.append("drops the negation of the approved claim")
    check_scope(sentence, claim, match.hard)
    covered, content = _check_words(sentence, claim, match, vocab, region)
    match.overlap = covered + matched_quantities
    total = content + len(sentence.quantities)
    match.relevance = (covered + matched_quantities) / total if total else 0.0
    match._content = max(1, total)
    return match


# --- quantities -------------------------------------------------------------------------------------------------


def _check_quantities(sentence: Facts, claim: Facts, match: Match) -> int:
    matched = 0
    used: set[int] = set()
    allowance = claim.allowance
    for q in sentence.quantities:
        same_unit: list[tuple[int, Quantity, Quantity]] = []
        for k, p in enumerate(claim.quantities):
            if p.unit == q.unit and (q.unit is not None or p.value == q.value or bool(p.noun & q.noun)):
                same_unit.append((k, p, q))
            else:
                converted = convert(q, p.unit)  # 'two weeks' for '14 days'
                if converted is not None:
                    same_unit.append((k, p, converted))
        same_value = [
            (k, p, qq) for k, p, qq in same_unit if abs(p.value - qq.value) <= 1e-9 * max(1.0, abs(p.value))
        ]
        if same_value:
            same_unit = same_value  # '$50+' is read against the approved '$50', not against '$500'
        ok = [(k, p, qq) for k, p, qq in same_unit if _entails(p, qq, allowance) is None]
        if ok:
            matched += any(
                qq.unit == q.unit for _k, _p, qq in ok
            )  # a converted unit backs, but is no overlap
            used.update(k for k, _p, _q in ok)
            continue
        if same_unit:
            k, p, qq = min(same_unit, key=lambda kpq: abs(kpq[1].value - kpq[2].value))
            used.add(k)
            why = _entails(p, qq, allowance)
            match.hard.append(
                f"{_show(q)} changes the unit of the approved {_show(p)} ({why})"
                if qq.unit != q.unit
                else f"{_show(q)} does not match the approved {_show(p)}: {why}"
            )
        else:
            others = [p for p in claim.quantities if p.value == q.value]
            if others:
                match.hard.append(f"{_show(q)} changes the unit of the approved {_show(others[0])}")
            else:
                match.hard.append(f"{_show(q)} is not in the approved claim")
    for k, p in enumerate(claim.quantities):
        if p.condition and k not in used:
            match.hard.append(f"drops the condition '{p.text}' of the approved claim")
    return matched


def _entails(p: Quantity, q: Quantity, allowance: bool = False) -> str | None:
    """None when approved quantity ``p`` entails claimed quantity ``q``, else why not.

    ``allowance``: the approved claim's time windows are allowances (longer promises more), not speeds.
    """
    if p.direction and q.direction and p.direction != q.direction:
        return f"'{q.direction}' instead of '{p.direction}'"
    if q.direction and not p.direction and q.direction != "off":
        return f"adds '{q.direction}'"
    if p.condition:
        return _entails_condition(p, q)
    if is_window(p, q):
        return window_entails(p, q, allowance=allowance or p.before == "for")
    ruled = strength(p, q)
    if ruled is not False:
        return ruled  # type: ignore[return-value]
    a, b, pq, qq = p.value, q.value, p.qualifier, q.qualifier
    close = abs(a - b) <= 1e-9 * max(1.0, abs(a))
    if pq == "up_to":
        if qq == "up_to" and close:
            return None
        if qq in ("less_than", "at_most") and b >= a:
            return None
        return "drops 'up to'" if close and qq in ("exact", "approx") else _differs(p, q)
    if pq == "approx":
        if qq == "approx" and abs(a - b) <= 0.05 * abs(a):
            return None
        return "drops 'about'" if close else _differs(p, q)
    if pq in ("at_least", "more_than"):
        if qq in ("at_least", "more_than", "exact") and (
            b < a or (close and (qq != "more_than" or pq == "more_than"))
        ):
            return None
        return _differs(p, q)
    if pq in ("less_than", "at_most"):
        if qq in ("less_than", "at_most", "exact") and (
            b > a or (close and (qq != "less_than" or pq == "less_than"))
        ):
            return None
        return _differs(p, q)
    # exact approved value
    if close and qq in ("exact", "at_least", "at_most", "up_to"):
        return None
    if qq == "approx" and abs(a - b) <= 0.05 * abs(a):
        return None
    if (qq in ("at_least", "more_than") and b < a) or (qq in ("less_than", "at_most") and b > a):
        return None
    return _differs(p, q)


def _entails_condition(p: Quantity, q: Quantity) -> str | None:
    """A condition may be kept or narrowed, never widened ('orders over $50' is fine for 'over $35')."""
    bound = _BOUND.get(p.qualifier)
    b_q = _BOUND.get(q.qualifier)
    close = abs(p.value - q.value) <= 1e-9 * max(1.0, abs(p.value))
    if bound == "lower" and b_q == "lower" and (q.value > p.value or close):
        return None
    if bound == "upper" and b_q == "upper" and (q.value < p.value or close):
        return None
    return f"widens the condition '{p.text}'"


def _differs(p: Quantity, q: Quantity) -> str:
    if abs(p.value - q.value) > 1e-9 * max(1.0, abs(p.value)):
        return "the number differs"
    return f"'{_QUALIFIER_TEXT.get(q.qualifier, q.qualifier)}' instead of '{_QUALIFIER_TEXT.get(p.qualifier, p.qualifier)}'"


def _show(q: Quantity) -> str:
    return f"'{q.text}'" if q.text else f"'{q.value:g}'"


# --- scopes, comparison, products ---------------------------------------------------------------------------------


def _check_scopes(sentence: Facts, claim: Facts, match: Match) -> None:
    if not sentence.quantities:
        return
    for scope in sorted(claim.per_scopes - sentence.scopes):
        match.hard.append(f"drops the rate 'per {_label(scope, claim)}' of the approved claim")
    for scope in sorted(sentence.per_scopes - claim.scopes):
        match.hard.append(f"adds the rate 'per {_label(scope, sentence)}' the approved claim lacks")


def _check_comparison(sentence: Facts, claim: Facts, match: Match, requires_target: bool) -> None:
    s, c = sentence.comparison, claim.comparison
    if s is None:
        return
    if c is None:
        if s.target is not None:
            match.hard.append(f"compares with '{s.target_text}', but the approved claim makes no comparison")
        return
    if s.target is None:
        if c.target is not None and requires_target:
            match.hard.append(f"comparison must name its approved target '{c.target_text}' in this region")
        return
    if c.target is None:
        match.hard.append(
            f"compares with '{s.target_text}', but the approved claim names no comparison target"
        )
        return
    s_core = {x for x in s.target if not x.startswith("product:")}
    c_core = {x for x in c.target if not x.startswith("product:")}
    s_products = s.target - s_core
    c_products = c.target - c_core
    if s_core != c_core or (s_products and c_products and not s_products <= c_products):
        match.hard.append(f"compares with '{s.target_text}' instead of the approved target '{c.target_text}'")


def _check_products(sentence: Facts, claim: Facts, match: Match) -> None:
    if claim.products and sentence.products - claim.products:
        extra = ", ".join(sorted(_label(p) for p in sentence.products - claim.products))
        match.hard.append(
            f"applies the claim to {extra}; it is approved for {', '.join(sorted(_label(p) for p in claim.products))}"
        )
    if claim.lines:
        if sentence.lines - claim.lines:
            extra = ", ".join(sorted(_label(p) for p in sentence.lines - claim.lines))
            match.hard.append(
                f"applies the claim to {extra}; it is approved for {', '.join(sorted(_label(p) for p in claim.lines))} only"
            )
        elif not sentence.lines:
            match.hard.append(
                f"generalises a claim approved for {', '.join(sorted(_label(p) for p in claim.lines))} only"
            )


def _label(concept: str, facts: Facts | None = None) -> str:
    if facts is not None and concept in facts.surfaces:
        return facts.surfaces[concept]
    return concept.split(":", 1)[-1].split("|")[0]


# --- words --------------------------------------------------------------------------------------------------------


def _check_words(
    sentence: Facts, claim: Facts, match: Match, vocab: Vocabulary, region: str | None
) -> tuple[int, int]:
    """Classify every content word of the sentence: covered by the claim, harmless addition or claim-bearing."""
    covered = 0
    content = 0
    for item in sentence.concepts:
        if item.concept in vocab.brand:
            continue
        if item.concept.startswith("product:"):
            if not (claim.products or claim.lines):
                content += 1  # a claim about no product is less about a sentence naming products
            continue
        parts = item.concept.split("|")
        names = (
            claim.name_concepts
            if (item.in_name or sentence.title_case or not _ranks(item, vocab))
            else frozenset()
        )
        if (
            any(p in claim.all_concepts or p in names for p in parts)
            or _hyphen_covered(item.concept, claim, vocab, names)
            or _comparative_of(item.norm, claim, vocab)
        ):
            if not is_filler(item.norm, item.stem):
                covered += 1
                content += 1
            continue
        if is_filler(item.norm, item.stem) or item.norm in NEGATIONS:
            continue  # negation is compared on its own (verify)
        if item.norm in _UNIVERSAL and claim.all_concepts & _UNIVERSAL:
            continue  # 'any recipe' for 'every recipe'
        place = vocab.places.get(item.concept)
        if place is not None:
            reason = place_problem(item.surface, place, claim, vocab, region)
            if reason is None:
                continue
            match.hard.append(reason)
            content += 1
            continue
        content += 1
        if item.concept in vocab.competitors:
            match.hard.append(f"names the competitor {vocab.competitors[item.concept]}")
        elif item.entity:
            match.hard.append(f"adds '{item.surface}', which the approved claim does not name")
        elif vocab.is_hard(item.concept, item.stem, item.norm):
            match.hard.append(f"adds '{item.surface}', which the approved claim does not say")
        elif item.purpose:
            match.hard.append(f"adds '{item.surface}', a use or audience the approved claim does not state")
        elif item.attribute:
            match.hard.append(f"adds '{item.surface}', an attribute the approved claim does not state")
        else:
            match.soft.append(item.surface)
    return covered, content


def _ranks(item: Concept, vocab: Vocabulary) -> bool:
    """True for words that rank or compare ('best', 'fastest', 'more'): inside a proper name ('Best Water Filter'
    award) they do not back the same word used as a claim ('the best water filter')."""
    return bool(vocab.categories_of(item.concept, item.stem) & {"superlative", "comparative", "absolute"})


def _comparative_of(word: str, claim: Facts, vocab: Vocabulary) -> bool:
    """'faster' is covered by a comparison that says 'twice as fast' (a weaker form of the same comparison)."""
    if claim.comparison is None or not word.endswith("er") or len(word) < 5:
        return False
    base = word[:-2]
    bases = {
        base,
        base + "e",
        base[:-1] if len(base) > 2 and base[-1] == base[-2] else base,
        base[:-1] + "y" if base.endswith("i") else base,
    }
    return any(vocab.phrases.get((stem(b),), stem(b)) in claim.all_concepts for b in bases)


def _hyphen_covered(
    concept: str, claim: Facts, vocab: Vocabulary, names: frozenset[str] = frozenset()
) -> bool:
    if "-" not in concept or concept.startswith(("syn:", "product:", "region:")):
        return False
    known = claim.all_concepts | names
    parts = [p for p in concept.split("-") if p]
    return all(p in known or vocab.phrases.get((p,), "") in known for p in parts)
