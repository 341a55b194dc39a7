"""Where a travel product goes is not who the campaign reaches: 'routes to Lisbon & Porto', 'our English camp in
Malta', 'the Dublin to Lisbon route', 'Rome and Lisbon weekend packages'."""

from __future__ import annotations

import re

from graph.models.offline.places import find_places

_TRAVEL = (
    r"(?:routes?|flights?|fares?|trips?|breaks?|getaways?|holidays?|cruises?|tours?|camps?|retreats?|stays?|"
    r"packages?|excursions?)"
)
_DESTINATION = re.compile(rf"\b{_TRAVEL}\s+(?:to|in)\s+", re.IGNORECASE)
_DEST_LIST = r"\s*(?:,|&|\+|/|\band\b|\bor\b)\s*"


def destination_spans(text: str) -> list[tuple[int, int]]:
    """Places a travel product goes to ('routes to Lisbon & Porto', 'our English camp in Malta', 'the Dublin to
    Lisbon route', 'Rome and Lisbon weekend packages'): where the product is, not who the campaign reaches."""
    places = find_places(text)
    out: list[tuple[int, int]] = []

    def chain_from(i: int) -> None:
        out.append((places[i].start, places[i].end))
        while i + 1 < len(places) and re.fullmatch(_DEST_LIST, text[places[i].end : places[i + 1].start]):
            i += 1
            out.append((places[i].start, places[i].end))

    for m in _DESTINATION.finditer(text):
        # the first known place of the list after the cue ('routes to Nice & Marseille': Nice is a word-town)
        first = next(
            (
                i
                for i, p in enumerate(places)
                if p.start >= m.end()
                and re.fullmatch(r"(?:[A-Z][\w'’-]*" + _DEST_LIST + r")*", text[m.end() : p.start])
            ),
            None,
        )
        if first is not None:
            chain_from(first)
    for i in range(len(places)):  # 'Dublin to Lisbon route', 'Rome and Lisbon weekend packages'
        j = i
        while j + 1 < len(places) and re.fullmatch(
            _DEST_LIST + r"|\s+to\s+", text[places[j].end : places[j + 1].start]
        ):
            j += 1
        after = text[places[j].end : places[j].end + 40]
        if re.match(rf"\s+(?:[a-z]+\s+){{0,2}}?{_TRAVEL}\b", after, re.IGNORECASE):
            out += [(q.start, q.end) for q in places[i : j + 1]]
    return out
