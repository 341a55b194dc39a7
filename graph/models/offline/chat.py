"""``OfflineChatModel``: LangChain's chat-model interface over Liftoff's deterministic rules engine.

It is not an LLM. It reads the JSON task payload every agent prompt carries, and answers structured-output
and tool-call requests with rules (see ``handlers.HANDLERS``), so the graph runs the same code for every provider.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.language_models import LanguageModelInput
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable, RunnableLambda
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel

from graph.models.offline.handlers import HANDLERS

DISCLOSURE = (
    "offline model: Liftoff's deterministic rules engine, NOT an LLM. It parses briefs with rules and composes copy "
    "only from the brand library's approved claims. Set LIFTOFF_MODEL=provider:model to use a real LLM."
)
_PAYLOAD_RE = re.compile(r"```json\s*(\{.*?\})\s*```", re.DOTALL)


class OfflineTaskError(ValueError):
    """The offline engine was asked for something it has no rules for, or got no task payload."""


def task_payload(messages: Sequence[BaseMessage]) -> dict[str, Any]:
    """Return the JSON task payload of the last human message (the last ```json block)."""
    for message in reversed(messages):
        if isinstance(message, HumanMessage) and isinstance(message.content, str):
            blocks = _PAYLOAD_RE.findall(message.content)
            if blocks:
                payload: dict[str, Any] = json.loads(blocks[-1])
                return payload
    raise OfflineTaskError("offline model: no ```json task payload in the prompt")


class OfflineChatModel(BaseChatModel):
    """Deterministic rules engine behind the chat-model interface (``bind_tools``, ``with_structured_output``)."""

    model_name: str = "offline"

    @property
    def _llm_type(self) -> str:
        return "liftoff-offline"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": self.model_name, "engine": "rules"}

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        schema = kwargs.get("offline_schema")
        tools = kwargs.get("tools") or []
        meta = {"model_name": self.model_name, "engine": "rules", "is_llm": False}
        usage = {"input_tokens": 0, "output_tokens": 0, "total_tokens": 0}
        if schema is None and not tools:
            message = AIMessage(content=DISCLOSURE, response_metadata=meta, usage_metadata=usage)
            return ChatResult(generations=[ChatGeneration(message=message)])
        payload = task_payload(messages)
        if schema is not None:
            handler = self._handler(schema)
            content = json.dumps(handler(payload), default=str)
            message = AIMessage(content=content, response_metadata=meta, usage_metadata=usage)
            return ChatResult(generations=[ChatGeneration(message=message)])
        names = [t["function"]["name"] for t in tools if t.get("type") == "function"]
        chosen = next((n for n in names if n in HANDLERS), None)
        if chosen is None:
            raise OfflineTaskError(f"offline model has no rules for tools {names}")
        call = {
            "name": chosen,
            "args": HANDLERS[chosen](payload),
            "id": f"offline-{chosen}",
            "type": "tool_call",
        }
        message = AIMessage(content="", tool_calls=[call], response_metadata=meta, usage_metadata=usage)
        return ChatResult(generations=[ChatGeneration(message=message)])

    @staticmethod
    def _handler(schema: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
        try:
            return HANDLERS[schema]
        except KeyError:
            raise OfflineTaskError(
                f"offline model has no rules to produce {schema!r}; configure a real model for it"
            ) from None

    def bind_tools(
        self, tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool], **kwargs: Any
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind tools in OpenAI format; the engine answers with a call to the tool it has rules for."""
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)

    def with_structured_output(
        self,
        schema: type[BaseModel] | dict[str, Any],
        *,
        include_raw: bool = False,
        method: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, dict[str, Any] | BaseModel]:
        """Return a runnable producing ``schema`` instances by the rules for that schema (any ``method``)."""
        if not isinstance(schema, type) or not issubclass(schema, BaseModel):
            raise OfflineTaskError("offline model needs a pydantic schema for structured output")
        name = schema.__name__
        self._handler(name)
        bound = self.bind(offline_schema=name)

        def parse(message: AIMessage) -> Any:
            try:
                parsed = schema.model_validate_json(str(message.content))
                error = None
            except ValueError as exc:
                if not include_raw:
                    raise
                parsed, error = None, exc
            return {"raw": message, "parsed": parsed, "parsing_error": error} if include_raw else parsed

        return bound | RunnableLambda(parse)
