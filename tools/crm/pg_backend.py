"""The CRM on the shared PostgreSQL (``LIFTOFF_DATABASE_URL``): contacts, consent, lists in schema ``liftoff_crm``.

Why Postgres tables and not DuckDB attached read-only to a shared copy (a design choice; the two were not timed
against each other): a read-only copy can serve segment queries, but building a list WRITES (``lists``,
``list_members``, ``touches``), and those rows must be visible to the worker that exports and publishes the list,
possibly on another machine. With a read-only copy the writes would still need a shared writer, so the copy
only adds a second place for the same data. On Postgres every worker builds and reads lists in one store, and
writers are serialised by an advisory lock instead of a file lock (two workers never wait on one file).

The store's SQL (``?`` placeholders, ``||``, ``CASE``, bitwise ``& | >>``, ``CREATE TEMP TABLE ... AS`` with
parameters) runs through a client-side-binding cursor, since PostgreSQL accepts no server-side parameters in
``CREATE TABLE AS``; values are quoted by psycopg, never formatted by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import numpy as np

from tools.crm.backend import Engine
from tools.sqlstore import lock_key, probe, to_postgres

_SCHEMA = "liftoff_crm"
_WRITE_LOCK = lock_key("liftoff:crm:write")
_SEED_LOCK = lock_key("liftoff:crm:seed")
_DOUBLE = re.compile(r"\bDOUBLE\b(?!\s+PRECISION)", re.IGNORECASE)


class PostgresBackend:
    """The CRM store's engine on PostgreSQL (one connection per store object; the store serialises threads)."""

    engine: Engine = "postgres"
    begin_sql = "BEGIN"

    def __init__(self, url: str) -> None:
        """Connect to ``url`` and use (creating) schema ``liftoff_crm``."""
        import psycopg  # lazy: start-up (psycopg)

        probe(url)
        self.url = url
        self.conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor)
        self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {_SCHEMA}")
        self.conn.execute(f"SET search_path TO {_SCHEMA}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; ``BEGIN`` also takes the CRM's write lock (writers queue across machines)."""
        if sql == self.begin_sql:
            self.conn.execute("BEGIN")
            return self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
        text = (
            _DOUBLE.sub("DOUBLE PRECISION", sql) if sql.lstrip().upper().startswith("CREATE TABLE") else sql
        )
        args = list(params) or None
        return self.conn.execute(to_postgres(text, args is not None), args)

    def bulk_insert(self, table: str, columns: Mapping[str, Any]) -> int:
        """Insert equal-length columns with ``COPY`` (dates and timestamps as ISO text)."""
        lists = []
        for values in columns.values():
            if isinstance(values, np.ndarray) and np.issubdtype(values.dtype, np.datetime64):
                text = np.datetime_as_string(values, unit="s" if values.dtype == "datetime64[s]" else "D")
                lists.append([t.replace("T", " ") for t in text.tolist()])
            elif isinstance(values, np.ndarray):
                lists.append(values.tolist())
            else:
                lists.append(list(values))
        n = len(lists[0]) if lists else 0
        with self.conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in zip(*lists, strict=True):
                copy.write_row(row)
        return n

    def extra_indexes(self) -> list[str]:
        """B-tree indexes that turn the segment joins into lookups (as on SQLite)."""
        return [
            "CREATE INDEX IF NOT EXISTS contacts_region ON contacts(region)",
            "CREATE INDEX IF NOT EXISTS suppressions_contact ON suppressions(contact_id)",
            "CREATE INDEX IF NOT EXISTS touches_contact ON touches(contact_id, channel, touched_at)",
            "CREATE INDEX IF NOT EXISTS list_members_list ON list_members(list_id, holdout, region)",
        ]

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the CRM's seeding lock (check-then-seed is one step across every process)."""
        self.conn.execute("SELECT pg_advisory_lock(%s)", (_SEED_LOCK,))
        try:
            yield
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", (_SEED_LOCK,))

    def hold(self) -> AbstractContextManager[None]:
        """Nothing to do: the server is shared by processes."""
        return nullcontext()

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
