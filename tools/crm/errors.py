"""Errors of the CRM tools; each message names the problem and, where there is one, the fix."""

from __future__ import annotations


class SegmentError(ValueError):
    """A segment definition is invalid: unknown field or operator, wrong value type, impossible filter."""


class EmptyStoreError(RuntimeError):
    """The CRM store holds no contacts yet."""


class ExportError(RuntimeError):
    """A list cannot be exported (unknown list, wrong store, region outside the list)."""


def describe_validation_error(exc: Exception) -> str:
    """One line naming where a pydantic validation error is and what is wrong (first three problems)."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc)
    parts = []
    for err in errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ())) or "value"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)
