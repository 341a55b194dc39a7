"""Test-wide safety nets: no outbound network, no real model calls unless opted in, isolated state."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.runtime.network import apply_offline_defaults

apply_offline_defaults()

# This file may be imported twice (as pytest's rootdir conftest and as ``tests.conftest``): keep the real socket
# functions and the attempts list on the socket module so both copies share them.
_real_connect = socket.__dict__.setdefault("_liftoff_real_connect", socket.socket.connect)
_real_connect_ex = socket.__dict__.setdefault("_liftoff_real_connect_ex", socket.socket.connect_ex)
_real_getaddrinfo = socket.__dict__.setdefault("_liftoff_real_getaddrinfo", socket.getaddrinfo)
OUTBOUND_ATTEMPTS: list[str] = socket.__dict__.setdefault("_liftoff_outbound_attempts", [])
"""Every refused outbound connection attempt of the session (asserted empty by tests)."""


def _is_local(host: object) -> bool:
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like
    if host in ("localhost", "", "::1"):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: object) -> object:
    host = address[0] if isinstance(address, tuple) else address
    if not _is_local(host):
        OUTBOUND_ATTEMPTS.append(str(address))
        raise ConnectionRefusedError(f"tests block outbound connections (to {address!r})")
    return _real_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    host = address[0] if isinstance(address, tuple) else address
    if not _is_local(host):
        OUTBOUND_ATTEMPTS.append(str(address))
        return 111
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    if host is not None and not _is_local(host if isinstance(host, str) else host.decode() if isinstance(host, bytes) else host):
        OUTBOUND_ATTEMPTS.append(f"dns:{host}")
        raise socket.gaierror(f"tests block DNS lookups of non-local hosts ({host!r})")
    return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def liftoff_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give every test its own state directory and a clean, offline environment."""
    home = tmp_path / "liftoff-home"
    monkeypatch.setenv("LIFTOFF_HOME", str(home))
    for var in ("LIFTOFF_MODEL", "OPENAI_BASE_URL", "OPENAI_API_KEY", "CHROMA_HOST", "LIFTOFF_APPROVERS", "LIFTOFF_PROMPTS"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(autouse=True)
def block_real_model_calls(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any chat-model call that is not the offline engine or a test fake, unless the test opts in.

    Opt in with ``@pytest.mark.live_model`` (or ``@pytest.mark.vcr`` for cassette replays).
    """
    if request.node.get_closest_marker("live_model") or request.node.get_closest_marker("vcr"):
        yield
        return
    from langchain_core.language_models.chat_models import BaseChatModel

    original = BaseChatModel._generate_with_cache
    allowed = ("OfflineChatModel", "ScriptedChatModel")

    def guarded(self: BaseChatModel, *args: object, **kwargs: object) -> object:
        if type(self).__name__ not in allowed:
            raise AssertionError(
                f"real model call to {type(self).__name__} blocked in tests; mark the test live_model to opt in"
            )
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(BaseChatModel, "_generate_with_cache", guarded)
    yield


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[str]:
    """A throw-away PostgreSQL cluster for the session (initdb in a temp dir); yields its admin URL.

    Fails (never skips) when the server binaries are missing: ``make services-deps`` installs them.
    """
    from evals.pgcluster import ClusterError, throwaway_cluster

    try:
        cluster = throwaway_cluster()
        url = cluster.__enter__()
    except ClusterError as exc:
        pytest.fail(f"PostgreSQL for the tests: {exc}", pytrace=False)
    try:
        yield url
    finally:
        cluster.__exit__(None, None, None)


@pytest.fixture
def postgres_url(postgres_cluster: str) -> Iterator[str]:
    """A fresh, empty database on the session's cluster for one test; yields its URL (dropped after)."""
    import uuid

    import psycopg

    from tools.sqlstore import POOLS

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_cluster, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = postgres_cluster.rsplit("/", 1)[0] + f"/{name}"
    yield url
    POOLS.close_all()
    with psycopg.connect(postgres_cluster, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
