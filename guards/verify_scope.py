"""Scope rules of the claims check: a claim may be narrowed, never widened.

* 'every X' where the approved claim says 'first X', 'critical X' or 'every long-haul X' widens it;
* a condition clause of the approved claim ('when fed daily', 'if you deposit $500') may not be dropped;
* a place may be named only when the approved claim names it or one that covers it, or (for a claim that names
  no place) when it lies within the region checked: a country list widened to a continent is stopped.
"""

from __future__ import annotations

from guards.facts import Facts
from guards.places import covers
from guards.vocabulary import Vocabulary


def check_scope(sentence: Facts, claim: Facts, hard: list[str]) -> None:
    """Append a reason to ``hard`` for every widened quantifier or dropped condition."""
    for head, mods in sentence.universal.items():
        if head not in claim.all_concepts:
            continue
        narrowing = claim.universal.get(head) or claim.modifiers.get(head) or frozenset()
        missing = narrowing - mods - sentence.modifiers.get(head, frozenset()) - sentence.all_concepts
        if missing:
            said = ", ".join(sorted(_label(m, claim) for m in missing))
            hard.append(f"says every {_label(head, sentence)}, the approved claim only some ({said})")
    for text, words in claim.conditions:
        if not words & (sentence.all_concepts | sentence.name_concepts):
            hard.append(f"drops the condition '{text}' of the approved claim")


def place_problem(
    surface: str, place: tuple[frozenset[str], int], claim: Facts, vocab: Vocabulary, region: str | None
) -> str | None:
    """Why naming this place is not backed, or None when it is."""
    claim_places = [vocab.places[c] for c in claim.all_concepts | claim.name_concepts if c in vocab.places]
    if claim_places:
        if covers(place, claim_places):
            return None
        return f"names {surface}, wider than or other than the place the approved claim names"
    if region is not None and place[0] <= {region}:
        return None
    if region is None:
        return f"names {surface} (check with a region)"
    return f"names {surface}, which the claim is not approved for here"


def _label(concept: str, facts: Facts) -> str:
    if concept in facts.surfaces:
        return facts.surfaces[concept]
    return concept.split(":", 1)[-1].split("|")[0]
