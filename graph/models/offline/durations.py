"""How long a campaign runs, as marketers say it: '6 weeks', 'for a month', 'a fortnight', 'a two-month push',
'a 45-day run', '4 wks', '3 mos'. A length that describes a thing ('the 12-day cruise'), a rate ('3 nights a week')
or a look back ('in the last 12 months') is not the campaign's; a negative or unplannable length is a problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from babel.units import format_unit

from graph.models.offline.cjk_dates import cjk_lengths
from graph.models.offline.month_names import LOCALES
from guards.lexicon.quantity_words import NUMBER_WORDS

_NOT_UNITS = frozenset({"den", "dia", "dny", "tag", "dies"})
"""Unit words that read as English ones ('5 tags', 'the den')."""


@lru_cache(maxsize=1)
def foreign_units() -> dict[str, str]:
    """Day, week and month as other languages write them after a number ('6 semaines', '4 Wochen', '8 semanas',
    '3 maanden', '6 veckor'), from babel's CLDR unit patterns -> 'day' / 'week' / 'month'."""
    out: dict[str, str] = {}
    for loc in LOCALES:
        for unit in ("day", "week", "month"):
            for n in (1, 2, 5, 21):
                shown = format_unit(n, f"duration-{unit}", "long", locale=loc).replace("\xa0", " ")
                word = re.sub(r"^[\d\s.,]+", "", shown).strip().lower()
                if re.fullmatch(r"[^\W\d_]{3,}", word) and word not in _NOT_UNITS:
                    out[word] = unit
    return out


_FOREIGN_UNIT = "|".join(sorted(foreign_units(), key=len, reverse=True))

_DURATION_RE = re.compile(
    rf"(?P<neg>[-−](?=\d)|minus\s+|negative\s+)?\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    rf"twelve|a|an)(?:(?<=\d)\s?|[\s-]+)(?P<unit>{_FOREIGN_UNIT}|day|week|fortnight|month|quarter|wk|mth|mo)s?\b(?!\s+(?:before|after|ago|notice)|-\w)",
    re.IGNORECASE,
)
_WORD_NUMS = {"a": 1, "an": 1, **{w: int(n) for w, n in NUMBER_WORDS.items() if n <= 12 and w != "dozen"}}
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "quarter": 91, "wk": 7, "mth": 30, "mo": 30}
UNIT_MONTHS = {"month": 1, "mth": 1, "mo": 1, "quarter": 3}
"""Units counted in calendar months once the start is known ('from 3 May for a month' ends 2 June)."""


@dataclass(frozen=True)
class Duration:
    """A stated length of the campaign."""

    days: int
    pos: int
    stop: int
    text: str
    problem: str | None = None
    months: int = 0
    """Calendar months when the length was stated in months or quarters (0 otherwise)."""


_CAMPAIGN_NOUN = re.compile(
    r"^[- \t]+(?:[a-z]+[- \t]+){0,2}?(?:campaign|push|run|flight|burst|window|period|sprint|blitz|drive|promo\w*|"
    r"activation|test|pilot|launch|programme|program|schedule)s?\b",
    re.IGNORECASE,
)
_AFTER_LENGTH = re.compile(
    r"^[- \t]+(?:only|total|in|on|of|from|to|for|with|starting|start|starts|beginning|begins?|commencing|kicking|at|"
    r"and|or|then|max|maximum|min|minimum|long|each|straight|running|live|ahead|after|until|till|through|across|"
    r"ab|vom|von|du|dès|des|desde|dal|da|van|vanaf|från|fra|od|a|à|und|et|y|e|en|och|og|im|de|del|"
    r"over|please|flat|before|back|notice|ago|is|are|should|would|will|we|it|the|this|that)\b",
    re.IGNORECASE,
)
_RATE_BEFORE = re.compile(
    r"(?:^|[\s(])(?:for|over|in|within|lasting|runs?|running|about|around|just|only|of|takes?|roughly)\s+$",
    re.IGNORECASE,
)


def _is_length(text: str, m: re.Match[str]) -> bool:
    """'6 weeks', 'for a week', 'a 4-week push' state the campaign's length; '12-day cruise', '300 day-pass
    purchases' (a thing described by its length), '3 nights a week', '$3,000 a month' (a rate) and 'in the last 12
    months' (a look back) do not."""
    after = text[m.end() : m.end() + 60]
    if re.match(r"[- \t]+[a-z]", after, re.IGNORECASE) and not (
        _CAMPAIGN_NOUN.match(after) or _AFTER_LENGTH.match(after)
    ):
        return False
    if re.search(
        r"\b(?:last|past|previous|prior|recent)\s+$", text[max(0, m.start() - 12) : m.start()], re.I
    ):
        return False  # 'lapsed in the last 12 months' looks back: it describes people, not the campaign
    if m.group("n").lower() in ("a", "an"):  # 'for a month', 'A fortnight starting 1 March'
        return bool(
            _RATE_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
            or re.search(r"(?:^|[.!?:\n])\s*$", text[max(0, m.start() - 3) : m.start()])
        )
    return True


def find_durations(text: str) -> list[Duration]:
    """Stated durations ('6 weeks', 'a two-month push', 'a 45-day run'); a negative one is a problem."""
    out = []
    for m in _DURATION_RE.finditer(text):
        if not _is_length(text, m):
            continue
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else _WORD_NUMS[raw]
        unit = foreign_units().get(m.group("unit").lower(), m.group("unit").lower())
        if unit != m.group("unit").lower() and not raw.isdigit():
            continue  # another language's unit after an English word ('a mes'): not a length
        days = n * UNIT_DAYS[unit]
        problem = None
        if m.group("neg"):
            problem = f"'{m.group(0).strip()}' is a negative duration"
        elif days < 1 or days > 730:
            problem = f"'{m.group(0).strip()}' is not a campaign length Liftoff can plan (1 to 730 days)"
        months = n * UNIT_MONTHS.get(unit, 0)
        out.append(Duration(days, m.start(), m.end(), m.group(0).strip(), problem, months))
    for c in cjk_lengths(text):  # '6주', '6週間', '2ヶ月'
        words = text[c.pos : c.stop]
        bad = (
            None
            if 1 <= c.days <= 730
            else f"'{words}' is not a campaign length Liftoff can plan (1 to 730 days)"
        )
        out.append(Duration(c.days, c.pos, c.stop, words, bad, c.months))
    return sorted(out, key=lambda d: d.pos)
