"""Numbers compared by what they promise, where 'the same number or less' is not the right test.

* Time windows: an allowance (a return or refund window, a trial, a warranty, how long something lasts) promises
  more when longer; a speed (delivery, processing, response, results) promises more when shorter. A window may
  be weakened, never strengthened, and units of time convert ('two weeks' is '14 days').
* A bare approved number may not gain 'at least', 'more than' or '+' (the claim becomes a floor it never was).
* A discount ('25% off') may be stated smaller; a price floor ('from €299') may be stated higher, never lower.
"""

from __future__ import annotations

from dataclasses import replace

from guards.quantities import Quantity

_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86_400, "week": 604_800}
_MONTHS = {"month": 1, "year": 12}
TIME_UNITS = frozenset(_SECONDS) | frozenset(_MONTHS) | {"business day"}
_UPPER = ("less_than", "at_most", "up_to")
_WINDOW_LEADS = frozenset({"for", "in", "within", "under", "after", "inside"})
_CURRENCIES = frozenset({"USD", "GBP", "EUR", "JPY", "CAD", "AUD", "pence", "cent"})
_FLOOR_WORDS = ("from", "starting", "starts")
_NOTICE = frozenset({"before", "prior", "ahead", "beforehand", "notice"})


def convert(q: Quantity, unit: str | None) -> Quantity | None:
    """``q`` expressed in ``unit`` when both are units of time that convert exactly, else None."""
    if q.unit == unit or q.unit is None or unit is None:
        return None
    for table in (_SECONDS, _MONTHS):
        if q.unit in table and unit in table:
            return replace(q, value=q.value * table[q.unit] / table[unit], unit=unit)
    return None


def is_window(p: Quantity, q: Quantity) -> bool:
    """True when both quantities are time windows ('within 30 days', 'in under 5 minutes', 'for 72 hours')."""
    if (
        p.unit not in TIME_UNITS
        or q.unit != p.unit
        or p.condition
        or q.condition
        or p.direction
        or q.direction
    ):
        return False
    windowed = p.before in _WINDOW_LEADS or p.qualifier in _UPPER or "-" in p.text or p.before in ("a", "an")
    return windowed


def window_entails(p: Quantity, q: Quantity, *, allowance: bool) -> str | None:
    """None when approved window ``p`` backs claimed window ``q``, else why not.

    A notice period ('up to 24 hours *before* departure') promises more when shorter, whatever the sentence is
    about.
    """
    if p.after in _NOTICE:
        allowance = False
    a, b = p.value, q.value
    close = abs(a - b) <= 1e-9 * max(1.0, abs(a))
    if p.qualifier == "up_to" and q.qualifier in ("exact", "at_least", "more_than") and close:
        return f"drops 'up to' from the approved '{p.text}'"
    if p.qualifier == "approx" and q.qualifier != "approx" and close:
        return f"drops 'about' from the approved '{p.text}'"
    if q.qualifier == "approx" and p.qualifier != "approx":
        return f"'{q.text}' is vaguer than the approved '{p.text}' (it may be more)"
    if allowance:
        if q.qualifier in ("at_least", "more_than") and not close and b > a:
            return f"'{q.text}' promises a longer window than the approved '{p.text}'"
        if q.qualifier in ("at_least", "more_than") and p.qualifier in _UPPER:
            return f"'{q.text}' turns the approved limit '{p.text}' into a minimum"
        if b <= a or close:
            return None
        return f"'{q.text}' promises a longer window than the approved '{p.text}'"
    if q.qualifier in ("at_least", "more_than"):
        return f"'{q.text}' does not match the approved '{p.text}'"
    if b >= a or close:
        return None
    return f"'{q.text}' promises a faster result than the approved '{p.text}'"


def strength(p: Quantity, q: Quantity) -> str | None | bool:
    """The verdict of the rules above for an approved ``p`` and claimed ``q`` with the same unit: None (backed),
    a reason (not backed), or False when these rules do not apply (compare the usual way)."""
    a, b = p.value, q.value
    close = abs(a - b) <= 1e-9 * max(1.0, abs(a))
    if p.direction == "off" and q.direction == "off" and p.qualifier == "exact" and q.qualifier == "exact":
        return None if b <= a else f"'{q.text}' is a bigger discount than the approved '{p.text}'"
    if p.unit in _CURRENCIES and p.qualifier == "at_least" and p.text.lower().startswith(_FLOOR_WORDS):
        if q.qualifier in ("at_least", "exact") and (b >= a or close):
            return None
        return f"'{q.text}' is a lower price than the approved '{p.text}'"
    if (
        p.qualifier == "exact"
        and q.qualifier in ("at_least", "more_than")
        and close
        and not q.text.lower().startswith(_FLOOR_WORDS)
    ):
        return f"'{q.text}' turns the approved figure '{p.text}' into a floor ('at least', 'more than', '+')"
    return False
