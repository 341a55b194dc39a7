"""Negation words of the claims check."""

from __future__ import annotations

NEGATIONS: frozenset[str] = frozenset(
    {
        "not",
        "no",
        "never",
        "without",
        "don't",
        "doesn't",
        "isn't",
        "won't",
        "can't",
        "cannot",
        "nor",
        "aren't",
    }
)
"""Negation words (a claim sentence negated where the approved wording is not is unsupported)."""
