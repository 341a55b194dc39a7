"""Month names as briefs write them, in English and in the European languages marketers paste in ('1 maart',
'15 janvier', 'del 8 de febrero', '1. März', '14 december', '4 stycznia'), from babel's CLDR locale data rather
than hand lists; and the words that join the two ends of a range in those languages ('du … au', 'del … al',
'vom … bis', 'van … t/m', 'från … till').

A name is matched with or without its accents ('fevrier', 'Maerz' is not read). Short foreign abbreviations that
are English words ('set', 'out', 'ago') are left out, as are Finnish abbreviations (word stems: 'kesä' is summer).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from babel.dates import get_day_names, get_month_names

ENGLISH = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
LOCALES = ("de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb", "pl", "fi", "cs", "ca", "ro", "id", "fil")
"""Languages whose month names are read (wide names in both the format and stand-alone contexts)."""
_ABBREVIATED_LOCALES = ("de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb")
_ENGLISH_WORDS = frozenset({"ago", "set", "out", "mag", "gen", "lug", "des", "ene", "marc", "marco"})
"""Foreign names that read as English words or first names once their accents are gone ('set', 'out', 'Marco'):
never a month."""

RANGE_WORDS = (
    r"bis(?:\s+(?:zum|einschlie(?:ß|ss)lich))?|au|jusqu['’]au|al|fino\s+al|hasta(?:\s+el)?|tot\s+en\s+met|t/m|"
    r"tot(?:\s+(?:en\s+met|aan))?|till|til|t\.o\.m\.?|at[eé](?:\s+(?:a|ao))?|ao|do|jusqu['’](?:à|a|au)|à|a|"
    # Hindi/Hinglish, Indonesian/Malay, Tagalog, and the CJK joiners ('1 April se 31 May', '1 Maret sampai 30 April',
    # '2027年3月1日〜4月15日', '3月1日から', '2월 1일부터', '3月1日至4月15日')
    r"se|sampai(?:\s+dengan)?|hingga|s\.?/?d\.?|hanggang(?:\s+sa)?|〜|～|~|から|부터|至|到"
)
"""The word joining a range's two ends in German, French, Italian, Spanish, Dutch, Swedish, Danish/Norwegian,
Portuguese, Polish/Czech ('1. März bis 30. April', 'du 10 au 24 décembre', '1 februari t/m 30 april')."""


def fold(word: str) -> str:
    """Lower case without accents ('Décembre' -> 'decembre')."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _clean(name: str) -> str:
    # Catalan format names carry their article ('de gener', 'd’abril')
    return re.sub(r"^(?:de\s+|d['’])", "", name.strip().lower()).rstrip(".")


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Every month name read (lower case, with and without accents) -> month number."""
    names: dict[str, int] = {}
    conflicts: set[str] = set()

    def put(name: str, month: int) -> None:
        for form in {name, fold(name)} - (_ENGLISH_WORDS if name not in ENGLISH else set()):
            if names.get(form, month) != month:
                conflicts.add(form)
            names[form] = month

    for i, name in enumerate(ENGLISH, start=1):
        put(name, i)
        put(name[:3], i)
    put("sept", 9)
    put("sep", 9)
    for loc in LOCALES:
        for context in ("format", "stand-alone"):
            wide = get_month_names("wide", context=context, locale=loc)
            for i in range(1, 13):
                put(_clean(wide[i]), i)
            if loc not in _ABBREVIATED_LOCALES:
                continue
            short = get_month_names("abbreviated", context=context, locale=loc)
            for i in range(1, 13):
                word = _clean(short[i])
                if len(word) >= 3:
                    put(word, i)
    for form in conflicts:
        del names[form]
    return names


@lru_cache(maxsize=1)
def _foreign() -> frozenset[str]:
    english = set(ENGLISH) | {e[:3] for e in ENGLISH} | {"sept", "sep"}
    shared = {
        n for loc in LOCALES for n in (_clean(get_month_names("wide", locale=loc)[i]) for i in range(1, 13))
    }
    return frozenset((set(month_numbers()) - english) | (shared & set(ENGLISH)))


def foreign_name(raw: str) -> bool:
    """A month name some language other than English writes ('März', 'Mai', 'April', 'August'), not one only
    English does ('March', 'Oct')."""
    word = raw.strip().lower().rstrip(".")
    return word in _foreign() or fold(word) in _foreign()


@lru_cache(maxsize=1)
def month_pattern() -> str:
    """A regex alternation for any month name read, longest first, followed by an optional '.'."""
    english = set(ENGLISH) | {e[:3] for e in ENGLISH} | {"sept", "sep"}
    foreign = sorted(set(month_numbers()) - english, key=len, reverse=True)
    alts = "|".join(re.escape(n) for n in foreign)
    return (
        rf"(?:{alts}|january|february|march|april|may|june|july|august|september|october|november|december|"
        r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![^\W\d_])\.?"
    )


def month_number(raw: str) -> int:
    """The month a matched name stands for ('Sept.', 'décembre', 'maart' -> 9, 12, 3)."""
    word = raw.strip().lower().rstrip(".")
    names = month_numbers()
    return names.get(word) or names.get(fold(word)) or names[fold(word)[:3]]


@lru_cache(maxsize=1)
def weekday_pattern() -> str:
    """A regex alternation for the days of the week in the languages read ('lundi', 'Montag', 'miércoles'),
    longest first; English is left to the caller."""
    names: set[str] = set()
    for loc in LOCALES:
        for context in ("format", "stand-alone"):
            days = get_day_names("wide", context=context, locale=loc)
            names |= {form for i in range(7) for form in (days[i].lower(), fold(days[i]))}
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if " " not in n)
