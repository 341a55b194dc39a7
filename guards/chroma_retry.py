"""Retries for a Chroma server (``CHROMA_HOST``): a lost connection is retried with backoff, then one clear line.

The embedded ``PersistentClient`` needs none of this. With a server, every call (opening the client, the
collection, ingest, queries) goes over HTTP; a restart or a network blip must not fail a campaign, and a server
that stays away must fail it with a message naming the server, not a stack of httpx frames.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

DELAYS_S: tuple[float, ...] = (0.25, 0.5, 1.0, 2.0, 4.0)
"""Waits between attempts (six attempts over ~8 s)."""


class ChromaUnavailable(RuntimeError):
    """The Chroma server stayed unreachable after the retries (one line naming it)."""


def is_connection_error(exc: BaseException) -> bool:
    """True for a failure to reach the server (refused, reset, timed out), not for a bad request."""
    import httpx  # lazy: start-up (httpx)

    if isinstance(exc, httpx.TransportError | ConnectionError | TimeoutError):
        return True
    text = str(exc).lower()
    return isinstance(exc, ValueError | RuntimeError) and any(
        s in text for s in ("could not connect to a chroma server", "connection refused", "connecterror")
    )


def with_retries(
    fn: Callable[[], T],
    *,
    location: str,
    what: str,
    delays: tuple[float, ...] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call ``fn``; retry connection failures after each delay (default :data:`DELAYS_S`); then raise
    :class:`ChromaUnavailable`."""
    delays = DELAYS_S if delays is None else delays
    for attempt in range(len(delays) + 1):
        try:
            return fn()
        except Exception as exc:
            if not is_connection_error(exc):
                raise
            if attempt == len(delays):
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise ChromaUnavailable(
                    f"Chroma server {location} unreachable ({what}) after {attempt + 1} "
                    f"attempts over {sum(delays):.0f}s: {first}"
                ) from None
            sleep(delays[attempt])
    raise AssertionError("unreachable")


class RetryingCollection:
    """A Chroma collection whose calls are retried on connection failures."""

    def __init__(self, collection: Any, location: str) -> None:
        self._collection = collection
        self._location = location

    @property
    def metadata(self) -> Any:
        """The collection's metadata (as last read)."""
        return self._collection.metadata

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._collection, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            return with_retries(lambda: attr(*args, **kwargs), location=self._location, what=name)

        return call
