"""Sentences that are asides about the business, not the campaign: when it is open or closed, what is not in this
campaign, or a place already named where the campaign is stated. Such a sentence gives no theme and no place fact,
so the brief echo shows it as not used."""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from graph.models.offline.date_roles import inside_any
from graph.models.offline.kpi_facts import said_as_past
from graph.models.offline.sentences import split_sentences


class _Fact(Protocol):
    @property
    def field(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def countries(self) -> tuple[str, ...]: ...


F = TypeVar("F", bound=_Fact)

_ASIDE = re.compile(
    r"\b(?:(?:are|is|we're|were|stay|remain)\s+closed|clos(?:e|es|ed)\s+(?:on|during|over|for)|opening\s+hours|"
    r"open(?:s)?\s+(?:from\s+)?\d|not\s+(?:in|part\s+of|for)\s+(?:this|the)\s+(?:campaign|push|brief)|"
    r"separate\s+(?:budget|campaign))",
    re.IGNORECASE,
)


def is_aside(text: str, pos: int) -> bool:
    """The sentence around ``pos`` is an aside about the business, not the campaign: when it is closed or open
    ('Camps are closed during the summer'), or what is not in this campaign ('we also do Eid parties but not in
    this campaign', 'that is a separate budget')."""
    s, e = next(((s, e) for s, e in split_sentences(text) if s <= pos < e), (pos, pos))
    return bool(_ASIDE.search(text[s:e]))


def repeated_places_dropped(text: str, facts: list[F], place_lines: list[tuple[int, int]]) -> list[F]:
    """Facts less the places named again in a sentence that states nothing else ('We have looked after families in
    Cork since 1921', 'the trade show is in Austin'): when a sentence that does state the campaign (its audience,
    goal, budget, ...) already names those countries, the aside adds no fact and is shown as not used. A place
    under a markets label is always kept."""
    sentences = split_sentences(text)

    def sentence_of(pos: int) -> tuple[int, int]:
        return next(((s, e) for s, e in sentences if s <= pos < e), (pos, pos + 1))

    stating = {sentence_of(f.start) for f in facts if f.field != "places"}
    given = {c for f in facts if f.field == "places" and sentence_of(f.start) in stating for c in f.countries}
    return [
        f
        for f in facts
        if f.field != "places"
        or sentence_of(f.start) in stating
        or not f.countries
        or not set(f.countries) <= given
        or inside_any(f.start, place_lines)
    ]


_PAREN = re.compile(r"\([^()\n]{3,300}\)")


def past_asides(text: str) -> list[tuple[int, int]]:
    """Spans of the parenthesised asides that tell what happened before ('(Our Singapore pilot last year only did
    800 orders, so please don't benchmark against that)'): a place named there is not where the campaign runs."""
    return [(m.start(), m.end()) for m in _PAREN.finditer(text) if said_as_past(m.group(0))]
