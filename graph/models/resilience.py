"""Resilient model calls: per-call timeout, per-run deadline, retries that honour Retry-After, a breaker per provider.

``call_model`` wraps one provider request. Every fault is classified (``graph.models.errors.classify_fault``):
transport (unreachable, reset, timeout), protocol (5xx, 429, a reply that is not valid JSON, has no choices or the
wrong shape) or schema (the model's answer does not validate, handled by the structured-output chain's re-asks).
Transient faults are retried with exponential backoff and jitter, waiting what a 429's ``Retry-After`` asks for,
inside the run's deadline (a request started close to the deadline is waited for only until it: the deadline is
never overrun by a per-call timeout); when the retries or the deadline are spent the caller gets ONE line naming the agent,
the provider and what was wrong, as an error the graph does not retry again (``exhausted``): the campaign ends
``failed`` and ``liftoff resume`` starts it again from its last checkpoint.

A circuit breaker per provider (endpoint) opens after consecutive faulty attempts from any agent of the process,
so a parallel fan-out against a dead provider stops after a few requests instead of each branch retrying alone.
"""

from __future__ import annotations

import contextvars
import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from graph.models.errors import (
    Fault,
    ModelUnavailableError,
    ProviderFaultError,
    TransientModelError,
    classify_fault,
    provider_label,
)

R = TypeVar("R")


class PolicyError(ValueError):
    """A model-call setting is invalid; the message names the variable."""


@dataclass(frozen=True)
class CallPolicy:
    """How model calls are bounded and retried (settings, read once at the edge).

    Attributes:
        timeout_s: Per-request timeout (``LIFTOFF_MODEL_TIMEOUT``): connect + read of one call.
        deadline_s: Per-run budget for model calls (``LIFTOFF_MODEL_DEADLINE``): no retry starts past it.
        max_attempts: Attempts per call for transient faults (``LIFTOFF_MODEL_ATTEMPTS``), first one included.
        backoff_s: First backoff wait; doubles per attempt, with jitter, up to ``backoff_max_s``.
        backoff_max_s: Longest backoff wait.
        retry_after_max_s: Longest Retry-After honoured; a provider asking for more is given up on at once.
        breaker_failures: Consecutive faulty attempts on one provider that open its breaker
            (``LIFTOFF_MODEL_BREAKER_FAILURES``).
        breaker_cooldown_s: How long an open breaker refuses calls before letting one probe through
            (``LIFTOFF_MODEL_BREAKER_COOLDOWN``).
    """

    timeout_s: float = 120.0
    deadline_s: float = 1800.0
    max_attempts: int = 4
    backoff_s: float = 1.0
    backoff_max_s: float = 30.0
    retry_after_max_s: float = 120.0
    breaker_failures: int = 6
    breaker_cooldown_s: float = 30.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> CallPolicy:
        """Read the policy from environment variables (defaults for the unset ones).

        Raises:
            PolicyError: a value that is not a positive number (attempts and failures: a positive integer).
        """

        def number(key: str, default: float) -> float:
            raw = (env.get(key) or "").strip()
            if not raw:
                return default
            try:
                value = float(raw)
            except ValueError:
                raise PolicyError(f"{key} must be a number of seconds, got {raw!r}") from None
            if not value > 0 or value == float("inf"):
                raise PolicyError(f"{key} must be a positive number of seconds, got {raw!r}")
            return value

        def count(key: str, default: int) -> int:
            raw = (env.get(key) or "").strip()
            if not raw:
                return default
            if not raw.isdigit() or int(raw) < 1:
                raise PolicyError(f"{key} must be a positive integer, got {raw!r}")
            return int(raw)

        return cls(
            timeout_s=number("LIFTOFF_MODEL_TIMEOUT", cls.timeout_s),
            deadline_s=number("LIFTOFF_MODEL_DEADLINE", cls.deadline_s),
            max_attempts=count("LIFTOFF_MODEL_ATTEMPTS", cls.max_attempts),
            backoff_s=number("LIFTOFF_MODEL_BACKOFF", cls.backoff_s),
            breaker_failures=count("LIFTOFF_MODEL_BREAKER_FAILURES", cls.breaker_failures),
            breaker_cooldown_s=number("LIFTOFF_MODEL_BREAKER_COOLDOWN", cls.breaker_cooldown_s),
        )

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Wait before retry number ``attempt`` (1-based): exponential with full jitter on the upper half."""
        base = min(self.backoff_max_s, self.backoff_s * (2.0 ** (attempt - 1)))
        return base / 2 + rng.random() * base / 2


SINGLE_ATTEMPT = CallPolicy(max_attempts=1, breaker_failures=1_000_000)
"""No retries and no breaker: what a bare ``invoke_structured`` call gets (the caller owns retries)."""


# ---- the run deadline --------------------------------------------------------------------------------------
_DEADLINE: ContextVar[float | None] = ContextVar("liftoff_model_deadline", default=None)


@contextmanager
def run_deadline(seconds: float) -> Iterator[float]:
    """Bound the model calls made inside the block (and the graph threads it starts) to ``seconds`` from now.

    An enclosing deadline that ends sooner wins. Yields the monotonic time of the deadline.
    """
    outer = _DEADLINE.get()
    ends = time.monotonic() + seconds
    if outer is not None:
        ends = min(ends, outer)
    token = _DEADLINE.set(ends)
    try:
        yield ends
    finally:
        try:
            _DEADLINE.reset(token)
        except ValueError:  # reset from another context (an abandoned generator finalised elsewhere)
            _DEADLINE.set(outer)


def remaining() -> float | None:
    """Seconds left before the current run's deadline (None when no deadline is set)."""
    ends = _DEADLINE.get()
    return None if ends is None else ends - time.monotonic()


# ---- the breaker -------------------------------------------------------------------------------------------
class ProviderBreaker:
    """Consecutive-fault breaker of one provider: closed -> open (cooldown) -> half-open (one probe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.failures = 0
        self.opened_at: float | None = None
        self.last_fault = ""
        self._probing = False

    def admit(self, policy: CallPolicy) -> float | None:
        """None when a call may go; else the seconds until the breaker lets a probe through."""
        with self._lock:
            if self.opened_at is None:
                return None
            waited = time.monotonic() - self.opened_at
            if waited >= policy.breaker_cooldown_s and not self._probing:
                self._probing = True
                return None
            return max(0.0, policy.breaker_cooldown_s - waited)

    def success(self) -> None:
        """A call got a reply: close the breaker."""
        with self._lock:
            self.failures, self.opened_at, self._probing = 0, None, False

    def failure(self, policy: CallPolicy, fault: str) -> None:
        """A transient fault: count it; open (again) at the threshold or when a probe failed."""
        with self._lock:
            self.failures += 1
            self.last_fault = fault
            if self._probing or self.failures >= policy.breaker_failures:
                self.opened_at, self._probing = time.monotonic(), False


_BREAKERS: dict[str, ProviderBreaker] = {}
_BREAKERS_LOCK = threading.Lock()


def breaker_for(provider: str) -> ProviderBreaker:
    """The process-wide breaker of a provider key."""
    with _BREAKERS_LOCK:
        return _BREAKERS.setdefault(provider, ProviderBreaker())


def reset_breakers() -> None:
    """Close and forget every breaker (tests, and the app's 'retry now')."""
    with _BREAKERS_LOCK:
        _BREAKERS.clear()


# ---- the call ----------------------------------------------------------------------------------------------
def call_model(
    fn: Callable[[], R],
    *,
    model: object,
    agent: str,
    policy: CallPolicy,
    passthrough: Callable[[BaseException], bool] = lambda exc: False,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
) -> R:
    """Run one provider request with the policy's retries, backoff, breaker and the run's deadline.

    Args:
        fn: The request (no arguments).
        model: The chat model called (names the provider in messages).
        agent: Agent that calls (named in messages).
        policy: Timeouts, attempts, backoff and breaker settings.
        passthrough: Exceptions the caller handles itself (e.g. a provider refusing a request field).
        sleep: Waits between attempts (tests pass a fake).
        rng: Jitter source.

    Returns:
        What ``fn`` returned.

    Raises:
        ProviderFaultError / ModelUnavailableError: a transient fault outlived the retries, the deadline or the
            breaker; ``exhausted`` is True and the message is one line naming agent, provider and fault.
        Exception: anything that is not a provider fault, unchanged (the caller classifies it).
    """
    rng = rng or random.Random()
    provider = provider_label(model)
    breaker = breaker_for(provider)
    started = time.monotonic()
    attempts = 0
    last: Fault | None = None
    while True:
        wait = breaker.admit(policy)
        if wait is not None:
            cause = f"; last fault: {breaker.last_fault}" if breaker.last_fault else ""
            raise _give_up(
                agent,
                provider,
                last,
                attempts,
                started,
                f"circuit open after {breaker.failures} consecutive faults, not called for {wait:.0f}s"
                f"{cause}",
            )
        left = remaining()
        if left is not None and left <= 0:
            raise _give_up(agent, provider, last, attempts, started, "run deadline for model calls reached")
        try:
            out = fn() if left is None or left >= policy.timeout_s else _within(fn, left)
        except _DeadlineCut:
            attempts += 1
            cut = Fault(
                "transient", True, f"no reply before the run deadline ({left:.1f}s left for this request)"
            )
            breaker.failure(policy, cut.detail)
            raise _give_up(
                agent, provider, cut, attempts, started, "run deadline for model calls reached"
            ) from None
        except Exception as exc:
            if passthrough(exc):
                raise
            fault = classify_fault(exc, model)
            if fault is None:
                raise
            if not fault.transient:
                raise
            attempts += 1
            last = fault
            breaker.failure(policy, fault.detail)
            if attempts >= policy.max_attempts:
                raise _give_up(agent, provider, fault, attempts, started, "retries spent") from exc
            delay = policy.backoff(attempts, rng)
            if fault.retry_after is not None:
                if fault.retry_after > policy.retry_after_max_s:
                    raise _give_up(
                        agent,
                        provider,
                        fault,
                        attempts,
                        started,
                        f"Retry-After {fault.retry_after:g}s is longer than the "
                        f"{policy.retry_after_max_s:g}s honoured",
                    ) from exc
                delay = max(delay / 4, fault.retry_after)
            left = remaining()
            if left is not None and delay >= left:
                raise _give_up(
                    agent,
                    provider,
                    fault,
                    attempts,
                    started,
                    f"run deadline for model calls reached (next retry in {delay:.1f}s)",
                ) from exc
            sleep(delay)
            continue
        breaker.success()
        return out


class _DeadlineCut(Exception):
    """A request still unanswered when the run's deadline came (it ends on its own timeout, unwaited for)."""


def _within(fn: Callable[[], R], seconds: float) -> R:
    """Run ``fn`` but wait for it at most ``seconds``: a request started near the run deadline may not outlive it.

    The request runs in a daemon thread (with the caller's context: callbacks, the deadline); when the time is
    up the caller gets ``_DeadlineCut`` and the thread is left to end on the request's own timeout.
    """
    done = threading.Event()
    box: dict[str, Any] = {}
    ctx = contextvars.copy_context()

    def target() -> None:
        try:
            box["out"] = ctx.run(fn)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller as is
            box["exc"] = exc
        finally:
            done.set()

    threading.Thread(target=target, name="model-call-near-deadline", daemon=True).start()
    if not done.wait(max(0.0, seconds)):
        raise _DeadlineCut()
    if "exc" in box:
        raise box["exc"]
    return cast(R, box["out"])


def _give_up(
    agent: str, provider: str, fault: Fault | None, attempts: int, started: float, why: str
) -> TransientModelError:
    took = time.monotonic() - started
    what = fault.detail if fault else "no reply"
    message = (
        f"{agent}: provider {provider} failed: {what}; gave up after {attempts} attempt(s) in "
        f"{took:.1f}s ({why})"
    )
    message = " ".join(message.split())
    error: TransientModelError
    if fault is not None and fault.kind == "unavailable":
        error = ModelUnavailableError(message, url=fault.url)
    else:
        error = ProviderFaultError(message, kind=fault.kind if fault else "transient")
    error.exhausted = True
    error.attempts = attempts
    return error
