"""Dates and lengths as Japanese, Chinese and Korean briefs write them: '2027年3月1日', '3月1日', '2027년 2월 1일',
'6週間', '6주', '30天', '2ヶ月'. Full-width digits read as digits. The range joiners ('〜', 'から', '부터', '至')
are read with the other languages' in ``month_names.RANGE_WORDS``."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s?[年년]\s?)?(?P<m>\d{1,2})\s?[月월]\s?(?P<d>\d{1,2})\s?(?:[日일号號])?(?!\d)"
)
"""Year (optional), month and day with their CJK markers: '2027年3月1日', '4月15日', '2027년 2월 1일', '3月1号'."""
_CJK_LENGTH = re.compile(
    r"(?P<n>\d{1,3})\s?(?P<unit>週間|週|周|주일?|주간|日間|日|天|일간|일|ヶ月|か月|カ月|ケ月|个月|個月|개월|달)"
    r"(?![\d年년月월])"
)
"""A length after its number: '6週間', '6주', '30日間', '45天', '2ヶ月', '2개월' (a bare '15日' after a month is a
day, not a length: the date reader takes it first)."""
_UNIT_DAYS = {
    "週間": 7,
    "週": 7,
    "周": 7,
    "주": 7,
    "주일": 7,
    "주간": 7,
    "日間": 1,
    "日": 1,
    "天": 1,
    "일간": 1,
    "일": 1,
}
_UNIT_MONTHS = ("ヶ月", "か月", "カ月", "ケ月", "个月", "個月", "개월", "달")


@dataclass(frozen=True)
class CjkDate:
    """A CJK-written date: year (None when not written), month, day and where its words are."""

    year: int | None
    month: int
    day: int
    pos: int
    stop: int


@dataclass(frozen=True)
class CjkLength:
    """A CJK-written length: days (30 per month, as ``durations``), calendar months when said in months."""

    days: int
    months: int
    pos: int
    stop: int


def cjk_dates(text: str) -> list[CjkDate]:
    """Every CJK-written date in ``text``, in order."""
    return [
        CjkDate(int(m["y"]) if m["y"] else None, int(m["m"]), int(m["d"]), m.start(), m.end())
        for m in _CJK_DATE.finditer(text)
        if 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31
    ]


def cjk_lengths(text: str) -> list[CjkLength]:
    """Every CJK-written length in ``text`` not inside a date ('6주', '6週間', '2ヶ月'), in order."""
    dates = [(d.pos, d.stop) for d in cjk_dates(text)]
    out = []
    for m in _CJK_LENGTH.finditer(text):
        if any(s <= m.start() < e for s, e in dates):
            continue
        n, unit = int(m["n"]), m["unit"]
        months = n if unit in _UNIT_MONTHS else 0
        out.append(CjkLength(n * _UNIT_DAYS.get(unit, 30), months, m.start(), m.end()))
    return out
