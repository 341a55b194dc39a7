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

MONTHS = {
    m: i
    for i, m in enumerate(
        [
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
        ],
        start=1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])\.?"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1\d{3}|2\d{3}|9\d{3})"
_SEP = r"\s*(?:-|–|—|→|->|to|until|till|through|thru)\s*"

_PATTERNS = re.compile(
    rf"(?P<iso>\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b)"
    rf"|(?P<num>\b(?P<n1>\d{{1,2}})(?P<ns>[./])(?P<n2>\d{{1,2}})(?P=ns)(?P<n3>\d{{4}})\b)"
    rf"|(?P<dayrange>\b(?P<dr1>{_DAY}){_SEP}(?P<dr2>{_DAY})\s+(?:of\s+)?(?P<drm>{_MON})(?:,?\s+(?P<dry>{_YEAR}))?\b)"
    rf"|(?P<monrange>\b(?P<mr1>{_MON}){_SEP}(?P<mr2>{_MON}),?\s+(?P<mry>{_YEAR})\b)"
    rf"|(?P<md>\b(?P<mdm>{_MON})\s+(?P<mdd>{_DAY})\b(?:,?\s+(?P<mdy>{_YEAR})\b)?)"
    rf"|(?P<dm>\b(?P<dmd>{_DAY})\s+(?:of\s+)?(?P<dmm>{_MON})(?:,?\s+(?P<dmy>{_YEAR}))?\b)"
    rf"|(?P<monyear>\b(?P<mym>{_MON})\s+(?P<myy>{_YEAR})\b)"
    rf"|(?P<quarter>\bQ(?P<q>[1-4])\s+(?P<qy>{_YEAR})\b)",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(
    rf"^{_SEP}$|^\s*(?:and|&)\s*$"
    r"|^,?\s*(?:and\s+)?(?:(?:running|runs?|lasting|going|continuing)\s+(?:until|till|through|thru|to)"
    r"|(?:ending|ends?|finishing|closing)(?:\s+on)?)\s*$",
    re.IGNORECASE,
)  # 'Starting 4 January 2027, running until 31 January 2027', '1 March, ending 30 April'

_DURATION_RE = re.compile(
    r"(?P<neg>[-−](?=\d)|minus\s+|negative\s+)?\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|a|an)(?:(?<=\d)\s?|[\s-]+)(?P<unit>day|week|month|quarter|wk|mth|mo)s?\b(?!\s+(?:before|after|ago|notice)|-\w)",
    re.IGNORECASE,
)
_WORD_NUMS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "wk": 7, "mth": 30, "mo": 30}


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


def _month(raw: str) -> int:
    return MONTHS[raw.lower().rstrip(".")[:3] if raw.lower()[:4] != "sept" else "sept"]


def _day(raw: str) -> int:
    return int(re.match(r"\d+", raw).group(0))  # type: ignore[union-attr]


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


_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _month_end(y: int, m: int) -> date:
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def find_date_spans(text: str, today: date, day_first: bool | None) -> list[DateSpan]:
    """Dates and ranges in order of appearance.

    Args:
        text: Brief text (quoted copy already removed).
        today: Reference date: a date without a year is the next one on or after it.
        day_first: How to read '04/05/2027' (True: 4 May; False: April 5; None: ask when it could be either).
    """
    spans: list[DateSpan] = []
    for m in _PATTERNS.finditer(text):
        g, words = m.groupdict(), m.group(0)
        problem: str | None = None
        start = end = None
        has_year = True
        if g["iso"]:
            y, mo, d = (int(x) for x in g["iso"].split("-"))
            start, problem = (
                _make(y, mo, d, today, words) if 1 <= mo <= 12 else (None, f"'{words}' is not a date")
            )
        elif g["num"]:
            a, b, y = int(g["n1"]), int(g["n2"]), int(g["n3"])
            if g["ns"] == "." or a > 12:
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
            has_year = raw_y is not None
            start, problem = _make(int(raw_y) if raw_y else None, mo, d, today, words)
        elif g["monyear"]:
            y, mo = int(g["myy"]), _month(g["mym"])
            start, problem = _make(y, mo, 1, today, words)
            if start and not problem:
                end = _month_end(y, mo)
        elif g["quarter"]:
            y, q = int(g["qy"]), int(g["q"])
            start, problem = _make(y, 3 * q - 2, 1, today, words)
            if start and not problem:
                end = _month_end(y, 3 * q)
        spans.append(DateSpan(start, end, m.start(), m.end(), words, has_year, problem))
    return _join_ranges(text, spans, today)


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
            and a.start
            and b.start
            and not a.problem
            and not b.problem
            and _RANGE_JOIN.match(text[a.stop : b.pos])
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
                # the end is the first such day on or after the start ('20 November to 24 December')
                same = end.replace(year=start.year) if _valid(start.year, end) else end
                end = (
                    same
                    if same >= start
                    else end.replace(year=start.year + 1)
                    if _valid(start.year + 1, end)
                    else end
                )
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


@dataclass(frozen=True)
class Duration:
    """A stated length of the campaign."""

    days: int
    pos: int
    stop: int
    text: str
    problem: str | None = None


def find_durations(text: str) -> list[Duration]:
    """Stated durations ('6 weeks', 'a two-month push', 'a 45-day run'); a negative one is a problem."""
    out = []
    for m in _DURATION_RE.finditer(text):
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else _WORD_NUMS[raw]
        days = n * UNIT_DAYS[m.group("unit").lower()]
        problem = None
        if m.group("neg"):
            problem = f"'{m.group(0).strip()}' is a negative duration"
        elif days < 1 or days > 730:
            problem = f"'{m.group(0).strip()}' is not a campaign length Liftoff can plan (1 to 730 days)"
        out.append(Duration(days, m.start(), m.end(), m.group(0).strip(), problem))
    return out
