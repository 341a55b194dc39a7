"""Campaign runs in background worker threads, for a UI that must never freeze.

A worker streams the graph (``Campaigns.stream``) and puts each finished node on a thread-safe queue; the
checkpointer and the event log are written as it goes (durability ``sync``), so the page can render from
them at any time and nothing is lost when the process dies: the campaign resumes from its last checkpoint.
Workers never touch UI APIs (Streamlit's script context does not exist in other threads). Runs are
serialized by one lock per process (the embedded stores are shared); a queued job says so.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from langgraph.types import Command

from graph.models.registry import check_reachable
from graph.nodes.human_review import validate_resume
from graph.runtime.driver import CampaignSummary, RunResult
from graph.runtime.errors import ErrorView, explain
from graph.runtime.held import held_programs, publish_held, still_blocked
from graph.runtime.remote import open_campaigns
from graph.runtime.runner import CampaignError, Campaigns, check_cycle_request
from graph.runtime.services import services_for
from graph.runtime.settings import Settings

TERMINAL = frozenset({"launched", "rejected", "failed"})
"""Statuses after which the graph has nothing left to run."""


@dataclass(frozen=True)
class CycleRequest:
    """A recurring cycle on a launched campaign (``Campaigns.run_cycle``): 'optimize' days, or a 'report'."""

    kind: str
    days: int = 1


@dataclass(frozen=True)
class HeldRequest:
    """Publish what a released kill-switch held back (``graph.runtime.held.publish_held``)."""

    actor: str


@dataclass
class Job:
    """One background run of a campaign (start, resume with a decision, or retry)."""

    thread_id: str
    action: str
    started_at: float = field(default_factory=time.time)
    state: str = "queued"
    """'queued' (waiting for another run), 'running', 'done' or 'error'."""
    nodes: list[str] = field(default_factory=list)
    """Nodes finished so far, in order."""
    error: ErrorView | None = None
    finished_at: float | None = None
    updates: queue.Queue[tuple[str, Any]] = field(default_factory=queue.Queue, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def alive(self) -> bool:
        """True while the job is queued or running."""
        return self.state in ("queued", "running")

    def poll(self) -> list[str]:
        """Move queued updates into :attr:`nodes`; return the nodes that finished since the last poll."""
        new = []
        with self._lock:
            while True:
                try:
                    kind, value = self.updates.get_nowait()
                except queue.Empty:
                    break
                if kind == "node":
                    self.nodes.append(value)
                    new.append(value)
        return new

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (tests, CLI); return True when it ended."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.alive


class Reader:
    """Thread-safe read access to campaigns (one connection set shared by every page session)."""

    def __init__(self, settings: Settings, *, list_ttl_s: float = 3.0) -> None:
        """Open the campaign stores of ``settings``; the campaign list is re-read at most every ``list_ttl_s``."""
        self.settings = settings
        self.campaigns = open_campaigns(settings)
        self._lock = threading.RLock()
        self._list_ttl = list_ttl_s
        self._listed: tuple[float, list[CampaignSummary]] | None = None

    @contextmanager
    def locked(self) -> Iterator[Campaigns]:
        """Hold the reader's lock while using its :class:`Campaigns`."""
        with self._lock:
            yield self.campaigns

    def result(self, thread_id: str) -> RunResult:
        """Where a campaign stands (raises ``CampaignError`` for an unknown one)."""
        with self._lock:
            result: RunResult = self.campaigns.result(thread_id)
            return result

    def next_nodes(self, thread_id: str) -> tuple[str, ...]:
        """Nodes the graph would run next from the latest checkpoint (empty when finished or waiting)."""
        with self._lock:
            snap = self.campaigns.graph.get_state({"configurable": {"thread_id": thread_id}})
            return tuple(snap.next)

    def summaries(self) -> list[CampaignSummary]:
        """Campaign summaries, newest first (cached briefly: listing reads every checkpoint)."""
        with self._lock:
            now = time.monotonic()
            if self._listed is None or now - self._listed[0] > self._list_ttl:
                self._listed = (now, self.campaigns.list())
            return self._listed[1]

    def invalidate(self) -> None:
        """Forget the cached campaign list (a campaign was created or changed here)."""
        with self._lock:
            self._listed = None

    def events(self, trace_id: str) -> list[Any]:
        """Every event of a trace, oldest first."""
        return list(self.campaigns.services.events.iter_trace(trace_id)) if trace_id else []

    def close(self) -> None:
        """Close the stores."""
        with self._lock:
            self.campaigns.close()


class LiveRuns:
    """Background runs of one process: start, resume, retry; look jobs up by campaign."""

    def __init__(self, campaigns_factory: Callable[[Settings], Campaigns] = open_campaigns) -> None:
        """Create an empty job table (``campaigns_factory`` opens a worker's own stores)."""
        self._factory = campaigns_factory
        self._jobs: dict[tuple[str, str], Job] = {}
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()

    def job(self, settings: Settings, thread_id: str) -> Job | None:
        """The latest job of a campaign in this process, if any."""
        with self._lock:
            return self._jobs.get((str(settings.home), thread_id))

    def start(self, reader: Reader, settings: Settings, brief_text: str, brand: str | None = None) -> Job:
        """Validate a brief and start its campaign in the background.

        Raises:
            CampaignError: empty brief.
            BrandLibraryError: unknown or malformed brand.
            ModelConfigError, ModelUnavailableError: the model cannot be used (nothing is written).
        """
        preflight(settings)
        with reader.locked() as campaigns:
            graph_input = campaigns.new_input(brief_text, brand)
        job = self._spawn(settings, graph_input["campaign_id"], "start", graph_input)
        reader.invalidate()
        return job

    def resume(
        self, reader: Reader, settings: Settings, thread_id: str, decision: dict[str, Any] | None
    ) -> Job:
        """Resume a campaign with a reviewer's decision, or retry it from its checkpoint (``decision=None``).

        The decision is validated here (approver rights, answer text) so a refusal shows at once.

        Raises:
            CampaignError: unknown campaign, already running, or nothing waits for a decision.
            ApprovalRefused: the decision is malformed or the approver is not allowed.
        """
        current = self.job(settings, thread_id)
        if current is not None and current.alive:
            raise CampaignError(f"campaign {thread_id} is already running")
        result = reader.result(thread_id)
        if decision is not None:
            if not result.needs_human:
                raise CampaignError(f"campaign {thread_id} is {result.status}; nothing waits for a decision")
            validate_resume(
                decision, {**result.values, "pending_review": result.pending_review}, settings.approvers
            )
        else:
            if result.needs_human:
                raise CampaignError(f"campaign {thread_id} waits for a human decision")
            preflight(settings)

        payload: Command[Any] | None = Command(resume=decision) if decision is not None else None
        reader.invalidate()
        return self._spawn(settings, thread_id, "resume" if decision is not None else "retry", payload)

    def cycle(
        self, reader: Reader, settings: Settings, thread_id: str, kind: str = "optimize", days: int = 1
    ) -> Job:
        """Run a recurring cycle of a launched campaign in the background (more simulated days, or a report).

        Raises:
            CampaignError: unknown or running campaign, one that is not launched, a bad kind or day count.
        """
        current = self.job(settings, thread_id)
        if current is not None and current.alive:
            raise CampaignError(f"campaign {thread_id} is already running")
        check_cycle_request(reader.result(thread_id), kind, days)
        reader.invalidate()
        return self._spawn(settings, thread_id, kind, CycleRequest(kind, days))

    def publish_held(self, reader: Reader, settings: Settings, thread_id: str, actor: str) -> Job:
        """Publish, in the background, the programs a kill-switch held back once it is released.

        Raises:
            CampaignError: running campaign, nothing held, or a switch that still covers a held program.
        """
        current = self.job(settings, thread_id)
        if current is not None and current.alive:
            raise CampaignError(f"campaign {thread_id} is already running")
        result = reader.result(thread_id)
        held = held_programs(result)
        if not held:
            raise CampaignError(f"campaign {thread_id} has nothing held back by a kill-switch")
        with reader.locked() as campaigns:
            blocked = still_blocked(campaigns, held)
        if blocked:
            raise CampaignError(f"the kill-switch still holds {'; '.join(blocked)}: release it first")
        reader.invalidate()
        return self._spawn(settings, thread_id, "publish-held", HeldRequest(actor))

    def _spawn(self, settings: Settings, thread_id: str, action: str, graph_input: Any) -> Job:
        job = Job(thread_id, action)
        with self._lock:
            self._jobs[(str(settings.home), thread_id)] = job
        job._thread = threading.Thread(
            target=self._work,
            args=(job, settings, graph_input),
            name=f"liftoff-{action}-{thread_id}",
            daemon=True,
        )
        job._thread.start()
        return job

    def _work(self, job: Job, settings: Settings, graph_input: Any) -> None:
        campaigns: Campaigns | None = None
        try:
            with self._run_lock:
                job.state = "running"
                campaigns = self._factory(settings)
                if isinstance(graph_input, HeldRequest):
                    publish_held(campaigns, job.thread_id, graph_input.actor)
                    job.updates.put(("node", "orchestrator"))
                elif isinstance(graph_input, CycleRequest):  # the runner builds and records the cycle itself
                    res = campaigns.run_cycle(job.thread_id, graph_input.kind, days=graph_input.days)
                    if res.status == "failed":
                        job.error = ErrorView(
                            f"The {graph_input.kind} cycle failed",
                            res.reason or "see the events",
                            "Press 'Resume where it stopped' to continue from the last checkpoint.",
                        )
                else:
                    for node, _update in campaigns.stream(graph_input, job.thread_id):
                        job.updates.put(("node", node))
            job.state = "error" if job.error else "done"
        except BaseException as exc:  # noqa: BLE001 - a worker reports every failure; the checkpoint keeps the run
            job.error = explain(exc)
            job.state = "error"
        finally:
            job.finished_at = time.time()
            job.updates.put(("end", job.state))
            if campaigns is not None:
                campaigns.close()


def preflight(settings: Settings) -> None:
    """Check that every agent's model can be created and its endpoint answers, before anything runs.

    Raises:
        ModelConfigError: unknown provider, missing package or key.
        ModelUnavailableError: the provider's endpoint does not accept connections.
    """
    services = services_for(settings)
    probed: set[str] = set()
    for agent in settings.agents:
        model = services.model(agent)
        spec = settings.model_for(agent)
        if spec != "offline" and spec not in probed:
            probed.add(spec)
            check_reachable(model, timeout=2.0)


def display_status(result: RunResult, job: Job | None, next_nodes: tuple[str, ...]) -> str:
    """The status the app shows: the runner's, or 'running' (a live job), or 'interrupted' (stopped mid-run)."""
    if job is not None and job.alive:
        return "running"
    if result.needs_human or result.status in TERMINAL:
        return result.status
    return "interrupted" if next_nodes else result.status
