"""The per-campaign lock on the shared PostgreSQL: a session advisory lock, held on its own connection.

The Postgres counterpart of the ``fcntl`` lock file in :mod:`tools.lifecycle.lock`, used when the locks
"directory" is the ``LIFTOFF_DATABASE_URL``: exclusive across every process on every machine using the database;
the server drops it when the holder's connection dies (a crash never leaves a campaign locked). The holder
records who it is in ``liftoff_locks.holders`` so a timeout names it.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from tools.sqlstore import POOLS, PostgresDatabase, lock_key

_SCHEMA = """
CREATE TABLE IF NOT EXISTS holders (
    campaign_id TEXT PRIMARY KEY,
    info TEXT NOT NULL
);
"""

_READY: set[str] = set()
_READY_LOCK = threading.Lock()


def _pool(url: str) -> Any:
    with _READY_LOCK:
        if url not in _READY:
            PostgresDatabase(url, "locks", _SCHEMA)
            _READY.add(url)
    return POOLS.get(url, "liftoff_locks", 64)


def key_of(campaign_id: str) -> int:
    """The advisory-lock key of a campaign."""
    return lock_key(f"liftoff:campaign:{campaign_id}")


def holder(url: str, campaign_id: str) -> dict[str, Any] | None:
    """Who holds the campaign's lock as they recorded it (None when free)."""
    with _pool(url).connection() as conn:
        free = conn.execute("SELECT pg_try_advisory_lock(%s)", (key_of(campaign_id),)).fetchone()[0]
        if free:
            conn.execute("SELECT pg_advisory_unlock(%s)", (key_of(campaign_id),))
            return None
        row = conn.execute("SELECT info FROM holders WHERE campaign_id = %s", (campaign_id,)).fetchone()
    return dict(json.loads(row[0])) if row else {"pid": None}


@contextmanager
def acquire(
    url: str,
    campaign_id: str,
    purpose: str,
    timeout_s: float,
    timeout_error: Callable[[str], Exception] = TimeoutError,
) -> Iterator[float]:
    """Hold the campaign's advisory lock for the block; yield the seconds waited.

    ``timeout_error`` builds the error raised on a timeout (``tools.lifecycle.lock`` passes its ``LockTimeout``).

    Raises:
        TimeoutError: (or what ``timeout_error`` builds) with the holder's record in the message.
    """
    key = key_of(campaign_id)
    pool = _pool(url)
    with pool.connection() as conn:
        start, delay = time.monotonic(), 0.005
        while not conn.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()[0]:
            if time.monotonic() - start >= timeout_s:
                who = holder(url, campaign_id) or {}
                raise timeout_error(
                    f"campaign {campaign_id} is locked by pid {who.get('pid')} on {who.get('host')} "
                    f"({who.get('purpose') or 'unknown purpose'}, since {who.get('since')}); waited {timeout_s:.0f}s"
                )
            time.sleep(delay)
            delay = min(0.05, delay * 2)
        waited = time.monotonic() - start
        try:
            info = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "thread": threading.current_thread().name,
                "purpose": purpose,
                "since": datetime.now(UTC).isoformat(),
            }
            conn.execute(
                "INSERT INTO holders (campaign_id, info) VALUES (%s, %s) ON CONFLICT (campaign_id)"
                " DO UPDATE SET info = excluded.info",
                (campaign_id, json.dumps(info)),
            )
            yield waited
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (key,))
