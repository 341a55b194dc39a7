"""The scaffold every fake vendor server shares: state that records requests, bearer-token auth, injected
failures, JSON replies and a loopback server on a thread (HubSpot and Salesforce fill in the routes)."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit


@dataclass(kw_only=True)
class FakeVendorState:
    """What every fake vendor records; tests read it and seed ``fail_next``."""

    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path) of every request
    refused: list[str] = field(default_factory=list)  # requests answered 400, with the reason
    fail_next: list[int] = field(default_factory=list)  # statuses to answer the next requests with

    @property
    def bearer(self) -> str:
        """The token a request must carry (``Authorization: Bearer <token>``)."""
        raise NotImplementedError


class FakeVendorHandler(BaseHTTPRequestHandler):
    """Reads the JSON body, records the request, checks the bearer token, answers an injected failure, else
    asks :meth:`answer` (under one lock per server, so a vendor's state changes one request at a time)."""

    protocol_version = "HTTP/1.1"
    state: ClassVar[Any]
    lock: ClassVar[threading.Lock]

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        """(status, JSON document or None) for an authorised request."""
        raise NotImplementedError

    def unauthorized(self) -> Any:
        """The vendor's 401 document."""
        raise NotImplementedError

    def injected(self) -> Any:
        """The vendor's document for an injected failure."""
        raise NotImplementedError

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return

    def reply(self, status: int, doc: Any = None) -> None:
        """Send ``doc`` as JSON (an empty body when None)."""
        data = b"" if doc is None else json.dumps(doc).encode()
        self.send_response(status)
        if doc is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _dispatch(self, method: str) -> None:
        n = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(n)) if n else None
        parts = urlsplit(self.path)
        with self.lock:
            self.state.requests.append((method, parts.path))
            if self.headers.get("Authorization") != f"Bearer {self.state.bearer}":
                self.reply(401, self.unauthorized())
                return
            if self.state.fail_next:
                self.reply(self.state.fail_next.pop(0), self.injected())
                return
            status, doc = self.answer(method, parts.path, parse_qs(parts.query), body)
        self.reply(status, doc)

    def do_GET(self) -> None:  # noqa: N802
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch("PUT")

    def do_PATCH(self) -> None:  # noqa: N802
        self._dispatch("PATCH")


def handler_for(base: type[FakeVendorHandler], state: FakeVendorState) -> type[FakeVendorHandler]:
    """A handler class of ``base`` bound to ``state`` with its own lock."""
    return type(base.__name__, (base,), {"state": state, "lock": threading.Lock()})


@contextmanager
def serve_loopback(handler: type[FakeVendorHandler], *, tls: ssl.SSLContext | None = None) -> Iterator[int]:
    """Serve ``handler`` on a free loopback port (over TLS when given) on a thread; yield the port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
