"""A local OpenAI-compatible chat-completions server for tests, benches and the chaos suite.

Two personalities, on loopback only:

- **competent** (default): answers every agent's structured request correctly by running the offline rules
  engine (``graph.models.offline.handlers.HANDLERS``) on the task payload of the prompt, and serves the answer
  the way the request asked for it: a ``json_schema`` ``response_format`` gets JSON content, ``tools`` get a tool
  call, a plain prompt gets JSON text, and ``stream: true`` gets server-sent-event chunks. A whole campaign runs
  over HTTP with it (``OPENAI_BASE_URL`` + ``LIFTOFF_MODEL=openai:<name>``). ``latency_s`` delays every reply.
- **fault**: one of ``FAULT_MODES`` (429 with Retry-After, 500, 503, connection reset, hang, slow, invalid JSON,
  empty choices, wrong schema, junk tool arguments, truncated stream), for the first ``fault_count`` requests
  (``None``: every request), then competent.

Every request is recorded (time, mode served, schema or tool asked for) so callers count requests and measure
the critical path of model calls.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from graph.models.offline.handlers import HANDLERS

FAULT_MODES: tuple[str, ...] = (
    "rate_limit",
    "server_error",
    "unavailable",
    "reset",
    "hang",
    "slow",
    "invalid_json",
    "empty_choices",
    "wrong_schema",
    "junk_tool_args",
    "truncated_stream",
)
"""Every fault the server can inject."""

_PAYLOAD_RE = re.compile(r"```json\s*(\{.*?\})\s*```", re.DOTALL)


@dataclass
class Served:
    """One request the server answered (or failed on purpose)."""

    started: float
    finished: float
    mode: str
    asked: str
    stream: bool


@dataclass
class LLMServerConfig:
    """How the server behaves.

    Attributes:
        fault: A mode of ``FAULT_MODES``, or None for a competent server.
        fault_count: Faulty replies before the server turns competent (None: every reply is faulty).
        retry_after_s: Retry-After header value of ``rate_limit`` replies.
        latency_s: Delay added to every competent reply (injected model latency).
        slow_s: Delay of a ``slow`` reply (then a correct answer).
        hang_s: How long a ``hang`` request is held open without an answer (the server's stop ends it).
    """

    fault: str | None = None
    fault_count: int | None = None
    retry_after_s: float = 1.0
    latency_s: float = 0.0
    slow_s: float = 2.0
    hang_s: float = 3600.0
    served: list[Served] = field(default_factory=list)


class _QuietServer(ThreadingHTTPServer):
    """A client that gave up (its timeout, the run deadline) closes the socket: writing the late reply then fails.
    That is expected here and not printed; any other handler error still is."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


class LLMServer:
    """A threaded OpenAI-compatible server on 127.0.0.1; use as a context manager."""

    def __init__(self, config: LLMServerConfig | None = None, *, model: str = "liftoff-competent") -> None:
        self.config = config or LLMServerConfig()
        if self.config.fault is not None and self.config.fault not in FAULT_MODES:
            raise ValueError(f"unknown fault mode {self.config.fault!r} (known: {', '.join(FAULT_MODES)})")
        self.model = model
        self._lock = threading.Lock()
        self._faults_served = 0
        self._stop = threading.Event()
        self._httpd = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="llm-server", daemon=True)

    @property
    def base_url(self) -> str:
        """The ``/v1`` base URL to give ``OPENAI_BASE_URL``."""
        port = self._httpd.server_address[1]
        return f"http://127.0.0.1:{port}/v1"

    @property
    def served(self) -> list[Served]:
        """Requests received so far, in arrival order (``finished`` is set when the reply is done)."""
        with self._lock:
            return list(self.config.served)

    def start(self) -> LLMServer:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release every held (hanging) request."""
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> LLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- decisions ------------------------------------------------------------------------------------------
    def _next_mode(self) -> str:
        with self._lock:
            cfg = self.config
            if cfg.fault is None or (cfg.fault_count is not None and self._faults_served >= cfg.fault_count):
                return "competent"
            self._faults_served += 1
            return cfg.fault

    def _record(self, served: Served) -> None:
        with self._lock:
            self.config.served.append(served)


def task_payload(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON task payload of the last user message that carries one (the prompts' ```json block)."""
    for message in reversed(messages):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            blocks = _PAYLOAD_RE.findall(content)
            if blocks:
                return dict(json.loads(blocks[-1]))
    raise LookupError("no ```json task payload in the prompt")


def _asked(body: dict[str, Any]) -> tuple[str, str]:
    """(kind, name): what the request asks for: ('schema', Name), ('tool', name) or ('text', '')."""
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return "schema", str((fmt.get("json_schema") or {}).get("name", ""))
    tools = [
        t.get("function", {}).get("name", "") for t in body.get("tools") or [] if t.get("type") == "function"
    ]
    if tools:
        return "tool", tools[0]
    return "text", ""


def _text_schema(messages: list[dict[str, Any]]) -> str:
    """Schema a plain JSON prompt asks for (the JSON instruction names it); '' when none is named."""
    for message in reversed(messages):
        content = message.get("content")
        if isinstance(content, str):
            for name in HANDLERS:
                if name in content:
                    return name
    return ""


def answer(body: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """The competent answer: (content, tool call or None), from the offline engine's rules."""
    messages = list(body.get("messages") or [])
    kind, name = _asked(body)
    if kind == "text":
        name = _text_schema(messages)
    handler = HANDLERS.get(name)
    if handler is None:
        return "I can only answer Liftoff's structured agent requests.", None
    value = handler(task_payload(messages))
    if kind == "tool":
        return "", {
            "id": f"call_{uuid.uuid4().hex[:12]}",
            "type": "function",
            "function": {"name": name, "arguments": json.dumps(value, default=str)},
        }
    return json.dumps(value, default=str), None


def _completion(model: str, content: str | None, tool_call: dict[str, Any] | None) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content if tool_call is None else None}
    if tool_call is not None:
        message["tool_calls"] = [tool_call]
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:16]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if tool_call else "stop"}],
        "usage": {
            "prompt_tokens": 100,
            "completion_tokens": max(1, len(content or "") // 4),
            "total_tokens": 0,
        },
    }


def _chunks(model: str, content: str, tool_call: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The SSE chunks of a streamed answer: content (or tool arguments) in pieces, then a finish chunk."""
    cid = f"chatcmpl-{uuid.uuid4().hex[:16]}"

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {
            "id": cid,
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }

    out = [chunk({"role": "assistant", "content": ""})]
    if tool_call is not None:
        args = tool_call["function"]["arguments"]
        out.append(
            chunk(
                {
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": tool_call["id"],
                            "type": "function",
                            "function": {"name": tool_call["function"]["name"], "arguments": ""},
                        }
                    ]
                }
            )
        )
        out += [
            chunk({"tool_calls": [{"index": 0, "function": {"arguments": args[i : i + 40]}}]})
            for i in range(0, len(args), 40)
        ]
        out.append(chunk({}, "tool_calls"))
    else:
        out += [chunk({"content": content[i : i + 40]}) for i in range(0, len(content), 40)]
        out.append(chunk({}, "stop"))
    return out


def _handler_for(server: LLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
            return

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            if self.path.rstrip("/").endswith("/models"):
                self._json(200, {"object": "list", "data": [{"id": server.model, "object": "model"}]})
            else:
                self._json(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:  # noqa: N802 - stdlib name
            started = time.monotonic()
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._json(
                    400, {"error": {"message": "request body is not JSON", "type": "invalid_request_error"}}
                )
                return
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._json(404, {"error": {"message": f"no route {self.path}"}})
                return
            mode = server._next_mode()
            kind, name = _asked(body)
            stream = bool(body.get("stream"))
            record = Served(started, started, mode, f"{kind}:{name}", stream)
            server._record(record)  # on arrival: a request held open (hang) is counted too
            try:
                self._serve(mode, body, stream)
            finally:
                record.finished = time.monotonic()

        # ---- replies --------------------------------------------------------------------------------------
        def _serve(self, mode: str, body: dict[str, Any], stream: bool) -> None:
            cfg = server.config
            if mode == "rate_limit":
                self._json(
                    429,
                    {"error": {"message": "Rate limit reached", "type": "rate_limit_error"}},
                    {"Retry-After": f"{cfg.retry_after_s:g}"},
                )
            elif mode == "server_error":
                self._json(500, {"error": {"message": "internal error", "type": "server_error"}})
            elif mode == "unavailable":
                self._json(503, {"error": {"message": "overloaded", "type": "server_error"}})
            elif mode == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
            elif mode == "hang":
                server._stop.wait(cfg.hang_s)
                self.close_connection = True
            elif mode == "invalid_json":
                self._raw(
                    200,
                    b'{"id": "x", "choices": [{"message": {"role": "assistant", "content": "{"',
                    "application/json",
                )
            elif mode == "empty_choices":
                self._json(
                    200,
                    {
                        "id": "x",
                        "object": "chat.completion",
                        "created": 0,
                        "model": server.model,
                        "choices": [],
                    },
                )
            elif mode == "wrong_schema":
                self._json(
                    200,
                    {
                        "id": 7,
                        "object": "chat.completion",
                        "model": server.model,
                        "choices": [{"index": "first", "message": "not a message"}],
                    },
                )
            elif mode == "junk_tool_args":
                kind, name = _asked(body)
                call = {
                    "id": "call_junk",
                    "type": "function",
                    "function": {"name": name or "answer", "arguments": '{"oops": [1, 2,, ]'},
                }
                self._json(
                    200,
                    _completion(
                        server.model,
                        "" if kind == "tool" else '{"oops": [1, 2,, ]',
                        call if kind == "tool" else None,
                    ),
                )
            elif mode == "truncated_stream":
                self._truncated(body, stream)
            else:
                if mode == "slow":
                    server._stop.wait(cfg.slow_s)
                elif cfg.latency_s:
                    server._stop.wait(cfg.latency_s)
                self._competent(body, stream)

        def _competent(self, body: dict[str, Any], stream: bool) -> None:
            try:
                content, call = answer(body)
            except (LookupError, ValueError, KeyError) as exc:
                self._json(
                    400, {"error": {"message": f"cannot answer: {exc}", "type": "invalid_request_error"}}
                )
                return
            if not stream:
                self._json(200, _completion(server.model, content, call))
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            for piece in _chunks(server.model, content, call):
                self.wfile.write(f"data: {json.dumps(piece)}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

        def _truncated(self, body: dict[str, Any], stream: bool) -> None:
            try:
                content, call = answer(body)
            except (LookupError, ValueError, KeyError):
                content, call = '{"partial": true}', None
            if stream:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = _chunks(server.model, content, call)
                for piece in pieces[: max(2, len(pieces) // 2)]:
                    self.wfile.write(f"data: {json.dumps(piece)}\n\n".encode())
                self.wfile.write(b'data: {"id": "x", "choices": [{"delta": {"cont')
            else:
                data = json.dumps(_completion(server.model, content, call)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True

        def _json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            self._raw(status, json.dumps(payload).encode(), "application/json", headers)

        def _raw(self, status: int, data: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()

    return Handler
