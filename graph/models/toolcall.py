"""One validated tool call from a chat model, with bounded re-asks.

``invoke_tool_call`` binds tools, takes the first tool call of the reply, validates its arguments
against the tool's pydantic ``args_schema`` and sends validation errors back as ToolMessages until
the arguments validate or ``max_reasks`` is spent. Models without tool calling fall back to the
JSON path of ``invoke_structured`` when exactly one tool is offered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool
from pydantic import BaseModel

from graph.models.errors import StructuredOutputError, classify_provider_error, provider_label
from graph.models.resilience import SINGLE_ATTEMPT, CallPolicy, call_model
from graph.models.structured import (
    StructuredPath,
    agent_config,
    invoke_structured,
    is_context_overflow,
    parse_text,
    tool_feedback,
    translate_fault,
    validate,
)


@dataclass
class ToolCallResult:
    """A tool call whose arguments validated.

    Attributes:
        name: Name of the tool the model called.
        args: The validated arguments (an instance of the tool's args schema).
        call_id: Id of the tool call ('' when the value came from text).
        path: 'tool_call', or 'json_repair' when the arguments were recovered from text.
        attempts: Model calls made.
        raw: The model message holding the call.
        errors: What failed before success.
        fixes: JSON repairs applied to the arguments.
    """

    name: str
    args: BaseModel
    call_id: str
    path: StructuredPath
    attempts: int
    raw: AIMessage | None
    errors: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)

    def event_payload(self) -> dict[str, Any]:
        """Return the JSON-safe facts to record in an event."""
        return {
            "tool": self.name,
            "path": self.path,
            "attempts": self.attempts,
            "errors": list(self.errors),
            "fixes": list(self.fixes),
        }


ToolLike = BaseTool | type[BaseModel]


def tool_schema(tool: ToolLike) -> tuple[str, type[BaseModel]]:
    """Return (name, pydantic args schema) of a LangChain tool or a pydantic class used as a tool."""
    if isinstance(tool, BaseTool):
        schema = tool.args_schema if isinstance(tool.args_schema, type) else tool.get_input_schema()
        if not (isinstance(schema, type) and issubclass(schema, BaseModel)):
            raise TypeError(f"tool {tool.name!r} has no pydantic args schema")
        return tool.name, schema
    if isinstance(tool, type) and issubclass(tool, BaseModel):
        return tool.__name__, tool
    raise TypeError(f"not a tool: {tool!r}")


def invoke_tool_call(
    model: BaseChatModel,
    tools: Sequence[ToolLike],
    messages: Sequence[BaseMessage],
    *,
    agent: str,
    max_reasks: int = 2,
    config: RunnableConfig | None = None,
    tool_choice: str | None = None,
    policy: CallPolicy | None = None,
) -> ToolCallResult:
    """Get one tool call with valid arguments from a chat model.

    Args:
        model: Any LangChain chat model.
        tools: LangChain tools (with pydantic ``args_schema``) or pydantic classes.
        messages: The conversation asking for the call.
        agent: Agent name (run metadata ``agent``, for usage attribution).
        max_reasks: Bound on re-asks after invalid or missing calls (>= 0).
        config: Runnable config to pass through.
        tool_choice: Tool to force; default: the only tool when one is given, else 'any'.
        policy: Timeouts, retries and breaker of each provider request; default: one attempt.

    Returns:
        The validated call.

    Raises:
        StructuredOutputError: no valid call within the bound.
        TransientModelError: provider failure worth retrying (ModelUnavailableError when unreachable).
        ModelConfigError: the provider refused the key or the model name.
    """
    if not tools:
        raise ValueError("invoke_tool_call needs at least one tool")
    if max_reasks < 0:
        raise ValueError(f"max_reasks must be >= 0, got {max_reasks}")
    schemas = dict(tool_schema(t) for t in tools)
    names = ", ".join(schemas)
    if type(model).bind_tools is BaseChatModel.bind_tools:
        if len(schemas) != 1:
            raise StructuredOutputError(
                agent, names, 0, [f"{type(model).__name__} does not support tool calling"]
            )
        ((name, schema),) = schemas.items()
        res = invoke_structured(
            model,
            schema,
            messages,
            agent=agent,
            max_reasks=max_reasks,
            config=config,
            paths=("json_repair",),
            policy=policy,
        )
        return ToolCallResult(name, res.value, "", res.path, res.attempts, res.raw, res.errors, res.fixes)
    choice = tool_choice or (next(iter(schemas)) if len(schemas) == 1 else "any")
    bound = model.bind_tools(list(tools), tool_choice=choice)
    cfg = agent_config(config, agent, "tool_call")
    convo = list(messages)
    calls_made, reasks = 0, 0
    errors: list[str] = []
    while True:
        try:
            if policy is None or policy is SINGLE_ATTEMPT:
                out = bound.invoke(convo, config=cfg)
            else:
                out = call_model(
                    partial(bound.invoke, list(convo), config=cfg),
                    model=model,
                    agent=agent,
                    policy=policy,
                    passthrough=is_context_overflow,
                )
        except Exception as exc:
            if getattr(exc, "exhausted", False):
                raise
            if is_context_overflow(exc) and reasks:
                errors.append("tool_call: context window exceeded while re-asking")
                raise StructuredOutputError(agent, names, calls_made, errors) from exc
            if is_context_overflow(exc):
                raise
            if classify_provider_error(exc) == "unsupported":
                raise StructuredOutputError(
                    agent, names, calls_made, [*errors, f"provider rejected the tool call: {exc}"]
                ) from exc
            translated = translate_fault(exc, model, agent)
            if translated is exc:
                raise
            raise translated from exc
        calls_made += 1
        result, error, feedback = _check(out, schemas)
        if result is not None:
            name, args, call_id, path, fixes = result
            if path == "json_repair":
                errors.append("tool_call: no tool call; the arguments were recovered from the reply text")
            return ToolCallResult(name, args, call_id, path, calls_made, out, list(errors), fixes)
        errors.append(f"tool_call: {error}")
        if reasks >= max_reasks:
            raise StructuredOutputError(agent, names, calls_made, errors, provider=provider_label(model))
        reasks += 1
        convo = [*convo, *feedback]


def _check(out: AIMessage, schemas: dict[str, type[BaseModel]]) -> tuple[Any, str, list[BaseMessage]]:
    """Return ((name, args, id, path, fixes), '', []) on success, else (None, error, feedback messages)."""
    calls = list(out.tool_calls or [])
    invalid = list(out.invalid_tool_calls or [])
    if not calls and not invalid:
        if len(schemas) == 1:
            ((name, schema),) = schemas.items()
            text = out.text if isinstance(out.text, str) else str(out.content)
            parsed = parse_text(schema, text) if text.strip() else None
            if parsed is not None and parsed.value is not None:
                return (name, parsed.value, "", "json_repair", parsed.fixes), "", []
        error = f"no tool call in the reply; call one of: {', '.join(schemas)}"
        return None, error, [out, HumanMessage(content=f"{error}.")]
    first = calls[0] if calls else invalid[0]
    name = first.get("name") or ""
    if name not in schemas:
        error = f"unknown tool {name!r}; available: {', '.join(schemas)}"
        return None, error, tool_feedback(out, error)
    schema = schemas[name]
    args = first.get("args")
    parsed = parse_text(schema, args) if isinstance(args, str) else validate(schema, args or {})
    if parsed.value is not None:
        return (name, parsed.value, first.get("id") or "", "tool_call", parsed.fixes), "", []
    error = parsed.error or "invalid arguments"
    return None, error, tool_feedback(out, error)
