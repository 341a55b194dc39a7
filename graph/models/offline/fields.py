"""Brief fields read from words, not numbers: channels, key messages, audience, product, holdout, URL (the theme: ``theme``).

Each finder returns the value with the offsets of the words it came from (for the brief echo).
"""

from __future__ import annotations

import re

from graph.models.offline.channels import CHANNEL_RES, CHANNEL_WORDS, Found, find_channels
from graph.models.offline.holdout import find_holdout
from graph.models.offline.segments import Segment

__all__ = ["CHANNEL_RES", "Found", "find_channels", "find_holdout"]


# ---- key messages -----------------------------------------------------------------------------------------------
_QUOTES = re.compile(
    r"\"(?P<a>[^\"\n]{2,240}?)\"|“(?P<b>[^”\n]{2,240}?)”|‘(?P<c>[^’\n]{2,240}?)’(?![a-z])|«\s?(?P<d>[^»\n]{2,240}?)\s?»"
    r"|„(?P<e>[^“”\n]{2,240}?)[“”]|(?<![\w])'(?P<f>[^'\n]{2,240}?)'(?![\w])"
)
_MESSAGE_CUE = re.compile(
    r"\b(?:key\s+messages?|messages?|messaging|tag\s?line|slogan|line|must\s+say|say|says|mention|mentions|include|"
    r"includes|copy|claim|headline|hook|in\s+every\s+ad|in\s+all\s+ads|use|lead\s+with|strapline|quote|cta)\b",
    re.IGNORECASE,
)


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
        cued = labelled or _MESSAGE_CUE.search(outside) or not re.search(r"\w", outside)
        if cued and q not in [f.value for f in out]:
            out.append(Found(q, m.start(), m.end()))
    return out


# ---- audience ---------------------------------------------------------------------------------------------------
_AUD_CUES = re.compile(
    r"(?:target\s+audience|audience|target\s+group|target\s+market|target\s+consumers)\s*(?:is|are|:|-|–|—|=)\s*"
    r"|who\s+we\s+(?:want\s+to\s+reach|are\s+targeting)\s*(?:is|are|:)?\s*|\b(?:aim(?:ed|ing)?|target(?:ed|ing)?|geared|directed|pitched|tailored)\s+(?:at|towards?)\s+|\bspeaking\s+to\s+"
    r"|the\s+people\s+we(?:'re|’re|\s+are)\s+after\s+are\s+|the\s+people\s+we\s+(?:want|have\s+in\s+mind|target)"
    r"(?:\s+are)?\s+"
    r"|(?:this\s+)?(?:campaign|it)\s+is\s+for\s+|\bit(?:'s|’s)\s+for\s+|\bin\s+front\s+of\s+|\bwe\s+want\s+\b(?=[a-z]+\s+(?:who|with|aged|in)\b)"
    r"|\b(?:target|targeting|reach|reaching)\s*:?\s+(?!\d|the\s+\d|out\b|\w+\s+\d)"
    r"|\b(?:promot(?:e|es|ed|ing)|sell(?:s|ing)?|market(?:s|ed|ing)?|push(?:es|ed|ing)?|pitch(?:es|ed|ing)?|sold|"
    r"advertis(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|offer(?:s|ed|ing)?|bring(?:s|ing)?)\b"
    r"[^.;\n]{0,60}?\bto\s+(?!\d|be\b|get\b|hit\b|"
    r"drive\b|reach\b|go\b|run\b|make\b|the\s+(?:US|UK)\b)"
    r"|\d[\d,.k]*\s+(?:[\w-]+\s+){0,3}?from\s+(?!\d|the\s+(?:US|UK)\b|[A-Z]{2}\b)"
    r"|\bwho\s+we\s+want\s*:\s*|\bwe(?:'re|’re|\s+are)\s+after\s+(?=[a-z])"
    r"|\b(?:win\s+back|re-?engage|reactivate|retarget|bring\s+back)\s+(?=[a-z])",
    re.IGNORECASE,
)
_CHANNEL_ALT = "|".join(w for words in CHANNEL_WORDS.values() for w in words)
_AUD_STOP = re.compile(
    r"[.;!?]|\n(?=\s*(?:[-*•▪→+>|]|\d+[.)]|[A-Za-z][\w /&'-]{0,30}:|Q[.:]|A[.:]|\n))|(?<=[,:])\n"
    r"|,\s*(?:with|and\s+(?:we|a|our|the\s+budget|honestly)|budget|running|via|using|starting|from\s+\d)\b"
    r"|,\s*(?=[£$€¥]|[A-Z]{3}\s?\d|\d+(?:[.,]\d+)?\s?k\b|(?:about|around|roughly)\s+[£$€¥\d])"
    r"|,\s*(?:we|we're|we’re|we'd|we’d|i|it|our|they|starts?|kick\w*|launch\w*|go(?:es)?\s+live|begin\w*)\b"
    r"|\s+(?:with\s+a\s+budget|at\s+a\s+cost|at\s+no\s+more|for\s+\d|by\s+(?:the\s+end|\d))\b"
    r"|\s+(?:using|via|through|on|across|with|over)\s+(?:our\s+|the\s+|a\s+)?(?=" + _CHANNEL_ALT + r")"
    r"|,\s*(?=(?:"
    + _CHANNEL_ALT
    + r")\b)|\s+with\s+(?=(?:about\s+|around\s+)?[£$€¥]\s?\d[\d,.]*\s?[km]?\s+(?:across|on|over|in|for|to|of|budget)\b)"
    r"|\s+[—–]\s+|\s+\|",
    re.IGNORECASE,
)


_NOT_AUDIENCE = re.compile(
    r"^(?!\d{1,2}\s?[-–]\s?\d{1,2}\s*(?:year|yr)|\d{1,2}\+?\s*(?:year|yr)s?[- ]olds?|\d{1,2}s\b)"
    r"(?:a\s+|an\s+|the\s+)?(?:cpa|cpl|cac|ctr|roas|cost|outcome|kpi|goal|budget|\d|[$€£¥]|[A-Z]{3}\s?\d|no\s+more|"
    r"at\s+least|under|below|above|open\s+rate|conversion|click|revenue)",
    re.IGNORECASE,
)


def _clean_audience(raw: str) -> str:
    return raw.strip(" ,:-–—.\"'")


def find_audience(
    text: str, segments: list[Segment], is_place_only: object, product: Found | None = None
) -> Found | None:
    """Who the campaign should reach, in the marketer's words, however it is introduced: a label, a cue ('aimed
    at', 'targeting', 'it's for'), the words after the product ('PawPals group walks to busy professionals'), a
    'for/to/among' phrase that names people, or a clause that names a group of people."""

    def overlaps_product(start: int, end: int) -> bool:
        return product is not None and start < product.end and product.start < end

    def before_product(found: Found | None) -> Found | None:
        """'sales ops managers at startups with PipeNest CRM': the audience ends where the product starts."""
        if found is None or product is None or not (found.start < product.start < found.end):
            return found
        value = re.sub(r"\s+(?:with|for|about|on|to|of|the|our)?\s*$", "", text[found.start : product.start])
        value = _clean_audience(value)
        if len(value) < 3 or re.fullmatch(r"(?i:our|the|an?|my|their|its|this)", value):
            return None
        return Found(value, found.start, found.start + len(value))

    for seg in segments:
        if seg.field == "audience" and seg.value:
            first = re.split(r"[.;!?](?:\s|$)", seg.value, maxsplit=1)[0]  # the label's own sentence
            value = (
                _clean_audience(_AUD_STOP.split(seg.value, maxsplit=1)[0])
                if "\n" in seg.value
                else _clean_audience(first)
            )
            code = re.match(
                r"[A-Za-z]{3}\s?\d", value
            )  # 'men 25-40' under a label is people, 'USD 5k' is not
            not_people = _NOT_AUDIENCE.match(value) and not (code and not code.group(0)[:3].isupper())
            if value and not not_people and not _only_places(value, is_place_only):
                return Found(value, seg.value_start, seg.value_start + len(value))
    for m in _AUD_CUES.finditer(text):
        found = before_product(_audience_after(text, m.end(), is_place_only))
        if found and not overlaps_product(found.start, found.end):
            return found
    weak = [m.end() for m in _WEAK_CUES.finditer(text)]
    if product is not None:
        after = re.match(r"[\s,]*(?:(?:is|are|'s|’s)\s+for|to|for|among|at|[—–-])\s+", text[product.end :])
        weak.insert(0, product.end + after.end()) if after else None
    clause = _people_clause(text, segments, is_place_only)
    for at in weak:
        if clause and re.search(r"(?:" + _CHANNEL_ALT + r")\s+to\s+$", text[max(0, at - 30) : at], re.I):
            continue  # 'email to lapsed users' beside a clause naming the audience: which list a channel uses
        if re.search(r"\bto\s+$", text[max(0, at - 4) : at]) and _INFINITIVE.match(text, at):
            continue  # 'trying to onboard 1500 new sellers'
        found = before_product(_audience_after(text, at, is_place_only))
        if found and not overlaps_product(found.start, found.end) and _names_people(found.value):
            if clause and clause.start <= found.start < clause.end:
                return clause  # 'people buying gifts for gin lovers': the whole clause, not its object
            return found
    return clause


_WEAK_CUES = re.compile(
    r"\b(?:for|to|among|amongst)\s+(?!our\b|the\b|a\b|an\b|\d)"
    r"|\b(?:we(?:'d|’d)?\s+(?:want|like|need)(?:\s+to\s+reach)?|want)\s+(?!new\b|more\b)(?=[a-z])",
    re.IGNORECASE,
)


_INFINITIVE = re.compile(
    r"(?i:onboard|get|reach|drive|sell|grow|win|hit|book|sign|register|recruit|find|attract|convert|bring|help|make|"
    r"see|build|launch|promote|boost|increase|generate|fill|add|acquire|gain)\b"
)


_CONTROL_GROUP = re.compile(
    r"\b(?:control\s+(?:group|cell)|hold-?out|held\s+(?:out|back)|hold\s+(?:out|back)|as\s+(?:a\s+)?control)\b",
    re.IGNORECASE,
)
"""'15% of the target accounts as a control group' states the holdout, not who the campaign reaches."""


def _audience_after(text: str, at: int, is_place_only: object) -> Found | None:
    rest = text[at:]
    stop = _AUD_STOP.search(rest)
    value = _clean_audience(rest[: stop.start()] if stop else rest[:160])
    if len(value) < 3 or len(value) > 160 or _NOT_AUDIENCE.match(value) or _only_places(value, is_place_only):
        return None
    tail = re.split(r"[.;!?\n]", rest[len(value) : len(value) + 40], maxsplit=1)[0]
    if _CONTROL_GROUP.search(value) or _CONTROL_GROUP.search(tail):
        return None
    start = at + rest.index(value) if value in rest else at
    return Found(value, start, start + len(value))


def _names_people(value: str) -> bool:
    """True when a phrase names a group of people or organisations in its first words ('HR teams who ...')."""
    head = " ".join(value.split()[:4])
    return bool(_PEOPLE_RE.search(head) or _ORGS_RE.search(head)) and not _VERBISH.match(value)


_THINGS_ERS = (
    r"(?:orders|offers|banners|vouchers|stickers|posters|trailers|burgers|sneakers|trainers|speakers|containers|"
    r"covers|matters|numbers|letters|papers|filters|mailers|newsletters|headers|answers|others|hampers|"
    r"blenders|toasters|heaters|boilers|chargers|routers|printers|timers|planners|starters|sliders|towers|flowers|"
    r"powers|waters|winners|dinners|centers|corners|layers|quarters|teasers)"
)
PEOPLE = (
    "people|persons|adults|kids|children|teens|teenagers|parents|mums|moms|mothers|dads|fathers|families|couples|"
    "women|men|students|graduates|undergraduates|professionals|owners|homeowners|renters|tenants|landlords|buyers|"
    "shoppers|customers|clients|users|subscribers|members|fans|lovers|enthusiasts|gamers|players|travell?ers|"
    "commuters|drivers|workers|employees|staff|managers|directors|leaders|executives|founders|freelancers|retirees|"
    "seniors|patients|residents|locals|readers|listeners|viewers|runners|cyclists|gardeners|cooks|bakers|"
    "developers|engineers|designers|marketers|teachers|nurses|doctors|investors|savers|borrowers|donors|"
    "volunteers|visitors|guests|diners|drinkers|vegans|vegetarians|millennials|boomers|makers|crafters|"
    "bookkeepers|accountants|shoppers|owners|households|singles|newlyweds|expats|hobbyists|athletes|golfers"
)
_PEOPLE_RE = re.compile(
    rf"\b(?:(?i:{PEOPLE})|(?!{_THINGS_ERS}\b)(?:[a-z]\w{{2,}}|[A-Z]{{2,}}\w*?)(?:ers|ists|ians)|(?i:over|under)-\d+s|\d0s)\b"
)  # 'Rivers' is a name; 'pre-orders' and 'sneakers' are things
_ORGS_RE = re.compile(
    r"\b(?:teams?|staff|leaders|heads|startups|companies|firms|brands|businesses|agencies|schools|universities|"
    r"charities|retailers|chains|practices|offices|athletes|collectors|lovers|owners|professionals|creatives|"
    r"traders|contractors|flyers|fliers|couples|over-\d+s)\b",
    re.IGNORECASE,
)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|will|would|can|could|should|need|needs|want|wants|like|love|have|has|"
    r"run|use|keep|make|please|let|launch|promote|sell|get|hit|drive|see|review|supply|grow|boost|win|increase)\b",
    re.I,
)


def _people_clause(text: str, segments: list[Segment], is_place_only: object) -> Found | None:
    """Fallback for list-like briefs: an unlabelled clause that names a group of people and states nothing else
    ('night-shift workers and students near campus', 'commuters aged 20-35'). Places listed after it with commas
    belong to it ('travellers in London, Paris and Frankfurt')."""
    sep = r"(,\s+|:\s+|\s+[—–]\s+)"
    for seg in segments:
        if seg.field is not None:
            continue
        pieces = re.split(sep, text[seg.start : seg.end])
        pos = seg.start
        for i, piece in enumerate(pieces):
            start = pos
            pos += len(piece)
            clause = piece.strip(" .!?")
            if not clause or re.fullmatch(sep, piece):
                continue
            words = clause.split()
            numbers = re.sub(r"\b(?:19|20)\d\d\b", "", clause)  # a year is not a budget or a count
            relative = re.match(rf"(?i:{PEOPLE})\s+(?:who|that|aged|in|from|with)\b", clause)
            if not 2 <= len(words) <= 15 or re.search(r"[$€£¥%]|\d{3,}", numbers):
                continue
            if _VERBISH.search(clause) and not relative:
                continue
            head = " ".join(words[:4])
            who = _PEOPLE_RE.search(head)
            if not who or _only_places(clause, is_place_only) or re.match(r"\d", clause):
                continue  # '8k new followers' is a target
            if re.match(
                r"\s+(?:campaign|programme|program|scheme|event|list|app|portal|day|week|offer|promo|push)\b",
                head[who.end() :],
            ):
                continue  # 'sellers campaign for ShopNest': the people word names the campaign
            if CHANNEL_RES["email"].search(clause) or any(rx.search(head) for rx in CHANNEL_RES.values()):
                continue
            at = text.find(clause, start)
            end = at + len(clause)
            for j in range(i + 1, len(pieces) - 1, 2):  # ', Paris and Frankfurt', ', 18-34'
                nxt = pieces[j + 1].strip(" .!?")
                age = re.fullmatch(r"(?:aged\s+)?\d{2}\s?[-–+]\s?(?:\d{2})?|\d{2}\+", nxt)
                if not pieces[j].startswith(",") or not nxt or not (age or _only_places(nxt, is_place_only)):
                    break
                end = text.find(nxt, end) + len(nxt)
            return Found(text[at:end], at, end)
    return None


def _only_places(value: str, is_place_only: object) -> bool:
    return bool(callable(is_place_only) and is_place_only(value))


# ---- product (see product.py) --------------------------------------------------------------------------------
_NOT_NAMES = re.compile(
    r"^(?:campaign|brief|notes?|hi|hello|hey|dear|team|overview|summary|background|details|action|sync|subject|"
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
    words = clause.split()
    if not 1 <= len(words) <= 6 or re.search(r"\d{2,}|[$€£¥%]", clause) or clause.isupper():
        return None
    caps = [w for w in words if w[:1].isupper()]
    camel = any(re.search(r"[a-z][A-Z]|[A-Za-z]\d", w) for w in words)
    if not (camel or len(caps) >= 2) or _NOT_NAMES.match(clause) or _only_places(clause, is_place_only):
        return None
    if any(rx.search(clause) for rx in CHANNEL_RES.values()) or _VERBISH.search(clause):
        return None
    if (
        re.search(
            r"\b(?i:in|on|at|to|from|for|with|by|around|near|across|runs?|launching|starting)\b", clause
        )
        or words[0].lower().replace("’", "'") in _NOT_FIRST
        or _PEOPLE_RE.match(words[0])  # 'Families around Kendal and Harrogate' names people
    ):
        return None
    if _PEOPLE_RE.search(words[-1]):
        return None  # 'Grow Echo Pods listeners' names people
    at = text.find(clause, seg.start)
    return Found(clause, at, at + len(clause))


# ---- url ------------------------------------------------------------------------------------------------------
_URL_RE = re.compile(r"\bhttps?://[^\s<>\"')]+|\bwww\.[^\s<>\"')]+\.[a-z]{2,}[^\s<>\"')]*", re.IGNORECASE)


def find_landing_url(text: str) -> Found | None:
    """The landing page URL the brief gives, if any."""
    m = _URL_RE.search(text)
    if not m:
        return None
    url = m.group(0).rstrip(".,;")
    return Found(url if url.lower().startswith("http") else f"https://{url}", m.start(), m.start() + len(url))
