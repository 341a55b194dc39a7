"""The campaign's theme, season or occasion as briefs name it: a labelled value, else a named occasion (holidays,
shopping days, festivals and the UK/US retail calendar however they are spelt: 'Mothers Day', 'Singles Day',
'Chinese New Year', 'end of tax year'), else a season. A season word that describes the people targeted
('homeowners with high summer electricity bills', 'women who holiday in Europe') is not the campaign's theme.
"""

from __future__ import annotations

import re

from graph.models.offline.channels import Found
from graph.models.offline.product_said import unbanned
from graph.models.offline.segments import Segment

OCCASIONS = (
    "back to school",
    "back to uni",
    "black friday",
    "cyber monday",
    "cyber week",
    "christmas",
    "xmas",
    "festive season",
    "the festive period",
    "valentine's day",
    "valentine's",
    "valentines day",
    "valentines",
    "mother's day",
    "mothers day",
    "mothering sunday",
    "father's day",
    "fathers day",
    "easter",
    "epiphany",
    "three kings day",
    "halloween",
    "thanksgiving",
    "chinese new year",
    "lunar new year",
    "new year's eve",
    "new year's day",
    "new year",
    "christmas eve",
    "freshers' week",
    "freshers week",
    "freshers",
    "welcome week",
    "black history month",
    "st andrew's day",
    "st david's day",
    "australia day",
    "canada day",
    "bastille day",
    "king's day",
    "midsummer",
    "holi",
    "diwali",
    "ramadan",
    "eid al-fitr",
    "eid al-adha",
    "eid",
    "hanukkah",
    "chanukah",
    "passover",
    "singles' day",
    "singles day",
    "prime day",
    "boxing day",
    "january sales",
    "january sale",
    "end of the tax year",
    "end of tax year",
    "tax year end",
    "st patrick's day",
    "bonfire night",
    "fourth of july",
    "july 4th",
    "labor day",
    "labour day",
    "memorial day",
    "veganuary",
    "dry january",
    "movember",
    "pride month",
    "world cup",
    "super bowl",
    "graduation season",
    "wedding season",
    "summer holidays",
    "summer holiday",
    "school holidays",
    "half-term",
    "half term",
    "pride",
    "presidents' day",
    "earth day",
    "record store day",
    "world book day",
    "small business saturday",
    "giving tuesday",
    "burns night",
    "oktoberfest",
    "golden week",
    "hogmanay",
    "tax season",
    "self-assessment deadline",
    "cherry blossom season",
    "carnival",
    "mardi gras",
    "cinco de mayo",
    "juneteenth",
    "independence day",
    "bank holiday",
    # school breaks, and occasions of other markets
    "spring break",
    "summer break",
    "winter break",
    "march break",
    "white day",
    "songkran",
    "chuseok",
    "hari raya",
    "mid-autumn festival",
    "moon festival",
    "dragon boat festival",
    "loy krathong",
    "children's day",
    "teachers' day",
    "navratri",
    "dussehra",
    "onam",
    "pongal",
    "rosh hashanah",
    "sinterklaas",
    "koningsdag",
    "three kings day",
    "day of the dead",
    "día de muertos",
    "carnaval",
    "fête des mères",
    "fête des pères",
    "muttertag",
    "vatertag",
    "black week",
    "double 11",
    "festival season",
    "ski season",
    "harvest festival",
    "st nicholas day",
    # public and religious holidays named the way calendars name them
    "lent",
    "advent",
    "pentecost",
    "whitsun",
    "yom kippur",
    "veterans day",
    "remembrance day",
    "remembrance sunday",
    "armistice day",
    "heritage day",
    "victoria day",
    "anzac day",
    "waitangi day",
    "columbus day",
    "martin luther king day",
    "mlk day",
    "st george's day",
    "national day",
    "reconciliation day",
    "youth day",
    "women's day",
    "international women's day",
    "workers' day",
    "may day",
    "golden week",
)
FOREIGN = {
    # occasions and seasons as briefs in other languages name them -> the English theme
    "navidad": "christmas",
    "natale": "christmas",
    "noël": "christmas",
    "weihnachten": "christmas",
    "kerst": "christmas",
    "kerstmis": "christmas",
    "jul": "christmas",
    "boże narodzenie": "christmas",
    "święta bożego narodzenia": "christmas",
    # Epiphany, the Three Kings: 'l'Épiphanie', 'Dreikönigstag', 'Día de Reyes', 'la Befana'
    "épiphanie": "epiphany",
    "epifania": "epiphany",
    "epifanía": "epiphany",
    "dreikönigstag": "epiphany",
    "heilige drei könige": "epiphany",
    "día de reyes": "epiphany",
    "reyes magos": "epiphany",
    "befana": "epiphany",
    "driekoningen": "epiphany",
    "walentynki": "valentine's day",
    "san valentín": "valentine's day",
    "san valentino": "valentine's day",
    "saint-valentin": "valentine's day",
    "valentinstag": "valentine's day",
    "valentijnsdag": "valentine's day",
    "dia dos namorados": "valentine's day",
    "ostern": "easter",
    "pâques": "easter",
    "pasqua": "easter",
    "páscoa": "easter",
    "semana santa": "easter",
    "wielkanoc": "easter",
    "pasen": "easter",
    "día de la madre": "mother's day",
    "festa della mamma": "mother's day",
    "dia das mães": "mother's day",
    "dzień matki": "mother's day",
    "moederdag": "mother's day",
    "nochevieja": "new year's eve",
    "silvester": "new year's eve",
    "capodanno": "new year",
    "réveillon": "new year's eve",
    "rentrée": "back to school",
    "vuelta al cole": "back to school",
    "schulanfang": "back to school",
}
"""Occasions in the languages briefs arrive in (a word that is also an English word is left out)."""
FOREIGN_SEASONS = {
    "verão": "summer",
    "verano": "summer",
    "été": "summer",
    "sommer": "summer",
    "zomer": "summer",
    "sommersaison": "summer",
    "sommerferien": "summer holidays",
    "invierno": "winter",
    "inverno": "winter",
    "hiver": "winter",
    "wintersaison": "winter",
    "zima": "winter",
    "primavera": "spring",
    "frühling": "spring",
    "printemps": "spring",
    "lente": "spring",
    "otoño": "autumn",
    "outono": "autumn",
    "autunno": "autumn",
    "herbst": "autumn",
    "automne": "autumn",
    "najaar": "autumn",
    "jesień": "autumn",
}
SEASONS = (
    "holiday season",
    "the holidays",
    "holidays",
    "holiday",
    "summer",
    "spring",
    "autumn",
    "fall",
    "winter",
)
ABBREVIATIONS = {
    # occasions as marketers abbreviate them, in capitals only (never a word of the sentence) -> the English theme
    "LNY": "lunar new year",
    "CNY": "chinese new year",
    "BFCM": "black friday",
    "BTS": "back to school",
    "NYE": "new year's eve",
    "EOFY": "end of tax year",
}
_ALL = sorted(OCCASIONS + SEASONS + tuple(FOREIGN) + tuple(FOREIGN_SEASONS), key=len, reverse=True)


def _pattern(term: str) -> str:
    """A theme term however it is spelt: any apostrophe or none, spaces or hyphens, 'st.' or 'st'."""
    out = re.escape(term).replace("\\-", "\\ ").replace("\\.", "\\.?").replace("'", "['’]?")
    return out.replace("\\ ", "[\\s-]+")


_THEME_RE = re.compile(
    r"(?<![\w])(?:"
    + "|".join(_pattern(t) for t in _ALL)
    + r"|(?-i:[A-ZÄÖÜ][a-zäöüß]{3,}(?:fest|feest))"
    + r"|(?-i:"
    + "|".join(ABBREVIATIONS)
    + r"))(?![\w])",
    re.IGNORECASE,
)
"""A theme word, or a named local festival ('the Frühlingsfest', 'Stadtfeest')."""
_CAMPAIGN_WORDS = re.compile(
    r"\b(?:promot\w*|push\w*|campaign|ads?|advert\w*|sales?|offers?|launch\w*|run\w*|brief|theme|target\w*|"
    r"want|need|sell\w*|special|drive|boost|book\w*|for|ahead|before|during|over|this|next|until|till|from)\b",
    re.IGNORECASE,
)
_DESCRIBES = re.compile(r"\b(?:is|are|peaks?|gets?|starts?|begins?|ends?|falls?|lasts?)\b", re.IGNORECASE)
_OCCASION_KEYS = frozenset(
    re.sub(r"[\s'’.-]+", "", o.lower()) for o in (*OCCASIONS, *FOREIGN, *ABBREVIATIONS)
)
_NAMES_A_TIME = re.compile(r"\s+(?:holidays?|break|season|months|term|vacation)\b", re.IGNORECASE)
"""'their summer holidays': a season that names a time is the theme even inside the audience."""
_SEASON_AS_VERB = re.compile(r"\b(?:who|we|they|you|i|to|people|families|couples)\s+$", re.IGNORECASE)
_LOOKS_BACK = re.compile(r"\b(?:last|previous|past|prior)\s+$", re.IGNORECASE)
"""'Last winter 640 homes were insulated': a season gone by is background, not the campaign's theme."""
_FALL_BEFORE = re.compile(r"(?:(?:^|\n|:)\s*|\b(?:this|next|in|during|through|throughout)\s+)$", re.I)
"""'when: fall, Sept 13 – Nov 14', 'this fall': the season, not the verb."""
_FALL_SEASON = re.compile(r"\s+(?:\d{4}|season|range|collection|campaign|sale|launch|push|drop)\b", re.I)


def _key(raw: str) -> str:
    return re.sub(r"[\s'’.-]+", "", raw.lower())


_SPELLING = {_key(o): o for o in OCCASIONS if "'" in o}
"""'mothers day', 'Valentines', 'St. Patricks Day' -> the spelling with the apostrophe."""


def _norm_theme(raw: str) -> str:
    value = re.sub(r"[\s-]+", " ", raw.lower().replace("’", "'")).strip()
    english = _ENGLISH.get(_key(value))
    if english:
        return english
    if re.fullmatch(r"[a-zäöüß]{4,}(?:fest|feest)", value) and _key(value) not in _OCCASION_KEYS:
        return raw.strip()  # a festival's own name, as written
    return _SPELLING.get(_key(value), value)


_ENGLISH = {_key(k): v for k, v in (*FOREIGN.items(), *FOREIGN_SEASONS.items(), *ABBREVIATIONS.items())}


def _is_occasion(m: re.Match[str]) -> bool:
    word = m.group(0)
    return _key(word) in _OCCASION_KEYS or bool(_FESTIVAL.fullmatch(word))


_FESTIVAL = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{3,}(?:fest|feest)")


def _background(text: str, m: re.Match[str]) -> bool:
    """A season named in a sentence that only describes the world ('The water is 17 degrees in spring, bring a
    wetsuit!', 'The garden is at its best in summer.'): no campaign word around it, so it is not the theme."""
    s = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, m.end()) for c in ".!?\n") if i >= 0]
    sentence = (
        text[s : m.start()] + " " + text[m.end() : min(ends) if ends else len(text)]
    )  # 'fall' is no verb
    return bool(_DESCRIBES.search(sentence)) and not _CAMPAIGN_WORDS.search(sentence)


_DESCRIBES_OCCASION = re.compile(r"\b(?:peaks?|falls?|lasts?|is\s+busiest)\s+(?:in|on|around)\b", re.I)
"""'Wedding season peaks in November.': a sentence about when an occasion happens is background."""


def _occasion_background(text: str, m: re.Match[str]) -> bool:
    ends = [i for i in (text.find(c, m.end()) for c in ".!?\n") if i >= 0]
    after = text[m.end() : min(ends) if ends else len(text)]
    return bool(_DESCRIBES_OCCASION.match(after.lstrip())) and not _CAMPAIGN_WORDS.search(after)


def find_theme(
    text: str, segments: list[Segment], product: Found | None, audience: Found | None = None
) -> Found | None:
    """The theme, season or occasion: a labelled value, else a named occasion, else a season (one named outside
    the product's name first; never one inside the audience's words or used as a verb)."""
    for seg in segments:
        if seg.field == "theme" and seg.value:
            value = re.sub(r"\s*\([^)]*\)?\s*$", "", seg.value).strip(" .")  # 'Mother's Day (France, 30 May)'
            return Found(_norm_theme(value), seg.value_start, seg.value_start + len(value))

    def describes_people(m: re.Match[str]) -> bool:
        return bool(
            _SEASON_AS_VERB.search(text[max(0, m.start() - 12) : m.start()])
            or (
                audience is not None
                and audience.start < m.start() < audience.end
                and not re.search(
                    r"\b(?:this|next|for|over\s+the)\s+$", text[max(0, m.start() - 12) : m.start()], re.I
                )
                and not _NAMES_A_TIME.match(text, m.end())
            )
            or (
                m.group(0).lower() == "fall"
                and not _FALL_SEASON.match(text[m.end() :])
                and not _FALL_BEFORE.search(text[max(0, m.start() - 16) : m.start()])
            )
        )

    allowed = unbanned(
        text
    )  # what the brief says not to use ('the New Year offer is finished, do not use it')
    hits = [
        m
        for m in _THEME_RE.finditer(text)
        if allowed[m.start() : m.end()] == m.group(0)
        and not _LOOKS_BACK.search(text[max(0, m.start() - 16) : m.start()])
        and (_is_occasion(m) or not describes_people(m))
        and (m.group(0).lower() not in ("pride", "lent", "advent") or m.group(0)[0].isupper())
        and (not _occasion_background(text, m) if _is_occasion(m) else not _background(text, m))
    ]

    def in_product(m: re.Match[str]) -> bool:
        return product is not None and product.start <= m.start() < product.end

    # a festival's name inside the product is what is sold ('Kanaalfest 2027 Weekend Tickets'), not an occasion
    hits = [
        m
        for m in hits
        if not (_FESTIVAL.fullmatch(m.group(0)) and _key(m.group(0)) not in _OCCASION_KEYS and in_product(m))
    ]
    occasions = [m for m in hits if _is_occasion(m)]

    for group in (occasions, [m for m in hits if not in_product(m)], hits):
        if group:
            m = group[0]
            return Found(_norm_theme(m.group(0)), m.start(), m.end())
    return None
