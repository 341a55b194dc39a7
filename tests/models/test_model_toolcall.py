"""invoke_tool_call: one validated tool call, re-asked with errors, bounded."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fakes import ScriptedChatModel, reply, tool_call
from langchain_core.messages import HumanMessage, ToolMessage
from langchain_core.tools import StructuredTool

from graph.contracts import AssetCopy, SegmentDefinition
from graph.models.errors import ModelUnavailableError, StructuredOutputError
from graph.models.structured import PATH_CACHE
from graph.models.toolcall import invoke_tool_call, tool_schema

PROMPT = [HumanMessage(content="Build the email list for US and CA customers.")]
SEGMENT = {
    "channel": "email",
    "regions": ["US", "CA"],
    "filters": [{"field": "lifecycle_stage", "op": "eq", "value": "customer"}],
}


@pytest.fixture(autouse=True)
def clean_cache() -> Iterator[None]:
    PATH_CACHE.clear()
    yield
    PATH_CACHE.clear()


def _build_segment(**kwargs: object) -> str:
    return "built"


BUILD = StructuredTool.from_function(
    _build_segment, name="build_segment", description="Build a target list.", args_schema=SegmentDefinition
)


def test_tool_schema_of_tools_and_classes() -> None:
    assert tool_schema(BUILD) == ("build_segment", SegmentDefinition)
    assert tool_schema(AssetCopy) == ("AssetCopy", AssetCopy)
    with pytest.raises(TypeError, match="not a tool"):
        tool_schema("build_segment")  # type: ignore[arg-type]


def test_valid_call_first_time() -> None:
    model = ScriptedChatModel(script=[tool_call("build_segment", SEGMENT, call_id="c1")])
    result = invoke_tool_call(model, [BUILD], PROMPT, agent="data")
    assert isinstance(result.args, SegmentDefinition) and result.args.regions == ["US", "CA"]
    assert (result.name, result.call_id, result.path, result.attempts, result.errors) == (
        "build_segment",
        "c1",
        "tool_call",
        1,
        [],
    )
    kwargs = model.calls[0].kwargs
    assert kwargs["tool_choice"] == "build_segment"
    assert kwargs["tools"][0]["function"]["parameters"]["properties"]["regions"]["minItems"] == 1
    assert result.event_payload()["tool"] == "build_segment"


def test_invalid_args_are_reasked_with_a_tool_message() -> None:
    bad = tool_call("build_segment", {"channel": "fax", "regions": []}, call_id="c1")
    model = ScriptedChatModel(script=[bad, tool_call("build_segment", SEGMENT, call_id="c2")])
    result = invoke_tool_call(model, [BUILD], PROMPT, agent="data")
    assert (result.attempts, result.call_id) == (2, "c2")
    feedback = model.calls[1].messages[-1]
    assert isinstance(feedback, ToolMessage) and feedback.tool_call_id == "c1"
    assert "channel" in str(feedback.content) and "regions" in str(feedback.content)


def test_unknown_tool_and_missing_call_are_reasked() -> None:
    model = ScriptedChatModel(
        script=[
            tool_call("drop_table", {}),
            reply("I would build a list."),
            tool_call("build_segment", SEGMENT),
        ]
    )
    result = invoke_tool_call(model, [BUILD, AssetCopy], PROMPT, agent="data")
    assert result.attempts == 3 and result.name == "build_segment"
    assert "unknown tool 'drop_table'; available: build_segment, AssetCopy" in result.errors[0]
    assert "no tool call in the reply" in result.errors[1]
    assert model.calls[0].kwargs["tool_choice"] == "any"


def test_bound_raises_structured_output_error() -> None:
    bad = tool_call("build_segment", {"channel": "email", "regions": ["MARS"]})
    model = ScriptedChatModel(script=[bad, bad, tool_call("build_segment", SEGMENT)])
    with pytest.raises(StructuredOutputError) as info:
        invoke_tool_call(model, [BUILD], PROMPT, agent="data", max_reasks=1)
    assert info.value.attempts == 2 and model.remaining == 1
    assert "data: no valid build_segment from the model after 2 call(s)" in str(info.value)


def test_arguments_in_text_are_recovered_for_a_single_tool() -> None:
    model = ScriptedChatModel(script=[reply("```json\n" + json.dumps(SEGMENT) + "\n```")])
    result = invoke_tool_call(model, [BUILD], PROMPT, agent="data")
    assert isinstance(result.args, SegmentDefinition)
    assert result.path == "json_repair" and result.args.channel == "email" and "fence" in result.fixes


def test_provider_rejecting_tools_is_a_structured_error() -> None:
    model = ScriptedChatModel(script=[], unsupported=("tools",))
    with pytest.raises(StructuredOutputError, match="provider rejected the tool call"):
        invoke_tool_call(model, [BUILD], PROMPT, agent="data")


def test_connection_error_is_translated() -> None:
    model = ScriptedChatModel(script=[ConnectionRefusedError(111, "Connection refused")])
    with pytest.raises(ModelUnavailableError, match="data: provider unreachable"):
        invoke_tool_call(model, [BUILD], PROMPT, agent="data")


def test_argument_checks() -> None:
    with pytest.raises(ValueError, match="at least one tool"):
        invoke_tool_call(ScriptedChatModel(script=[]), [], PROMPT, agent="data")
    with pytest.raises(ValueError, match="max_reasks must be >= 0"):
        invoke_tool_call(ScriptedChatModel(script=[]), [BUILD], PROMPT, agent="data", max_reasks=-2)


def test_model_without_tool_calling_falls_back_to_json() -> None:
    from fakes import PlainScriptedChatModel

    model = PlainScriptedChatModel(script=[reply("{'channel': 'sms', 'regions': ['UK'],}")])
    result = invoke_tool_call(model, [BUILD], PROMPT, agent="data")
    assert (result.name, result.path, result.attempts, result.call_id) == (
        "build_segment",
        "json_repair",
        1,
        "",
    )
    assert isinstance(result.args, SegmentDefinition) and result.args.channel == "sms"
    with pytest.raises(StructuredOutputError, match="does not support tool calling"):
        invoke_tool_call(model, [BUILD, AssetCopy], PROMPT, agent="data")


class ContextOverflowError(Exception):
    """Named like langchain_core's."""

    status_code = 400


def test_context_overflow() -> None:
    first = ScriptedChatModel(script=[ContextOverflowError("too long")])
    with pytest.raises(ContextOverflowError):
        invoke_tool_call(first, [BUILD], PROMPT, agent="data")
    bad = tool_call("build_segment", {"channel": "fax", "regions": []})
    later = ScriptedChatModel(script=[bad, ContextOverflowError("too long")])
    with pytest.raises(StructuredOutputError, match="context window exceeded while re-asking"):
        invoke_tool_call(later, [BUILD], PROMPT, agent="data")
