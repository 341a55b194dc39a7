"""Turn guardrails-ai's hub telemetry off in code, before any Guard or Validator is built.

guardrails-ai 0.11 sends usage spans to its hub (an OTLP exporter on a hard-coded https endpoint) whenever
``settings.rc.enable_metrics`` is true, which is the default when no ``~/.guardrailsrc`` exists. Three places
decide it, and all three are closed here:

* ``settings.rc.enable_metrics``: read by ``Validator.__init__`` (starts the ``HubTelemetry`` singleton);
* the ``HubTelemetry`` singleton's ``_enabled`` flag: read by every ``@trace`` wrapper (guard call, validator
  run) before it opens a span;
* ``Guard.configure()``: re-reads ``~/.guardrailsrc`` on every Guard construction and re-enables the singleton;
  :class:`OfflineGuard` forces ``allow_metrics_collection=False`` there.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from graph.contracts.network import apply_offline_defaults

_LOCK = threading.Lock()


def disable_guardrails_telemetry() -> None:
    """Switch off guardrails hub telemetry for this process (idempotent, cheap after the first call)."""
    apply_offline_defaults()  # GUARDRAILS_RUN_SYNC, OTEL_SDK_DISABLED, ... (only where the user set nothing)
    from guardrails.settings import settings  # lazy: start-up (guardrails)
    from guardrails.utils.hub_telemetry_utils import HubTelemetry  # lazy: start-up (guardrails)

    with _LOCK:
        rc = settings.rc
        if rc.enable_metrics is not False:
            settings.rc = dataclasses.replace(rc, enable_metrics=False)
        settings.disable_tracing = True
        HubTelemetry(enabled=False)._enabled = False


def telemetry_enabled() -> bool:
    """True when guardrails would still open hub telemetry spans (used by tests and ``liftoff`` diagnostics)."""
    from guardrails.settings import settings  # lazy: start-up (guardrails)
    from guardrails.utils.hub_telemetry_utils import HubTelemetry  # lazy: start-up (guardrails)

    return bool(settings.rc.enable_metrics) or bool(
        HubTelemetry._instance and HubTelemetry._instance._enabled
    )


def offline_guard(**kwargs: Any) -> Any:
    """Build a guardrails ``Guard`` that never collects metrics (telemetry switched off first)."""
    disable_guardrails_telemetry()
    return _offline_guard_class()(**kwargs)


_GUARD_CLASS: Any = None


def _offline_guard_class() -> Any:
    global _GUARD_CLASS
    if _GUARD_CLASS is None:
        from guardrails import Guard  # lazy: start-up (guardrails)

        class OfflineGuard(Guard):  # type: ignore[misc]
            """A Guard whose configure() never turns hub telemetry back on."""

            def _load_rc(self) -> None:
                super()._load_rc()
                disable_guardrails_telemetry()

            def configure(
                self, *, num_reasks: int | None = None, allow_metrics_collection: bool | None = None
            ) -> None:
                super().configure(num_reasks=num_reasks, allow_metrics_collection=False)

        _GUARD_CLASS = OfflineGuard
    return _GUARD_CLASS
