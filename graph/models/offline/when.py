"""Campaign dates as marketers write them: ISO, '2 March 2027', 'March 2nd', '01/03/2027', '01.03.2027', ranges
('1 – 24 December', 'Jan 2 - Jan 31 2027', 'April–May 2027', 'July 2027'), and durations in words.

Impossible dates (February 30, year 1800 or 9999, an end before the start, a negative duration) are reported as
problems with the words they came from; nothing is silently rewritten. A slashed date whose day and month could be
swapped is read by the brief's locale (USD or the US: month first; elsewhere day first) and asked about when the
brief gives no locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from graph.models.offline import date_words as W
from graph.models.offline.calendar_days import (
    easter_day,
    easter_weekend,
    month_part,
    next_period,
    nth_weekday,
)
from graph.models.offline.cjk_dates import cjk_dates
from graph.models.offline.durations import Duration, find_durations
from graph.models.offline.month_names import (
    RANGE_WORDS,
    foreign_name,
    month_number,
)
from graph.models.offline.week_dates import week_runs

__all__ = ["DateSpan", "Duration", "find_date_spans", "find_durations"]

_PATTERNS = re.compile(
    rf"(?P<iso>\b\d{{4}}(?P<isep>[-/.])\d{{1,2}}(?P=isep)\d{{1,2}}\b)"
    rf"|(?P<part>\b(?P<pe>first|last|final|opening|closing|second)\s+(?:(?P<pn>\d{{1,2}}|one|two|three|four|five|"
    rf"six|ten)\s+)?(?P<pu>weeks?|days|fortnight|half)\s+of\s+(?P<pm>{W.MON})(?:,?\s+(?P<py>{W.YEAR}))?\b)"
    rf"|(?P<mid>\bmid[- ]?(?P<midm>{W.MON})(?:,?\s+(?P<midy>{W.YEAR}))?\b)"
    rf"|(?P<easter>\beaster\s+(?:bank[- ]holiday\s+|long\s+)?weekend\b)"
    rf"|(?P<eday>\b(?:good\s+friday|easter\s+(?:saturday|sunday|day|monday))\b)"
    rf"|(?P<half>\bH(?P<hn>[12])\s+(?P<hny>{W.YEAR})\b|\b(?P<hw>first|second)\s+half\s+of\s+(?P<hwy>{W.YEAR})\b)"
    rf"|(?P<qbare>\b(?:in|during|for|across|over|throughout|timing|flight|period|dates?|when)\s*:?\s*(?:the\s+)?"
    rf"(?:Q(?P<qb>[1-4])|H(?P<hb>[12]))\b{W.NOT_RESULTS})"
    rf"|(?P<monrange2>\b(?:from|between|{W.FROM_WORDS})\s+(?P<mr3>{W.MON})\s*"
    rf"(?:-|–|—|to|until|till|through|thru|and|{RANGE_WORDS}|{W.AND_WORDS}|a|à)\s*"
    rf"(?P<mr4>{W.MON})(?:,?\s+(?:de\s+)?(?P<mr4y>{W.YEAR}))?\b(?![ \t]*\d))"
    rf"|(?P<dotrange>\b(?P<o1>\d{{1,2}})\.(?P<o2>\d{{1,2}})\.?\s*(?:-|–|—|to|until|bis|au|al|tot)\s*"
    rf"(?P<o3>\d{{1,2}})\.(?P<o4>\d{{1,2}})\.(?P<o5>\d{{4}})\b)"
    rf"|(?P<num>\b(?P<n1>\d{{1,2}})(?P<ns>[./-]|\.[ \t])(?P<n2>\d{{1,2}})(?P=ns)(?P<n3>\d{{4}}|\d{{2}})\b(?![./]\d|-\d{{1,2}}\b(?![./]\d)))"
    rf"|(?P<dayrange>\b(?P<dr1>{W.DAY}){W.SEP}(?P<dr2>{W.DAY})\s+(?:of\s+|de\s+)?(?P<drm>{W.MON})(?:,?\s+(?:de\s+)?(?P<dry>{W.YEAR}))?\b)"
    rf"|(?P<between>\bbetween\s+(?:the\s+)?(?P<b1>{W.DAY})\s+(?:and|&)\s+(?:the\s+)?(?P<b2>{W.DAY})\s+(?:of\s+)?"
    rf"(?P<bm>{W.MON})(?:,?\s+(?P<by>{W.YEAR}))?\b)"
    rf"|(?P<mdrange>\b(?P<mdrm>{W.MON})\s+(?P<mdr1>{W.DAY}){W.SEP}(?P<mdr2>{W.DAY})\b{W.NOT_A_DAY_AFTER}"
    rf"(?:,?\s+(?P<mdry>{W.YEAR})\b)?)"
    rf"|(?P<monrange>\b(?P<mr1>{W.MON}){W.SEP}(?P<mr2>{W.MON}),?\s+(?:de\s+)?(?P<mry>{W.YEAR})\b)"
    rf"|(?P<monrange3>(?:(?<=[.!?:\n])[ \t]*|^[ \t]*|\b(?:run|runs|running|live|ads?|campaign)[ \t]+)(?P<mr5>{W.MON})"
    rf"\s*(?:-|–|—|to|through|thru|until|till|{RANGE_WORDS})\s*(?P<mr6>{W.MON})(?=[ \t]*(?:[.;!\n]|$)))"
    rf"|(?P<monlist>\b(?:(?:run(?:s|ning)?\s+(?:it\s+|them\s+)?)?(?:over|during|throughout|through|across|for|in)|"
    rf"run(?:s|ning)?|{W.IN_WORDS})\s+"
    rf"(?P<ml1>{W.MON})(?:\s*,\s*{W.MON})*\s*(?:and|&|{W.AND_WORDS})\s*(?P<ml2>{W.MON})(?:,?\s+(?:de\s+)?(?P<mly>{W.YEAR}))?\b)"
    rf"|(?P<monall>\b(?:(?:all|the\s+whole|whole)\s+(?:of\s+)?(?:the\s+month\s+of\s+)?|throughout\s+|"
    rf"(?:the\s+)?month\s+of\s+|during\s+|(?:run|runs|running|live|go\s+live)\s+(?:it\s+|them\s+|this\s+|"
    rf"the\s+(?:campaign|ads)\s+)?(?:in|during|for)\s+)"
    rf"(?P<mam>{W.MON})(?:,?\s+(?:de\s+)?(?P<may>{W.YEAR}))?\b(?![ \t]*\d))"
    rf"|(?P<monend>\b(?:(?:the\s+)?end\s+of|{W.END_OF})\s+(?P<mem>{W.MON})(?:,?\s+(?P<mey>{W.YEAR}))?\b)"
    rf"|(?P<holiday>\b(?P<hol>{W.HOLIDAY})\b(?:,?\s+(?P<hy>{W.YEAR})\b)?)"
    rf"|(?P<md>\b(?P<mdm>{W.MON})\s+(?P<mdd>{W.DAY})\b(?:,?\s+(?:de\s+)?(?P<mdy>{W.YEAR})\b)?)"
    rf"|(?P<dm>\b(?P<dmd>{W.DAY}|(?:the\s+)?(?:{W.DAYWORD})\s+of)\s+(?:of\s+|de\s+)?(?P<dmm>{W.MON})(?:,?\s+(?:de\s+)?(?P<dmy>{W.YEAR})"
    rf"|[ \t]+['’]?(?P<dmy2>\d{{2}})(?![\d:.,/%]|\s*(?:am|pm|h)\b))?\b)"
    rf"|(?P<monyear>\b(?P<mym>{W.MON})\s+(?:de\s+)?(?P<myy>{W.YEAR})\b)"
    rf"|(?P<quarter>\bQ(?P<q>[1-4])\s+(?P<qy>{W.YEAR})\b)",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(
    rf"^,?{W.SEP}(?:{W.WEEKDAY})?$|^\s*(?:and|&|{RANGE_WORDS})\s*(?:(?:the|le|el|den|dem|il)\s+)?(?:{W.WEEKDAY})?$|^[ \t]*/[ \t]*$"
    r"|^\s*,?\s*(?:and\s+)?(?:(?:it|we|they|ads|the\s+(?:campaign|ads|push))\s+)?(?:keep\s+(?:it|them)\s+)?"
    rf"(?:{W.END_VERB}(?:\s+(?:it|them|the\s+(?:campaign|ads|push)))?(?:\s+on)?"
    rf"|(?:run|runs|running|live|going)\s+(?:till|until|to|through|thru))\s*(?:the\s+)?(?:{W.WEEKDAY})?$"
    r"|^\s*(?:to|until|till|through|thru|[-–—])\s+(?-i:(?:[A-Z][\w'’]*\s+){0,2}[A-Z][\w'’]*),?\s*$"
    r"|^[^.;!?\n\d]{0,30}?\(?\s*(?:until|till|ending(?:\s+on)?|ends\s+on)\s*$"
    rf"|{W.END_NAMED}",
    re.IGNORECASE,
)
"""Between the two ends of a range: a dash or 'to'; 'to Easter Monday, 29 March' (the day's name before it);
'for a month (until 2 June)' (an end stated after the length)."""


@dataclass(frozen=True)
class DateSpan:
    """A date or a date range found in the text (end is None for a single date)."""

    start: date | None
    end: date | None
    pos: int
    stop: int
    text: str
    has_year: bool
    problem: str | None = None
    end_only: bool = False
    """'Christmas Eve', 'the end of June': a date only as the end of a range ('until Christmas Eve'), else dropped."""
    range_only: bool = False
    """'mid-April': a vague day, a date only as either end of a range ('mid-April to mid-May'), else dropped."""


def _month(raw: str) -> int:
    return month_number(raw)


def _day(raw: str) -> int:
    digits = re.search(r"\d+", raw)
    if digits:
        return int(digits.group(0))
    word = re.sub(r"^the\s+|\s+of$", "", raw.lower().strip()).replace(" ", "-")
    return W.ORDINALS[word]


def _make(
    y: int | None, m: int, d: int, today: date, words: str, after: date | None = None
) -> tuple[date | None, str | None]:
    if y is not None and not today.year - 1 <= y <= today.year + 5:
        return None, f"'{words}': the year {y} is not a plausible campaign year"
    if y is None:
        ref = after or today
        for year in (ref.year, ref.year + 1):
            try:
                candidate = date(year, m, d)
            except ValueError:
                return None, f"'{words}' is not a date (no {_MONTH_NAMES[m - 1]} {d})"
            if candidate >= ref:
                return candidate, None
        return None, None
    try:
        return date(y, m, d), None
    except ValueError:
        return None, f"'{words}' is not a date (no {_MONTH_NAMES[m - 1]} {d}, {y})"


def _moving_day(
    y: int | None, rule: tuple[int, int, int, int], today: date, words: str
) -> tuple[date | None, str | None]:
    """A holiday on the nth weekday of a month ('Labor Day', 'Black Friday') in the year given, else its next one."""
    if y is not None and not today.year - 1 <= y <= today.year + 5:
        return None, f"'{words}': the year {y} is not a plausible campaign year"
    for year in (y,) if y is not None else (today.year, today.year + 1):
        day = nth_weekday(year, *rule)
        if y is not None or day >= today:
            return day, None
    return None, None


_MONTH_NAMES = "January February March April May June July August September October November December".split()  # noqa: SIM905


def _month_end(y: int, m: int) -> date:
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def find_date_spans(text: str, today: date, day_first: bool | None) -> list[DateSpan]:
    """Dates and ranges in order of appearance.

    Args:
        text: Brief text (quoted copy already removed).
        today: Reference date: a date without a year is the next one on or after it.
        day_first: How to read '04/05/2027' (True: 4 May; False: April 5; None: ask when it could be either).
    """
    if day_first is None:
        day_first = _slash_style(text)
    spans: list[DateSpan] = []
    at = 0
    while m := _PATTERNS.search(text, at):
        at = m.end()
        g, words = m.groupdict(), m.group(0)
        if (g["dmd"] or "").endswith(".") and not _dotted_day(text, m, g["dmm"] or ""):
            at = m.start("dmm")  # read on from the month: 'under $8. March 6 through April 4'
            continue
        problem: str | None = None
        start = end = None
        has_year = True
        end_only = False
        if g["part"] or g["mid"] or g["easter"] or g["eday"] or g["half"] or g["qbare"]:
            start, end, has_year, problem = _period(g, words, today)
            end_only = bool(g["eday"])
        elif g["monrange2"] or g["monrange3"]:
            m1, m2 = _month(g["mr3"] or g["mr5"]), _month(g["mr4"] or g["mr6"])
            has_year = g["mr4y"] is not None
            y2 = int(g["mr4y"]) if g["mr4y"] else None
            start, problem = _make(None if y2 is None else y2 - (m2 < m1), m1, 1, today, words)
            if start and not problem:
                end = _month_end(start.year if m2 >= m1 else start.year + 1, m2)
        elif g["dotrange"]:
            y = int(g["o5"])
            start, problem = (
                _make(y, int(g["o2"]), int(g["o1"]), today, words)
                if 1 <= int(g["o2"]) <= 12
                else (None, f"'{words}' is not a date")
            )
            if start and not problem:
                end, problem = (
                    _make(y, int(g["o4"]), int(g["o3"]), today, words)
                    if 1 <= int(g["o4"]) <= 12
                    else (None, f"'{words}' is not a date")
                )
                if end and start > end:
                    start = start.replace(year=y - 1) if _valid(y - 1, start) else start
        elif g["between"] or g["mdrange"]:
            mo = _month(g["bm"] or g["mdrm"])
            raw_y = g["by"] or g["mdry"]
            ry = int(raw_y) if raw_y else None
            has_year = ry is not None
            start, problem = _make(ry, mo, _day(g["b1"] or g["mdr1"]), today, words)
            if start and not problem:
                end, problem = _make(ry, mo, _day(g["b2"] or g["mdr2"]), today, words, after=start)
        elif g["monlist"] or g["monall"]:
            m1 = _month(g["ml1"] or g["mam"])
            m2 = _month(g["ml2"] or g["mam"])
            raw_y = g["mly"] or g["may"]
            has_year = raw_y is not None
            start, problem = _make(int(raw_y) if raw_y else None, m1, 1, today, words)
            if start and not problem:
                end = _month_end(start.year if m2 >= m1 else start.year + 1, m2)
        elif g["monend"]:
            mo = _month(g["mem"])
            has_year = g["mey"] is not None
            y0 = int(g["mey"]) if g["mey"] else None
            last = _month_end(y0 if y0 else today.year, mo).day
            start, problem = _make(y0, mo, last, today, words)
            start = _month_end(start.year, mo) if start else None  # February's end in the year it falls in
            end_only = True
        elif g["holiday"]:
            name = W.holiday_key(g["hol"])
            has_year = g["hy"] is not None
            if name in W.MOVING_DAYS:
                start, problem = _moving_day(
                    int(g["hy"]) if g["hy"] else None, W.MOVING_DAYS[name], today, words
                )
            else:
                mo, d = W.FIXED_DAYS[name]
                start, problem = _make(int(g["hy"]) if g["hy"] else None, mo, d, today, words)
            end_only = True
        elif g["iso"]:
            y, mo, d = (int(x) for x in re.split(r"[-/.]", g["iso"]))
            start, problem = (
                _make(y, mo, d, today, words) if 1 <= mo <= 12 else (None, f"'{words}' is not a date")
            )
        elif g["num"]:
            a, b, y = int(g["n1"]), int(g["n2"]), int(g["n3"])
            if len(g["n3"]) == 2:  # '01/02/27': a two-digit year is this century's, if a campaign year at all
                y += 2000
                if not today.year <= y <= today.year + 5:
                    continue
            if g["ns"].startswith(".") or a > 12:
                dmf: bool | None = True
            elif b > 12:
                dmf = False
            else:
                dmf = day_first
            if dmf is None and a != b:
                problem = (
                    f"'{words}' could be {a} {_MONTH_NAMES[b - 1]} or {_MONTH_NAMES[a - 1]} {b}: "
                    "write the month as a word"
                )
            else:
                d, mo = (a, b) if dmf or a == b else (b, a)
                start, problem = (
                    _make(y, mo, d, today, words) if 1 <= mo <= 12 else (None, f"'{words}' is not a date")
                )
        elif g["dayrange"]:
            mo = _month(g["drm"])
            ry = int(g["dry"]) if g["dry"] else None
            has_year = ry is not None
            start, problem = _make(ry, mo, _day(g["dr1"]), today, words)
            if start and not problem:
                end, problem = _make(ry, mo, _day(g["dr2"]), today, words, after=start)
        elif g["monrange"]:
            y = int(g["mry"])
            m1, m2 = _month(g["mr1"]), _month(g["mr2"])
            start, problem = _make(y, m1, 1, today, words)
            if start and not problem:
                end = _month_end(y if m2 >= m1 else y + 1, m2)
        elif g["md"] or g["dm"]:
            mo = _month(g["mdm"] or g["dmm"])
            d = _day(g["mdd"] or g["dmd"])
            raw_y = g["mdy"] or g["dmy"]
            if g["dmy2"] and today.year <= 2000 + int(g["dmy2"]) <= today.year + 5:
                raw_y = str(
                    2000 + int(g["dmy2"])
                )  # '1 Mar 27': after a day and its month, two digits are a year
            has_year = raw_y is not None
            start, problem = _make(int(raw_y) if raw_y else None, mo, d, today, words)
        elif g["monyear"]:
            y, mo = int(g["myy"]), _month(g["mym"])
            start, problem = _make(y, mo, 1, today, words)
            if start and not problem and not W.opens_run(text, m.start(), m.end()):
                end = _month_end(y, mo)
        elif g["quarter"]:
            y, q = int(g["qy"]), int(g["q"])
            start, problem = _make(y, 3 * q - 2, 1, today, words)
            if start and not problem:
                end = _month_end(y, 3 * q)
        spans.append(
            DateSpan(start, end, m.start(), m.end(), words, has_year, problem, end_only, bool(g["mid"]))
        )
    spans = _with_other_forms(text, today, spans)
    joined = _join_ranges(text, spans, today)
    return [_until_day(text, sp) for sp in joined if not sp.end_only and not sp.range_only]


def _with_other_forms(text: str, today: date, spans: list[DateSpan]) -> list[DateSpan]:
    """The spans plus the dates written in CJK form ('2027年3月1日') and runs of ISO weeks ('v. 10–v. 15 2027')."""
    more = []
    for d in cjk_dates(text):
        start, problem = _make(d.year, d.month, d.day, today, text[d.pos : d.stop])
        more.append(DateSpan(start, None, d.pos, d.stop, text[d.pos : d.stop], d.year is not None, problem))
    more += [
        DateSpan(w.start, w.end, w.pos, w.stop, text[w.pos : w.stop], w.has_year)
        for w in week_runs(text, today)
    ]
    kept = [sp for sp in spans if not any(o.pos < sp.stop and sp.pos < o.stop for o in more)]
    return sorted(kept + more, key=lambda sp: sp.pos)


def _dotted_day(text: str, m: re.Match[str], month: str) -> bool:
    """'1. März', '30. April 2027' (a day written as an ordinal with a dot, German style) and not a sentence ending in
    a number before the next one opens with a month ('CPA under $8. March 6 through …', 'ROAS 4. April 1-30',
    'below £15. January 2027 only') nor a numbered list item ('1. March – teaser')."""
    line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
    return (
        foreign_name(month)
        and bool(line.strip())
        and not re.search(r"[$£€¥₩₹]\s?$|\d[.,]$", line)
        and not re.match(r"[ \t]+\d{1,2}\b(?![.,:]?\d)", text[m.end("dmm") :])
    )


def _slash_style(text: str) -> bool | None:
    """How the brief writes its own slashed dates, when one of them shows it ('1/3/2027-30/4/2027': 30/4 can only
    be day first, so 1/3 is 1 March); None when none does or they disagree."""
    styles = {
        int(a) > 12
        for a, b in re.findall(r"\b(\d{1,2})[./-](\d{1,2})[./-](?:\d{4}|\d{2})\b", text)
        if (int(a) > 12) != (int(b) > 12)
    }
    return styles.pop() if len(styles) == 1 else None


_UNTIL_DAY = re.compile(
    rf"^[^.;!?\n]{{0,40}}?\b(?:until|till|to|through|thru|{W.END_VERB}(?:\s+on)?)\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b"
    rf"(?!\s*(?:of\s+)?{W.MON})",
    re.IGNORECASE,
)


def _until_day(text: str, sp: DateSpan) -> DateSpan:
    """'from 12 April until the 30th', 'start on the 3rd and run to the 24th': a day without a month after a start
    date ends the range in the start's month (the next month when the day has passed)."""
    m = _UNTIL_DAY.match(text[sp.stop : sp.stop + 70])
    if sp.end is not None or sp.start is None or sp.problem or not m:
        return sp
    day, start = int(m.group("d")), sp.start
    year, month = start.year, start.month
    if day < start.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    try:
        end = date(year, month, day)
    except ValueError:
        return sp
    stop = sp.stop + m.end()
    return DateSpan(start, end, sp.pos, stop, text[sp.pos : stop], sp.has_year)


_WORD_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}


def _period(
    g: dict[str, str | None], words: str, today: date
) -> tuple[date | None, date | None, bool, str | None]:
    """(start, end, has_year, problem) of a named period: 'the first two weeks of June', 'mid-April',
    'Easter weekend', 'Good Friday', 'H1 2027', 'the second half of 2027', 'Timing: Q2'."""
    if g["part"]:
        edge = {"final": "last", "closing": "last", "opening": "first"}.get(
            (g["pe"] or "").lower(), (g["pe"] or "").lower()
        )
        unit = (g["pu"] or "").lower().rstrip("s")
        if edge == "second" and unit != "half":
            return None, None, False, None
        raw = (g["pn"] or "one").lower()
        count = int(raw) if raw.isdigit() else _WORD_COUNT[raw]
        mo = _month(g["pm"] or "")
        first, problem = _make(int(g["py"]) if g["py"] else None, mo, 1, today, words)
        if first is None and g["py"] is None:  # this month, already begun: the part may still be ahead
            first = date(today.year, mo, 1)
        if first is None or problem:
            return None, None, False, problem
        start, end = month_part(first.year, mo, "first" if edge == "first" else "last", unit, count)
        if start < today and g["py"] is None:
            start, end = month_part(first.year + 1, mo, "first" if edge == "first" else "last", unit, count)
        return start, end, g["py"] is not None, None
    if g["mid"]:
        day, problem = _make(int(g["midy"]) if g["midy"] else None, _month(g["midm"] or ""), 15, today, words)
        return day, None, g["midy"] is not None, problem
    if g["easter"]:
        friday, monday = easter_weekend(today)
        return friday, monday, False, None
    if g["eday"]:
        return easter_day(" ".join((g["eday"] or "").lower().split()), today), None, False, None
    if g["half"]:
        first_half = (g["hn"] or "") == "1" or (g["hw"] or "").lower() == "first"
        start, end = next_period(today, 1 if first_half else 7, 6, int(g["hny"] or g["hwy"] or 0))
        return start, end, True, None
    if g["qb"]:
        start, end = next_period(today, 3 * int(g["qb"]) - 2, 3, None)
    else:
        start, end = next_period(today, 1 if g["hb"] == "1" else 7, 6, None)
    return start, end, False, None


def _join_ranges(text: str, spans: list[DateSpan], today: date) -> list[DateSpan]:
    """'A to B' with two single dates becomes one range; B's year carries back to A when A has none."""
    out: list[DateSpan] = []
    i = 0
    while i < len(spans):
        a = spans[i]
        b = spans[i + 1] if i + 1 < len(spans) else None
        if (
            b
            and a.end is None
            and b.end is None
            and not a.end_only
            and a.start
            and b.start
            and not a.problem
            and not b.problem
            and (
                _RANGE_JOIN.match(text[a.stop : b.pos])
                or (b.end_only and W.end_named(text[a.stop : b.pos], b.text))
            )
        ):
            start, end = a.start, b.start
            if not a.has_year and b.has_year:
                start = start.replace(year=end.year) if _valid(end.year, start) else start
                if start > end:
                    start = start.replace(year=end.year - 1) if _valid(end.year - 1, start) else start
            elif a.has_year and not b.has_year and end < start:
                end = (
                    end.replace(year=start.year + (end.replace(year=start.year) < start))
                    if _valid(start.year + 1, end)
                    else end
                )
            elif not a.has_year and not b.has_year and end < start:
                for year in (start.year, start.year + 1):  # '20 November to 24 December': the same year first
                    if _valid(year, end) and end.replace(year=year) >= start:
                        end = end.replace(year=year)
                        break
            if b.end_only and b.start == _month_end(b.start.year, b.start.month):
                end = _month_end(end.year, end.month)  # 'until the end of Feb' in a leap year is the 29th
            moving = W.MOVING_DAYS.get(W.holiday_key(b.text))
            if moving and end.year != b.start.year:  # Black Friday moved to another year falls on another day
                end = nth_weekday(end.year, *moving)
            problem = None
            if end < start:
                problem = f"'{text[a.pos : b.stop]}': the end ({end}) is before the start ({start})"
            out.append(
                DateSpan(start, end, a.pos, b.stop, text[a.pos : b.stop], a.has_year or b.has_year, problem)
            )
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _valid(year: int, d: date) -> bool:
    try:
        d.replace(year=year)
    except ValueError:
        return False
    return True
