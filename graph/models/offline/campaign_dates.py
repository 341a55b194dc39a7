"""Which of a brief's dates are the campaign's run: a labelled date first, then the best-ranked by how its clause
presents it (the campaign's start, a start, nothing said, some other day); a run already over, an event or a
deadline is not it; a month or season named as the run when no day is; the end from a second labelled date, an
event counted back or the stated length; the length from the two ends when both are known."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from graph.models.offline.calendar_days import months_from
from graph.models.offline.date_roles import (
    anchor_day,
    date_role,
    email_header_lines,
    ends_run,
    inside_any,
    inside_span,
    rank_date,
    until_event,
)
from graph.models.offline.loose_dates import SOUTHERN, loose_spans
from graph.models.offline.segments import Segment
from graph.models.offline.target_deadline import target_deadline
from graph.models.offline.when import DateSpan, find_date_spans, find_durations


def _not_past(text: str, sp: DateSpan, today: date) -> bool:
    """Not a run already over ('last year's campaign ran 1-20 March 2026') nor a past day that starts nothing
    ('Meeting notes, 4 December 2026'); a past start said as one ('started 1 December') is still the run's."""
    return sp.start is not None and (
        (sp.end or sp.start) >= today or (sp.end is None and date_role(text, sp.pos) <= 1)
    )


@dataclass
class CampaignDates:
    """The campaign's run as the brief states it, the problems found and the words each came from."""

    start: date | None = None
    end: date | None = None
    days: int | None = None
    problems: list[str] = field(default_factory=list)
    facts: list[tuple[str, str, int, int]] = field(default_factory=list)
    """(field, value, start, end) of each fact: the dates chosen and the length used."""


def read_dates(
    text: str,
    segments: list[Segment],
    today: date,
    day_first: bool | None,
    countries: list[str],
    duration_text: str,
    target_ends: tuple[int, ...] = (),
) -> CampaignDates:
    """The campaign's start, end and length (days, both ends counted) from a brief.

    Args:
        text: The brief with quoted copy and the audience masked.
        segments: Its labelled parts ('Timing:', 'Dates:'): a labelled date comes first.
        today: A date without a year is the next one on or after it.
        day_first: How to read '04/05/2027' (from the brief's currency or market; None: ask).
        countries: The brief's markets (a southern-hemisphere market turns the seasons round).
        duration_text: The text lengths are read from (a length inside the product's name masked).
        target_ends: Where each KPI target's words end: a deadline said right after one ('by end of Feb') is the
            end when the brief gives no other.
    """
    out = CampaignDates()
    spans = find_date_spans(text, today, day_first)
    headers = email_header_lines(text)
    labelled = [(s.start, s.end) for s in segments if s.field == "dates" and not inside_any(s.start, headers)]
    spans = [sp for sp in spans if not inside_any(sp.pos, headers)]

    def in_label(sp: DateSpan) -> bool:
        return any(s <= sp.pos < e for s, e in labelled)

    for sp in spans:
        if sp.problem:
            out.problems.append(f"dates: {sp.problem}")
    # a day the brief names for something else (the event, a deadline, the anchor of 'two weeks before') is not
    # the campaign's start
    good = [
        sp
        for sp in spans
        if not sp.problem
        and sp.start
        and (in_label(sp) or not anchor_day(text, sp.pos))
        and _not_past(text, sp, today)
    ]
    loose = not good and not any(sp.problem for sp in spans)
    if loose:  # no day stated: a month or season named as the run ('In January we want …', 'For spring …')
        south = bool(SOUTHERN.intersection(countries))
        good = [sp for sp in loose_spans(text, today, south) if not inside_any(sp.pos, headers)][:1]
    ordered = [sp for sp in good if in_label(sp)] + sorted(
        (sp for sp in good if not in_label(sp)), key=lambda sp: rank_date(date_role(text, sp.pos), sp)
    )
    start = end = None
    chosen: list[DateSpan] = []
    if ordered:
        first = ordered[0]
        start, end = first.start, first.end
        chosen.append(first)
        if end is None:
            rest = [
                sp
                for sp in ordered[1:]
                if in_label(sp)
                and in_label(first)
                and sp.end is None
                and (date_role(text, sp.pos) != 3 or ends_run(text, sp.pos))
            ]
            if rest and rest[0].start:
                end = rest[0].start
                chosen.append(rest[0])
                if start and end < start:
                    out.problems.append(f"dates: the end ({end}) is before the start ({start})")
                    start = end = None
    if start and end is None and chosen:
        anchored = until_event(text, chosen[0], [sp for sp in spans if not sp.problem and sp.start])
        if anchored and anchored[0] >= start:
            end = anchored[0]
            chosen.append(anchored[1])
    durations = [d for d in find_durations(duration_text) if not inside_span(d.pos, chosen)]
    for d in durations:
        if d.problem:
            out.problems.append(f"dates: {d.problem}")
    duration = next((d for d in durations if not d.problem), None)
    if (
        loose and duration and start
    ):  # 'in March, for three weeks': the month gives the start, the length the end
        end = None
    if duration and start and end and abs((end - start).days + 1 - duration.days) > 3:
        duration = (
            None  # 'Q1' then 'installs take about two days': the dates say how long; that length is not it
        )
    deadline = (
        target_deadline(text, target_ends, start, today, day_first)
        if start and not (end or duration)
        else None
    )
    if deadline:  # '1,500 account openings by end of Feb': the run lasts until the target is due
        end = deadline[0]
        out.facts.append(("dates", f"end {end} (the target's deadline)", deadline[1], deadline[2]))
    days = duration.days if duration else None
    if start and not end and duration and duration.months:  # 'from 3 May for a month' ends 2 June
        end = months_from(start, duration.months)
    elif start and not end and days:
        end = start + timedelta(days=days - 1)
    if start and end and end >= start:
        days = (end - start).days + 1
    if days is not None and not 1 <= days <= 730:
        out.problems.append(
            f"dates: a campaign of {days} days is not something Liftoff can plan (1 to 730 days)"
        )
        start = end = None
        days = None
    out.start, out.end, out.days = start, end, days
    for sp in chosen:
        out.facts.append(("dates", f"{sp.start}" + (f" to {sp.end}" if sp.end else ""), sp.pos, sp.stop))
    if duration:
        out.facts.append(("duration_days", f"{duration.days} days", duration.pos, duration.stop))
    return out
