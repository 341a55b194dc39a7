"""The kill-switch: global, per channel, per region; checked inside every tool before a side effect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from graph.contracts import CHANNELS, REGIONS
from tools.sqlstore import Database, is_database_url, open_database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS kill_switch (
    scope TEXT PRIMARY KEY,          -- 'global', 'channel:email', 'region:EU', 'channel:email|region:EU'
    engaged INTEGER NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""


class KillSwitchEngaged(RuntimeError):
    """Raised by a tool that refuses a side effect because a kill-switch is on."""


@dataclass(frozen=True)
class SwitchState:
    """One engaged (or released) scope."""

    scope: str
    engaged: bool
    actor: str
    reason: str
    updated_at: str


def scope_of(channel: str | None = None, region: str | None = None) -> str:
    """Return the scope key for a channel and/or region (neither = global).

    Raises:
        ValueError: on an unknown channel or region.
    """
    if channel is not None and channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})")
    if region is not None and region not in REGIONS:
        raise ValueError(f"unknown region {region!r} (known: {', '.join(REGIONS)})")
    parts = [f"channel:{channel}"] if channel else []
    parts += [f"region:{region}"] if region else []
    return "|".join(parts) or "global"


class KillSwitch:
    """Persistent kill-switch state, shared by every process using the same store.

    The store is a SQLite file under the state directory, or the ``control`` schema of the shared PostgreSQL
    (``LIFTOFF_DATABASE_URL``): then a switch engaged on one machine stops every worker at its next check. State
    is read at every check (no caching), so a switch takes effect at the next side effect.
    """

    def __init__(self, path: Path | str) -> None:
        """Open (and create) the kill-switch store at ``path`` (a SQLite file or the shared database's URL)."""
        shared = is_database_url(path)
        self.path = Path("control") if shared else Path(path)
        if not shared:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db: Database = open_database(
            path, name="control", sqlite_schema=_SCHEMA, postgres_schema=_SCHEMA
        )

    def set(
        self,
        engaged: bool,
        *,
        channel: str | None = None,
        region: str | None = None,
        actor: str = "local",
        reason: str = "",
    ) -> SwitchState:
        """Engage or release one scope; return its new state."""
        state = SwitchState(scope_of(channel, region), engaged, actor, reason, datetime.now(UTC).isoformat())
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO kill_switch (scope, engaged, actor, reason, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(scope) DO UPDATE SET engaged=excluded.engaged, actor=excluded.actor,"
                " reason=excluded.reason, updated_at=excluded.updated_at",
                (state.scope, int(engaged), actor, reason, state.updated_at),
            )
        return state

    def check(self, channel: str | None = None, region: str | None = None) -> str | None:
        """Return why a side effect on (channel, region) is blocked, or None when it may proceed.

        A side effect is blocked by the global switch, its channel's, its region's, or the channel+region pair.
        """
        scopes = ["global"]
        if channel:
            scopes.append(f"channel:{channel}")
        if region:
            scopes.append(f"region:{region}")
        if channel and region:
            scopes.append(f"channel:{channel}|region:{region}")
        marks = ",".join("?" * len(scopes))
        with self._db.read() as conn:
            rows = conn.execute(
                f"SELECT scope, actor, reason FROM kill_switch WHERE engaged = 1 AND scope IN ({marks})",
                scopes,
            ).fetchall()
        if not rows:
            return None
        scope, actor, reason = sorted(rows)[0]
        return f"kill-switch on ({scope}, set by {actor}{': ' + reason if reason else ''})"

    def states(self) -> list[SwitchState]:
        """Return every scope ever set, engaged first."""
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT scope, engaged, actor, reason, updated_at FROM kill_switch ORDER BY engaged DESC, scope"
            ).fetchall()
        return [SwitchState(r[0], bool(r[1]), r[2], r[3], r[4]) for r in rows]

    def close(self) -> None:
        """Close this thread's connection to the store."""
        self._db.close()
