"""The structured-output chain: each path, the re-ask bound, provider errors and the path cache."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fakes import ScriptedChatModel, json_reply, reply, tool_call
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from graph.contracts import AssetCopy, SegmentDefinition
from graph.models.errors import (
    ModelConfigError,
    ModelUnavailableError,
    StructuredOutputError,
    TransientModelError,
)
from graph.models.structured import PATH_CACHE, invoke_structured, model_key
from graph.models.usage import UsageTracker

PROMPT = [
    SystemMessage(content="You write marketing copy."),
    HumanMessage(content="Write an email for the spring sale."),
]
VALID = {
    "subject": "Spring is here",
    "body": "Save on every plan this spring.",
    "cta": "Shop now",
    "cited_claim_ids": ["c1"],
}


@pytest.fixture(autouse=True)
def clean_cache() -> Iterator[None]:
    PATH_CACHE.clear()
    yield
    PATH_CACHE.clear()


class ProviderError(Exception):
    """Stands in for a provider SDK error carrying an HTTP status."""

    def __init__(self, status_code: int) -> None:
        super().__init__(f"HTTP {status_code} from provider")
        self.status_code = status_code


class APIConnectionError(Exception):
    """Named like openai's: connection refused."""


def test_native_path_first() -> None:
    model = ScriptedChatModel(script=[json_reply(VALID)])
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert isinstance(result.value, AssetCopy) and result.value.body == VALID["body"]
    assert (result.path, result.attempts, result.errors) == ("native", 1, [])
    fmt = model.calls[0].kwargs["response_format"]
    assert fmt["type"] == "json_schema" and "body" in fmt["json_schema"]["schema"]["properties"]
    assert result.event_payload() == {"path": "native", "attempts": 1, "errors": [], "fixes": []}
    assert PATH_CACHE.get(model_key(model)) == "native"


def test_native_invalid_reply_is_reasked_with_the_errors() -> None:
    model = ScriptedChatModel(script=[json_reply({"subject": "Hi", "body": ""}), json_reply(VALID)])
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert (result.path, result.attempts) == ("native", 2)
    assert len(result.errors) == 1 and result.errors[0].startswith("native: ") and "body" in result.errors[0]
    second = model.calls[1].messages
    assert second[: len(PROMPT)] == PROMPT
    assert isinstance(second[-2], AIMessage) and isinstance(second[-1], HumanMessage)
    assert "body" in str(second[-1].content) and "did not validate" in str(second[-1].content)


def test_native_reply_with_defects_is_repaired_without_a_reask() -> None:
    text = "```json\n{'subject': 'Hi', 'body': 'Save now.', 'cta': None, 'cited_claim_ids': [],}\n```"
    model = ScriptedChatModel(script=[reply(text)])
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert (result.path, result.attempts) == ("native", 1)
    assert {"fence", "single_quotes", "python_literal", "trailing_comma"} <= set(result.fixes)


def test_unsupported_native_falls_back_to_a_tool_call() -> None:
    model = ScriptedChatModel(script=[tool_call("AssetCopy", VALID)], unsupported=("json_schema",))
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert (result.path, result.attempts) == ("tool_call", 1)
    assert result.errors[0].startswith("native: not supported by the provider (UnsupportedRequestError")
    kwargs = model.calls[0].kwargs
    assert kwargs["tool_choice"] == "AssetCopy" and kwargs["tools"][0]["function"]["name"] == "AssetCopy"


def test_invalid_tool_arguments_are_sent_back_as_tool_messages() -> None:
    bad = tool_call("AssetCopy", {"body": "x", "colour": "red"}, call_id="call_A")
    model = ScriptedChatModel(
        script=[bad, tool_call("AssetCopy", VALID, call_id="call_B")], unsupported=("json_schema",)
    )
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert (result.path, result.attempts) == ("tool_call", 2)
    assert "colour" in result.errors[-1]
    feedback = model.calls[1].messages[-1]
    assert isinstance(feedback, ToolMessage) and feedback.tool_call_id == "call_A"
    assert "colour" in str(feedback.content)
    echoed = model.calls[1].messages[-2]
    assert isinstance(echoed, AIMessage) and echoed.tool_calls[0]["id"] == "call_A"


def test_broken_tool_argument_json_is_repaired() -> None:
    raw = tool_call("AssetCopy", "{'body': 'Save now.', 'cited_claim_ids': ['c1'],", call_id="c")
    model = ScriptedChatModel(script=[raw], unsupported=("json_schema",))
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert result.path == "tool_call" and result.value.cited_claim_ids == ["c1"]
    assert "missing_brackets" in result.fixes


def test_no_native_no_tools_goes_to_json_repair() -> None:
    text = 'Sure! Here it is:\n```json\n{"subject": "Hi", "body": "Save now.", "cited_claim_ids": ["c1"],}\n```\nEnjoy!'
    model = ScriptedChatModel(script=[reply(text)], unsupported=("json_schema", "tools"))
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert (result.path, result.attempts) == ("json_repair", 1)
    assert [e.split(":")[0] for e in result.errors] == ["native", "tool_call"]
    assert {"fence", "trailing_comma"} <= set(result.fixes)
    instruction = str(model.calls[0].messages[-1].content)
    assert instruction.startswith("Answer with only one JSON object for AssetCopy")
    assert '- "body" (required, string of at least 1 character(s)): Body copy.' in instruction
    assert json.loads(instruction.split("JSON schema: ", 1)[1].split("\n", 1)[0])["title"] == "AssetCopy"


def test_tool_ignored_but_text_holds_the_value() -> None:
    model = ScriptedChatModel(script=[reply(json.dumps(VALID))], unsupported=("json_schema",))
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert (result.path, result.attempts) == ("json_repair", 1)
    assert "recovered from the reply text" in result.errors[-1]


def test_wrapped_object_is_unwrapped() -> None:
    model = ScriptedChatModel(script=[json_reply({"AssetCopy": VALID})])
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert result.value.subject == "Spring is here" and "unwrapped" in result.fixes


def test_reask_bound_on_the_json_path() -> None:
    model = ScriptedChatModel(script=["no idea", "still {not json", '{"body": ""}', json_reply(VALID)])
    with pytest.raises(StructuredOutputError) as info:
        invoke_structured(model, AssetCopy, PROMPT, agent="content", max_reasks=2, paths=("json_repair",))
    assert info.value.attempts == 3 and len(info.value.errors) == 3
    assert model.remaining == 1  # the 4th (valid) reply was never asked for
    assert "content: no valid AssetCopy from the model after 3 call(s)" in str(info.value)
    assert PATH_CACHE.get(model_key(model)) is None


def test_reask_bound_is_shared_across_paths() -> None:
    bad = json_reply({"body": ""})
    model = ScriptedChatModel(
        script=[bad, bad, tool_call("AssetCopy", {"body": ""}), "nope", json_reply(VALID)]
    )
    with pytest.raises(StructuredOutputError) as info:
        invoke_structured(model, AssetCopy, PROMPT, agent="content", max_reasks=1)
    # native: first try + 1 re-ask; tool_call and json_repair: one try each, no re-ask left.
    assert info.value.attempts == 4 and model.remaining == 1
    assert [e.split(":")[0] for e in info.value.errors] == ["native", "native", "tool_call", "json_repair"]


def test_zero_reasks_means_one_call_per_path() -> None:
    model = ScriptedChatModel(script=["x"], unsupported=("json_schema", "tools"))
    with pytest.raises(StructuredOutputError) as info:
        invoke_structured(model, AssetCopy, PROMPT, agent="content", max_reasks=0)
    assert info.value.attempts == 1


def test_negative_reask_bound_is_refused() -> None:
    with pytest.raises(ValueError, match="max_reasks must be >= 0"):
        invoke_structured(ScriptedChatModel(script=[]), AssetCopy, PROMPT, agent="content", max_reasks=-1)


@pytest.mark.parametrize(
    ("error", "expected", "message"),
    [
        (APIConnectionError("Connection refused"), ModelUnavailableError, "content: provider unreachable at"),
        (ConnectionRefusedError(111, "Connection refused"), ModelUnavailableError, "provider unreachable"),
        (ProviderError(503), TransientModelError, "content: provider error at"),
        (ProviderError(429), TransientModelError, "retry later"),
        (TimeoutError("read timed out"), TransientModelError, "retry later"),
        (ProviderError(401), ModelConfigError, "check the API key"),
        (ProviderError(404), ModelConfigError, "check the model name"),
    ],
)
def test_provider_errors_are_raised_not_reasked(
    error: Exception, expected: type[Exception], message: str
) -> None:
    model = ScriptedChatModel(script=[error, json_reply(VALID)])
    with pytest.raises(expected, match=message) as info:
        invoke_structured(model, AssetCopy, PROMPT, agent="content", max_reasks=2)
    assert info.value.__cause__ is error
    assert model.remaining == 1  # no re-ask and no fallback path was tried
    # The graph's RetryPolicy calls again: the retry starts a fresh count.
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert (result.path, result.attempts) == ("native", 1)


def test_unknown_exceptions_propagate_unchanged() -> None:
    boom = RuntimeError("bug in a callback")
    model = ScriptedChatModel(script=[boom])
    with pytest.raises(RuntimeError) as info:
        invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert info.value is boom


def test_path_cache_starts_where_the_last_call_succeeded() -> None:
    model = ScriptedChatModel(
        script=[
            tool_call("AssetCopy", VALID),
            tool_call("SegmentDefinition", {"channel": "email", "regions": ["US"]}),
        ],
        unsupported=("json_schema",),
    )
    first = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert first.path == "tool_call" and first.errors
    second = invoke_structured(model, SegmentDefinition, PROMPT, agent="data")
    assert (second.path, second.attempts, second.errors) == ("tool_call", 1, [])
    assert PATH_CACHE.snapshot() == {"scripted/scripted-1": "tool_call"}
    # Another model (different name) starts from the native path again.
    other = ScriptedChatModel(script=[json_reply(VALID)], model_name="scripted-2")
    assert invoke_structured(other, AssetCopy, PROMPT, agent="content").path == "native"


def test_explicit_paths_override_the_cache() -> None:
    PATH_CACHE.set(("scripted", "scripted-1"), "json_repair")
    model = ScriptedChatModel(script=[json_reply(VALID)])
    assert invoke_structured(model, AssetCopy, PROMPT, agent="content", paths=("native",)).path == "native"


def test_agent_is_put_in_run_metadata_for_usage() -> None:
    tracker = UsageTracker()
    model = ScriptedChatModel(
        script=[json_reply({"body": ""}, usage=(100, 20)), json_reply(VALID, usage=(150, 30))]
    )
    config: Any = {"callbacks": [tracker], "metadata": {"campaign": "c-1"}}
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content", config=config)
    snap = tracker.snapshot()
    assert snap["content"]["calls"] == result.attempts == 2
    assert (snap["content"]["input_tokens"], snap["content"]["output_tokens"]) == (250, 50)
    assert config == {"callbacks": [tracker], "metadata": {"campaign": "c-1"}}  # caller's config untouched


def test_model_without_native_or_tools_skips_straight_to_json() -> None:
    from fakes import PlainScriptedChatModel

    model = PlainScriptedChatModel(script=[json_reply(VALID)])
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert (result.path, result.attempts) == ("json_repair", 1)
    assert result.errors == [
        "native: ScriptedChatModel has no native structured output",
        "tool_call: ScriptedChatModel does not support tool calling",
    ]


def test_copied_placeholders_are_reasked_on_the_json_path() -> None:
    copied = json_reply({"subject": "...", "body": "...", "cited_claim_ids": ["..."]})
    model = ScriptedChatModel(script=[copied, json_reply(VALID)])
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content", paths=("json_repair",))
    assert (result.path, result.attempts) == ("json_repair", 2)
    assert result.errors == [
        "json_repair: fields still hold the placeholder '...': subject, body, "
        "cited_claim_ids[0]; write real values"
    ]


def test_tool_feedback_gives_an_empty_tool_call_turn_a_text() -> None:
    from graph.models.structured import tool_feedback

    raw = tool_call("AssetCopy", {"body": ""}, call_id="c9")
    ai, tool = tool_feedback(raw, "body: too short")
    assert (
        isinstance(ai, AIMessage) and ai.content == "Calling AssetCopy." and ai.tool_calls == raw.tool_calls
    )
    assert isinstance(tool, ToolMessage) and tool.tool_call_id == "c9" and tool.status == "error"
    assert tool.content == "Error: body: too short. Call the tool again with corrected arguments."


class ContextOverflowError(Exception):
    """Named like langchain_core's: the prompt does not fit the context window."""

    status_code = 400


def test_context_overflow_on_the_first_call_is_raised() -> None:
    overflow = ContextOverflowError("maximum context length is 4096 tokens")
    model = ScriptedChatModel(script=[overflow, json_reply(VALID)])
    with pytest.raises(ContextOverflowError):
        invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert model.remaining == 1  # no fallback path was tried: none could fit either


def test_context_overflow_while_reasking_ends_the_path() -> None:
    overflow = ContextOverflowError("context_length_exceeded")
    model = ScriptedChatModel(script=[json_reply({"body": ""}), overflow, tool_call("AssetCopy", VALID)])
    result = invoke_structured(model, AssetCopy, PROMPT, agent="content")
    assert (result.path, result.attempts) == ("tool_call", 2)
    assert result.errors[-1] == "native: context window exceeded while re-asking; giving up on this path"
