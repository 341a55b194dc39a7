"""What drives campaigns, as the scheduler and the after-run hooks see it: the embedded runner or a LangGraph server.

:class:`CampaignDriver` is the typed seam between the lifecycle (``graph.runtime.cycles``, ``scheduler``,
``lifecycle_hooks``) and whatever runs the graph (:class:`graph.runtime.runner.Campaigns` in-process,
:class:`graph.runtime.remote.RemoteCampaigns` on a server); :class:`RunResult` and :class:`CampaignSummary` are
what both return.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from graph.runtime.services import Services
from graph.runtime.settings import Settings


@dataclass
class RunResult:
    """Where a campaign stands after a run or resume."""

    thread_id: str
    trace_id: str
    status: str
    reason: str = ""
    pending_review: dict[str, Any] | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def needs_human(self) -> bool:
        """True while the graph waits in ``human_review``."""
        return self.pending_review is not None


@dataclass
class CampaignSummary:
    """One row of ``liftoff runs``."""

    campaign_id: str
    trace_id: str
    status: str
    brand: str
    model: str
    title: str
    created_at: str
    updated_at: str
    reason: str


class CampaignDriver(Protocol):
    """Runs, resumes and cycles campaigns; the settings and services of the process it runs in."""

    settings: Settings
    services: Services

    def result(self, thread_id: str) -> RunResult: ...

    def resume(
        self, thread_id: str, decision: dict[str, Any] | None, *, auto_approve: bool = False
    ) -> RunResult: ...

    def run_cycle(
        self,
        thread_id: str,
        kind: str,
        *,
        days: int = 1,
        cycle_id: str | None = None,
        auto_approve: bool = False,
    ) -> RunResult: ...

    def list(self) -> list[CampaignSummary]: ...
