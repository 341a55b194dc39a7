"""Brief fields read from words, not numbers: key messages, a product name opening a list-like brief, the landing
URL (channels: ``channels``; holdout: ``holdout``; audience: ``audience``; theme: ``theme``; product: ``product``).

Each finder returns the value with the offsets of the words it came from (for the brief echo).
"""

from __future__ import annotations

import re

from graph.models.offline.channels import CHANNEL_RES, Found
from graph.models.offline.field_labels import field_for_label
from graph.models.offline.people import PEOPLE_RE, VERBISH
from graph.models.offline.product_words import GREETING
from graph.models.offline.segments import Segment

# ---- key messages -----------------------------------------------------------------------------------------------
_QUOTES = re.compile(
    r"\"(?P<a>[^\"\n]{2,240}?)\"|“(?P<b>[^”\n]{2,240}?)”|‘(?P<c>[^’\n]{2,240}?)’(?![a-z])|«\s?(?P<d>[^»\n]{2,240}?)\s?»"
    r"|„(?P<e>[^“”\"\n]{2,240}?)[“”\"]|(?<![\w])'(?P<f>[^'\n]{2,240}?)'(?![\w])"
    # Swedish and Finnish ”…”, German and Danish »…« and ‚…‘, ‹…›, the CJK corner brackets 「…」 『…』 and
    # full-width quotes (a title in 《…》 names a work, not a message)
    r"|(?<![\w“])”(?P<g>[^”“\n]{2,240}?)”|»(?P<h>[^«»\n]{2,240}?)«|‚(?P<i>[^‘’\n]{2,240}?)[‘’]|‹(?P<j>[^›\n]{2,240}?)›"
    r"|「(?P<k>[^」\n]{2,240}?)」|『(?P<l>[^』\n]{2,240}?)』|＂(?P<m>[^＂\n]{2,240}?)＂"
)
_MESSAGE_CUE = re.compile(
    r"\b(?:key\s+messages?|messages?|messaging|msgs?|tag\s?line|slogan|line|must\s+say|say|says|mention|mentions|"
    r"include|includes|copy|claim|headline|hook|in\s+every\s+ad|in\s+all\s+ads|use|lead\s+with|strapline|quote|cta|"
    # the message named in the other languages briefs arrive in ('Botschaft:', 'Mensaje clave:', 'Pesan utama:')
    r"(?:kern)?botschaft|kernaussage|leitsatz|accroche|mensajes?|lema|eslogan|messaggio|mensage[mn]s?|"
    r"(?:kern)?boodschap|budskap(?:et)?|budskab(?:et)?|przekaz|has[łl]o|komunikat|pesan(?=\s+(?:utama|kunci)|\s*:|\s*$)|viesti|iskulause)\b",
    re.IGNORECASE,
)
LABEL_WORD = re.compile(
    r"(?:subject|campaign|event|theme|title|name|brand|re|fw|fwd|note|notes|ref|cta|url|link|website|hashtag|"
    r"betreff|objet|asunto|oggetto|onderwerp|[äa]mne|emne|temat|aihe|perihal)",
    re.IGNORECASE,
)
"""Form and e-mail labels that are no speaker ('Subject:', 'Campaign:', 'Betreff:')."""
_CJK_MESSAGE_CUE = re.compile(
    r"メッセージ|キャッチ(?:コピー|フレーズ)|スローガン|コピー|메시지|슬로건|카피|문구|信息|讯息|訊息|口号|口號|标语|標語|文案"
)
"""The message named in Japanese, Korean and Chinese ('メッセージ：「…」', '핵심 메시지: “…”', '核心信息：『…』'): no word
boundaries in those scripts."""
_SPEAKER = re.compile(
    r"^[ \t]*(?P<stamp>\[[^\]\n]{1,20}\][ \t]*|\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?[ \t]+[-–]?[ \t]*)?"
    r"(?P<name>[^\W\d][\w .'’-]{0,30}):[ \t]*$",
    re.IGNORECASE,
)
"""A chat line's speaker ('[7:12 PM] Pastor Mike:', '19:02 - Anna:', 'Anna:')."""


def find_key_messages(text: str, segments: list[Segment]) -> list[Found]:
    """Quoted lines the marketer wants in the copy, verbatim, in any quote style. A quote inside a sentence with no
    message cue ('people who said "learn a language"...', the "Deep Ocean" exhibition) is part of that sentence."""
    out: list[Found] = []
    for m in _QUOTES.finditer(text):
        q = next(g for g in m.groups() if g is not None).strip()
        if len(q) < 3:
            continue
        seg = next((s for s in segments if s.start <= m.start() < s.end), None)
        base = seg.start if seg else max(0, m.start() - 60)
        context = text[base : seg.end] if seg else text[base : m.end() + 30]
        outside = (context[: m.start() - base] + " " + context[m.end() - base :]).strip(" .:;,-–—>")
        labelled = seg is not None and seg.field == "key_messages"
        cued = (
            labelled
            or _MESSAGE_CUE.search(outside)
            or _CJK_MESSAGE_CUE.search(outside)
            or not re.search(r"\w", outside)
            or _spoken_alone(text, m.start(), m.end(), q)
        )
        if cued and q not in [f.value for f in out]:
            out.append(Found(q, m.start(), m.end()))
    return out


def _spoken_alone(text: str, start: int, end: int, quote: str) -> bool:
    """A quoted line that is all a chat line says ('[7:12 PM] Pastor Mike: 'Come as you are''): said as a message
    when the line is a chat line (a time stamp before the speaker, or the speaker opening another line too), the
    speaker is no field label ('Product:', 'Event:') and the quote reads as a sentence, not a title-cased name
    ('Jazz on the Green')."""
    line_start = text.rfind("\n", 0, start) + 1
    speaker = _SPEAKER.match(text[line_start:start])
    if speaker is None or re.search(r"\w", text[end:].split("\n", 1)[0]) or len(quote.split()) < 3:
        return False
    name = speaker["name"].strip()
    again = re.search(
        rf"(?m)^[ \t]*(?:\[[^\]\n]{{1,20}}\][ \t]*)?{re.escape(name)}:", text[:line_start] + text[end:]
    )
    rest = re.findall(r"[^\W\d_]{4,}", quote)[1:]  # the words after the first, short ones ('on', 'the') aside
    titled = bool(rest) and all(w[:1].isupper() for w in rest)
    return (
        bool(speaker["stamp"] or again)
        and field_for_label(name) is None
        and LABEL_WORD.fullmatch(name) is None
        and not titled
    )


# ---- product (see product.py) --------------------------------------------------------------------------------
_NOT_NAMES = re.compile(
    rf"^(?:{GREETING}|campaign|brief|notes?|hi|hello|hey|dear|team|overview|summary|background|details|action|sync|subject|"
    r"re|fw|q[1-4]|january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|black|cyber|christmas|easter|new|spring|summer|"
    r"autumn|winter|holiday|valentine|mother|father)\b",
    re.IGNORECASE,
)


_NOT_FIRST = frozenset(
    [
        "it",
        "we",
        "our",
        "this",
        "the",
        "a",
        "an",
        "please",
        "launching",
        "running",
        "starting",
        "we're",
        "we'd",
        "we've",
        "i'm",
        "let's",
        "i'd",
        "grow",
        "boost",
        "drive",
        "get",
        "promote",
        "sell",
        "launch",
        "win",
        "push",
        "increase",
        "reach",
    ]
)


def name_clause(text: str, segments: list[Segment], is_place_only: object) -> Found | None:
    """Fallback for list-like briefs: the first clause of the first unlabelled line when it is a product name
    ('Sparkle Car Wash monthly pass', 'ZipRide scooter rentals, Paris, €30k, ...')."""
    seg = next((s for s in segments if s.field is None), None)
    if seg is None or seg is not segments[0]:
        return None
    clause = re.split(r",\s+|\s+[-–—]\s+|[.!?:]\s|\s+\+\s+", text[seg.start : seg.end].strip(), maxsplit=1)[
        0
    ].strip(" .")
    # who or when it is for, in the languages briefs arrive in: 'Fondue-Set Alpenglut für die Wintersaison'
    clause = re.split(r"\s+(?:für|pour|para|per|voor|för|til|dla)\s+", clause, maxsplit=1)[0]
    # what is done for it ends the name: 'Pendel 7E push UK & Ireland', 'Nordlys Tea launch Norway'
    clause = re.split(
        r"\s+(?:push|campaign|promo|promotion|launch|relaunch|ads|drive|blitz)\b", clause, maxsplit=1
    )[0]
    words = clause.split()
    if not 1 <= len(words) <= 6 or re.search(r"\d{2,}|[$€£¥%]", clause) or clause.isupper():
        return None
    caps = [w for w in words if w[:1].isupper()]
    camel = any(re.search(r"[a-z][A-Z]|[A-Za-z]\d", w) for w in words)
    if not (camel or len(caps) >= 2) or _NOT_NAMES.match(clause) or _only_places(clause, is_place_only):
        return None
    if any(rx.search(clause) for rx in CHANNEL_RES.values()) or VERBISH.search(clause):
        return None
    if (
        re.search(
            r"\b(?i:in|on|at|to|from|for|with|by|around|near|across|runs?|launching|starting)\b", clause
        )
        or words[0].lower().replace("’", "'") in _NOT_FIRST
        or PEOPLE_RE.match(words[0])  # 'Families around Kendal and Harrogate' names people
    ):
        return None
    if PEOPLE_RE.search(words[-1]):
        return None  # 'Grow Echo Pods listeners' names people
    if _MEDIUM.search(clause):
        return None  # "Transcript of Darryl's voicemail", 'Notes From Tuesday Call' name the brief, not a product
    at = text.find(clause, seg.start)
    return Found(clause, at, at + len(clause))


_MEDIUM = re.compile(
    r"\b(?i:transcript|voicemail|voice[ -]?note|minutes|notes|recording|e-?mail|chat|call|ticket|task|memo)\b"
)


def _only_places(value: str, is_place_only: object) -> bool:
    return bool(callable(is_place_only) and is_place_only(value))


# ---- url ------------------------------------------------------------------------------------------------------
_URL_RE = re.compile(r"\bhttps?://[^\s<>\"')]+|\bwww\.[^\s<>\"')]+\.[a-z]{2,}[^\s<>\"')]*", re.IGNORECASE)


def find_landing_url(text: str) -> Found | None:
    """The landing page URL the brief gives, if any."""
    m = _URL_RE.search(text)
    if not m:
        return None
    url = m.group(0).rstrip(".,;")
    return Found(url if url.lower().startswith("http") else f"https://{url}", m.start(), m.start() + len(url))
