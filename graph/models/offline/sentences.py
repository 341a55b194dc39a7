"""Sentences of a brief: where one ends, the bullets and stray marks around it, and which ones the echo reports.

A brief's lines are cut into sentences at a full stop, question or exclamation mark followed by a new sentence;
bullets ('-', '1.', 'a)', 'B.2') and table bars are stripped from a sentence's edges.
"""

from __future__ import annotations

import re

_BULLET = re.compile(
    r"^\s*(?:[-*•▪→+>・●○◆◇■□➤➢✓✔]|\d{1,2}[.)]|\d{1,2}\.\d{1,2}\.?|[A-Za-z]\.\d{1,2}(?:\.\d{1,2})?\.?|[a-z][.)])\s+"
)
_ABBREVIATIONS = ("St", "Ste", "Mt", "Ft", "Pt", "Dr", "Mr", "Mrs", "Ms", "Jr", "Sr", "vs")
NOT_ABBREVIATION = "".join(rf"(?<!\b{a})" for a in _ABBREVIATIONS)
"""Put before a full stop: the stop after 'St', 'Mt', 'Dr', 'Mr' ... shortens a name and ends no sentence
('the Minneapolis-St. Paul area', 'Mt. Hood', 'Dr. Patel's patients')."""
SENTENCE_END = re.compile(
    "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS)
    + r"(?<=[.!?])[\"”’»]?\s+(?=[A-Z0-9“\"'‘«(€£$¥])|(?<=[a-z0-9]{2}[.!?]|\s\d[.!?]|\w[’'\"”)][.!?])\s+(?=[a-z])|(?<=[!?]{2})\s+(?=[a-z])"
    r"|(?<=[.!?])\s*$"
)


def spans(text: str, start: int, end: int, rx: re.Pattern[str]) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in rx.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < end:
        out.append((pos, end))
    return out


def strip_edges(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t|*•▪▸►‣◦→+>-#\"'・●○◆◇■□➤➢✓✔":
        if text[s] in "\"'" and s + 1 < e and text[s + 1].isalnum():
            break
        s += 1
    m = _BULLET.match(text[s:e])
    if m:
        s += m.end()
    while e > s and text[e - 1] in " \t|":
        e -= 1
    return s, e


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences (or lines) of a brief, for the 'not used' echo."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        for s, e in spans(text, line.start(), line.end(), SENTENCE_END):
            s, e = strip_edges(text, s, e)
            if s < e:
                out.append((s, e))
    return out


_FORM_LINE = re.compile(r"[-*•]?\s*[A-Za-z][\w'’ ]{1,30}:\s*\S.*[\w)]", re.DOTALL)


def worth_echoing(sentence: str) -> bool:
    """A sentence the echo reports when no fact came from it: three words or more, or a labelled form line however
    short ('Phone: 0118 496 0123', 'Reference: GW-27-03' state something a marketer wrote on purpose), or two
    words with a figure or a pending value ('next meeting 12/10', 'launch party 3pm', 'Budget TBC.')."""
    words = len(re.findall(r"[A-Za-z]{2,}", sentence))
    return (
        words >= 3
        or (words == 2 and re.search(r"\d|\b(?:TBC|TBD|TBA|n/a)\b", sentence, re.I) is not None)
        or _FORM_LINE.fullmatch(sentence.strip()) is not None
    )
