"""Deterministic brief parsing for the offline engine: money, dates, channels, regions, audience, KPIs.

These are rules, not an LLM. They read what a brief states and never invent what it does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "US$": "USD", "C$": "CAD", "A$": "AUD", "CA$": "CAD"}
_CURRENCY_WORDS = {
    "usd": "USD", "dollars": "USD", "dollar": "USD", "bucks": "USD", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "gbp": "GBP", "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "cad": "CAD", "aud": "AUD", "jpy": "JPY",
    "yen": "JPY",
}
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}

_NUM = r"\d{1,3}(?:[,. ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_MULT = r"(?:k|thousand|mm|m|million|mn|bn)\b"
_SYM = r"(?:US\$|CA\$|C\$|A\$|[$€£¥])"
_WORD = r"(?:usd|eur|euros?|gbp|pounds?|sterling|cad|aud|jpy|yen|dollars?|bucks)\b"
_MONEY_RE = re.compile(
    rf"(?P<sym>{_SYM})\s?(?P<num1>{_NUM})\s?(?P<mult1>{_MULT})?(?:\s?(?P<word1>{_WORD}))?"
    rf"|(?P<wordpre>{_WORD})\s?(?P<num2>{_NUM})\s?(?P<mult2>{_MULT})?"
    rf"|(?P<num3>{_NUM})\s?(?P<mult3>{_MULT})?\s?(?P<word3>{_WORD})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MoneyMention:
    """A money amount found in text, with where it was found."""

    amount: float
    currency: str
    start: int
    end: int


def _to_number(raw: str) -> float:
    raw = raw.strip().replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", raw):  # 25.000 or 25.000,50 (continental)
        raw = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", raw):  # 25,000.50
        raw = raw.replace(",", "")
    elif re.fullmatch(r"\d+,\d{1,2}", raw):  # 12,5 (decimal comma)
        raw = raw.replace(",", ".")
    else:
        raw = raw.replace(",", "")
    return float(raw)


def find_money(text: str) -> list[MoneyMention]:
    """Return every money amount in ``text`` ("40k USD", "€25,000", "$1.2m", "25.000 EUR")."""
    found: list[MoneyMention] = []
    for m in _MONEY_RE.finditer(text):
        g = m.groupdict()
        num = g["num1"] or g["num2"] or g["num3"]
        mult = (g["mult1"] or g["mult2"] or g["mult3"] or "").lower()
        if g["sym"]:
            currency = _CURRENCY_SYMBOLS[g["sym"].upper() if g["sym"][0].isalpha() else g["sym"]]
            if g["word1"]:
                currency = _CURRENCY_WORDS[g["word1"].lower()]
        else:
            currency = _CURRENCY_WORDS[(g["wordpre"] or g["word3"]).lower()]
        amount = _to_number(num) * _MULTIPLIERS.get(mult, 1.0)
        found.append(MoneyMention(round(amount, 2), currency, m.start(), m.end()))
    return found


_BUDGET_CUE = re.compile(r"\b(budget|spend|spending|invest(?:ing|ment)?|allocat\w*|total)\b", re.IGNORECASE)
_NOT_BUDGET_CUE = re.compile(
    r"\b(cpa|cpc|cpm|cost per|per (?:lead|signup|sale|conversion|acquisition|click)|under|below|over|above|orders?|revenue|aov|price)\b",
    re.IGNORECASE,
)


def find_budget(text: str) -> MoneyMention | None:
    """Pick the campaign budget among the money mentions: one cued by 'budget'/'spend', else the largest
    amount not cued as a unit cost, price or threshold. None when the brief states no budget."""
    mentions = find_money(text)
    if not mentions:
        return None
    cued, plain = [], []
    for mention in mentions:
        before = text[max(0, mention.start - 40): mention.start]
        after = text[mention.end: mention.end + 20]
        if _BUDGET_CUE.search(before) or re.match(r"\s*(budget|total)", after, re.IGNORECASE):
            cued.append(mention)
        elif not _NOT_BUDGET_CUE.search(text[max(0, mention.start - 25): mention.start] + after[:12]):
            plain.append(mention)
    if cued:
        return cued[0]
    return max(plain, key=lambda m: m.amount) if plain else None


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_RE = re.compile(
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<mon1>{_MON})\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year1>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MON})(?:,?\s+(?P<year2>\d{{4}}))?",
    re.IGNORECASE,
)
_DURATION_RE = re.compile(
    r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a|an)[\s-]+(?P<unit>day|week|month|quarter)s?\b",
    re.IGNORECASE,
)
_WORD_NUMS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "twelve": 12}


def find_dates(text: str, today: date) -> list[date]:
    """Return explicit calendar dates in order of appearance; a date without a year is the next one after today."""
    out: list[date] = []
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        try:
            if g["iso"]:
                out.append(date.fromisoformat(g["iso"]))
                continue
            mon = _MONTHS.get((g["mon1"] or g["mon2"]).lower()[:3])
            day = int(g["day1"] or g["day2"])
            year_raw = g["year1"] or g["year2"]
            if mon is None:
                continue
            if year_raw:
                out.append(date(int(year_raw), mon, day))
            else:
                candidate = date(today.year, mon, day)
                out.append(candidate if candidate >= today else date(today.year + 1, mon, day))
        except ValueError:
            continue
    return out


def find_duration_days(text: str) -> int | None:
    """Return a stated duration ('6 weeks', 'a month', '30-day') in days, or None."""
    m = _DURATION_RE.search(text)
    if not m:
        return None
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _WORD_NUMS[raw]
    return n * {"day": 1, "week": 7, "month": 30, "quarter": 91}[m.group("unit").lower()]


_CHANNEL_WORDS: dict[str, tuple[str, ...]] = {
    "email": (r"e-?mails?", r"newsletters?", r"edm"),
    "sms": (r"sms", r"text messages?", r"texts?"),
    "paid_social": (r"paid social", r"social( media)?( ads)?", r"facebook", r"instagram", r"meta ads", r"linkedin",
                    r"tiktok"),
    "paid_search": (r"paid search", r"search( ads)?", r"google ads", r"ppc", r"sem", r"bing ads"),
    "display": (r"display( ads)?", r"banners?", r"programmatic"),
}
_CHANNEL_RES = {ch: re.compile(r"\b(" + "|".join(words) + r")\b", re.IGNORECASE) for ch, words in _CHANNEL_WORDS.items()}


def find_channels(text: str) -> list[str]:
    """Return requested channels in order of first mention."""
    hits = []
    for ch, rx in _CHANNEL_RES.items():
        m = rx.search(text)
        if m:
            hits.append((m.start(), ch))
    return [ch for _, ch in sorted(hits)]


_REGION_PATTERNS: dict[str, str] = {
    "US": r"\bUS\b|\bU\.S\.(?:A\.)?|\bUSA\b|\bUnited States\b|\bAmerica(?:n)?\b|\bNorth America\b",
    "UK": r"\bUK\b|\bU\.K\.|\bUnited Kingdom\b|\bBritain\b|\bBritish\b|\bEngland\b",
    "EU": r"\bEU\b|\bEurope(?:an)?\b|\bGermany\b|\bFrance\b|\bSpain\b|\bItaly\b|\bNetherlands\b|\bDACH\b|\bEMEA\b",
    "CA": r"\bCanada\b|\bCanadian\b|\bCA\b(?!-)",
    "APAC": r"\bAPAC\b|\bAsia\b|\bAustralia\b|\bJapan\b|\bSingapore\b|\bANZ\b",
}
_REGION_RES = {r: re.compile(p) for r, p in _REGION_PATTERNS.items()}


def find_regions(text: str) -> list[str]:
    """Return targeted regions in order of first mention (case-sensitive codes, so 'us' the pronoun is not US)."""
    hits = []
    for region, rx in _REGION_RES.items():
        m = rx.search(text)
        if m:
            hits.append((m.start(), region))
    return [r for _, r in sorted(hits)]


_AUDIENCE_RE = re.compile(
    r"(?:audience\s*(?:is|:|-)\s*|\btarget(?:ing)?\s*(?::|-)?\s+|aimed at\s+|\breach(?:ing)?\s+)(?P<aud>[^.;\n]{3,120})",
    re.IGNORECASE,
)


def find_audience(text: str) -> str | None:
    """Return the audience phrase the brief states, or None."""
    m = _AUDIENCE_RE.search(text)
    if not m:
        return None
    aud = re.split(r"\s+(?:with|using|via|on|across|over|through|in the|from)\s+(?:a\s+)?(?:budget|\$|€|£|email|sms|paid|social|search)",
                   m.group("aud"), maxsplit=1, flags=re.IGNORECASE)[0]
    aud = re.split(r",\s*(?:budget|with|and a budget)", aud, maxsplit=1, flags=re.IGNORECASE)[0]
    return aud.strip(" ,:-") or None


_GOAL_CUE_RE = re.compile(
    r"(?:goal\s*(?:is|:|-)\s*(?:to\s+)?|objective\s*(?:is|:|-)\s*(?:to\s+)?|we want to\s+|aim(?:ing)? to\s+|in order to\s+)"
    r"(?P<goal>[^.;\n]{3,100})",
    re.IGNORECASE,
)
_GOAL_VERB_RE = re.compile(
    r"\b(?P<verb>drive|increase|grow|generate|boost|win back|re-?engage|acquire)\s+(?P<obj>[^.;,\n]{3,80})",
    re.IGNORECASE,
)


def find_goal(text: str) -> str | None:
    """Return the stated goal, or None."""
    m = _GOAL_CUE_RE.search(text)
    if m:
        return m.group("goal").strip()
    v = _GOAL_VERB_RE.search(text)
    return f"{v.group('verb').lower()} {v.group('obj').strip()}" if v else None


_PRODUCT_RE = re.compile(
    r"(?i:product\s*(?::|-)\s*|(?:launch(?:ing)?|promot(?:e|ing)|introduc(?:e|ing)|sell(?:ing)?)\s+(?:of\s+)?(?:our|the|a)\s+(?:new\s+)?)"
    r"(?P<product>[A-Z0-9][\w'’-]*(?:\s+[A-Z0-9][\w'’-]*){0,4})"
)


def find_product(text: str) -> str | None:
    """Return a capitalised product name after 'launch our'/'promote the'/'Product:', or None."""
    m = _PRODUCT_RE.search(text)
    return m.group("product").strip() if m else None


_QUOTED_RE = re.compile(r"[\"“](?P<q>[^\"”]{8,240})[\"”]")


def find_key_messages(text: str) -> list[str]:
    """Return quoted lines (the marketer's mandatory messages)."""
    return [m.group("q").strip() for m in _QUOTED_RE.finditer(text)]


@dataclass
class KPIMention:
    """A KPI target found in text."""

    name: str
    target: float
    channel: str | None = None


_PCT = r"\d+(?:\.\d+)?\s?%"
_KPI_RATE_RES: list[tuple[str, re.Pattern[str]]] = [
    ("open_rate", re.compile(rf"open[- ]rate[^.%\d]{{0,20}}{_PCT}|{_PCT}\s+(?:\w+\s+)?open[- ]rate", re.IGNORECASE)),
    ("ctr", re.compile(rf"(?:ctr|click[- ]through(?: rate)?)[^.%\d]{{0,20}}{_PCT}|{_PCT}\s+(?:ctr|click[- ]through)", re.IGNORECASE)),
    ("click_rate", re.compile(rf"click[- ]rate[^.%\d]{{0,20}}{_PCT}", re.IGNORECASE)),
    ("conversion_rate", re.compile(rf"conversion[- ]rate[^.%\d]{{0,20}}{_PCT}|{_PCT}\s+conversion[- ]rate", re.IGNORECASE)),
]
_KPI_COUNT_RE = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<mult>k|thousand)?\s+(?:[a-z-]+\s+){0,2}?"
    r"(?P<kind>sign-?ups?|signups|leads|conversions|sales|orders|purchases|subscribers|registrations|trials)\b",
    re.IGNORECASE,
)
_KPI_COUNT_KIND = {"sign": "signups", "lead": "leads", "conv": "conversions", "sale": "conversions", "orde": "conversions",
                   "purc": "conversions", "subs": "signups", "regi": "signups", "tria": "signups"}
_ROAS_RE = re.compile(r"roas[^.\d]{0,20}(?P<x>\d+(?:\.\d+)?)\s?x?|(?P<x2>\d+(?:\.\d+)?)\s?x\s+roas", re.IGNORECASE)
_CPA_RE = re.compile(r"(?:cpa|cost per (?:acquisition|lead|signup|sign-up|conversion|sale))", re.IGNORECASE)


def find_kpis(text: str) -> list[KPIMention]:
    """Return KPI targets: rates as fractions, counts as numbers, CPA in the budget currency, ROAS as a ratio."""
    kpis: dict[str, KPIMention] = {}
    for name, rx in _KPI_RATE_RES:
        m = rx.search(text)
        if m:
            pct = re.search(r"(\d+(?:\.\d+)?)\s?%", m.group(0))
            if pct:
                kpis[name] = KPIMention(name, round(float(pct.group(1)) / 100, 6))
    for m in _KPI_COUNT_RE.finditer(text):
        n = _to_number(m.group("n")) * (1000 if m.group("mult") else 1)
        kind = _KPI_COUNT_KIND.get(m.group("kind").lower()[:4], "conversions")
        if n > 0 and kind not in kpis:
            kpis[kind] = KPIMention(kind, n)
    m = _ROAS_RE.search(text)
    if m:
        kpis["roas"] = KPIMention("roas", float(m.group("x") or m.group("x2")))
    cpa = _CPA_RE.search(text)
    if cpa:
        window = text[cpa.start(): cpa.end() + 40]
        money = find_money(window)
        if money:
            kpis["cpa"] = KPIMention("cpa", money[0].amount)
    return list(kpis.values())


@dataclass
class ParsedBrief:
    """Everything the rules could read from a brief."""

    product: str | None = None
    goal: str | None = None
    audience: str | None = None
    budget: MoneyMention | None = None
    start_date: date | None = None
    end_date: date | None = None
    duration_days: int | None = None
    channels: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    kpis: list[KPIMention] = field(default_factory=list)
    key_messages: list[str] = field(default_factory=list)


def parse_brief(text: str, today: date) -> ParsedBrief:
    """Parse a free-text brief into what it states (nothing is guessed).

    Args:
        text: The brief.
        today: Reference date for dates without a year.
    """
    quoted = find_key_messages(text)
    text = _QUOTED_RE.sub(" ", text)  # the marketer's quoted copy is not a statement about the campaign
    dates = find_dates(text, today)
    duration = find_duration_days(text)
    start = dates[0] if dates else None
    end = dates[1] if len(dates) > 1 else None
    if start and end and end < start:
        start, end = end, start
    if start and not end and duration:
        end = start + timedelta(days=duration - 1)
    if start and end and not duration:
        duration = (end - start).days + 1
    return ParsedBrief(
        product=find_product(text),
        goal=find_goal(text),
        audience=find_audience(text),
        budget=find_budget(text),
        start_date=start,
        end_date=end,
        duration_days=duration,
        channels=find_channels(text),
        regions=find_regions(text),
        kpis=find_kpis(text),
        key_messages=quoted,
    )
