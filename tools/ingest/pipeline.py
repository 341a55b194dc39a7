"""Ingest results all-or-nothing: validate every line first, then append them to the log in one transaction.

Pass 1 checks each line (fields, program, campaign day, one currency per campaign, repeated ids) and stages the
event it becomes in a temporary SQLite file, so memory stays flat however long the input is. Only when every
line is good does pass 2 stream the staged events into the event log in one transaction (ids already in the log
are skipped: re-ingesting changes nothing). Then the cost events are committed to the spend ledger
(:func:`tools.ingest.spend.sync_costs`). A bad line fails the whole input with its line number; nothing of it
is applied.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.contracts import Event
from tools.events import EventLog
from tools.ingest.lines import LineError
from tools.ingest.resolve import ProgramDirectory, UnknownProgram
from tools.ingest.results import EVENT_PREFIX, ResultIn, to_event
from tools.ingest.spend import CostSync, sync_costs
from tools.spend import SpendLedger

MAX_REPORTED = 10
STAGE_BATCH = 2000
"""Bad lines listed in an error (the total is always given)."""


class IngestFailed(ValueError):
    """The input had bad lines; nothing of it was applied."""

    def __init__(self, label: str, errors: list[LineError], bad: int) -> None:
        first = "; ".join(str(e) for e in errors[:3])
        more = f" (first {min(3, len(errors))} shown)" if bad > 3 else ""
        super().__init__(f"{label}: {bad} bad line(s), nothing ingested{more}: {first}")
        self.errors = errors
        self.bad = bad


@dataclass
class IngestReport:
    """What an ingest did.

    Attributes:
        lines: Records read.
        new: Events appended to the log.
        already: Records whose id was already in the log or repeated in the input (changed nothing).
        by_type: Records per result type.
        costs: Ledger sync per campaign that had cost records.
    """

    lines: int = 0
    new: int = 0
    already: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    campaigns: list[str] = field(default_factory=list)
    costs: dict[str, CostSync] = field(default_factory=dict)

    @property
    def over_cap(self) -> list[Event]:
        """Cost events the ledger refused (alerts raised now)."""
        return [e for sync in self.costs.values() for e in sync.refused]

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "lines": self.lines,
            "new": self.new,
            "already_present": self.already,
            "by_type": self.by_type,
            "campaigns": self.campaigns,
            "spend": {
                c: {"committed": s.committed, "amount": s.amount, "refused": len(s.refused)}
                for c, s in self.costs.items()
            },
            "over_cap": [e.payload for e in self.over_cap],
        }


def _message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(x) for x in err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


def ingest_results(
    records: Iterable[tuple[int, dict[str, Any] | LineError]],
    *,
    events: EventLog,
    directory: ProgramDirectory,
    ledger: SpendLedger | None,
    source: str,
    label: str = "input",
) -> IngestReport:
    """Validate every record, then append them all (or nothing) and commit their costs.

    Args:
        records: ``(line number, fields)`` pairs (or a :class:`LineError` for an unreadable line).
        events: The event log.
        directory: Programs results may belong to.
        ledger: Spend ledger the costs go to (None: the log only, e.g. a dry run of the parser).
        source: ``source`` of the events (``ingest``, ``webhook``, ``hubspot``...).
        label: Names the input in errors (a file name).

    Raises:
        IngestFailed: when any line is bad (nothing is appended).
    """
    report = IngestReport()
    with tempfile.TemporaryDirectory(prefix="liftoff-ingest-") as tmp:
        stage = sqlite3.connect(Path(tmp) / "stage.db", isolation_level=None)
        try:
            stage.execute("PRAGMA journal_mode=OFF")
            stage.execute("PRAGMA synchronous=OFF")
            stage.execute(
                "CREATE TABLE staged (id TEXT PRIMARY KEY, line INTEGER NOT NULL, digest BLOB NOT NULL,"
                " event TEXT NOT NULL)"
            )
            stage.execute("BEGIN")
            errors, bad, currencies, kinds, campaigns = _stage(records, stage, directory, source, report)
            stage.execute("COMMIT")
            if bad:
                raise IngestFailed(label, sorted(errors, key=lambda e: e.line), bad)
            report.by_type = dict(sorted(kinds.items()))
            report.campaigns = sorted(campaigns)
            staged = stage.execute("SELECT event FROM staged ORDER BY line")
            report.new = events.append_many(Event.model_validate_json(row[0]) for row in staged)
            report.already = report.lines - report.new
        finally:
            stage.close()
    if ledger is not None:
        for campaign in sorted(currencies):
            report.costs[campaign] = sync_costs(events, ledger, campaign)
    return report


def _stage(
    records: Iterable[tuple[int, dict[str, Any] | LineError]],
    stage: sqlite3.Connection,
    directory: ProgramDirectory,
    source: str,
    report: IngestReport,
) -> tuple[list[LineError], int, dict[str, str | None], Counter[str], set[str]]:
    errors: list[LineError] = []
    bad = 0
    currencies: dict[str, str | None] = {}
    kinds: Counter[str] = Counter()
    campaigns: set[str] = set()

    def fail(err: LineError) -> None:
        nonlocal bad
        bad += 1
        if len(errors) < MAX_REPORTED:
            errors.append(err)

    batch: list[tuple[str, int, bytes, str, str, str]] = []

    def flush() -> None:
        """Stage a batch; a repeated id (same content: already staged; else an error) is found per row only then."""
        before = stage.total_changes
        stage.executemany(
            "INSERT OR IGNORE INTO staged (id, line, digest, event) VALUES (?, ?, ?, ?)",
            [row[:4] for row in batch],
        )
        all_new = stage.total_changes - before == len(batch)
        for eid, n, digest, _, kind, campaign in batch:
            if not all_new:
                first, first_digest = stage.execute(
                    "SELECT line, digest FROM staged WHERE id = ?", (eid,)
                ).fetchone()
                if first != n:
                    if first_digest != digest:
                        fail(
                            LineError(
                                n,
                                f"id {eid.removeprefix(EVENT_PREFIX)!r} repeats line {first} with"
                                " different content",
                            )
                        )
                    continue
            kinds[kind] += 1
            campaigns.add(campaign)
        batch.clear()

    for n, raw in records:
        report.lines += 1
        if isinstance(raw, LineError):
            fail(raw)
            continue
        try:
            result = ResultIn.model_validate(raw)
            ref, variant = directory.resolve(result)
            event = to_event(result, ref, source=source, variant=variant)
        except ValidationError as exc:
            fail(LineError(n, _message(exc)))
            continue
        except (UnknownProgram, ValueError) as exc:
            fail(LineError(n, str(exc)))
            continue
        if result.type == "cost":
            seen = currencies.setdefault(ref.campaign_id, result.currency)
            if seen != result.currency:
                fail(
                    LineError(
                        n,
                        f"currency {result.currency or 'none'} differs from {seen or 'none'} on an earlier"
                        f" cost of campaign {ref.campaign_id} (one currency per campaign)",
                    )
                )
                continue
        body = event.model_dump_json()
        batch.append(
            (
                event.id,
                n,
                hashlib.blake2b(body.encode(), digest_size=16).digest(),
                body,
                result.type,
                ref.campaign_id,
            )
        )
        if len(batch) >= STAGE_BATCH:
            flush()
    flush()
    return errors, bad, currencies, kinds, campaigns
