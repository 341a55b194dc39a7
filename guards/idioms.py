"""Set phrases whose words would read as claim triggers but that name an occasion or a kind of person, not a
fact about the product: 'spring cleaning' (no health claim), 'Christmas gifting' (no free gift), 'tax year end'
(no offer that ends), 'first-time buyers' (no superlative), 'a never-ending summer' (no absolute), 'your nearest
hub' (a place, no ranking). The claims check reads a sentence with these phrases
reduced to their neutral word, so a brief's theme or audience can be quoted in a creative line; every other
trigger in the sentence still counts ('free gift for spring cleaning' is still an offer).
"""

from __future__ import annotations

import re

_PERIOD = r"(?:tax|financial|fiscal|school|academic|business)"

_IDIOMS: tuple[tuple[re.Pattern[str], str], ...] = (
    # the season's chore: 'spring cleaning', 'spring-clean your kitchen'
    (re.compile(r"\bspring[- ]clean(?:ing|s|ed)?\b", re.IGNORECASE), "spring"),
    # giving presents as an occasion: 'Christmas gifting', 'gift-giving season', 'the gifting season'
    (re.compile(r"\bgift[- ]giving\b|\bgifting\b|\bgift\s+season\b", re.IGNORECASE), "giving"),
    # the end of a period as a date, not an offer that ends: 'tax year end', 'year-end', 'end of the school year'
    (re.compile(rf"\b(?:{_PERIOD}\s+)?year[- ]end\b", re.IGNORECASE), "year"),
    (re.compile(rf"\bend\s+of\s+(?:the\s+)?(?:{_PERIOD}\s+)?(year|term|quarter)\b", re.IGNORECASE), r"\1"),
    # a figure of speech for 'endless', not a promise that something never fails: 'a never-ending summer'
    (re.compile(r"\bnever[- ]?ending\b", re.IGNORECASE), "endless"),
    # where the reader is, not a ranking: 'your nearest hub', 'your closest store' ('the closest thing to
    # barefoot running' is a superlative)
    (re.compile(r"\byour\s+(?:nearest|closest)\b", re.IGNORECASE), "your local"),
    # novices, not a ranking: 'first-time buyers', 'first time parents'
    (re.compile(r"\bfirst[- ]time(?=\s+[a-z]+s\b)", re.IGNORECASE), ""),  # before a plural noun
)


def neutralise_idioms(text: str) -> str:
    """``text`` with each occasion or audience set phrase reduced to its neutral word (see the module doc)."""
    for pattern, neutral in _IDIOMS:
        text = pattern.sub(neutral, text)
    return text
