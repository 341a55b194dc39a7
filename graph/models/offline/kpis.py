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
        "demos?(?:\s+bookings)?",
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
    ),
}
_KIND_RE = {
    name: re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)
    for name, words in COUNT_KINDS.items()
}
_NUMBER = r"(?<![\w.,$€£¥-])(?P<n>\d{1,3}(?:[,. ]\d{3})+|\d+(?:\.\d+)?)(?:\s?(?P<mult>k|thousand)\b)?"
COUNT_RE = re.compile(_NUMBER + r"\+?(?P<after>(?:\s+[\w'’-]+){1,4})", re.I)
_NOT_COUNT_BEFORE = re.compile(
    r"(?:aged|age|over|under|within|top|ages|the|of|first|last|past|next|about|our|your|their|its)\s*$", re.I
)
_SIGNUP_VERB = re.compile(
    r"\b(?:register|enrol+|sign\s+up|onboard|recruit)\s+(?:(?:about|around|over)\s+)?$", re.I
)
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
    r"\b(?:cpa|cac|cpl|cpi|cpo|cps|cost[- ]per[- ][a-z-]+)\b",  # 'cost per visit', 'CPI under ¥120'
    re.I,
)
_PER_UNIT_AFTER = re.compile(
    r"^\s*(?:per|a|an|for each)\s+(?!month|day|week|year|head\b|person\b|night\b)[a-z-]+|^\s*each\b", re.I
)
ROAS_RE = re.compile(
    r"(?:\broas\b|return on ad spend)[^.\d]{0,20}?(?P<x>\d+(?:\.\d+)?)\s?x?"
    r"|(?P<x2>\d+(?:\.\d+)?)\s?x\s+(?:roas|return on ad spend)\b",
    re.I,
)
_REVENUE_AFTER = re.compile(
    r"^\s*(?:in|of)?\s*(?:sales\s+|total\s+|new\s+|annual\s+|recurring\s+)*(?:revenue|arr|mrr|sales\s+revenue)\b"
    r"|^\s*(?:in|of)\s+(?:[\w-]+\s+){0,2}(?:revenue|sales)\b",
    re.I,
)
_REVENUE_BEFORE = re.compile(r"revenue(?:\s+target)?\s*(?:of|:|is|=)?\s*$", re.I)


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
            or (
                re.search(r"[-–]\s*$", before)
                and not re.search(r"(?:^|\n)[ \t]*[-–][ \t]*$", text[: m.start()])
            )
            or re.match(r"\s*[-–]\d", text[m.end("n") :])
        ):
            continue
        words = m.group("after").split()
        if not words or re.match(
            r"(?:years?|yrs?|year-olds?|miles?|km|minutes?|hours?|hrs|days?|weeks?|months?|"
            r"quarters?|x|%|percent|employees|staff|developers|people|or|and|to|nights?|seats?|locations?|stores?|"
            r"shops?|sites?|branches|bottles|rooms?|beds?|acres|trucks|vans|facilities|farms|members\s+of)(?![\w-])",
            words[0],
            re.I,
        ):
            continue
        kind, used = None, 0
        for i in range(len(words)):
            kind = count_kind(words[i].strip(".,;:!?)"))
            if kind:
                used = i + 1
                break
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
            if not any(s <= m.start() < e for s, e in goal_spans) and not standalone:
                continue
            used = min(len(words), 2)
            if _SIGNUP_VERB.search(text[max(0, m.start() - 24) : m.start()]):
                kind = "signups"  # 'register 300 new pets', 'onboard 1500 new sellers'
        n = to_number(m.group("n")) * (1000 if m.group("mult") else 1)
        if n <= 0:
            continue
        end = min(m.start("after") + len(" ".join(words[:used])) + 1, m.end())
        (out if kind and kind_named else fallback).append(
            KPIMention(kind or "conversions", n, m.start(), end)
        )
    return out or fallback[:1]


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
        if _in_aside(text, mm.start):
            continue  # '(12 bottles, £149 each)': the product's price
        if (
            mm.ok
            and _PER_UNIT_AFTER.match(text[mm.end :])
            and not re.match(r"^\s*(?:a|per)\s+(?:month|year)", text[mm.end :])
        ):
            end = mm.end + _PER_UNIT_AFTER.match(text[mm.end :]).end()  # type: ignore[union-attr]
            return KPIMention("cpa", mm.amount, mm.start, end), {mm.start}
    return None, set()


def _in_aside(text: str, pos: int) -> bool:
    opened = text.rfind("(", 0, pos)
    return opened >= 0 and text.rfind(")", 0, pos) < opened and text.find(")", pos) >= 0


def find_roas(text: str) -> KPIMention | None:
    """A ROAS target as a ratio ('4x ROAS' -> 4.0)."""
    m = ROAS_RE.search(text)
    return KPIMention("roas", float(m.group("x") or m.group("x2")), m.start(), m.end()) if m else None


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
