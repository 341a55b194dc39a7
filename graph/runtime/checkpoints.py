"""The checkpointer and the campaign registry of a state directory, or of the shared PostgreSQL.

Embedded default: ``checkpoints.db`` (``SqliteSaver``) and ``campaigns.db`` under ``LIFTOFF_HOME``. With
``LIFTOFF_DATABASE_URL``: a ``PostgresSaver`` in schema ``liftoff_checkpoints`` (its own pool: the saver needs
dict rows and no prepared statements) and the registry in schema ``liftoff_registry``, so every worker, the app
and the CLI on any machine see the same campaigns.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.postgres import PostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver

from graph.runtime.settings import Settings
from tools.sqlstore import Database, open_database, probe

_REGISTRY_SCHEMA = """
CREATE TABLE IF NOT EXISTS campaigns (
    campaign_id TEXT PRIMARY KEY, trace_id TEXT NOT NULL, brand TEXT NOT NULL, model TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT ''
);
"""


@dataclass
class Checkpoints:
    """A checkpointer, the query listing its threads, and how to close it."""

    saver: BaseCheckpointSaver[Any]
    thread_ids: Callable[[], list[str]]
    close: Callable[[], None]


def open_checkpoints(settings: Settings) -> Checkpoints:
    """Open the settings' checkpointer (Postgres when ``database_url`` is set, else the SQLite file)."""
    if settings.database_url:
        return _postgres(settings.database_url)

    conn = sqlite3.connect(settings.path("checkpoints.db"), check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    saver = SqliteSaver(conn)
    saver.setup()

    def threads() -> list[str]:
        with saver.lock:
            return [r[0] for r in conn.execute("SELECT DISTINCT thread_id FROM checkpoints")]

    return Checkpoints(saver, threads, conn.close)


def _postgres(url: str) -> Checkpoints:
    import psycopg  # lazy: start-up (psycopg)
    from psycopg.rows import dict_row  # lazy: start-up (psycopg)
    from psycopg_pool import ConnectionPool  # lazy: start-up (psycopg_pool)

    probe(url)
    with psycopg.connect(url, autocommit=True) as conn:
        # Poll with try-lock: PostgresSaver.setup() runs CREATE INDEX CONCURRENTLY, which waits for every open
        # transaction, so a second worker blocked in pg_advisory_lock would deadlock with the first one.
        while not (
            conn.execute("SELECT pg_try_advisory_lock(hashtext('liftoff:checkpoints-setup'))").fetchone()
            or (False,)
        )[0]:
            time.sleep(0.1)
        try:
            conn.execute("CREATE SCHEMA IF NOT EXISTS liftoff_checkpoints")
            with psycopg.connect(
                url,
                autocommit=True,
                prepare_threshold=0,
                row_factory=dict_row,
                options="-c search_path=liftoff_checkpoints",
            ) as setup_conn:
                PostgresSaver(setup_conn).setup()
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext('liftoff:checkpoints-setup'))")
    pool: ConnectionPool[Any] = ConnectionPool(
        url,
        min_size=1,
        max_size=16,
        open=True,
        name="liftoff-checkpoints",
        kwargs={
            "autocommit": True,
            "prepare_threshold": 0,
            "row_factory": dict_row,
            "options": "-c search_path=liftoff_checkpoints",
        },
    )
    saver = PostgresSaver(pool)

    def threads() -> list[str]:
        with pool.connection() as conn:
            return [r["thread_id"] for r in conn.execute("SELECT DISTINCT thread_id FROM checkpoints")]

    return Checkpoints(saver, threads, pool.close)


class Registry:
    """Campaign status rows for listing (one per campaign; the checkpoint is the truth, this is an index)."""

    def __init__(self, settings: Settings) -> None:
        """Open the registry (``campaigns.db`` or the shared database's ``registry`` schema)."""
        self._db: Database = open_database(
            settings.store("campaigns.db"),
            name="registry",
            sqlite_schema=_REGISTRY_SCHEMA,
            postgres_schema=_REGISTRY_SCHEMA,
        )
        self.model = settings.model

    def row(self, cid: str) -> dict[str, Any] | None:
        """The campaign's row as a dict, or None."""
        with self._db.read() as conn:
            cur = conn.execute(
                "SELECT campaign_id, trace_id, brand, model, created_at, updated_at, status, reason,"
                " title FROM campaigns WHERE campaign_id = ?",
                (cid,),
            )
            row = cur.fetchone()
        cols = (
            "campaign_id",
            "trace_id",
            "brand",
            "model",
            "created_at",
            "updated_at",
            "status",
            "reason",
            "title",
        )
        return dict(zip(cols, row, strict=True)) if row else None

    def register(self, graph_input: dict[str, Any]) -> None:
        """Record a new campaign (no-op when it exists)."""
        now = datetime.now(UTC).isoformat()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO campaigns VALUES (?, ?, ?, ?, ?, ?, 'planning', '', ?)",
                (
                    graph_input["campaign_id"],
                    graph_input["trace_id"],
                    graph_input["brand"],
                    self.model,
                    now,
                    now,
                    graph_input["brief_text"][:80],
                ),
            )

    def set_status(self, cid: str, status: str, reason: str) -> None:
        """Update a campaign's status and reason."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE campaigns SET status = ?, reason = ?, updated_at = ? WHERE campaign_id = ?",
                (status, reason, datetime.now(UTC).isoformat(), cid),
            )

    def close(self) -> None:
        """Close this thread's connection."""
        self._db.close()
