"""Nationality words that name a market through its people ('Australian couples', 'couples belges et suisses',
'turistas alemanes', 'deutsche Kunden'): English adjectives from countryinfo plus the hand list's regional ones,
and the adjectives of the languages briefs arrive in, in all their gender and number forms.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

_SKIP = frozenset(
    {"georgian", "dominican", "christmas island", "gibraltar", "djibouti", "manx", "channel islander"}
)
"""countryinfo adjectives that are as often a style, an order or a place name ('Georgian terraces')."""

FOREIGN: dict[str, str] = {
    # French (after the noun): 'couples belges et suisses', 'familles françaises'
    r"fran[çc]ais(?:es?)?|françaises?": "FR",
    r"belges?": "BE",
    r"suisses?": "CH",
    r"allemand(?:e|s|es)?": "DE",
    r"autrichien(?:ne|s|nes)?": "AT",
    r"britanniques?": "GB",
    r"espagnol(?:e|s|es)?": "ES",
    r"italien(?:ne|s|nes)?": "IT",
    r"néerlandais(?:es?)?": "NL",
    r"luxembourgeois(?:es?)?": "LU",
    r"canadien(?:ne|s|nes)?|québécois(?:es?)?": "CA",
    r"américain(?:e|s|es)?": "US",
    r"portugais(?:es?)?": "PT",
    r"irlandais(?:es?)?": "IE",
    r"australien(?:ne|s|nes)?": "AU",
    # Spanish and Portuguese
    r"español(?:a|es|as)|espanh(?:ol|ola|óis|olas)": "ES",
    r"franceses|francesas?": "FR",
    r"alem(?:anes|anas?|ães|ãs)": "DE",
    r"italian(?:os|as)": "IT",
    r"portugues(?:es|as?)": "PT",
    r"británic[oa]s|britânic[oa]s": "GB",
    r"mexican[oa]s": "MX",
    r"argentin[oa]s": "AR",
    r"chilen[oa]s": "CL",
    r"colombian[oa]s": "CO",
    r"estadounidenses|norte-?americanos": "US",
    r"canadienses": "CA",
    r"suiz[oa]s|suíç[oa]s": "CH",
    r"brasileñ[oa]s|brasileir[oa]s": "BR",
    # Italian
    r"tedesc(?:hi|he)": "DE",
    r"svizzer[ie]": "CH",
    r"austriac(?:i|he)": "AT",
    r"spagnol[ie]": "ES",
    r"olandesi": "NL",
    r"inglesi|britannic(?:i|he)": "GB",
    r"italiani|italiane": "IT",
    r"francesi": "FR",
    # German and Dutch (before the noun): 'deutsche Kunden', 'Belgische klanten'
    r"deutsche[nrs]?|duitse": "DE",
    r"österreichische[nrs]?|oostenrijkse": "AT",
    r"schweizer(?:ische[nrs]?)?|zwitserse": "CH",
    r"französische[nrs]?|franse": "FR",
    r"niederländische[nrs]?|nederlandse": "NL",
    r"belgische[nrs]?": "BE",
    r"britische[nrs]?|britse": "GB",
}
"""Other languages' nationality adjectives (a general class: the markets briefs name, every gender and number)."""


@cache
def library_demonyms() -> dict[str, str]:
    """Lowercase English nationality adjective -> alpha-2 from countryinfo's country data (the most populous
    country wins a shared adjective: 'French' is France, not Réunion)."""
    import countryinfo  # lazy: start-up (countryinfo)

    best: dict[str, tuple[int, str]] = {}
    for path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        people = int(data.get("population") or 0)
        for word in str(data.get("demonym") or "").split(","):
            word = word.strip().lower()
            if not word or not code or word in _SKIP or "/" in word:
                continue
            if word not in best or people > best[word][0]:
                best[word] = (people, code)
    return {w: cc for w, (_, cc) in best.items()}


@cache
def library_plurals() -> dict[str, str]:
    """'Australians', 'Kenyans', 'Israelis', 'New Zealanders': the plural nouns of the library's adjectives."""
    return {f"{w}s": cc for w, cc in library_demonyms().items() if re.search(r"(?:an|i|er|o)$", w)}


@cache
def foreign_re() -> re.Pattern[str]:
    """One nationality adjective of another language, with its pattern's group name telling the country."""
    alts = "|".join(f"(?P<f{i}>{p})" for i, p in enumerate(FOREIGN))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


def foreign_code(match: re.Match[str]) -> str:
    """The country of a :func:`foreign_re` match (its group's name holds the adjective's index)."""
    return list(FOREIGN.values())[next(int(k[1:]) for k, v in match.groupdict().items() if v)]


FOREIGN_ALT = "|".join(f"(?:{p})" for p in FOREIGN)
"""The adjectives as one group-free alternation, to build longer patterns from."""
