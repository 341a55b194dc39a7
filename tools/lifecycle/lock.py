"""The per-campaign lock: publishing, spend changes and list exports of one campaign never interleave.

An advisory ``fcntl.flock`` on ``<locks_dir>/<campaign>.lock``. It is exclusive across processes (the kernel
drops it when a holder dies, so a crash never leaves a campaign locked) and across threads of one process
(every acquisition opens its own file description). It is re-entrant within one thread, so a holder may call
code that takes the same lock again. The holder writes who it is (pid, host, thread, purpose, since) into the
file, so a timeout names the holder.

With ``LIFTOFF_DATABASE_URL`` set, the "locks directory" is the database URL and the lock is a PostgreSQL
session advisory lock (:mod:`tools.lifecycle.pglock`): the same guarantees across machines.

Two cycles, two users, the app and a CLI, or a rollback and a scheduler on the same state directory all take
this lock around their side effects; operations on different campaigns never wait for each other.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tools.lifecycle import pglock
from tools.sqlstore import is_database_url

DEFAULT_TIMEOUT_S = 600.0
"""How long an acquisition waits for another holder before giving up."""


class LockTimeout(TimeoutError):
    """The campaign lock stayed busy past the timeout; the message names the holder.

    A ``TimeoutError``, so the graph's retry policy treats it as transient and tries the node again.
    """


@dataclass(frozen=True)
class Holding:
    """One held lock.

    Attributes:
        campaign_id: Campaign locked.
        purpose: What the holder does under it ('publish', 'spend', 'export', 'rollback', ...).
        path: The lock file.
        waited_s: Seconds spent waiting for it.
    """

    campaign_id: str
    purpose: str
    path: Path
    waited_s: float


_local = threading.local()


def _held() -> dict[str, list[Any]]:
    held = getattr(_local, "held", None)
    if held is None:
        held = _local.held = {}
    return held


def lock_path(locks_dir: Path | str, campaign_id: str) -> Path:
    """Return the lock file of a campaign (a safe file name plus a digest of the exact id).

    Raises:
        ValueError: when the campaign id is empty.
    """
    if not campaign_id or not campaign_id.strip():
        raise ValueError("campaign_id must not be empty")
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", campaign_id)[:64]
    digest = hashlib.sha256(campaign_id.encode()).hexdigest()[:10]
    return Path(locks_dir) / f"{safe}-{digest}.lock"


def _held_key(locks_dir: Path | str, campaign_id: str) -> str:
    if is_database_url(locks_dir):
        if not campaign_id or not campaign_id.strip():
            raise ValueError("campaign_id must not be empty")
        return f"{locks_dir}#{campaign_id}"
    return str(lock_path(locks_dir, campaign_id))


def is_held(locks_dir: Path | str, campaign_id: str) -> bool:
    """True when the calling thread holds the campaign's lock."""
    return _held_key(locks_dir, campaign_id) in _held()


def holder(locks_dir: Path | str, campaign_id: str) -> dict[str, Any] | None:
    """Return who holds the campaign's lock as they recorded it (None when free or unknown)."""
    if is_database_url(locks_dir):
        return pglock.holder(str(locks_dir), campaign_id)
    path = lock_path(locks_dir, campaign_id)
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            raw = os.pread(fd, 4096, 0)
            try:
                return dict(json.loads(raw.decode() or "{}")) or {"pid": None}
            except (ValueError, UnicodeDecodeError):
                return {"pid": None}
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


@contextmanager
def campaign_lock(
    locks_dir: Path | str, campaign_id: str, *, purpose: str = "", timeout_s: float = DEFAULT_TIMEOUT_S
) -> Iterator[Holding]:
    """Hold the campaign's lock for the block (waiting up to ``timeout_s`` for another holder).

    Args:
        locks_dir: Directory of lock files, or the shared database's URL (``settings.store("locks")``).
        campaign_id: Campaign whose sensitive operations the block performs.
        purpose: What the block does, recorded for whoever waits.
        timeout_s: Longest wait before :class:`LockTimeout`.

    Raises:
        LockTimeout: when another holder keeps the lock past the timeout.
        ValueError: on an empty campaign id or a negative timeout.
    """
    if timeout_s < 0:
        raise ValueError(f"timeout_s must be >= 0, got {timeout_s}")
    key = _held_key(locks_dir, campaign_id)
    path = Path(key) if is_database_url(locks_dir) else lock_path(locks_dir, campaign_id)
    held = _held()
    if key in held:  # re-entrant within this thread
        held[key][1] += 1
        try:
            yield Holding(campaign_id, purpose, path, 0.0)
        finally:
            held[key][1] -= 1
        return
    if is_database_url(locks_dir):
        with pglock.acquire(str(locks_dir), campaign_id, purpose, timeout_s, LockTimeout) as waited:
            held[key] = [None, 1]
            try:
                yield Holding(campaign_id, purpose, path, waited)
            finally:
                held.pop(key, None)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    start = time.monotonic()
    delay = 0.002
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() - start >= timeout_s:
                    who = holder(locks_dir, campaign_id) or {}
                    raise LockTimeout(
                        f"campaign {campaign_id} is locked by pid {who.get('pid')} on {who.get('host')} "
                        f"({who.get('purpose') or 'unknown purpose'}, since {who.get('since')}); "
                        f"waited {timeout_s:.0f}s"
                    ) from None
                time.sleep(delay)
                delay = min(0.05, delay * 2)
    except BaseException:
        os.close(fd)
        raise
    waited = time.monotonic() - start
    try:
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "thread": threading.current_thread().name,
            "purpose": purpose,
            "since": datetime.now(UTC).isoformat(),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        held[key] = [fd, 1]
        yield Holding(campaign_id, purpose, path, waited)
    finally:
        held.pop(key, None)
        try:
            os.ftruncate(fd, 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
