"""A run named by a whole month or a season, with no day: 'In January we want to reach …', 'Push the garden room
in January', 'im März', 'en janvier', 'For spring we want to sell …', 'This winter, the health board …', 'running
this summer'. Read only when the brief dates its run no other way (a stated date always wins).

A season is its meteorological months (spring March–May, summer June–August, autumn September–November, winter
December–February), turned half a year round for a southern-hemisphere market ('over winter' in Queensland is June
to August). A month or season still under way runs from today to its end; otherwise it is the next one to come.
A month or season that describes something else ('the pools open in May', 'sales peak in January', 'the water is
17 degrees in spring', 'the Spring Refresh Package', 'a summer sale') is not the run.
"""

from __future__ import annotations

import re
from datetime import date

from graph.models.offline.calendar_days import month_end
from graph.models.offline.month_names import month_number, month_pattern
from graph.models.offline.when import DateSpan

SOUTHERN = frozenset({"AU", "NZ", "ZA", "AR", "CL", "UY", "PY", "BR", "PE", "BO", "NA", "BW", "MZ", "FJ"})
"""Markets whose seasons run half a year round from the north's."""

_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_YEAR = r"(?:2\d{3})"
_MONTH_RUN = re.compile(
    r"\b(?P<lead>in|during|for|this|next|throughout|over|across|im|en|i|em|a|nel\s+mese\s+di|"
    r"(?:in|during)\s+the\s+month\s+of|the\s+month\s+of|(?P<from>from|starting(?:\s+in)?|beginning(?:\s+of)?|"
    r"ab|[aà]\s+partir\s+d[e']|dès|desde|a\s+partire\s+da|vanaf|från))\s+"
    rf"(?P<mon>{month_pattern()})(?:,?\s+(?:de\s+)?(?P<y>{_YEAR}))?\b(?![ \t]*(?:\d|[-–—/]))",
    re.IGNORECASE,
)
_SEASON_RUN = re.compile(
    r"(?P<lead>(?:^|(?<=[.!?:\n])|(?<=[.!?:]\s))[ \t]*(?:in|for)\s+(?:the\s+)?|"
    r"\b(?:for|this|next|over|during|throughout|through|across)\s+(?:the\s+)?|\b)"
    r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?P<y>2\d{3}))?"
    r"(?=[ \t]*(?:[,.;:!?)\n]|$|(?:we|i|you|they|our|let['’]?s|please|months|season|campaign|push|period|only)\b))",
    re.IGNORECASE,
)
_NOT_THE_RUN = re.compile(
    r"\b(?:launch(?:ed)|founded|opened|started|since|was|were|did|ran|had|last|ago|bought|booked|purchased|joined|"
    r"visited|held|opens?|closes?|closed|takes?\s+place|due|deadline|by|until|till|before|after|expires?|peaks?|"
    r"peaked|busiest|quietest|born|renew\w*|is|are|degrees?|temperatures?|usually|always|every|each)\b",
    re.IGNORECASE,
)


_ASKS = re.compile(
    # an instruction: a campaign verb opening the sentence or a clause ('Push the garden room in January',
    # 'From March, for six weeks, sell …')
    r"(?:^[\W\d]*|[,:–—]\s+)(?:please\s+|so\s+)?(?:push|sell|promote|advertise|market|run|launch|target|reach|drive|get|fill|boost|"
    r"grow|recruit|raise|send|email|pitch)\b"
    # a wish or a plan ('we want to', "we'd like", 'needs', 'aims to', 'can you'), in English and other languages
    r"|\b(?:wants?|need|needs|would\s+like|['’]d\s+like|like\s+to|plan(?:s|ning)?\s+to|aim(?:s|ing)?\s+(?:to|for)|"
    r"hop(?:e|es|ing)\s+to|looking\s+to|let['’]s|can\s+you|could\s+you|please|"
    r"wollen|möchten|voulons|souhaitons|aimerions|queremos|quisiéramos|vogliamo|vorremmo|willen|vill|ønsker|"
    r"chcemy|verkaufen|vendre|vender|vendere|verkopen|sälja|sælge)\b"
    # the campaign itself ('the campaign runs in March', 'ads in January', 'the appeal, running this summer')
    r"|\b(?:campaign|ads|advertising|promotion|push|appeal|drive|run|runs|running|live|kampagne|campagne|campaña|"
    r"campagna|kampanj\w*)\b",
    re.IGNORECASE,
)


def _asked(text: str, start: int, stop: int) -> bool:
    """The month or season sits in a sentence that asks for the campaign (an instruction, a wish, the campaign
    named), not one that states a fact ('our financial year starts in April', 'we sell most desks in September')."""
    begin = max((text.rfind(c, 0, start) for c in ".!?\n;"), default=-1) + 1
    ends = [i for i in (text.find(c, stop) for c in ".!?\n;") if i >= 0]
    return _ASKS.search(text[begin : min(ends) if ends else len(text)].strip()) is not None


def _clause_before(text: str, pos: int) -> str:
    return re.split(r"[.;!?\n](?:\s|$)|,\s", text[max(0, pos - 80) : pos])[-1]


def _run(first: date, last: date, today: date, year_given: bool) -> tuple[date, date] | None:
    """The run from the first to the last day of a month or season, or None when it is already over."""
    if last < today:
        return None
    return (max(first, today) if not year_given else first), last


def _month_run(m: re.Match[str], text: str, today: date) -> DateSpan | None:
    word = m.group("mon")
    if word.lower().rstrip(".") == "may" and not word.startswith("M"):
        return None  # 'this may help' is not a month
    if _NOT_THE_RUN.search(_clause_before(text, m.start())) or not _asked(text, m.start(), m.end()):
        return None
    mo = month_number(word)
    if m.group("y"):
        year = int(m.group("y"))
    else:
        year = today.year if month_end(today.year, mo) >= today else today.year + 1
    if m.group("lead").lower() == "next" and not m.group("y") and date(year, mo, 1) <= today:
        year += 1
    run = _run(date(year, mo, 1), month_end(year, mo), today, m.group("y") is not None)
    if run is None:
        return None
    last = None if m.group("from") else run[1]  # 'from March, for six weeks': a start, its end told elsewhere
    return DateSpan(run[0], last, m.start("mon"), m.end(), m.group(0), m.group("y") is not None)


def _season_run(m: re.Match[str], text: str, today: date, south: bool) -> DateSpan | None:
    if not m.group("lead").strip() and not m.group("y"):
        return None  # a bare season names a time only with its year ('Spring 2027 campaign')
    if _NOT_THE_RUN.search(_clause_before(text, m.start())) or not _asked(text, m.start(), m.end()):
        return None
    first_month = _SEASONS[m.group("season").lower()]
    if south:
        first_month = (first_month + 5) % 12 + 1
    if m.group("y"):  # 'winter 2027' starts in December 2027
        year = int(m.group("y"))
        first = date(year, first_month, 1)
    else:
        year = today.year
        for y in (today.year - 1, today.year, today.year + 1):
            end_month = (first_month + 1) % 12 + 1
            if month_end(y + (end_month < first_month), end_month) >= today:
                year = y
                break
        first = date(year, first_month, 1)
        if "next" in m.group("lead").lower() and first <= today:
            first = date(year + 1, first_month, 1)
    end_month = (first_month + 1) % 12 + 1
    last = month_end(first.year + (end_month < first_month), end_month)
    run = _run(first, last, today, m.group("y") is not None)
    if run is None:
        return None
    return DateSpan(run[0], run[1], m.start("season"), m.end(), m.group(0).strip(), m.group("y") is not None)


def loose_spans(text: str, today: date, south: bool) -> list[DateSpan]:
    """Months and seasons named as the run, in order of appearance."""
    found = [sp for m in _MONTH_RUN.finditer(text) if (sp := _month_run(m, text, today))]
    found += [sp for m in _SEASON_RUN.finditer(text) if (sp := _season_run(m, text, today, south))]
    return sorted(found, key=lambda sp: sp.pos)
