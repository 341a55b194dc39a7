"""The signed results endpoint: ``POST /events`` with the same records ``liftoff events ingest`` reads.

Requests are signed like Liftoff's outgoing webhooks (:mod:`tools.channels.webhook`): the header
``X-Liftoff-Signature: t=<unix seconds>,v1=<hex hmac_sha256(secret, "<t>." + body)>``. A missing, forged or
stale signature (more than ``tolerance_s`` from now) gets 401, and so does an exact replay of an accepted request.
The body is JSON: a list of records, or ``{"events": [...]}``; each record has the fields of a file line (``id``,
``program_id`` or ``url``, ``type``, ``at``, ``count``, ``amount``, ``currency``). A request is all-or-nothing:
one bad record gets 400 naming its position (``line`` = 1-based index) and nothing of the request is applied.
Re-posting the same records (a retried delivery, signed anew) changes nothing: results are idempotent by id.

Responses are JSON: 200 ``{"new", "already_present", "by_type", "over_cap"}``, 400/401/404/405/413 ``{"error"}``.
``GET /health`` answers 200 without a signature. The server binds 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tools.channels.webhook import MIN_SECRET_LEN, SIGNATURE_HEADER, SignatureVerifier
from tools.events import EventLog
from tools.ingest.lines import LineError
from tools.ingest.pipeline import IngestFailed, ingest_results
from tools.ingest.resolve import ProgramDirectory
from tools.spend import SpendLedger

PATH = "/events"
MAX_BODY = 16 * 1024 * 1024
MAX_RECORDS = 100_000


@dataclass
class Endpoint:
    """What the handler needs: where results go and how requests are verified."""

    events: EventLog
    ledger: SpendLedger | None
    directory: Callable[[], ProgramDirectory]
    verifier: SignatureVerifier
    source: str = "webhook"
    lock: threading.Lock = field(default_factory=threading.Lock)


def _records(body: Any) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    items = body.get("events") if isinstance(body, dict) else body
    if not isinstance(items, list):
        raise ValueError('body must be a JSON list of events or {"events": [...]}')
    if len(items) > MAX_RECORDS:
        raise ValueError(f"at most {MAX_RECORDS} events per request, got {len(items)}")
    for n, item in enumerate(items, 1):
        yield (
            n,
            item
            if isinstance(item, dict)
            else LineError(n, f"expected an object, got {type(item).__name__}"),
        )


def make_handler(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to ``endpoint``."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "liftoff-events/1"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
            return  # no request logging: bodies and headers stay out of logs

        def _send(self, status: int, doc: dict[str, Any]) -> None:
            data = json.dumps(doc).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            if self.path == "/health":
                self._send(HTTPStatus.OK, {"ok": True})
            else:
                self._send(HTTPStatus.NOT_FOUND, {"error": f"no such path {self.path!r} (POST {PATH})"})

        def do_POST(self) -> None:  # noqa: N802 - stdlib name
            if self.path.split("?", 1)[0] != PATH:
                self._send(HTTPStatus.NOT_FOUND, {"error": f"no such path {self.path!r} (POST {PATH})"})
                return
            try:
                length = int(self.headers.get("Content-Length") or "")
            except ValueError:
                self._send(HTTPStatus.LENGTH_REQUIRED, {"error": "Content-Length required"})
                return
            if length > MAX_BODY:
                self.close_connection = True
                self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": f"body over {MAX_BODY} bytes"})
                return
            body = self.rfile.read(length)
            check = endpoint.verifier.verify(self.headers.get(SIGNATURE_HEADER), body)
            if not check.valid:
                self._send(HTTPStatus.UNAUTHORIZED, {"error": f"signature refused: {check.reason}"})
                return
            try:
                doc = json.loads(body)
                records = list(_records(doc))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                self._send(HTTPStatus.BAD_REQUEST, {"error": f"body is not JSON: {exc}"})
                return
            except ValueError as exc:
                self._send(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
                return
            try:
                with endpoint.lock:
                    report = ingest_results(
                        records,
                        events=endpoint.events,
                        directory=endpoint.directory(),
                        ledger=endpoint.ledger,
                        source=endpoint.source,
                        label="request",
                    )
            except IngestFailed as exc:
                self._send(
                    HTTPStatus.BAD_REQUEST,
                    {
                        "error": str(exc),
                        "bad": exc.bad,
                        "lines": [{"line": e.line, "error": e.message} for e in exc.errors],
                    },
                )
                return
            self._send(HTTPStatus.OK, report.as_json())

    return Handler


def make_server(endpoint: Endpoint, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A threading HTTP server for ``endpoint`` (``port=0``: any free port; see ``server.server_address``).

    Raises:
        ValueError: when the verifier's secret is shorter than the webhook minimum.
    """
    secrets = (
        [endpoint.verifier.secret] if isinstance(endpoint.verifier.secret, str) else endpoint.verifier.secret
    )
    if any(len(s) < MIN_SECRET_LEN for s in secrets):
        raise ValueError(f"the endpoint secret must be at least {MIN_SECRET_LEN} characters")
    server = ThreadingHTTPServer((host, port), make_handler(endpoint))
    server.daemon_threads = True
    return server
