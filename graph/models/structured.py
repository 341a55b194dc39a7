"""Structured output that works on every provider: native schema -> tool call -> JSON + repair.

``invoke_structured`` tries the provider's native JSON-schema mode, then a forced tool call, then
a plain prompt carrying the JSON schema whose answer is extracted and repaired. A reply that does
not validate is sent back with the validation errors (a re-ask), bounded by ``max_reasks`` over
the whole call. Provider failures (connection, 5xx, rate limit) are never counted as re-asks: they
are raised as ``TransientModelError``/``ModelUnavailableError`` for the graph's RetryPolicy.

The path that worked is remembered per (provider, model) for the process, so later calls start
there, and it is returned in the result so callers record it in their events.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, Literal, TypeVar

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from pydantic import BaseModel, ValidationError

from graph.models.errors import (
    ProviderFaultError,
    StructuredOutputError,
    classify_fault,
    classify_provider_error,
    endpoint_of,
    provider_label,
    translate_provider_error,
)
from graph.models.repair import JSONRepairError, parse_json_object
from graph.models.resilience import SINGLE_ATTEMPT, CallPolicy, call_model
from graph.models.schema_prompt import PLACEHOLDER, json_instruction, placeholder_fields

T = TypeVar("T", bound=BaseModel)
StructuredPath = Literal["native", "tool_call", "json_repair"]
PATHS: tuple[StructuredPath, ...] = ("native", "tool_call", "json_repair")
"""Every structured-output path, in fallback order."""


@dataclass
class StructuredResult(Generic[T]):
    """A validated value and how it was obtained.

    Attributes:
        value: The validated schema instance.
        path: Path that produced it ('native', 'tool_call' or 'json_repair').
        attempts: Model calls made in total (all paths, re-asks included).
        raw: The model message the value came from.
        errors: What failed before success (one line per failed attempt or skipped path).
        fixes: JSON repairs applied to the winning reply (e.g. 'fence', 'trailing_comma').
    """

    value: T
    path: StructuredPath
    attempts: int
    raw: AIMessage | None
    errors: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)

    def event_payload(self) -> dict[str, Any]:
        """Return the JSON-safe facts to record in an event (path, attempts, errors, fixes)."""
        return {
            "path": self.path,
            "attempts": self.attempts,
            "errors": list(self.errors),
            "fixes": list(self.fixes),
        }


class PathCache:
    """Thread-safe process cache: (provider, model) -> the structured path that last worked."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: dict[tuple[str, str], StructuredPath] = {}

    def get(self, key: tuple[str, str]) -> StructuredPath | None:
        """Return the remembered path for a model key, if any."""
        with self._lock:
            return self._paths.get(key)

    def set(self, key: tuple[str, str], path: StructuredPath) -> None:
        """Remember the path that worked for a model key."""
        with self._lock:
            self._paths[key] = path

    def clear(self) -> None:
        """Forget every remembered path."""
        with self._lock:
            self._paths.clear()

    def snapshot(self) -> dict[str, StructuredPath]:
        """Return the cache as {'provider/model': path}."""
        with self._lock:
            return {f"{p}/{m}": path for (p, m), path in self._paths.items()}


PATH_CACHE = PathCache()
"""The process-wide path cache used by ``invoke_structured``."""


def model_key(model: BaseChatModel) -> tuple[str, str]:
    """Return the (provider, model) key of a chat model; the provider includes its endpoint if any."""
    try:
        params = dict(model._get_ls_params())
    except Exception:  # a model whose ls params need call-time kwargs
        params = {}
    provider = str(params.get("ls_provider") or type(model).__name__)
    name = str(
        params.get("ls_model_name")
        or getattr(model, "model_name", None)
        or getattr(model, "model", "")
        or "default"
    )
    url = endpoint_of(model)
    return (f"{provider}@{url}" if url else provider, name)


def format_validation_error(exc: ValidationError) -> str:
    """Return a pydantic validation error as 'loc: message' items joined by '; '."""
    items = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ())) or "<root>"
        items.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(items)


@dataclass
class _Run:
    """Mutable bookkeeping of one structured call."""

    agent: str
    max_reasks: int
    policy: CallPolicy = SINGLE_ATTEMPT
    schema_name: str = ""
    calls: int = 0
    reasks: int = 0
    errors: list[str] = field(default_factory=list)

    def can_reask(self) -> bool:
        return self.reasks < self.max_reasks


@dataclass
class _Parsed:
    value: BaseModel | None
    error: str | None = None
    fixes: list[str] = field(default_factory=list)


def invoke_structured(
    model: BaseChatModel,
    schema: type[T],
    messages: Sequence[BaseMessage],
    *,
    agent: str,
    max_reasks: int = 2,
    config: RunnableConfig | None = None,
    paths: Sequence[StructuredPath] | None = None,
    policy: CallPolicy | None = None,
) -> StructuredResult[T]:
    """Ask a chat model for an instance of ``schema``, falling back across paths.

    Args:
        model: Any LangChain chat model.
        schema: Pydantic model the reply must validate against.
        messages: The conversation (system + human messages) asking for the value.
        agent: Agent name; put in the run metadata (``metadata.agent``) so usage is attributed.
        max_reasks: Bound on re-asks after invalid replies, over the whole call (>= 0).
        config: Runnable config (callbacks, metadata) to pass through.
        paths: Paths to try, in order; default: from the cached path for this model onwards.
        policy: Timeouts, retries and breaker of each provider request (``call_model``); default: one attempt,
            the caller retries.

    Returns:
        The validated value, the path that produced it, the number of calls and earlier errors.

    Raises:
        StructuredOutputError: no path produced a valid value within the bound.
        TransientModelError: provider failure worth retrying (ModelUnavailableError when unreachable).
        ModelConfigError: the provider refused the key or the model name.
    """
    if max_reasks < 0:
        raise ValueError(f"max_reasks must be >= 0, got {max_reasks}")
    key = model_key(model)
    order = tuple(paths) if paths else _order_from(PATH_CACHE.get(key))
    run = _Run(
        agent=agent, max_reasks=max_reasks, policy=policy or SINGLE_ATTEMPT, schema_name=schema.__name__
    )
    for path in order:
        result = _RUNNERS[path](model, schema, list(messages), run, config)
        if result is not None:
            PATH_CACHE.set(key, result.path)
            return result
    raise StructuredOutputError(agent, schema.__name__, run.calls, run.errors, provider=provider_label(model))


def _order_from(cached: StructuredPath | None) -> tuple[StructuredPath, ...]:
    return PATHS[PATHS.index(cached) :] if cached else PATHS


def agent_config(config: RunnableConfig | None, agent: str, path: str) -> RunnableConfig:
    """Return ``config`` with the agent and structured path added to its metadata and tags."""
    merged: dict[str, Any] = dict(config or {})
    merged["metadata"] = {**(merged.get("metadata") or {}), "agent": agent, "structured_path": path}
    tags = list(merged.get("tags") or [])
    merged["tags"] = tags + [t for t in (f"agent:{agent}",) if t not in tags]
    return merged  # type: ignore[return-value]


def _call(
    run: _Run, model: BaseChatModel, fn: Callable[[], Any], path: str, reasking: bool
) -> tuple[bool, Any]:
    """Run one model call; provider errors are raised (translated) or end the path.

    A path ends (returns ``(False, None)``) when the provider rejects the request form it uses, or
    when a re-ask overflows the context window (the conversation grew by our own re-asks).
    """
    try:
        if run.policy is SINGLE_ATTEMPT:
            out = fn()
        else:
            out = call_model(
                fn,
                model=model,
                agent=run.agent,
                policy=run.policy,
                passthrough=lambda exc: (
                    is_context_overflow(exc)
                    or _rejects_feature(exc, path)
                    or is_invalid_answer(exc, run.schema_name)
                ),
            )
    except Exception as exc:
        if is_invalid_answer(exc, run.schema_name):
            # The provider parsed the model's answer against the schema and it did not validate: an invalid
            # reply (re-ask), not a provider fault.
            run.calls += 1
            return True, {"raw": None, "parsed": None, "parsing_error": exc}
        if getattr(exc, "exhausted", False):
            raise
        if is_context_overflow(exc):
            if not reasking:
                raise  # the caller's prompt does not fit: no other path or re-ask can help
            run.errors.append(f"{path}: context window exceeded while re-asking; giving up on this path")
            return False, None
        kind = classify_provider_error(exc)
        if kind == "transient" and _rejects_feature(exc, path):
            kind = "unsupported"  # e.g. llama.cpp's server answers 500 to an unknown response_format type
        if kind == "unsupported" and path != "json_repair":
            run.errors.append(
                f"{path}: not supported by the provider ({type(exc).__name__}: {str(exc)[:160]})"
            )
            return False, None
        translated = translate_fault(exc, model, run.agent)
        if translated is exc:
            raise
        raise translated from exc
    run.calls += 1
    return True, out


def translate_fault(exc: BaseException, model: BaseChatModel, agent: str) -> BaseException:
    """``translate_provider_error``, plus malformed replies (invalid JSON, no choices) as ``ProviderFaultError``."""
    translated = translate_provider_error(exc, model, agent=agent)
    if translated is not exc:
        return translated
    fault = classify_fault(exc, model)
    if fault is not None and fault.kind == "protocol":
        return ProviderFaultError(
            f"{agent}: provider {provider_label(model)} failed: {fault.detail}", kind="protocol"
        )
    return exc


_FEATURE_WORDS: dict[str, tuple[str, ...]] = {
    "native": ("response_format", "json_schema"),
    "tool_call": ("tool_choice", "tools", "function"),
}


def is_invalid_answer(exc: BaseException, schema_name: str) -> bool:
    """True when a provider SDK validated the model's answer against the requested schema and it failed."""
    return bool(schema_name) and isinstance(exc, ValidationError) and exc.title == schema_name


def is_context_overflow(exc: BaseException) -> bool:
    """True when the provider refused the request because it exceeds the context window."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return "ContextOverflowError" in names or "context_length_exceeded" in str(exc)


def _rejects_feature(exc: BaseException, path: str) -> bool:
    """True when a 5xx names the request field this path relies on (a server rejecting the field)."""
    text = str(exc).lower()
    words = _FEATURE_WORDS.get(path, ())
    return any(w in text for w in words) and any(
        w in text for w in ("validation", "unsupported", "not supported", "invalid")
    )


def validate(schema: type[T], value: Any) -> _Parsed:
    """Validate a decoded JSON value, unwrapping the usual wrappers ({'Schema': {...}}, {'properties': ...})."""
    try:
        return _Parsed(schema.model_validate(value))
    except ValidationError as exc:
        first_error = format_validation_error(exc)
    if isinstance(value, dict):
        inner = None
        if len(value) == 1 and isinstance(next(iter(value.values())), dict):
            inner = next(iter(value.values()))
        elif isinstance(value.get("properties"), dict) and set(value) <= {
            "properties",
            "type",
            "title",
            "required",
        }:
            inner = value["properties"]
        if inner is not None:
            try:
                return _Parsed(schema.model_validate(inner), fixes=["unwrapped"])
            except ValidationError:
                pass
    return _Parsed(None, error=first_error)


def parse_text(schema: type[T], text: str) -> _Parsed:
    """Extract, repair and validate a JSON object from free text."""
    try:
        repaired = parse_json_object(text)
    except JSONRepairError as exc:
        return _Parsed(None, error=str(exc))
    parsed = validate(schema, repaired.value)
    parsed.fixes = repaired.fixes + parsed.fixes
    return parsed


def _reask_text(error: str) -> str:
    return (
        f"Your previous reply did not validate: {error}. "
        "Reply again with only the corrected JSON object, no prose."
    )


def _native(
    model: BaseChatModel, schema: type[T], convo: list[BaseMessage], run: _Run, config: RunnableConfig | None
) -> StructuredResult[T] | None:
    if type(model).with_structured_output is BaseChatModel.with_structured_output:
        run.errors.append(f"native: {type(model).__name__} has no native structured output")
        return None
    try:
        runnable = model.with_structured_output(schema, method="json_schema", include_raw=True)
    except (NotImplementedError, ValueError, TypeError) as exc:
        run.errors.append(f"native: not supported ({exc})")
        return None
    cfg = agent_config(config, run.agent, "native")
    first = convo
    while True:
        ok, out = _call(
            run, model, partial(runnable.invoke, list(convo), config=cfg), "native", convo is not first
        )
        if not ok:
            return None
        raw = out.get("raw") if isinstance(out, dict) else None
        parsed_value = out.get("parsed") if isinstance(out, dict) else None
        if isinstance(parsed_value, schema):
            return StructuredResult(parsed_value, "native", run.calls, raw, list(run.errors))
        text = _text(raw)
        parsed = parse_text(schema, text) if text.strip() else _Parsed(None, error="empty reply")
        if parsed.value is not None:
            return StructuredResult(parsed.value, "native", run.calls, raw, list(run.errors), parsed.fixes)  # type: ignore[arg-type]
        parsing_error = out.get("parsing_error") if isinstance(out, dict) else None
        error = _describe_parsing_error(parsing_error) or parsed.error or "invalid reply"
        run.errors.append(f"native: {error}")
        if not run.can_reask():
            return None
        run.reasks += 1
        convo = [*convo, AIMessage(content=_clip(text) or "{}"), HumanMessage(content=_reask_text(error))]


def _tool_call(
    model: BaseChatModel, schema: type[T], convo: list[BaseMessage], run: _Run, config: RunnableConfig | None
) -> StructuredResult[T] | None:
    if type(model).bind_tools is BaseChatModel.bind_tools:
        run.errors.append(f"tool_call: {type(model).__name__} does not support tool calling")
        return None
    try:
        runnable = model.with_structured_output(schema, method="function_calling", include_raw=True)
    except (NotImplementedError, ValueError, TypeError) as exc:
        run.errors.append(f"tool_call: not supported ({exc})")
        return None
    cfg = agent_config(config, run.agent, "tool_call")
    first = convo
    while True:
        ok, out = _call(
            run, model, partial(runnable.invoke, list(convo), config=cfg), "tool_call", convo is not first
        )
        if not ok:
            return None
        raw = out.get("raw") if isinstance(out, dict) else None
        parsed_value = out.get("parsed") if isinstance(out, dict) else None
        if isinstance(parsed_value, schema):
            return StructuredResult(parsed_value, "tool_call", run.calls, raw, list(run.errors))
        calls = list(getattr(raw, "tool_calls", None) or [])
        invalid = list(getattr(raw, "invalid_tool_calls", None) or [])
        if not calls and not invalid:
            # The model ignored the tool and answered in text: use the text if it holds the value.
            text = _text(raw)
            parsed = parse_text(schema, text) if text.strip() else _Parsed(None, error="empty reply")
            if parsed.value is not None:
                run.errors.append("tool_call: no tool call; the value was recovered from the reply text")
                return StructuredResult(
                    parsed.value,  # type: ignore[arg-type]
                    "json_repair",
                    run.calls,
                    raw,
                    list(run.errors),
                    parsed.fixes,
                )
            run.errors.append("tool_call: the model answered without calling the tool")
            return None
        parsed = _parse_tool_args(schema, calls, invalid)
        if parsed.value is not None:
            return StructuredResult(parsed.value, "tool_call", run.calls, raw, list(run.errors), parsed.fixes)  # type: ignore[arg-type]
        error = parsed.error or _describe_parsing_error(out.get("parsing_error")) or "invalid tool arguments"
        run.errors.append(f"tool_call: {error}")
        if not run.can_reask():
            return None
        run.reasks += 1
        convo = [*convo, *tool_feedback(raw, error)]


def _json_repair(
    model: BaseChatModel, schema: type[T], convo: list[BaseMessage], run: _Run, config: RunnableConfig | None
) -> StructuredResult[T] | None:
    cfg = agent_config(config, run.agent, "json_repair")
    convo = [*convo, HumanMessage(content=json_instruction(schema))]
    first = convo
    while True:
        ok, out = _call(
            run, model, partial(model.invoke, list(convo), config=cfg), "json_repair", convo is not first
        )
        if not ok:
            return None
        text = _text(out)
        parsed = parse_text(schema, text) if text.strip() else _Parsed(None, error="empty reply")
        copied = placeholder_fields(parsed.value) if parsed.value is not None else []
        if copied:
            parsed = _Parsed(
                None,
                error=f"fields still hold the placeholder {PLACEHOLDER!r}: {', '.join(copied)}; write real values",
            )
        if parsed.value is not None:
            return StructuredResult(
                parsed.value,  # type: ignore[arg-type]
                "json_repair",
                run.calls,
                out,
                list(run.errors),
                parsed.fixes,
            )
        run.errors.append(f"json_repair: {parsed.error}")
        if not run.can_reask():
            return None
        run.reasks += 1
        convo = [
            *convo,
            AIMessage(content=_clip(text)),
            HumanMessage(content=_reask_text(parsed.error or "invalid")),
        ]


_RUNNERS: dict[StructuredPath, Callable[..., StructuredResult[Any] | None]] = {
    "native": _native,
    "tool_call": _tool_call,
    "json_repair": _json_repair,
}


def tool_feedback(raw: AIMessage | None, error: str) -> list[BaseMessage]:
    """Return the messages that send a tool-argument error back: the AI turn plus one ToolMessage per call."""
    if raw is None:
        return [HumanMessage(content=_reask_text(error))]
    ids = [c.get("id") for c in (raw.tool_calls or [])] + [
        c.get("id") for c in (raw.invalid_tool_calls or [])
    ]
    ids = [i for i in ids if i]
    if not ids:
        return [raw, HumanMessage(content=_reask_text(error))]
    text = f"Error: {error}. Call the tool again with corrected arguments."
    if not _text(raw).strip():
        # Some OpenAI-compatible servers (llama-cpp-python's) reject an assistant turn whose content
        # is null, which is how an empty tool-call turn is serialized; give it a neutral text.
        names = [
            c.get("name") or "the tool" for c in [*(raw.tool_calls or []), *(raw.invalid_tool_calls or [])]
        ]
        raw = raw.model_copy(update={"content": f"Calling {', '.join(dict.fromkeys(names))}."})
    return [raw, *(ToolMessage(content=text, tool_call_id=i, status="error") for i in ids)]


def _parse_tool_args(schema: type[T], calls: list[Any], invalid: list[Any]) -> _Parsed:
    errors = []
    for call in calls:
        parsed = validate(schema, call.get("args") or {})
        if parsed.value is not None:
            return parsed
        errors.append(parsed.error or "invalid")
    for call in invalid:
        args = call.get("args")
        if isinstance(args, str):
            parsed = parse_text(schema, args)
            if parsed.value is not None:
                return parsed
            errors.append(parsed.error or "invalid")
    return _Parsed(None, error=errors[0] if errors else "no tool arguments")


def _describe_parsing_error(exc: object) -> str | None:
    if exc is None:
        return None
    if isinstance(exc, ValidationError):
        return format_validation_error(exc)
    cause = getattr(exc, "__cause__", None)
    if isinstance(cause, ValidationError):
        return format_validation_error(cause)
    return f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"


REASK_ECHO_CHARS = 2000
"""An invalid reply is echoed back in a re-ask clipped to this many characters (rambling small models)."""


def _clip(text: str) -> str:
    return text if len(text) <= REASK_ECHO_CHARS else text[:REASK_ECHO_CHARS] + " ..."


def _text(message: object) -> str:
    if message is None:
        return ""
    content = getattr(message, "content", "")
    if isinstance(content, str):
        return content
    parts = []
    for block in content or []:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)
