"""Retention: PII events and files older than the cutoff go; newer and non-PII records stay."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from graph.contracts import Event
from tools.analytics.retention import pii_locations, purge
from tools.events import EventLog

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _event(eid: str, age_days: int, pii: bool) -> Event:
    return Event(
        id=eid,
        type="list.exported",
        trace_id="t",
        campaign_id="c",
        source="data",
        payload={"contact": f"{eid}@example.com"},
        pii=pii,
        ts=(NOW - timedelta(days=age_days)).isoformat(),
    )


def test_purge_blanks_old_pii_events_and_deletes_old_pii_files(tmp_path: Path) -> None:
    log = EventLog(tmp_path / "events.db")
    log.append_many(
        [_event("old-pii", 100, True), _event("new-pii", 10, True), _event("old-plain", 100, False)]
    )
    exports, audit = pii_locations(tmp_path)
    exports.mkdir()
    (exports / "nested").mkdir()
    old_file, new_file = exports / "nested" / "email-EU.csv", exports / "sms-US.csv"
    for path in (old_file, new_file):
        path.write_text("email\nx@example.com\n")
    old_ts = (NOW - timedelta(days=100)).timestamp()
    os.utime(old_file, (old_ts, old_ts))
    new_ts = (NOW - timedelta(days=1)).timestamp()
    os.utime(new_file, (new_ts, new_ts))

    report = purge(log, timedelta(days=30), dirs=[exports, audit], now=NOW)  # audit/ does not exist: skipped
    assert report.events_purged == 1
    assert report.files_removed == [str(old_file)]
    assert report.cutoff == (NOW - timedelta(days=30)).isoformat()
    assert not old_file.exists() and new_file.exists()
    events = {e.id: e for _, e in log.read(0, 10)}
    assert events["old-pii"].payload == {"purged": True} and not events["old-pii"].pii
    assert events["new-pii"].payload == {"contact": "new-pii@example.com"}
    assert events["old-plain"].payload == {"contact": "old-plain@example.com"}  # not PII: kept for audit
    again = purge(log, timedelta(days=30), dirs=[exports], now=NOW)
    assert (again.events_purged, again.files_removed) == (0, [])


def test_negative_age_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        purge(EventLog(tmp_path / "e.db"), timedelta(days=-1))
