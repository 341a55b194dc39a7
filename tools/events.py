"""The append-only event log (SQLite WAL, or a shared PostgreSQL) every agent and tool writes to.

Subscribers (optimizer, analytics, the app) read by offset. This is the seam where a real broker would
replace it: ``append``/``append_many`` become a producer (Kafka topic or Redis Stream keyed by campaign),
``read(offset)`` becomes a consumer with committed offsets. Nothing else in Liftoff touches the table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

from graph.contracts import Event
from tools.sqlstore import Database, is_database_url, open_database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    "offset" INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    causation_id TEXT,
    source TEXT NOT NULL,
    ts TEXT NOT NULL,
    pii INTEGER NOT NULL DEFAULT 0,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_trace ON events(trace_id, "offset");
CREATE INDEX IF NOT EXISTS events_campaign ON events(campaign_id, "offset");
CREATE INDEX IF NOT EXISTS events_type ON events(type, "offset");
"""

_PG_SCHEMA = _SCHEMA.replace(
    '"offset" INTEGER PRIMARY KEY AUTOINCREMENT', '"offset" BIGSERIAL PRIMARY KEY'
).replace("pii INTEGER", "pii SMALLINT")
"""The same table on PostgreSQL (appends take the store lock, so offsets commit in order: readers never skip)."""


_encode = json.JSONEncoder(default=str, separators=(",", ":")).encode
"""Payload encoder (one shared instance: ``json.dumps`` with these options builds a new encoder per call)."""


class EventLog:
    """Append-only log of :class:`~graph.contracts.Event` in one SQLite file (WAL mode).

    Safe for several threads and processes: each append is one transaction; event ids are unique,
    so re-appending the same event (a retried node) is a no-op.
    """

    def __init__(self, path: Path | str) -> None:
        """Open (and create) the log at ``path`` (a SQLite file, or the shared database's URL)."""
        self.path = Path(path) if not is_database_url(path) else Path("events")
        if not is_database_url(path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db: Database = open_database(
            path, name="events", sqlite_schema=_SCHEMA, postgres_schema=_PG_SCHEMA
        )

    def emit(
        self,
        type: str,
        *,
        trace_id: str,
        campaign_id: str,
        source: str,
        payload: dict[str, Any] | None = None,
        causation_id: str | None = None,
        event_id: str | None = None,
        pii: bool = False,
    ) -> Event:
        """Build an event and append it; return it (its id is the causation id of what follows)."""
        event = Event(
            id=event_id or str(uuid4()),
            type=type,
            trace_id=trace_id,
            campaign_id=campaign_id,
            causation_id=causation_id,
            source=source,
            payload=payload or {},
            pii=pii,
        )
        self.append_many([event])
        return event

    def has(self, event_id: str) -> bool:
        """True when an event with this id is in the log (deterministic ids: 'was this step recorded?')."""
        with self._db.read() as conn:
            return conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is not None

    def get(self, event_id: str) -> Event | None:
        """The event with this id, or None."""
        with self._db.read() as conn:
            row = conn.execute(
                'SELECT "offset", id, type, trace_id, campaign_id, causation_id, source, ts, pii, payload FROM events '
                "WHERE id = ?",
                (event_id,),
            ).fetchone()
        return _row_event(row) if row else None

    def append(self, event: Event) -> None:
        """Append one event (no-op if an event with the same id exists)."""
        self.append_many([event])

    def append_many(self, events: Iterable[Event]) -> int:
        """Append events in one transaction; return how many were new.

        ``events`` is consumed lazily (a generator of a million events is streamed, not held in memory).
        """
        rows = (
            (
                e.id,
                e.type,
                e.trace_id,
                e.campaign_id,
                e.causation_id,
                e.source,
                e.ts,
                int(e.pii),
                _encode(e.payload),
            )
            for e in events
        )
        with self._db.transaction() as conn:
            cur = conn.executemany(
                "INSERT OR IGNORE INTO events (id, type, trace_id, campaign_id, causation_id, source, ts, pii, payload)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            return max(int(cur.rowcount), 0)

    def read(
        self,
        offset: int = 0,
        limit: int = 10_000,
        *,
        trace_id: str | None = None,
        campaign_id: str | None = None,
        types: Iterable[str] | None = None,
    ) -> list[tuple[int, Event]]:
        """Return ``(offset, event)`` pairs after ``offset``, oldest first, optionally filtered."""
        sql = (
            'SELECT "offset", id, type, trace_id, campaign_id, causation_id, source, ts, pii, payload FROM events'
            ' WHERE "offset" > ?'
        )
        args: list[Any] = [offset]
        if trace_id:
            sql += " AND trace_id = ?"
            args.append(trace_id)
        if campaign_id:
            sql += " AND campaign_id = ?"
            args.append(campaign_id)
        type_list = list(types or [])
        if type_list:
            sql += f" AND type IN ({','.join('?' * len(type_list))})"
            args.extend(type_list)
        sql += ' ORDER BY "offset" LIMIT ?'
        args.append(limit)
        with self._db.read() as conn:
            rows = conn.execute(sql, args).fetchall()
        return [(int(row[0]), _row_event(row)) for row in rows]

    def iter_trace(self, trace_id: str) -> Iterator[Event]:
        """Yield every event of one trace, oldest first."""
        offset = 0
        while True:
            batch = self.read(offset, 5000, trace_id=trace_id)
            if not batch:
                return
            offset = batch[-1][0]
            yield from (event for _, event in batch)

    def count(self, *, trace_id: str | None = None, campaign_id: str | None = None) -> int:
        """Count events, optionally for one trace or campaign."""
        sql, args = "SELECT COUNT(*) FROM events", []
        if trace_id:
            sql, args = sql + " WHERE trace_id = ?", [trace_id]
        elif campaign_id:
            sql, args = sql + " WHERE campaign_id = ?", [campaign_id]
        with self._db.read() as conn:
            return int(conn.execute(sql, args).fetchone()[0])

    def export_jsonl(self, trace_id: str, out: Path) -> int:
        """Write the audit trail of one trace as JSONL; return the number of lines."""
        n = 0
        with out.open("w", encoding="utf-8") as fh:
            for event in self.iter_trace(trace_id):
                fh.write(event.model_dump_json() + "\n")
                n += 1
        return n

    def purge_pii(self, older_than: timedelta, *, now: datetime | None = None) -> int:
        """Retention: blank the payload of PII-bearing events older than ``older_than``; return how many."""
        cutoff = ((now or datetime.now(UTC)) - older_than).isoformat()
        with self._db.transaction() as conn:
            cur = conn.execute(
                "UPDATE events SET payload = '{\"purged\":true}', pii = 0 WHERE pii = 1 AND ts < ?", (cutoff,)
            )
            return int(cur.rowcount)

    def close(self) -> None:
        """Close this thread's connection (SQLite; the Postgres pool is the process's)."""
        self._db.close()


def _row_event(row: tuple[Any, ...]) -> Event:
    _, eid, etype, trace_id, campaign_id, causation_id, source, ts, pii, payload = row
    return Event(
        id=eid,
        type=etype,
        trace_id=trace_id,
        campaign_id=campaign_id,
        causation_id=causation_id,
        source=source,
        ts=ts,
        pii=bool(pii),
        payload=json.loads(payload),
    )
