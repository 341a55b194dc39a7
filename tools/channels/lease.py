"""Who holds a lease, and whether that holder is gone.

A lease owner id names the host, the process id and the process's start time (``host:pid:start:nonce``), so a
claimer on the same host can tell at once that the process holding an ``in_flight`` row was killed, instead of
waiting for the lease to run out (300 s by default). A holder on another host, or an id in an older format, is
judged by its lease expiry alone.
"""

from __future__ import annotations

import os
import socket
import uuid
from functools import lru_cache


def _start_ticks(pid: int) -> str:
    """The process's start time in clock ticks since boot ('' when /proc cannot say): tells a reused pid apart."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
    except OSError:
        return ""
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""


@lru_cache(maxsize=1)
def _host() -> str:
    return socket.gethostname().replace(":", "_")


def process_owner_id(pid: int | None = None) -> str:
    """A fresh lease owner id of this (or the given) process: 'host:pid:start:nonce'."""
    pid = os.getpid() if pid is None else pid
    return f"{_host()}:{pid}:{_start_ticks(pid)}:{uuid.uuid4().hex[:12]}"


def holder_gone(owner: str | None) -> bool:
    """True when ``owner`` is a process of this host that no longer runs (killed, exited, or its pid reused).

    False when it runs, when it lives on another host, or when the id does not say (an older format).
    """
    if not owner:
        return False
    parts = owner.split(":")
    if len(parts) != 4 or parts[0] != _host() or not parts[1].isdigit():
        return False
    pid, start = int(parts[1]), parts[2]
    if pid == os.getpid():
        return start != _start_ticks(pid) if start else False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # runs, under another user
    if start and _start_ticks(pid) not in ("", start):
        return True  # the pid now belongs to another process
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A killed child its parent has not reaped yet still has a pid: it holds nothing any more."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
    except OSError:
        return False
    rest = stat[stat.rfind(")") + 2 :].split()
    return bool(rest) and rest[0] in ("Z", "X")
