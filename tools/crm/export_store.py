"""List exports on the shared PostgreSQL (``LIFTOFF_DATABASE_URL``): one row per export file, written once.

With a shared database an export is not a file in one worker's ``exports/`` folder: the CSV is stored in table
``liftoff_exports.files`` (the record every worker sees) and each worker keeps a local copy beside its home for
connectors that read a file (SMTP recipients). The first worker to export a list writes the row; every other
worker (or a resume on another machine) reuses it, so the export happens once and is identical everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from tools.sqlstore import Database, open_database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    name TEXT PRIMARY KEY,
    list_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    regions TEXT NOT NULL,
    rows INTEGER NOT NULL,
    content BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""


@dataclass(frozen=True)
class StoredExport:
    """One stored export."""

    name: str
    list_id: str
    channel: str
    regions: tuple[str, ...]
    rows: int
    content: bytes


class ExportStore:
    """Export files kept in the shared database."""

    def __init__(self, url: str) -> None:
        """Open (creating) the ``exports`` schema on ``url``."""
        self._db: Database = open_database(url, name="exports", sqlite_schema="", postgres_schema=_SCHEMA)

    def get(self, name: str) -> StoredExport | None:
        """The stored export of that file name, or None."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT name, list_id, channel, regions, rows, content FROM files WHERE name = ?", (name,)
            ).fetchone()
        return (
            StoredExport(row[0], row[1], row[2], tuple(row[3].split(",")), int(row[4]), bytes(row[5]))
            if row
            else None
        )

    def put(self, export: StoredExport) -> StoredExport:
        """Store an export unless one of that name exists; return the stored one (first writer wins)."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO files (name, list_id, channel, regions, rows, content)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    export.name,
                    export.list_id,
                    export.channel,
                    ",".join(export.regions),
                    export.rows,
                    export.content,
                ),
            )
        stored = self.get(export.name)
        assert stored is not None
        return stored

    def names(self, list_id: str | None = None) -> list[str]:
        """Stored export names, optionally of one list."""
        sql, args = "SELECT name FROM files", []
        if list_id:
            sql, args = sql + " WHERE list_id = ?", [list_id]
        with self._db.read() as conn:
            return [r[0] for r in conn.execute(sql + " ORDER BY name", args).fetchall()]
