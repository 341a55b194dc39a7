"""The product or offer a brief promotes, in the brief's own words.

Marketers name the product in many ways: a label ('Product: Atlas X2 trail shoe'), after a verb ('we're pushing
Budgetly Premium', 'get PeakFuel Recovery 2.0 in front of ...'), after 'for our' / 'the' ('this is for our GrainFree
Salmon kibble', 'the Coastline linen collection'), or on its own ('The Edge 3 razor is what we need to sell'). The
rules read a *name* (capitalised words, digits, CamelCase) and the product-type words written after it ('range',
'kit', 'serum'), and stop where the sentence moves on ('to', 'aimed at', 'for HR teams'). Business names (all
capitalised words followed by a verb: 'Greenway Trust needs volunteers'), places, occasions, channels and people
('IT directors', 'CrossFit athletes') are not products. A lowercase offer is read only after a cue and when it ends
in an offer word ('pushing our lunchtime pho set').
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.models.offline.fields import CHANNEL_RES, Found, name_clause
from graph.models.offline.product_words import (
    ADVERB,
    ASKS,
    BOUNDARY,
    BRIEF_WORDS,
    CUE_VERBS,
    DATE_IN,
    DEGREE,
    EVENT_TAIL,
    HOUSING,
    NOT_NAME,
    OFFER_NOUNS,
    ORG_END,
    PEOPLE_WORD,
    PRODUCT_TYPE,
    PRONOUNS,
    STYLE_PREFIX,
    TIERS,
    TIME_WORD,
    TIME_LEAD,
    VENUE,
)
from graph.models.offline.segments import Segment

PlaceTest = Callable[[str], bool]

_DET = r"(?:(?:our|the|a|an|its|their|my|your)[ \t]+)?(?:(?:new(?![ \t]+year)|free|last)[ \t]+)?(?:[$£€]\d+(?:\.\d\d)?[ \t]+)?"
_PRODUCT_CUE = re.compile(  # a cue's kind ranks it: what is sold beats what a campaign is for, beats an owner
    rf"(?P<verb>\b(?i:(?:{CUE_VERBS})[ \t]+(?:of[ \t]+)?{_DET}))(?=[A-Z0-9]|['‘\"“][A-Z])"
    rf"|(?P<ask>\b(?i:(?:{ASKS})[ \t]+(?:for|of|to)[ \t]+{_DET}))(?=[A-Z0-9])"
    rf"|(?P<ad>\b(?i:(?:ads?|campaign|push|brief|promotion|pre-?launch|kickstarter)[ \t]+(?:for|on)[ \t]+{_DET}))"
    r"(?=[A-Z])"
    rf"|(?P<for>\b(?i:for[ \t]+{_DET}))(?=[A-Z])"
    r"|(?P<own>\b(?!(?:Mother|Father|Valentine|Children|Women|Men|It|That|What|Let|There|Here|Who|He|She)['’])"
    r"[A-Z][\w&]*(?:[ \t]+&?[ \t]*[A-Z][\w&]*){0,3}(?:['’]s|s['’])[ \t]+)(?=[A-Z])",
)
_RANK = {"verb": 0, "ask": 0, "ad": 1, "for": 2, "own": 3}
_SUBJECT = re.compile(  # 'St Columba's Hospice wants ...', 'ReadUp is looking for ...': the organisation speaks
    r"[ \t]+(?:wants|needs|is\s+looking|are\s+looking|would\s+like|is\s+recruiting|is\s+hiring|has\s+been)\b"
)
_LOWER_OFFER = re.compile(
    rf"\b(?i:{CUE_VERBS}|for)\s+(?:our|the)\s+(?P<v>(?:[a-z][\w'’-]*\s+){{0,3}}(?:{OFFER_NOUNS}))\b",
)
# words that end a product name: the sentence moves on to the audience, the timing, the channel or a verb
_APPOSITIVE = re.compile(
    rf"\s*,\s+(?i:the|our|a|an)\s+(?:[a-z][\w'’-]*\s+){{0,3}}(?:{PRODUCT_TYPE.pattern})\b", re.IGNORECASE
)
_CALLED = re.compile(
    rf"\b(?:{PRODUCT_TYPE.pattern})\s+(?:called|named)\s+(?=[A-Z])"
    rf"|\b(?i:our|its|their)\s+(?:[a-zA-Z][\w-]*\s+){{0,3}}(?i:{PRODUCT_TYPE.pattern})\s+(?=[A-Z][a-z])"
)
_ARTICLE = re.compile(r"^(?:(?i:the|our|a|an|its|their)|new)\s+")


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
        if value.endswith(" sale") and _sale_kind(value[: tail.start()].split()[-1:]):
            break  # 'the Ivory & Lace sample sale'
        value = value[: tail.start()]
        tail = EVENT_TAIL.search(value)
    owner = re.match(
        r"(?:[A-Z][\w&]*\s+){1,3}[A-Z][\w&]*(?:['’]s|s['’])\s+(?=[A-Z])", value
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


def _strip_article(found: Found) -> Found:
    m = _ARTICLE.match(found.value)
    while m:
        found = Found(found.value[m.end() :], found.start + m.end(), found.end)
        m = _ARTICLE.match(found.value)
    return found


_JOINERS = frozenset({"to", "on", "the", "a", "an", "and", "of", "up"})
_JOIN_NEXT = re.compile(r"[ \t]+(?:(?:the|a|an)[ \t]+)?(?P<w>[A-Z][\w'’-]*)(?P<after>[ \t]+[\w'’-]+)?")


def _joins(text: str, at: int, low: str, words: list[str], is_place: PlaceTest | None) -> bool:
    """A small word inside a name: 'Learn to Boulder course', 'Jazz on the Green', 'Light Up a Life',
    'Gruffles and the Snowy Night', 'homes at Millbrook Quay'. Not before a place, a channel, people or a date
    ('the Bolt app to London', 'Kettle Pro on Facebook'), and not after a product noun ('Acme boots to runners')."""
    if is_place is None or not words:
        return False
    m = _JOIN_NEXT.match(text, at)
    if not m:
        return False
    nxt, after = m.group("w"), (m.group("after") or "").strip()
    if low == "at":
        return HOUSING.fullmatch(words[-1]) is not None and not PEOPLE_WORD.fullmatch(nxt)
    if low not in _JOINERS or not all(w[:1].isupper() or w[:1].isdigit() or w in _JOINERS for w in words):
        return False
    if PRODUCT_TYPE.fullmatch(words[-1]) or NOT_NAME.match(nxt) or PEOPLE_WORD.fullmatch(nxt):
        return False
    if any(rx.fullmatch(nxt) for rx in CHANNEL_RES.values()):
        return False
    named_after = after[:1].isupper() or (after[:1].islower() and PRODUCT_TYPE.fullmatch(after) is not None)
    return not is_place(nxt) or (low == "to" and named_after)


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
        return PRODUCT_TYPE.fullmatch(w) is not None or PRODUCT_TYPE.fullmatch(w.split("-")[-1]) is not None

    last = caps[-1]
    nouns = [i for i in range(last + 1, len(words)) if typed(words[i])]
    if nouns:
        return nouns[-1] + 1
    return last + 1 if typed(words[last]) and last > 0 else len(words)


def _sale_kind(words: list[str]) -> bool:
    """'the Ivory & Lace sample sale': a kind of sale is the offer ('sample', 'warehouse'); a product's sale
    ('the Sleepwell mattress sale') is not."""
    prev = words[-1] if words else ""
    return prev[:1].islower() and not PRODUCT_TYPE.fullmatch(prev) and not TIME_LEAD.match(f"in {prev}")


def product_phrase(text: str, start: int, is_place: PlaceTest | None = None) -> Found | None:
    """The product name that starts at ``start``: capitalised or numbered words, then the product-type words
    written after them, up to where the sentence moves on."""
    words: list[re.Match[str]] = []
    for tok in re.finditer(r"[^\s,.;:!?()]+(?:\.\d+)?", text[start : start + 140]):
        gap = text[start + (words[-1].end() if words else 0) : start + tok.start()]
        if words and re.search(r"[,.;:!?(\n]", gap):
            break
        w = tok.group(0)
        low = w.lower()
        said = [x.group(0) for x in words]
        if _joins(text, start + tok.end(), low, said, is_place):
            words.append(tok)
            continue
        if low == "sale" and _sale_kind(said):
            words.append(tok)
            break
        noun_modal = low in ("will", "can") and re.match(r"[ \t]*(?:[,.;:!?)]|$)", text[start + tok.end() :])
        if low in BOUNDARY and (not w[:1].isupper() or not words or low in PRONOUNS) and not noun_modal:
            break
        if words and ADVERB.fullmatch(w):
            break  # 'the Volta City e-bike especially'
        if words and low in ("will", "can") and not noun_modal:
            break
        if low == "for" and words:
            after = text[start + tok.end() : start + tok.end() + 40]
            tier = re.match(r"[ \t]+[A-Z][a-z]+(?=[ \t]*(?:[\n,.;:!?)]|$))", after)  # 'Taskloom for Agencies'
            if (
                NOT_NAME.match(after.strip())
                or not tier
                and (not re.match(r"\s*[A-Z0-9]", after) or PEOPLE_WORD.search(" ".join(after.split()[:3])))
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


def _shape(value: str) -> tuple[bool, bool, bool]:
    """(starts with a name, carries a model mark, ends in lowercase product-type words). A name starts with a
    capital letter; a model mark is CamelCase, letters and digits in one word ('X2', 'D3', '4K') or a number after
    a capitalised word ('Tallybook 4', 'Stackr 2.0')."""
    toks = value.split()
    numbered = len(toks) > 1 and toks[0][:1].isdigit() and toks[1][:1].isupper()  # '2027-28 Season Tickets'
    if not toks or not (toks[0][:1].isupper() or numbered):
        return False, False, False
    marked = any(
        re.search(r"[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]", t) or DEGREE.fullmatch(t) or (i and TIERS.fullmatch(t))
        for i, t in enumerate(toks)
    ) or any(
        re.fullmatch(r"\d+(?:\.\d+)?", t) and toks[i - 1][:1].isupper() and not toks[i - 1].isupper()
        for i, t in enumerate(toks)
        if i
    )
    tail = len(toks) > 1 and toks[-1][:1].islower()
    return True, marked, tail


def _acceptable(value: str, is_place: PlaceTest, *, cued: bool) -> bool:
    """A name that can be a product: not a place, occasion, channel, date word, code or group of people."""
    if DATE_IN.search(value) or TIME_LEAD.match(value):
        return False  # 'Live 3 March 2027 for 6 weeks', 'For Q1' are timing
    core = STYLE_PREFIX.sub("", value)
    if core != value and not core[:1].isupper():
        return False  # 'YouTube-style paid social'
    occasion = NOT_NAME.match(value)
    if not value or is_place(value) or occasion and (not cued or not value[occasion.end() :].strip()):
        return False
    rest = value[occasion.end() :].split() if occasion else value.split()
    if all(TIME_WORD.fullmatch(w) for w in rest):
        return False  # 'Day', 'Year', 'Easter weekend', 'the Christmas rush': a time, not a product
    has_name, marked, tail = _shape(value)
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
    sold_here = cued and PRODUCT_TYPE.fullmatch(toks[-1])  # 'relaunching the Meadow Oat bar' (not a pub)
    if BRIEF_WORDS.search(value) or tail and (people_tail or VENUE.fullmatch(toks[-1]) and not sold_here):
        return False  # 'CrossFit athletes', 'Etsy sellers'
    if not cued and VENUE.fullmatch(toks[-1]) or ORG_END.search(value):
        return False  # 'Clean Rivers Trust', 'PawCare Vets': the business, not what it sells
    name = " ".join(t for t in toks if t[:1].isupper())
    if name and is_place(name):
        return False
    return cued or marked or tail


def _is_label(text: str, found: Found) -> bool:
    """'Cost target: ...' names a field of the brief, not a product."""
    return re.match(r"\s*[:=]", text[found.end :]) is not None


def _employer(text: str, for_at: int) -> bool:
    """'hiring 40 delivery drivers for HaulHub': a name after people and 'for' is who they work for."""
    before = text[max(0, for_at - 60) : for_at]
    return re.search(r"\b(?:[a-z]+(?:ers|ists)|staff|people|volunteers)\s+$", before) is not None and (
        re.search(r"\b(?:hiring|hire|recruit\w*|jobs?|vacanc\w+|roles?|positions?|shifts?)\b", before, re.I)
        is not None
    )


def _cued(text: str, is_place: PlaceTest) -> Found | None:
    for m in _CALLED.finditer(text):  # 'a new cider called Orchard Gold', 'our online CBT programme Steady'
        found = product_phrase(text, m.end(), is_place)
        if found and _acceptable(found.value, is_place, cued=True) and not _SUBJECT.match(text, found.end):
            return found
    best: tuple[int, Found] | None = None
    for m in _PRODUCT_CUE.finditer(text):
        kind = m.lastgroup or "verb"
        if best is not None and _RANK[kind] >= best[0]:
            continue
        found = product_phrase(text, m.end(), is_place)
        if not found or not _acceptable(found.value, is_place, cued=True):
            continue
        cue = m.group(0).lower()
        if kind == "own" and (NOT_NAME.match(found.value) or TIME_WORD.fullmatch(found.value.split()[0])):
            continue  # "the Lyric Theatre's Christmas panto", "New Year's Eve Gala": an occasion, not a name
        _, marked, tail = _shape(found.value)
        appositive = _APPOSITIVE.match(text, found.end)  # 'Docket, the contract tool from Lexly'
        typed = len(found.value.split()) > 1 and PRODUCT_TYPE.fullmatch(found.value.split()[-1])
        if _employer(text, m.start()):
            continue
        if _SUBJECT.match(text, found.end) and not (tail or typed):
            continue  # the organisation that wants something, not what it sells
        bare = not re.search(r"\b(?:our|the|its|their|my|your)\s", cue)
        if kind == "for" and bare and not (marked or tail or appositive or typed):
            continue  # 'for Green Acre Farm' names the business; 'for PipeDesk CRM' names a product
        if kind == "ask" and VENUE.fullmatch(found.value.split()[-1]):
            continue  # 'bookings for Harbourside Studio' names the business
        best = (_RANK[kind], found)
    return best[1] if best else None


def _named(text: str, is_place: PlaceTest) -> Found | None:
    """A product written without a cue: a name with a model mark ('Vita D3 Drops', 'PawPals group walks'), or
    'the/our Name' followed by a noun of something sold ('Our Hudson sofa collection needs a push')."""
    for m in re.finditer(r"(?<![\w'’&-])(?:(?P<art>(?i:the|our|its|their))\s+)?(?P<w>[A-Z0-9])", text):
        before = text[: m.start()]
        if not m.group("art") and re.search(r"\b[A-Z0-9][\w'’&-]*\s+$", before):
            continue  # inside a longer capitalised run
        found = product_phrase(text, m.start("w"))
        if not found:
            continue
        _, marked, tail = _shape(found.value)
        opening = (
            re.fullmatch(r"\s*", before) is not None
            or re.search(r"(?:^|\n)[ \t]*[A-Za-z][\w ]{0,20}:[ \t]*$", before) is not None
        )  # the brief or a labelled line opens with it: 'Night Owl blend is back', 'Campaign: X'
        typed = PRODUCT_TYPE.fullmatch(found.value.split()[-1]) and len(found.value.split()) > 1
        appositive = _APPOSITIVE.match(text, found.end) is not None  # 'Woofbox, our dog treat subscription'
        bullet = re.search(r"(?:^|\n)[ \t]*(?:[-*•▪→+>]|\d{1,2}[.)])?[ \t]*$", before) is not None
        caps = sum(1 for t in found.value.split() if t[:1].isupper())
        # 'Hopworks Winter Stout goes on sale': a name of two capitalised words or more opening a line
        on_sale = bullet and caps >= 2 and _ON_SALE.match(text, found.end) is not None
        if opening and not m.group("art") and found.value.split()[0][:1].isupper() and not marked:
            dash = re.match(r"[ \t]+[—–-][ \t]+", text[found.end :])
            named = product_phrase(text, found.end + dash.end()) if dash and tail else None
            if named and _acceptable(named.value, is_place, cued=True):
                return named  # 'Boiler service plan — Heatwise Cover': a description, then the name
        if not (marked or appositive or on_sale or typed and (m.group("art") or opening)):
            continue  # a bare 'Name noun' is as often a business, place or event as a product
        if not _acceptable(found.value, is_place, cued=appositive or on_sale or bool(typed)) or _is_label(
            text, found
        ):
            continue
        if re.search(r"\bfor\s+$", before) and _employer(text, before.rstrip().rfind("for")):
            continue
        return found
    return None


_ON_SALE = re.compile(
    r"[ \t]+(?:goes|go|went)[ \t]+on[ \t]+sale|[ \t]+is[ \t]+(?:back|out|here)\b|[ \t]+(?:launches|lands|drops|arrives)\b"
    r"|[ \t]+hits[ \t]+(?:shelves|stores)",
    re.IGNORECASE,
)


def _lower_offer(text: str) -> Found | None:
    m = _LOWER_OFFER.search(text)
    if not m:
        return None
    value = m.group("v")
    if PEOPLE_WORD.search(value) or not re.match(r"[a-z]", value):
        return None
    return Found(value, m.start("v"), m.end("v"))


_OTHER_FIELDS = frozenset({"audience", "places", "channels", "budget", "dates", "holdout"})


def find_product(text: str, segments: list[Segment], is_place_only: object) -> Found | None:
    """The product or offer the campaign promotes: a labelled value, a name after a cue, a name with product-type
    words, a lowercase offer after a cue, or the first clause of a list-like brief."""

    def is_place(value: str) -> bool:
        return bool(callable(is_place_only) and is_place_only(value))

    generic = ("campaign name", "promotion", "event", "ticket")  # an explicit product label wins over these
    labelled_segs = sorted(
        (seg for seg in segments if seg.field == "product" and seg.value),
        key=lambda seg: (seg.label or "").strip().lower() in generic,
    )
    for seg in labelled_segs:
        if seg.field == "product" and seg.value:
            value = re.split(
                r"\s+(?:at|in|on|for\s+the)\s+[A-Z]|\s*\(|\s+[-–—]\s+|[.;]\s|\s+for\s+(?=(?:[A-Z][\w'’]*\s+){0,2}"
                r"(?i:children|kids|families|women|men|hospital|charity|trust|foundation|school)\b)"
                r"|,\s+(?=(?:our|a|an|its|their)\s)|\s+for\s+(?=(?:[\w-]+\s+){1,2}(?:brands|businesses|companies|teams|owners)\b)",
                seg.value,
                maxsplit=1,
            )[0]
            value = value.strip(" .:")
            named = re.search(
                r",\s+the\s+(?=[A-Z0-9])", value
            )  # 'Stillwater meditation app, the 30-Day Calm Challenge'
            if named:
                inner = product_phrase(text, seg.value_start + named.end())
                if inner and not is_place(inner.value) and not DATE_IN.search(inner.value):
                    return tidy_product(inner)
            labelled = _strip_article(Found(value, seg.value_start, seg.value_start + len(value)))
            off = re.match(r"(?:\d+\s?%|[£$€]\s?\d+)\s+off\s+(?:the\s+|our\s+|a\s+)?", value, re.IGNORECASE)
            rest = product_phrase(text, seg.value_start + off.end()) if off else None
            if rest:  # 'Offer: 20% off the Harvest Box for the first month'
                labelled = rest
            if labelled.value and not is_place(labelled.value):
                return tidy_product(labelled)
    # a value under another field's label ('Target market: Festival-goers aged 18-30') is that field's
    other = [(seg.start, seg.end) for seg in segments if seg.field in _OTHER_FIELDS]
    text = "".join(
        " " if any(a <= i < b for a, b in other) and ch != "\n" else ch for i, ch in enumerate(text)
    )
    found = _cued(text, is_place) or _lower_offer(text) or name_clause(text, segments, is_place_only)
    found = found or _named(text, is_place)
    return tidy_product(_strip_article(found)) if found else None
