"""What makes a sentence a factual claim: claim words by category, the category -> library topic map, and
the trigger and comparative words that count only in context.
"""

from __future__ import annotations

from guards.lexicon.claim_terms_commerce import COMMERCE_TERMS
from guards.lexicon.claim_terms_health_environment import HEALTH_ENVIRONMENT_TERMS
from guards.lexicon.claim_terms_product import PRODUCT_TERMS
from guards.lexicon.claim_terms_standing import STANDING_TERMS

# Stems and phrases are matched on normalised text. The categories keep their order from the single table they
# came from, since readers walk them in this order (guards/vocabulary.py adds phrases without overwriting).
CLAIM_TERMS: dict[str, tuple[str, ...]] = {
    **STANDING_TERMS,
    **HEALTH_ENVIRONMENT_TERMS,
    **COMMERCE_TERMS,
    **PRODUCT_TERMS,
}
"""Words (or phrases) that make a sentence a factual claim, by category."""

CLAIM_CATEGORIES_FOR_TOPICS: dict[str, str] = {
    "health": "health",
    "environmental": "environmental",
    "offer": "offer",
    "price": "price",
    "guarantee": "guarantee",
    "availability": "availability",
    "award": "award",
    "certification": "certification",
    "comparative": "comparison",
}
"""Claim category -> library topic (for conditional disclaimers inferred from text)."""

SOFT_COMPARATIVES: frozenset[str] = frozenset(
    {
        "younger",
        "older",
        "newer",
        "lighter",
        "heavier",
        "warmer",
        "softer",
        "gentler",
        "quieter",
        "brighter",
        "thinner",
        "thicker",
        "wider",
        "bigger",
        "smaller",
        "larger",
        "taller",
        "deeper",
        "richer",
        "calmer",
        "drier",
        "sooner",
        "louder",
        "tougher",
        "sharper",
        "slower",
        "fuller",
        "closer",
        "bolder",
        "firmer",
        "smoother",
        "sturdier",
        "roomier",
        "milder",
        "kinder",
        "shorter",
        "sweeter",
        "happier",
    }
)
"""Everyday comparatives: a comparison only with 'than' or right after a quantity ('6 years younger')."""

WEAK_TRIGGERS: frozenset[str] = (
    frozenset(
        {
            "more",
            "less",
            "only",
            "just",
            "from",
            "all",
            "every",
            "any",
            "made",
            "last",
            "off",
            "ship",
            "code",
            "times",
            "value",
            "top",
            "first",
            "most",
            "least",
            "whole",
            "store",
            "online",
            "money",
            "launch",
            "limited",
            "until",
            "works",
            "fast",
            "quick",
            "taste",
            "save",
            "clean",
            "ends",
            # the word's other forms, which the stem table reads as the same trigger: 'the end of the road',
            # 'working harder' say nothing on their own ('ends Sunday' is an offer end only with an offer word)
            "end",
            "ending",
            "ended",
            "work",
            "working",
            "worked",
            "risk",
            "green",
            "neutral",
            "skin",
            "hair",
            "lab",
            "standard",
            "official",
            "fits",
            "contains",
            "gift",
            "members",
            "trial",
            "none",
            "nothing",
            "zero",
            "treat",
            "treats",
            "region",
            "heart",
            "blood",
            "sleep",
            "energy",
            "stress",
            "damage",
            "weight",
            "proof",
            "ideal",
            "appropriate",
            "tolerated",
        }
    )
    | SOFT_COMPARATIVES
)
"""Trigger words too common to make a claim on their own: a sentence needs another trigger or a number."""


HARD_NOVEL_CATEGORIES: tuple[str, ...] = (
    "certification",
    "award",
    "superlative",
    "comparative",
    "health",
    "environmental",
    "offer",
    "price",
    "guarantee",
    "availability",
    "absolute",
    "outcome",
    "suitability",
    "resistance",
)
"""A claim-sentence word from these categories that the approved claim lacks always makes it unsupported."""

SOFT_CLAIM_WORDS: frozenset[str] = frozenset(
    {
        "only",
        "just",
        "from",
        "made",
        "any",
        "online",
        "money",
        "value",
        "last",
        "lasting",
        "store",
        "ship",
        "whole",
        "first",
        "top",
        "code",
        "offer",
        "offers",
    }
)
"""Category words with an everyday sense as well; added to a claim they count as wording, not as a new claim."""
