"""Which money mention is the campaign budget: a budget-labelled line, a cued amount ('budget', 'spend'), a
corrected amount ('50,000 CHF? no — EUR 50,000'), a per-channel split that adds up ('£12k search + £8k social'),
a monthly amount times the months stated ('$10k a month for three months'), a bare number under a label that
names the currency ('Budget (GBP): 75,000'), else the largest amount not cued as a unit cost, price or threshold.
Amounts that describe who is targeted ('manufacturers with $50M-$500M revenue') are never the budget.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from graph.models.offline.channels import CHANNEL_RES
from graph.models.offline.money import MULTIPLIERS, WORDS, MoneyMention, to_number
from graph.models.offline.money_words import find_word_amounts
from graph.models.offline.segments import Segment
from guards.lexicon.quantity_words import NUMBER_WORDS

_BUDGET_CUE = re.compile(
    r"\b(budget|spend|spending|invest(?:ing|ment)?|allocat\w*|total|set aside|envelope|money|"
    r"afford|to play with|behind it|media|we(?:'ve|\s+have)(?:\s+got)?|we\s+can\s+put)\b",
    re.IGNORECASE,
)
_NOT_BUDGET_BEFORE = re.compile(
    r"\b(cpa|cpc|cpm|cac|cpl|cost per|under|below|over|above|at least|up to|max(?:imum)?|orders?|revenue|aov|"
    r"price[sd]?|retails?|retailing|sells?|costs?|from|each|worth|cap(?:ped)?|last year|spent|saves?|save up to|"
    r"fees?|tickets?|raise|raising|target)\W*(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_NOT_BUDGET_AFTER = re.compile(
    r"^\s*(?:each|per\s+(?!month|week|year)\w+|a\s+(?:head|ticket|night|day)|/\s*(?:day|unit|head)|"
    r"(?:in\s+)?(?:revenue|sales|off|discount|cashback|back)\b|orders?\b|a day\b|daily\b)",
    re.IGNORECASE,
)
_CORRECTION = re.compile(
    r"\b(?:no|nope|actually|sorry|correction|make (?:it|that)|i mean|scratch that|instead|revised(?: to)?|"
    r"too (?:much|high|low|little)|agreed(?: on)?|settled on|signed off|final(?:ly)?)\b",
    re.I,
)
_TOTAL_AFTER = re.compile(r"\s*(?:in\s+)?(?:total|overall|all[- ]in)\b", re.IGNORECASE)
RATE_RE = re.compile(r"^\s*(?:a|per|/|each)\s*(?P<unit>month|mo|week|wk)\b", re.IGNORECASE)
"""'$10k a month', '€6k per week', '£750/wk': an amount per period, not a total."""
_PERIODS_AFTER = re.compile(
    r"^[^.;\n]{0,40}?\b(?:for|over|across|x)\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)\s+(?P<unit>month|week)s?\b",
    re.IGNORECASE,
)
_BARE_CHANNEL = re.compile(r"\b(?:search|social|display|print|radio|tv|ooh|outdoor|podcasts?|video)\b", re.I)
"""Channel words that name a channel's share of a split ('£12k search + £8k social')."""
_DESCRIBES_BEFORE = re.compile(
    r"\b(?:with|doing|making|turning\s+over|earning|generating)\b(?:(?!budget|spend)[^.;,\n]){0,12}$",
    re.IGNORECASE,
)
_LABEL_CURRENCY = re.compile(
    r"\b(?P<code>usd|eur|gbp|cad|aud|jpy|euros?|dollars?|pounds?|sterling)\b|(?P<sym>[$€£¥])",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(
    r"\s*(?:about|around|roughly|approx\.?|~)?\s*(?P<n>\d{1,3}(?:[,.\s']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)"
    r"\s?(?P<mult>k|m|mn|million|thousand)?(?![\w%])",
    re.IGNORECASE,
)


def firmographic_free(text: str, money: list[MoneyMention]) -> list[MoneyMention]:
    """Money mentions without the ones that describe who is targeted ('manufacturers with $50M-$500M revenue',
    'brands doing $5M+ a year'): such an amount is neither the budget nor a revenue target."""
    out: list[MoneyMention] = []
    prev: MoneyMention | None = None
    for mm in money:
        before = text[max(0, mm.start - 30) : mm.start]
        in_range = prev is not None and re.fullmatch(r"\s*[-–]\s*", text[prev.end : mm.start]) is not None
        after = re.match(
            r"\s*(?:\+|[-–]\s*[$€£¥]?\d|(?:a|per)\s+year|annual|(?:in\s+)?(?:annual\s+)?(?:revenue|turnover|arr)\b)",
            text[mm.end : mm.end + 30],
            re.IGNORECASE,
        )
        if (_DESCRIBES_BEFORE.search(before) and after) or (in_range and prev not in out):
            prev = mm
            continue
        out.append(mm)
        prev = mm
    return out


def _clause(text: str, mm: MoneyMention) -> tuple[str, str]:
    """The words before and after a mention inside its own sentence or line."""
    before = re.split(r"[.!?;]\s|[.!?;]$|\n", text[max(0, mm.start - 40) : mm.start])[
        -1
    ]  # a line is a clause
    after = re.split(r"[.!?;\n]", text[mm.end : mm.end + 25])[0]
    return before, after


def _channel_of(text: str, mm: MoneyMention, nxt: int) -> bool:
    """The amount is a channel's share: a channel is named right after it (before the next amount) or right
    before it ('Facebook: $5,000')."""
    after = re.split(r"[.;\n(]", text[mm.end : min(nxt, mm.end + 30)])[0]
    before = re.split(r"[,;.\n+&]|\band\b", text[max(0, mm.start - 25) : mm.start])[-1]
    return any(rx.search(after) or rx.search(before) for rx in (*CHANNEL_RES.values(), _BARE_CHANNEL))


def _split_sum(text: str, mentions: list[MoneyMention]) -> MoneyMention | None:
    """Two or more amounts in one currency, each a channel's share, listed together: their sum."""
    if len(mentions) < 2 or len({m.currency for m in mentions}) != 1 or any(not m.ok for m in mentions):
        return None
    ends = [m.start for m in mentions[1:]] + [len(text)]
    if not all(_channel_of(text, m, e) for m, e in zip(mentions, ends, strict=True)):
        return None
    gaps = [text[a.end : b.start] for a, b in zip(mentions, mentions[1:], strict=False)]
    if any(len(g) > 40 or re.search(r"[.!?\n]\s", g) for g in gaps):
        return None
    first, last = mentions[0], mentions[-1]
    return MoneyMention(round(sum(m.amount for m in mentions), 2), first.currency, first.start, last.end)


def _per_month(text: str, mm: MoneyMention) -> MoneyMention:
    """'$10k a month for three months' is $30k, '£750 a week for 4 weeks' £3,000; an amount per period with no
    count of periods right after it is kept as written (see ``rate_total``)."""
    rate = RATE_RE.match(text[mm.end :])
    if not rate:
        return mm
    periods = _PERIODS_AFTER.match(text[mm.end + rate.end() :])
    if not periods or periods.group("unit")[0].lower() != rate.group("unit")[0].lower():
        return mm
    n = periods.group("n").lower()
    count = int(n) if n.isdigit() else int(NUMBER_WORDS[n.lower()])
    return replace(mm, amount=round(mm.amount * count, 2), end=mm.end + rate.end() + periods.end())


def rate_total(text: str, mm: MoneyMention, start: date | None, end: date | None) -> MoneyMention:
    """An amount per week or per month ('€6k a week', '£2,500 per month') over the campaign's stated period is the
    period's total: weeks when the period is whole weeks, months when it runs from a 1st to a month's last day
    (or the same day-of-month span, 3 March to 2 May). Kept as written when the period is unknown or not whole."""
    rate = RATE_RE.match(text[mm.end :])
    if not rate or start is None or end is None or end < start:
        return mm
    days = (end - start).days + 1
    if rate.group("unit")[0].lower() == "w":
        count = days // 7 if days % 7 == 0 else 0
    else:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        whole = start.day == 1 and (end + timedelta(days=1)).day == 1
        shifted = (end + timedelta(days=1)).day == start.day
        count = months if whole else (months - 1 if shifted else 0)
    if count < 1:
        return mm
    return replace(mm, amount=round(mm.amount * count, 2), end=mm.end + rate.end())


def _corrected(text: str, chosen: MoneyMention, pool: list[MoneyMention]) -> MoneyMention:
    """A later amount in the same line after a correction ('50,000 CHF? no — EUR 50,000') replaces the first."""
    for later in pool:
        if later.start <= chosen.start:
            continue
        between = text[chosen.end : later.start]
        if "\n" in between or len(between) > 40:
            break
        if _CORRECTION.search(between):
            return later
    return chosen


def select_budget(
    text: str, money: list[MoneyMention], segments: list[Segment], used: set[int]
) -> MoneyMention | None:
    """The campaign budget among the money mentions (see the module docstring)."""
    pool = [m for m in money if m.start not in used]
    totals = [m for m in pool if _TOTAL_AFTER.match(text[m.end : m.end + 20])]
    if totals:  # '$3,000 a month for April, May and June ($9,000 total)'
        return totals[0]
    for seg in segments:
        if seg.field == "budget":
            inside = [m for m in pool if seg.start <= m.start < seg.end]
            if inside:
                split = _split_sum(text, inside)
                if split:
                    return split
                return _per_month(text, _corrected(text, inside[0], pool))
    cued, plain = [], []
    for m in pool:
        before, after = _clause(text, m)
        if _BUDGET_CUE.search(before) or re.match(r"\s*(?:budget|total|to spend|in total)\b", after, re.I):
            cued.append(m)
        elif not _NOT_BUDGET_BEFORE.search(before[-30:]) and not _NOT_BUDGET_AFTER.match(after):
            plain.append(m)
    if cued:
        chosen = _corrected(text, cued[0], pool)
        if (
            chosen is cued[0]
        ):  # the shares after it, cued or not ('spend £3,000 on Facebook, £1,500 on search')
            following = sorted(
                (m for m in [*cued[1:], *plain] if m.start > chosen.start), key=lambda m: m.start
            )
            split = _split_sum(text, [chosen, *following])
            if split and not re.search(r"\btotal\b", _clause(text, chosen)[0], re.I):
                return split
        return _per_month(text, chosen)
    split = _split_sum(text, plain)
    if split:
        return split
    return _per_month(text, max(plain, key=lambda m: m.amount)) if plain else None


def labelled_budget(text: str, segments: list[Segment]) -> MoneyMention | None:
    """A bare number under a budget label that names the currency ('Budget (GBP): 75,000', 'Budget in EUR: 8k')."""
    for seg in segments:
        if seg.field != "budget":
            continue
        label_text = text[seg.start : seg.value_start]
        cur = _LABEL_CURRENCY.search(label_text)
        m = _BARE_NUMBER.match(text, seg.value_start, seg.end)
        if not cur or not m:
            continue
        code = cur.group("code")
        currency = (
            WORDS.get(code.lower()) if code else {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}[cur["sym"]]
        )
        if currency is None:
            continue
        mult = MULTIPLIERS.get((m.group("mult") or "").lower(), 1.0)
        amount = round(to_number(m.group("n").replace("'", "")) * mult, 2)
        return MoneyMention(amount, currency, m.start("n"), m.end())
    return None


_SPOKEN_CUE = re.compile(
    r"(?:\bbudget(?:'s|\s+is)?|\bspend(?:ing)?|we(?:'ve|\s+have)\s+got|we\s+have|thinking|got)\s*(?:of\s+|is\s+)?"
    r"(?:about|around|roughly|maybe|like|approx\.?|~)?\s*$",
    re.IGNORECASE,
)


def spoken_budget(text: str, currency: str | None) -> MoneyMention | None:
    """An amount said in words with no currency under a budget cue ('budget's three and a half k', 'we've got
    about six grand'), in the one currency of the brief's market; None when the market names no single currency
    (then the budget is asked for)."""
    if currency is None:
        return None
    for amount, cur, s, e in find_word_amounts(text):
        if cur is None and _SPOKEN_CUE.search(text[max(0, s - 30) : s]):
            return MoneyMention(amount, currency, s, e)
    return None
