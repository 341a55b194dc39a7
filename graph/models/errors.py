"""Errors of the model layer, and the one place provider exceptions are classified.

Every provider SDK raises its own exception types; LangChain integrations also raise the
``langchain_core.exceptions.ModelError`` family. ``classify_provider_error`` maps all of them to
what the caller must do: retry later (transient), stop and fix the configuration, or give up on
a structured-output path the provider does not support.
"""

from __future__ import annotations

import builtins
from typing import Literal

ErrorKind = Literal["unavailable", "transient", "config", "unsupported", "other"]
"""How a provider exception is handled (see ``classify_provider_error``)."""


class ModelConfigError(ValueError):
    """A model spec or its setup is wrong; the one-line message names the problem and the fix."""


class TransientModelError(RuntimeError):
    """A provider call failed for a reason that may pass (5xx, rate limit, timeout, connection).

    The graph's ``RetryPolicy`` retries this type; the structured-output chain never counts it as
    a re-ask.
    """


class ModelUnavailableError(TransientModelError):
    """The provider could not be reached at all (connection refused, DNS failure, timeout).

    Attributes:
        url: Endpoint that was tried, or None when the provider's default endpoint was used.
    """

    def __init__(self, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class StructuredOutputError(ValueError):
    """The model gave no output that validates against the schema within the re-ask bound.

    Attributes:
        agent: Agent that asked.
        schema_name: Name of the target schema (or tool).
        attempts: Model calls made.
        errors: What went wrong at each attempt, in order.
    """

    def __init__(self, agent: str, schema_name: str, attempts: int, errors: list[str]) -> None:
        last = errors[-1] if errors else "no output"
        super().__init__(
            f"{agent}: no valid {schema_name} from the model after {attempts} call(s); last error: {last}"
        )
        self.agent = agent
        self.schema_name = schema_name
        self.attempts = attempts
        self.errors = list(errors)


_UNAVAILABLE_NAMES = ("ConnectError", "ConnectionError", "APIConnectionError", "ConnectTimeout", "gaierror")
_TIMEOUT_NAMES = ("Timeout", "TimeoutError", "ReadTimeout", "APITimeoutError")


def _status_code(exc: BaseException) -> int | None:
    for attr in ("status_code", "http_status", "code"):
        value = getattr(exc, attr, None)
        if isinstance(value, int) and 100 <= value < 600:
            return value
    response = getattr(exc, "response", None)
    value = getattr(response, "status_code", None)
    return value if isinstance(value, int) else None


def classify_provider_error(exc: BaseException) -> ErrorKind:
    """Classify an exception raised by a chat-model call.

    Args:
        exc: The exception.

    Returns:
        ``unavailable`` (cannot connect), ``transient`` (5xx, 429, timeout: retry later),
        ``config`` (401/403/404: bad key or model name), ``unsupported`` (400/422 or a method the
        integration lacks: try another structured-output path), or ``other``.
    """
    if isinstance(exc, TransientModelError):
        return "unavailable" if isinstance(exc, ModelUnavailableError) else "transient"
    if isinstance(exc, ModelConfigError):
        return "config"
    if isinstance(exc, NotImplementedError):
        return "unsupported"
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names & {"ModelConnectionError", *(_UNAVAILABLE_NAMES)} or isinstance(exc, builtins.ConnectionError):
        # openai.APITimeoutError subclasses APIConnectionError: a timeout is transient, not "down".
        if any(n in names for n in ("ModelTimeoutError", *_TIMEOUT_NAMES)) and "ConnectTimeout" not in names:
            return "transient"
        return "unavailable"
    if names & {"ModelTimeoutError", "ModelRateLimitError", "ModelAPIError", *_TIMEOUT_NAMES}:
        return "transient"
    if isinstance(exc, builtins.TimeoutError):
        return "transient"
    status = _status_code(exc)
    if status is not None:
        if status == 429 or status >= 500 or status == 408:
            return "transient"
        if status in (401, 403, 404):
            return "config"
        if status in (400, 422):
            return "unsupported"
    if names & {"ModelAuthenticationError", "ModelPermissionDeniedError", "ModelNotFoundError"}:
        return "config"
    if names & {"ModelInvalidRequestError"}:
        return "unsupported"
    return "other"


def endpoint_of(model: object) -> str | None:
    """Return the base URL a chat model talks to, when it exposes one."""
    for attr in ("openai_api_base", "base_url", "anthropic_api_url", "endpoint"):
        value = getattr(model, attr, None)
        if isinstance(value, str) and value:
            return value
    return None


def translate_provider_error(exc: BaseException, model: object, *, agent: str | None = None) -> BaseException:
    """Turn a provider exception into the model layer's error types, or return it unchanged.

    Args:
        exc: Exception raised by the provider call.
        model: The chat model that was called (for the endpoint in messages).
        agent: Agent that made the call, named in the message when given.

    Returns:
        ``ModelUnavailableError`` / ``TransientModelError`` / ``ModelConfigError`` chained to the
        original, or ``exc`` itself for anything else (including ``unsupported``).
    """
    kind = classify_provider_error(exc)
    if isinstance(exc, TransientModelError | ModelConfigError):
        return exc
    url = endpoint_of(model)
    where = url or "the provider's default endpoint"
    who = f"{agent}: " if agent else ""
    detail = _one_line(exc)
    if kind == "unavailable":
        return ModelUnavailableError(f"{who}provider unreachable at {where} ({detail})", url=url)
    if kind == "transient":
        return TransientModelError(f"{who}provider error at {where}, retry later ({detail})")
    if kind == "config":
        status = _status_code(exc)
        hint = {401: "check the API key", 403: "check the key's permissions", 404: "check the model name"}.get(
            status or 0, "check the model spec and API key"
        )
        return ModelConfigError(f"{who}provider at {where} refused the request ({detail}): {hint}")
    return exc


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    first = first[:200]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__
