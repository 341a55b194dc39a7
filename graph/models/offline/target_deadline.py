"""A target's deadline as the campaign's end ('1,500 account openings by end of Feb', '300 leads by 15 March'):
read only when the brief gives a start and neither an end nor a length, so the plan runs until the day the
marketer wants the number by instead of a default length that stops short of it."""

from __future__ import annotations

import re
from datetime import date

from graph.models.offline.kpi_money import CAP_AFTER
from graph.models.offline.when import find_date_spans

_BY = re.compile(r"[ \t]*,?[ \t]*(?:by|before|until|till)\s+(?P<when>[^.;!?\n]{1,40})", re.I)
_LONGEST_DAYS = 365


def target_deadline(
    text: str, target_ends: tuple[int, ...], start: date, today: date, day_first: bool | None
) -> tuple[date, int, int] | None:
    """(end, where its words start, where they stop) of the latest deadline said right after a target, read as
    the end of a run from ``start`` (so 'end of Feb' is the last day of the February after the start): the run lasts
    until the last target is due ('200 pre-orders by 15 March and 1,000 orders by end of May' ends 31 May)."""
    probe = f"from {start.day} {start:%B} {start.year} until "
    found: list[tuple[date, int, int]] = []
    for pos in target_ends:
        cap = CAP_AFTER.match(text[pos:])  # '$5 or less by Labor Day': the cap's words come first
        m = _BY.match(text, pos + (cap.end() if cap else 0))
        if not m:
            continue
        joined = next(
            (sp for sp in find_date_spans(probe + m["when"], today, day_first) if sp.pos == len("from ")),
            None,
        )
        if joined is None or joined.end is None or joined.stop <= len(probe):
            continue
        if start < joined.end and (joined.end - start).days <= _LONGEST_DAYS:
            found.append((joined.end, m.start("when"), m.start("when") + joined.stop - len(probe)))
    return max(found, default=None)
