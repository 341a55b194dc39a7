"""Money written in words, as people say it in calls and chats: 'two thousand pounds', 'twenty-five thousand
dollars', 'fifteen hundred bucks', 'three and a half k', 'about six grand', 'two grand, pounds obviously',
'twenty grand Australian', 'half a million euros'. The amount is read from the words; the currency from the word
after it (a bare amount has none: the brief's market may name it, see ``market_currency``).
"""

from __future__ import annotations

import re

from guards.lexicon.quantity_words import NUMBER_WORDS

_UNITS = {"a": 1, "an": 1, **{w: int(n) for w, n in NUMBER_WORDS.items() if n < 20 and w != "dozen"}}
_TENS = {w: int(n) for w, n in NUMBER_WORDS.items() if 20 <= n < 100}
_SCALES = {"hundred": 100, "thousand": 1e3, "grand": 1e3, "k": 1e3, "million": 1e6, "mil": 1e6}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN = "|".join(_TENS)
_SMALL = rf"(?:(?:{_TEN})(?:[\s-](?:{_UNIT}))?|{_UNIT})"
WORD_AMOUNT_RE = re.compile(
    rf"(?<![\w-])(?P<n>{_SMALL}|\d+(?:\.\d+)?)(?:\s+(?P<hundred>hundred))?"
    rf"(?P<andhalf>\s+and\s+a\s+half)?\s*(?P<scale>hundred|thousand|grand|k|million|mil)(?![\w-])",
    re.IGNORECASE,
)
_CURRENCY_AFTER = re.compile(
    r"^\s*,?\s*\(?\s*(?P<w>pounds?|quid|sterling|gbp|dollars?|bucks|usd|euros?|eur|australian|aud|canadian|cad|"
    r"yen|jpy|kr|kronor|kroner|francs|chf|nzd|sgd)\b",
    re.IGNORECASE,
)
_WORD_CURRENCY = {
    "pound": "GBP",
    "pounds": "GBP",
    "quid": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "dollar": "USD",
    "dollars": "USD",
    "bucks": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "australian": "AUD",
    "aud": "AUD",
    "canadian": "CAD",
    "cad": "CAD",
    "yen": "JPY",
    "jpy": "JPY",
    "kr": "SEK",
    "kronor": "SEK",
    "kroner": "DKK",
    "francs": "CHF",
    "chf": "CHF",
    "nzd": "NZD",
    "sgd": "SGD",
}


def _small(words: str) -> float:
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words)
    total = 0
    for w in re.split(r"[\s-]+", words.lower()):
        total += _TENS.get(w, 0) + _UNITS.get(w, 0)
    return float(total)


_SMALL_MONEY_RE = re.compile(
    rf"(?<![\w-])(?P<n>(?:{_TEN})(?:[\s-](?:{_UNIT}))?|(?:{_UNIT}))\s+(?P<w>bucks|dollars|pounds|quid|euros)(?![\w-])",
    re.IGNORECASE,
)
"""'fifty bucks', 'twenty quid': a small amount in words with its currency word."""


_SHARE_BEFORE = re.compile(r"\b(half|(?:a\s+)?quarter)\s+(?:of\s+)?$", re.IGNORECASE)
"""'half a million', 'a quarter of a million': a share of the scale."""


def find_word_amounts(text: str) -> list[tuple[float, str | None, int, int]]:
    """(amount, currency or None, start, end) for every amount written with a scale word ('six grand',
    'fifteen hundred bucks'); digits with a scale ('3 grand') are read by ``money`` when a currency is attached."""
    out: list[tuple[float, str | None, int, int]] = []
    for m in WORD_AMOUNT_RE.finditer(text):
        if m.group("n").isdigit() and m.group("scale").lower() in ("k", "thousand", "million"):
            after = _CURRENCY_AFTER.match(text[m.end() :])
            if not after or after.group("w").lower() in ("kr",):
                continue  # '3k', '5 thousand': only words make this finder's amounts (digits are money's)
        n = _small(m.group("n"))
        if m.group("hundred"):
            n *= 100
        if m.group("andhalf"):
            n += 0.5
        share = _SHARE_BEFORE.search(text[max(0, m.start() - 16) : m.start()])
        if share and m.group("n").lower() in ("a", "an"):  # 'half a million', 'a quarter of a million'
            n = 0.5 if share.group(1).lower() == "half" else 0.25
        start = m.start() - (len(share.group(0)) if share and m.group("n").lower() in ("a", "an") else 0)
        amount = round(n * _SCALES[m.group("scale").lower()], 2)
        after = _CURRENCY_AFTER.match(text[m.end() :])
        currency = _WORD_CURRENCY[after.group("w").lower()] if after else None
        end = m.end() + (after.end() if after else 0)
        out.append((amount, currency, start, end))
    for m in _SMALL_MONEY_RE.finditer(text):
        if m.group("n").lower() in ("a", "an") or any(s < m.end() and m.start() < e for _, _, s, e in out):
            continue
        out.append((_small(m.group("n")), _WORD_CURRENCY[m.group("w").lower()], m.start(), m.end()))
    return out


_MARKET_CURRENCY = {
    "US": "USD",
    "GB": "GBP",
    "CA": "CAD",
    "AU": "AUD",
    "NZ": "NZD",
    "JP": "JPY",
    "CH": "CHF",
    "SE": "SEK",
    "NO": "NOK",
    "DK": "DKK",
    "PL": "PLN",
    "CZ": "CZK",
    "SG": "SGD",
    "HK": "HKD",
    "KR": "KRW",
    "IN": "INR",
    "MX": "MXN",
    "ZA": "ZAR",
    "AE": "AED",
    "ID": "IDR",
    "TH": "THB",
    "MY": "MYR",
    "PH": "PHP",
    "VN": "VND",
    "TW": "TWD",
    **dict.fromkeys(
        [
            "AT",
            "BE",
            "CY",
            "DE",
            "EE",
            "ES",
            "FI",
            "FR",
            "GR",
            "HR",
            "IE",
            "IT",
            "LT",
            "LU",
            "LV",
            "MT",
            "NL",
            "PT",
        ]
        + ["SI", "SK"],
        "EUR",
    ),
}


def market_currency(countries: list[str]) -> str | None:
    """The one currency every named country pays in ('Nottingham' -> GBP), or None when they differ or none is
    named."""
    found = {_MARKET_CURRENCY.get(c) for c in countries}
    return found.pop() if len(found) == 1 and None not in found else None


_KRONE = re.compile(r"(?<![a-z])(?:kr\.?|kroner|krone)(?![a-z])", re.IGNORECASE)


def krone_of_market(words: str, currency: str, countries: list[str]) -> str:
    """'80 000 kr' is read as Swedish kronor; a brief whose market is Norway or Denmark (and only those) pays in
    Norwegian or Danish kroner, so a bare 'kr' there is NOK or DKK. Any other amount keeps its currency."""
    if currency != "SEK" or not _KRONE.search(words):
        return currency
    local = market_currency(countries)
    return local if local in ("NOK", "DKK") else currency


def currency_country(currency: str | None) -> str | None:
    """The one country that pays in a currency (GBP -> GB, CAD -> CA), or None for a shared one (EUR)."""
    countries = [c for c, cur in _MARKET_CURRENCY.items() if cur == currency]
    return countries[0] if len(countries) == 1 else None
