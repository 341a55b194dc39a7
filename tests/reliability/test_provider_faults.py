"""Every provider fault against a real OpenAI-compatible server on loopback, through the real client stack.

Each mode of ``evals.chaos.llm_server`` is served to ``invoke_structured`` over ChatOpenAI: transient faults are
retried (honouring Retry-After) and recover, faults that persist end in ONE line naming agent, provider and fault
within a bounded time, the breaker stops a fan-out hammering a dead provider, and the run deadline bounds hangs.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import pytest
from langchain_core.messages import HumanMessage

from evals.chaos.llm_server import LLMServer, LLMServerConfig
from graph.contracts.outputs import BriefExtraction
from graph.models.errors import (
    ModelUnavailableError,
    ProviderFaultError,
    StructuredOutputError,
    TransientModelError,
)
from graph.models.registry import resolve_model
from graph.models.resilience import CallPolicy, reset_breakers, run_deadline
from graph.models.structured import PATH_CACHE, invoke_structured

pytestmark = pytest.mark.live_model  # loopback HTTP to the fault server (no real model anywhere)

PROMPT = [
    HumanMessage(
        content='Extract the brief.\n```json\n{"brief_text": "Budget $20k. Email in the US. '
        'Goal: drive orders. Target: families.", "today": "2026-11-25"}\n```'
    )
]
FAST = CallPolicy(
    timeout_s=0.6, deadline_s=30, max_attempts=3, backoff_s=0.02, backoff_max_s=0.05, breaker_failures=1000
)


@pytest.fixture(autouse=True, scope="module")
def _warm() -> None:
    """The competent server's first answer in a process loads the offline engine (seconds on a loaded machine):
    done once here, so the timeouts below measure the product, not that cold start."""
    with LLMServer() as server:
        model = resolve_model("openai:competent", base_url=server.base_url, timeout=120, max_retries=0)
        invoke_structured(model, BriefExtraction, PROMPT, agent="planner")
    PATH_CACHE.clear()


@pytest.fixture(autouse=True)
def _clean() -> Iterator[None]:
    PATH_CACHE.clear()
    reset_breakers()
    yield
    PATH_CACHE.clear()
    reset_breakers()


def _ask(server: LLMServer, policy: CallPolicy = FAST) -> BriefExtraction:
    model = resolve_model(
        "openai:competent", base_url=server.base_url, timeout=policy.timeout_s, max_retries=0
    )
    return invoke_structured(model, BriefExtraction, PROMPT, agent="planner", policy=policy).value


def _one_clear_line(message: str, server: LLMServer) -> None:
    assert "\n" not in message and len(message) < 700
    assert message.startswith("planner: provider openai at ") and server.base_url in message


@pytest.mark.parametrize(
    "mode",
    [
        "rate_limit",
        "server_error",
        "unavailable",
        "reset",
        "hang",
        "invalid_json",
        "empty_choices",
        "wrong_schema",
        "truncated_stream",
    ],
)
def test_a_transient_fault_is_retried_and_recovers(mode: str) -> None:
    # The answer after the fault must come within the per-call timeout on a loaded machine: 3 s, not FAST's 0.6 s.
    policy = dataclasses.replace(FAST, timeout_s=3.0)
    with LLMServer(LLMServerConfig(fault=mode, fault_count=1, retry_after_s=0.05, hang_s=10)) as server:
        value = _ask(server, policy)
        assert value.budget_amount == 20000
        assert [s.mode for s in server.served] == [mode, "competent"]


@pytest.mark.parametrize(
    ("mode", "kind", "words"),
    [
        ("rate_limit", ProviderFaultError, "rate limited (HTTP 429, Retry-After 0.05s)"),
        ("server_error", ProviderFaultError, "HTTP 500 (internal error)"),
        ("unavailable", ProviderFaultError, "HTTP 503 (overloaded)"),
        ("reset", ModelUnavailableError, "connection failed"),
        ("hang", ProviderFaultError, "no reply in time"),
        ("invalid_json", ProviderFaultError, "malformed reply"),
        ("empty_choices", ProviderFaultError, "malformed reply"),
        ("wrong_schema", ProviderFaultError, "malformed reply"),
        ("truncated_stream", ModelUnavailableError, "peer closed connection"),
    ],
)
def test_a_persistent_fault_ends_in_one_clear_line(
    mode: str, kind: type[TransientModelError], words: str
) -> None:
    with LLMServer(LLMServerConfig(fault=mode, retry_after_s=0.05, hang_s=5)) as server:
        started = time.monotonic()
        with pytest.raises(kind) as info:
            _ask(server)
        took = time.monotonic() - started
        assert info.value.exhausted and info.value.attempts == FAST.max_attempts
        assert (
            len(server.served) == FAST.max_attempts
        )  # exactly the attempts of the policy, no client retries
        message = str(info.value)
        _one_clear_line(message, server)
        assert words in message and "gave up after 3 attempt(s)" in message
        assert took < FAST.max_attempts * (FAST.timeout_s + 0.5)


def test_retry_after_is_honoured() -> None:
    with LLMServer(LLMServerConfig(fault="rate_limit", fault_count=2, retry_after_s=0.3)) as server:
        _ask(server)
        served = server.served
        gaps = [b.started - a.finished for a, b in zip(served, served[1:], strict=False)]
        assert len(served) == 3 and all(g >= 0.28 for g in gaps), gaps


def test_a_retry_after_longer_than_honoured_gives_up_at_once() -> None:
    policy = CallPolicy(timeout_s=1, max_attempts=5, backoff_s=0.01, retry_after_max_s=5)
    with LLMServer(LLMServerConfig(fault="rate_limit", retry_after_s=600)) as server:
        with pytest.raises(ProviderFaultError, match=r"Retry-After 600s is longer than the 5s honoured"):
            _ask(server, policy)
        assert len(server.served) == 1


def test_slow_but_in_time_is_not_a_fault() -> None:
    with LLMServer(LLMServerConfig(fault="slow", slow_s=0.3)) as server:
        assert _ask(server).budget_amount == 20000
        assert len(server.served) == 1


def test_the_run_deadline_bounds_a_hang() -> None:
    policy = CallPolicy(timeout_s=0.5, max_attempts=50, backoff_s=0.01, breaker_failures=1000)
    with LLMServer(LLMServerConfig(fault="hang", hang_s=10)) as server:
        started = time.monotonic()
        with (
            run_deadline(1.2),
            pytest.raises(ProviderFaultError, match="run deadline for model calls reached"),
        ):
            _ask(server, policy)
        assert time.monotonic() - started < 2.5
        assert len(server.served) <= 3


def test_a_per_call_timeout_never_overruns_the_run_deadline() -> None:
    """A request started with less time left than its timeout is waited for only until the deadline."""
    policy = CallPolicy(timeout_s=30.0, max_attempts=5, backoff_s=0.01, breaker_failures=1000)
    with LLMServer(LLMServerConfig(fault="hang", hang_s=60)) as server:
        model = resolve_model(
            "openai:competent", base_url=server.base_url, timeout=policy.timeout_s, max_retries=0
        )
        started = time.monotonic()
        with (
            run_deadline(4.0) as ends,  # ample for the request to start, far less than its 30 s timeout
            pytest.raises(ProviderFaultError, match="no reply before the run deadline") as caught,
        ):
            invoke_structured(model, BriefExtraction, PROMPT, agent="planner", policy=policy)
        gave_up = time.monotonic()
        # Bounded by the product's own deadline, not by the per-call timeout (which it used to wait out).
        assert gave_up - ends < 1.0, f"deadline overrun by {gave_up - ends:.2f}s"
        assert gave_up - started < policy.timeout_s / 2
        assert len(server.served) == 1
        _one_clear_line(str(caught.value), server)


def test_a_call_near_the_deadline_that_answers_in_time_is_kept() -> None:
    policy = CallPolicy(timeout_s=30.0, max_attempts=2, backoff_s=0.01, breaker_failures=1000)
    with LLMServer(LLMServerConfig(fault="slow", slow_s=0.2)) as server, run_deadline(10.0):
        assert _ask(server, policy).budget_amount == 20000  # 10 s left < 30 s timeout: run under the deadline


def test_the_breaker_stops_calls_to_a_dead_provider() -> None:
    policy = CallPolicy(
        timeout_s=1, max_attempts=3, backoff_s=0.01, breaker_failures=3, breaker_cooldown_s=60
    )
    with LLMServer(LLMServerConfig(fault="unavailable")) as server:
        with pytest.raises(ProviderFaultError, match="retries spent"):
            _ask(server, policy)
        with pytest.raises(ProviderFaultError, match=r"circuit open after 3 consecutive faults.*HTTP 503"):
            _ask(server, policy)
        assert len(server.served) == 3  # the second call never reached the provider


def test_junk_answers_are_reasked_then_one_line_naming_the_provider() -> None:
    with LLMServer(LLMServerConfig(fault="junk_tool_args")) as server:
        with pytest.raises(StructuredOutputError) as info:
            _ask(server)
        message = str(info.value)
        assert "\n" not in message and message.startswith(
            "planner: no valid BriefExtraction from the model after"
        )
        assert f"openai at {server.base_url}" in message
        assert len(server.served) == info.value.attempts  # re-asks, never provider retries


def test_junk_once_is_recovered_by_a_reask() -> None:
    with LLMServer(LLMServerConfig(fault="junk_tool_args", fault_count=1)) as server:
        assert _ask(server).budget_amount == 20000
        assert len(server.served) == 2


def test_policy_settings_are_read_once_and_checked() -> None:
    from graph.runtime.settings import ConfigError, Settings

    settings = Settings.from_env(
        {"LIFTOFF_MODEL_TIMEOUT": "7.5", "LIFTOFF_MODEL_DEADLINE": "60", "LIFTOFF_MODEL_ATTEMPTS": "2"}
    )
    assert (
        settings.model_policy.timeout_s,
        settings.model_policy.deadline_s,
        settings.model_policy.max_attempts,
    ) == (7.5, 60, 2)
    with pytest.raises(ConfigError, match="LIFTOFF_MODEL_TIMEOUT must be a positive number"):
        Settings.from_env({"LIFTOFF_MODEL_TIMEOUT": "-1"})
    with pytest.raises(ConfigError, match="LIFTOFF_MODEL_ATTEMPTS must be a positive integer"):
        Settings.from_env({"LIFTOFF_MODEL_ATTEMPTS": "0"})
