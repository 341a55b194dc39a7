"""Reading grade: the one Flesch-Kincaid formula and syllable counter (guards and evals both use it).

Flesch-Kincaid grade level = 0.39 * words/sentences + 11.8 * syllables/words - 15.59
(Kincaid et al., 1975). Sentences are counted with ``guards.sentences.split_sentences``, so a bullet or
a line of copy without a full stop is its own sentence, as a reader takes it.
"""

from __future__ import annotations

import re

from guards.sentences import split_sentences

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
"""A word for counting purposes: letters, with inner apostrophes and hyphens."""

_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_VOWELS = frozenset("aeiouy")
_HIATUS = re.compile(r"(?<![cgstx])i(?=[aou])|(?<![qg])ua(?!r)|uo")
"""Vowel pairs said as two syllables ('media', 'radio', 'actual'), but not 'nation', 'special'."""


def syllables(word: str) -> int:
    """English syllable count of one word by rule (vowel groups, silent endings), at least 1.

    Rules: each run of vowels (y included) is a syllable; a final silent 'e' is dropped
    ('make', 'whale'; not 'table', 'free'); the '-ed' of a past tense is silent unless after
    t or d ('jumped', not 'wanted'); the '-es' of a plural or verb is silent unless after a
    sibilant ('makes', not 'boxes', 'changes'); i/e/u before another vowel is often its own
    syllable ('media', 'radio', 'actual'). Hyphenated words count each part.
    """
    parts = [p for p in re.split(r"[-]", word.lower().replace("’", "'")) if p]
    if len(parts) > 1:
        return sum(syllables(p) for p in parts)
    w = re.sub(r"[^a-z]", "", parts[0] if parts else "")
    n = len(_VOWEL_GROUP.findall(w)) + len(_HIATUS.findall(w))
    if n > 1 and _silent_ending(w):
        n -= 1
    return max(1, n)


def _silent_ending(w: str) -> bool:
    before = w[-3] if len(w) > 2 else ""
    if w.endswith("e"):
        return not w.endswith("ee") and not (w.endswith("le") and before and before not in _VOWELS)
    if w.endswith("ed"):
        return len(w) > 3 and before not in "td" and before not in _VOWELS
    if w.endswith("es"):
        return len(w) > 3 and before not in "sxzcgh" and before not in _VOWELS
    return False


def reading_grade(text: str) -> float | None:
    """Flesch-Kincaid grade level of ``text``; None when it has no words."""
    words = WORD.findall(text)
    if not words:
        return None
    sentences = max(1, sum(1 for s in split_sentences(text) if WORD.search(s)))
    total = sum(syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59
