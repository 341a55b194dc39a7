"""Goals and KPI targets as marketers state them: counts ('500 sign-ups', '1.900 orders', '5k trial starts'),
rates ('a 25% open rate', 'CTR of 0,8%'), cost-per targets ('CPA under $30', 'no more than €12 per sign-up',
'$300 each'), ROAS ('4x ROAS') and revenue ('$360,000 in revenue'). Targets are kept exactly as stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.models.offline.kpi_cjk import cjk_counts
from graph.models.offline.kpi_facts import reported_figure, said_as_past
from graph.models.offline.kpi_words import DONE_PARTICIPLES, RATE_WORDS, kind_patterns
from graph.models.offline.money import to_number
from graph.models.offline.people import PEOPLE
from guards.lexicon.quantity_words import NUMBER_WORDS

_KIND_RE = {
    name: re.compile(r"(?<![\w-])(?:" + words + r")(?![\w-])", re.I)
    for name, words in kind_patterns().items()
}
_MULTIPLIERS = {
    **dict.fromkeys(
        ["k", "thousand", "tausend", "tsd", "mil", "mille", "duizend", "tusen", "tusind", "tys", "ribu"], 1e3
    ),
    **dict.fromkeys(["lakh", "lakhs"], 1e5),
}
"""A count's multiplier in English and the other languages briefs arrive in ('5k', '2 mil reservas', '5 Tsd.
Anmeldungen', '3 tys. rejestracji', '1 lakh downloads')."""
_NUMBER = (
    r"(?<![\w.,$€£¥/-])(?P<n>\d{1,3}(?:[,. ]\d{3})+|\d+(?:\.\d+)?|\d+,\d{1,2}(?=\s?(?:k|tsd|tys|mil)\b))"
    r"(?:\s?(?P<mult>" + "|".join(_MULTIPLIERS) + r")\b\.?)?"
)
COUNT_RE = re.compile(_NUMBER + r"\+?(?=(?P<after>(?:\s+[\w'’-]+){1,4}))", re.I)
"""A number and (looked ahead, not consumed: '600 demos and 45 deals' holds two) the words after it."""
_NOT_COUNT_BEFORE = re.compile(
    r"(?:aged|age|over|under|within|top|ages|the|of|first|last|past|next|our|serves?|serving|currently|already|"
    r"clean|run|operate|employ)\s*$",
    re.I,
)
_UNIT_MODIFIER = re.compile(r"(?:year|week|day|night|month|hour|minute|quarter|seat|season)", re.I)
"""A singular unit right after a count qualifies the outcome noun after it ('160 week bookings'); a plural one
('160 weeks') is the count itself."""
_GOAL_OF = re.compile(
    r"\b(?:target|goal|aim|objective|kpi|ambition|minimum|total|tally)\s+of\s+(?:(?:at\s+least|about|around|over)\s+)?$",
    re.I,
)
"""'a target of 500 sign-ups', 'our goal of 1,200 orders', 'a total of 300 bookings': 'of' that names the target."""
_SIGNUP_VERB = re.compile(
    r"\b(?:register|enrol+|sign\s+up|onboard|recruit|looking\s+for|seeking|find)\s+(?:(?:about|around|over)\s+)?$",
    re.I,
)
_NAME_PART = re.compile(r"(?<![.!?:;\n]\s)(?<![.!?:;\n])(?<=\w\s)[A-Z][\w-]*\s$")
"""A number right after a capitalised word that does not open its sentence is part of a name."""
_DONE_AFTER = re.compile(rf"^(?:[\w'’-]+\s+){{0,3}}?(?:{DONE_PARTICIPLES})(?![\w-])", re.I)
"""'90 vouchers sold', '350 weeks booked', '120 test rides booked': whatever is counted, it is a conversion."""
_ACTION_KIND = {
    **dict.fromkeys(
        ["book", "buy", "order", "attend", "visit", "purchase", "donate", "reserve"], "conversions"
    ),
    **dict.fromkeys(["sign", "register", "join", "enrol", "enroll", "subscribe", "volunteer"], "signups"),
    **dict.fromkeys(["request", "enquire", "inquire", "call", "apply"], "leads"),
}
_PEOPLE_TO = re.compile(
    r"^(?:new\s+)?(?:people|persons|customers|households|families|parents|homeowners|users|visitors)\s+to\s+"
    r"(?P<verb>" + "|".join(_ACTION_KIND) + r")\b",
    re.I,
)
"""'75 people to book a survey', '300 families to sign up': the action is what is counted."""
_JOINED_AFTER = re.compile(
    r"^(?:[\w'’-]+\s+){0,3}?(?:signed\s+up|registered|enrolled|enroled|joined|recruited|onboarded)\b", re.I
)
_NEW_PEOPLE = re.compile(rf"new\s+(?:{PEOPLE}|[a-z]+(?:ers|ors|ists|ants|ents|ians|ees))\b", re.I)
"""'new singers', 'new riders', 'new tutors': new people of the service (the convention counts them as sign-ups)."""
_CONVERTED = re.compile(r"^(?:[\w-]+\s+)?(?:approved|funded|closed)\b", re.I)
_SIGNED = re.compile(r"(?:signed|approved|funded|closed|abgeschlossene?|unterschriebene?)(?![\w-])", re.I)
"""A deal said as done before a noun that names no outcome ('45 signed agreements', 'abgeschlossene Rahmenverträge'):
a conversion. Before a named outcome the noun decides ('confirmed subscribers' are sign-ups)."""
GOAL_CUE_RE = re.compile(
    r"\b(?:goal|objective|aim|kpi|success|target is|target:|want|need|hoping|hope|like|love|get|drive|generate|sell|"
    r"hit|reach|achieve|deliver|win|register|onboard|enrol|book|grow|acquire|gain|call it a win|thrilled|after|aiming|"
    r"looking for|seeking|recruit|find|chasing|shooting for|ideally|"
    # the same aims in the other languages briefs arrive in
    r"ziel|wollen|m[öo]chten|brauchen|erreichen|anpeilen|peilen|objectif|visons|voulons|souhaitons|atteindre|"
    r"objetivo|queremos|buscamos|conseguir|alcanzar|meta|doel|willen|bereiken|m[åa]l|vill|vil|[øo]nsker|"
    r"cel|chcemy|obiettivo|vogliamo|tavoite|tujuan)\b",
    re.I,
)
PCT = r"(?P<p>\d+(?:[.,]\d+)?)\s?(?:%|percent\b|per cent\b)"
PCT2 = PCT.replace("?P<p>", "?P<q>")
_MOD = r"(?:(?!(?:and|or|a|an|the|plus|with|of|on|in|at|for|to|by)\b)[\w-]+\s+)"
"""A word between a figure and its metric that qualifies the metric ('3% email click rate', '2.5% search ad CTR'),
never a joint ('45% and a click rate of 8%': the 45% is another metric's)."""
_OPEN = r"(?<!to-)(?<!to )open[- ]rates?|" + RATE_WORDS["open_rate"]
_CTR = r"\bctr\b|click[- ]through(?:[- ]rate)?|" + RATE_WORDS["ctr"]
_CTOR = r"click[- ]rate|click[- ]to[- ]open(?:[- ]rate)?|\bctor\b"
_FUNNEL_FROM = (
    r"(?:trial|free|lead|visit|visitor|session|mql|sql|opportunity|opp|demo|quote|sign[- ]?up|registration|install|"
    r"download|order|cart|checkout|enquiry|inquiry|application|prospect|member|subscriber|user|booking|consultation|"
    r"appointment|test[- ]drive|viewing|click)s?"
)
_FUNNEL_TO = (
    r"(?:paid|purchase|sale|order|customer|booking|subscriber|subscription|member|sql|opportunity|opp|close|win|"
    r"signup|sign-up|lead|repeat|deal|contract|enrol(?:l)?ment|application|policy|appointment|install|installation|"
    r"activation|trial|demo|visit|consultation|donation|renewal)s?"
)
_STAGES = (
    rf"(?<![\w-])(?:[a-z]+-)?{_FUNNEL_FROM}-to-{_FUNNEL_TO}(?![\w-])"
    rf"|(?<![\w-])(?:[a-z]+-)?{_FUNNEL_FROM}[- ]to[- ]{_FUNNEL_TO}[- ](?:(?:conversion|upgrade)[- ])?(?:rates?|conversions?)\b"
)
"""A rate from one funnel stage to the next ('trial-to-paid rate', 'lead-to-sale conversion', 'MQL-to-SQL rate',
'first-order-to-repeat rate', '20% free-to-paid'): a conversion rate. Both stages are named from the funnel's own
words, so 'a 25% discount to members', 'add-to-cart rate' or '20% spend to sales' are not one."""
_CVR = r"conversion[- ]rate|\bcvr\b|" + _STAGES + "|" + RATE_WORDS["conversion_rate"]
RATES: list[tuple[str, re.Pattern[str]]] = [
    (
        "open_rate",
        re.compile(rf"(?:{_OPEN})[^.%\d]{{0,25}}?{PCT}|{PCT2}\s+{_MOD}{{0,2}}?(?:{_OPEN})", re.I),
    ),
    ("ctr", re.compile(rf"(?:{_CTR})[^.%\d]{{0,25}}?{PCT}|{PCT2}\s+{_MOD}{{0,2}}?(?:{_CTR})", re.I)),
    (
        "click_rate",
        re.compile(rf"(?:{_CTOR})[^.%\d]{{0,25}}?{PCT}|{PCT2}\s+{_MOD}{{0,2}}?(?:{_CTOR})", re.I),
    ),
    (
        "conversion_rate",
        re.compile(rf"(?:{_CVR})[^.%\d]{{0,25}}?{PCT}|{PCT2}\s+{_MOD}{{0,2}}?(?:{_CVR})", re.I),
    ),
]
"""Rate targets by name ('25% open rate', 'CTR of 0,8%', 'Öffnungsrate 35 %', 'taux de conversion de 3 %')."""


@dataclass(frozen=True)
class KPIMention:
    """A KPI target found in text, with where its words are."""

    name: str
    target: float
    start: int = 0
    end: int = 0
    channel: str | None = None


def count_kind(noun_phrase: str) -> str | None:
    """The KPI a counted noun phrase is ('new subscriptions' -> signups), or None when it names no known outcome."""
    for name, rx in _KIND_RE.items():
        if rx.search(noun_phrase):
            return name
    # a hyphenated compound names what its last part names ('free-trial' is a free trial; 'sales-qualified' and
    # 'members-only' name no outcome)
    if re.match(r"(?:non|ex|anti|un|former|lapsed|would-be)-", noun_phrase, re.I):
        return None  # 'non-customers', 'ex-members': people who are not (or no longer) the outcome
    spaced = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " ", noun_phrase)
    for name, rx in _KIND_RE.items():
        m = rx.search(spaced) if spaced != noun_phrase else None
        if m and m.end() == len(spaced.rstrip()):
            return name
    return None


def unit_kind(noun: str) -> str | None:
    """The KPI one unit of an outcome is ('per lead', 'per sign-up', 'par inscription', 'per enquiry'): the
    singular is read through its plural."""
    noun = noun.strip(" .,;:!?)")
    for form in (
        noun,
        noun + "s",
        noun + "es",
        noun + "en",
        noun + "er",  # Danish and Norwegian: 'pr. bestilling' counts bestillinger
        noun + "ar",  # Swedish: 'per bokning' counts bokningar
        noun[:-1] + "ies" if noun.endswith("y") else noun,
    ):
        kind = count_kind(form)
        if kind:
            return kind
    return None


def find_counts(text: str, goal_spans: list[tuple[int, int]]) -> list[KPIMention]:
    """Count targets: a number followed (within three words) by an outcome noun; inside a goal-labelled or
    goal-cued sentence any counted noun is a conversion target."""
    out: list[KPIMention] = []
    fallback: list[KPIMention] = []
    for m in COUNT_RE.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        if (
            (
                _NOT_COUNT_BEFORE.search(before)
                and not _GOAL_OF.search(text[max(0, m.start() - 30) : m.start()])
            )
            or re.search(r"\d\s*[-–]\s*$|\d:$", before)  # '5-10 days', '[7:10 PM]': a range or a time of day
            or re.match(r"\s*[-–]\d", text[m.end("n") :])
        ):
            continue
        words = _own_words(m.group("after"))
        unit_modifier = (
            len(words) > 1
            and _UNIT_MODIFIER.fullmatch(words[0]) is not None
            and _counted_kind(words[1:3])[0] is not None
        )  # '160 week bookings', '300 night stays', '40 day passes': the unit names what is counted
        done = bool(words) and (
            _DONE_AFTER.match(" ".join(words)) is not None or _PEOPLE_TO.match(" ".join(words)) is not None
        )
        if (
            not words
            or not done
            and not unit_modifier
            and re.match(
                r"(?:years?|yrs?|year-olds?|miles?|km|minutes?|hours?|hrs|days?|weeks?|months?|"
                r"quarters?|nights?|[ap]\.?m\.?|x|%|percent|employees|staff|developers|people|or|and|to|seats|locations|stores|shops|"
                r"facilities|sites|branches)(?![\w-])",
                words[0],
                re.I,
            )
        ):
            continue
        kind, used = _counted_kind(words)
        acted = _PEOPLE_TO.match(" ".join(words))
        if kind is None and acted:  # 'get 75 people to book a survey': the count of the action
            kind, used = _ACTION_KIND[acted.group("verb").lower()], len(acted.group(0).split())
        if kind is None and len(words) > 1 and _NEW_PEOPLE.match(" ".join(words[:2])):
            kind, used = "signups", 2  # '60 new singers', '50,000 new riders': people who join
        joined = _JOINED_AFTER.match(" ".join(words))
        if kind is None and joined:  # '900 walkers signed up', '40 tutors enrolled': people who joined
            kind, used = "signups", len(joined.group(0).split())
        elif kind is None and _DONE_AFTER.match(" ".join(words)):
            kind, used = "conversions", len(_DONE_AFTER.match(" ".join(words)).group(0).split())  # type: ignore[union-attr]
        elif kind is None and len(words) > 1 and _SIGNED.fullmatch(words[0]):
            kind, used = "conversions", 2  # '45 signed agreements', '30 closed accounts': done, so converted
        elif kind is not None and _CONVERTED.match(" ".join(words[: used - 1])):
            kind = "conversions"  # 'approved applications', 'funded accounts', 'paid entries'
        elif kind in ("conversions", "signups") and re.match(r"demo\b", words[0], re.I):
            kind = "leads"  # 'demo bookings'
        if (
            kind is not None
            and re.match(
                rf"(?:[\w'’-]+\s+){{0,3}}(?:{DONE_PARTICIPLES}|reserved)(?![\w-])",
                " ".join(words[used - 1 :]),
                re.I,
            )
            and not re.match(r"demo", words[0], re.I)
        ):
            kind = "conversions"  # '8.000 trial packs sold', '300 adviser calls booked', '75 trial classes booked'
        if said_as_past(
            re.split(r"[.;!?(\n]", text[max(0, m.start() - 60) : m.start()])[-1]
        ) or reported_figure(text, m.start(), m.end("n")):
            continue  # 'last year we sold 4,100 tickets': what happened before is not the target
        kind_named = kind is not None
        standalone = re.search(r"(?:^|[,;:\n—–.!?]|\s-)\s*$", text[: m.start()]) and re.match(
            r"[^,;\n.]{0,60}(?:[,;\n]|\.(?:\s|$)|\s*$)", text[m.end("n") :]
        )
        if kind is None and re.search(
            r"^(?:[\w'’-]+\s+){0,2}(?:sold|booked|redeemed|purchased)\b", m.group("after").strip()
        ):
            kind, used = "conversions", min(len(words), 3)  # '90 vouchers sold'
            kind_named = True
        if _in_aside(text, m.start()) and (
            kind is None or not GOAL_CUE_RE.search(text[text.rfind("(", 0, m.start()) : m.start()])
        ):
            continue  # '(7 nights, departing 12 June)', '(7 visits, $399)': the product's details
        if kind is None:
            if re.match(r"\+", text[m.end("n") :]):
                continue  # '20+ trucks', '3+ nights a week' describe who is targeted
            if _NAME_PART.search(text[max(0, m.start() - 30) : m.start()]) or re.fullmatch(
                r"\d+\.\d+", m["n"]
            ):
                continue  # 'the Edge 3 razor', 'Recovery 2.0': a number inside a name is not a target
            if not any(s <= m.start() < e for s, e in goal_spans) and not standalone:
                continue
            used = min(len(words), 2)
            if _SIGNUP_VERB.search(text[max(0, m.start() - 24) : m.start()]):
                kind = "signups"  # 'register 300 new pets', 'onboard 1500 new sellers'
        n = to_number(m.group("n")) * _MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
        if n <= 0:
            continue
        end = min(m.start("after") + len(" ".join(words[:used])) + 1, m.end("after"))
        (out if kind and kind_named else fallback).append(
            KPIMention(kind or "conversions", n, m.start(), end)
        )
    out = [
        k
        for k, nxt in zip(out, [*out[1:], None], strict=False)
        if nxt is None or not _CORRECTED.fullmatch(text[k.end : nxt.start])
    ]  # '120 Buchungen, sorry, 120 bookings': the corrected count stands
    named = {k.name for k in out}
    out += [k for k in _word_counts(text, goal_spans) if k.name not in named]
    named = {k.name for k in out}
    out += [
        KPIMention(c.name, c.target, c.start, c.end) for c in cjk_counts(text) if c.name not in named
    ]  # '予約2,000件', '예약 1,200건'
    out = sorted(out, key=lambda k: k.start)
    out += [k for k in _back_references(text) if not out]
    return sorted(out, key=lambda k: k.start) or fallback[:1]


_CORRECTED = re.compile(
    r"[\s,;:.()-]*(?:sorry|i\s+mean|make\s+(?:it|that)|correction|or\s+rather|rather|actually|scratch\s+that|"
    r"no\s+wait|wait)[\s,;:.()-]*",
    re.I,
)
_NUM_WORDS = {w: int(n) for w, n in NUMBER_WORDS.items() if w != "dozen" and n < 1e6}
_TOKEN = "(?:" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + ")"
_WORD_COUNT_RE = re.compile(rf"(?<![\w-]){_TOKEN}(?:(?:[\s-]+|\s+and\s+){_TOKEN})*(?![\w-])", re.I)


def words_value(words: str) -> int:
    """'five hundred' -> 500, 'two thousand five hundred' -> 2500, 'fifteen hundred' -> 1500."""
    total = current = 0
    for w in re.split(r"[\s-]+", words.lower()):
        n = _NUM_WORDS.get(w)
        if n is None:
            continue
        if n == 100:
            current = (current or 1) * 100
        elif n >= 1000:
            total, current = total + (current or 1) * n, 0
        else:
            current += n
    return total + current


def _word_counts(text: str, goal_spans: list[tuple[int, int]]) -> list[KPIMention]:
    """Targets spelled out in a goal sentence ('we want five hundred sales', 'aiming for two thousand sign-ups')."""
    out = []
    for m in _WORD_COUNT_RE.finditer(text):
        if not any(s <= m.start() < e for s, e in goal_spans):
            continue
        words = _own_words(text[m.end() : m.end() + 60])[:4]
        kind, used = _counted_kind(words)
        n = words_value(m.group(0))
        if kind is None or used > 3 or n < 10 or reported_figure(text, m.start(), m.end()):
            continue
        out.append(KPIMention(kind, float(n), m.start(), m.end() + 1 + len(" ".join(words[:used]))))
    return out


_OF_THEM = re.compile(_NUMBER + r"\s+of\s+(?:them|those|these)\b", re.I)


def _back_references(text: str) -> list[KPIMention]:
    """'we need trial starts for Streaks Pro, 3,000 of them': the count of an outcome named earlier in its
    sentence."""
    out = []
    for m in _OF_THEM.finditer(text):
        clause = re.split(r"[.;!?\n]", text[: m.start()])[-1]
        at = m.start() - len(clause)
        best = None
        for w in re.finditer(r"[\w'’-]+(?:\s+[\w'’-]+)?", clause):
            kind, used = _counted_kind(w.group(0).split())
            if kind:
                best = (kind, at + w.start())
                break
        if best:
            n = to_number(m.group("n")) * _MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
            out.append(KPIMention(best[0], n, best[1], m.end()))
    return out


def _own_words(after: str) -> list[str]:
    """The words after a number up to the next number or line: '10 in Brisbane, AUD 3500, 150 bookings' counts
    no bookings for the 10 (a noun belongs to the nearest number before it)."""
    words: list[str] = []
    for w in after.lstrip(" \t").split("\n")[0].split():
        if re.match(r"[\d$€£¥]", w) and not re.match(r"\d+-[A-Za-z]", w):  # '600 4-packs sold' counts packs
            break
        words.append(w)
    return words


def _counted_kind(words: list[str]) -> tuple[str | None, int]:
    """(kind, words used) of the noun phrase after a number; the phrase's head noun decides when two outcome
    nouns stand together ('free trial requests' are requests, 'member sign-ups' sign-ups)."""
    clean = [w.strip(".,;:!?)") for w in words]
    for i in range(len(clean)):
        one = count_kind(clean[i])
        kind = one or (count_kind(" ".join(clean[i : i + 2])) if i + 1 < len(clean) else None)
        if not kind:
            continue
        used = i + 1 if one else i + 2  # 'sign ups', 'test rides'
        while used < len(clean) and words[used - 1][-1:].isalnum() and not clean[used - 1].endswith("ed"):
            head = count_kind(clean[used])
            if head is None:
                break
            kind, used = head, used + 1
        return kind, used
    return None, 0


def _in_aside(text: str, pos: int) -> bool:
    """The position is inside a parenthesis ('(7 nights, departing 12 June)': the product's details)."""
    opened = text.rfind("(", 0, pos)
    return opened >= 0 and text.rfind(")", 0, pos) < opened and text.find(")", pos) >= 0


def find_rates(text: str) -> list[KPIMention]:
    """Rate targets as fractions (25% -> 0.25)."""
    out = []
    for name, rx in RATES:
        m = rx.search(text)
        if m:
            out.append(
                KPIMention(
                    name,
                    round(float((m.group("p") or m.group("q")).replace(",", ".")) / 100, 6),
                    m.start(),
                    m.end(),
                )
            )
    return out
