"""Runs dated by ISO week numbers, as Nordic, German and Dutch planners write them: 'v. 10–v. 15 2027', 'KW 10–15',
'uge 10-15', 'week 10 to 15 2027', 'weeks 10-15'. A run of weeks starts on the Monday of the first and ends on the
Sunday of the last; without a year it is the next such run on or after today."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_ISO_WEEK = r"v\.|vecka|veckor|uge|uger|uke|uker|kw|kalenderwoche|viikko|viikot"
"""Week words of the languages whose planners number weeks the ISO way ('v. 10', 'uge 12', 'KW 14')."""
_WEEK = rf"(?:{_ISO_WEEK}|week|weeks|wk|wks|semaine|semaines|semana|semanas|settimana|settimane|tydzie[ńn]|tygodnie)"
"""Any week word; English, French, Spanish, Italian and Polish ones also number a plan's own weeks ('weeks 1-2:
teasers'), so they date a run only with a year ('weeks 10-15 2027')."""
_WEEK_RANGE = re.compile(
    rf"(?<![\w.])(?P<w>{_WEEK})\s?(?P<a>\d{{1,2}})\s*(?:-|–|—|to|till|til|bis|à|a|al|au|t/m|tot|do|–)\s*"
    rf"(?:{_WEEK}\s?)?(?P<b>\d{{1,2}})(?:,?\s+(?P<y>20\d\d))?(?![\d,:/]|\.\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WeekRun:
    """A run of ISO weeks: its first Monday and last Sunday, whether a year was written, and where its words are."""

    start: date
    end: date
    has_year: bool
    pos: int
    stop: int


def week_runs(text: str, today: date) -> list[WeekRun]:
    """Every run of ISO weeks in ``text`` ('v. 10–v. 15 2027' -> 8 March to 18 April 2027)."""
    out = []
    for m in _WEEK_RANGE.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if not 1 <= a <= b <= 53 or not (m["y"] or re.fullmatch(_ISO_WEEK, m["w"], re.I)):
            continue
        years = [int(m["y"])] if m["y"] else [today.year, today.year + 1]
        for year in years:
            try:
                start, end = date.fromisocalendar(year, a, 1), date.fromisocalendar(year, b, 7)
            except ValueError:
                break
            if m["y"] or start >= today:
                out.append(WeekRun(start, end, bool(m["y"]), m.start(), m.end()))
                break
    return out
