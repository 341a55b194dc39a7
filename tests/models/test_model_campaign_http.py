"""A whole campaign on a real OpenAI-compatible server, replayed from a cassette.

Recorded from llama-cpp-python's server running SmolLM2-135M (tests/cassettes/record.sh local):
planner, content and data talk HTTP to the model through the same code path as any provider.
The tiny model's output is whatever it is; this test asserts the flow: every model call went over
HTTP to the recorded server, which structured path each agent used is in the events, usage was
counted per agent, the run ended in a clear status, and one trace id ties the events together.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from model_cassettes import Target, played, refused_native, target, use_cassette
from vcr.cassette import Cassette

from graph.models import registry
from graph.models.errors import StructuredOutputError
from graph.models.structured import PATH_CACHE, PATHS
from graph.runtime.settings import Settings

AREA = "campaign"
BRIEF = (
    "Launch our new Brightwell Pure Pitcher in the US starting March 2, 2027 for 4 weeks. Budget: $20k. "
    "Target: families who buy bottled water. Goal: drive 600 online orders. Use email and paid search."
)
CAMPAIGN_ID = "cmp-cassette-http"
MAX_TOKENS = 384
"""Cap per call: the tiny model otherwise writes until its context is full."""


@pytest.fixture
def recorded() -> Target:
    return target(AREA)


@pytest.fixture
def cassette(request: pytest.FixtureRequest, recorded: Target) -> Iterator[Cassette]:
    PATH_CACHE.clear()
    with use_cassette(AREA, request.node.name, recorded.base_url, may_skip=refused_native) as cass:
        yield cass
    PATH_CACHE.clear()


@pytest.mark.vcr
@pytest.mark.slow
def test_campaign_over_http(
    liftoff_home: Path, recorded: Target, cassette: Cassette, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.runtime.runner import Campaigns

    real_resolve = registry.resolve_model

    def capped(spec: str, **kwargs: Any) -> Any:
        kwargs.update(max_tokens=MAX_TOKENS, max_retries=0, timeout=900, api_key=recorded.api_key)
        return real_resolve(spec, **kwargs)

    monkeypatch.setattr(registry, "resolve_model", capped)
    env = {
        "LIFTOFF_HOME": str(liftoff_home),
        "LIFTOFF_CRM_CONTACTS": "4000",
        "LIFTOFF_CHECK_DATE": "2026-11-25",
    }
    settings = Settings.from_env(
        env, model=recorded.model, openai_base_url=recorded.base_url, agent_models={"planner": "offline"}
    )
    campaigns = Campaigns(settings)
    try:
        campaigns.start(BRIEF, auto_approve=True, campaign_id=CAMPAIGN_ID)  # a failing agent -> status failed
        result = campaigns.result(CAMPAIGN_ID)
        events = [e for _, e in campaigns.services.events.read(0, 10_000, campaign_id=CAMPAIGN_ID)]
    finally:
        campaigns.close()

    # Every model call went over HTTP to the recorded server (planner is the offline engine here).
    used = played(cassette)
    bodies = [json.loads(req.body) for req, _ in used]
    assert bodies and all(b["model"] == recorded.model for b in bodies)
    assert all(req.uri == recorded.base_url.rstrip("/") + "/chat/completions" for req, _ in used)
    # One trace id ties every event of the campaign together.
    assert {e.trace_id for e in events} == {result.trace_id}
    by_type: dict[str, list[Any]] = {}
    for e in events:
        by_type.setdefault(e.type, []).append(e)
    assert by_type["planner.blueprint"][0].payload["path"] == "native"  # the offline engine answers natively
    # Content drafted one asset per channel over HTTP, each recording the structured path it used.
    drafted = by_type.get("content.asset", [])
    channels = {c["channel"] for c in result.values["blueprint"]["channels"]}
    assert {e.payload["channel"] for e in drafted} == channels
    assert all(e.payload["path"] in PATHS and e.payload["attempts"] >= 1 for e in drafted)
    usage = result.values.get("usage") or {}
    http_calls = sum(u["calls"] for a, u in usage.items() if a != "planner")
    refused = sum(1 for req, resp in used if refused_native(req, resp))  # llama.cpp answers HTTP 500
    if result.status != "failed":
        assert result.status in ("launched", "awaiting_approval", "rejected")
        assert set(result.values.get("lists") or {}) == channels
        assert http_calls + refused == len(bodies)
    else:
        # The tiny model never produced a valid segment: bounded re-asks, then a clear, resumable failure.
        assert result.reason.startswith(StructuredOutputError.__name__)
        assert "data: no valid build_segment" in result.reason
        assert not result.values.get("programs")  # nothing was published
        assert len(bodies) - http_calls - refused == 3  # the data agent's bounded attempts
    assert usage["content"]["calls"] >= len(channels) and usage["content"]["input_tokens"] > 0
