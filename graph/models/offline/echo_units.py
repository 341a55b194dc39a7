"""The units the brief echo weighs: the brief's sentences (or lines), and inside them the sentences a lowercase
brief runs together ('... ». la boutique existe depuis 1987') and the items of a run-on list of four or more
('..., 40 booked hunts, sept 2027, lodge sleeps 12'), where each item states its own fact. A fact's source is the
unit it sits in; a unit no fact came from is shown back as "not used".
"""

from __future__ import annotations

import re

from graph.models.offline.sentences import split_sentences

_LOWER_START = re.compile(r"(?:(?<=[^\W\d_]{3})|(?<=[»”\"\d€$£%)]))[.!?][»”\"]?\s+(?=[a-zà-ÿ])")
_ABBREVIATION = re.compile(r"\b(?:approx|incl|excl|etc|max|min|est|dept|ref|nos|pcs|vs|av|mr|mrs|dr)$", re.I)
_LIST_COMMA = re.compile(r",\s+")


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of a sentence the echo weighs one by one: the sentences a lowercase brief runs together ('... ».
    la boutique existe depuis 1987') and the items of a run-on list of four or more ('..., 40 booked hunts, sept
    2027, lodge sleeps 12'), where each item states its own fact."""
    units: list[tuple[int, int]] = []
    at = start
    for m in _LOWER_START.finditer(text, start, end):
        if _ABBREVIATION.search(text, start, m.start()):
            continue
        units.append((at, m.start() + 1))
        at = m.end()
    units.append((at, end))
    out: list[tuple[int, int]] = []
    for s, e in units:
        commas = list(_LIST_COMMA.finditer(text, s, e))
        if len(commas) < 3:
            out.append((s, e))
            continue
        at = s
        for c in commas:
            out.append((at, c.start()))
            at = c.end()
        out.append((at, e))
    return out


def echo_units(text: str) -> list[tuple[int, int]]:
    """Offsets of the echo's units, in order, stripped of spaces and list commas."""
    out: list[tuple[int, int]] = []
    for s0, e0 in split_sentences(text):
        for s, e in _units(text, s0, e0):
            while s < e and text[s] in " ,\t":
                s += 1
            while e > s and text[e - 1] in " ,\t":
                e -= 1
            if s < e:
                out.append((s, e))
    return out
