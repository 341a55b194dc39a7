"""Places named other ways than a place name: nationality words before the people they describe ('French and
Belgian shoppers', 'Americans', 'Californian surfers'), ISO country codes in a markets line or list ('Markets:
DE, AT', 'across FR/BE/NL'), 'UK & ROI'; and places that are not the campaign's market because they say where
the company sits ('our HQ is in Berlin', 'head office in Dublin', 'made in Italy') when other places remain.
"""

from __future__ import annotations

import re
from functools import cache

from graph.models.offline.demonyms import (
    FOREIGN_ALT,
    foreign_code,
    foreign_re,
    library_demonyms,
    library_plurals,
)
from graph.models.offline.people import PEOPLE as PEOPLE_WORDS
from graph.models.offline.place_names import _country_names, _foreign_country_names

DEMONYMS: dict[str, str] = {
    "american": "US",
    "canadian": "CA",
    "mexican": "MX",
    "british": "GB",
    "english": "GB",
    "scottish": "GB",
    "welsh": "GB",
    "northern irish": "GB",
    "irish": "IE",
    "french": "FR",
    "german": "DE",
    "austrian": "AT",
    "swiss": "CH",
    "dutch": "NL",
    "belgian": "BE",
    "luxembourgish": "LU",
    "spanish": "ES",
    "portuguese": "PT",
    "italian": "IT",
    "greek": "GR",
    "danish": "DK",
    "swedish": "SE",
    "norwegian": "NO",
    "finnish": "FI",
    "icelandic": "IS",
    "polish": "PL",
    "czech": "CZ",
    "hungarian": "HU",
    "romanian": "RO",
    "croatian": "HR",
    "australian": "AU",
    "new zealand": "NZ",
    "japanese": "JP",
    "korean": "KR",
    "south korean": "KR",
    "chinese": "CN",
    "indian": "IN",
    "singaporean": "SG",
    "malaysian": "MY",
    "brazilian": "BR",
    "emirati": "AE",
    "californian": "US",
    "texan": "US",
    "floridian": "US",
    "new yorker": "US",
}
PLURAL_DEMONYMS: dict[str, str] = {
    "americans": "US",
    "canadians": "CA",
    "brits": "GB",
    "britons": "GB",
    "scots": "GB",
    "germans": "DE",
    "austrians": "AT",
    "belgians": "BE",
    "italians": "IT",
    "spaniards": "ES",
    "aussies": "AU",
    "australians": "AU",
    "kiwis": "NZ",
    "new zealanders": "NZ",
    "californians": "US",
    "texans": "US",
    "new yorkers": "US",
    "londoners": "GB",
    "parisians": "FR",
    "berliners": "DE",
}
_PEOPLE = (
    r"(?:shoppers|customers|consumers|buyers|families|parents|users|homeowners|renters|residents|"
    r"households|businesses|companies|firms|smes|retailers|brands|startups|market|markets|audiences?|drivers|"
    r"travell?ers|holidaymakers|fans|readers|gamers|subscribers|members|professionals|investors|patients|"
    r"clinics|practices|schools|universities|hotels|gyms|farmers|nurses|"
    r"doctors|dentists|vets|accountants|landlords|tenants|commuters|runners|cyclists|golfers|surfers|skiers|"
    r"hikers|gardeners|pet owners|dog owners|cat owners|women|men|mums|moms|dads|millennials|teens|seniors|"
    r"retirees|expats|viewers|listeners|donors|supporters|voters|patrons|guests|owners|"
    rf"employers|employees|workers|freelancers|founders|ctos|cfos|ceos|marketers|developers|{PEOPLE_WORDS})"
)
_ADJ = r"(?:(?:small|local|independent|young|new|existing|online|affluent|urban|rural|first-time|busy)\s+)?"


@cache
def _demonyms() -> dict[str, str]:
    """The library's nationality adjectives, the hand list's regional ones ('Californian', 'Texan') over them."""
    return {**library_demonyms(), **DEMONYMS}


@cache
def _plurals() -> dict[str, str]:
    return {**library_plurals(), **PLURAL_DEMONYMS}


@cache
def _one_re() -> re.Pattern[str]:
    one = "|".join(sorted((re.escape(d).replace("\\ ", r"\s+") for d in _demonyms()), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{one})(?![\w-])", re.IGNORECASE)


@cache
def _demonym_re() -> re.Pattern[str]:
    one = _one_re().pattern
    joined = rf"{one}(?:\s*(?:,|/|&|\band\b|\bor\b|\+)\s*{one})*"
    return re.compile(rf"(?P<list>{joined})\s+{_ADJ}{_PEOPLE}(?![\w-])", re.IGNORECASE)


@cache
def _plural_re() -> re.Pattern[str]:
    alts = "|".join(sorted((re.escape(d).replace("\\ ", r"\s+") for d in _plurals()), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


@cache
def _alpha2() -> frozenset[str]:
    import pycountry  # lazy: start-up (pycountry)

    return frozenset(c.alpha_2 for c in pycountry.countries) | {"UK"}


_LIVES_ELSEWHERE = re.compile(
    r"(?:\s+(?:and|&|or|\+|[\w-]+)){0,4}?\s+(?:(?:living|based|working|studying|settled)\s+)?"
    r"(?:in|across|throughout|around)\s+(?:the\s+)?(?-i:[A-Z])",
    re.IGNORECASE,
)
"""'Filipino nurses in the UK', 'Turkish families living in Germany': a diaspora, the market is where they live."""


@cache
def _foreign_list_re() -> re.Pattern[str]:
    """Other languages' nationality adjectives beside a people noun: after it in French, Spanish, Italian and
    Portuguese ('couples belges et suisses', 'turistas alemanes y franceses'), before it in German and Dutch."""
    one = rf"(?<![\w-])(?i:{FOREIGN_ALT})(?![\w-])"
    joined = rf"{one}(?:\s*(?:,|/|&|\bet\b|\be\b|\by\b|\bund\b|\ben\b|\bou\b|\bo\b|\bor\b)\s*{one})*"
    people = rf"(?<![\w-])(?i:{PEOPLE_WORDS})(?![\w-])"
    return re.compile(
        rf"{people}(?:\s+[\w-]+)?\s+(?P<post>{joined})|(?P<pre>{joined})\s+(?:[\w-]+\s+)?{people}"
    )


_CODE_LIST = re.compile(r"(?<![\w.])[A-Z]{2}(?:\s*(?:,|/|&|\+|\band\b|\bor\b)\s*[A-Z]{2})+(?!\w|\.\w)")
_CODE_CUE = re.compile(
    r"\b(?:in|across|markets?|countries|regions?|territories|geos?)\s*:?\s*$", re.IGNORECASE
)
_ROI = re.compile(r"(?<=\bUK)\s*(?:&|and|\+|/|,)\s*(?P<roi>ROI)\b")
_NOT_MARKET = re.compile(
    r"\b(?:hq|headquarter(?:s|ed)|head\s+office|based|offices?|registered|founded|made|manufactured|"
    r"brewed|produced|designed|born|team|warehouses?|factory|factories|branches|stores|shops|sites|studios|clinics|"
    r"premises)\s+(?:is\s+|are\s+)?(?:based\s+|located\s+)?(?:in|at|out\s+of)\s+"
    r"(?:[\w'’-]+\s*(?:,|and|&)\s*){0,6}$"
    r"|\b(?:company|business|firm|brand|agency|charity|startup|start-up|studio|shop|bakery|brewery|practice|"
    r"clinic|family\s+business|organisation|organization)\s+(?:based\s+)?(?:in|from|out\s+of)\s+$"
    r"|\bwe\s+(?:operate|own|manage|run)\s+(?:[\d,.]+\s+)?[\w'’ -]{0,30}?\b(?:in|across|throughout)\s+$"
    r"|\bthere\s+(?:are|is|were|was)\s+[^.;!?\n]{0,40}?\b(?:in|across)\s+$"
    r"|\b(?:event|conference|expo|exhibition|summit|trade\s+show|stand|venue)\b(?:\s+[\w'’-]+){0,3}\s+(?:in|at)\s+$"
    # a place ruled out, in English or the brief's language: '(not the Netherlands)', 'excluding Quebec',
    # '(niet Nederland)', 'außer Österreich', 'sauf la Corse', 'excepto Canarias'
    r"|\b(?:not|niet|nicht|pas|excluding|except|excl\.?|apart\s+from|other\s+than|outside\s+of|sauf|hors|"
    r"außer|ausgenommen|ohne|behalve|excepto|salvo|tranne|eccetto|exceto|oprócz)\s+"
    r"(?:(?:in|the|en|la|le|les|el|los|il|die|der|den|das|de|o|a)\s+)?$",
    re.IGNORECASE,
)
_NOT_MARKET_AFTER = re.compile(
    r"[\w .'’-]{0,30}?(?:\s*\(\s*|\s*[,—–-]\s*)(?:not|no|niet|nicht|pas)\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:target(?:ed)?|market|focus|in\s+scope)"
    # the company as the subject: 'Hanayome Kimono Rental in Kyoto wants to ...', 'X in Whistler, BC is launching'
    r"|[\w .'’-]{0,25}?(?:,\s*[A-Z][\w .'’-]{0,20}?)?\s+(?:wants|would\s+like|needs|plans|is\s+(?:launching|"
    r"looking|promoting|selling|running|planning|opening)|has\s+(?:launched|opened))\b",
    re.IGNORECASE,
)
"""'Phuket, Thailand (not a target market)'; 'Studio X in Kyoto wants to promote ...': not a market."""
_LATER_AFTER = re.compile(
    r"(?:[A-Z][\w'’-]*\s+){0,2}?[A-Z][\w'’-]*\s+(?:is|are|comes?|will\s+come)\s+(?:a\s+|an\s+|for\s+)?(?:Q[1-4]|H[12]|"
    r"later|next\s+(?:year|quarter)|phase\s+(?:2|3|two|three)|another\s+time)\b"
    r"|(?:[A-Z][\w'’-]*\s+){0,2}?[A-Z][\w'’-]*\s+(?:(?:can|will)\s+wait|later|next\s+year)\b\s*(?:[,.;)]|$)"
)
"""A place left for later: 'Canada is a Q3 thing', 'Germany comes later', 'France can wait', 'Italy next year'."""
_GREETING_FROM = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][\w'’]*(?:[ \t]+[\w'’]+)?[ \t]+from[ \t]+(?:sunny[ \t]+|rainy[ \t]+)?$"
)
"""'Kalimera from Athens!', 'Greetings from sunny Porto!': where the writer sits (the place is followed by '!')."""
_SUBJECT_BEFORE = re.compile(r"[A-Z][\w'’&.-]*(?:\s+[A-Z&][\w'’&.-]*){0,5}\s+(?:in|of)\s+$")


_MARKET_LINE = re.compile(
    r"(?im)(?:^|(?<=[.;!?]\s))[ \t]*[-*•]?[ \t]*(?:target[ \t]+)?(?:markets?|countries|country|regions?|geos?|geography|"
    r"territor(?:y|ies)|locations?|where)[ \t]*[:=\-–][ \t]*(?P<v>.*)$"
)


def word_places(text: str) -> list[tuple[int, int, str]]:
    """(start, end, country) for every nationality word before people, plural nationality noun, country code in
    a markets line or a list of codes after 'in'/'across', and 'ROI' after 'UK'."""
    out: list[tuple[int, int, str]] = []
    for m in _demonym_re().finditer(text):
        if _LIVES_ELSEWHERE.match(text, m.end()):
            continue  # 'Filipino nurses and carers in the UK': the people live in the place named after them
        for d in _one_re().finditer(m.group("list")):
            at = m.start("list") + d.start()
            if text[at].isupper():
                out.append((at, at + len(d.group(0)), _demonyms()[re.sub(r"\s+", " ", d.group(0).lower())]))
    for m in _plural_re().finditer(text):
        word = re.sub(r"\s+", " ", m.group(0).lower())
        if m.group(0)[0].isupper() or (m.group(0).islower() and word in PLURAL_DEMONYMS):
            out.append((m.start(), m.end(), _plurals()[word]))
    for m in _foreign_list_re().finditer(
        text
    ):  # 'couples belges et suisses', 'deutsche und Schweizer Kunden'
        for f in foreign_re().finditer(m.group("post") or m.group("pre")):
            at = m.start("post" if m.group("post") else "pre") + f.start()
            out.append((at, at + len(f.group(0)), foreign_code(f)))
    codes = _alpha2()
    labelled = [(m.start("v"), m.end("v")) for m in _MARKET_LINE.finditer(text)]
    for m in re.finditer(r"(?<![\w.])[A-Z]{2}(?!\w|\.\w)", text):
        in_label = any(s <= m.start() < e for s, e in labelled)
        if in_label and m.group(0) in codes:
            out.append((m.start(), m.end(), "GB" if m.group(0) == "UK" else m.group(0)))
    for m in _CODE_LIST.finditer(text):
        items = re.findall(r"[A-Z]{2}", m.group(0))
        if all(i in codes for i in items) and _CODE_CUE.search(text[max(0, m.start() - 20) : m.start()]):
            for c in re.finditer(r"[A-Z]{2}", m.group(0)):
                out.append(
                    (m.start() + c.start(), m.start() + c.end(), "GB" if c.group(0) == "UK" else c.group(0))
                )
    for m in _ROI.finditer(text):
        out.append((m.start("roi"), m.end("roi"), "IE"))
    return out


_VENUE = re.compile(
    r"\bat\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3}\s+in\s+$|\bon\s+board\s+in\s+$"
)
"""'the Romance Package at Casa Alfama in Lisbon', '7 days on board in Split': where the product is."""


def not_market(text: str, start: int) -> bool:
    """The place says where the company, venue or product is ('our HQ is in Berlin', 'made in Italy', 'at Casa
    Alfama in Lisbon') or sits in an aside about the product ('(7 days on board in Split, €1.190 per person)')."""
    before = text[max(0, start - 90) : start]
    opened = text.rfind("(", 0, start)
    close = text.find(")", start, start + 80)
    aside = opened >= 0 and text.rfind(")", 0, start) < opened and close > 0
    aside = aside and bool(
        re.search(r"\d|[$€£¥]", text[opened:close])
    )  # product details, not '(and Luxembourg)'
    after = _NOT_MARKET_AFTER.match(text, start)
    seat = after is not None and not re.match(r"[\w .'’-]*?\(", after.group(0))
    if after and seat and not _SUBJECT_BEFORE.search(before):
        after = None  # 'families in Leeds want ...' and the like: only a named company's seat is not a market
    greeting = _GREETING_FROM.search(before) and re.match(r"[\w .'’-]{0,25}!", text[start:])
    own_site = (_OWN.search(before) and _SITE_AFTER.match(text, start)) or _BODY_AFTER.match(text, start)
    own_site = (
        own_site or _OWN_SITE_BEFORE.search(before) or _DAY_NAME.search(text[max(0, start - 30) : start])
    )
    later = _LATER_AFTER.match(text, start)
    return bool(
        _NOT_MARKET.search(before) or _VENUE.search(before) or aside or after or greeting or own_site or later
    )


_SITES = (
    r"plant|factory|mill|office|hq|headquarters|warehouse|store|shop|studio|branch|site|showroom|depot|workshop|"
    r"facility|campus|lab|kitchen|bakery|brewery|winery|distillery|roastery|farm|yard|base|barn|premises|"
    r"sede|fábrica|fabrica|oficina|escritório|loja|tienda|taller|atelier|usine|siège|bureau|boutique|werk|fabrik|"
    r"sitz|büro|laden|werkstatt|fabbrica|negozio|laboratorio|kantoor|winkel|fabriek|kontor|butik|siedziba|sklep"
)
_OWN_SITE_BEFORE = re.compile(
    r"\b(?:our|their|its|my|nossa|nosso|nossas|nossos|nuestra|nuestro|nuestras|nuestros|notre|nos|unser(?:e|er|em|en)?|"
    r"nostra|nostro|nostri|nostre|onze|ons|vår|vårt|våra|vores|vor|nasza|nasz|nasze)\s+(?:[\w'’-]+\s+){0,2}?"
    rf"(?:{_SITES})(?:s|es|en|e|i)?\b(?:\s+[\w'’-]+){{0,3}}?\s+(?:in|near|at|outside|by|just\s+outside|em|no|na|en|"
    r"à|au|bei|nahe|a|vicino\s+a|bij|nära|w|pod|i)\s+(?:the\s+)?$"
    r"|\bwe\s+(?:ship|dispatch|deliver|post|send|roast|bake|brew|make|grow|farm)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:from|in|out\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""'Our workshop near Kecskemét has 40 seamstresses', 'Nossa sede fica em Salvador', 'We dispatch from our barn near
Ludlow', 'we roast in Leeds': where the company works, in English and the brief's language (the site noun keeps
'our customers in Germany' a market)."""
_DAY_NAME = re.compile(
    r"(?:\d{1,2}(?:st|nd|rd|th|\.)?\s+[A-Za-zäéû]{3,9}\.?|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?|"
    r"\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?)\s*\(\s*$"
)
"""'office closed 19 March (San José)': a name in brackets after a date names the day (a saint's or a town's
feast), not a market."""


_OWN = re.compile(r"\b(?:our|their|its|the\s+company['’]s)\s+$", re.IGNORECASE)
_SITE_AFTER = re.compile(
    r"[\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+(?:plant|factory|mill|office|offices|hq|headquarters|warehouse|"
    r"store|shop|studio|branch|site|showroom|depot|workshop|facility|campus|lab|kitchen|bakery|brewery|winery|"
    r"distillery|roastery|farm|yard|base)\b",
    re.IGNORECASE,
)
"""'Our Stuttgart plant employs 320 people', 'their Leeds office': a site of the company, named by its town."""
_BODY_AFTER = re.compile(
    r"[\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+(?:tourism|tourist\s+board|council|chamber(?:\s+of\s+commerce)?|"
    r"visitor\s+centre|convention\s+bureau)\b",
    re.IGNORECASE,
)
"""'Marlborough tourism catch-up', 'Cork Council's brief': a body named by its place is who writes, not the market."""


STATE_CODES = {"NSW": "AU", "QLD": "AU", "VIC": "AU", "TAS": "AU", "NZ": "NZ"}
STATE_CODE_RE = re.compile(r"(?<![\w$.])(?:NSW|QLD|VIC|TAS|NZ)(?![\w$])")
"""Upper-case state and country codes that are never words (NZ$ is a currency, not the market)."""
STATE_WORDS = frozenset({"georgia", "washington", "virginia", "victoria", "indiana", "carolina", "jersey"})
"""State names that are as often a person's name: read only when capitalised."""
_GREETING = re.compile(
    r"(?:^|\n|[.!?]\s)\s*(?:hi|hey|hello|hiya|dear|morning|afternoon|evening|thanks|thank you|cheers|yo|"
    r"ok|okay|sorry)[ \t]+(?:[A-Z][\w'’-]*[ \t]+)?$",
    re.IGNORECASE,
)


_PERSON_FIELD = re.compile(
    r"(?im)(?:^|[·|•]|\s{2})[ \t]*(?:assignee|assigned\s+to|owner|from|to|cc|bcc|author|requested\s+by|contact|"
    r"attendees|reviewer|approver|name|sender|submitted\s+by|prepared\s+by|signed|account\s+manager|"
    r"de|para|von)[ \t]*:[ \t]*(?:[A-Z][\w'’-]*,?[ \t]+){0,3}$"
)
"""'Assignee: Jordan', 'From: Austin Reed', 'Attendees: Ruth, Dev, Imogen': a field that names a person."""
_LABEL_WORD = re.compile(r"(?m)^[ \t]*(?:[-*•▪]|\d{1,2}[.)])?[ \t]*$")


def addressed(text: str, start: int, end: int) -> bool:
    """A place word that is the name a brief greets ('Hey Jordan,', 'Hi Georgia!', 'Dear Austin') or a person's
    field names ('Assignee: Jordan') is a person; a town's name opening a form line before its colon is the line's
    label in the brief's language ('- Tema: Natale' is Italian for theme, not Tema in Ghana)."""
    if _LABEL_WORD.search(text[max(0, start - 12) : start]) and re.match(
        r"[ \t]*:[ \t]*[^\W\d_]", text[end:]
    ):
        low = text[start:end].lower()
        return " " not in low and low not in _country_names() and low not in _foreign_country_names()
    if _PERSON_FIELD.search(text[max(0, start - 60) : start]):
        return True
    return bool(_GREETING.search(text[max(0, start - 30) : start])) and bool(
        re.match(r"[ \t]*(?:[,!:\n]|$)", text[end:])
    )
