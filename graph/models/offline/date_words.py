"""The words campaign dates are written with, in English and the languages briefs paste in: days ('3rd', '1er',
'1.'), years, range joiners ('to', 'bis', 'au', 't/m'), 'from'/'and'/'in' before months, 'the end of' a month,
ordinal day words, fixed-day holidays, days of the week and the verbs that end a run. Regex fragments only; the
phrases are read in ``when``."""

from __future__ import annotations

import re

from graph.models.offline.month_names import RANGE_WORDS, month_pattern, weekday_pattern

MON = month_pattern()
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th|er|re|ère|º|ª|°|\.(?=[ \t]|[-–—]))?"
YEAR = r"(?:1\d{3}|2\d{3}|9\d{3})"
SEP = rf"\s*(?:-|–|—|→|->|to|until|till|through|thru|{RANGE_WORDS})\s*"
ORDINALS = {
    w: i
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
ORDINALS.update({f"twenty-{w}": 20 + i for w, i in list(ORDINALS.items())[:9]})
ORDINALS.update({"thirtieth": 30, "thirty-first": 31})
DAYWORD = "|".join(sorted(ORDINALS, key=len, reverse=True)).replace("-", r"[- ]")
FROM_WORDS = r"von|vom|du|de|desde|dal|da|van|vanaf|från|fra|od|entre|tra"
"""'from' (or 'between') before a range of months in other languages ('von März bis Mai', 'de marzo a mayo')."""
AND_WORDS = r"und|et|y|e|en|och|og|ed"
IN_WORDS = r"im|en|in|em|i|durante|während|pendant|tijdens|under|nel|nei"
END_OF = r"fin(?:\s+d[e'’]|ales\s+de)?|ende|eind|fine|slutet\s+av|slutningen\s+af|utgangen\s+av|koniec"
"""'the end of' a month in other languages ('fin avril', 'Ende April', 'finales de abril', 'eind april')."""
NOT_A_DAY_AFTER = r"(?!\s*(?:days?|weeks?|months?|am\b|pm\b|%|k\b|[./:]\d))"
FIXED_DAYS = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
    "new years eve": (12, 31),
    "new year's day": (1, 1),
    "new years day": (1, 1),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "valentines day": (2, 14),
}
"""Holidays on a fixed day (read as a date only as the end of a range)."""
MOVING_DAYS = {
    "labor day": (9, 0, 1, 0),
    "memorial day": (5, 0, -1, 0),
    "presidents' day": (2, 0, 3, 0),
    "presidents day": (2, 0, 3, 0),
    "father's day": (6, 6, 3, 0),
    "fathers day": (6, 6, 3, 0),
    "thanksgiving": (11, 3, 4, 0),
    "black friday": (11, 3, 4, 1),
    "cyber monday": (11, 3, 4, 4),
}
"""Holidays on the nth weekday of a month, as (month, weekday with Monday 0, n with -1 the last, days after it):
Labor Day is the first Monday of September, Black Friday the day after the fourth Thursday of November (the US
holidays; 'Labour Day' and Mother's Day differ by country and are not read)."""


def holiday_key(words: str) -> str:
    """The key of a holiday as written ('Black Friday 2028', 'Valentine’s Day') in FIXED_DAYS and MOVING_DAYS."""
    return " ".join(re.sub(r",?\s*\d{4}$", "", words).lower().replace("’", "'").split())


HOLIDAY = "|".join(
    re.escape(k).replace("'", "['’]?") for k in sorted([*FIXED_DAYS, *MOVING_DAYS], key=len, reverse=True)
)

WEEKDAY = (
    rf"(?:(?:{weekday_pattern()})(?![^\W\d_])|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|"
    r"thur?s?|fri|sat|sun)\.?,?\s+(?:(?:le|el|den|il)\s+)?"
)
NOT_RESULTS = r"(?![ \t]*(?:\d|(?:results|earnings|report|review|numbers|figures|sales|revenue|targets?)\b))"
END_VERB = (
    r"(?:end|ends|ending|finish|finishes|finishing|clos(?:e|es|ing)|stop|stops|stopping|pause|wrap(?:s|ping)?\s+up|"
    r"com(?:e|es|ing)\s+down|(?:switch(?:es|ing)?|turn(?:s|ing)?|tak(?:e|es|ing)|pull(?:s|ing)?)\s+"
    r"(?:(?:it|them|the\s+(?:ads|campaign))\s+)?(?:off|down))"
)
"""How a brief says a run stops ('end', 'stop them', 'wrap up', 'come down', 'switch off')."""

_FROM_BEFORE = re.compile(
    r"\b(?:from|starting(?:\s+in)?|beginning(?:\s+in)?|as\s+of|ab|d[èe]s|[àa]\s+partir\s+de|desde|da|dal|"
    r"a\s+partire\s+da|vanaf|fr[åa]n\s+och\s+med|fr[åa]n|fra\s+og\s+med|fra|od|mulai)\s+$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(rf"^\s*(?:-|–|—|to|until|till|through|thru|and|{RANGE_WORDS})\s", re.IGNORECASE)


def opens_run(text: str, pos: int, stop: int) -> bool:
    """'from November 2027', 'Da novembre 2027', 'ab März 2027': a month said as where a run starts, with no end
    after it, starts the run on its first day and says nothing of its end (not the whole month)."""
    return bool(_FROM_BEFORE.search(text[max(0, pos - 25) : pos])) and not _RANGE_AFTER.match(text[stop:])


END_NAMED = (
    r"^\s*[,;]?\s*(?:and\s+|und\s+|et\s+|y\s+|e\s+|en\s+|och\s+|og\s+)?(?:the\s+)?(?:end(?:\s+date)?|ends?\s+(?:on|by)|(?:hard\s+)?stops?(?:\s+(?:on|by))?|wraps?(?:\s+up)?(?:\s+(?:on|by))?|"
    r"finish(?:es)?(?:\s+(?:by|on))?|ende|enddatum|bis\s+zum|fin|date\s+de\s+fin|fine|eind(?:datum)?|einde|slut(?:datum)?|"
    r"slutt(?:dato)?|slutdato|koniec|zako[ńn]czenie|loppu|p[äa][äa]ttyy|akhir|selesai|t[ée]rmino|fim|final|"
    r"終了|까지|종료|结束|結束)\s*(?:le|el|il|den|am|op|på|do|w|pada|:|：)?\s*[:：]?\s*$"
)
"""Between a start and its end: the end named ('Start 1 April, end of May', 'Start: 1. April, Ende: 31. Mai',
'début le 1er avril, fin le 31 mai', 'inicio 1 de abril, fin 31 de mayo', 'finish by the end of May')."""
END_OF_RUN = re.compile(rf"(?:the\s+)?(?:end|{END_OF})\b", re.IGNORECASE)
"""A date that says it is an end ('end of May', 'fin mai', 'Ende April')."""


def end_named(between: str, end_words: str) -> bool:
    """'Start 1 April, end of May': a start, then its end named by the end's own words."""
    return re.fullmatch(r"\s*[,;]?\s*(?:and\s+)?", between) is not None and bool(END_OF_RUN.match(end_words))
