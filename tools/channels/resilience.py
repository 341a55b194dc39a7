"""Retry with exponential backoff and full jitter, and a per-channel circuit breaker."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

BreakerState = Literal["closed", "open", "half_open"]


@dataclass(frozen=True)
class RetryPolicy:
    """How transient channel errors are retried.

    Attributes:
        max_attempts: Connector calls per publish, the first included (1 = no retry).
        base_delay_s: Backoff ceiling of the first retry.
        multiplier: Growth of the ceiling per retry.
        max_delay_s: Cap on any single delay (also caps a channel's ``Retry-After``).
    """

    max_attempts: int = 4
    base_delay_s: float = 0.5
    multiplier: float = 2.0
    max_delay_s: float = 30.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be >= 1, got {self.max_attempts}")
        if self.base_delay_s < 0 or self.max_delay_s < 0 or self.multiplier < 1:
            raise ValueError("delays must be >= 0 and multiplier >= 1")

    def ceiling(self, retry: int) -> float:
        """Return the backoff ceiling before retry number ``retry`` (1 = first retry)."""
        return min(self.max_delay_s, self.base_delay_s * self.multiplier ** (retry - 1))

    def delay(self, retry: int, rng: random.Random, retry_after_s: float | None = None) -> float:
        """Return the delay before retry ``retry``: full jitter in [0, ceiling], at least ``retry_after_s``."""
        jittered = rng.uniform(0.0, self.ceiling(retry))
        if retry_after_s is not None:
            jittered = max(jittered, min(retry_after_s, self.max_delay_s))
        return jittered


@dataclass
class _Circuit:
    state: BreakerState = "closed"
    failures: int = 0
    opened_at: float = 0.0
    trial_in_flight: bool = False


@dataclass
class CircuitBreaker:
    """Per-channel circuit breaker: opens after ``threshold`` consecutive transient failures.

    While open it refuses fast; after ``reset_after_s`` it lets one trial call through (half-open): success
    closes it, failure opens it again. State is per process (each publisher instance keeps its own).
    """

    threshold: int = 5
    reset_after_s: float = 60.0
    monotonic: Callable[[], float] = time.monotonic
    _circuits: dict[str, _Circuit] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.threshold < 1:
            raise ValueError(f"breaker threshold must be >= 1, got {self.threshold}")

    def state(self, channel: str) -> BreakerState:
        """Return the channel's state, moving open -> half_open once the reset time has passed."""
        c = self._circuits.setdefault(channel, _Circuit())
        if c.state == "open" and self.monotonic() - c.opened_at >= self.reset_after_s:
            c.state, c.trial_in_flight = "half_open", False
        return c.state

    def allow(self, channel: str) -> bool:
        """Return whether a call may go through now (half-open lets exactly one trial through)."""
        state = self.state(channel)
        if state == "closed":
            return True
        c = self._circuits[channel]
        if state == "half_open" and not c.trial_in_flight:
            c.trial_in_flight = True
            return True
        return False

    def record_success(self, channel: str) -> None:
        """Record a successful call: the circuit closes."""
        self._circuits[channel] = _Circuit()

    def record_failure(self, channel: str) -> bool:
        """Record a transient failure; return True when this failure opened the circuit."""
        c = self._circuits.setdefault(channel, _Circuit())
        c.failures += 1
        if c.state == "half_open" or (c.state == "closed" and c.failures >= self.threshold):
            c.state, c.opened_at, c.trial_in_flight = "open", self.monotonic(), False
            return True
        return False

    def retry_in(self, channel: str) -> float:
        """Return seconds until an open circuit lets a trial through (0 when not open)."""
        if self.state(channel) != "open":
            return 0.0
        return max(0.0, self.reset_after_s - (self.monotonic() - self._circuits[channel].opened_at))
