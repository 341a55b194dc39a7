"""Creative lines of the offline composer: subjects, headlines and openers from the brief's theme, audience and
product. They state no fact (no number, comparison, superlative, offer, guarantee, health or environmental word),
so the claims check reads them as ``no_claim``; the templates rotate by variant and channel."""

from __future__ import annotations

import re
from typing import Any

from graph.models.offline.theme import OCCASIONS

_MAX_AUDIENCE = 48
"""Longest audience phrase a creative line quotes (longer ones read as a spec, not copy)."""


def _clean(value: object) -> str:
    text = re.sub(r"\s+", " ", str(value or "")).strip().strip(".,;:!?\"'“”‘’")
    return text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_start(text: str) -> str:
    """Lower-case the first word unless it is a name or an acronym (Black Friday, UK families)."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and (first[1:2].isupper() or first in _PROPER or not first[1:].islower()):
        return text
    return text[:1].lower() + text[1:]


_PROPER = frozenset(
    {
        "Christmas",
        "Easter",
        "Halloween",
        "Diwali",
        "Ramadan",
        "Eid",
        "Hanukkah",
        "Thanksgiving",
        "Black",
        "Cyber",
        "Prime",
        "Mother's",
        "Father's",
        "Valentine's",
        "Boxing",
        "Lunar",
        "Chinese",
        "New",
        "Singles'",
        "St",
        "Oktoberfest",
        "Earth",
        "World",
        "International",
        "National",
    }
)


def is_proper_name(text: str) -> bool:
    """A name written with capitals on every word ('Lingomori Talk', 'Sign Pro', 'Pendel 7E'): a proper name takes
    no article and is never shortened; a description ('winter coats') does."""
    words = text.split()
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def product_label(payload: dict[str, Any]) -> str:
    """How copy names what it sells: a product's proper name as written ('Lingomori Talk', never 'the Talk'), 'the
    <product>' for a description (without the brand's name in front: 'the Aria kettle'), else the brand."""
    product = _clean(payload.get("product"))
    brand = _clean(payload.get("brand_name")) or "us"
    if not product or product.lower() == brand.lower():
        return brand
    rest = product[len(brand) + 1 :] if product.lower().startswith(brand.lower() + " ") else ""
    if rest and not is_proper_name(
        rest
    ):  # 'Kettlewise Aria kettle' -> 'the Aria kettle'; 'Lingomori Talk' stays
        product = rest
    if product.lower().startswith(("the ", "our ", "your ")) or is_proper_name(product):
        return product
    return f"the {product}"


def _occasion(theme: str) -> str:
    """A named occasion in its own capitals ('mother's day' -> "Mother's Day", 'black friday' -> 'Black Friday');
    a season or anything else as written."""
    if theme.lower() not in OCCASIONS or not theme.islower():
        return theme
    small = {"to", "of", "and", "the", "a"}
    words = [w if w in small and i else w[:1].upper() + w[1:] for i, w in enumerate(theme.split())]
    return " ".join(words) if _cap(theme.split()[0]) in _PROPER else theme


def _bare(theme: str) -> str:
    """The theme without its article, for 'Your …' and 'This …' ('the new tax year' -> 'new tax year')."""
    return re.sub(r"^(?:the|a|an|our|your)\s+", "", theme, flags=re.IGNORECASE)


def _parts(payload: dict[str, Any]) -> tuple[str, str, str]:
    theme = _occasion(_clean(payload.get("theme")))
    audience = _clean(payload.get("audience"))
    if len(audience) > _MAX_AUDIENCE:
        audience = ""
    return (
        _lower_start(theme) if theme else "",
        _lower_start(audience) if audience else "",
        product_label(payload),
    )


def _rotate(lines: list[str], turn: int) -> list[str]:
    lines = list(dict.fromkeys(line for line in lines if line))
    if not lines:
        return []
    k = turn % len(lines)
    return lines[k:] + lines[:k]


def title_lines(payload: dict[str, Any], turn: int) -> list[str]:
    """Subject/headline candidates, best first for this variant and channel (the composer takes the first that
    fits the field's limit)."""
    theme, audience, product = _parts(payload)
    themed: list[str] = []
    short: list[str] = []
    if theme:
        themed += [
            f"{_cap(theme)} with {product}",
            f"Your {_bare(theme)}, with {product}",
            f"{_cap(product)}, set for {theme}",
            f"{_cap(theme)}: say hello to {product}",
        ]
        if audience:
            themed.insert(1, f"{_cap(theme)} for {audience}")
        short += [f"Ready for {theme}?", f"{_cap(theme)} starts here", f"{_cap(theme)}, your way"]
    generic = [f"{_cap(product)}, for {audience}", f"For {audience}: {product}"] if audience else []
    generic += [f"Say hello to {product}", f"Meet {product}", f"A closer look at {product}"]
    if audience:
        short.append(f"For {audience}")
    # the product first: a title without it only when nothing naming the product fits the field
    return _rotate(themed, turn) + _rotate(generic, turn) + _rotate(short, turn) + [_cap(product)]


def opener_lines(payload: dict[str, Any], turn: int, channel: str) -> list[str]:
    """Body openers (one sentence, no fact), best first for this variant and channel."""
    theme, audience, product = _parts(payload)
    lines: list[str] = []
    if theme and audience:
        lines += [
            f"For {audience}, {theme} starts with {product}.",
            f"{_cap(theme)} is here, and so is {product}.",
            f"Get set for {theme} with {product}.",
        ]
    elif theme:
        lines += [
            f"Get set for {theme} with {product}.",
            f"{_cap(theme)} is here, and so is {product}.",
            f"This {_bare(theme)}, say hello to {product}.",
        ]
    elif audience:
        lines += [f"For {audience}: say hello to {product}.", f"Here is {product}, picked for {audience}."]
    short = [f"{_cap(theme)} with {product}." if theme else f"Say hello to {product}.", f"Meet {product}."]
    if channel in ("sms", "paid_search", "display"):
        return short + _rotate(lines, turn)
    return _rotate(lines, turn) + short
