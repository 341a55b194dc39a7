"""Place names in the case forms of inflecting languages: 'w Warszawie i Krakowie', 'w Polsce i Niemczech',
'v Bratislave', 'Helsingissä ja Tampereella', 'aus den Niederlanden'. A capitalised word that no other reading took
is the place whose name (in that language, from babel, or a city of an inflecting-language country) it shares its
stem with, when a preposition or conjunction of those languages comes before it or a locative ending closes it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from graph.models.offline.place_names import _town_options

_INFLECTING = frozenset(
    {"PL", "CZ", "SK", "SI", "HR", "RS", "BA", "ME", "FI", "EE", "HU", "LT", "LV", "UA", "BG"}
)
"""Countries whose language declines place names."""
_LOCALES = ("pl", "cs", "sk", "sl", "hr", "sr_Latn", "fi", "et", "hu", "lt", "lv", "de")
"""Languages whose country names are read in their case forms (German for its dative: 'den Niederlanden')."""
_BEFORE = re.compile(
    r"(?<![\w-])(?-i:w|we|v|ve|na|u|do|z|ze|od|po|iz|pri|przy|k|ke|i|oraz|a|ir|un|ja|sekä|tai|és|den|dem|nach|aus)"
    r"\s+$"
)
"""A preposition or conjunction of those languages right before the word (lowercase, as written)."""
_LOCATIVE = re.compile(r"(?:ss[aä]|st[aä]|ll[aä]|lt[aä]|lle|ban|ben|ból|ből|ról|ről|hoz|hez)$")
"""Finnish, Estonian and Hungarian endings that say 'in', 'from', 'to' a place: 'Tampereella', 'Debrecenben'."""
_WORD = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]{3,}(?![\w-])")


def fold(word: str) -> str:
    """Lowercase without diacritics ('Kraków' -> 'krakow', 'Łódź' -> 'lodz')."""
    word = word.lower().replace("ł", "l").replace("ø", "o").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@cache
def _country_names() -> tuple[tuple[str, str], ...]:
    from babel import Locale  # lazy: start-up (babel)

    out: list[tuple[str, str]] = []
    for code in _LOCALES:
        for territory, name in Locale.parse(code).territories.items():
            if len(territory) == 2 and territory.isalpha() and " " not in name:
                out.append((fold(name), territory))
    return tuple(out)


@cache
def _index() -> dict[str, list[tuple[str, str]]]:
    """Country names in those languages and towns of inflecting-language countries, by their first four letters."""
    index: dict[str, list[tuple[str, str]]] = {}
    names = [*_country_names()]
    towns = _town_options()
    names += [(fold(t), cc) for t, ccs in towns.items() for cc in ccs if cc in _INFLECTING and " " not in t]
    for name, cc in names:
        if len(name) >= 5:
            index.setdefault(name[:4], []).append((name, cc))
    return index


def _common(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def inflected_places(text: str) -> list[tuple[int, int, str]]:
    """(start, end, country) for every capitalised word of ``text`` that is a case form of a country or town name."""
    index = _index()
    out: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(text):
        word = fold(m.group(0))
        if not (_BEFORE.search(text[max(0, m.start() - 8) : m.start()]) or _LOCATIVE.search(word)):
            continue
        for name, cc in index.get(word[:4], []):
            common = _common(word, name)
            if common >= max(4, len(name) - 2) and len(name) - common <= 2 and len(word) - common <= 5:
                out.append((m.start(), m.end(), cc))
                break
    return out
