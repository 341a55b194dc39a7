"""A product name read where it starts: the capitalised or numbered words of a name, the small words inside it
('Jazz on the Green'), the product nouns after it ('Party Star custom birthday cakes'), and whether the result can
be a product at all (not a place, occasion, channel, date, code, business or group of people)."""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.models.offline.channels import CHANNEL_RES, Found
from graph.models.offline.product_words import (
    ADVERB,
    BOUNDARY,
    BRIEF_WORDS,
    COMPOUND_HEAD,
    DATE_IN,
    DEGREE,
    EVENT_TAIL,
    GREETING,
    HOUSING,
    NOT_NAME,
    ORG_END,
    PEOPLE_WORD,
    PRODUCT_TYPE,
    PRONOUNS,
    SEASONAL,
    STYLE_PREFIX,
    TIERS,
    TIME_LEAD,
    TIME_WORD,
    TRAVEL,
    VENUE,
)

PlaceTest = Callable[[str], bool]

ARTICLE = re.compile(r"^(?:(?i:the|our|a|an|its|their)|new)\s+")


def tidy_product(found: Found) -> Found:
    """A product name without the words around it: the occasion it is sold at ('Sleepwell Hybrid mattress sale',
    'Kestrel Hybrid SUV test-drive event', 'MSc Data Science open day'), a comparison ('Nest-style'), and words
    after its last product noun ('the Volta City e-bike especially')."""
    value, start = found.value, found.start
    pre = STYLE_PREFIX.match(value)
    if pre and len(value[pre.end() :].split()) >= 1 and value[pre.end() :][:1].isupper():
        value, start = value[pre.end() :], start + pre.end()
    tail = EVENT_TAIL.search(value)
    while tail and tail.start() > 0:  # 'Trailhead Tent Kits autumn push'
        if value.endswith(" sale") and sale_kind(value[: tail.start()].split()[-1:]):
            break  # 'the Ivory & Lace sample sale'
        value = value[: tail.start()]
        tail = EVENT_TAIL.search(value)
    value, start = _seasonal_edges(value, start)
    owner = re.match(
        r"(?:[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w&]*\s+){1,3}[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w&]*(?:['’]s|s['’])\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])",
        value,
    )  # two words or more
    if (
        owner and not NOT_NAME.match(value[owner.end() :]) and not NOT_NAME.match(value)
    ):  # "Mithai Mahal's Festive Sweet Box"
        value, start = value[owner.end() :], start + owner.end()
    toks = value.split()
    typed = [i for i, t in enumerate(toks) if i and t[:1].islower() and PRODUCT_TYPE.fullmatch(t)]
    if typed and typed[-1] < len(toks) - 1 and all(ADVERB.fullmatch(t) for t in toks[typed[-1] + 1 :]):
        value = value[: value.index(toks[typed[-1]], len(" ".join(toks[: typed[-1]]))) + len(toks[typed[-1]])]
    return Found(value, start, start + len(value))


_SEASON_AFTER = re.compile(rf"\s+(?:{SEASONAL.pattern})(?:\s+(?:\d{{4}}|season|range|run))?$")


def _seasonal_edges(value: str, start: int) -> tuple[str, int]:
    """A season, occasion or month written after a product's name is when it is sold, not part of it:
    'Narrowboat Breaks Easter', 'Cabin Breaks Christmas'. The name must go on being a name with a product noun or
    a model mark; one written before it is part of the name ('Winter Warmth Appeal', 'Eid Feast Box')."""
    after = _SEASON_AFTER.search(value)
    if after and after.start() > 0:
        rest = value[: after.start()].split()
        if rest and (PRODUCT_TYPE.fullmatch(rest[-1]) or shape(" ".join(rest))[1]):
            value = value[: after.start()]
    return value, start


def strip_article(found: Found) -> Found:
    m = ARTICLE.match(found.value)
    while m:
        found = Found(found.value[m.end() :], found.start + m.end(), found.end)
        m = ARTICLE.match(found.value)
    return found


_JOINERS = frozenset({"to", "on", "the", "a", "an", "and", "of", "up"})
_JOIN_NEXT = re.compile(
    r"[ \t]+(?:(?:the|a|an)[ \t]+)?(?P<w>[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’-]*)(?P<after>(?:[ \t]+[\w'’-]+){0,4})"
)


def _joins(text: str, at: int, low: str, words: list[str], is_place: PlaceTest | None) -> bool:
    """A small word inside a name: 'Learn to Boulder course', 'Jazz on the Green', 'Light Up a Life',
    'Gruffles and the Snowy Night', 'homes at Millbrook Quay'. Not before a place, a channel, people or a date
    ('the Bolt app to London', 'Kettle Pro on Facebook'), and not after a product noun ('Acme boots to runners')."""
    if is_place is None or not words:
        return False
    if low == "in" and words[-1][:1].isupper() and not PRODUCT_TYPE.fullmatch(words[-1]):
        # 'Shakespeare in the Park', 'Learn Bridge in 8 Weeks' (not 'the Camp Week in Harrogate', 'Course in Leeds')
        inside = re.match(
            r"[ \t]+(?:the[ \t]+(?P<w>[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’-]*)|\d+[ \t]+(?i:days|weeks|months|steps|minutes))\b",
            text[at:],
        )
        return inside is not None and not (inside.group("w") and is_place(inside.group("w")))
    m = _JOIN_NEXT.match(text, at)
    if not m:
        return False
    nxt, after = m.group("w"), (m.group("after") or "").split()
    if low == "at":
        return HOUSING.fullmatch(words[-1]) is not None and not PEOPLE_WORD.fullmatch(nxt)
    if low == "to" and TRAVEL.fullmatch(words[-1]) and not PEOPLE_WORD.search(" ".join([nxt, *after[:1]])):
        return True  # 'Golden Week packages to Okinawa'
    if low not in _JOINERS or not all(w[:1].isupper() or w[:1].isdigit() or w in _JOINERS for w in words):
        return False
    if (
        len(words) > 1
        and PRODUCT_TYPE.fullmatch(words[-1])
        or NOT_NAME.match(nxt)
        or PEOPLE_WORD.fullmatch(nxt)
    ):
        return False
    if any(rx.fullmatch(nxt) for rx in CHANNEL_RES.values()):
        return False
    run: list[str] = []  # the lowercase words after the next name word, up to where the sentence moves on
    for w in after:
        if not w[:1].islower() or w.lower() in BOUNDARY:
            break
        run.append(w)
    if any(PEOPLE_WORD.fullmatch(w) and not PRODUCT_TYPE.fullmatch(w) for w in run):
        return False  # 'the ToolPro Cordless Drill to DIY enthusiasts'
    named_after = bool(after) and (after[0][:1].isupper() or bool(run))
    typed_run = any(PRODUCT_TYPE.fullmatch(w) for w in run)  # 'Rome and Lisbon weekend packages'
    return not is_place(nxt) or (low == "to" and named_after) or (low == "and" and typed_run)


_VERBISH = re.compile(  # 'booked', 'bewerben', 'starting' (not 'linen', 'garden', 'kitchen')
    r"(?!(?:linen|kitchen|garden|oven|chicken|screen|green|women|children|token|wooden|woollen|golden|"
    r"seven|ten|eleven|heaven|oxygen|bed|red|seed|feed|shed|sled|speed|bring|ring|king|wing|spring|ceiling)$)"
    r"[a-z]+(?:ed|ing|en)"
)


_TYPED_NEXT = re.compile(rf"(?:[ \t]+[\w'’-]+){{0,2}}?[ \t]+(?i:{PRODUCT_TYPE.pattern})(?![\w-])")
"""Up to three words ending in a product noun: 'online English class' goes on being the name."""

_ROMANCE_OF = frozenset({"de", "du", "des", "del", "della", "di", "do", "da", "von", "van"})
_ARTICLED = re.compile(
    r"l['’][a-zà-ÿ]|(?:la|le|les|el|los|las|der|die|das|het|notre|nuestr[oa]|nostr[oa])\s+[a-zà-ÿ]"
)
_ROMANCE_TO = frozenset({"a", "à", "en", "aux", "al", "alla", "ai", "às", "ao", "aos"})
_WHERE = re.compile(r"online|nationwide|worldwide|abroad|locally|overseas")


def _trim_tail(words: list[str]) -> int:
    """How many words the name keeps: lowercase words after the last capitalised one stay only up to the last
    product noun ('Party Star custom birthday cakes budget' -> '... cakes'), and none stay after a name that
    ends in a product noun ('Zakat Appeal aims', 'Home Fire Safety Visits booked', 'AquaPure Filter-Set
    bewerben')."""
    caps = [
        i
        for i, w in enumerate(words)
        if w[:1].isupper() or w[:1].isdigit() and (i == 0 or words[i - 1][:1].isupper())  # 'Tallybook 4'
    ]
    if not caps or caps[-1] == len(words) - 1:
        return len(words)

    def typed(w: str) -> bool:
        return (
            PRODUCT_TYPE.fullmatch(w) is not None
            or PRODUCT_TYPE.fullmatch(w.split("-")[-1]) is not None
            or COMPOUND_HEAD.fullmatch(w) is not None
        )

    last = caps[-1]
    nouns = [i for i in range(last + 1, len(words)) if typed(words[i])]
    end = nouns[-1] + 1 if nouns else last + 1
    verbish = end < len(words) and (
        _VERBISH.fullmatch(words[end])
        or BRIEF_WORDS.fullmatch(words[end])
        # a verb in -s after the product noun: 'Our Seniors for Seniors adoption program waives the fee'
        or bool(nouns)
        and re.fullmatch(r"[a-z]{3,}[^s]s", words[end]) is not None
    )
    if verbish and (
        nouns or end == len(words) - 1
    ):  # not 'Cloudrest weighted blanket', 'ClearSound 4 hearing aid'
        return end
    return len(words)


def sale_kind(words: list[str]) -> bool:
    """'the Ivory & Lace sample sale': a kind of sale is the offer ('sample', 'warehouse'); a product's sale
    ('the Sleepwell mattress sale') is not."""
    prev = words[-1] if words else ""
    return prev[:1].islower() and not PRODUCT_TYPE.fullmatch(prev) and not TIME_LEAD.match(f"in {prev}")


_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]+")


def product_phrase(text: str, start: int, is_place: PlaceTest | None = None) -> Found | None:
    """The product name that starts at ``start``: capitalised or numbered words, then the product-type words
    written after them, up to where the sentence moves on."""
    words: list[re.Match[str]] = []
    for tok in re.finditer(r"[^\s,.;:!?()]+(?:\.\d+)?", text[start : start + 140]):
        gap = text[start + (words[-1].end() if words else 0) : start + tok.start()]
        if words and re.search(r"[,.;:!?(\n]", gap):
            break
        w = tok.group(0)
        if _EMOJI.fullmatch(w):
            break  # 'our 2027 Season Ticket 🏏 (Wessex CCC)': an emoji closes the name
        low = w.lower()
        said = [x.group(0) for x in words]
        if _joins(text, start + tok.end(), low, said, is_place):
            words.append(tok)
            continue
        if low == "sale" and sale_kind(said):
            words.append(tok)
            break
        noun_modal = low in ("will", "can") and re.match(r"[ \t]*(?:[,.;:!?)]|$)", text[start + tok.end() :])
        nxt = re.match(r"[ \t]+(?P<w>[\w'’-]+)(?P<after>[ \t]+[\w'’-]+)?", text[start + tok.end() :])
        if (
            words
            and w in _ROMANCE_OF
            and nxt
            and _ARTICLED.match(f"{nxt.group('w')}{nxt.group('after') or ''}")
        ):
            break  # "l'abonnement Nounou+ de l'app BabyDispo", 'Bono 10 del club Levante' (not 'Crème de la Mer')
        if (
            words
            and w in _ROMANCE_TO
            and nxt
            and (nxt.group("w")[:1].islower() or is_place is not None and is_place(nxt.group("w")))
        ):
            break  # 'el Pan de Masa Madre a familias en Sevilla', 'il Corso di Pasta Fresca a Milano'
        in_title = (  # 'Keep It Local Pledge Drive', 'Love Your Skin Serum': a title-case name's small word
            w[:1].isupper()
            and low in ("it", "you", "your", "us", "me", "this", "our", "will", "can")
            and bool(words)
            and words[-1].group(0)[:1].isupper()
            and re.match(r"[ \t]+[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ]", text[start + tok.end() :]) is not None
        )
        if (
            low in BOUNDARY
            and (not w[:1].isupper() or not words or low in PRONOUNS)
            and not noun_modal
            and not in_title
        ):
            break
        if words and ADVERB.fullmatch(w):
            break  # 'the Volta City e-bike especially'
        if (
            words
            and _WHERE.fullmatch(w)
            and not re.match(r"[ \t]+[a-z]", text[start + tok.end() :])
            and not _TYPED_NEXT.match(text, start + tok.end())
        ):
            break  # 'sells its Sauerteig Starter Kit online.' (not 'the WillWise online will', 'the Phonics Star
            # online English class')
        if words and low in ("will", "can") and not noun_modal and not in_title:  # 'Fixed-Fee Will Writing
            break
        if low == "for" and words:
            after = text[start + tok.end() : start + tok.end() + 40]
            tier = re.match(  # 'Taskloom for Agencies', 'Afternoon Tea for Two to couples in Bath'
                r"[ \t]+[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][a-z]+(?=[ \t]*(?:[\n,.;:!?)]|$)|[ \t]+(?:to|in|at|among|across|with|on|from|is|are|"
                r"will|takes|returns|opens|runs|starts)\b)"
                # a title with 'for' inside, then its product noun: 'Bells for Centuries appeal', 'Seniors for
                # Seniors adoption program', 'Books for Babies scheme'
                rf"|[ \t]+[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][a-z]+(?:[ \t]+[a-z][\w-]*)?[ \t]+(?:{PRODUCT_TYPE.pattern})\b",
                after,
            )
            if (
                NOT_NAME.match(after.strip())
                or not tier
                and PRODUCT_TYPE.fullmatch(said[-1]) is not None
                and said[-1][:1].isupper()  # 'the Winter Appeal for Tidewatch Lifeboats': who it raises for
                or not tier
                and (
                    not re.match(r"\s*[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ0-9]", after)
                    or PEOPLE_WORD.search(" ".join(after.split()[:3]))
                )
            ):
                break
        words.append(tok)
        if len(words) >= 7:
            break
    words = words[: _trim_tail([x.group(0) for x in words])]
    while words and words[-1].group(0).lower() in (
        "for",
        "of",
        "&",
        "the",
        "a",
        "an",
        "and",
        "to",
        "on",
        "at",
    ):
        words.pop()
    quoted = bool(words) and words[0].group(0)[:1] in "'‘\"“"
    first = words[0].group(0).lstrip("'‘\"“") if words else ""
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return None
    s, e = start + words[0].start(), start + words[-1].end()
    value = re.sub(r"['‘’\"“”]", "", text[s:e]) if quoted else text[s:e]  # 'Harbour Light' spiced rum
    return Found(value, s, e)


_EDITION = re.compile(  # 'Taskloom for Agencies', 'Ledgr for Teams': an edition for a kind of customer
    rf"\sfor\s(?:Business|Enterprise|Education|Work|Home|Teams|(?i:{PEOPLE_WORD.pattern}))$"
)


def shape(value: str) -> tuple[bool, bool, bool]:
    """(starts with a name, carries a model mark, ends in lowercase product-type words). A name starts with a
    capital letter; a model mark is CamelCase, letters and digits in one word ('X2', 'D3', '4K') or a number after
    a capitalised word ('Tallybook 4', 'Stackr 2.0')."""
    toks = value.split()
    numbered = (
        (  # '2027-28 Season Tickets', '24/7 Emergency Lockout Service', '5-Day Surf Camp' (not '3x ROAS')
            len(toks) > 1
            and re.fullmatch(r"\d[\d/–-]*|\d+-[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][a-z]+", toks[0]) is not None
            and toks[1][:1].isupper()
        )
        and not toks[1].isupper()
    )
    if not toks or not (toks[0][:1].isupper() or numbered):
        return False, False, False
    marked = (
        any(
            re.search(r"[a-z][A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ]|[A-Za-z]\d|\d[A-Za-z]", t)
            or DEGREE.fullmatch(t)
            or (i and TIERS.fullmatch(t))
            for i, t in enumerate(toks)
        )
        or _EDITION.search(value) is not None
        or any(  # an acronym inside a name: 'Ledgerly AP Automation', 'Billflow HR Suite'
            2 <= len(t) <= 4 and t.isalpha() and t.isupper() and toks[i + 1][:1].isupper()
            for i, t in enumerate(toks[:-1])
            if i
        )
        or any(
            re.fullmatch(r"\d+(?:\.\d+)?", t) and toks[i - 1][:1].isupper() and not toks[i - 1].isupper()
            for i, t in enumerate(toks)
            if i
        )
    )
    tail = len(toks) > 1 and toks[-1][:1].islower()
    return True, bool(marked), tail


def model_numbered(value: str) -> bool:
    """A model number after the first word ('FräsMaster 5X', 'Vela X2'): a machine or device, never a venue."""
    return any(re.search(r"[A-Za-z]\d|\d[A-Za-z]", t) for t in value.split()[1:])


_RUN_FOR = (
    re.compile(  # a timing line: 'Run 4 weeks', 'Runs for six weeks', 'Live 10 days', 'Go live 3 weeks'
        r"(?i:runs?|running|live|go\s+live|lasts?|starts?|ends?)\s+(?:for\s+)?(?:\d+|[a-z]+)[\s-]+"
        r"(?i:days?|weeks?|months?|nights?)\b"
    )
)


_PHONE = re.compile(
    r"\b(?i:free-?phone|phone|tel|call|ring|text|whatsapp|hotline|helpline)\b\.?:?\s*\+?\d"
    r"|(?:\+\d{1,3}[ \t]?)?\(?\d{3,5}\)?[ \t-]\d{3}[ \t-]?\d{3,4}\b"
)


def acceptable(value: str, is_place: PlaceTest, *, cued: bool) -> bool:
    """A name that can be a product: not a place, occasion, channel, date word, code or group of people."""
    if DATE_IN.search(value) or TIME_LEAD.match(value) or _RUN_FOR.match(value):
        return False  # 'Live 3 March 2027 for 6 weeks', 'For Q1', 'Run 4 weeks' are timing
    if re.match(rf"(?i:{GREETING})\b", value) or _PHONE.search(value):
        return False  # 'Hi there', 'Freephone 0800 112 4455': a greeting or a phone number
    if re.match(r"(?i:more|fewer|increased?|higher|extra)\s+[a-z]", value):
        return False  # 'More visits to our store', 'Higher basket values': an aim, not a name
    core = STYLE_PREFIX.sub("", value)
    if core != value and not core[:1].isupper():
        return False  # 'YouTube-style paid social'
    occasion = NOT_NAME.match(value)
    if not value or is_place(value) or occasion and (not cued or not value[occasion.end() :].strip()):
        return False
    rest = value[occasion.end() :].split() if occasion else value.split()
    if all(TIME_WORD.fullmatch(w) for w in rest):
        return False  # 'Day', 'Year', 'Easter weekend', 'the Christmas rush': a time, not a product
    has_name, marked, tail = shape(value)
    if not has_name or re.search(r"[%$€£¥]|\b(?:USD|EUR|GBP|CAD|AUD|JPY)\b", value):
        return False
    toks = value.split()
    if any(rx.fullmatch(toks[0]) for rx in CHANNEL_RES.values()):
        return False  # 'Google Ads'
    if (
        toks[0].isupper()
        and len(toks[0]) <= 3
        and not any(t[:1].isupper() and not t.isupper() for t in toks[1:])
    ):
        return False  # 'USD 45', 'IT directors', 'UK universities' (not 'UX Design Certificate')
    people_tail = PEOPLE_WORD.search(toks[-1]) and not PRODUCT_TYPE.fullmatch(toks[-1])  # not 'sneakers'
    # 'relaunching the Meadow Oat bar' (not a pub); a model number names a machine, not a place ('the FräsMaster
    # 5X machining centre')
    sold_here = bool(cued and PRODUCT_TYPE.fullmatch(toks[-1])) or model_numbered(value)
    if BRIEF_WORDS.search(value) or tail and (people_tail or VENUE.fullmatch(toks[-1]) and not sold_here):
        return False  # 'CrossFit athletes', 'Etsy sellers'
    if not cued and VENUE.fullmatch(toks[-1]) or ORG_END.search(value):
        return False  # 'Clean Rivers Trust', 'PawCare Vets': the business, not what it sells
    name = " ".join(t for t in toks if t[:1].isupper())
    if name and is_place(name) and not (tail and TRAVEL.fullmatch(toks[-1])):  # not 'Rome weekend packages'
        return False
    return cued or marked or tail
