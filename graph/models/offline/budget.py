"""The campaign budget among a brief's money mentions.

A budget is the amount in a budget-labelled line, else one cued by 'budget' / 'spend', else the largest amount not
cued as a unit cost, price or threshold. A correction on the same line ('50,000 CHF? no — EUR 50,000', 'actually
€40k') replaces the amount before it; a currency given in the label ('Budget (GBP): 75,000') applies to a bare
amount; amounts that describe the audience ('brands doing $5M+ a year') are never the budget.
"""

from __future__ import annotations

import re

from graph.models.offline.money import MoneyMention, find_money
from graph.models.offline.segments import Segment

_BUDGET_CUE = re.compile(
    r"\b(budget|spend|spending|invest(?:ing|ment)?|allocat\w*|total|set aside|envelope|money|"
    r"afford)\b",
    re.IGNORECASE,
)
_NOT_BUDGET_CUE = re.compile(
    r"\b(cpa|cpc|cpm|cac|cost per|per (?:lead|signup|sale|conversion|acquisition|click)|under|below|over|above|"
    r"orders?|revenue|aov|price|priced|costs?|from|each|worth)\b",
    re.IGNORECASE,
)


_NOT_BUDGET_AFTER = re.compile(  # after the amount: a unit cost, price or threshold ('£30 per lead', '$5 each')
    r"[^,;]*?\b(cpa|cpc|cpm|cac|cost per|per (?:lead|signup|sale|conversion|acquisition|click)|orders?|revenue|aov|"
    r"price|priced|costs?|each|worth)\b",
    re.IGNORECASE,
)


_DESCRIBES_BEFORE = re.compile(
    r"\b(?:with|doing|making|turning\s+over|earning|generating)\b(?:(?!budget|spend)[^.;,\n]){0,12}$",
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


def select_budget(
    text: str, money: list[MoneyMention], segments: list[Segment], used: set[int]
) -> MoneyMention | None:
    """The campaign budget among the money mentions: one in a budget-labelled line, else one cued by 'budget' /
    'spend', else the largest amount not cued as a unit cost, price or threshold."""
    pool = [m for m in money if m.start not in used]
    for seg in segments:
        if seg.field == "budget":
            inside = [m for m in pool if seg.start <= m.start < seg.end]
            if inside:
                return inside[-1] if re.search(r"\b(?:no|actually)\b", seg.value, re.I) else inside[0]
    cued, plain = [], []
    for m in pool:
        # cue windows stay inside the mention's own sentence or line
        before = re.split(r"[.!?;\n]\s", text[max(0, m.start - 40) : m.start])[-1]
        after = re.split(r"[.!?;\n]", text[m.end : m.end + 25])[0]
        if _BUDGET_CUE.search(before) or re.match(r"\s*(?:budget|total|to spend|in total)\b", after, re.I):
            cued.append(m)
        elif not _NOT_BUDGET_CUE.search(before[-25:]) and not _NOT_BUDGET_AFTER.match(after[:14]):
            plain.append(m)
    if cued:
        return cued[0]
    return max(plain, key=lambda m: m.amount) if plain else None


_BARE_AMOUNT = re.compile(
    r"(?P<neg>minus\s+|negative\s+|[-−](?=\d))?(?P<n>\d[\d,.\s]*\d|\d)\s?(?P<mult>k|m|million|"
    r"thousand|trillion|bn|billion)?\b",
    re.IGNORECASE,
)


def _bare_budget(text: str, segments: list[Segment]) -> str | None:
    """A budget stated without a currency ('Budget: minus 40,000', 'we can spend 30k'): the problem to ask about."""
    spans = [(s.value_start, s.end) for s in segments if s.field == "budget"]
    cue = (
        r"(?<!ad )\b(?:budget|spend|investment)\s*(?:is|of|:|=|-)?\s*(?:about|around|roughly|approx\.?|~)?\s*"
    )
    spans += [(m.end(), min(len(text), m.end() + 16)) for m in re.finditer(cue, text, re.IGNORECASE)]
    for s, e in spans:
        m = _BARE_AMOUNT.match(text, s, e)
        if m and not re.match(
            r"\s*(?:%|x\b|percent|days?|weeks?|months?|people|orders|leads)", text[m.end() :]
        ):
            words = m.group(0).strip()
            if m.group("neg"):
                return f"'{words}' is a negative amount (and names no currency)"
            return f"'{words}' names no currency (write e.g. '{words} USD' or '€{words}')"
    return None


_CORRECTION = re.compile(
    r"[^\n]{0,24}?(?:\?\s*no\b|\bno\s*[,—–-]|\bactually\b|\binstead\b|\bsorry\b|\bscratch\s+that\b|"
    r"\bcorrection\b|\bmake\s+(?:that|it)\b)",
    re.IGNORECASE,
)


def corrected(text: str, chosen: MoneyMention | None, money: list[MoneyMention]) -> MoneyMention | None:
    """The amount a correction on the same line puts in place of ``chosen`` ('50,000 CHF? no — EUR 50,000')."""
    if chosen is None:
        return None
    fix = _CORRECTION.match(text, chosen.end)
    if not fix:
        return chosen
    line_end = text.find("\n", chosen.end)
    line_end = len(text) if line_end < 0 else line_end
    later = [m for m in money if fix.end() <= m.start < line_end and m.ok]
    return later[0] if later else chosen


_LABEL_CURRENCY = re.compile(
    r"\(\s*(?P<c>AUD|CAD|EUR|GBP|JPY|USD|[£$€¥])\s*\)|\bin\s+(?P<d>AUD|CAD|EUR|GBP|JPY|USD)\b"
)


def label_currency_budget(text: str, segments: list[Segment]) -> MoneyMention | None:
    """'Budget (GBP): 75,000', 'Budget in EUR: 40.000': a bare amount under a label that names the currency."""
    for seg in segments:
        if seg.field != "budget":
            continue
        cur = _LABEL_CURRENCY.search(text, seg.start, seg.value_start)
        amount = _BARE_AMOUNT.match(text, seg.value_start, seg.end)
        if not cur or not amount or amount.group("neg"):
            continue
        code = cur.group("c") or cur.group("d")
        words = amount.group(0).strip()
        read = find_money(f"{words} {code}" if len(code) == 3 else f"{code}{words}")
        if read and read[0].ok:
            return MoneyMention(read[0].amount, read[0].currency, amount.start(), amount.start() + len(words))
    return None
