"""Sentence splitting, tokenising and word normalisation (spelling, light stemming) for the claims check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from guards.lexicon.quantity_words import CURRENCY_SYMBOLS
from guards.lexicon.word_variants import SPELLING

_ABBREVIATIONS = frozenset(
    {
        "approx",
        "e.g",
        "i.e",
        "vs",
        "no",
        "st",
        "dr",
        "mr",
        "mrs",
        "ms",
        "etc",
        "inc",
        "ltd",
        "co",
        "u.s",
        "u.k",
        "fl",
        "oz",
        "min",
        "max",
        "est",
        "dept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
_BOUNDARY = re.compile(
    r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9$£€#])"  # 'guarantee. Results vary', 'guarantee… Results vary'
    r"|(?<=[a-z0-9%)][.!?])(?=[A-Z][a-z])"  # no space after the full stop: 'guarantee.Results vary'
    r"|\s*\n\s*(?:[-*•·]\s+)?|\s+[•·]\s+"
)
_MONTHS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
_TOKEN = re.compile(
    r"(?P<cur>US\$|CA\$|C\$|A\$|[$£€¥])\s?(?P<cnum>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"|(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<suf>%|\+|x\b|k\b|m\b|[a-zµ]+\b)?"
    r"|(?P<word>[A-Za-z][A-Za-z'’]*(?:[-/][A-Za-z][A-Za-z'’]*)*)"
    r"|(?P<sym>[%#~+&])"
    r"|(?P<punct>[,;:()!?.\u2014\u2013\"\u201c\u201d]|(?<=\s)-(?=\s))"
)
_NUMBER_SUFFIX_UNITS = frozenset(
    {
        "l",
        "ml",
        "mm",
        "cm",
        "km",
        "kg",
        "g",
        "lb",
        "lbs",
        "oz",
        "h",
        "hr",
        "hrs",
        "min",
        "mins",
        "s",
        "yr",
        "yrs",
        "µm",
        "um",
        "nm",
        "ppm",
        "ppb",
        "gal",
        "p",
        "kwh",
    }
)


def split_sentences(text: str) -> list[str]:
    """Split copy into sentences (handles decimals, common abbreviations, line breaks and bullets).

    Args:
        text: Any copy (subject lines, bodies with bullets, several paragraphs).

    Returns:
        Non-empty sentences, stripped, in order.
    """
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        piece = text[start : m.start()].strip()
        if not piece:
            start = m.end()
            continue
        if "\n" not in m.group(0) and _ends_with_abbreviation(piece):
            continue
        out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s.strip(" -*•·") for s in out if s.strip(" -*•·")]


def _ends_with_abbreviation(piece: str) -> bool:
    if not piece.endswith("."):
        return False
    words = piece[:-1].split()
    last = words[-1].lower().lstrip("(\"'")
    if last in _MONTHS and len(words) > 1 and words[-2].isdigit():
        return False  # '... before 31 Dec. Results vary': a date ends the sentence
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


@dataclass(frozen=True)
class Token:
    """One token of a sentence.

    Attributes:
        text: Surface text.
        kind: 'word', 'number', 'symbol' or 'punct' (clause punctuation).
        norm: Lowercased, UK-spelled, apostrophe-free surface (words); the numeric string (numbers).
        stem: Light stem of ``norm`` (words only; numbers keep ``norm``).
        value: Numeric value (numbers only).
        currency: Currency code of a number written with a symbol ('$35').
        suffix: What followed the digits ('%', '+', 'x', 'k', 'm' or a unit such as 'l').
        capitalised: True when the word starts with a capital letter.
        index: Position in the sentence's token list.
        start: Character offset in the sentence.
    """

    text: str
    kind: str
    norm: str
    stem: str
    value: float | None = None
    currency: str | None = None
    suffix: str | None = None
    capitalised: bool = False
    index: int = 0
    start: int = 0


def tokenize(sentence: str) -> list[Token]:
    """Tokenise a sentence into words, numbers (with currency and suffix) and a few symbols."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(sentence):
        i = len(tokens)
        if m.group("cnum"):
            raw = m.group("cnum")
            tokens.append(
                Token(
                    m.group(0),
                    "number",
                    _numstr(raw),
                    _numstr(raw),
                    value=_num(raw),
                    currency=CURRENCY_SYMBOLS.get(m.group("cur").lower()),
                    index=i,
                    start=m.start(),
                )
            )
        elif m.group("num"):
            raw, suf = m.group("num"), (m.group("suf") or "").lower() or None
            if suf and suf not in {"%", "+", "x", "k", "m"} and suf not in _NUMBER_SUFFIX_UNITS:
                suf = None  # '3rd', '2nd' and the like: keep the number, drop the letters
            value = _num(raw)
            if suf == "k":
                value, suf = value * 1000, None
            tokens.append(
                Token(
                    m.group(0),
                    "number",
                    _numstr(raw),
                    _numstr(raw),
                    value=value,
                    suffix=suf,
                    index=i,
                    start=m.start(),
                )
            )
        elif m.group("word"):
            word = m.group("word")
            norm = normalize_word(word)
            if not norm:
                continue
            tokens.append(
                Token(word, "word", norm, stem(norm), capitalised=word[0].isupper(), index=i, start=m.start())
            )
        elif m.group("sym"):
            sym = m.group("sym")
            tokens.append(Token(sym, "symbol", sym, sym, index=i, start=m.start()))
        else:
            mark = m.group("punct")
            tokens.append(Token(mark, "punct", mark, mark, index=i, start=m.start()))
    return tokens


def _num(raw: str) -> float:
    return float(raw.replace(",", ""))


def _numstr(raw: str) -> str:
    value = _num(raw)
    return str(int(value)) if value == int(value) else str(value)


@lru_cache(maxsize=8192)
def normalize_word(word: str) -> str:
    """Lowercase, drop possessive 's and apostrophes, apply UK spelling to each hyphen part."""
    if word in ("US", "U.S", "USA"):
        return "usa"
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if "'" in w and not w.endswith(("n't", "'re", "'ll", "'ve", "'d", "'m")):
        w = w.replace("'", "")
    parts = [SPELLING.get(p, p) for p in re.split(r"([-/])", w)]
    return "".join(parts)


_KEEP = frozenset(
    {
        "less",
        "this",
        "was",
        "has",
        "does",
        "is",
        "its",
        "us",
        "plus",
        "always",
        "across",
        "bus",
        "gas",
        "process",
        "series",
        "species",
        "news",
        "lens",
        "yes",
        "thus",
        "bias",
        "chaos",
        "ethos",
        "atlas",
        "minus",
        "bonus",
        "status",
        "virus",
        "cactus",
        "focus",
        "campus",
        "analysis",
        "basis",
        "crisis",
        "emphasis",
        "odds",
        "means",
        "pfas",
        "pfos",
        "vocs",
        "uk",
        "cross",
        "glass",
        "class",
        "grass",
        "mass",
        "pass",
        "boss",
        "loss",
        "moss",
        "swiss",
        "seed",
        "need",
        "feed",
        "speed",
        "bed",
        "red",
        "shed",
        "led",
        "hundred",
        "sacred",
        "naked",
        "wicked",
        "kindred",
        "ring",
        "king",
        "sing",
        "thing",
        "spring",
        "string",
        "bring",
        "wing",
        "sting",
        "swing",
        "during",
        "nothing",
        "something",
        "everything",
        "anything",
        "morning",
        "evening",
        "ceiling",
        "wedding",
        "pudding",
        "leading",
        "rated",
        "rating",
        "testing",
        "tested",
    }
)


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """Light, conservative stemmer: plurals, -ed, -ing, final -e; hyphenated parts stemmed separately.

    'removes', 'removed', 'removing' and 'remove' share a stem; 'recycled' and 'recyclable' do not.
    """
    if "-" in word or "/" in word:
        return "-".join(stem(p) for p in re.split(r"[-/]", word) if p)
    w = word
    if w in _KEEP or len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses") or w.endswith(("ches", "shes", "xes", "zes")) and len(w) > 5:
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = _undouble(w[:-3])
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = _undouble(w[:-2])
    if w.endswith("e") and len(w) > 3 and not w.endswith(("ee", "ie")):
        w = w[:-1]
    return w


def _undouble(w: str) -> str:
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        return w[:-1]
    return w
