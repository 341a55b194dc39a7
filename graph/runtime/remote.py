"""Campaigns on a LangGraph server (``LIFTOFF_SERVER_URL``), through ``langgraph-sdk``.

:class:`RemoteCampaigns` has the API of :class:`graph.runtime.runner.Campaigns` (start, resume, run_cycle, result, list,
stream), so the CLI, the app and the scheduler drive a team's server exactly as they drive the embedded runner:
``open_campaigns(settings)`` picks one. A campaign is a server thread (campaign id = thread id); the server's
graph fills ids and defaults and does the after-launch work itself (``graph.nodes.intake``). Stores the client reads
besides the graph state (event counts, schedules) are the client's ``services``: point ``LIFTOFF_DATABASE_URL``
at the server's database so they are the same.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from langgraph.types import Command

from graph.nodes.human_review import parse_decision
from graph.nodes.intake import INFRA_NODES
from graph.runtime.driver import CampaignSummary, RunResult
from graph.runtime.runner import (
    AUTO_APPROVER,
    CampaignError,
    Campaigns,
    check_cycle_request,
)
from graph.runtime.services import Services, services_for
from graph.runtime.settings import Settings, agent_set

ASSISTANT = "campaign"
"""The graph id in ``langgraph.json``."""


class ServerUnavailable(CampaignError):
    """The LangGraph server did not answer (one line naming it)."""


class RemoteCampaigns:
    """Campaign runs on a LangGraph server."""

    def __init__(self, settings: Settings, *, client: Any = None) -> None:
        """Connect to ``settings.server_url`` (nothing is sent until first use)."""
        from langgraph_sdk import get_sync_client  # lazy: start-up (langgraph_sdk)

        if not settings.server_url:
            raise ValueError("RemoteCampaigns needs settings.server_url (LIFTOFF_SERVER_URL)")
        self.settings = settings
        self.url = settings.server_url
        self.client = client or get_sync_client(url=self.url)
        self.services: Services = services_for(settings)
        self.graph = SimpleNamespace(get_state=self._snapshot)

    # ---- calls -----------------------------------------------------------------------------------------------
    def _call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        import httpx  # lazy: start-up (httpx)

        try:
            return fn(*args, **kwargs)
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code == 404:
                raise CampaignError(f"no campaign {args[0] if args else ''!r} on {self.url}") from None
            raise CampaignError(
                f"{what} failed on {self.url}: HTTP {exc.response.status_code} {exc.response.text[:200]}"
            ) from None
        except httpx.TransportError as exc:
            raise ServerUnavailable(
                f"LangGraph server {self.url} (LIFTOFF_SERVER_URL) did not answer: "
                f"{type(exc).__name__}: {exc}"
            ) from None

    def _run(self, thread_id: str, *, graph_input: Any = None, command: dict[str, Any] | None = None) -> None:
        self._call(
            "run",
            self.client.runs.wait,
            thread_id,
            ASSISTANT,
            input=graph_input,
            command=command,
            raise_error=False,
            multitask_strategy="reject",
        )

    # ---- running ---------------------------------------------------------------------------------------------
    def new_input(
        self,
        brief_text: str,
        brand: str | None = None,
        campaign_id: str | None = None,
        agents: str | list[str] | tuple[str, ...] | None = None,
    ) -> dict[str, Any]:
        """Validate a brief and return the graph input for a new campaign (its thread is created on first run).

        Raises:
            CampaignError: on an empty brief, a bad agent set or a campaign id that is not a UUID.
        """
        text = (brief_text or "").strip()
        if not text:
            raise CampaignError("the brief is empty")
        try:
            chosen = agent_set(agents, self.settings.agents)
        except ValueError as exc:
            raise CampaignError(str(exc)) from None
        if campaign_id is not None:
            try:
                uuid.UUID(campaign_id)
            except ValueError:
                raise CampaignError(
                    f"on a LangGraph server a campaign id is a thread id (a UUID), got {campaign_id!r}"
                ) from None
        return {
            "campaign_id": campaign_id or str(uuid.uuid4()),
            "brief_text": text,
            "brand": brand or self.settings.brand,
            "agents": list(chosen),
        }

    def _create(self, graph_input: dict[str, Any]) -> str:
        tid = graph_input["campaign_id"]
        self._call(
            "create thread",
            self.client.threads.create,
            thread_id=tid,
            if_exists="do_nothing",
            metadata={
                "liftoff": "campaign",
                "brand": graph_input["brand"],
                "title": graph_input["brief_text"][:80],
            },
        )
        return str(tid)

    def stream(
        self, graph_input: dict[str, Any] | Command[Any] | None, thread_id: str
    ) -> Iterator[tuple[str, Any]]:
        """Run (or resume) on the server and yield ``(node, update)`` as each agent finishes."""
        command = None
        if isinstance(graph_input, Command):
            command, graph_input = {"resume": graph_input.resume}, None
        elif isinstance(graph_input, dict) and "brief_text" in graph_input:
            self._create(graph_input)
        parts = self._call(
            "stream",
            self.client.runs.stream,
            thread_id,
            ASSISTANT,
            input=graph_input,
            command=command,
            stream_mode="updates",
            multitask_strategy="reject",
        )
        for part in parts:
            if getattr(part, "event", "") == "error":
                raise CampaignError(f"run failed on {self.url}: {part.data}")
            if getattr(part, "event", "") == "updates" and isinstance(part.data, dict):
                yield from (
                    (n, u) for n, u in part.data.items() if n not in INFRA_NODES and n != "__interrupt__"
                )

    def start(
        self,
        brief_text: str,
        *,
        brand: str | None = None,
        auto_approve: bool = False,
        campaign_id: str | None = None,
        agents: str | list[str] | tuple[str, ...] | None = None,
    ) -> RunResult:
        """Run a new campaign on the server until it launches, fails, or waits for a human."""
        graph_input = self.new_input(brief_text, brand, campaign_id, agents)
        tid = self._create(graph_input)
        self._run(tid, graph_input={k: v for k, v in graph_input.items() if k != "campaign_id"})
        return self._auto(tid) if auto_approve else self.result(tid)

    def resume(
        self, thread_id: str, decision: dict[str, Any] | None, *, auto_approve: bool = False
    ) -> RunResult:
        """Resume with a decision, or ``None`` to retry a failed run (same rules as the embedded runner)."""
        current = self.result(thread_id)
        if decision is not None and not current.needs_human:
            raise CampaignError(f"campaign {thread_id} is {current.status}; nothing waits for a decision")
        if decision is None and current.needs_human:
            raise CampaignError(f"campaign {thread_id} waits for a human decision (--approve or --reject)")
        if decision is not None:
            kind = (current.pending_review or {}).get("kind")
            parse_decision(decision, () if kind == "clarify" else self.settings.approvers)
            self._run(thread_id, command={"resume": decision})
        else:
            self._run(thread_id)
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
        """Run one recurring cycle on a launched campaign's server thread."""
        check_cycle_request(self.result(thread_id), kind, days)
        cycle = {
            "kind": kind,
            "id": cycle_id or f"{thread_id}:{kind}:{uuid.uuid4().hex[:8]}",
            "days": int(days),
        }
        self._run(thread_id, graph_input={"cycle": cycle})
        return self._auto(thread_id) if auto_approve else self.result(thread_id)

    def _auto(self, thread_id: str) -> RunResult:
        result = self.result(thread_id)
        for _ in range(20):
            if not result.needs_human or (result.pending_review or {}).get("kind") == "clarify":
                return result
            self._run(
                thread_id,
                command={
                    "resume": {
                        "decision": "approve",
                        "approver": AUTO_APPROVER,
                        "comment": "approved by --auto-approve",
                    }
                },
            )
            result = self.result(thread_id)
        return result

    # ---- reading ---------------------------------------------------------------------------------------------
    def _snapshot(self, config: dict[str, Any]) -> SimpleNamespace:
        tid = config["configurable"]["thread_id"]
        state = self._call("read", self.client.threads.get_state, tid)
        return SimpleNamespace(
            values=state.get("values") or {},
            next=tuple(state.get("next") or ()),
            tasks=state.get("tasks") or [],
        )

    def result(self, thread_id: str) -> RunResult:
        """Where a campaign stands on the server.

        Raises:
            CampaignError: when the server has no such campaign.
        """
        snap = self._snapshot({"configurable": {"thread_id": thread_id}})
        values = dict(snap.values)
        if not values:
            raise CampaignError(f"no campaign {thread_id!r} on {self.url}")
        interrupts = [i for task in snap.tasks for i in (task.get("interrupts") or [])]
        pending = interrupts[0].get("value") if interrupts else None
        status, reason = values.get("status", "planning"), values.get("status_reason", "")
        if pending:
            status = "needs_input" if pending.get("kind") == "clarify" else "awaiting_approval"
        else:
            errors = [t.get("error") for t in snap.tasks if t.get("error")]
            if errors and snap.next:
                status, reason = "failed", str(errors[0])[:300]
        return RunResult(thread_id, values.get("trace_id", ""), status, reason, pending, values)

    def list(self) -> list[CampaignSummary]:
        """Campaigns on the server, newest first."""
        out, offset = [], 0
        while True:
            threads = self._call(
                "list",
                self.client.threads.search,
                limit=100,
                offset=offset,
                sort_by="created_at",
                sort_order="desc",
            )
            for t in threads:  # every campaign thread, also those started from Studio or another client
                values = t.get("values") or {}
                if not isinstance(values, dict) or "brief_text" not in values:
                    continue
                status = "awaiting_approval" if t.get("status") == "interrupted" else values.get("status", "")
                if t.get("status") == "error":
                    status = "failed"
                out.append(
                    CampaignSummary(
                        campaign_id=t["thread_id"],
                        trace_id=values.get("trace_id", ""),
                        status=status,
                        brand=values.get("brand", ""),
                        model=self.settings.model,
                        title=(values.get("blueprint") or {}).get("campaign_name")
                        or values.get("brief_text", "")[:60],
                        created_at=str(t.get("created_at", "")),
                        updated_at=str(t.get("updated_at", "")),
                        reason=values.get("status_reason", ""),
                    )
                )
            if len(threads) < 100:
                return out
            offset += 100

    def close(self) -> None:
        """Nothing to close (the HTTP client is closed with the process)."""


def open_campaigns(settings: Settings) -> Any:
    """The campaign API for these settings: the LangGraph server's when ``server_url`` is set, else embedded."""
    if settings.server_url:
        return RemoteCampaigns(settings)

    return Campaigns(settings)
