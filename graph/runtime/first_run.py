"""First-run work in the background, with progress: model load, CRM seeding, brand-library ingest.

A fresh install has heavy one-time work (load the model, seed the synthetic CRM, embed the brand library's
claims into Chroma). The app starts it in a background thread at startup (:func:`warmup_for`), shows each
step with its state and elapsed time, and the first agent (the Planner) runs without waiting for it: only the
agents that need a resource wait for that resource. The warm-up fills the same process-wide caches the
campaign workers use (``graph.runtime.services.services_for``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.runtime.settings import Settings

if TYPE_CHECKING:
    from graph.runtime.services import Services


@dataclass
class WarmStep:
    """One first-run step."""

    key: str
    label: str
    state: str = "pending"
    """'pending', 'running', 'done' or 'error'."""
    started: float | None = None
    ended: float | None = None
    detail: str = ""

    def elapsed(self, now: float | None = None) -> float:
        """Seconds spent so far (or in total when finished)."""
        if self.started is None:
            return 0.0
        return (self.ended or now or time.monotonic()) - self.started


@dataclass
class Warmup:
    """The first-run steps of one settings' stores, run once in a background thread."""

    settings: Settings
    steps: list[WarmStep] = field(default_factory=list)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        s = self.settings
        self.steps = [
            WarmStep("model", f"Loading the model ({s.model})"),
            WarmStep("crm", f"Seeding the CRM store ({s.crm_contacts:,} synthetic contacts, first run only)"),
            WarmStep("library", f"Ingesting the brand library '{s.brand}' into the claim index (embeddings)"),
        ]

    def start(self) -> Warmup:
        """Start the steps in a daemon thread (once; later calls do nothing)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="liftoff-warmup", daemon=True)
                self._thread.start()
        return self

    @property
    def done(self) -> bool:
        """True when every step finished (done or error)."""
        return all(s.state in ("done", "error") for s in self.steps)

    @property
    def current(self) -> WarmStep | None:
        """The step running now, if any."""
        return next((s for s in self.steps if s.state == "running"), None)

    def progress(self) -> float:
        """Fraction of steps finished."""
        return sum(s.state in ("done", "error") for s in self.steps) / len(self.steps)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the steps finished (benchmarks, tests); True when they did."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.done

    def _run(self) -> None:
        from graph.runtime.services import services_for

        svc = services_for(self.settings)
        actions: dict[str, Callable[[], str]] = {
            "model": lambda: _models(svc, self.settings),
            "crm": lambda: f"{svc.crm.count():,} contacts",
            "library": lambda: f"{len(svc.claim_index(self.settings.brand).library.claims)} claims indexed",
        }
        for step in self.steps:
            step.state, step.started = "running", time.monotonic()
            try:
                step.detail = actions[step.key]()
                step.state = "done"
            except Exception as exc:  # noqa: BLE001 - shown on the page; the agent that needs it reports it again
                step.state, step.detail = "error", f"{type(exc).__name__}: {exc}"
            finally:
                step.ended = time.monotonic()


def _models(svc: Services, settings: Settings) -> str:
    for agent in settings.agents:
        svc.model(agent)
    return ", ".join(sorted({settings.model_for(a) for a in settings.agents}))


_REGISTRY: dict[str, Warmup] = {}
_REGISTRY_LOCK = threading.Lock()


def warmup_for(settings: Settings, *, start: bool = True) -> Warmup:
    """The process-wide warm-up of these settings (started on first call when ``start``)."""
    with _REGISTRY_LOCK:
        warm = _REGISTRY.setdefault(repr(settings), Warmup(settings))
    return warm.start() if start else warm
