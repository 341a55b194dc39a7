"""Brief fields read from words, not numbers: channels, key messages, audience, product, theme, holdout, URL.

Each finder returns the value with the offsets of the words it came from (for the brief echo).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.models.offline.segments import Segment


@dataclass(frozen=True)
class Found:
    """A value and where its words are in the brief."""

    value: str
    start: int
    end: int


# ---- channels ---------------------------------------------------------------------------------------------------
CHANNEL_WORDS: dict[str, tuple[str, ...]] = {
    "email": (r"e-?mails?", r"newsletters?", r"edm", r"mailing list", r"mailers?"),
    "sms": (r"sms", r"text messages?", r"texts", r"texting", r"whatsapp", r"mms"),
    "paid_social": (
        r"paid social",
        r"social media(?: ads)?",
        r"social ads",
        r"socials",
        r"facebook",
        r"fb",
        r"instagram",
        r"insta",
        r"ig",
        r"meta(?: ads)?",
        r"linkedin",
        r"tiktok",
        r"snapchat",
        r"pinterest",
        r"reddit",
        r"youtube",
        r"twitter",
        r"x ads",
    ),
    "paid_search": (
        r"paid search",
        r"search ads",
        r"search advertising",
        r"google(?: search)?(?: ads)?",
        r"adwords",
        r"ppc",
        r"sem",
        r"bing(?: ads)?",
        r"microsoft ads",
        r"search campaigns?",
    ),
    "display": (r"display(?: ads| banners)?", r"banners?", r"programmatic", r"retargeting"),
}
CHANNEL_RES = {
    ch: re.compile(r"(?<![\w-])(?:" + "|".join(w) + r")(?![\w])", re.IGNORECASE)
    for ch, w in CHANNEL_WORDS.items()
}
_CASE_SENSITIVE_CHANNELS = {"IG", "FB", "SEM", "EDM", "SMS"}


def find_channels(
    text: str, segments: list[Segment] | None = None, skip_spans: list[tuple[int, int]] | None = None
) -> list[tuple[str, Found]]:
    """Requested channels in order of first mention. Words inside an audience statement ('people who signed up by
    email'), a KPI ('an email open rate of 25%') or a negation ('no TikTok') are not requests."""
    skip = [(s.start, s.end) for s in segments or [] if s.field in ("audience", "product", "key_messages")]
    skip += skip_spans or []
    hits: dict[str, Found] = {}
    for ch, rx in CHANNEL_RES.items():
        for m in rx.finditer(text):
            word = m.group(0)
            if (
                len(word) <= 3
                and word.lower() in {w.lower() for w in _CASE_SENSITIVE_CHANNELS}
                and word.upper() != word
                and word.lower() not in ("sms", "fb")
            ):
                continue
            if any(s <= m.start() < e for s, e in skip):
                continue
            if re.match(
                r"\s+(?:open|click|conversion|ctr\b|engagement|unsubscribe|bounce|deliverability)",
                text[m.end() :],
                re.I,
            ):
                continue  # 'an email open rate of 25%' names a metric, not a channel request
            if re.search(
                r"\b(?:no|not|without|except|nothing on|exclude|excluding|avoid)\s+(?:\w+\s+){0,1}$",
                text[max(0, m.start() - 20) : m.start()],
                re.I,
            ):
                continue
            if ch not in hits:
                hits[ch] = Found(ch, m.start(), m.end())
                break
    return sorted(((ch, f) for ch, f in hits.items()), key=lambda x: x[1].start)


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
    r"|who\s+we\s+(?:want\s+to\s+reach|are\s+targeting)\s*(?:is|are|:)?\s*|\baimed\s+at\s+|\bspeaking\s+to\s+"
    r"|the\s+people\s+we(?:'re|’re|\s+are)\s+after\s+are\s+|the\s+people\s+we\s+(?:want|have\s+in\s+mind|target)"
    r"(?:\s+are)?\s+"
    r"|(?:this\s+)?(?:campaign|it)\s+is\s+for\s+|\bwe\s+want\s+\b(?=[a-z]+\s+(?:who|with|aged|in)\b)"
    r"|\b(?:target|targeting|reach|reaching)\s*:?\s+(?!\d|the\s+\d|out\b|\w+\s+\d)"
    r"|\b(?:promot\w*|sell\w*|market\w*|push\w*|pitch\w*|sold|advertis\w*|introduc\w*|offer\w*|bring\w*)\b"
    r"[^.;\n]{0,60}?\bto\s+(?!\d|be\b|get\b|hit\b|"
    r"drive\b|reach\b|go\b|run\b|make\b|the\s+(?:US|UK)\b)"
    r"|\d[\d,.k]*\s+(?:[\w-]+\s+){0,3}?from\s+(?!\d|the\s+(?:US|UK)\b|[A-Z]{2}\b)",
    re.IGNORECASE,
)
_CHANNEL_ALT = "|".join(w for words in CHANNEL_WORDS.values() for w in words)
_AUD_STOP = re.compile(
    r"[.;!?]|\n(?=\s*(?:[-*•▪→+>|]|\d+[.)]|[A-Za-z][\w /&'-]{0,30}:|Q[.:]|A[.:]|\n))|(?<=[,:])\n"
    r"|,\s*(?:with|and\s+(?:we|a|our|the\s+budget|honestly)|budget|running|via|using|starting|from\s+\d)\b"
    r"|\s+(?:with\s+a\s+budget|at\s+a\s+cost|at\s+no\s+more|for\s+\d|by\s+(?:the\s+end|\d))\b"
    r"|\s+(?:using|via|through|on|across|with|over)\s+(?:our\s+|the\s+|a\s+)?(?=" + _CHANNEL_ALT + r")"
    r"|\s+[—–]\s+|\s+\|",
    re.IGNORECASE,
)


_NOT_AUDIENCE = re.compile(
    r"^(?:a\s+|an\s+|the\s+)?(?:cpa|cpl|cac|ctr|roas|cost|outcome|kpi|goal|budget|\d|[$€£¥]|[A-Z]{3}\s?\d|no\s+more|"
    r"at\s+least|under|below|above|open\s+rate|conversion|click|revenue)",
    re.IGNORECASE,
)


def _clean_audience(raw: str) -> str:
    return raw.strip(" ,:-–—.\"'")


def find_audience(text: str, segments: list[Segment], is_place_only: object) -> Found | None:
    """Who the campaign should reach, in the marketer's words, however it is introduced."""
    for seg in segments:
        if seg.field == "audience" and seg.value:
            value = (
                _clean_audience(_AUD_STOP.split(seg.value, maxsplit=1)[0])
                if "\n" in seg.value
                else _clean_audience(seg.value)
            )
            if value and not _NOT_AUDIENCE.match(value) and not _only_places(value, is_place_only):
                return Found(value, seg.value_start, seg.value_start + len(value))
    for m in _AUD_CUES.finditer(text):
        rest = text[m.end() :]
        stop = _AUD_STOP.search(rest)
        value = _clean_audience(rest[: stop.start()] if stop else rest[:160])
        if len(value) < 3 or _NOT_AUDIENCE.match(value) or _only_places(value, is_place_only):
            continue
        if len(value) > 160:
            continue
        return Found(value, m.end(), m.end() + len(value))
    return _people_clause(text, segments, is_place_only)


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
_PEOPLE_RE = re.compile(rf"\b(?:{PEOPLE}|\w{{3,}}(?:ers|ists|ians))\b", re.IGNORECASE)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|will|would|can|could|should|need|needs|want|wants|like|love|have|has|"
    r"run|use|keep|make|please|let|launch|promote|sell|get|hit|drive|see|review|supply)\b",
    re.I,
)


def _people_clause(text: str, segments: list[Segment], is_place_only: object) -> Found | None:
    """Fallback for list-like briefs: an unlabelled clause that names a group of people and states nothing else
    ('night-shift workers and students near campus', 'commuters aged 20-35')."""
    for seg in segments:
        if seg.field is not None:
            continue
        pos = seg.start
        for piece in re.split(r"(,\s+|\s+\+\s+)", text[seg.start : seg.end]):
            start = pos
            pos += len(piece)
            clause = piece.strip(" .!?")
            if not clause or re.fullmatch(r",\s+|\s+\+\s+", piece):
                continue
            words = clause.split()
            if not 2 <= len(words) <= 15 or _VERBISH.search(clause) or re.search(r"[$€£¥%]|\d{3,}", clause):
                continue
            head = " ".join(words[:4])
            if not _PEOPLE_RE.search(head) or _only_places(clause, is_place_only):
                continue
            if CHANNEL_RES["email"].search(clause) or any(rx.search(head) for rx in CHANNEL_RES.values()):
                continue
            at = text.find(clause, start)
            return Found(clause, at, at + len(clause))
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
    if re.search(r"\b(?:in|on|at|to|from|for|with|by|runs?|launching|starting)\b", clause) or words[
        0
    ].lower() in ("it", "we", "our", "this", "the", "a", "an", "please", "launching", "running", "starting"):
        return None
    at = text.find(clause, seg.start)
    return Found(clause, at, at + len(clause))


# ---- theme, holdout, url ------------------------------------------------------------------------------------------
OCCASIONS = (
    "back to school",
    "black friday",
    "cyber monday",
    "christmas",
    "valentine's day",
    "valentine's",
    "mother's day",
    "father's day",
    "easter",
    "halloween",
    "thanksgiving",
    "lunar new year",
    "new year",
    "diwali",
    "ramadan",
    "eid",
    "singles' day",
    "prime day",
    "boxing day",
    "st patrick's day",
)
SEASONS = ("holiday season", "the holidays", "holidays", "holiday", "summer", "spring", "autumn", "winter")
_THEME_RE = re.compile(
    r"(?<![\w])(?:"
    + "|".join(re.escape(t).replace("\\ ", "[\\s-]+").replace("'", "['’]") for t in OCCASIONS + SEASONS)
    + r")(?![\w])",
    re.IGNORECASE,
)


def _norm_theme(raw: str) -> str:
    return re.sub(r"[\s-]+", " ", raw.lower().replace("’", "'")).strip()


def find_theme(text: str, segments: list[Segment], product: Found | None) -> Found | None:
    """The theme, season or occasion: a labelled value, else a named occasion, else a season (one named outside
    the product's name first)."""
    for seg in segments:
        if seg.field == "theme" and seg.value:
            value = seg.value.strip(" .")
            return Found(_norm_theme(value), seg.value_start, seg.value_start + len(value))
    hits = list(_THEME_RE.finditer(text))
    occasions = [m for m in hits if _norm_theme(m.group(0)) in {_norm_theme(o) for o in OCCASIONS}]

    def in_product(m: re.Match[str]) -> bool:
        return product is not None and product.start <= m.start() < product.end

    for group in (occasions, [m for m in hits if not in_product(m)], hits):
        if group:
            m = group[0]
            return Found(_norm_theme(m.group(0)), m.start(), m.end())
    return None


_HOLDOUT_RES = (
    re.compile(
        r"(?:hold[\s-]?(?:out|back)|control(?:\s+group)?)[^.;%\d\n]{0,40}?(?P<p>\d+(?:[.,]\d+)?)\s?"
        r"(?:%|percent\b|per cent\b)",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?P<p>\d+(?:[.,]\d+)?)\s?(?:%|percent\b|per cent\b)[^.;%\d\n]{0,40}?(?:hold[\s-]?(?:out|back)|"
        r"control\b)",
        re.IGNORECASE,
    ),
)


def find_holdout(text: str) -> Found | None:
    """The control holdout share as a fraction string ('0.2' for '20% holdout')."""
    m = _HOLDOUT_RES[0].search(text) or _HOLDOUT_RES[1].search(text)
    if not m:
        return None
    pct = float(m.group("p").replace(",", "."))
    return Found(f"{pct / 100:g}", m.start(), m.end())


_URL_RE = re.compile(r"\bhttps?://[^\s<>\"')]+|\bwww\.[^\s<>\"')]+\.[a-z]{2,}[^\s<>\"')]*", re.IGNORECASE)


def find_landing_url(text: str) -> Found | None:
    """The landing page URL the brief gives, if any."""
    m = _URL_RE.search(text)
    if not m:
        return None
    url = m.group(0).rstrip(".,;")
    return Found(url if url.lower().startswith("http") else f"https://{url}", m.start(), m.start() + len(url))
