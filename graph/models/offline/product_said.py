"""How the sentence around a name says what it is: a title after its description ('tickets for our Christmas puppet
show, The Snow Queen's Mittens'), a brief announced by its title ('new brief 👇 Wetland Birding Week.'), a word for
the push after a name the brief also gives bare ('our Bells for Centuries appeal'), an organisation that speaks, a
clause that counts ('Mamy 4 linie produkcyjne', 'Get 200 card grading submissions'), and what the brief says not to
use ('Please don't mention the Aria Classic range'), which never names the product."""

from __future__ import annotations

import re

from graph.models.offline.channels import Found
from graph.models.offline.product_name import PlaceTest, acceptable, product_phrase, shape
from graph.models.offline.product_words import ASKS, CUE_VERBS, PRODUCT_TYPE
from graph.models.offline.sentences import split_sentences

SUBJECT = re.compile(  # 'St Columba's Hospice wants ...', 'ReadUp is looking for ...': the organisation speaks
    r"(?:[ \t]+(?:at|from|of|in)(?:[ \t]+[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’&-]*){1,4}?)?"  # 'Electoral Services at Cardiff Council want'
    r"[ \t]+(?:wants?|needs?|is\s+looking|are\s+looking|would\s+like|is\s+recruiting|is\s+hiring|has\s+been)\b"
)


_GOAL_VERB = re.compile(
    r"get|sell|drive|grow|boost|win|reach|hit|generate|book|increase|achieve|secure|deliver|add|gain|raise|land"
)


def counted(text: str, found: Found) -> bool:
    """A clause that counts, not a name with a model number: 'Get 200 card grading submissions', 'Mamy 4 linie
    produkcyjne.' (we have 4 production lines), 'Hamare 300 dealers hain.': a verb before the number, or a whole
    sentence of one word, a number and plain lowercase words with no product noun among them ('Flow 200 blender',
    'Tallybook 4' and 'The Edge 3 razor is what we sell' are names)."""
    toks = found.value.split()
    if len(toks) < 2 or not re.fullmatch(r"\d[\d,.]*", toks[1]) or re.search(r"[a-z][A-Z]|\d", toks[0]):
        return False
    if _GOAL_VERB.fullmatch(toks[0].lower()):
        return True
    rest = toks[2:]
    whole = re.search(r"(?:\A|[.!?:]\s|\n)\s*$", text[: found.start]) and re.match(
        r"[.!?]?\s*(?:\n|$)|[.!?]\s", text[found.end :]
    )
    return bool(whole and rest) and all(t[:1].islower() and not PRODUCT_TYPE.fullmatch(t) for t in rest)


_NAME_AFTER = re.compile(r",[ \t]+(?=[\"“'‘]?[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])")


def renamed(text: str, found: Found, is_place: PlaceTest) -> Found:
    """A description, then the name it goes by after a comma: 'tickets for our Christmas puppet show, The Snow
    Queen's Mittens.', 'pushing our new oat stout, Harbour Haze.' A title's words stay as written."""
    toks = found.value.split()
    if len(toks) < 2 or shape(found.value)[1] or not all(t[:1].islower() for t in toks[1:]):
        return found
    m = _NAME_AFTER.match(text, found.end)
    name = product_phrase(text, m.end(), is_place) if m else None
    if (
        name is None
        or sum(1 for t in name.value.split() if t[:1].isupper()) < 2
        or not re.match(r"[ \t]*(?:[.;!?\n]|$)", text[name.end :])
        or not acceptable(name.value, is_place, cued=True)
    ):
        return found
    return name


_THEME_WORD = re.compile(r"appeal|campaign|drive|fundraiser|initiative|challenge|theme|promo|promotion", re.I)


def bare_name(text: str, found: Found) -> Found:
    """A name said with a word for the push after it ('our Bells for Centuries appeal'), when the brief names it
    elsewhere without that word ('give to Bells for Centuries'): the name is the product, the word is the push."""
    toks = found.value.split()
    if len(toks) < 3 or not _THEME_WORD.fullmatch(toks[-1]) or not toks[-1][:1].islower():
        return found
    name = found.value[: found.value.rfind(toks[-1])].rstrip()
    if sum(1 for t in name.split() if t[:1].isupper()) < 2:
        return found
    bare = re.compile(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])(?![ \t]+{re.escape(toks[-1])}\b)")
    if not any(m.start() != found.start for m in bare.finditer(text)):
        return found
    return Found(name, found.start, found.start + len(name))


_BRIEF_NAMES = re.compile(  # '@marketing new brief 👇 Wetland Birding Week.', 'campaign — Nordic Light Tour.'
    r"\b(?i:brief|campaign|project|kampanj|kampanjen|campagne|campaña|campanha|kampagne|kampania)"
    r"[ \t]*(?:[:—–-]|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D])+[ \t]*"
    r"(?:(?i:the|our)[ \t]+)?(?=[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
)


def brief_names(text: str, is_place: PlaceTest) -> Found | None:
    """A brief announced by its title: a name of two capitalised words or more, said as a sentence of its own
    after 'brief' or 'campaign' and a dash, colon or emoji."""
    for m in _BRIEF_NAMES.finditer(text):
        found = product_phrase(text, m.end(), is_place)
        if (
            found
            and sum(1 for t in found.value.split() if t[:1].isupper()) >= 2
            and re.match(r"[ \t]*(?:[.!\n]|$)", text[found.end :])
            and acceptable(found.value, is_place, cued=True)
            and not SUBJECT.match(text, found.end)
        ):
            return found
    return None


_BANNED = re.compile(  # what the brief says not to use: never the product ('Please don't mention the Aria range')
    r"\b(?i:(?:don['’]?t|do\s+not|never|avoid|please\s+no|not\s+to)\s+(?:\w+\s+){0,2}?(?:use|using|mention|"
    r"mentioning|say|saying|promote|promoting|push|pushing|include|including|reference|referencing|feature|featuring|"
    r"show|showing|name|naming|talk\s+about|advertise|advertising|discuss))\b"
)
_BANNED_SENTENCE = re.compile(  # said in the passive, or in a language that puts the verb after its object
    r"\b(?i:(?:must|should|may|can)(?:\s+not|n['’]t)\s+be\s+(?:used|mentioned|promoted|shown|named|featured|"
    r"referenced)|is\s+(?:off[\s-]limits|not\s+to\s+be\s+(?:used|mentioned))"
    r"|nicht\s+(?:erwähnen|verwenden|nennen|bewerben)|ne\s+(?:pas|jamais)\s+(?:mentionner|utiliser|citer|promouvoir)|"
    r"no\s+(?:mencionar|usar|promocionar)|não\s+(?:mencionar|usar)|non\s+(?:menzionare|usare)|niet\s+(?:noemen|"
    r"gebruiken|vermelden)|inte\s+(?:nämna|använda)|ikke\s+(?:nævne|nevne|bruge|bruke)|nie\s+(?:wspominać|używać))\b"
)


_CLAUSE_CUT = re.compile(r"[;—–]|\b(?i:but|aber|maar|mais|pero|ma|men|ale)\b")


def unbanned(text: str) -> str:
    """The brief without what it says not to use: from a prohibition to its sentence's end ('Promote the X; do not
    mention the Y'), or the whole sentence when it is said in the passive or with the verb last ('The Y range must
    not be mentioned', 'das Y bitte nicht erwähnen')."""
    cut: list[tuple[int, int]] = []
    for s, e in split_sentences(text):
        passive = _BANNED_SENTENCE.search(text, s, e)
        active = _BANNED.search(text, s, e)
        if passive:  # the clause it is said in: 'das X nicht erwähnen; wir bewerben die Y'
            before = [m.end() for m in _CLAUSE_CUT.finditer(text, s, passive.start())]
            after = _CLAUSE_CUT.search(text, passive.end(), e)
            cut.append((before[-1] if before else s, after.start() if after else e))
        elif active:
            cut.append((active.start(), e))
    return (
        "".join(" " if ch != "\n" and any(a <= i < b for a, b in cut) else ch for i, ch in enumerate(text))
        if cut
        else text
    )


_DESCRIBED = re.compile(  # 'Tickets for our summer opera, The Magic Flute Reimagined.'
    rf"\b(?i:(?:{CUE_VERBS}|(?:{ASKS})[ \t]+(?:for|of|to|on))[ \t]+(?:our|the|its|their))"
    r"(?P<d>(?:[ \t]+(?-i:[a-z][\w'’-]*)){1,4}),[ \t]+(?=[\"“'‘]?[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ])"
)


def described_title(text: str, is_place: PlaceTest) -> Found | None:
    """A cue, a lowercase description and then the title it goes by: 'Bookings for our family escape room, The
    Pharaoh's Vault.' A title's words stay as written."""
    for m in _DESCRIBED.finditer(text):
        start = m.start("d") + len(m.group("d")) - len(m.group("d").lstrip())
        described = Found(m.group("d").strip(), start, m.start("d") + len(m.group("d")))
        named = renamed(text, described, is_place)
        if named is not described:
            return named
    return None
