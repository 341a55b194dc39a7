"""Markets the brand library has no rules for, found at plan time: the Planner asks before anything is planned.

A region's rules in the library hold its disclaimers, the claims approved there and its channel rules. Copy for a
region the library does not cover would publish without its legal text, so the Planner neither plans it silently
nor drops it silently: it names the region and the places of the brief that put it there, and the two ways out (add
the region to the library, or drop it from this plan). An answer that drops it ('drop CA', 'leave out Canada') is
read here; the countries of a dropped region leave the plan with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pycountry

from graph.brief.disclaimer_check import drop_clauses
from graph.models.offline.places import region_of
from guards.library import BrandLibrary

REGION_NAMES = {
    "US": ("United States", "USA", "U.S.", "America"),
    "UK": ("United Kingdom", "Britain", "Great Britain", "U.K."),
    "EU": ("Europe", "European Union"),
    "CA": ("Canada",),
    "APAC": ("Asia-Pacific", "Asia Pacific", "Asia"),
}
"""Each region's code and the names people use for it in an answer."""


def unsold_regions(library: BrandLibrary, regions: Iterable[str]) -> list[str]:
    """The brief's regions the brand library has no rules for, in the brief's order."""
    return [r for r in regions if r not in library.regions]


def _country_words(code: str) -> list[str]:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return []
    names = {country.name, getattr(country, "common_name", country.name)}
    return sorted(names)


def _names_rx(region: str, countries: Iterable[str]) -> re.Pattern[str]:
    """Words naming ``region`` in an answer: its code (as written, upper case), its names, and the name and code
    of the brief's country in it when the brief names only one there."""
    inside = [c for c in countries if region_of(c) == region]
    if len(inside) > 1:  # 'drop Ireland' is not 'drop Europe' when the brief names Germany too
        inside = []
    codes = [region, *inside]
    words = [*REGION_NAMES.get(region, ()), *(w for c in inside for w in _country_words(c))]
    code_alt = "|".join(re.escape(c) for c in dict.fromkeys(codes))
    word_alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    pattern = rf"(?<![\w.])(?:{code_alt})(?![\w])"
    if word_alt:
        pattern += rf"|(?i:(?<![\w-])(?:{word_alt})(?![\w-]))"
    return re.compile(pattern)


_ITEM_SPLIT = re.compile(r"\s*(?:,|&|/|\band\b|\bor\b)\s*", re.IGNORECASE)
_ITEM_HEAD = re.compile(r"^(?:(?:the|our|in|for)\s+)+", re.IGNORECASE)
_ITEM_TAIL = re.compile(
    r"\s+(?:markets?|regions?|from (?:the|this) (?:plan|campaign)|too|as well|for now)\s*$", re.IGNORECASE
)


def region_drops(text: str, regions: Iterable[str], countries: Iterable[str]) -> set[str]:
    """The regions the text asks to leave out: an item of a clause after a verb of removal that is wholly a
    region's name (its code, its name, or one of the brief's countries in it): 'drop CA', "leave out Canada",
    'drop CA and paid_search'. A region inside a longer phrase ("don't use the UK offer") is not a drop."""
    countries = list(countries)
    items = [
        _ITEM_TAIL.sub("", _ITEM_HEAD.sub("", item.strip(" .!"))).strip()
        for clause in drop_clauses(text)
        for item in _ITEM_SPLIT.split(clause)
    ]
    return {r for r in regions if any(_names_rx(r, countries).fullmatch(item) for item in items)}


def region_questions(unsold: list[str], countries: Iterable[str]) -> list[str]:
    """One question per region the library has no rules for: the places that put it in the plan, and the choices
    (add the region to the library, or drop it)."""
    countries = list(countries)
    questions = []
    for region in unsold:
        named = [n for c in countries if region_of(c) == region for n in (_country_words(c)[:1] or [c])]
        where = f" ({', '.join(named)})" if named else ""
        questions.append(
            f"The brief's market {region}{where} has no rules in the brand library: no disclaimers or claims are "
            f"approved there, so copy for it cannot be checked. Add {region} to the library's regions (brand.yaml) "
            f"and run again, or drop {region} from this plan? To drop it, answer 'drop {region}'."
        )
    return questions
