"""guardrails-ai hub telemetry is off in code, and no guard run opens an outbound connection."""

from __future__ import annotations

import contextlib
import socket
import threading
import traceback
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graph.contracts import Asset
from graph.runtime.settings import REPO_ROOT
from guards.library import load_library
from guards.telemetry import disable_guardrails_telemetry, offline_guard, telemetry_enabled

TODAY = date(2026, 11, 25)


def _blocked_attempts() -> list[str]:
    """The list the currently installed test socket guard appends to (tests/conftest.py)."""
    return socket.socket.connect.__globals__["OUTBOUND_ATTEMPTS"]  # type: ignore[no-any-return]


def _asset() -> Asset:
    body = (
        "Brightwell cartridges remove up to 99% of lead from tap water. Free shipping on orders over $35. "
        "A miracle, unlike ClearSip. Results vary with local water conditions."
    )
    return Asset(
        id="a",
        version=1,
        channel="email",
        variant="A",
        region="US",
        subject="Hello",
        body=body,
        prompt_version="v1",
        prompt_hash="h",
        library_version="v",
        model="offline",
    )


def _run_every_guard() -> None:
    from guards.governance import check_asset

    lib = load_library(REPO_ROOT / "brand_library" / "brightwell")
    results = check_asset(_asset(), lib, check_date=TODAY)
    assert any(not r.passed for r in results)  # the guards really ran (banned term, competitor)


def _flush_telemetry() -> None:
    """Push out anything a span processor may hold (where a background export would connect)."""
    from guardrails.utils.hub_telemetry_utils import HubTelemetry
    from opentelemetry import trace

    hub = HubTelemetry._instance
    if hub is not None and hub._tracer_provider is not None:
        hub._tracer_provider.force_flush(timeout_millis=2_000)
    provider = trace.get_tracer_provider()
    if hasattr(provider, "force_flush"):
        provider.force_flush()


def test_telemetry_is_off_even_when_the_rc_file_enables_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".guardrailsrc").write_text("id=abc\nenable_metrics=true\n")
    monkeypatch.setenv("HOME", str(tmp_path))
    guard = offline_guard()  # Guard.configure() re-reads ~/.guardrailsrc: our Guard keeps metrics off
    from guardrails.settings import settings

    assert settings.rc.id == "abc"  # the rc file was read...
    assert not telemetry_enabled()  # ...and telemetry stayed off
    assert guard._allow_metrics_collection is False


def test_guards_open_no_outbound_connection() -> None:
    before = list(_blocked_attempts())
    _run_every_guard()
    _flush_telemetry()
    assert _blocked_attempts() == before


class Recorder:
    """Replaces the socket guard: records every non-loopback attempt with its thread and stack, refuses it."""

    def __init__(self) -> None:
        self.attempts: list[tuple[str, str, str]] = []
        self._lock = threading.Lock()

    def record(self, what: str) -> None:
        with self._lock:
            self.attempts.append(
                (what, threading.current_thread().name, "".join(traceback.format_stack(limit=8)))
            )

    @staticmethod
    def local(host: object) -> bool:
        return isinstance(host, str) and (
            host in ("localhost", "") or host.startswith("127.") or host == "::1"
        )


@pytest.fixture()
def recorder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    rec = Recorder()
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if not isinstance(host, str) or rec.local(host):
            return real_connect(self, address)  # type: ignore[arg-type]
        rec.record(f"connect:{address}")
        raise ConnectionRefusedError("recorded")

    def connect_ex(self: socket.socket, address: object) -> int:
        host = address[0] if isinstance(address, tuple) else address
        if not isinstance(host, str) or rec.local(host):
            return real_connect(self, address) or 0  # type: ignore[arg-type, func-returns-value]
        rec.record(f"connect_ex:{address}")
        return 111

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host is not None and not rec.local(host.decode() if isinstance(host, bytes) else host):
            rec.record(f"dns:{host}")
            raise socket.gaierror("recorded")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield rec


def test_recorder_sees_attempts_that_code_swallows(recorder: Recorder) -> None:
    """Control: an attempt whose error is swallowed (as exporters in background threads do) is still recorded."""

    def quiet_attempt() -> None:
        with contextlib.suppress(OSError):
            socket.getaddrinfo("hub.guardrailsai.invalid", 443)

    worker = threading.Thread(target=quiet_attempt, name="exporter")
    worker.start()
    worker.join()
    assert [a[:2] for a in recorder.attempts] == [("dns:hub.guardrailsai.invalid", "exporter")]


def test_no_connection_is_attempted_even_where_errors_would_be_swallowed(recorder: Recorder) -> None:
    _run_every_guard()
    _flush_telemetry()
    assert recorder.attempts == [], "\n".join(f"{w} in {t}:\n{s}" for w, t, s in recorder.attempts)


def test_hub_spans_would_be_emitted_if_telemetry_were_on_and_are_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """Control on the source: with the hub tracer enabled a guard run produces spans; with ours, none."""
    from guardrails.utils.hub_telemetry_utils import HubTelemetry
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    disable_guardrails_telemetry()
    hub = HubTelemetry()
    monkeypatch.delenv("OTEL_SDK_DISABLED", raising=False)  # a real SDK tracer: it must not be what saves us
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(hub, "_tracer", provider.get_tracer("test"))  # never the hub's OTLP exporter

    from guards.validators import CompetitorsValidator, run_guard

    lib = load_library(REPO_ROOT / "brand_library" / "brightwell")
    run_guard("Unlike ClearSip.", [CompetitorsValidator(lib)])
    assert exporter.get_finished_spans() == ()

    guard = offline_guard()
    guard.use(CompetitorsValidator(lib))
    monkeypatch.setattr(hub, "_enabled", True)  # what guardrails does by default without our switch
    guard.validate("Unlike ClearSip.")
    names = {s.name for s in exporter.get_finished_spans()}
    assert "/guard_call" in names  # the hub would have been told about this run
    monkeypatch.setattr(hub, "_enabled", False)
    disable_guardrails_telemetry()
    assert not telemetry_enabled()
