"""Read result lines from a JSONL or CSV file, streaming, each with its line number.

JSONL: one JSON object per line (blank lines are skipped). CSV: a header row naming the fields (``id``,
``program_id`` or ``url``, ``type``, ``at``, optional ``count``, ``amount``, ``currency``); empty cells are absent
values. The format comes from the suffix (``.jsonl``/``.ndjson``/``.json`` or ``.csv``), else from the first
character of the file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tools.ingest.results import ResultIn

FIELDS = tuple(ResultIn.model_fields)


class LineError(ValueError):
    """One bad line: its number and the problem."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def detect_format(path: Path) -> str:
    """Return ``jsonl`` or ``csv``.

    Raises:
        ValueError: when the file is empty or neither format.
    """
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    with path.open("r", encoding="utf-8-sig") as fh:
        for line in fh:
            if line.strip():
                return "jsonl" if line.lstrip().startswith("{") else "csv"
    raise ValueError(f"{path} is empty")


def read_lines(path: Path, fmt: str | None = None) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    """Yield ``(line number, raw fields)`` per record, or ``(line number, LineError)`` for an unreadable one."""
    fmt = fmt or detect_format(path)
    if fmt == "jsonl":
        yield from _jsonl(path)
    elif fmt == "csv":
        yield from _csv(path)
    else:
        raise ValueError(f"unknown format {fmt!r} (jsonl or csv)")


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, LineError(n, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield n, LineError(n, f"expected a JSON object, got {type(obj).__name__}")
                continue
            yield n, obj


def _csv(path: Path) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header: list[str] | None = None
        for row in reader:
            n = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [h.strip().lower() for h in row]
                unknown = [h for h in header if h not in FIELDS]
                dupes = sorted({h for h in header if header.count(h) > 1})
                if unknown or dupes:
                    problem = (
                        f"unknown column(s) {', '.join(map(repr, unknown))}"
                        if unknown
                        else f"repeated column(s) {', '.join(dupes)}"
                    )
                    raise LineError(n, f"{problem} in the CSV header (known: {', '.join(FIELDS)})")
                continue
            if len(row) != len(header):
                yield n, LineError(n, f"{len(row)} cells, the header has {len(header)}")
                continue
            yield n, {k: v for k, v in zip(header, row, strict=True) if v.strip() != ""}
