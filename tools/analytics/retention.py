"""Retention: purge PII-bearing records once they are older than the configured time.

What holds PII in a Liftoff state directory: events flagged ``pii`` (their payload is blanked by
:meth:`tools.events.EventLog.purge_pii`), and files under the directories named in :data:`PII_DIRS`
(list exports for channels, audit-trail exports), which are deleted when their last change is older
than the cutoff.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tools.events import EventLog

PII_DIRS: tuple[str, ...] = ("exports", "audit")
"""Directories under the state directory whose files may hold PII."""


@dataclass(frozen=True)
class PurgeReport:
    """What a purge removed.

    Attributes:
        cutoff: Records older than this (ISO, UTC) were purged.
        events_purged: PII events whose payload was blanked.
        files_removed: Files deleted.
    """

    cutoff: str
    events_purged: int
    files_removed: list[str] = field(default_factory=list)


def pii_locations(home: Path) -> list[Path]:
    """The PII-bearing directories of a state directory (existing or not)."""
    return [home / name for name in PII_DIRS]


def purge(
    events: EventLog, older_than: timedelta, *, dirs: Iterable[Path] = (), now: datetime | None = None
) -> PurgeReport:
    """Blank PII events and delete PII files older than ``older_than``.

    Args:
        events: The event log.
        older_than: Age beyond which PII records go.
        dirs: Directories whose files hold PII (missing ones are skipped).
        now: The current time (for tests).

    Raises:
        ValueError: when ``older_than`` is negative.
    """
    if older_than < timedelta(0):
        raise ValueError(f"older_than must not be negative, got {older_than}")
    now = now or datetime.now(UTC)
    cutoff = now - older_than
    purged = events.purge_pii(older_than, now=now)
    removed = []
    for directory in dirs:
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.is_file() and datetime.fromtimestamp(path.stat().st_mtime, UTC) < cutoff:
                path.unlink()
                removed.append(str(path))
    return PurgeReport(cutoff=cutoff.isoformat(), events_purged=purged, files_removed=removed)
