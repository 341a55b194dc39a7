"""Runtime context of the campaign graph (LangGraph ``context_schema``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.config import Settings
from graph.services import Services, services_for


@dataclass
class CampaignContext:
    """What every node may read besides the state: the settings (and through them, the services).

    Passed as ``context=`` on every invoke/stream/resume. On LangGraph server, where no context is passed,
    settings come from the server's environment (its edge).
    """

    settings: Settings = field(default_factory=Settings.from_env)

    @property
    def services(self) -> Services:
        """Stores, tools and models for these settings."""
        return services_for(self.settings)
