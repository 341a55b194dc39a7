"""Calendar arithmetic behind the date phrases marketers write: Easter, calendar months, parts of a month, quarters
and halves of a year. Pure functions of dates; the phrases themselves are read in ``when``."""

from __future__ import annotations

from datetime import date, timedelta


def easter_sunday(year: int) -> date:
    """Western (Gregorian) Easter Sunday of ``year`` (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


EASTER_DAYS = {
    "good friday": -2,
    "easter saturday": -1,
    "easter sunday": 0,
    "easter day": 0,
    "easter monday": 1,
}
"""Days named after Easter, as offsets from Easter Sunday."""


def easter_day(name: str, today: date) -> date:
    """The next ``name`` ('good friday', 'easter monday') on or after ``today``."""
    offset = EASTER_DAYS[name]
    for year in (today.year, today.year + 1):
        day = easter_sunday(year) + timedelta(days=offset)
        if day >= today:
            return day
    return easter_sunday(today.year + 1) + timedelta(days=offset)


def easter_weekend(today: date) -> tuple[date, date]:
    """The next Easter weekend, Good Friday to Easter Monday (the bank-holiday weekend), not yet over."""
    for year in (today.year, today.year + 1):
        sunday = easter_sunday(year)
        if sunday + timedelta(days=1) >= today:
            return sunday - timedelta(days=2), sunday + timedelta(days=1)
    sunday = easter_sunday(today.year + 1)
    return sunday - timedelta(days=2), sunday + timedelta(days=1)


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later (the month's last day when it has no such day)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return min(date(year, month, 1) + timedelta(days=start.day - 1), month_end(year, month))


def months_from(start: date, months: int) -> date:
    """The last day of a run of ``months`` calendar months from ``start`` ('from 3 May for a month' ends 2 June)."""
    return add_months(start, months) - timedelta(days=1)


def month_part(year: int, month: int, edge: str, unit: str, count: int) -> tuple[date, date]:
    """'the first two weeks of June' (edge 'first', unit 'week', 2), 'the last 10 days of March', 'the second half
    of May': the days of that part of the month."""
    first, last = date(year, month, 1), month_end(year, month)
    if unit == "half":
        middle = date(year, month, 15)
        return (first, middle) if edge == "first" else (middle + timedelta(days=1), last)
    days = count * (7 if unit == "week" else 14 if unit == "fortnight" else 1)
    days = min(days, last.day)
    if edge == "first":
        return first, first + timedelta(days=days - 1)
    return last - timedelta(days=days - 1), last


def next_period(today: date, first_month: int, months: int, year: int | None) -> tuple[date, date]:
    """A quarter or half of a year ('Q2', 'H1 2027'): the stated year's, else the next one not yet begun."""
    if year is None:
        year = today.year if date(today.year, first_month, 1) >= today else today.year + 1
    start = date(year, first_month, 1)
    return start, months_from(start, months)


def nth_weekday(year: int, month: int, weekday: int, n: int, after: int = 0) -> date:
    """The nth ``weekday`` (Monday 0) of a month, n = -1 for the last, plus ``after`` days: (2027, 9, 0, 1) is
    Labor Day 2027, 6 September; (2027, 11, 3, 4, 1) is Black Friday, 26 November."""
    if n > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    else:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        day = last - timedelta(days=(last.weekday() - weekday) % 7)
    return day + timedelta(days=after)
