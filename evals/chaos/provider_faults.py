"""Provider faults: every mode of the local fault server against the real client stack, and a CLI campaign."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from langchain_core.messages import HumanMessage

from evals.chaos.figures import BRIEF, Figure, cli, env_for, one_clear_line
from evals.chaos.llm_server import FAULT_MODES, LLMServer, LLMServerConfig
from graph.contracts.outputs import BriefExtraction
from graph.models.registry import resolve_model
from graph.models.resilience import CallPolicy, reset_breakers, run_deadline
from graph.models.structured import PATH_CACHE, invoke_structured

CAT = "provider"
PROMPT = [
    HumanMessage(
        content='Extract the brief.\n```json\n{"brief_text": "Budget $20k. Email in the US. '
        'Goal: drive orders. Target: families.", "today": "2026-11-25"}\n```'
    )
]


MARGIN_S = 1.0
"""Stated margin per attempt on top of the policy's own bound (client set-up, thread and process scheduling on a
shared machine). Everything else in the bound is the product's deadline logic."""


def give_up_bound(policy: CallPolicy, retry_after_s: float = 0.0) -> float:
    """Longest a persistent fault may take to be given up on under ``policy``: every attempt's timeout, every
    backoff wait at its upper bound (or the Retry-After honoured, if longer), plus ``MARGIN_S`` per attempt."""
    waits = sum(
        max(min(policy.backoff_max_s, policy.backoff_s * 2 ** (a - 1)), retry_after_s)
        for a in range(1, policy.max_attempts)
    )
    return policy.timeout_s * policy.max_attempts + waits + MARGIN_S * policy.max_attempts


def _mode(mode: str) -> list[Figure]:
    PATH_CACHE.clear()
    reset_breakers()
    # A slow reply (0.3 s) must come in well inside its timeout even on a loaded machine: 3 s there, 1 s elsewhere.
    timeout = 3.0 if mode == "slow" else 1.0
    policy = CallPolicy(
        timeout_s=timeout, deadline_s=60, max_attempts=3, backoff_s=0.05, breaker_failures=1000
    )
    retry_after = 0.1
    bound = give_up_bound(policy, retry_after)
    with LLMServer(LLMServerConfig(fault=mode, retry_after_s=retry_after, slow_s=0.3, hang_s=30)) as server:
        model = resolve_model("openai:x", base_url=server.base_url, timeout=policy.timeout_s, max_retries=0)
        started = time.monotonic()
        try:
            invoke_structured(model, BriefExtraction, PROMPT, agent="planner", policy=policy)
            message, outcome = "", "answered"
        except Exception as exc:  # noqa: BLE001 - measuring what the caller gets
            message, outcome = str(exc), type(exc).__name__
        took = time.monotonic() - started
        requests = len(server.served)
    clear = outcome == "answered" or (
        "\n" not in message and "planner" in message and server.base_url in message
    )
    return [
        Figure(
            CAT,
            f"{mode}: requests / outcome",
            f"{requests} {outcome}",
            requests == 1 and outcome == "answered" if mode == "slow" else requests <= 6,
        ),
        Figure(CAT, f"{mode}: seconds to give up", round(took, 2), took <= bound, f"bound {bound:.2f}s"),
        Figure(CAT, f"{mode}: one clear line (agent, provider, fault)", clear, clear, message[:120]),
    ]


def _warm() -> None:
    """Serve one answer before measuring: the fault server runs in this process, and its first answer loads the
    offline engine (seconds of CPU that would hold the interpreter while the client waits on its timeouts)."""
    with LLMServer() as server:
        model = resolve_model("openai:x", base_url=server.base_url, timeout=300, max_retries=0)
        invoke_structured(model, BriefExtraction, PROMPT, agent="planner")


def _deadline() -> list[Figure]:
    """A hang under a run deadline shorter than one request's timeout: given up on at the deadline."""
    PATH_CACHE.clear()
    reset_breakers()
    policy = CallPolicy(timeout_s=20.0, max_attempts=5, backoff_s=0.05, breaker_failures=1000)
    deadline = 2.0
    with LLMServer(LLMServerConfig(fault="hang", hang_s=60)) as server:
        model = resolve_model("openai:x", base_url=server.base_url, timeout=policy.timeout_s, max_retries=0)
        message = ""
        with run_deadline(deadline) as ends:
            try:
                invoke_structured(model, BriefExtraction, PROMPT, agent="planner", policy=policy)
            except Exception as exc:  # noqa: BLE001 - measuring what the caller gets
                message = str(exc)
        overrun = time.monotonic() - ends
    told = "run deadline" in message and "\n" not in message
    return [
        Figure(
            CAT,
            "hang under a 2 s run deadline (20 s timeout): overrun s",
            round(max(overrun, 0), 2),
            overrun <= MARGIN_S,
            f"margin {MARGIN_S}s",
        ),
        Figure(CAT, "hang under a run deadline: told in one line", told, told, message[:120]),
    ]


def _campaign(mode: str) -> list[Figure]:
    home = Path(tempfile.mkdtemp(prefix="chaos-provider-"))
    config = LLMServerConfig(fault=mode, hang_s=120, retry_after_s=0.2)
    with LLMServer(config) as server:
        env = env_for(
            home,
            LIFTOFF_MODEL="openai:competent",
            OPENAI_BASE_URL=server.base_url,
            LIFTOFF_MODEL_TIMEOUT="2",
            LIFTOFF_MODEL_ATTEMPTS="2",
            LIFTOFF_MODEL_BACKOFF="0.1",
        )
        started = time.monotonic()
        run = cli(env, "run", "--brief", BRIEF, "--auto-approve", "--json")
        took = time.monotonic() - started
        config.fault = None
        try:
            cid = json.loads(run.stdout)["thread_id"]
            resumed = cli(env, "resume", cid, "--auto-approve", "--json")
            status = json.loads(resumed.stdout)["status"]
        except (ValueError, KeyError):
            status = "unreadable"
    return [
        Figure(CAT, f"campaign {mode}: exit code", run.returncode, run.returncode == 1),
        Figure(CAT, f"campaign {mode}: wall seconds to fail", round(took, 1), True),
        Figure(
            CAT, f"campaign {mode}: one clear line", one_clear_line(run.stderr), one_clear_line(run.stderr)
        ),
        Figure(CAT, f"campaign {mode}: status after resume", status, status == "launched"),
    ]


def run(quick: bool) -> list[Figure]:
    """Every fault mode at the call level; campaign-level exit/resume for hang (quick) or every mode (full)."""
    out: list[Figure] = []
    _warm()
    for mode in FAULT_MODES:
        out += _mode(mode)
    out += _deadline()
    for mode in ("hang",) if quick else ("hang", "server_error", "invalid_json", "empty_choices", "reset"):
        out += _campaign(mode)
    return out
