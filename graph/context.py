"""Runtime context of the campaign graph (LangGraph ``context_schema``)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, fields
from typing import Any

from graph.runtime.services import Services, services_for
from graph.runtime.settings import ConfigError, Settings, server_settings

RUN_OVERRIDES: tuple[str, ...] = (
    "model",
    "autonomy",
    "launch_days",
    "seed",
    "brand",
    "agents",
    "check_date",
    "approval_threshold",
    "max_revisions",
    "crm_contacts",
)
"""Settings a run may set in its JSON context (server runs). Where state lives (home, database, Chroma) and who
may approve are the server's: a run cannot move them."""

_DEFAULT: dict[str, Settings] = {}
_DEFAULT_LOCK = threading.Lock()


def _server_default() -> Settings:
    with _DEFAULT_LOCK:  # read the server's environment once
        if "settings" not in _DEFAULT:
            _DEFAULT["settings"] = server_settings()
        return _DEFAULT["settings"]


@dataclass
class CampaignContext:
    """What every node may read besides the state: the settings (and through them, the services).

    The CLI and the app pass ``CampaignContext(settings)``. On LangGraph server a run may send its context as
    JSON: ``{"autonomy": "auto", "launch_days": 5}`` (any of :data:`RUN_OVERRIDES`), applied over the server's
    settings (read from its environment once); an unknown or invalid value fails the run with one line.
    """

    settings: Settings | None = None
    model: str | None = None
    autonomy: str | None = None
    launch_days: int | None = None
    seed: int | None = None
    brand: str | None = None
    agents: str | list[str] | None = None
    check_date: str | None = None
    approval_threshold: float | None = None
    max_revisions: int | None = None
    crm_contacts: int | None = None

    def __post_init__(self) -> None:
        """Resolve ``settings``: the given ones, else the server's, with this run's overrides applied."""
        if isinstance(self.settings, dict):
            raise ConfigError(
                "run context: send settings as top-level keys "
                f"({', '.join(RUN_OVERRIDES)}), not as a 'settings' object"
            )
        overrides = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name in RUN_OVERRIDES and getattr(self, f.name) is not None
        }
        base = self.settings or _server_default()
        self.settings = base.with_overrides(**overrides) if overrides else base

    @property
    def services(self) -> Services:
        """Stores, tools and models for these settings."""
        assert self.settings is not None
        return services_for(self.settings)


def context_of(runtime: Any) -> CampaignContext:
    """The run's context (a server run without one gets the server's settings)."""
    ctx = getattr(runtime, "context", None)
    return ctx if isinstance(ctx, CampaignContext) else CampaignContext()
