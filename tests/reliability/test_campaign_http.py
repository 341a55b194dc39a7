"""Whole campaigns over HTTP against the local OpenAI-compatible server (``evals.chaos.llm_server``).

The competent server answers every agent's structured request through the chat-completions API, so a campaign
runs to ``launched`` over HTTP. The fault server makes the CLI fail with one line naming agent and provider,
within the configured bounds, and the campaign resumes to ``launched`` once the provider is healthy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage

from evals.chaos.llm_server import LLMServer, LLMServerConfig
from graph.models.resilience import reset_breakers
from graph.models.structured import PATH_CACHE
from graph.runtime.settings import REPO_ROOT, Settings

pytestmark = [pytest.mark.live_model, pytest.mark.slow]

BRIEF = (
    "Launch our new Brightwell MaxFlow Pitcher in the US starting March 2, 2027 for 4 weeks. Budget: $20k. "
    "Target: families who buy bottled water. Goal: drive 600 online orders. Use email and paid search."
)


CLI = "import sys; from graph.cli import main; sys.exit(main(sys.argv[1:]))"


def _env(home: Path, server: LLMServer, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIFTOFF_", "OPENAI_"))}
    env.update(
        {
            "LIFTOFF_HOME": str(home),
            "LIFTOFF_CRM_CONTACTS": "2000",
            "LIFTOFF_CHECK_DATE": "2026-11-25",
            "LIFTOFF_MODEL": "openai:competent",
            "OPENAI_BASE_URL": server.base_url,
            "PYTHONPATH": str(REPO_ROOT),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            **extra,
        }
    )
    return env


def _cli(env: dict[str, str], *args: str, timeout: float = 400) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_ROOT,
    )


def test_a_whole_campaign_launches_over_http(liftoff_home: Path) -> None:
    from graph.runtime.runner import Campaigns

    PATH_CACHE.clear()
    reset_breakers()
    with LLMServer() as server:
        env = {
            "LIFTOFF_HOME": str(liftoff_home),
            "LIFTOFF_CRM_CONTACTS": "2000",
            "LIFTOFF_CHECK_DATE": "2026-11-25",
        }
        campaigns = Campaigns(
            Settings.from_env(env, model="openai:competent", openai_base_url=server.base_url)
        )
        try:
            result = campaigns.start(BRIEF, auto_approve=True)
            events = [e for _, e in campaigns.services.events.read(0, 10_000, campaign_id=result.thread_id)]
        finally:
            campaigns.close()
        asked = [s.asked for s in server.served]
    assert result.status == "launched", result.reason
    programs = result.values["programs"].values()
    assert programs and all(p["status"] in ("published", "withheld", "blocked") for p in programs)
    # Every agent that uses a model asked the server: planner (native schema), content (one per asset), data (tool).
    assert asked.count("schema:BriefExtraction") == 1 and asked.count("schema:PlanDraft") == 1
    assert asked.count("schema:AssetCopy") >= len(result.values["assets"])
    assert asked.count("tool:build_segment") == len(result.values["lists"])
    usage = result.values["usage"]
    assert usage["planner"]["paths"] == {"native": 2} and usage["data"]["paths"] == {
        "tool_call": len(result.values["lists"])
    }
    assert {e.trace_id for e in events} == {result.trace_id}


def test_streaming_answers_are_served_for_schemas_and_tools() -> None:
    from langchain_openai import ChatOpenAI

    from graph.contracts.outputs import BriefExtraction

    prompt = [
        HumanMessage(
            content='x\n```json\n{"brief_text": "Budget $20k. Email in the US. Goal: drive orders. '
            'Target: families.", "today": "2026-11-25"}\n```'
        )
    ]
    with LLMServer() as server:
        model = ChatOpenAI(
            model="competent",
            base_url=server.base_url,
            api_key="k",
            streaming=True,  # type: ignore[arg-type]
            max_retries=0,
            timeout=10,
        )
        value = model.with_structured_output(BriefExtraction, method="json_schema").invoke(prompt)
        call = model.bind_tools([BriefExtraction], tool_choice="BriefExtraction").invoke(prompt)
        assert all(s.stream for s in server.served) and len(server.served) == 2
    assert isinstance(value, BriefExtraction) and value.budget_amount == 20000
    assert (
        call.tool_calls[0]["name"] == "BriefExtraction"
        and call.tool_calls[0]["args"]["budget_amount"] == 20000
    )


def test_a_hung_provider_fails_in_one_line_and_the_campaign_resumes(liftoff_home: Path) -> None:
    config = LLMServerConfig(fault="hang", hang_s=60)
    with LLMServer(config) as server:
        env = _env(
            liftoff_home,
            server,
            LIFTOFF_MODEL_TIMEOUT="1",
            LIFTOFF_MODEL_ATTEMPTS="2",
            LIFTOFF_MODEL_BACKOFF="0.05",
        )
        started = time.monotonic()
        run = _cli(env, "run", "--brief", BRIEF, "--auto-approve", "--json")
        took = time.monotonic() - started
        assert run.returncode == 1, run.stderr[-2000:]
        errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "Traceback" not in run.stderr
        line = errors[0]
        assert "planner: provider openai at " + server.base_url in line and "no reply in time" in line
        assert "gave up after 2 attempt(s)" in line and "liftoff resume cmp-" in line
        assert len(server.served) == 2  # one call, two attempts: no client retries, no graph retries on top
        out = json.loads(run.stdout)
        assert out["status"] == "failed" and took < 120
        config.fault = None  # the provider recovers
        resumed = _cli(env, "resume", out["thread_id"], "--auto-approve", "--json")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert json.loads(resumed.stdout)["status"] == "launched"
