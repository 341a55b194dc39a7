"""Money as marketers write it: symbols and ISO codes, k/m suffixes, US, British and European separators.

"$1.2m", "£40k", "EUR 12.500,00", "25 000 €", "€1,5 Mio.", "12,000 Canadian dollars", "35 grand in pounds".
Amounts that are negative, written in scientific notation, or in a currency Liftoff cannot plan in are reported
as problems with the words they came from, never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import get_args

from graph.contracts.common import Currency
from graph.models.offline.money_words import find_word_amounts

SYMBOLS = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "SG$": "SGD",
    "S$": "SGD",
    "HK$": "HKD",
    "MX$": "MXN",
    "NT$": "TWD",
    "RM": "MYR",
    "₱": "PHP",
    "฿": "THB",
    "₫": "VND",
    "RS": "INR",
    "RS.": "INR",
    "RP": "IDR",
    "RP.": "IDR",
    "R": "ZAR",
    "$": "USD",
    "₩": "KRW",
    "₹": "INR",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "CHF": "CHF",
    "kr": "SEK",
}
WORDS = {
    "usd": "USD",
    "us dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "bucks": "USD",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "gbp": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "quid": "GBP",
    "cad": "CAD",
    "canadian dollars": "CAD",
    "aud": "AUD",
    "australian dollars": "AUD",
    "jpy": "JPY",
    "yen": "JPY",
    "nzd": "NZD",
    "chf": "CHF",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "inr": "INR",
    "mxn": "MXN",
    "sgd": "SGD",
    "singapore dollars": "SGD",
    "hkd": "HKD",
    "hong kong dollars": "HKD",
    "krw": "KRW",
    "pln": "PLN",
    "zloty": "PLN",
    "złoty": "PLN",
    "zł": "PLN",
    "czk": "CZK",
    "kč": "CZK",
    "nz dollars": "NZD",
    "new zealand dollars": "NZD",
    "swiss francs": "CHF",
    "francs": "CHF",
    "kronor": "SEK",
    "krona": "SEK",
    "kr": "SEK",
    "kr.": "SEK",
    "kroner": "DKK",
    "won": "KRW",
    "rupees": "INR",
    "pesos": "MXN",
    "aed": "AED",
    "dirhams": "AED",
    "dirham": "AED",
    "zar": "ZAR",
    "rand": "ZAR",
    "idr": "IDR",
    "rupiah": "IDR",
    "thb": "THB",
    "baht": "THB",
    "myr": "MYR",
    "ringgit": "MYR",
    "php": "PHP",
    "philippine pesos": "PHP",
    "vnd": "VND",
    "dong": "VND",
    "twd": "TWD",
    "ntd": "TWD",
    "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD",
    "australian": "AUD",
    "canadian": "CAD",
}
"""Currency words and codes; 'kr' is read as SEK until the brief's market says Danish or Norwegian kroner."""
SUPPORTED = frozenset(get_args(Currency))
MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "grand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "mio": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
}

_NUM = (
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?(?!\d)"  # Indian grouping: 7,50,000
    r"|\d{1,3}(?:[,.\u00a0\u202f '\u2019]\d{3})+(?:[.,]\d{1,2})?(?!\d)"
    r"|\d+(?:[.,]\d+)?(?:e[+-]?\d+)?"
)
_MULT = (
    r"(?:k|thousand|grand|mm|mn|mio\.?|million|bn|billion|trillion|tn|lakhs?|lac|crores?|cr|juta|jt|miliar|milyar|m|b)"
    r"(?![a-z\d])"
)
"""A multiplier right after the amount, on its line ('AUD 48,000' then a line 'B4.' is no billion)."""
_SYM = (
    r"(?:US\$|CA\$|AU\$|NZ\$|SG\$|HK\$|MX\$|NT\$|(?<![A-Za-z])S\$|C\$|A\$|[$€£¥₩₹₱฿₫]"
    r"|(?<![A-Za-z])(?:Rs\.?|Rp\.?|RM)(?=\s?\d)|(?<![A-Za-z$])R(?=\s?\d))"
)
_CODES = r"usd|eur|gbp|cad|aud|jpy|nzd|chf|sek|nok|dkk|inr|mxn|sgd|hkd|krw|pln|czk|zar|aed|idr|thb|myr|php|vnd|twd|ntd"
_WORD = (
    r"(?:us dollars|canadian dollars|australian dollars|singapore dollars|hong kong dollars|nz dollars|"
    rf"new zealand dollars|swiss francs|{_CODES}|euros?|pounds?|sterling|quid|yen|zloty|złoty|kronor|krona|"
    r"kroner|dirhams?|rand|rupiah|baht|ringgit|philippine pesos|(?:new )?taiwan dollars|(?<![a-z])kr\.?|dollars?|bucks)(?![a-z])"
)
_WORD_AFTER = rf"(?:{_WORD}|(?:zł|kč|kr\.?|won|rupees|pesos|francs|australian|canadian)(?![a-zł]))"
_NEG = r"(?P<neg>[-−–](?=[$€£¥\dA-Za-z])|minus\s+|negative\s+)?"
MONEY_RE = re.compile(
    rf"{_NEG}(?:(?P<sym>{_SYM})\s?(?P<num1>{_NUM})[ \t]?(?P<mult1>{_MULT})?(?:\s?(?P<word1>{_WORD}))?"
    rf"|(?P<wordpre>{_WORD})\s?(?P<num2>{_NUM})[ \t]?(?P<mult2>{_MULT})?"
    rf"|(?P<num3>{_NUM})[ \t]?(?P<mult3>{_MULT})?\s?(?:(?P<word3>{_WORD_AFTER})|(?P<sym3>[€£¥$₩₹₱฿₫])|in\s+(?P<word4>{_WORD})"
    rf"|\(\s*(?P<word5>{_CODES})\s*\)))",
    re.IGNORECASE,
)


_NAMED_AFTER = re.compile(
    rf"\s?\(\s*(?P<code>{_CODES})\s*\)|\s?(?P<country>CA|AU|NZ|SG|HK)\b(?!\$)", re.IGNORECASE
)
_DOLLAR_OF = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD"}


@dataclass(frozen=True)
class MoneyMention:
    """A money amount found in text, with where it was found and anything wrong with it."""

    amount: float
    currency: str
    start: int
    end: int
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """True when the amount is a usable positive amount in a currency Liftoff plans in."""
        return self.problem is None


def to_number(raw: str, *, decimal_comma: bool | None = None) -> float:
    """Read a number written with any common separators ('12.500,00', '25 000', '1,5', '75,000.00').

    Args:
        raw: The digits as written.
        decimal_comma: Force a reading of a lone comma; None decides from the shape of the number.
    """
    raw = re.sub(r"[\s\u00a0\u202f]", "", raw)
    if re.fullmatch(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?", raw):  # 7,50,000 (Indian lakh grouping)
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:['\u2019]\d{3})+(?:\.\d{1,2})?", raw):  # 25'000 or 25'000.50 (Swiss)
        return float(re.sub("['\u2019]", "", raw))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", raw):  # 25.000 or 25.000,50 (continental)
        return float(raw.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", raw):  # 25,000.50
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d+,\d{1,2}", raw) and decimal_comma is not False:  # 12,5 (decimal comma)
        return float(raw.replace(",", "."))
    return float(raw.replace(",", ""))


def to_number_babel(raw: str) -> float:
    """The same reading through babel's locale parsers (measured against ``to_number`` on the dev set)."""
    from babel.numbers import NumberFormatError, parse_decimal  # lazy: start-up (babel)

    cleaned = re.sub(r"[\s\u00a0\u202f]", "", raw)
    continental = bool(re.search(r"\.\d{3}(?:,|$)|,\d{1,2}$", cleaned))
    for locale in ("de_DE", "en_US") if continental else ("en_US", "de_DE"):
        try:
            return float(parse_decimal(cleaned, locale=locale, strict=True))
        except NumberFormatError:
            continue
    return float(parse_decimal(cleaned, locale="en_US"))


def find_money(text: str) -> list[MoneyMention]:
    """Every money amount in ``text`` with its currency; problems (negative, notation, currency) are kept."""
    found: list[MoneyMention] = []
    for m in MONEY_RE.finditer(text):
        g = m.groupdict()
        num = g["num1"] or g["num2"] or g["num3"]
        mult = (g["mult1"] or g["mult2"] or g["mult3"] or "").lower().rstrip(".")
        if g["num3"] and not (g["word3"] or g["sym3"] or g["word4"] or g["word5"]):
            continue
        if g["sym"]:
            sym = g["sym"]
            currency = SYMBOLS.get(sym.upper() if sym[0].isalpha() else sym, "USD")
            if g["word1"]:
                currency = WORDS[g["word1"].lower()]
        elif g["sym3"]:
            currency = SYMBOLS[g["sym3"]]
        else:
            currency = WORDS[(g["wordpre"] or g["word3"] or g["word4"] or g["word5"]).lower()]
        if g["word4"]:  # "35 grand in pounds"
            currency = WORDS[g["word4"].lower()]
        if mult == "b" and not g["sym"]:
            continue
        if (g["wordpre"] or g["word3"] or "").lower() == "php" and not mult and to_number(num) < 100:
            continue  # 'PHP 8.3 hosting', 'PHP 7 developers': the programming language, not pesos
        problem = None
        if "e" in num.lower():
            problem = f"'{m.group(0).strip()}' is written in scientific notation: state the amount in full"
            amount = 0.0
        else:
            amount = round(
                to_number(num, decimal_comma=True if mult else None) * MULTIPLIERS.get(mult, 1.0), 2
            )
        if g["neg"] and (g["neg"].strip() in ("minus", "negative") or _is_sign(text, m.start())):
            problem = f"'{m.group(0).strip()}' is a negative amount"
        elif currency not in SUPPORTED:
            problem = (
                f"'{m.group(0).strip()}' is in {currency}, which Liftoff cannot plan in (use one of "
                f"{', '.join(sorted(SUPPORTED))})"
            )
        end = m.end()
        named = _NAMED_AFTER.match(text, end)  # '$38,000 (CAD)', '30 000 $ CA', '12 500 kr (SEK)'
        if named and (named.group("code") or currency == "USD"):
            code = named.group("code") or named.group("country")
            currency = WORDS.get(code.lower()) or _DOLLAR_OF[code.upper()]
            end = named.end()
            if problem and "cannot plan in" in problem and currency in SUPPORTED:
                problem = None
        start = m.start() if not g["neg"] or problem else m.start() + len(g["neg"])
        found.append(MoneyMention(amount, currency, start, end, problem))
    for amount, cur, s, e in find_word_amounts(text):  # 'two thousand pounds', 'fifteen hundred bucks'
        if cur and not any(f.start < e and s < f.end for f in found):
            problem = None if cur in SUPPORTED else f"'{text[s:e]}' is in {cur}, which Liftoff cannot plan in"
            found.append(MoneyMention(amount, cur, s, e, problem))
    return sorted(found, key=lambda f: f.start)


def _is_sign(text: str, pos: int) -> bool:
    """A '-' is a minus sign only at the start of a value, not a range dash ('10-20') or a bullet separator."""
    before = text[max(0, pos - 2) : pos]
    return not re.search(r"\w\s?$", before) and not re.search(r"[-–—]\s$", text[max(0, pos - 3) : pos])
