"""Run, resume, stream and list campaigns: the API the CLI and the app share.

One LangGraph thread per campaign (thread id = campaign id), one trace id per campaign, a SQLite
checkpointer under the state directory (or PostgreSQL with ``LIFTOFF_DATABASE_URL``, see
:mod:`graph.runtime.checkpoints`), and a small registry of campaign status for listing.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.types import Command

from graph.context import CampaignContext
from graph.models.resilience import run_deadline
from graph.nodes.human_review import recorded_decision, validate_resume
from graph.nodes.intake import INFRA_NODES
from graph.nodes.orchestrator import held_programs
from graph.runtime.brands import canonical_ref
from graph.runtime.checkpoints import Registry, open_checkpoints
from graph.runtime.driver import CampaignSummary, RunResult
from graph.runtime.lifecycle_hooks import on_run_settled
from graph.runtime.services import Services, services_for
from graph.runtime.settings import AGENTS, Settings, agent_set
from graph.runtime.warmup import warm_imports
from graph.wiring import compile_graph

AUTO_APPROVER = "cli:auto-approve"
FANOUT_THREADS = 32
"""Threads a run's parallel branches get. LangGraph's default is the thread-pool default (CPU count + 4: 6 on a
2-core machine), which ran a 10-branch content fan-out in two waves; branches mostly wait on model calls."""


class CampaignError(ValueError):
    """Bad input to a campaign run (empty brief, unknown campaign, nothing to resume); one-line message."""


def check_cycle_request(current: RunResult, kind: str, days: int) -> None:
    """Refuse a cycle that cannot run: unknown kind, days < 1, or a campaign that is not launched.

    Raises:
        CampaignError: naming the problem.
    """
    if kind not in ("optimize", "report"):
        raise CampaignError(f"unknown cycle kind {kind!r} (use optimize or report)")
    if days < 1:
        raise CampaignError(f"a cycle runs at least one day, got {days}")
    if current.status != "launched":
        raise CampaignError(
            f"campaign {current.thread_id} is {current.status}; cycles run only on a launched "
            "campaign" + (f" ({current.reason})" if current.reason else "")
        )


def failure_reason(exc: BaseException) -> str:
    """One line saying why a run failed: the error's type and its first line, clipped."""
    text = " ".join(str(exc).split())[:500]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class Campaigns:
    """Campaign runs over one state directory."""

    def __init__(self, settings: Settings) -> None:
        """Open the checkpointer and the registry under ``settings.home``."""
        self.settings = settings
        self.services: Services = services_for(settings)
        self._checkpoints = open_checkpoints(settings)
        self.checkpointer = self._checkpoints.saver
        # Every agent is built; each campaign runs its own agent set (state["agents"], see graph.wiring.agent_set).
        self.graph = compile_graph(self.checkpointer, agents=AGENTS)
        self._lock = threading.Lock()
        self._registry = Registry(settings)

    # ---- running -------------------------------------------------------------------------------------------
    def new_input(
        self,
        brief_text: str,
        brand: str | None = None,
        campaign_id: str | None = None,
        agents: str | list[str] | tuple[str, ...] | None = None,
    ) -> dict[str, Any]:
        """Validate a brief and return the graph input for a new campaign.

        Args:
            brief_text: The brief.
            brand: Brand-library slug (default: the settings' brand).
            campaign_id: Campaign id (default: a fresh one).
            agents: The campaign's agent set ('minimum', 'all', a list; default: ``settings.agents``).

        Raises:
            CampaignError: on an empty brief, an existing campaign id or a bad agent set.
        """
        text = (brief_text or "").strip()
        if not text:
            raise CampaignError("the brief is empty")
        try:
            chosen = agent_set(agents, self.settings.agents)
        except ValueError as exc:
            raise CampaignError(str(exc)) from None

        brand = canonical_ref(
            brand or self.settings.brand, self.settings
        )  # a slug, or an absolute library path
        self.services.library(brand)  # unknown brand / bad library fails here, before any state is written
        cid = campaign_id or f"cmp-{uuid.uuid4().hex[:12]}"
        if self._row(cid):
            raise CampaignError(f"campaign {cid} already exists")
        now = datetime.now(UTC).isoformat()
        return {
            "campaign_id": cid,
            "trace_id": f"trc-{uuid.uuid4().hex}",
            "brief_text": text,
            "brand": brand,
            "started_at": now,
            "status": "planning",
            "revision": 0,
            "day": 0,
            "decisions": [],
            "accepted_exceptions": [],
            "withheld_assets": [],
            "launch_approved": False,
            "agents": list(chosen),
        }

    def stream(
        self, graph_input: dict[str, Any] | Command[Any] | None, thread_id: str
    ) -> Iterator[tuple[str, Any]]:
        """Run (or resume) and yield ``(node, update)`` as each agent finishes; the app renders these live."""
        config = self._config(thread_id)
        if isinstance(graph_input, dict) and "brief_text" in graph_input:  # a new campaign (not a cycle)
            self._register(graph_input)
        try:
            warm_imports(
                local_embeddings=self.settings.embeddings == "local"
            )  # one thread, before the fan-out
            with run_deadline(self.settings.model_policy.deadline_s):  # bounds every model call of this run
                for chunk in self.graph.stream(  # type: ignore[call-overload]
                    graph_input,
                    config,
                    context=CampaignContext(self.settings),
                    stream_mode="updates",
                    durability="sync",
                ):
                    yield from ((node, update) for node, update in chunk.items() if node not in INFRA_NODES)
        except Exception as exc:
            self._set_status(thread_id, "failed", failure_reason(exc))
            raise
        self._sync_registry(thread_id)
        self._after_run(thread_id)

    def _drain(self, graph_input: dict[str, Any] | Command[Any] | None, thread_id: str) -> None:
        """Run to the next stop. A failing node leaves the campaign ``failed`` (with the reason, resumable from
        its last checkpoint) instead of raising; interrupts of the process itself still propagate."""
        try:
            for _ in self.stream(graph_input, thread_id):
                pass
        except Exception:  # noqa: BLE001 - recorded by stream() as the campaign's failure reason
            return

    def start(
        self,
        brief_text: str,
        *,
        brand: str | None = None,
        auto_approve: bool = False,
        campaign_id: str | None = None,
        agents: str | list[str] | tuple[str, ...] | None = None,
    ) -> RunResult:
        """Run a new campaign until it launches, fails, or waits for a human (auto-approved if asked)."""
        graph_input = self.new_input(brief_text, brand, campaign_id, agents)
        thread_id = graph_input["campaign_id"]
        self._drain(graph_input, thread_id)
        return self._auto(thread_id) if auto_approve else self.result(thread_id)

    def resume(
        self, thread_id: str, decision: dict[str, Any] | None, *, auto_approve: bool = False
    ) -> RunResult:
        """Resume a campaign: with a decision when it waits for a human, or ``None`` to retry a failed run.

        Raises:
            CampaignError: unknown campaign, or a decision given when nothing waits for one.
        """
        current = self.result(thread_id)
        recorded = recorded_decision(self.services.events, current.values) if current.needs_human else None
        if recorded is not None:
            # A decision was logged before a crash stopped it being applied: apply that one (it is the one the
            # audit trail names), whatever this resume carries; a later review still waits for its own decision.
            self._drain(Command(resume=recorded), thread_id)
            return self._auto(thread_id) if auto_approve else self.result(thread_id)
        if decision is not None and not current.needs_human:
            raise CampaignError(f"campaign {thread_id} is {current.status}; nothing waits for a decision")
        if decision is None and current.needs_human:
            raise CampaignError(f"campaign {thread_id} waits for a human decision (--approve or --reject)")
        if decision is None and (held := self._held(current)):
            return self._relaunch(thread_id, current, held, auto_approve=auto_approve)
        if decision is None and self._in_flight(current):
            return self._relaunch(thread_id, current, [], auto_approve=auto_approve)
        if decision is not None:  # refuse early with a clear error; the graph checks again (defence in depth)
            validate_resume(
                decision,
                {**current.values, "pending_review": current.pending_review},
                self.settings.approvers,
            )
        self._drain(Command(resume=decision) if decision is not None else None, thread_id)
        return self._auto(thread_id) if auto_approve else self.result(thread_id)

    def run_cycle(
        self,
        thread_id: str,
        kind: str,
        *,
        days: int = 1,
        cycle_id: str | None = None,
        auto_approve: bool = False,
    ) -> RunResult:
        """Run one recurring cycle on a launched campaign's thread: a new run from START with ``cycle`` set.

        An 'optimize' cycle runs ``days`` simulated days of the Optimizer then a scorecard; a 'report' cycle a
        scorecard. A large budget change stops the run for a human (``awaiting_approval``) unless auto-approved.
        Leases, schedules and crash recovery are the lifecycle's (``tools.lifecycle``).

        Raises:
            CampaignError: unknown campaign or kind, days < 1, or a campaign that is not ``launched``.
        """
        check_cycle_request(self.result(thread_id), kind, days)
        cycle = {
            "kind": kind,
            "id": cycle_id or f"{thread_id}:{kind}:{uuid.uuid4().hex[:8]}",
            "days": int(days),
        }
        self._drain({"cycle": cycle}, thread_id)
        return self._auto(thread_id) if auto_approve else self.result(thread_id)

    def _held(self, current: RunResult) -> list[str]:
        """Programs of a campaign the kill-switch stopped (none for a campaign that is not held or launched)."""
        if current.status not in ("held", "launched"):
            return []
        return held_programs((current.values.get("programs") or {}).values())

    def _in_flight(self, current: RunResult) -> bool:
        """A finished launch that left programs in flight (their publisher was still busy): a relaunch reconciles."""
        if current.status != "failed" or not current.values.get("programs"):
            return False
        if self.graph.get_state(self._config(current.thread_id)).next:
            return False  # an interrupted run: plain resume continues it
        return bool(self.services.publisher.store.by_campaign(current.thread_id, ("in_flight",)))

    def _relaunch(
        self, thread_id: str, current: RunResult, held: list[str], *, auto_approve: bool
    ) -> RunResult:
        """Publish what the kill-switch held, once it is released (a new run from the Orchestrator).

        Raises:
            CampaignError: when a kill-switch still covers a held program.
        """
        programs = current.values.get("programs") or {}
        switch = self.services.kill_switch
        still = sorted(
            {
                r
                for p in programs.values()
                if str(p.get("id")) in held and (r := switch.check(str(p["channel"]), str(p["region"])))
            }
        )
        if still:
            raise CampaignError(f"campaign {thread_id} is held and {still[0]}: release it first")
        days = self.settings.launch_days if current.status in ("held", "failed") else 1
        cycle = {"kind": "relaunch", "id": f"{thread_id}:relaunch:{uuid.uuid4().hex[:8]}", "days": days}
        self._drain({"cycle": cycle}, thread_id)
        return self._auto(thread_id) if auto_approve else self.result(thread_id)

    def _after_run(self, thread_id: str) -> None:
        """Once a campaign is launched: give it a schedule and record its reach (``graph.runtime.lifecycle_hooks``)."""
        on_run_settled(self, thread_id)

    def _auto(self, thread_id: str) -> RunResult:
        result = self.result(thread_id)
        for _ in range(20):  # bounded: every approval moves the graph forward or withholds an asset
            if not result.needs_human or (result.pending_review or {}).get("kind") == "clarify":
                return result
            decision = {
                "decision": "approve",
                "approver": AUTO_APPROVER,
                "comment": "approved by --auto-approve",
            }
            self._drain(Command(resume=decision), thread_id)
            result = self.result(thread_id)
        return result

    # ---- reading -------------------------------------------------------------------------------------------
    def result(self, thread_id: str) -> RunResult:
        """Return where a campaign stands, from its latest checkpoint.

        Raises:
            CampaignError: when no such campaign exists.
        """
        snapshot = self.graph.get_state(self._config(thread_id))
        if not snapshot.values:
            raise CampaignError(f"no campaign {thread_id!r} in {self.settings.home}")
        values = dict(snapshot.values)
        pending = None
        interrupts = [i for task in snapshot.tasks for i in task.interrupts]
        if interrupts:
            pending = interrupts[0].value
        row = self._row(thread_id)
        status = values.get("status", "planning")
        reason = values.get("status_reason", "")
        if pending:
            status = "needs_input" if pending.get("kind") == "clarify" else "awaiting_approval"
        elif row and row["status"] == "failed" and snapshot.next:
            status, reason = "failed", row["reason"]
        return RunResult(thread_id, values.get("trace_id", ""), status, reason, pending, values)

    def list(self) -> list[CampaignSummary]:
        """List campaigns found in the checkpointer, newest first, with their status."""
        with self._lock:  # thread ids straight from the checkpoint table: no checkpoint is deserialised here
            threads = self._checkpoints.thread_ids()
        out = []
        for tid in threads:
            try:
                res = self.result(tid)
            except CampaignError:
                continue
            row = self._row(tid) or {}
            out.append(
                CampaignSummary(
                    campaign_id=tid,
                    trace_id=res.trace_id,
                    status=res.status,
                    brand=res.values.get("brand", ""),
                    model=row.get("model", ""),
                    title=(res.values.get("blueprint") or {}).get("campaign_name")
                    or res.values.get("brief_text", "")[:60],
                    created_at=row.get("created_at", res.values.get("started_at", "")),
                    updated_at=row.get("updated_at", ""),
                    reason=res.reason,
                )
            )
        return sorted(out, key=lambda s: s.created_at, reverse=True)

    # ---- registry ------------------------------------------------------------------------------------------
    def _config(self, thread_id: str) -> RunnableConfig:
        return {
            "configurable": {"thread_id": thread_id},
            "recursion_limit": 100,
            "max_concurrency": FANOUT_THREADS,
        }

    def _row(self, cid: str) -> dict[str, Any] | None:
        return self._registry.row(cid)

    def _register(self, graph_input: dict[str, Any]) -> None:
        with self._lock:
            self._registry.register(graph_input)

    def _set_status(self, cid: str, status: str, reason: str) -> None:
        with self._lock:
            self._registry.set_status(cid, status, reason)

    def _sync_registry(self, cid: str) -> None:
        res = self.result(cid)
        self._set_status(cid, res.status, res.reason)

    def close(self) -> None:
        """Close the database connections."""
        self._checkpoints.close()
        self._registry.close()
