"""A scripted fake chat model for unit tests (allowed by conftest's model-call guard).

``ScriptedChatModel(script=[...])`` replays its script one entry per call: an ``AIMessage`` (tool
calls and ``usage_metadata`` included), a string (an AIMessage with that content), an exception
instance (raised), or a callable ``(messages, kwargs) -> AIMessage | str`` that can look at the
conversation. Every call is recorded in ``.calls`` (messages and bound kwargs such as ``tools``,
``tool_choice`` and ``response_format``). ``bind_tools`` and ``with_structured_output`` mirror
ChatOpenAI (``json_schema`` / ``function_calling`` / ``json_mode``, ``include_raw``), unless the
model is told not to support a method (``unsupported=("json_schema",)``), in which case it raises
like a provider that rejects the request.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.output_parsers import JsonOutputParser, PydanticOutputParser, PydanticToolsParser
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable, RunnableMap, RunnablePassthrough
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

ScriptEntry = AIMessage | str | BaseException | Callable[[list[BaseMessage], dict[str, Any]], AIMessage | str]


class ScriptExhaustedError(AssertionError):
    """The code under test called the fake more often than the script allows."""


class ScriptLeftoverError(AssertionError):
    """The test ended with script entries never replayed: the code under test called the model less than
    the test expected (the openai-agents-python ``ScriptedModel`` rule)."""


class UnsupportedRequestError(Exception):
    """What the fake raises for an unsupported method: a 400, like a provider rejecting it."""

    status_code = 400


@dataclass
class Call:
    """One recorded call: the messages sent and the kwargs bound to the model."""

    messages: list[BaseMessage]
    kwargs: dict[str, Any]


def tool_call(
    name: str, args: dict[str, Any] | str, call_id: str = "call_1", *, usage: tuple[int, int] | None = None
) -> AIMessage:
    """Build an AIMessage holding one tool call (a str ``args`` makes an invalid/raw call)."""
    meta = _usage(usage)
    if isinstance(args, str):
        return AIMessage(
            content="",
            invalid_tool_calls=[
                {"name": name, "args": args, "id": call_id, "error": "bad json", "type": "invalid_tool_call"}
            ],
            usage_metadata=meta,
        )
    return AIMessage(
        content="",
        tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}],
        usage_metadata=meta,
    )


def reply(text: str, *, usage: tuple[int, int] | None = None) -> AIMessage:
    """Build a plain text AIMessage, optionally with (input, output) token usage."""
    return AIMessage(content=text, usage_metadata=_usage(usage))


def _usage(usage: tuple[int, int] | None) -> Any:
    if usage is None:
        return None
    return {"input_tokens": usage[0], "output_tokens": usage[1], "total_tokens": usage[0] + usage[1]}


class ScriptedChatModel(BaseChatModel):
    """A chat model that replays a script; see the module docstring."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    script: list[Any] = Field(default_factory=list, description="Entries replayed one per call.")
    model_name: str = Field(default="scripted-1", description="Model name reported to callbacks.")
    unsupported: tuple[str, ...] = Field(
        default=(), description="Methods to reject: json_schema, function_calling, tools."
    )
    _calls: list[Call] = PrivateAttr(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _position: int = PrivateAttr(default=0)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    @property
    def calls(self) -> list[Call]:
        """Every call made so far."""
        return list(self._calls)

    @property
    def remaining(self) -> int:
        """Script entries not yet replayed."""
        return len(self.script) - self._position

    def assert_consumed(self) -> None:
        """Raise :class:`ScriptLeftoverError` unless every script entry was replayed."""
        if self.remaining:
            raise ScriptLeftoverError(
                f"ScriptedChatModel {self.model_name!r} scripted for {len(self.script)} calls but called "
                f"{self._position} times: {self.remaining} step(s) left unconsumed"
            )

    def _get_ls_params(self, stop: list[str] | None = None, **kwargs: Any) -> Any:
        params = super()._get_ls_params(stop=stop, **kwargs)
        params["ls_provider"] = "scripted"
        params["ls_model_name"] = self.model_name
        return params

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._lock:
            if "response_format" in kwargs and "json_schema" in self.unsupported:
                raise UnsupportedRequestError("response_format json_schema is not supported by this model")
            if "tools" in kwargs and {"function_calling", "tools"} & set(self.unsupported):
                raise UnsupportedRequestError("tools are not supported by this model")
            if self._position >= len(self.script):
                raise ScriptExhaustedError(
                    f"ScriptedChatModel called {self._position + 1} times but scripted for {len(self.script)}"
                )
            entry = self.script[self._position]
            self._position += 1
            self._calls.append(Call(messages=list(messages), kwargs=dict(kwargs)))
        if isinstance(entry, BaseException):
            raise entry
        if callable(entry) and not isinstance(entry, AIMessage | str):
            entry = entry(list(messages), dict(kwargs))
        message = AIMessage(content=entry) if isinstance(entry, str) else entry.model_copy()
        message.response_metadata = {**message.response_metadata, "model_name": self.model_name}
        return ChatResult(generations=[ChatGeneration(message=message)])

    def bind_tools(
        self, tools: Sequence[Any], *, tool_choice: str | dict[str, Any] | bool | None = None, **kwargs: Any
    ) -> Runnable[Any, AIMessage]:
        """Bind tools in OpenAI format (and a tool choice), like ChatOpenAI."""
        formatted = [convert_to_openai_tool(t) for t in tools]
        if tool_choice is not None:
            kwargs["tool_choice"] = tool_choice
        return self.bind(tools=formatted, **kwargs)

    def with_structured_output(
        self,
        schema: Any,
        *,
        include_raw: bool = False,  # type: ignore[override]
        method: str = "json_schema",
        **kwargs: Any,
    ) -> Runnable[Any, Any]:
        """Mirror ChatOpenAI: json_schema (response_format), function_calling (forced tool), json_mode."""
        is_model = isinstance(schema, type) and issubclass(schema, BaseModel)
        parser: Runnable[Any, Any]
        if method == "function_calling":
            name = convert_to_openai_tool(schema)["function"]["name"]
            llm = self.bind_tools([schema], tool_choice=name)
            parser = PydanticToolsParser(tools=[schema], first_tool_only=True)
        elif method in ("json_schema", "json_mode"):
            fmt: dict[str, Any] = {"type": "json_object"}
            if method == "json_schema":
                fmt = {
                    "type": "json_schema",
                    "json_schema": {
                        "name": getattr(schema, "__name__", "schema"),
                        "schema": schema.model_json_schema() if is_model else schema,
                    },
                }
            llm = self.bind(response_format=fmt)
            parser = PydanticOutputParser(pydantic_object=schema) if is_model else JsonOutputParser()
        else:
            raise ValueError(f"unknown method {method!r}")
        if not include_raw:
            return llm | parser
        assign = RunnablePassthrough.assign(parsed=itemgetter("raw") | parser, parsing_error=lambda _: None)
        none = RunnablePassthrough.assign(parsed=lambda _: None)
        return RunnableMap(raw=llm) | assign.with_fallbacks([none], exception_key="parsing_error")


def json_reply(value: dict[str, Any], *, usage: tuple[int, int] | None = None) -> AIMessage:
    """Build an AIMessage whose content is ``value`` as JSON."""
    return reply(json.dumps(value), usage=usage)


PlainScriptedChatModel: type[ScriptedChatModel] = type(
    "ScriptedChatModel",  # same name, so conftest's model-call guard lets it through
    (ScriptedChatModel,),
    {
        "__module__": __name__,
        "__doc__": "A ScriptedChatModel with neither tool calling nor native structured output.",
        "bind_tools": BaseChatModel.bind_tools,
        "with_structured_output": BaseChatModel.with_structured_output,
    },
)
"""Script replay like ScriptedChatModel, but inheriting BaseChatModel's bind_tools/with_structured_output."""


class ScriptedModels:
    """Makes the scripted models of one test and checks at its end that each used its whole script.

    The ``scripted_model`` fixture (tests/conftest.py) yields one and calls :meth:`check` at teardown, so a
    step left unconsumed fails the test.
    """

    def __init__(self) -> None:
        self.made: list[ScriptedChatModel] = []

    def __call__(self, *script: ScriptEntry, plain: bool = False, **kwargs: Any) -> ScriptedChatModel:
        """A new scripted model replaying ``script`` (``plain``: without native tools/structured output)."""
        cls = PlainScriptedChatModel if plain else ScriptedChatModel
        model = cls(script=list(script), **kwargs)
        self.made.append(model)
        return model

    def check(self) -> None:
        """Raise :class:`ScriptLeftoverError` naming every model with steps left unconsumed."""
        problems = []
        for model in self.made:
            try:
                model.assert_consumed()
            except ScriptLeftoverError as exc:
                problems.append(str(exc))
        if problems:
            raise ScriptLeftoverError("; ".join(problems))
