"""Shapes a product takes in a brief besides a name after a cue: a labelled value ('Product: ...', a table
column), a title line ('Lunar New Year: Golden Pineapple Tart tins', 'back to uni - Kettle & Co student bundle'),
a name glossed in brackets ('kindred (the dating app)'), and a lowercase offer after a cue ('push ev charger
installs', 'sign up for a free water meter') or opening the brief ('24/7 lockout service for renters')."""

from __future__ import annotations

import re

from graph.models.offline.channels import CHANNEL_RES, Found
from graph.models.offline.field_labels import field_for_label
from graph.models.offline.product_name import (
    PlaceTest,
    acceptable,
    product_phrase,
    shape,
    strip_article,
    tidy_product,
)
from graph.models.offline.product_words import (
    ASKS,
    BOUNDARY,
    CUE_VERBS,
    DATE_IN,
    FOREIGN_TYPE,
    GREETING,
    HOUSING,
    NOT_NAME,
    OCCASION,
    OFFER_NOUNS,
    PEOPLE_WORD,
    PRODUCT_TYPE,
    SEASONAL,
    TIME_LEAD,
)
from graph.models.offline.segments import Segment

_WORD = (  # 'learn to curl league', 'learn-to-swim course': a learn-to offer is one word of its name
    r"(?:learn[ -]to[ -][a-z]+|"
    r"(?!(?:for|of|to|in|with|at|on|from|by|more|some|all|any|extra|other|new)\b(?![-'’]))[a-z0-9][\w'’/-]*)"
)
_LOWER_OFFER = re.compile(
    rf"\b(?i:(?P<cue>{CUE_VERBS}|for))\s+(?P<det>(?:our|the|its|their|my|a|an)\s+)?"
    rf"(?P<v>(?:{_WORD}\s+){{0,5}}(?:(?:{OFFER_NOUNS})\b(?![-'’])|(?:{PRODUCT_TYPE.pattern})(?=\s*(?:[.,;!?\n]|$)|\s+(?:to|for|among|across)\s)))"
)
_FREE = re.compile(  # 'sign up for a free water meter', 'offering a free hearing check to adults over 60'
    rf"\b(?i:{CUE_VERBS}|for)\s+(?:a\s+|an\s+|our\s+|the\s+)?(?P<v>free(?:\s+[a-z][\w-]*){{1,3}}?)"
    r"(?=\s+(?:to|for|in|at|with|from|by|among)\b|\s*[.,;!?\n]|$)"
)
_SERVES = r"\s+for\s+(?:one|two|three|four|six|\d{1,2})\b"  # 'afternoon tea for two', 'pizza night for 4'
_OPENING_OFFER = re.compile(  # the brief opens with the offer: '24/7 lockout service for renters', 'our beanbox plan.'
    # (after a greeting: 'hi!! radon test kit promo — homeowners ...')
    rf"\A\s*(?:(?i:{GREETING})(?:\s+(?i:team|all|everyone|folks|guys))?\b[!.,]*\s+(?:[—–-]\s+)?)?(?:our\s+)?"
    rf"(?P<v>(?:{_WORD}\s+){{0,5}}(?:{OFFER_NOUNS}|(?:{PRODUCT_TYPE.pattern})(?={_SERVES}))(?P<n>{_SERVES})?)"
    r"(?=\s+(?:for|to|by|from)\b|\s*[.,;:\n—–]|\s+(?:promo|promotion|campaign|push|launch|ads|drive)\b)"
)
_LOWER_TIER = re.compile(  # a lowercase brief opening with a name and its tier: 'pennypal plus win-back.'
    r"\A\s*(?:our\s+|the\s+)?(?P<v>[a-z][a-z0-9]{2,}\s+(?:plus|pro|premium|max|lite|ultra|prime))"
    r"(?=\s*[.,:;\n]|\s+(?:win-?back|launch|relaunch|push|promo|campaign|drop|sale|upgrade|trial)\b)"
)
_FOREIGN_OFFER = re.compile(  # 'vender el curso intensivo de flamenco', 'promuovere il corso di cucina toscana'
    rf"\b(?i:{CUE_VERBS}|pousser|empujar|impulsar|spingere|"
    # a campaign for it: 'campagne pour le pass cirque famille', 'campaña para el bono de temporada'
    r"(?:campagne|campaña|campanha|campagna|kampanj|kampagne|campagne)\s+(?:pour|para|per|pra|pro|för|voor|für))"
    r"\s+(?:el|la|le|les|il|lo|los|las|o|a|os|as|un|una|une|uno|"
    r"notre|nuestr[oa]|nostr[oa]|nosso|nossa)\s+"
    rf"(?P<v>(?:{FOREIGN_TYPE})(?:\s+[a-zà-ÿ][\w'’-]*){{1,4}})"
)
_FOREIGN_STOP = (
    r"\s+(?:a|al|ai|agli|alle|aux|à|para|pour|auprès|en|em|in|für|an|con|avec|com|per|entre|dans|por|sur)\b"
)
_AFTER_PUSH = re.compile(r"(?i:push|campaign|ads?|promo|promotion|drive|focus)\s+$")


def _clean_offer(value: str) -> str | None:
    """A lowercase offer up to where the sentence moves on, ending in its offer noun; None if it names people, a
    channel or a time."""
    toks = value.split()
    for i, t in enumerate(toks):
        # 'online will writing service': 'will' before an -ing word or an offer noun is a noun, not a modal
        noun_will = t.lower() in ("will", "wills") and re.fullmatch(
            rf"[a-z]+ing|{OFFER_NOUNS}", " ".join(toks[i + 1 : i + 2])
        )
        if noun_will:
            continue
        if t.lower() == "to" and i and toks[i - 1].lower() == "learn":
            continue
        if t.lower() in BOUNDARY and not (t.lower() == "and" and 0 < i < len(toks) - 1):
            toks = toks[:i]
            break
    while toks and not (re.fullmatch(OFFER_NOUNS, toks[-1]) or PRODUCT_TYPE.fullmatch(toks[-1])):
        toks.pop()
    if not toks or len(toks) == 1 and PEOPLE_WORD.fullmatch(toks[0]):
        return None  # people may describe an offer ('our 6-week beginners course'), not be one
    if any(rx.fullmatch(t) for t in toks for rx in CHANNEL_RES.values()):
        return None
    return " ".join(toks)


def lower_offer(text: str) -> Found | None:
    """A lowercase offer after a cue: 'pushing our lunchtime pho set', 'promote its flu jab clinics', 'push ev
    charger installs to homeowners', 'push for otter swim academy crash courses'. Without 'our/its/the' the offer
    needs a word before its noun ('sell tickets' names no offer), and a bare 'for' only follows a push or ad."""
    for m in _LOWER_OFFER.finditer(text):
        det = (m.group("det") or "").strip().lower()
        cue = m.group("cue").lower()
        if cue == "for" and not det and not _AFTER_PUSH.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        value = _clean_offer(m.group("v"))
        if not value or not re.match(r"[a-z0-9]", value):
            continue
        if len(value.split()) < 2 and det not in ("our", "its", "their", "my"):
            continue
        if value[:1].isdigit() and not det:
            continue  # 'get 250 veg box subscribers' counts people, not an offer
        if re.match(rf"\s+(?:{ASKS}|\w+(?:ers|ists))\b", text[m.start("v") + len(value) :]):
            continue  # 'veg box subscribers', 'meal kit orders': the offer describes what is counted
        start = m.start("v")
        return Found(value, start, start + len(value))
    free = _FREE.search(text)
    if free and not PEOPLE_WORD.search(free.group("v")):
        return Found(free.group("v"), free.start("v"), free.end("v"))
    foreign = _FOREIGN_OFFER.search(text)
    if foreign:
        value = re.split(_FOREIGN_STOP, foreign.group("v"))[0].strip()
        if len(value.split()) >= 2:
            return Found(value, foreign.start("v"), foreign.start("v") + len(value))
    tier = _LOWER_TIER.match(text)
    if tier:
        return Found(tier.group("v"), tier.start("v"), tier.end("v"))
    opening = _OPENING_OFFER.match(text)
    if opening:
        serves = opening.group("n") or ""
        core = opening.group("v")[: len(opening.group("v")) - len(serves)]
        value = _clean_offer(core)
        # the occasion it is sold for is not part of it: 'mothers day afternoon tea for two'
        when = re.match(rf"(?:{SEASONAL.pattern})\s+(?=\S+\s+\S)", core) if value == core else None
        if when:
            core, value = core[when.end() :], core[when.end() :]
        if value and value == core and len(value.split()) > 1 and not NOT_NAME.match(value):
            start = opening.end("v") - len(core) - len(serves)
            return Found(value + serves, start, opening.end("v"))
    return None


_DEVELOPMENT = re.compile(
    rf"\b(?i:the|our|its|their)\s+(?:[a-z0-9][\w-]*\s+){{0,3}}(?:{HOUSING.pattern.lower()})\s+at\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
)


def development(text: str, is_place: PlaceTest) -> Found | None:
    """Homes described in lowercase, then the development's name: 'selling the last apartments at Donaupark
    Residences', 'our new-build homes at Kelham Quay'."""
    for m in _DEVELOPMENT.finditer(text):
        found = product_phrase(text, m.end(), is_place)
        if found and acceptable(found.value, is_place, cued=True):
            return found
    return None


_HEAD = re.compile(
    r"^[ \t]*(?:[-*•▪・●○◆◇■□➤➢✓✔]|\d{1,2}[.)])?[ \t]*(?P<head>[^\n:]{2,70}?)(?::|[ \t]+[-–—][ \t]+)[ \t]*"
    r"(?:(?i:the|our|a|an)[ \t]+)?(?=\S)",
    re.MULTILINE,
)


def _title_name(text: str, start: int, is_place: PlaceTest) -> Found | None:
    """The name a title gives at ``start``: two capitalised words or more, a product noun or a model mark; not an
    occasion, a time, a shouted heading or a business that speaks."""
    found = product_phrase(text, start, is_place)
    if not found:
        return None
    found = tidy_product(found)
    toks = found.value.split()
    _, marked, tail = shape(found.value)
    caps = sum(1 for t in toks if t[:1].isupper())
    typed = len(toks) > 1 and PRODUCT_TYPE.fullmatch(toks[-1]) is not None
    if NOT_NAME.match(found.value) or TIME_LEAD.match(found.value) or found.value.isupper():
        return None
    if re.match(r"[ \t]+(?:wants?|needs?|is|are|would|has)\b", text[found.end :]) and not tail:
        return None  # 'Back to school brief: SchoolKit Direct wants to sell ...': the business speaks
    if (marked or typed or caps >= 2) and acceptable(found.value, is_place, cued=True):
        return found
    return None


_BRIEF_TITLE = re.compile(
    r"\b(?i:campaign|brief|plan|strategy|notes?|update|proposal|overview|summary|request|kick-?off|launch|"
    r"marketing|idea|recap|agenda|push|promo|transcript|voicemail|voice\s+note|minutes|call|chat|ticket|task)\b"
)


def headed(text: str, is_place: PlaceTest) -> Found | None:
    """A title line: an occasion, theme, brand or greeting, then the product ('Black Friday 2027: Printastic
    custom posters', 'LinguaBridge: Certified Legal Translation', 'kia ora - Tuatahi dating app needs signups').
    The part after the colon is the product when it is a name of two capitalised words or more, or a name with a
    product noun or model mark; a line whose head is a field label ('Budget: ...') is that field's. When the part
    after the colon is a sentence or an occasion, a head that is a name is the product ('Golden Week packages to
    Okinawa: we're targeting ...', 'Spooky Nights at Bayfront Aquarium: Halloween after-dark tickets')."""
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", text)][:3]
    for line in lines:
        m = _HEAD.match(text, line.start(), line.end())
        if not m:
            continue
        head = m.group("head").strip(" *#")
        if (
            field_for_label(head)
            and len(head.split()) <= 2
            or len(head.split()) > 8
            or _META_HEAD.fullmatch(head)
            or re.match(
                r"(?i:for|voor|för|pour|für|dla|para|per|til)\s", head
            )  # 'For SubtitleLab: we want ...'
        ):
            continue
        found = _title_name(text, m.end(), is_place)
        if found:
            return _said_in_full(text, found)
        after = text[m.end() : line.end()]
        sentence = re.match(r"(?i:we|we're|we’re|i|i'm|our|this|it)\b", after) or (
            NOT_NAME.match(after) and after[:1].isupper()  # 'Halloween after-dark tickets' (not 'budget 14k')
        )
        verb_led = re.match(rf"(?i:{CUE_VERBS})\b", head)  # 'Promote GreenEdge hedge trimmer: budget ...'
        if sentence and not verb_led and not _BRIEF_TITLE.search(head) and m.group("head")[:1].isupper():
            at = m.start("head")
            named = _title_name(text, at, is_place)
            caps = sum(1 for t in named.value.split() if t[:1].isupper()) if named else 0
            if named and caps >= 2 and head.startswith(named.value) and named.start == at:
                return named
    return None


_META_HEAD = re.compile(  # who sends or owns the brief, not what it sells
    r"(?i:brand|client|company|business|advertiser|account|organi[sz]ation|charity|from|to|cc|date|sent|thread|"
    r"attendees|channel|re|fwd?|subject|prepared\s+by|written\s+by|requested\s+by|approved\s+by|author|owner|"
    r"contact|name|attn|attention|manager|lead|"
    # a ticket's or task's fields: 'Reporter: Maria Alvarez (Bright Corners)', 'Assignee: Jordan'
    r"reporter|assignee|assigned\s+to|requester|requested\s+by|raised\s+by|created\s+by|priority|status|due|"
    r"watchers?|reviewer|ticket|task|project|epic)",
)


def _said_in_full(text: str, found: Found) -> Found:
    """A title's name said again in full in the body: '#campaigns — Mind the Lads' ... 'the Mind the Lads text
    support service'."""
    full = re.search(
        rf"{re.escape(found.value)}(?:\s+[a-z][\w-]*){{0,3}}?\s+(?:{OFFER_NOUNS})\b", text[found.end :]
    )
    if not full:
        return found
    at = found.end + full.start()
    return Found(full.group(0), at, at + len(full.group(0)))


_GLOSS = re.compile(  # 'kindred (the dating app)', 'Skyward Drift (racing game, iOS)'
    rf"[ \t]*\((?:(?i:the|a|an|our|notre|nuestr[oa]|nostr[oa]|nosso|nossa|unser[e]?))?[ \t]*(?:[\w-]+[ \t]+){{0,3}}(?i:{PRODUCT_TYPE.pattern})\b"
)
_GLOSS_STOP = re.compile(
    r"(?i:for|of|about|push|pushing|promote|promoting|launch|launching|sell|selling|on|is|called|"
    # the cue verbs and articles of the languages briefs arrive in: 'pousser le plateau du mois (notre box ...)'
    r"pousser|promouvoir|vendre|lancer|vender|promocionar|promover|lanzar|promuovere|vendere|lanciare|bewerben|"
    r"verkaufen|le|la|les|el|los|las|il|lo|gli|o|os|as)$"
)


def glossed(text: str, is_place: PlaceTest) -> Found | None:
    """A name glossed with what it is, in brackets: 'installs for kindred (the dating app)', 'push for Gruffles
    and the Snowy Night (hardback picture book, £12.99)'. The name runs back from the bracket to the cue or the
    start of the line."""
    for m in _GLOSS.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        words = text[line_start : m.start()].split(" ")
        name: list[str] = []
        for w in reversed(words):
            if not w or _GLOSS_STOP.fullmatch(w) or re.search(r"[,.;:!?—–]$", w) or len(name) >= 6:
                break
            name.insert(0, w)
        if not name or name[0].lower() in BOUNDARY or name[0].lower() in ("and", "the", "a", "an"):
            continue
        value = " ".join(name)
        if is_place(value) or PEOPLE_WORD.fullmatch(name[-1]) or re.search(r"[$€£¥%]|\d{3,}", value):
            continue
        if any(rx.fullmatch(value) for rx in CHANNEL_RES.values()):
            continue
        return Found(value, m.start() - len(value), m.start())
    return None


_ABOUT = (
    re.compile(  # a campaign named for what it sells: 'Summer sale for Trailblazer boots', 'Launch of the X'
        r"^(?:[\w'’-]+\s+){0,3}?(?i:sale|campaign|push|promo|promotion|launch|relaunch|drive|blitz)\s+"
        r"(?i:for|of|on)\s+(?:(?i:the|our|a|an)\s+)?(?=[A-Za-z0-9])"
    )
)
_GENERIC_LABELS = ("campaign name", "promotion", "event", "ticket", "campaign brief", "brief")
_QUOTED = re.compile(r"[«“\"]\s*(?P<q>[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][^»”\"\n]{1,40}?)\s*[»”\"]")
_PRICE = r"(?:[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ]{0,3}[$£€¥₩]\s?\d|\d[\d.,]*\s?(?:[$£€¥₩]|EUR|USD|GBP|kr|SEK|NOK|DKK|CHF)(?!\w)|\d{1,3}\s?%\s+off)"
_LABEL_END = re.compile(
    # a price or discount glued on: 'annual boiler service at £69', 'the First Box Offer, 30% off'
    rf"\s+(?:at|for|from|only|just|now)\s+{_PRICE}|,?\s+{_PRICE}|\s+(?:from|by)\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
    # an occasion it is sold for: '"Love Potions Masterclass" for Valentine's Day'
    rf"|\s+for\s+(?=(?i:{OCCASION})\b)|\s+(?:is|are)\s+(?:our|the|a|an)\s"  # 'X is our new plan for ...'
    # 'at|in|on' a place or venue; a single capitalised word ending the value stays ('First Aid at Work')
    rf"|\s+at\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])(?![A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][a-z]+\s*$)|\s+(?:in|on|for\s+the)\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])|\s*\(|\s+[-–—]\s+|[.;]\s|\s+for\s+(?=(?:[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’]*\s+){{0,2}}"
    r"(?i:children|kids|families|women|men|hospital|charity|trust|foundation|school)\b)"
    r"|,\s+(?=(?:our|a|an|its|their)\s|[a-z]+ing\b)"
    # an offer glued on after a comma: 'WinterGrip X2 tires, buy 3 get 1 free', 'X, 2 for 1', 'X, half price'
    r"|,\s+(?=(?i:buy|get|save|free|bogo|half[\s-]+price|two[\s-]+for|\d+\s*(?:for|x|\+)\s*\d|\d+\s*%|"
    r"from|only|now|limited|while|ends?|until|incl)\b)"
    # the offer's terms said after a few words: 'Seed Box, first box half price', 'X, second pair 50% off',
    # 'X, first month free', 'X, erste Box gratis', 'X, première box à moitié prix'
    r"|,\s+(?=(?:[\w'’-]+\s+){1,4}?(?i:half[\s-]+price|free|off|discount(?:ed)?|gratis|gratuite?|kostenlos|"
    r"gratuit[oa]?|moiti[ée]\s+prix|halve\s+prijs|halva\s+priset|\d+\s*%)(?:\s|[.,;]|$))"
    # who it is for, in the languages briefs arrive in: 'Fondue-Set Alpenglut für die Wintersaison'
    r"|\s+(?:für|pour|para|per|voor|för|til|dla)\s+(?=(?:die|den|das|der|dem|les|le|la|el|los|las|il|i|gli|de|het|"
    r"den|det|o|os|a|as)\b|[a-zà-ÿ])|\s+for\s+(?=(?:[\w-]+\s+){1,2}(?:brands|businesses|companies|teams|owners)\b)"
)


_NAME_ENDS = re.compile(r"\s*(?:for|at|in|on|from|by|with|to|during|this|next)\b")


def _label_value(seg: Segment, is_place: PlaceTest) -> str:
    """The labelled value up to where it moves on ('Couples Pasta Masterclass at Forno Academy', 'FridgeChef app,
    Korea launch'); homes keep their development ('Shared Ownership homes at Millbrook Rise')."""
    raw = seg.value
    keep = re.search(rf"\b(?:{HOUSING.pattern})\s+at\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])", raw, re.IGNORECASE)
    cut = _LABEL_END.search(raw, keep.end() if keep else 0)
    value = raw[: cut.start()] if cut else raw
    place = re.search(
        r",\s+(?P<p>[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’-]*)?)",
        value,
    )
    if place and is_place(place.group("p")):
        value = value[: place.start()]  # 'FridgeChef app, Korea launch'
    return value.strip(" .:*")


_FOREIGN_LEAD = re.compile(rf"(?:{FOREIGN_TYPE})\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])")


def _foreign_type_cut(found: Found) -> Found:
    """A label's value led by a lowercase type noun in another language, then the name: 'kolekcja Bałtycki
    Bursztyn', 'corso Tortellini Masterclass' name the collection and the course."""
    m = _FOREIGN_LEAD.match(found.value)
    return Found(found.value[m.end() :], found.start + m.end(), found.end) if m else found


def labelled(text: str, segments: list[Segment], is_place: PlaceTest) -> Found | None:
    """The value under a product label; an explicit product label wins over a campaign name or brief title."""

    def rank(seg: Segment) -> int:
        label = (seg.label or "").strip().lower()
        return 2 if label in _GENERIC_LABELS else 0 if re.search(r"product|offer", label) else 1

    segs = sorted((seg for seg in segments if seg.field == "product" and seg.value), key=rank)
    for seg in segs:
        quoted = _QUOTED.search(seg.value)
        after_quote = seg.value[quoted.end() :] if quoted else ""
        # 'Maison Ciel, eau de parfum «Lumière d'Avril»'; '"Love Potions Masterclass" for Valentine's Day' (not
        # '"Harbour Light" spiced rum', whose name goes on after the quote)
        if quoted and (
            quoted.start() > 0 or not re.match(r"\s*[a-z]", after_quote) or _NAME_ENDS.match(after_quote)
        ):
            at = seg.value_start + quoted.start("q")
            return Found(quoted.group("q"), at, at + len(quoted.group("q")))
        value = _label_value(seg, is_place)
        named = re.search(
            r",\s+the\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ0-9])", value
        )  # 'Stillwater meditation app, the 30-Day Calm Challenge'
        if named:
            inner = product_phrase(text, seg.value_start + named.end())
            if inner and not is_place(inner.value) and not DATE_IN.search(inner.value):
                return tidy_product(inner)
        if rank(seg) == 2:  # 'Brief: lead generation, £5k, LinkedIn': a title's first clause
            value = value.split(",", 1)[0]
        about = _ABOUT.match(value)
        inner = product_phrase(text, seg.value_start + about.end()) if about else None
        if inner and not is_place(inner.value) and not DATE_IN.search(inner.value):
            return tidy_product(inner)  # 'Campaign: Summer sale for Trailblazer boots'
        found = strip_article(Found(value, seg.value_start, seg.value_start + len(value)))
        off = re.match(r"(?:\d+\s?%|[£$€]\s?\d+)\s+off\s+(?:the\s+|our\s+|a\s+)?", value, re.IGNORECASE)
        rest = product_phrase(text, seg.value_start + off.end()) if off else None
        if rest:  # 'Offer: 20% off the Harvest Box for the first month'
            found = rest
        if not found.value or is_place(found.value) or DATE_IN.search(found.value):
            continue
        found = tidy_product(_foreign_type_cut(found))
        if rank(seg) == 2 and not re.search(
            rf"[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ0-9]|(?:{OFFER_NOUNS})$", found.value
        ):
            continue  # 'Brief: awareness campaign for ...' titles the work, it names no product
        return found
    return None
