"""The one text normaliser: what a reader sees is what the guards check.

:func:`normalize_text` turns copy into the plain form a reader perceives: Unicode NFKC (full-width, superscript,
circled and mathematical digits and letters become ASCII; ``＃１`` is ``#1``), format and control characters
removed (zero-width spaces and joiners, bidi controls, tag characters, soft hyphens, variation selectors),
decimal digits of any script mapped to ASCII, and Cyrillic/Greek look-alike letters mapped to the Latin letters
they imitate when the text reads as Latin script (Latin dominates, or every such letter is a look-alike). Case and line breaks are kept. Every guard reads copy
through it; :func:`fold_text` is the lower-case, words-only form used to match a flagged line against copy.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_KEEP_CONTROLS = frozenset("\n\t\r")
_LOOKALIKES: dict[str, str] = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "е": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "і": "i",
    "ј": "j",
    "ѕ": "s",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ү": "y",
    "һ": "h",
    "ӏ": "l",
    "ɡ": "g",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "У": "Y",
    "Х": "X",
    "І": "I",
    "Ј": "J",
    "Ѕ": "S",
    "Ԁ": "D",
    "Ԛ": "Q",
    "Ԝ": "W",
    "Ү": "Y",
    "Һ": "H",
    "Ӏ": "I",
    "З": "3",
    "б": "6",
    "Ь": "b",
    # Greek
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    "ο": "o",
    "ν": "v",
    "ι": "i",
    "κ": "k",
    "ρ": "p",
    "υ": "u",
    "χ": "x",
    "α": "a",
    "ϲ": "c",
    "ϳ": "j",
    "ε": "e",
    "τ": "t",
    # other look-alike symbols NFKC leaves alone
    "ℓ": "l",
    "⁄": "/",
    "∕": "/",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "−": "-",
    "﹣": "-",
    "٪": "%",
    "⁒": "%",
    "＄": "$",
    "﹩": "$",
    "￡": "£",
    "€": "€",
    "ǀ": "|",
    "ꓲ": "I",
    "ꓳ": "O",
    "ꓴ": "U",
}
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
_NON_LATIN_LETTERS = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")
_SPACES = re.compile(r"[^\S\n]+")


def normalize_text(text: str) -> str:
    """The reader-visible form of ``text`` (see the module docstring); idempotent."""
    if text.isascii():
        return _strip_ascii_controls(text)
    return _normalize(text)


@lru_cache(maxsize=4096)
def _normalize(text: str) -> str:
    out = unicodedata.normalize("NFKC", text)
    chars: list[str] = []
    for ch in out:
        cat = unicodedata.category(ch)
        if (
            cat == "Cf"
            or (cat == "Cc" and ch not in _KEEP_CONTROLS)
            or 0xFE00 <= ord(ch) <= 0xFE0F
            or 0xE0100 <= ord(ch) <= 0xE01EF
            or cat == "Cs"
            or cat == "Co"
        ):
            continue
        if cat == "Nd" and not ch.isascii():
            chars.append(str(unicodedata.decimal(ch)))
            continue
        if cat == "Zs" or ch in "\u2028\u2029":
            chars.append(" " if cat == "Zs" else "\n")
            continue
        chars.append(ch)
    out = "".join(chars)
    foreign = _NON_LATIN_LETTERS.findall(out)
    if foreign and (set(foreign) <= _LOOKALIKES.keys() or len(_LATIN_LETTERS.findall(out)) >= len(foreign)):
        # written to look Latin (every Cyrillic/Greek letter is a look-alike, or Latin dominates): read it as Latin
        out = out.translate(_LOOKALIKE_TABLE)
    else:
        out = out.translate(_SYMBOLS_TABLE)
    out = unicodedata.normalize("NFKC", out)
    return _SPACES.sub(" ", out) if "  " in out or "\u00a0" in text else out


_SYMBOLS_TABLE = str.maketrans({k: v for k, v in _LOOKALIKES.items() if not k.isalpha()})


def _strip_ascii_controls(text: str) -> str:
    if all(ch >= " " or ch in _KEEP_CONTROLS or ch == "\r" for ch in text) and "\x7f" not in text:
        return text
    return "".join(ch for ch in text if (ch >= " " and ch != "\x7f") or ch in _KEEP_CONTROLS)


CLAIM_SYMBOLS = "%$£€&"
"""Symbols that carry meaning in a claim or a disclaimer ('50%', '$5', 'T&Cs'): kept by ``fold_text(keep=...)``."""


def fold_text(text: str, *, keep: str = "") -> str:
    """Lower-case words only, after :func:`normalize_text`: how a line is matched against copy.

    Every run of characters other than letters, digits and the characters in ``keep`` becomes one space, so
    punctuation, quotes, dashes and line breaks never decide a match.
    """
    return _fold_pattern(keep).sub(" ", normalize_text(text).lower()).strip()


@lru_cache(maxsize=8)
def _fold_pattern(keep: str) -> re.Pattern[str]:
    return re.compile(rf"[^\w{re.escape(keep)}]+|_+")
