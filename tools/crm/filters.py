"""Segment filters: validated against the data dictionary, proven satisfiable, compiled to parameterised SQL.

A model never writes SQL. It names a field, an operator and a value; this module checks all three against
:data:`~tools.crm.dictionary.FIELDS`, rejects combinations no contact can satisfy (``gt 10`` with
``lt 5``, an empty ``in``, ``between`` upside down, a region outside the segment), and emits SQL whose only
identifiers come from the dictionary and whose values are all bound parameters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from graph.contracts import SegmentDefinition, SegmentFilter
from graph.contracts.consent import allowed_bases
from tools.crm.dictionary import COUNTRIES_BY_REGION, FIELDS, FieldSpec, filterable_fields
from tools.crm.errors import SegmentError

_RELATIVE = re.compile(r"^-(\d{1,5})d$")


@dataclass(frozen=True)
class CompiledFilters:
    """The filters of one segment as a SQL predicate over ``contacts c`` and the channel's ``consent k``.

    Attributes:
        sql: Boolean SQL expression ('1 = 1' when there are no filters).
        params: Values bound to its ``?`` placeholders, in order.
    """

    sql: str
    params: list[Any] = field(default_factory=list)


def compile_filters(definition: SegmentDefinition, *, as_of: date) -> CompiledFilters:
    """Validate a segment's filters and compile them (AND-ed) to SQL.

    Args:
        definition: The segment; its channel and regions bound the domain of some fields.
        as_of: Date relative dates ('-90d') count back from.

    Raises:
        SegmentError: naming the filter (1-based) and the problem.
    """
    parts: list[str] = []
    params: list[Any] = []
    by_field: dict[str, list[tuple[str, Any]]] = {}
    for i, flt in enumerate(definition.filters, start=1):
        spec = _spec(flt, i)
        value = _coerce(spec, flt, i, definition, as_of)
        by_field.setdefault(spec.name, []).append((flt.op, value))
        sql, args = _sql(spec, flt.op, value)
        parts.append(sql)
        params.extend(args)
    for name, conditions in by_field.items():
        _check_satisfiable(FIELDS[name], conditions, definition)
    return CompiledFilters(" AND ".join(parts) if parts else "1 = 1", params)


def _spec(flt: SegmentFilter, i: int) -> FieldSpec:
    spec = FIELDS.get(flt.field)
    if spec is None:
        raise SegmentError(
            f"filter {i}: unknown field {flt.field!r} (filterable: {', '.join(filterable_fields())})"
        )
    if not spec.filterable:
        why = "personal data" if spec.pii else "an internal key"
        raise SegmentError(f"filter {i}: field {flt.field!r} is {why} and cannot be filtered on")
    if flt.op not in spec.ops:
        raise SegmentError(
            f"filter {i}: operator {flt.op!r} is not allowed on {spec.name!r} ({spec.type}; allowed: {', '.join(spec.ops)})"
        )
    return spec


def _domain(spec: FieldSpec, definition: SegmentDefinition) -> tuple[str, ...]:
    """Values a finite field can take inside this segment."""
    regions = list(dict.fromkeys(definition.regions))
    if spec.name == "region":
        return tuple(regions)
    if spec.name == "country":
        return tuple(c for r in regions for c in COUNTRIES_BY_REGION[r])
    if spec.name == "consent_basis":
        usable = set().union(*(allowed_bases(r, definition.channel) for r in regions))
        return tuple(b for b in spec.values if b in usable)
    return spec.values


def _coerce(spec: FieldSpec, flt: SegmentFilter, i: int, definition: SegmentDefinition, as_of: date) -> Any:
    """Check the value's type and shape for the operator; return it normalised (dates as ``date``)."""
    op, raw = flt.op, flt.value
    where = f"filter {i} ({spec.name} {op})"
    if op in ("in", "not_in"):
        if not isinstance(raw, list):
            raise SegmentError(f"{where}: value must be a list, got {type(raw).__name__}")
        if not raw:
            raise SegmentError(f"{where}: the list is empty, so no contact can match")
        return [_scalar(spec, v, where, definition, as_of, op) for v in raw]
    if op == "between":
        if not isinstance(raw, list) or len(raw) != 2:
            raise SegmentError(f"{where}: value must be a list [low, high]")
        low, high = (_scalar(spec, v, where, definition, as_of, op) for v in raw)
        if _rank(spec, low) > _rank(spec, high):
            raise SegmentError(f"{where}: low {raw[0]!r} is above high {raw[1]!r}, so no contact can match")
        return [low, high]
    return _scalar(spec, raw, where, definition, as_of, op)


def _scalar(
    spec: FieldSpec, raw: Any, where: str, definition: SegmentDefinition, as_of: date, op: str
) -> Any:
    if spec.type in ("category", "ordinal", "tags"):
        if not isinstance(raw, str):
            raise SegmentError(f"{where}: value must be a string, got {raw!r}")
        if raw not in spec.values:
            raise SegmentError(
                f"{where}: {raw!r} is not a value of {spec.name!r} (allowed: {', '.join(spec.values)})"
            )
        domain = _domain(spec, definition)
        if op in ("eq", "in") and raw not in domain:
            raise SegmentError(
                f"{where}: {raw!r} can never match in this segment ({_domain_note(spec, definition)})"
            )
        return raw
    if spec.type == "date":
        return _date(raw, where, as_of)
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise SegmentError(f"{where}: value must be a number, got {raw!r}")
    if spec.type == "integer" and op in ("eq", "ne", "in", "not_in") and raw != int(raw):
        raise SegmentError(f"{where}: {spec.name!r} holds whole numbers, got {raw!r}")
    return raw


def _domain_note(spec: FieldSpec, definition: SegmentDefinition) -> str:
    regions = ", ".join(dict.fromkeys(definition.regions))
    if spec.name == "consent_basis":
        return f"{definition.channel} in {regions} accepts only {', '.join(_domain(spec, definition)) or 'nothing'}"
    return f"the segment's regions are {regions}"


def _date(raw: Any, where: str, as_of: date) -> date:
    if isinstance(raw, str):
        match = _RELATIVE.match(raw.strip())
        if match:
            return as_of - timedelta(days=int(match.group(1)))
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise SegmentError(f"{where}: value must be a date 'YYYY-MM-DD' or '-Nd' (N days ago), got {raw!r}")


def _rank(spec: FieldSpec, value: Any) -> float:
    """Order of a value in its field (ordinal position, day number, or the number itself)."""
    if spec.type == "ordinal":
        return spec.values.index(value)
    if isinstance(value, date):
        return value.toordinal()
    return float(value)


def _param(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _sql(spec: FieldSpec, op: str, value: Any) -> tuple[str, list[Any]]:
    col = spec.sql
    if spec.type == "tags":
        return f"{col} LIKE ?", [f"%,{value},%"]
    if spec.type == "ordinal" and op in ("gt", "gte", "lt", "lte", "between"):
        kept = [v for v in spec.values if _holds(op, _rank(spec, v), _ranks(spec, value))]
        return f"{col} IN ({', '.join('?' * len(kept))})", kept
    if op in ("in", "not_in"):
        marks = ", ".join("?" * len(value))
        return f"{col} {'IN' if op == 'in' else 'NOT IN'} ({marks})", [_param(v) for v in value]
    if op == "between":
        return f"{col} BETWEEN ? AND ?", [_param(v) for v in value]
    symbol = {"eq": "=", "ne": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}[op]
    return f"{col} {symbol} ?", [_param(value)]


def _ranks(spec: FieldSpec, value: Any) -> Any:
    return [_rank(spec, v) for v in value] if isinstance(value, list) else _rank(spec, value)


def _holds(op: str, x: float, v: Any) -> bool:
    """Does a value of rank ``x`` satisfy ``op`` against rank(s) ``v``?"""
    tests: dict[str, Callable[[], bool]] = {
        "eq": lambda: bool(x == v),
        "ne": lambda: bool(x != v),
        "gt": lambda: bool(x > v),
        "gte": lambda: bool(x >= v),
        "lt": lambda: bool(x < v),
        "lte": lambda: bool(x <= v),
        "between": lambda: bool(v[0] <= x <= v[1]),
        "in": lambda: x in v,
        "not_in": lambda: x not in v,
    }
    return tests[op]()


def _check_satisfiable(
    spec: FieldSpec, conditions: list[tuple[str, Any]], definition: SegmentDefinition
) -> None:
    """Raise when no single value of the field meets every condition on it."""
    text = " and ".join(f"{op} {value!r}" for op, value in conditions)
    if spec.type == "tags":
        return  # a contact may carry every tag at once
    if spec.type in ("category", "ordinal"):
        candidates: Iterable[float] = [
            _rank(spec, v) if spec.type == "ordinal" else spec.values.index(v)
            for v in _domain(spec, definition)
        ]
        conds = [
            (op, _ranks(spec, v) if spec.type == "ordinal" else _cat_ranks(spec, v)) for op, v in conditions
        ]
        if not any(all(_holds(op, x, v) for op, v in conds) for x in candidates):
            raise SegmentError(
                f"impossible filters on {spec.name!r}: no value satisfies {text} "
                f"({_domain_note(spec, definition)})"
            )
        return
    conds = [(op, _ranks(spec, v)) for op, v in conditions]
    if spec.type == "number":
        if not _interval_nonempty(conds, spec.minimum, spec.maximum):
            raise SegmentError(f"impossible filters on {spec.name!r}: no value satisfies {text}")
        return
    if not _discrete_nonempty(conds, spec.minimum, spec.maximum):  # integers and dates (day numbers)
        bounds = f" within {spec.minimum:g}..{spec.maximum:g}" if spec.maximum is not None else ""
        raise SegmentError(f"impossible filters on {spec.name!r}: no value{bounds} satisfies {text}")


def _cat_ranks(spec: FieldSpec, value: Any) -> Any:
    return [spec.values.index(v) for v in value] if isinstance(value, list) else spec.values.index(value)


def _interval_nonempty(conds: list[tuple[str, Any]], minimum: float | None, maximum: float | None) -> bool:
    lo, lo_open = (minimum if minimum is not None else -math.inf), False
    hi, hi_open = (maximum if maximum is not None else math.inf), False
    for op, v in conds:
        if op in ("gt", "gte") and (v > lo or (v == lo and op == "gt")):
            lo, lo_open = v, op == "gt"
        elif op in ("lt", "lte") and (v < hi or (v == hi and op == "lt")):
            hi, hi_open = v, op == "lt"
        elif op == "between":
            if v[0] > lo:
                lo, lo_open = v[0], False
            if v[1] < hi:
                hi, hi_open = v[1], False
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def _discrete_nonempty(conds: list[tuple[str, Any]], minimum: float | None, maximum: float | None) -> bool:
    lo = math.ceil(minimum) if minimum is not None else -(10**9)
    hi = math.floor(maximum) if maximum is not None else 10**9
    allowed: set[int] | None = None
    banned: set[float] = set()
    for op, v in conds:
        if op == "gt":
            lo = max(lo, math.floor(v) + 1)
        elif op == "gte":
            lo = max(lo, math.ceil(v))
        elif op == "lt":
            hi = min(hi, math.ceil(v) - 1)
        elif op == "lte":
            hi = min(hi, math.floor(v))
        elif op == "between":
            lo, hi = max(lo, math.ceil(v[0])), min(hi, math.floor(v[1]))
        elif op in ("eq", "in"):
            values = {int(x) for x in (v if isinstance(v, list) else [v])}
            allowed = values if allowed is None else allowed & values
        else:  # ne, not_in
            banned.update(v if isinstance(v, list) else [v])
    if allowed is not None:
        return any(lo <= x <= hi and x not in banned for x in allowed)
    return hi - lo + 1 > sum(1 for b in banned if lo <= b <= hi and b == int(b))
