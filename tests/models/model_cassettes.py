"""vcrpy cassettes for the real OpenAI-compatible HTTP path (helpers shared by the cassette tests).

Replay (default, CI): ``LIFTOFF_RECORD`` unset -> record_mode ``none``: a request that is not in
the cassette, or a missing cassette, fails the test loudly; no server is needed and nothing
leaves the machine.

Record: ``scripts/record_cassettes.sh local`` (SmolLM2 on llama-cpp-python's server at
127.0.0.1:8765) or ``scripts/record_cassettes.sh remote`` (any OpenAI-compatible server or
OpenAI itself: ``OPENAI_BASE_URL``, ``OPENAI_API_KEY``, ``LIFTOFF_RECORD_MODEL``). The target
(base URL and model name, never the key) is written next to the cassettes in ``target.json`` and
replay uses it, so requests match byte for byte.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import vcr
from vcr.cassette import Cassette

ROOT = Path(__file__).resolve().parents[1] / "cassettes"
DEFAULT_BASE_URL = "http://127.0.0.1:8765/v1"
DEFAULT_MODEL = "smollm2"
RECORD_MODE = os.environ.get("LIFTOFF_RECORD", "none") or "none"
RECORDING = RECORD_MODE != "none"
# Captured at import: the autouse conftest fixture removes these variables inside tests.
_ENV = {k: os.environ.get(k) for k in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "LIFTOFF_RECORD_MODEL")}
FILTERED_HEADERS = [
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
]
KEEP_REQUEST_HEADERS = {"content-type", "accept"}


@dataclass(frozen=True)
class Target:
    """The server and model a cassette set was recorded against."""

    base_url: str
    model: str
    api_key: str | None = None


def target(area: str) -> Target:
    """Return the recording target of a cassette area (from the env when recording, else target.json)."""
    path = ROOT / area / "target.json"
    if RECORDING:
        found = Target(
            base_url=_ENV["OPENAI_BASE_URL"] or DEFAULT_BASE_URL,
            model=_ENV["LIFTOFF_RECORD_MODEL"] or DEFAULT_MODEL,
            api_key=_ENV["OPENAI_API_KEY"],
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps({"base_url": found.base_url, "model": found.model}, indent=2) + "\n", encoding="utf-8"
        )
        return found
    if not path.exists():
        pytest.fail(f"cassette target {path} is missing: record with `make record-local` or `make record`")
    data = json.loads(path.read_text(encoding="utf-8"))
    return Target(base_url=data["base_url"], model=data["model"])


def _scrub_request(request: Any) -> Any:
    """Keep only content headers: no keys, no client fingerprints (x-stainless-*) in cassettes."""
    for name in list(request.headers):
        if name.lower() not in KEEP_REQUEST_HEADERS:
            del request.headers[name]
    return request


def make_vcr(area: str) -> vcr.VCR:
    """Return the VCR of a cassette area (one cassette per test, strict matching incl. the JSON body)."""
    return vcr.VCR(
        cassette_library_dir=str(ROOT / area),
        record_mode=RECORD_MODE,
        filter_headers=FILTERED_HEADERS,
        before_record_request=_scrub_request,
        match_on=("method", "scheme", "host", "port", "path", "query", "body"),
        decode_compressed_response=True,
        serializer="yaml",
    )


@contextmanager
def allow_target_network(base_url: str) -> Iterator[None]:
    """While recording against a non-loopback server, lift conftest's outbound-connection block."""
    host = urlparse(base_url).hostname or ""
    if not RECORDING or host in ("127.0.0.1", "localhost", "::1"):
        yield
        return
    from tests import conftest  # the rootdir conftest keeps the real socket functions

    saved = (socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo)
    socket.socket.connect = conftest._real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = conftest._real_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = conftest._real_getaddrinfo
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = saved  # type: ignore[method-assign]


def played(cassette: Cassette) -> list[tuple[Any, dict[str, Any]]]:
    """(request, response) pairs this run used, in recorded order: all while recording, played ones in replay."""
    pairs = list(zip(cassette.requests, cassette.responses, strict=True))
    if RECORDING:
        return pairs
    return [pair for i, pair in enumerate(pairs) if cassette.play_counts[i] > 0]


def refused_native(request: Any, response: dict[str, Any]) -> bool:
    """True for a native structured-output request (response_format) that the server refused."""
    try:
        body = json.loads(request.body)
    except (TypeError, ValueError):
        return False
    return "response_format" in body and int(response["status"]["code"]) >= 400


@contextmanager
def use_cassette(
    area: str, name: str, base_url: str, may_skip: Callable[[Any, dict[str, Any]], bool] | None = None
) -> Iterator[Cassette]:
    """Play (or record) ``<area>/<name>.yaml``; in replay every recorded request must be used.

    Args:
        area: Cassette folder under tests/cassettes.
        name: Cassette name (the test's name).
        base_url: Server the cassette was recorded from.
        may_skip: Recorded interactions a replay may leave unplayed (e.g. ``refused_native``:
            concurrent agents race to the structured-path cache, so how many probed the native
            path first depends on thread timing; every request made must still be recorded).
    """
    path = ROOT / area / f"{name}.yaml"
    if RECORDING:
        path.unlink(missing_ok=True)  # a re-recording replaces the whole cassette
    elif not path.exists():
        pytest.fail(f"cassette {path} is missing: record with `make record-local` or `make record`")
    with allow_target_network(base_url), make_vcr(area).use_cassette(path.name) as cassette:
        yield cassette
    if not RECORDING:
        unplayed = [
            (req, resp)
            for i, (req, resp) in enumerate(zip(cassette.requests, cassette.responses, strict=True))
            if cassette.play_counts[i] == 0
        ]
        unexpected = [req for req, resp in unplayed if not (may_skip and may_skip(req, resp))]
        assert not unexpected, (
            f"cassette {path.name}: {len(unexpected)} recorded request(s) were not made; if prompts or the "
            "flow changed since recording, re-record: `make record-local` (or `make record`)"
        )
