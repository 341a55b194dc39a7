"""Money as marketers write it: symbols and ISO codes, k/m suffixes, US, British and European separators.

"$1.2m", "£40k", "EUR 12.500,00", "25 000 €", "€1,5 Mio.", "12,000 Canadian dollars", "35 grand in pounds".
Amounts that are negative, written in scientific notation, or in a currency Liftoff cannot plan in are reported
as problems with the words they came from, never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SYMBOLS = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "$": "USD",
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
}
SUPPORTED = frozenset({"USD", "EUR", "GBP", "CAD", "AUD", "JPY"})
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
}

_NUM = (
    r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?(?!\d)"
    r"|\d+(?:[.,]\d+)?(?:e[+-]?\d+)?"
)
_MULT = r"(?:k|thousand|grand|mm|mn|mio\.?|million|bn|billion|trillion|tn|m|b)(?![a-z])"
_SYM = r"(?:US\$|CA\$|AU\$|NZ\$|C\$|A\$|[$€£¥])"
_WORD = (
    r"(?:us dollars|canadian dollars|australian dollars|usd|eur|euros?|gbp|pounds?|sterling|quid|cad|aud|jpy|"
    r"yen|nzd|chf|sek|nok|dkk|inr|mxn|dollars?|bucks)(?![a-z])"
)
_NEG = r"(?P<neg>[-−–](?=[$€£¥\dA-Za-z])|minus\s+|negative\s+)?"
MONEY_RE = re.compile(
    rf"{_NEG}(?:(?P<sym>{_SYM})\s?(?P<num1>{_NUM})\s?(?P<mult1>{_MULT})?(?:\s?(?P<word1>{_WORD}))?"
    rf"|(?P<wordpre>{_WORD})\s?(?P<num2>{_NUM})\s?(?P<mult2>{_MULT})?"
    rf"|(?P<num3>{_NUM})\s?(?P<mult3>{_MULT})?\s?(?:(?P<word3>{_WORD})|(?P<sym3>[€£¥$])|in\s+(?P<word4>{_WORD})))",
    re.IGNORECASE,
)


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
        if g["num3"] and not (g["word3"] or g["sym3"] or g["word4"]):
            continue
        if g["sym"]:
            sym = g["sym"]
            currency = SYMBOLS.get(sym.upper() if sym[0].isalpha() else sym, "USD")
            if g["word1"]:
                currency = WORDS[g["word1"].lower()]
        elif g["sym3"]:
            currency = SYMBOLS[g["sym3"]]
        else:
            currency = WORDS[(g["wordpre"] or g["word3"] or g["word4"]).lower()]
        if g["word4"]:  # "35 grand in pounds"
            currency = WORDS[g["word4"].lower()]
        if mult == "b" and not g["sym"]:
            continue
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
        start = m.start() if not g["neg"] or problem else m.start() + len(g["neg"])
        found.append(MoneyMention(amount, currency, start, m.end(), problem))
    words = [w for w in find_word_money(text) if not any(w.start < f.end and f.start < w.end for f in found)]
    return sorted(found + words, key=lambda mm: mm.start)


def _is_sign(text: str, pos: int) -> bool:
    """A '-' is a minus sign only at the start of a value, not a range dash ('10-20') or a bullet separator."""
    before = text[max(0, pos - 2) : pos]
    return not re.search(r"\w\s?$", before) and not re.search(r"[-–—]\s$", text[max(0, pos - 3) : pos])


# ---- amounts in words ('two thousand pounds', 'fifteen hundred bucks', 'three and a half k', 'six grand') ------------
_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if i > 1
}
_SMALL = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")(?:[- ](?:"
    + "|".join(list(_UNITS)[1:10])
    + r"))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r"|a|an)"
)
_WORD_AMOUNT = re.compile(
    rf"\b(?P<n>\d+(?:\.\d+)?|{_SMALL}(?:\s+hundred(?:\s+and\s+{_SMALL})?)?)(?P<half>\s+and\s+a\s+half)?\s*"
    r"(?P<mult>thousand|grand|k|million|hundred)\b"
    rf"(?:,?\s*(?:in\s+)?(?P<word>{_WORD}|australian|canadian|american)(?:\s+obviously)?"
    r"|\s*\((?P<code>[a-z]{3})\))?",
    re.IGNORECASE,
)
_REGIONAL = {"australian": "AUD", "canadian": "CAD", "american": "USD"}


def _small(words: str) -> float:
    total = 0.0
    for part in re.split(r"\s+and\s+|\s+", words.lower()):
        if re.fullmatch(r"\d+(?:\.\d+)?", part):
            total += float(part)
        elif part in ("a", "an"):
            total += 1
        elif part == "hundred":
            total = (total or 1) * 100
        elif "-" in part:
            tens, unit = part.split("-")
            total += _TENS[tens] + _UNITS[unit]
        elif part in _TENS:
            total += _TENS[part]
        elif part in _UNITS:
            total += _UNITS[part]
    return total


def find_word_money(text: str) -> list[MoneyMention]:
    """Amounts written in words with a currency word after them ('two thousand pounds', 'twenty grand
    Australian', 'three grand (gbp)'); the number words are read exactly, nothing is guessed."""
    out: list[MoneyMention] = []
    for m in _WORD_AMOUNT.finditer(text):
        cur_word = (m.group("word") or m.group("code") or "").lower()
        currency = _REGIONAL.get(cur_word) or WORDS.get(cur_word)
        if currency is None:
            continue
        n = _small(m.group("n")) + (0.5 if m.group("half") else 0.0)
        amount = (
            n
            * {"thousand": 1e3, "grand": 1e3, "k": 1e3, "million": 1e6, "hundred": 100.0}[
                m.group("mult").lower()
            ]
        )
        problem = None
        if currency not in SUPPORTED:
            problem = (
                f"'{m.group(0).strip()}' is in {currency}, which Liftoff cannot plan in (use one of "
                f"{', '.join(sorted(SUPPORTED))})"
            )
        out.append(MoneyMention(round(amount, 2), currency, m.start(), m.end(), problem))
    return out
