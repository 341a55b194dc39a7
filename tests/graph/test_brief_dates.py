"""Campaign dates as marketers write them: families of phrasings, each read through the offline engine."""

from __future__ import annotations

from datetime import date

import pytest

from graph.models.offline.handlers import extract_brief

TODAY = "2026-12-07"


def _dates(text: str) -> tuple[date | None, date | None, int | None]:
    got = extract_brief({"brief_text": text, "today": TODAY})

    def day(v: object) -> date | None:
        return date.fromisoformat(v) if isinstance(v, str) else None  # type: ignore[return-value]

    return day(got.get("start_date")), day(got.get("end_date")), got.get("duration_days")


D = date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # a month, then a day range
        ("Email and Instagram, Oct 1–31, 2027, $5k.", D(2027, 10, 1), D(2027, 10, 31)),
        ("We run June 3-20 on TikTok.", D(2027, 6, 3), D(2027, 6, 20)),
        ("Ads to golfers in Ohio, November 22 to 29, 2027.", D(2027, 11, 22), D(2027, 11, 29)),
        # between A and B
        ("Send between 3 and 17 May 2027.", D(2027, 5, 3), D(2027, 5, 17)),
        ("Between the 2nd and the 9th of March, please.", D(2027, 3, 2), D(2027, 3, 9)),
        # whole months and lists of months
        ("Run all of February 2027.", D(2027, 2, 1), D(2027, 2, 28)),
        ("The ads run throughout March.", D(2027, 3, 1), D(2027, 3, 31)),
        ("50 orders over April and May 2027.", D(2027, 4, 1), D(2027, 5, 31)),
        ("$2k a month for April, May and June 2027.", D(2027, 4, 1), D(2027, 6, 30)),
        ("Booked for the whole of August.", D(2027, 8, 1), D(2027, 8, 31)),
        # an end given as the end of a month
        ("From 1 March to the end of May 2027.", D(2027, 3, 1), D(2027, 5, 31)),
        ("Live from 15 March until the end of June 2027.", D(2027, 3, 15), D(2027, 6, 30)),
        ("Timing: launch April 19, 2027, through end of June.", D(2027, 4, 19), D(2027, 6, 30)),
        # European numeric ranges, other languages' 'to'
        ("Flight: 01.03.-30.06.2027.", D(2027, 3, 1), D(2027, 6, 30)),
        ("Zeitraum: 01.04.2027 bis 30.04.2027.", D(2027, 4, 1), D(2027, 4, 30)),
        # a fixed-day holiday as the end
        ("Live from 8 December until Christmas Eve.", D(2026, 12, 8), D(2026, 12, 24)),
        ("Runs 2 October to Halloween 2027.", D(2027, 10, 2), D(2027, 10, 31)),
        # start and end joined by words
        ("Start 1 February 2027, end 14 March 2027.", D(2027, 2, 1), D(2027, 3, 14)),
        ("start 9 december run till 23 december", D(2026, 12, 9), D(2026, 12, 23)),
        ("Campaign start: 4 January 2027\nCampaign end: 28 February 2027", D(2027, 1, 4), D(2027, 2, 28)),
        # a range without years that crosses no year boundary stays in one year
        ("20 November to 24 December, Facebook.", D(2027, 11, 20), D(2027, 12, 24)),
        ("15 December to 10 January.", D(2026, 12, 15), D(2027, 1, 10)),
    ],
)
def test_date_ranges(text: str, start: date, end: date) -> None:
    assert _dates(text)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "days"),
    [
        ("From the third of May for four weeks.", D(2027, 5, 3), 28),
        ("Starting the twenty-first of June, for 2 weeks.", D(2027, 6, 21), 14),
        ("Kick-off 11 January 2027, a 4-week push.", D(2027, 1, 11), 28),
        ("Launch 11 January 2027, a six-week social campaign.", D(2027, 1, 11), 42),
        ("From 11 January 2027 for a week.", D(2027, 1, 11), 7),
        ("From 11 January 2027, six weeks only.", D(2027, 1, 11), 42),
    ],
)
def test_a_start_and_a_length(text: str, start: date, days: int) -> None:
    got = _dates(text)
    assert (got[0], got[2]) == (start, days)


@pytest.mark.parametrize(
    "text",
    [
        "Selling the Explorer 12-day cruise from 4 January 2027.",
        "Promote the 30-day meal plan, from 4 January 2027.",
        "For parents who cook 3+ nights a week, from 4 January 2027.",
        "Spend $3,000 a month from 4 January 2027.",
        "We want 300 day-pass purchases from 4 January 2027.",
        "Win back members who lapsed in the last 12 months, from 4 January 2027.",
    ],
)
def test_lengths_that_describe_a_thing_or_a_rate_are_not_the_campaigns(text: str) -> None:
    assert _dates(text) == (D(2027, 1, 4), None, None)


def test_a_pasted_email_header_date_is_not_the_campaign_start() -> None:
    text = (
        "---------- Forwarded message ---------\nFrom: Aisha\nDate: Thu, 3 Dec 2026 at 16:02\nSubject: brief\n\n"
        "Sell the Bloom kit to gardeners in the UK. Live from 15 March 2027 for six weeks."
    )
    assert _dates(text) == (D(2027, 3, 15), D(2027, 4, 25), 42)


def test_a_range_is_preferred_to_a_bare_later_day_and_a_start_cue_to_a_bare_range() -> None:
    assert _dates("We want leads between February 15 and April 15, 2027. Planting starts around April 20.")[
        :2
    ] == (
        D(2027, 2, 15),
        D(2027, 4, 15),
    )
    assert _dates("- launch Monday 11 Jan, six weeks\n- AOB: Gareth on leave 20-24 Dec") == (
        D(2027, 1, 11),
        D(2027, 2, 21),
        42,
    )


def test_an_audience_stops_where_the_dates_begin() -> None:
    got = extract_brief(
        {"brief_text": "Email to runners in the US, November 22 to 29, 2027. Budget $5k.", "today": TODAY}
    )
    assert got["audience"] == "runners in the US" and got["start_date"] == "2027-11-22"
