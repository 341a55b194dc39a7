"""Goals and KPI targets as marketers state them: counts ('500 sign-ups', '1.900 orders', '5k trial starts'),
rates ('a 25% open rate', 'CTR of 0,8%'), cost-per targets ('CPA under $30', 'no more than €12 per sign-up',
'$300 each'), ROAS ('4x ROAS') and revenue ('$360,000 in revenue'). Targets are kept exactly as stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.models.offline.money import MoneyMention, to_number

COUNT_KINDS: dict[str, tuple[str, ...]] = {
    "signups": (
        "sign[- ]?ups?",
        "signups",
        "subscriptions?",
        "subscribers",
        "registrations?",
        "registered",
        "members",
        "memberships",
        "free trials?",
        "trials?",
        "trial starts",
        "accounts",
        "enrol(?:l)?(?:ments?)?",
        "followers",
        "pre-registrations",
        "donors",
        "givers",
        "supporters",
        "volunteers",
        "pledges",
        "patrons",
        "new users",
        "users",
    ),
    "leads": (
        "leads",
        r"demos?(?:\s+bookings)?",
        "calls",
        "phone calls",
        "demo requests",
        "enquiries",
        "inquiries",
        "mqls",
        "sqls",
        "quote requests",
        "applications",
        "requests",
        "contact requests",
        "callbacks",
        "calls",
        "phone calls",
        "opportunities",
        "valuations",
        "valuation requests",
        "quotes",
    ),
    "conversions": (
        "orders",
        "pre-?orders",
        "donations",
        "sales",
        "purchases",
        "bookings",
        "tickets",
        "passes",
        "units",
        "redemptions",
        "activations",
        "policies",
        "rentals",
        "reactivations",
        "connections",
        "switches",
        "appointments",
        "treatments",
        "consultations",
        "viewings",
        "conversions",
        "downloads",
        "installs",
        "transactions",
        "checkouts",
        "deals",
        "customers",
        "buyers",
        "wills",
        "bikes",
        "renewals",
        "installs",
        "donations",
        "gifts",
        "visits",
        "jobs",
        "test drives",
        "test rides",
        "entries",
        "pre-orders",
        "preorders",
        "transfers",
        "packs",
        "boxes",
        "hampers",
        "vouchers",
        "copies",
        "kits",
        "bundles",
        "tins",
        "meals",
        "covers",
        "inspections",
    ),
}
_KIND_RE = {
    name: re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)
    for name, words in COUNT_KINDS.items()
}
_NUMBER = r"(?<![\w.,$€£¥/-])(?P<n>\d{1,3}(?:[,. ]\d{3})+|\d+(?:\.\d+)?)(?:\s?(?P<mult>k|thousand)\b)?"
COUNT_RE = re.compile(_NUMBER + r"\+?(?=(?P<after>(?:\s+[\w'’-]+){1,4}))", re.I)
"""A number and (looked ahead, not consumed: '600 demos and 45 deals' holds two) the words after it."""
_NOT_COUNT_BEFORE = re.compile(
    r"(?:aged|age|over|under|within|top|ages|the|of|first|last|past|next|our|serves?|serving|currently|already|"
    r"clean|run|operate|employ)\s*$",
    re.I,
)
_SIGNUP_VERB = re.compile(
    r"\b(?:register|enrol+|sign\s+up|onboard|recruit)\s+(?:(?:about|around|over)\s+)?$", re.I
)
_NAME_PART = re.compile(r"(?<![.!?:;\n]\s)(?<![.!?:;\n])(?<=\w\s)[A-Z][\w-]*\s$")
"""A number right after a capitalised word that does not open its sentence is part of a name."""
_DONE_AFTER = re.compile(
    r"^(?:[\w'’-]+\s+){0,3}?(?:sold|booked|purchased|bought|ordered|redeemed|placed)\b", re.I
)
"""'90 vouchers sold', '350 weeks booked', '120 test rides booked': whatever is counted, it is a conversion."""
_CONVERTED = re.compile(r"^(?:[\w-]+\s+)?(?:approved|funded|closed)\b", re.I)
_PAST = re.compile(r"\b(?:last\s+year|previous(?:ly)?|did)", re.I)
GOAL_CUE_RE = re.compile(
    r"\b(?:goal|objective|aim|kpi|success|target is|target:|want|need|hoping|hope|like|love|get|drive|generate|sell|"
    r"hit|reach|achieve|deliver|win|register|onboard|enrol|book|grow|acquire|gain|call it a win|thrilled|after)\b",
    re.I,
)
PCT = r"(?P<p>\d+(?:[.,]\d+)?)\s?(?:%|percent\b|per cent\b)"
PCT2 = PCT.replace("?P<p>", "?P<q>")
RATES: list[tuple[str, re.Pattern[str]]] = [
    (
        "open_rate",
        re.compile(rf"open[- ]rates?[^.%\d]{{0,25}}?{PCT}|{PCT2}\s+(?:\w+\s+){{0,2}}?open[- ]rate", re.I),
    ),
    (
        "ctr",
        re.compile(
            rf"(?:\bctr\b|click[- ]through(?:[- ]rate)?)[^.%\d]{{0,25}}?{PCT}|{PCT2}\s+(?:\w+\s+)?"
            rf"(?:ctr\b|click[- ]through)",
            re.I,
        ),
    ),
    ("click_rate", re.compile(rf"click[- ]rate[^.%\d]{{0,25}}?{PCT}|{PCT2}\s+click[- ]rate", re.I)),
    (
        "conversion_rate",
        re.compile(
            rf"(?:conversion[- ]rate|\bcvr\b)[^.%\d]{{0,25}}?{PCT}|{PCT2}\s+(?:[\w-]+\s+)?"
            rf"(?:conversion[- ]rate|cvr\b)",
            re.I,
        ),
    ),
]
_COST_PER = re.compile(
    r"\b(?:cpa|cac|cpl|cpi|cpo|cps|cpb|cost[- ]per[- ](?!click\b|mille\b|thousand\b|view\b|impression\b)"
    r"(?:first[- ])?[a-z]+(?:[- ][a-z]+)?)\b",
    re.I,
)
_CAP_BEFORE = re.compile(
    r"(?:no\s+more\s+than|not\s+more\s+than|under|below|max(?:imum)?|at\s+most|up\s+to|less\s+than|≤|<|"
    r"capped\s+at|tops)\s*$",
    re.I,
)
_PER_UNIT_AFTER = re.compile(
    r"^\s*(?:per|a|an|for each)\s+(?!month|day|week|year|head\b|person\b|night\b)[a-z-]+|^\s*each\b", re.I
)
_PCT_WORD = r"(?:%|\s?percent\b|\s?per\s?cent\b)"
ROAS_RE = re.compile(
    rf"(?:\broas\b|return on ad spend)[^.\d]{{0,20}}?(?P<x>\d+(?:\.\d+)?)(?P<pct>{_PCT_WORD})?(?:\s?[x:]\s?1?\b)?"
    rf"|(?P<x2>\d+(?:\.\d+)?)(?P<pct2>{_PCT_WORD}|\s?x|\s?:\s?1)\s+(?:roas|return on ad spend)\b",
    re.I,
)
_FOR_EVERY = re.compile(
    r"^\s*(?:back\s+|returned\s+|in\s+(?:revenue|sales)\s+)?(?:for|on|from)\s+(?:every|each)\s*$", re.I
)
_EVERY_RETURNS = re.compile(
    r"^\s*(?:(?:we\s+)?spen[dt]|invested)?\s*(?:should\s+|to\s+|must\s+|needs?\s+to\s+)?"
    r"(?:returns?|brings?\s+(?:in|back)|generates?|makes?|earns?)\s*$",
    re.I,
)
_REVENUE_AFTER = re.compile(
    r"^\s*(?:(?:in|of)?\s*(?:[\w-]+\s+)?(?:revenue|turnover|gmv|arr|mrr)\b"
    r"|(?:in|of)\s+(?:[\w-]+\s+)?(?:sales|donations|pledges|gifts)\b)",
    re.I,
)
_REVENUE_BEFORE = re.compile(
    r"(?:(?:revenue|turnover|gmv|sales)(?:\s+target)?\s*(?:of|:|is|=)?|\brais(?:e|es|ed|ing)(?:\s+(?:at\s+least|over))?)\s*$",
    re.I,
)


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
    return None


def find_counts(text: str, goal_spans: list[tuple[int, int]]) -> list[KPIMention]:
    """Count targets: a number followed (within three words) by an outcome noun; inside a goal-labelled or
    goal-cued sentence any counted noun is a conversion target."""
    out: list[KPIMention] = []
    fallback: list[KPIMention] = []
    for m in COUNT_RE.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        if (
            _NOT_COUNT_BEFORE.search(before)
            or re.search(r"\d\s*[-–]\s*$", before)
            or re.match(r"\s*[-–]\d", text[m.end("n") :])
        ):
            continue
        words = m.group("after").split()
        if not words or re.match(
            r"(?:years?|yrs?|year-olds?|miles?|km|minutes?|hours?|hrs|days?|weeks?|months?|"
            r"quarters?|nights?|x|%|percent|employees|staff|developers|people|or|and|to|seats|locations|stores|shops|"
            r"facilities|sites|branches)(?![\w-])",
            words[0],
            re.I,
        ):
            continue
        kind, used = None, 0
        for i in range(len(words)):
            pair = " ".join(w.strip(".,;:!?)") for w in words[i : i + 2])
            kind = count_kind(words[i].strip(".,;:!?)")) or (count_kind(pair) if i + 1 < len(words) else None)
            if kind:
                used = i + 1 if count_kind(words[i].strip(".,;:!?)")) else i + 2  # 'sign ups', 'test rides'
                break
        if kind is None and _DONE_AFTER.match(" ".join(words)):
            kind, used = "conversions", len(_DONE_AFTER.match(" ".join(words)).group(0).split())  # type: ignore[union-attr]
        elif kind is not None and _CONVERTED.match(" ".join(words[: used - 1])):
            kind = "conversions"  # 'approved applications', 'funded accounts', 'paid entries'
        elif kind in ("conversions", "signups") and re.match(r"demo\b", words[0], re.I):
            kind = "leads"  # 'demo bookings'
        if kind is not None and re.match(
            r"(?:[\w'’-]+\s+){0,3}(?:sold|purchased|bought|ordered)\b", " ".join(words[used - 1 :]), re.I
        ):
            kind = "conversions"  # '8.000 trial packs sold'
        if _PAST.search(re.split(r"[.;!?(\n]", text[max(0, m.start() - 60) : m.start()])[-1]):
            continue  # 'last year we sold 4,100 tickets': what happened before is not the target
        kind_named = kind is not None
        standalone = re.search(r"(?:^|[,;:\n—–.!?]|\s-)\s*$", text[: m.start()]) and re.match(
            r"[^,;\n.]{0,60}(?:[,;\n]|\.(?:\s|$)|\s*$)", text[m.end("n") :]
        )
        if kind is None and re.search(
            r"^(?:[\w'’-]+\s+){0,2}(?:sold|booked|redeemed|purchased)\b", m.group("after").strip()
        ):
            kind, used = "conversions", min(len(words), 3)  # '90 vouchers sold'
        if kind is None and _in_aside(text, m.start()):
            continue  # '(7 nights, departing 12 June)': the product's details
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
        n = to_number(m.group("n")) * (1000 if m.group("mult") else 1)
        if n <= 0:
            continue
        end = min(m.start("after") + len(" ".join(words[:used])) + 1, m.end("after"))
        (out if kind and kind_named else fallback).append(
            KPIMention(kind or "conversions", n, m.start(), end)
        )
    return out or fallback[:1]


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


def find_cost_per(text: str, money: list[MoneyMention]) -> tuple[KPIMention | None, set[int]]:
    """A cost-per target ('CPA under $30', '€12 per sign-up', '$300 each'); also the money mentions it used."""
    for cue in _COST_PER.finditer(text):
        for mm in money:
            if cue.end() <= mm.start <= cue.end() + 40 and mm.ok:
                return KPIMention("cpa", mm.amount, cue.start(), mm.end), {mm.start}
        for mm in money:
            if cue.start() - 40 <= mm.end <= cue.start() and mm.ok and _PER_UNIT_AFTER.match(text[mm.end :]):
                return KPIMention("cpa", mm.amount, mm.start, cue.end()), {mm.start}
    for mm in money:
        unit = _PER_UNIT_AFTER.match(text[mm.end :])
        if not mm.ok or not unit or re.match(r"^\s*(?:a|per)\s+(?:month|year)", text[mm.end :]):
            continue
        capped = _CAP_BEFORE.search(text[max(0, mm.start - 20) : mm.start])
        outcome = count_kind(text[mm.end : mm.end + unit.end() + 12]) is not None
        if capped or outcome:  # '€12 per sign-up', 'no more than $300 each'; never a price ('£149 each')
            return KPIMention("cpa", mm.amount, mm.start, mm.end + unit.end()), {mm.start}
    return None, set()


def find_roas(text: str, money: list[MoneyMention] | None = None) -> KPIMention | None:
    """A ROAS target as a ratio ('4x ROAS', 'ROAS 400%', '4:1 ROAS' -> 4.0; '£4 back for every £1 spent',
    'every $1 spent returns $5' -> the ratio of the two amounts)."""
    m = ROAS_RE.search(text)
    if m:
        x = float(m.group("x") or m.group("x2"))
        pct = re.search(r"%|cent", m.group("pct") or m.group("pct2") or "", re.I)
        return KPIMention("roas", round(x / 100, 6) if pct else x, m.start(), m.end())
    ok = [mm for mm in money or [] if mm.ok]
    for a, b in zip(ok, ok[1:], strict=False):
        between = text[a.end : b.start]
        if a.currency != b.currency or len(between) > 30:
            continue
        if _FOR_EVERY.match(between) and b.amount > 0:  # '£4 back for every £1'
            return KPIMention("roas", round(a.amount / b.amount, 6), a.start, b.end)
        every = re.search(r"\bevery\s*$", text[max(0, a.start - 12) : a.start], re.I)
        back = re.match(r"\s*(?:back|in\s+return|in\s+(?:revenue|sales))\b", text[b.end :], re.I)
        spent = re.search(r"\b(?:spen[dt]|invest\w*|put\s+in)\b", between, re.I)
        if every and (_EVERY_RETURNS.match(between) or (back and spent)):  # 'every $1 spent returns $5'
            return KPIMention("roas", round(b.amount / a.amount, 6), a.start, b.end)
    return None


def find_revenue(text: str, money: list[MoneyMention]) -> tuple[KPIMention | None, set[int]]:
    """A revenue target ('$360,000 in revenue', 'Revenue target: $2m')."""
    for mm in money:
        after = _REVENUE_AFTER.match(text[mm.end :])
        if mm.ok and after:
            return KPIMention("revenue", mm.amount, mm.start, mm.end + after.end()), {mm.start}
        before = _REVENUE_BEFORE.search(text[max(0, mm.start - 30) : mm.start])
        if mm.ok and before:
            return KPIMention("revenue", mm.amount, max(0, mm.start - 30) + before.start(), mm.end), {
                mm.start
            }
    return None, set()
