"""Places a claim can name, and which of Liftoff's regions each covers.

A place is a region word ('UK', 'Europe'), a country ('Germany', from ISO 3166 via ``pycountry``) or a wider
area ('North America', 'worldwide'). The claims check lets copy name a place only when the approved claim names
it or a place that covers it, or (for a claim that names no place) when it lies inside the region checked; a
country list widened to a continent, or a region widened to the world, is stopped.
"""

from __future__ import annotations

from functools import lru_cache

REGION_CODES: tuple[str, ...] = ("US", "UK", "EU", "CA", "APAC")
_EU = {
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
}
_APAC = {"AU", "JP", "SG", "NZ", "KR", "CN", "IN", "HK", "TW", "MY", "TH", "ID", "PH", "VN"}
_ALIASES = {
    "US": ("usa", "united states of america"),
    "GB": ("great britain", "england", "scotland", "wales"),
    "NL": ("holland",),
    "KR": ("south korea", "korea"),
    "CZ": ("czech republic",),
}
WIDE_PLACES: dict[str, tuple[str, ...]] = {
    "north america": ("US", "CA"),
    "the americas": ("US", "CA"),
    "americas": ("US", "CA"),
    "worldwide": REGION_CODES,
    "global": REGION_CODES,
    "globally": REGION_CODES,
    "internationally": REGION_CODES,
    "around the world": REGION_CODES,
    "across the world": REGION_CODES,
    "all over the world": REGION_CODES,
    "everywhere": REGION_CODES,
    "world-wide": REGION_CODES,
}
"""Areas wider than one region, with the regions they span."""

LEVEL_COUNTRY, LEVEL_REGION, LEVEL_WIDE = 1, 2, 3


def _region_of_country(alpha2: str) -> str:
    if alpha2 == "US":
        return "US"
    if alpha2 == "GB":
        return "UK"
    if alpha2 == "CA":
        return "CA"
    if alpha2 in _EU:
        return "EU"
    if alpha2 in _APAC:
        return "APAC"
    return alpha2  # outside every region Liftoff sells in


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Country name (lower case) -> the region code it lies in (or its own ISO code outside them)."""
    import pycountry  # lazy: start-up (pycountry)

    out: dict[str, str] = {}
    for c in pycountry.countries:
        region = _region_of_country(c.alpha_2)
        for name in {c.name, getattr(c, "common_name", c.name)}:
            if "," in name or "(" in name or len(name.split()) > 3:
                continue  # 'South Georgia and the South Sandwich Islands' is never a place copy names
            out[name.lower()] = region
    for alpha2, names in _ALIASES.items():
        for name in names:
            out[name] = _region_of_country(alpha2)
    return out


def covers(
    sentence_place: tuple[frozenset[str], int], claim_places: list[tuple[frozenset[str], int]]
) -> bool:
    """True when one of the claim's places is wider than the sentence's place and contains it ('Europe' covers
    'Spain'; 'Germany, France and the Netherlands' covers neither 'Spain' nor 'Europe')."""
    codes, level = sentence_place
    return any(codes <= c and level < lvl for c, lvl in claim_places)
