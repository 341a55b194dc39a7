"""Test-wide safety nets: no outbound network, no real model calls unless opted in, isolated state."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from evals.netguard import install_socket_guard
from graph.contracts.network import apply_offline_defaults
from tests.fakes import ScriptedModels

apply_offline_defaults()

install_socket_guard()


@pytest.fixture(autouse=True)
def liftoff_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give every test its own state directory and a clean, offline environment."""
    home = tmp_path / "liftoff-home"
    monkeypatch.setenv("LIFTOFF_HOME", str(home))
    for var in (
        "LIFTOFF_MODEL",
        "OPENAI_BASE_URL",
        "OPENAI_API_KEY",
        "CHROMA_HOST",
        "LIFTOFF_APPROVERS",
        "LIFTOFF_PROMPTS",
    ):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(autouse=True)
def keep_main_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put ``sys.modules["__main__"]`` back after every test.

    Streamlit's AppTest installs the app script as ``__main__`` and leaves it there; a later test in the same
    worker that starts a ``spawn`` process would then run the whole app in the child (a fresh-clone run saw
    such a child abort).
    """
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])


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


@pytest.fixture
def scripted_model() -> Iterator[ScriptedModels]:
    """Make scripted fake models (``scripted_model(reply("..."), ...)``); the test fails at teardown when
    any of them has script steps left unconsumed."""
    models = ScriptedModels()
    yield models
    models.check()


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
