"""The product or offer a brief promotes, in the brief's own words.

Marketers name the product in many ways: a label ('Product: Atlas X2 trail shoe'), after a verb ('we're pushing
Budgetly Premium', 'get PeakFuel Recovery 2.0 in front of ...'), after 'for our' / 'the' ('this is for our GrainFree
Salmon kibble', 'the Coastline linen collection'), or on its own ('The Edge 3 razor is what we need to sell'). The
rules read a *name* (capitalised words, digits, CamelCase) and the product-type words written after it ('range',
'kit', 'serum'), and stop where the sentence moves on ('to', 'aimed at', 'for HR teams'). Business names (all
capitalised words followed by a verb: 'Greenway Trust needs volunteers'), places, occasions, channels and people
('IT directors', 'CrossFit athletes') are not products. A lowercase offer is read only after a cue and when it ends
in an offer word ('pushing our lunchtime pho set').

Cues rank by kind: what the audience is asked to buy or do ('book a X', 'tickets for X', 'sell the X') beats what a
campaign is for ('push for X'), which beats an owner ('Brand's X'). The reading of a name is in product_name, the
other shapes a product takes (labels, title lines, glosses, lowercase offers) in product_forms, what the sentence
around a name says of it (a title after its description, a clause that counts, what not to use) in product_said,
and the word classes in product_words.
"""

from __future__ import annotations

import re

from graph.models.offline.channels import Found
from graph.models.offline.fields import name_clause
from graph.models.offline.product_forms import development, glossed, headed, labelled, lower_offer
from graph.models.offline.product_name import (
    PlaceTest,
    acceptable,
    model_numbered,
    product_phrase,
    shape,
    strip_article,
    tidy_product,
)
from graph.models.offline.product_plain import bulleted_plain, plain_after, priced_plain, sold_plain
from graph.models.offline.product_said import (
    SUBJECT,
    bare_name,
    brief_names,
    counted,
    described_title,
    renamed,
    unbanned,
)
from graph.models.offline.product_words import (
    ASKS,
    CHAT_STAMP,
    COMPOUND_HEAD,
    CUE_VERBS,
    EVENT_NOUN,
    FOREIGN_TYPE,
    GLOSS_IS,
    HOUSING,
    NOT_NAME,
    OFFER_NOUNS,
    PRODUCT_TYPE,
    SEASONAL,
    TIME_WORD,
    VENUE,
)
from graph.models.offline.segments import Segment

_DET = r"(?:l['’]|(?:(?:il|la|i|le|o|a)[ \t]+(?:nostr[oaie]|su[oa]|noss[oa])|nostr[oaie]|our|the|a|an|its|their|my|your|le|la|les|el|los|las|il|lo|das|die|der|den|notre|nuestr[oa]|son|sa|ses|su|sus|suo|sua|seine?n?|ihre?n?|zijn|haar|leur|nos|nuestr[oa]s|den|det|een|ein|eine|einen|o|os|as|um|uma)[ \t]+)?(?:(?-i:new|free|last)(?![ \t]+year)[ \t]+)?(?:[$£€]\d+(?:\.\d\d)?[ \t]+)?"
_DET += r"(?-i:(?:[a-z]+|\d+)-(?:day|night|week|month|hour|year)[ \t]+)?"  # 'runs the three-week Gaeltacht Course'
_PRODUCT_CUE = re.compile(  # a cue's kind ranks it: what is sold beats what a campaign is for, beats an owner
    rf"(?P<verb>\b(?i:(?:{CUE_VERBS})[ \t]+(?:of[ \t]+)?{_DET}))(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ0-9]|['‘\"“][A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
    r"|(?P<off>\b\d{1,2}\s?%\s+off\s+(?i:(?:all|every|the|our|any)[ \t]+)?)(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ0-9])"  # '40% off all X'
    rf"|(?P<ask>\b(?i:(?:{ASKS})[ \t]+(?:for|of|to|on)[ \t]+{_DET}))(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ0-9])"
    rf"|(?P<ad>\b(?i:(?:ads?|campaign|push|brief|promotion|pre-?launch|kickstarter|sale)[ \t]+(?:for|on)[ \t]+{_DET}))"
    # the same in the languages briefs arrive in: 'campanha pro Açaí Bowl', 'campagne pour le Pass Neige'
    # ('kampanię dla Pierogi Babci Zosi', 'brief för Glidfäst Pro', 'iets doen voor de Hollandse Nieuwe haringbox')
    rf"|(?P<ad2>\b(?i:(?:campanhas?|campañas?|campagnes?|campagna|kampagnen?|kampanj(?:en|a|e)?|kampani[aeęi]|brief)[ \t]+"
    rf"(?:pro|pra|para(?:[ \t]+(?:o|a|el|la))?|pour|per|für|voor(?:[ \t]+(?:de|het))?|för|for|dla|til)[ \t]+{_DET}"
    # a brief said in Hindi written in Latin letters: 'brief hai Kisan Easy Tractor Loan ka'
    rf"|brief[ \t]+hai[ \t]+))"
    r"(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
    # what an organisation runs or hosts: 'WKRM is running the Keep It Local Pledge Drive'
    # ('I run Stitch & Mend' names the business: an article comes first)
    rf"|(?P<host>\b(?i:(?:run(?:s|ning)?|host(?:s|ing)?|hold(?:s|ing)?|organi[sz](?:es|ing)?)[ \t]+"
    rf"(?=(?:the|our|its|their|a|an)[ \t]){_DET}))"
    r"(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
    rf"|(?P<for>\b(?i:(?:for|voor(?:[ \t]+(?:de|het))?|för|dla|pour|til)[ \t]+{_DET}))(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ]|\d+-[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
    r"|(?P<own>\b(?!(?:Mother|Father|Valentine|Children|Women|Men|It|That|What|Let|There|Here|Who|He|She)['’])"
    r"[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w&]*(?:[ \t]+&?[ \t]*[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w&]*){0,3}(?:['’]s|s['’])[ \t]+)(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])",
)
_RANK = {"verb": 0, "off": 0, "ask": 0, "ad": 1, "ad2": 1, "host": 1, "for": 2, "own": 3}
_APPOSITIVE = re.compile(
    rf"[ \t]*,[ \t]+(?i:the|our|a|an)\s+(?:[a-z][\w'’-]*\s+){{0,3}}(?:{PRODUCT_TYPE.pattern})\b",
    re.IGNORECASE,
)
_CALLED = re.compile(
    rf"\b(?:{PRODUCT_TYPE.pattern})\s+(?:called|named)\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
    # 'our online CBT programme Steady': a lowercase description, then the name
    rf"|\b(?i:our|its|their)\s+(?:(?:[a-z][\w-]*|[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ]{{2,}})\s+){{0,3}}(?:{PRODUCT_TYPE.pattern})\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][a-z])"
    # the same in the languages briefs arrive in: "nous lançons l'abonnement Nounou+", 'la app Viajo'
    # (a generic noun in lowercase: 'el Paquete Romántico' is the name; German writes every noun capitalised)
    rf"|(?<![\w'’])(?i:l['’]|le\s|la\s|el\s|il\s|lo\s|o\s|a\s|notre\s|nuestr[oa]\s|nosso\s|nossa\s|het\s|onze\s|"
    rf"son\s|sa\s|su\s)\s*(?:{FOREIGN_TYPE})\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
    rf"|(?<![\w'’])(?i:unser\w*|die|das|den|ihr\w*|sein\w*)\s+(?i:{FOREIGN_TYPE})\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
)
_OBJECT_FIRST = re.compile(  # German and Dutch put the verb last: 'wollen unser Winterbock Bier in Bayern bewerben'
    r"\b(?i:unser\w*|ihr\w*|sein\w*|die|das|den|onze|ons|het|de)\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][^.\n;:!?]{0,80}?\s(?:bewerben|verkaufen|"
    r"vermarkten|promoten|launchen|einführen|bekannt\s+machen|verkopen|lanceren|aanprijzen|op\s+de\s+markt\s+brengen)\b)"
)


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


_INTRODUCES = re.compile(  # 'a campaign for Revive IV Lounge in Las Vegas: the Hangover Recovery Drip, $149'
    r"(?:[ \t]+in[ \t]+[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’-]*(?:[ \t]+[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’-]*){0,2})?[ \t]*:[ \t]+(?i:the|our|its|their)[ \t]+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ0-9])"
)


def _introduced(text: str, found: Found, is_place: PlaceTest) -> Found:
    """A business named, then what it sells after a colon: the product is after the colon ('Campaign for Lumen
    Opticians: free eye tests for over-60s')."""
    m = _INTRODUCES.match(text, found.end)
    inner = product_phrase(text, m.end(), is_place) if m else None
    if inner and acceptable(inner.value, is_place, cued=True):
        return inner
    plain = plain_after(text, found.end) if re.match(r"[ \t]*:", text[found.end :]) else None
    return plain or found


def _for_inside(text: str, for_at: int, found: Found | None, is_place: PlaceTest) -> Found | None:
    """'Our Bells for Centuries appeal', 'Books for Babies scheme': a 'for' inside a title-case name is part of it,
    not a cue; the whole name is read from its first capitalised word."""
    run = re.search(
        r"(?<![\w'’&-])(?:(?!(?:Our|The|Its|Their|A|An)\b)[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’&-]*[ \t]+){1,3}$",
        text[max(0, for_at - 60) : for_at],
    )
    at = max(0, for_at - 60) + run.start() if run else 0
    owned = re.search(r"(?:^|\b(?i:our|the|its|their)[ \t]+)$", text[:at]) is not None  # not 'in Texas for X'
    whole = product_phrase(text, at, is_place) if run and owned else None
    return whole if whole and whole.end > for_at + 4 and (found is None or whole.end >= found.end) else found


def _cued(text: str, is_place: PlaceTest) -> Found | None:
    ranked = cued_ranked(text, is_place)
    return ranked[1] if ranked else None


def cued_ranked(text: str, is_place: PlaceTest) -> tuple[int, Found] | None:
    """The best name after a cue and its cue's rank (0: what is sold or asked for; 1: what a campaign is for or
    an organisation runs; 2: 'for X'; 3: an owner's)."""
    for rx in (
        _CALLED,
        _OBJECT_FIRST,
    ):  # 'a new cider called Orchard Gold', 'our online CBT programme Steady'
        matches = list(rx.finditer(text))
        for m in reversed(matches) if rx is _OBJECT_FIRST else matches:  # the object nearest its verb
            found = product_phrase(text, m.end(), is_place)
            if found and acceptable(found.value, is_place, cued=True) and not SUBJECT.match(text, found.end):
                return 0, found
    described = described_title(text, is_place)
    if described:
        return 0, described
    best: tuple[int, Found] | None = None
    for m in _PRODUCT_CUE.finditer(text):
        kind = m.lastgroup or "verb"
        if best is not None and _RANK[kind] >= best[0]:
            continue
        found = product_phrase(text, m.end(), is_place)
        if kind == "for":
            found = _for_inside(text, m.start(), found, is_place)
        if not found:
            continue
        glossed_as = (
            _APPOSITIVE.match(text, found.end) and shape(found.value)[0] and not is_place(found.value)
        )
        if not acceptable(found.value, is_place, cued=True) and not glossed_as:
            continue  # a name glossed as a product is one, whatever it sounds like ('Dungeon Bakery, a board game')
        cue = m.group(0).lower()
        if (
            kind == "verb"
            and m.group(0)[:1].isupper()
            and re.search(
                r"(?:\b(?i:the|a|an|our|its|their)|[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’&-]*)[ \t]+$",
                text[: m.start()],
            )
        ):
            continue  # 'the Mystery Book Club box', 'the Fill a Tray deal': a capitalised verb inside a name
        if kind == "own" and (NOT_NAME.match(found.value) or TIME_WORD.fullmatch(found.value.split()[0])):
            continue  # "the Lyric Theatre's Christmas panto", "New Year's Eve Gala": an occasion, not a name
        _, marked, tail = shape(found.value)
        appositive = _APPOSITIVE.match(text, found.end)  # 'Docket, the contract tool from Lexly'
        last_word = found.value.split()[-1]
        typed = len(found.value.split()) > 1 and (
            PRODUCT_TYPE.fullmatch(last_word) or COMPOUND_HEAD.fullmatch(last_word.lower())
        )  # 'the Limburgse Vlaaibox'
        if kind == "for" and _is_label(text, found) and re.search(r"(?:\A|\n)[ \t]*$", text[: m.start()]):
            continue  # 'Voor SubtitleLab: we want to sell ...': the client the brief is written for
        if _employer(text, m.start()) and not typed:
            continue  # 'drivers for HaulHub' work there; 'handlers for its Hospital Visits Program' join a scheme
        if SUBJECT.match(text, found.end) and not (tail or typed):
            continue  # the organisation that wants something, not what it sells
        bare = not re.search(r"\b(?:our|the|its|their|my|your)\s", cue)
        if kind == "for" and bare and not (marked or tail or appositive or typed):
            continue  # 'for Green Acre Farm' names the business; 'for PipeDesk CRM' names a product
        last = found.value.split()[-1]
        if (
            VENUE.fullmatch(last)
            and not PRODUCT_TYPE.fullmatch(last)
            and not glossed_as
            and not model_numbered(found.value)
        ):
            continue  # 'bookings for Harbourside Studio', 'fill the Grand Hall' name the place, not the offer
        best = (_RANK[kind], _introduced(text, found, is_place))
    return best


def _named(text: str, is_place: PlaceTest) -> Found | None:
    """A product written without a cue: a name with a model mark ('Vita D3 Drops', 'PawPals group walks'), or
    'the/our Name' followed by a noun of something sold ('Our Hudson sofa collection needs a push')."""
    for m in re.finditer(
        r"(?<![\w'’&-])(?:(?P<art>(?i:the|our|its|their))\s+(?:(?i:new|latest|flagship)\s+)?)?(?P<w>[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ0-9])",
        text,
    ):  # 'Our new Harvest Moon pumpkin ale launches ...'
        before = text[: m.start()]
        if not m.group("art") and re.search(r"\b[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ0-9][\w'’&-]*\s+$", before):
            continue  # inside a longer capitalised run
        found = product_phrase(text, m.start("w"), is_place)
        if (
            not found
            or counted(text, found)
            or found.value.split()[0] in ("The", "Our")
            and found.value.split()[1:2] == [w for w in found.value.split()[1:2] if w[:1].islower()]
        ):
            continue  # 'The regional blood service' is not a name
        if (
            SUBJECT.match(text, found.end)
            and not shape(found.value)[2]
            and not _WANTED.match(text, found.end)
            and not EVENT_NOUN.fullmatch(
                found.value.split()[-1]
            )  # 'The Lobster Supper is looking for diners'
        ):
            continue  # 'RedDrop Blood Service needs donors': the organisation speaks
        _, marked, tail = shape(found.value)
        opening = (
            re.fullmatch(r"\s*", before) is not None
            or re.search(
                rf"(?:^|\n)[ \t]*(?:{CHAT_STAMP}[ \t]*(?:@?[A-Za-z][\w .]{{0,20}}:[ \t]*)?|[A-Za-z][\w ]{{0,20}}:[ \t]*)$",
                before,
            )
            is not None
        )  # the brief, a labelled line or a chat message opens with it: 'Night Owl blend is back', 'Campaign: X',
        # '[9:41 AM] jess: Opening Week ticket packs for the Riverdogs'
        toks = found.value.split()
        typed = (
            len(toks) > 1
            and (  # 'Shared Ownership homes at Millbrook Quay': homes at their development
                PRODUCT_TYPE.fullmatch(toks[-1])
                or any(HOUSING.fullmatch(t) for t in toks[1:-1] if t[:1].islower())
            )
        )
        appositive = (  # 'Woofbox, our dog treat subscription', 'Toonverse Premium+ is our new monthly tier'
            _APPOSITIVE.match(text, found.end) is not None or GLOSS_IS.match(text, found.end) is not None
        )
        # "Our Olive & Thyme Soap Trio sells mostly to women": the brand's own named thing, said as a subject;
        # one capitalised word is enough when the brief says it wants something for it ('Our Meal Drive needs a push')
        caps_in = sum(1 for t in found.value.split() if t[:1].isupper())
        wanted = _WANTED.match(text, found.end) is not None
        owned = (
            (m.group("art") or "").lower() == "our"
            and (caps_in >= 2 and _OWN_VERB.match(text, found.end) is not None or wanted)
            or (  # 'quick one — Brightmark 11+ Mock Exam Pack needs a push': a named product the brief wants sold
                wanted and caps_in >= 2 and PRODUCT_TYPE.fullmatch(found.value.split()[-1]) is not None
            )
        )
        bullet = re.search(r"(?:^|\n)[ \t]*(?:[-*•▪→+>・●○◆◇■□➤➢✓✔]|\d{1,2}[.)])?[ \t]*$", before) is not None
        caps = sum(1 for t in found.value.split() if t[:1].isupper())
        # 'Hopworks Winter Stout goes on sale': a name of two capitalised words or more opening a line
        on_sale = bullet and caps >= 2 and _ON_SALE.match(text, found.end) is not None
        if opening and not m.group("art") and found.value.split()[0][:1].isupper() and not marked:
            dash = re.match(r"[ \t]+[—–-][ \t]+", text[found.end :])
            named = product_phrase(text, found.end + dash.end()) if dash and tail else None
            if named and acceptable(named.value, is_place, cued=True):
                return named  # 'Boiler service plan — Heatwise Cover': a description, then the name
        # 'Padala Fast promo for OFWs' (not 'Chinese New Year promo for the Lucky Peach tea', nor a ticket's code)
        promo = _PROMO_AFTER.match(text, found.end) if opening else None
        promoted = (
            promo is not None
            and not re.match(
                r"[ \t]+(?i:for|of|on)[ \t]+(?i:the|our|a|an)[ \t]+[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ]",
                text[promo.end() :],
            )
            and not SEASONAL.fullmatch(found.value)
            and not re.search(r"[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ]{2,}-?\d{2,}|[·•|#]", found.value)
        )
        if not (
            marked or appositive or on_sale or owned or promoted or typed and (m.group("art") or opening)
        ):
            continue  # a bare 'Name noun' is as often a business, place or event as a product
        if not acceptable(
            found.value, is_place, cued=appositive or on_sale or owned or promoted or bool(typed)
        ) or _is_label(text, found):
            continue
        if re.search(r"\bfor\s+$", before) and _employer(text, before.rstrip().rfind("for")):
            continue
        return found
    return None


_OWN_VERB = re.compile(  # what a business says of its own product: it sells, comes in, costs, ships, is back
    r"[ \t]+(?:sells|comes|costs|ships|starts|launches|returns|arrives|is\s+(?:back|for|made|priced|available|"
    r"sold|our|a|an|the|now|here|on|out))\b"
)
_WANTED = re.compile(
    # what the brief wants for it: 'Our Meal Drive needs a boost', 'Our Glidemaster stairlift is the focus of ...'
    r"[ \t]+(?:needs?|deserves?|could\s+use)[ \t]+(?:a|an|more|some)[ \t]+(?:[a-z]+[ \t]+)?(?:push|boost|lift|"
    rf"campaign|promo|promotion|awareness|visibility|attention|sales|{ASKS})\b"
    r"|[ \t]+(?:is|are)[ \t]+(?:the|our)[ \t]+(?:focus|hero|star|priority|subject)\b"
)
_PROMO_AFTER = re.compile(
    # a name opening the brief or a message, then what is to be done for it: 'Padala Fast promo for OFWs',
    # 'Fietslease Zakelijk moet live', 'Hytte-til-hytte sommerpass, can we advertise?', 'Kindle Club ads please'
    r"[ \t]+(?:promo|promotion|campaign|push|launch|relaunch|ads|adverts?|advertising|drive)\b"
    r"|[ \t]+(?i:moet|muss|skal|ska|må|must|needs[ \t]+to|has[ \t]+to|will|is[ \t]+going[ \t]+to)[ \t]+(?:go[ \t]+)?live\b"
    r"|[ \t]+(?:goes|going)[ \t]+live\b"
    r"|,?[ \t]+(?i:can|could|shall|should)[ \t]+we[ \t]+(?:advertise|promote|push|market|run[ \t]+ads)\b"
)
_EVENT_START = re.compile(
    r"(?:^|(?<=[.!?])[ \t]+)[ \t]*(?:(?i:the|our|this\s+year's)[ \t]+)?(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])",
    re.MULTILINE,
)
_HAPPENS = re.compile(  # 'The Harbour Half Marathon takes place on 3 May', 'The Lantern Parade returns on 31 October'
    r"[ \t]+(?:takes[ \t]+place|is[ \t]+(?:on|happening|being[ \t]+held)|will[ \t]+be[ \t]+(?:held|on)|is[ \t]+held|"
    r"returns|opens|kicks[ \t]+off|comes[ \t]+back)[ \t]+(?:on|in|this|next|from|at|[0-9])",
    re.IGNORECASE,
)


def _event_subject(text: str, is_place: PlaceTest) -> Found | None:
    """An event named as a sentence's subject and given its date: it is what the campaign sells places at."""
    for m in _EVENT_START.finditer(text):
        found = product_phrase(text, m.end(), is_place)
        if not found or not _HAPPENS.match(text, found.end) or re.search(r"['’]s\b|[\"“”]", found.value):
            continue  # (an owner's quoted title is left to the cues: "the Museum's \"Deep Ocean\" exhibition")
        if sum(1 for t in found.value.split() if t[:1].isupper()) >= 2 and acceptable(
            found.value, is_place, cued=True
        ):
            return found
    return None


_ON_SALE = re.compile(
    r"[ \t]+(?:goes|go|went)[ \t]+on[ \t]+sale|[ \t]+is[ \t]+(?:back|out|here)\b|[ \t]+(?:launches|lands|drops|arrives)\b"
    r"|[ \t]+hits[ \t]+(?:shelves|stores)",
    re.IGNORECASE,
)


def _lead_words(found: Found) -> Found:
    """Words before the product that are not part of it: filler ('okay so the HomeHalo doorbell camera') and a
    season it is sold in ('Summer holidays kids' club tickets')."""
    filler = re.match(r"(?:[a-z]+\s+){1,4}?(?:the|our)\s+(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])", found.value)
    season = re.match(
        r"(?i:summer|spring|autumn|winter|christmas|easter|halloween|festive|holiday)(?:\s+(?i:holidays?|"
        r"half-term|term|season|weekend))?\s+(?=[a-z][\w'’-]*\s+[a-z])",  # 'summer menu' stays whole
        found.value,
    )
    cut = filler or (season if season and re.search(rf"(?:{OFFER_NOUNS})$", found.value) else None)
    return Found(found.value[cut.end() :], found.start + cut.end(), found.end) if cut else found


def _shaped(value: str) -> bool:
    """A name that says it is a product: a model mark or a product noun at its end ('Vita D3 Drops', 'Harbour
    Light spiced rum'), not a bare business name ('Scales & Tails', 'Ryokan Hoshizora')."""
    toks = value.split()
    _, marked, _ = shape(value)
    return marked or (len(toks) > 1 and PRODUCT_TYPE.fullmatch(toks[-1]) is not None)


def _opens(text: str, found: Found) -> bool:
    """A product named first thing in the brief, a labelled line or a chat message."""
    before = text[: found.start]
    return (
        re.search(rf"(?:\A|\n)[ \t]*(?:{CHAT_STAMP}[ \t]*)?(?:@?[A-Za-z][\w .]{{0,20}}:[ \t]*)?$", before)
        is not None
    )


_OTHER_FIELDS = frozenset({"audience", "places", "channels", "budget", "dates", "holdout"})


def find_product(text: str, segments: list[Segment], is_place_only: object) -> Found | None:
    """The product or offer the campaign promotes: a labelled value, a title line's product, a name glossed in
    brackets, a name after a cue, a lowercase offer after a cue, the first clause of a list-like brief, or a name
    with product-type words."""

    def is_place(value: str) -> bool:
        return bool(callable(is_place_only) and is_place_only(value))

    text = unbanned(text)
    segments = [seg for seg in segments if text[seg.start : seg.end].strip()]
    found = labelled(text, segments, is_place)
    if found:
        return found
    unmasked = text
    # a value under another field's label ('Target market: Festival-goers aged 18-30') is that field's
    other = [(seg.start, seg.end) for seg in segments if seg.field in _OTHER_FIELDS]
    text = "".join(
        " " if any(a <= i < b for a, b in other) and ch != "\n" else ch for i, ch in enumerate(text)
    )
    ranked = cued_ranked(text, is_place)
    head = headed(unmasked, is_place)
    if head and ranked and ranked[0] == 0 and ranked[1].start > head.end and not _shaped(head.value):
        head = None  # 'Hatchet House Denver: we're pushing Axe Night for Teams': the title names the business
    # an event and its date beats a bare 'for X', an owner's name, or a cue inside its own name ('Sale for Hospice')
    event = _event_subject(text, is_place)
    if event and (ranked is None or ranked[0] >= 2 or event.start <= ranked[1].start < event.end):
        ranked = (0, event)
    titled = brief_names(text, is_place) if ranked is None or ranked[0] >= 2 else None
    if titled:
        ranked = (0, titled)
    if ranked and ranked[0] >= 2:
        opener = _named(text, is_place)  # '[9:41] jess: Opening Week ticket packs for the Riverdogs'
        typed = opener is not None and PRODUCT_TYPE.fullmatch(opener.value.split()[-1]) is not None
        if opener and typed and opener.end <= ranked[1].start and _opens(text, opener):
            ranked = (0, opener)
    found = (
        head
        or glossed(text, is_place)
        or (ranked[1] if ranked else None)
        or development(text, is_place)
        or lower_offer(text)
        or sold_plain(text)
        or priced_plain(text)
    )
    if not found:
        clause = name_clause(text, segments, is_place_only)
        listed = bulleted_plain(text) if clause is None or not _shaped(clause.value) else None
        found = listed or clause or _named(text, is_place)
    if not found:
        return None
    if ranked and found is ranked[1] and found == described_title(text, is_place):
        return found  # a title after its description keeps its words ('The Pharaoh's Vault')
    found = _lead_words(tidy_product(strip_article(found)))
    if all(TIME_WORD.fullmatch(w) for w in found.value.split()):
        return None  # "St David's Day"
    return bare_name(text, renamed(text, found, is_place))
