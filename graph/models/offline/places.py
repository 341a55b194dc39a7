"""Places in a brief -> ISO countries (kept for lists and copy) and Liftoff's regions (derived).

Country names come from pycountry (official and common names, measured against a hand list on the dev set);
areas marketers use ("North America", "DACH", "Nordics", "Benelux"), well-known cities, and US/Canadian/Australian
states and provinces are resolved to their countries; towns of 15,000+ in English-speaking markets count after a
place preposition or in a list ('in Sevenoaks and Tonbridge'), lowercase cities too ('in austin'); country names in
other European languages come from babel ('Österreich'). A name several places share ('Georgia', 'Richmond',
'East London', 'Canterbury') resolves toward the countries the brief otherwise names or the budget's currency.
Top-level regions in their own language ('Bayern', 'Midtjylland', 'Munster', 'Southland') come from pycountry, US and
Canadian towns written the postal way ('Franklin, TN') from their state code, and case forms of inflecting languages
('w Warszawie') from ``place_inflect``. The name tables live in ``place_names``, the hand lists in ``gazetteer``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.models.offline.gazetteer import (
    _CASE_SENSITIVE,
    _COUNTRY_WORDS,
    _WORD_PLACES,
    APAC,
    AREAS,
    CITY_STOPWORDS,
    EUROPE,
)
from graph.models.offline.place_inflect import inflected_places
from graph.models.offline.place_names import (
    _SUB_COUNTRIES,
    _city_names,
    _country_names,
    _foreign_country_names,
    _place_re,
    _subdivision_names,
    _town_options,
    _town_pops,
    _town_re,
    _word_place_re,
    metro_pairs,
)
from graph.models.offline.place_words import STATE_CODE_RE, STATE_CODES, STATE_WORDS, addressed, word_places


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


_AREA_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<a{i}>{p})" for i, p in enumerate(AREAS)) + r")(?![\w-])", re.IGNORECASE
)
_CODE_RE = re.compile(
    r"(?<![\w.])(?:U\.S\.A\.|U\.S\.|U\.K\.|US|UK|CA|EU|IE)(?![\w])|(?<![\w-])(?:usa|uk|america|"
    r"united states)(?![\w-])",
    re.IGNORECASE,
)
_AMBIGUOUS = {"georgia": ("GE", "US")}
_US_STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "DC",
]
_CA_PROVINCES = frozenset(["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"])
_CITY_STATE = re.compile(
    r"(?<![\w-])(?P<town>[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){0,2}),[ \t]*(?P<st>"
    + "|".join([*_US_STATES, *sorted(_CA_PROVINCES)])
    + r")(?![\w$])(?![ \t]*\d)"
)
"""A US or Canadian town written the postal way ('Franklin, TN', 'Austin, TX', 'Whistler, BC'): the state code
settles the country (not the Canada code 'CA' in 'Fresno, CA')."""


def _in_a_name(text: str, start: int, end: int) -> bool:
    """A town word that opens a run of capitalised words and follows no place preposition is part of a name."""
    nxt = re.match(r"[ \t]+([A-Z][\w&'’-]*)", text[end:])
    if not nxt or _place_re().fullmatch(nxt.group(1)) or nxt.group(1) in ("and", "And"):
        return False
    if re.fullmatch(r"[A-Z][a-z]+s|Co\.?|Ltd\.?|Inc\.?|LLC|GmbH|Group", nxt.group(1)) and re.match(
        r"[ \t]+\S+(?:[ \t]*(?:[.,;:!?)\n]|$)|[ \t]+[a-z])", text[end:]
    ):
        return True  # 'from Clearwater Kayaks.', 'Portland Cycle Co': a town word and a trade word name a business
    run = re.match(r"[ \t]+[A-Z][\w&'’-]*[ \t]+([A-Z][\w&'’-]*)", text[end:])
    if run and not _place_re().fullmatch(run.group(1)) and run.group(1) not in ("And", "Or"):
        return True  # 'at Riverside Lawn Tennis Club': a run of three capitalised words is a name
    before = text[max(0, start - 16) : start]
    return not re.search(r"\b(?:in|into|to|from|across|around|near|of|at|outside)\s+$", before, re.IGNORECASE)


def _area_in_a_name(text: str, start: int, end: int) -> bool:
    """An area word followed by a capitalised word that is neither a place nor 'Region', 'Markets', ... and not
    after a place preposition is part of a name ('Nordic Bites', but 'DACH Region', 'in Nordic Countries')."""
    nxt = re.match(r"[ \t]+([A-Z][\w&'’-]*)", text[end:])
    if not nxt or re.fullmatch(
        r"(?:Regions?|Markets?|Countries|Area|Areas|States?|And|Or|Only)", nxt.group(1)
    ):
        return False
    return _in_a_name(text, start, end)


_TRAVEL = (
    r"(?:routes?|flights?|fares?|trips?|breaks?|getaways?|holidays?|cruises?|tours?|camps?|retreats?|stays?|"
    r"packages?|excursions?)"
)
_DESTINATION = re.compile(
    rf"\b{_TRAVEL}\s+(?:from\s+(?-i:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+)?(?:to|in)\s+", re.IGNORECASE
)
_DEST_LIST = r"\s*(?:,|&|\+|/|\band\b|\bor\b)\s*"


def destination_spans(text: str) -> list[tuple[int, int]]:
    """Places a travel product goes to ('routes to Lisbon & Porto', 'our English camp in Malta', 'the Dublin to
    Lisbon route', 'Rome and Lisbon weekend packages'): where the product is, not who the campaign reaches."""
    places = find_places(text)
    out: list[tuple[int, int]] = []

    def chain_from(i: int) -> None:
        out.append((places[i].start, places[i].end))
        while i + 1 < len(places) and re.fullmatch(_DEST_LIST, text[places[i].end : places[i + 1].start]):
            i += 1
            out.append((places[i].start, places[i].end))

    for m in _DESTINATION.finditer(text):
        # the first known place of the list after the cue ('routes to Nice & Marseille': Nice is a word-town)
        first = next(
            (
                i
                for i, p in enumerate(places)
                if p.start >= m.end()
                and re.fullmatch(r"(?:[A-Z][\w'’-]*" + _DEST_LIST + r")*", text[m.end() : p.start])
            ),
            None,
        )
        if first is not None:
            chain_from(first)
    for i in range(len(places)):  # 'Dublin to Lisbon route', 'Rome and Lisbon weekend packages'
        j = i
        while j + 1 < len(places) and re.fullmatch(
            _DEST_LIST + r"|\s+to\s+", text[places[j].end : places[j + 1].start]
        ):
            j += 1
        after = text[places[j].end : places[j].end + 40]
        if re.match(rf"\s+(?!\w+ing\b)(?:[a-z]+\s+){{0,2}}?{_TRAVEL}\b", after, re.IGNORECASE):
            # (but 'tourists in Taiwan planning a trip to Kyoto': the people there plan the trip)
            out += [(q.start, q.end) for q in places[i : j + 1]]
    return out


_PLACE_PREP = re.compile(
    # and the same words in the languages briefs arrive in ('à lyon et villeurbanne', 'em lisboa e porto')
    r"(?:\b(?:in|into|around|near|from|across|outside|of|throughout|covering|à|au|aux|dans|en|em|bei|nära|i)"
    r"|\b(?:and|or|et|und|och|og|y|e)|[,&/+])\s+$",
    re.IGNORECASE,
)


def _towns(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Towns and cities after a place preposition or in a list of places ('families in Sevenoaks and Tonbridge',
    lowercase 'in austin, denver and portland'), with every country that has a town of that name."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    last_end = -1
    for m in _town_re().finditer(text):
        before = text[max(0, m.start() - 14) : m.start()]
        prep = _PLACE_PREP.search(before)
        if not prep:
            continue
        listed = re.fullmatch(r"(?:and|or|et|und|och|og|y|e|[,&/+])", prep.group(0).strip(), re.IGNORECASE)
        if listed and (last_end < 0 or last_end < m.start() - 16):
            continue  # a list item counts only right after another place
        word = m.group(0)
        if word.islower() and (word in CITY_STOPWORDS or word not in _city_names()):
            continue  # lowercase: only cities of 100,000 or more ('in austin', not 'in enterprise software')
        if _in_a_name(text, m.start(), m.end()):
            continue
        out.append((m.start(), m.end(), _town_options()[word.lower()]))
        last_end = m.end()
    return out


_COMPASS = re.compile(r"^(?:east|west|north|south|central|greater|inner|outer)\s+", re.IGNORECASE)


def _options(p: PlaceMention) -> list[str]:
    name = p.text.lower()
    bare = _COMPASS.sub("", name)
    sub = _subdivision_names().get(name)
    sub = sub if sub in _SUB_COUNTRIES else None  # a US state or province keeps its one reading ('Ontario')
    opts = [
        *([sub] if sub else []),  # 'Canterbury' is a New Zealand region and a town in Kent
        *(_town_options().get(bare, ()) if bare != name else ()),
        *_town_options().get(name, ()),
    ]
    return list(dict.fromkeys(opts))


def _resolve_shared_names(found: list[PlaceMention], prefer: str | None = None) -> list[PlaceMention]:
    """A town name several countries share ('Richmond', 'East London') is read in the country the brief's other
    places are in ('Sevenoaks and Richmond' -> GB, 'Vancouver and Richmond' -> CA): first the countries of places
    with one reading, else the country the budget's currency is paid in, else the country most of the shared names
    have in common."""
    shared = {id(p): _options(p) for p in found if len(p.countries) == 1 and len(_options(p)) > 1}
    fixed = {c for p in found if id(p) not in shared for c in p.countries}
    votes: dict[str, tuple[int, int]] = {}  # country -> (shared names it has, people in them)
    for p in found:
        for c in shared.get(id(p), []):
            n, pop = votes.get(c, (0, 0))
            votes[c] = (n + 1, pop + _town_pops().get(_COMPASS.sub("", p.text.lower()), {}).get(c, 0))
    leaders = {opts[0] for opts in shared.values()}
    out: list[PlaceMention] = []
    for p in found:
        opts = shared.get(id(p))
        if opts and p.countries[0] not in fixed:
            leading = [c for c in opts if c in leaders]  # only a country some shared name is best known for
            pick = (
                next((c for c in opts if c in fixed), None)
                or (prefer if prefer in opts else None)  # 'Richmond' with a budget in pounds is in England
                or max(leading, key=lambda c: votes[c])
            )
            if pick != p.countries[0]:
                p = PlaceMention(p.text, p.start, p.end, (pick,), tuple(r for r in [region_of(pick)] if r))
        out.append(p)
    return out


@dataclass(frozen=True)
class PlaceMention:
    """A place in the brief: its words, the countries it stands for and the regions it implies."""

    text: str
    start: int
    end: int
    countries: tuple[str, ...]
    regions: tuple[str, ...]


def find_places(text: str, prefer: str | None = None) -> list[PlaceMention]:
    """Every place the text names, with its countries (ISO alpha-2) and regions, in order of appearance.

    Args:
        text: The brief.
        prefer: The country the budget's currency belongs to: the reading of a name several places share.
    """
    found: list[PlaceMention] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, countries: tuple[str, ...], regions: tuple[str, ...] = ()) -> None:
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        regs = tuple(dict.fromkeys([*regions, *(r for c in countries if (r := region_of(c)))]))
        found.append(PlaceMention(text[s:e], s, e, countries, regs))

    for m in _CITY_STATE.finditer(text):  # 'Franklin, TN', 'Whistler, BC': a town and its state's postal code
        town = m.group("town").lower()
        before = text[max(0, m.start() - 14) : m.start()]
        if town in _town_options() or re.search(
            r"\b(?:in|to|near|around|from|of|outside|and|or)\s+$", before, re.I
        ):
            add(m.start(), m.end(), ("CA",) if m.group("st") in _CA_PROVINCES else ("US",))
    for m in _AREA_RE.finditer(text):
        if m.group(0)[0].isupper() and _area_in_a_name(text, m.start(), m.end()):
            continue  # 'Nordic Bites', 'Midwest Dental': the company's name
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
    for s, e, code in metro_pairs(text):  # 'the Minneapolis-St. Paul area', 'Raleigh-Durham'
        add(s, e, (code,))
    for s, e, code in word_places(text):  # 'French shoppers', 'Markets: DE, AT', 'UK & ROI'
        add(s, e, (code,))
    for m in STATE_CODE_RE.finditer(text):  # 'NSW only', 'eastern states (QLD, NSW, VIC)', 'NZ only'
        add(m.start(), m.end(), (STATE_CODES[m.group(0)],))
    names, subs = _country_names(), _subdivision_names()
    for m in _place_re().finditer(text):
        low = m.group(0).lower()
        lower_state = subs.get(low) in ("US", "CA", "AU") and low not in STATE_WORDS
        if not m.group(0)[0].isupper() and (low not in names or low in _COUNTRY_WORDS) and not lower_state:
            continue  # 'turkey', 'chad', 'china' as ordinary words are not places; 'canada', 'texas' in a chat are
        cc = names.get(low) or subs.get(low) or _city_names().get(low) or _foreign_country_names().get(low)
        if cc and low not in names and _in_a_name(text, m.start(), m.end()):
            continue  # 'Riverside Food Bank', 'Portland Cycle Co': a town word inside a business name
        if cc:
            add(m.start(), m.end(), (cc,))
    for m in _word_place_re().finditer(text):  # 'commuters who drive into Reading', 'in Bath'
        low = m.group("w").lower()
        cc = subs.get(low) or _WORD_PLACES.get(low)
        if cc:
            add(m.start("w"), m.end("w"), (cc,))
    for s, e, options in _towns(
        text
    ):  # 'in Sevenoaks and Tonbridge', 'singles in austin, denver and portland'
        if not any(s < te and ts < e for ts, te in taken):
            named_now = {c for p in found for c in p.countries}
            pick = next((c for c in options if c in named_now), prefer if prefer in options else options[0])
            add(s, e, (pick,))
    for s, e, cc in inflected_places(text):  # 'w Warszawie i Krakowie', 'den Niederlanden'
        add(s, e, (cc,))
    found = _resolve_shared_names(found, prefer)
    named = {c for p in found for c in p.countries}
    for word, (country, state_of) in _AMBIGUOUS.items():
        for m in re.finditer(rf"(?<![\w-]){word}(?![\w-])", text, re.IGNORECASE):
            add(m.start(), m.end(), (state_of,) if state_of in named or state_of == prefer else (country,))
    found = [p for p in found if not addressed(text, p.start, p.end)]
    found.sort(key=lambda p: p.start)
    return found


_MONTHS_DAYS = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*|q[1-4]|h[12]",
    re.I,
)
_IN_NAME = re.compile(
    r"\b(?:in|around|near|across|from)\s+(?P<w>(?-i:[A-Z][\w'’-]+)(?:\s+(?:and|&|or)\s+(?-i:[A-Z][\w'’-]+))?)"
    r"|\bin\s+(?P<low>[a-z]{4,})\b",
    re.IGNORECASE,
)


def audience_town(audience: str, country: str | None) -> tuple[int, int] | None:
    """Where the audience lives when no place Liftoff knows is named: 'working parents in Didsbury and Chorlton'
    with a budget in pounds is in Britain (the currency's one country). A lowercase word counts only when that
    country has a town of the name ('adults in bath'). Returns the words' offsets in ``audience``."""
    if country is None:
        return None
    for m in _IN_NAME.finditer(audience):
        if m.group("w"):
            first = m.group("w").split()[0]
            if _MONTHS_DAYS.fullmatch(first) or first.isupper():
                continue
            return m.start("w"), m.end("w")
        if country in _town_pops().get(m.group("low"), {}) or _WORD_PLACES.get(m.group("low")) == country:
            return m.start("low"), m.end("low")
    return None
