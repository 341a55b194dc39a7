"""The OpenAI-compatible HTTP path, replayed from cassettes recorded from a real server.

ChatOpenAI(base_url=loopback) -> HTTP -> structured output / tool calls -> Liftoff's contracts.
The cassettes were recorded from llama-cpp-python's server running SmolLM2-135M (see
scripts/record_cassettes.sh). A tiny model writes odd values: these tests assert the flow (which
path ran, what was sent, that the value validates as the contract, that usage was counted), never
the model's wording.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langchain_core.tools import StructuredTool
from model_cassettes import Target, played, target, use_cassette
from vcr.cassette import Cassette

from graph.contracts import AssetCopy, Money, SegmentDefinition
from graph.models import resolve_model
from graph.models.errors import ModelUnavailableError, StructuredOutputError
from graph.models.structured import PATH_CACHE, PATHS, invoke_structured, model_key
from graph.models.toolcall import invoke_tool_call
from graph.models.usage import UsageTracker

AREA = "models"
COPY_PROMPT: list[BaseMessage] = [
    SystemMessage(content="You are Brightwell's email copywriter. Use only the approved claims given."),
    HumanMessage(
        content="Write a short email for the spring savings campaign. Approved claim c1: "
        "'Brightwell plans start at $10 a month.'"
    ),
]
SEGMENT_PROMPT: list[BaseMessage] = [
    SystemMessage(content="You build target lists by calling the build_segment tool."),
    HumanMessage(content="Build the email list: customers in the US and Canada, 10% holdout."),
]


def _build_segment(**kwargs: object) -> str:
    return "built"


BUILD_SEGMENT = StructuredTool.from_function(
    _build_segment,
    name="build_segment",
    description="Build a target list from a segment definition.",
    args_schema=SegmentDefinition,
)


@pytest.fixture
def recorded() -> Target:
    return target(AREA)


@pytest.fixture
def model(recorded: Target) -> BaseChatModel:
    return resolve_model(
        recorded.model,
        base_url=recorded.base_url,
        api_key=recorded.api_key,
        max_retries=0,
        timeout=600,
        max_tokens=256,
    )


@pytest.fixture(autouse=True)
def clean_cache() -> Iterator[None]:
    PATH_CACHE.clear()
    yield
    PATH_CACHE.clear()


@pytest.fixture
def cassette(request: pytest.FixtureRequest, recorded: Target) -> Iterator[Cassette]:
    with use_cassette(AREA, request.node.name, recorded.base_url) as cass:
        yield cass


def _sent(cassette: Cassette) -> int:
    return len(played(cassette))


def _bodies(cassette: Cassette) -> list[dict[str, Any]]:
    """Bodies of the requests made so far (in replay, matched by body, so equal to what was sent)."""
    return [json.loads(req.body) for req, _ in played(cassette)]


def _assert_http_flow(cassette: Cassette, recorded: Target, calls: int) -> None:
    assert _sent(cassette) == calls
    for req, _ in played(cassette):
        assert req.method == "POST" and req.uri == recorded.base_url.rstrip("/") + "/chat/completions"
        assert "authorization" not in {k.lower() for k in req.headers}


@pytest.mark.vcr
def test_asset_copy_through_the_fallback_chain(
    model: BaseChatModel, recorded: Target, cassette: Cassette
) -> None:
    tracker = UsageTracker()
    result = invoke_structured(
        model, AssetCopy, COPY_PROMPT, agent="content", max_reasks=1, config={"callbacks": [tracker]}
    )
    assert isinstance(result.value, AssetCopy) and result.value.body.strip()
    assert result.path in PATHS
    skipped = [e for e in result.errors if "not supported by the provider" in e]
    # every HTTP request is a counted attempt, or a path the server refused (not a re-ask)
    _assert_http_flow(cassette, recorded, result.attempts + len(skipped))
    bodies = _bodies(cassette)
    assert all(b["model"] == recorded.model and b["temperature"] == 0.0 for b in bodies)
    if result.path != "native":
        # the native schema was tried first and refused by the server, then the next path ran
        assert "response_format" in bodies[0] and bodies[0]["response_format"]["type"] == "json_schema"
        assert skipped and skipped[0].startswith("native: ")
    if result.path == "tool_call":
        assert bodies[-1]["tool_choice"] == {"type": "function", "function": {"name": "AssetCopy"}}
    assert PATH_CACHE.get(model_key(model)) == result.path
    usage = tracker.snapshot()["content"]
    assert usage["calls"] == result.attempts and usage["errors"] == len(skipped)
    assert usage["input_tokens"] > 0 and usage["output_tokens"] > 0
    assert usage["models"] == [recorded.model]


@pytest.mark.vcr
def test_cached_path_skips_the_refused_one(
    model: BaseChatModel, recorded: Target, cassette: Cassette
) -> None:
    first = invoke_structured(model, AssetCopy, COPY_PROMPT, agent="content", max_reasks=1)
    n_first = _sent(cassette)
    second_prompt = [
        COPY_PROMPT[0],
        HumanMessage(content="Now a one-line SMS for the same campaign. Approved claim c1."),
    ]
    try:
        second = invoke_structured(model, AssetCopy, second_prompt, agent="content", max_reasks=1)
    except StructuredOutputError as exc:  # a tiny model may fail the second time; the start path still counts
        later = _bodies(cassette)[n_first:]
        assert len(later) == exc.attempts
    else:
        later = _bodies(cassette)[n_first:]
        assert len(later) == second.attempts
        assert not any("not supported" in e for e in second.errors)
    if first.path != "native":
        assert all("response_format" not in b for b in later)  # the refused native path was not retried


@pytest.mark.vcr
def test_segment_definition_via_a_forced_tool_call(
    model: BaseChatModel, recorded: Target, cassette: Cassette
) -> None:
    tracker = UsageTracker()
    try:
        result = invoke_tool_call(
            model,
            [BUILD_SEGMENT],
            SEGMENT_PROMPT,
            agent="data",
            max_reasks=2,
            config={"callbacks": [tracker]},
        )
    except StructuredOutputError as exc:
        # bounded: first try + 2 re-asks, each error fed back to the model as a ToolMessage
        assert exc.attempts == 3 and len(exc.errors) == 3
        _assert_http_flow(cassette, recorded, 3)
        _assert_reasks_answer_the_calls(cassette)
        attempts = exc.attempts
    else:
        assert result.name == "build_segment" and isinstance(result.args, SegmentDefinition)
        assert result.args.regions and result.path in ("tool_call", "json_repair")
        _assert_http_flow(cassette, recorded, result.attempts)
        _assert_reasks_answer_the_calls(cassette)
        attempts = result.attempts
    body = _bodies(cassette)[0]
    assert body["tool_choice"] == {"type": "function", "function": {"name": "build_segment"}}
    params = body["tools"][0]["function"]["parameters"]
    assert set(params["properties"]) >= {"channel", "regions", "filters", "holdout_pct"}
    assert tracker.snapshot()["data"]["calls"] == attempts


def _text(body: str | bytes) -> str:
    return body.decode() if isinstance(body, bytes) else body


def _assert_reasks_answer_the_calls(cassette: Cassette) -> None:
    """Each re-ask answers the previous reply's tool call with a ToolMessage carrying the errors."""
    bodies = _bodies(cassette)
    for i in range(1, len(bodies)):
        previous = json.loads(_text(played(cassette)[i - 1][1]["body"]["string"]))["choices"][0]["message"]
        messages = bodies[i]["messages"]
        if previous.get("tool_calls"):
            assert (
                messages[-2]["role"] == "assistant" and messages[-2]["content"]
            )  # never null (llama.cpp rejects it)
            assert messages[-1]["role"] == "tool"
            assert messages[-1]["tool_call_id"] == previous["tool_calls"][0]["id"]
            assert messages[-1]["content"].startswith("Error: ")
        else:
            assert messages[-1]["role"] == "user" and "no tool call" in messages[-1]["content"]


@pytest.mark.vcr
def test_json_repair_path(model: BaseChatModel, recorded: Target, cassette: Cassette) -> None:
    prompt: list[BaseMessage] = [HumanMessage(content="The campaign budget is 40k USD. Extract the budget.")]
    tracker = UsageTracker()
    try:
        result = invoke_structured(
            model,
            Money,
            prompt,
            agent="planner",
            max_reasks=1,
            paths=("json_repair",),
            config={"callbacks": [tracker]},
        )
    except StructuredOutputError as exc:
        assert exc.attempts == 2 and all(e.startswith("json_repair: ") for e in exc.errors)
        _assert_http_flow(cassette, recorded, 2)
        attempts = exc.attempts
    else:
        assert result.path == "json_repair" and isinstance(result.value, Money)
        _assert_http_flow(cassette, recorded, result.attempts)
        attempts = result.attempts
    bodies = _bodies(cassette)
    assert all("tools" not in b and "response_format" not in b for b in bodies)
    assert bodies[0]["messages"][-1]["content"].startswith("Answer with only one JSON object for Money")
    assert tracker.totals()["calls"] == attempts


@pytest.mark.live_model
def test_unreachable_server_is_a_one_line_unavailable_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    model = resolve_model("smollm2", base_url=url, max_retries=0, timeout=5)
    with pytest.raises(ModelUnavailableError) as info:
        invoke_structured(model, AssetCopy, COPY_PROMPT, agent="content")
    assert str(info.value).startswith(f"content: provider unreachable at {url} (")
    assert "\n" not in str(info.value) and info.value.url == url
