"""Words around a number: qualifiers before it, condition leads, direction and rate-scope words after it."""

from __future__ import annotations

QUALIFIERS: dict[tuple[str, ...], str] = {
    ("up", "to"): "up_to",
    ("as", "much", "as"): "up_to",
    ("as", "many", "as"): "up_to",
    ("a", "maximum", "of"): "up_to",
    ("maximum", "of"): "up_to",
    ("max",): "up_to",
    ("maximum",): "up_to",
    ("at", "least"): "at_least",
    ("a", "minimum", "of"): "at_least",
    ("minimum", "of"): "at_least",
    ("min",): "at_least",
    ("minimum",): "at_least",
    ("no", "less", "than"): "at_least",
    ("no", "fewer", "than"): "at_least",
    ("starting", "at"): "at_least",
    ("from",): "at_least",
    ("more", "than"): "more_than",
    ("over",): "more_than",
    ("above",): "more_than",
    ("greater", "than"): "more_than",
    ("in", "excess", "of"): "more_than",
    ("upwards", "of"): "more_than",
    ("beyond",): "more_than",
    ("larger", "than"): "more_than",
    ("bigger", "than"): "more_than",
    ("longer", "than"): "more_than",
    ("less", "than"): "less_than",
    ("fewer", "than"): "less_than",
    ("under",): "less_than",
    ("below",): "less_than",
    ("within",): "less_than",
    ("smaller", "than"): "less_than",
    ("shorter", "than"): "less_than",
    ("no", "more", "than"): "at_most",
    ("at", "most"): "at_most",
    ("about",): "approx",
    ("around",): "approx",
    ("approximately",): "approx",
    ("approx",): "approx",
    ("roughly",): "approx",
    ("nearly",): "approx",
    ("almost",): "approx",
    ("close", "to"): "approx",
    ("some",): "approx",
    ("circa",): "approx",
    ("~",): "approx",
    ("exactly",): "exact",
    ("only",): "exact",
    ("just",): "exact",
    ("a", "full"): "exact",
}
"""Phrases right before a number -> qualifier."""

CONDITION_QUALIFIERS: frozenset[tuple[str, ...]] = frozenset(
    {
        ("larger", "than"),
        ("bigger", "than"),
        ("smaller", "than"),
        ("longer", "than"),
        ("shorter", "than"),
    }
)
"""Qualifiers that always restrict what the claim applies to ('particles larger than 2 microns')."""

CONDITION_LEADS: frozenset[str] = frozenset(
    {
        "on",
        "for",
        "with",
        "when",
        "if",
        "orders",
        "order",
        "purchases",
        "purchase",
        "baskets",
        "basket",
        "spend",
        "spending",
        "spends",
        "items",
        "particles",
        "sizes",
    }
)
"""Words shortly before a bounded number that make it a condition ('free shipping on orders over $35')."""

DIRECTION_WORDS: dict[str, str] = {
    "more": "more",
    "extra": "more",
    "additional": "more",
    "greater": "more",
    "higher": "more",
    "less": "less",
    "fewer": "less",
    "lower": "less",
    "cheaper": "less",
    "off": "off",
}
"""Words right after a quantity that give its direction ('300 fewer bottles', '25% off')."""

SCOPE_LEADS: frozenset[str] = frozenset({"per", "a", "an", "each", "every"})
"""Words that start a rate scope right after a quantity ('per litre', 'a day')."""
