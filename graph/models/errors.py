"""Errors of the model layer, and the one place provider exceptions are classified.

Every provider SDK raises its own exception types; LangChain integrations also raise the
``langchain_core.exceptions.ModelError`` family. ``classify_provider_error`` maps all of them to
what the caller must do: retry later (transient), stop and fix the configuration, or give up on
a structured-output path the provider does not support.
"""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal

from pydantic import ValidationError

ErrorKind = Literal["unavailable", "transient", "config", "unsupported", "other"]
"""How a provider exception is handled (see ``classify_provider_error``)."""


class ModelConfigError(ValueError):
    """A model spec or its setup is wrong; the one-line message names the problem and the fix."""


class TransientModelError(RuntimeError):
    """A provider call failed for a reason that may pass (5xx, rate limit, timeout, connection).

    The graph's ``RetryPolicy`` retries this type unless ``exhausted`` is set (the model layer already retried
    it under its ``CallPolicy``); the structured-output chain never counts it as a re-ask.

    Attributes:
        exhausted: True when retries, the run deadline or the provider's breaker are spent: do not retry again.
        attempts: Requests made for the call that failed (0 when unknown).
    """

    exhausted: bool = False
    attempts: int = 0


class ModelUnavailableError(TransientModelError):
    """The provider could not be reached at all (connection refused, DNS failure, timeout).

    Attributes:
        url: Endpoint that was tried, or None when the provider's default endpoint was used.
    """

    def __init__(self, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class ProviderFaultError(TransientModelError):
    """A provider fault (HTTP 5xx or 429, timeout, or a malformed reply) that outlived the retries.

    Attributes:
        kind: 'transient' (5xx, 429, timeout) or 'protocol' (a reply that is not a valid chat completion).
    """

    def __init__(self, message: str, kind: str = "transient") -> None:
        super().__init__(message)
        self.kind = kind


class StructuredOutputError(ValueError):
    """The model gave no output that validates against the schema within the re-ask bound.

    Attributes:
        agent: Agent that asked.
        schema_name: Name of the target schema (or tool).
        attempts: Model calls made.
        errors: What went wrong at each attempt, in order.
    """

    def __init__(
        self, agent: str, schema_name: str, attempts: int, errors: list[str], *, provider: str | None = None
    ) -> None:
        last = " ".join((errors[-1] if errors else "no output").split())[:300]
        to = f" to {provider}" if provider else ""
        super().__init__(
            f"{agent}: no valid {schema_name} from the model after {attempts} call(s){to}; last error: {last}"
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
        hint = {
            401: "check the API key",
            403: "check the key's permissions",
            404: "check the model name",
        }.get(status or 0, "check the model spec and API key")
        return ModelConfigError(f"{who}provider at {where} refused the request ({detail}): {hint}")
    return exc


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    first = first[:200]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


@dataclass(frozen=True)
class Fault:
    """A classified provider fault.

    Attributes:
        kind: 'unavailable' (cannot connect or the connection broke), 'transient' (5xx, 429, timeout) or
            'protocol' (the reply is not a valid chat completion: invalid JSON, no choices, wrong shape).
        transient: Worth retrying.
        detail: One line saying what was wrong.
        retry_after: Seconds the provider asked to wait (429/503 ``Retry-After``), if it said.
        url: Endpoint called, when known.
    """

    kind: str
    transient: bool
    detail: str
    retry_after: float | None = None
    url: str | None = None


_PROTOCOL_TYPES: tuple[type[BaseException], ...] = (
    json.JSONDecodeError,
    IndexError,
    KeyError,
    AttributeError,
    TypeError,
    ValidationError,
)
"""What a provider integration raises on a reply that is not a valid chat completion."""
_PROTOCOL_NAMES = ("APIResponseValidationError", "RemoteProtocolError", "IncompleteRead", "DecodingError")


def provider_label(model: object) -> str:
    """'provider at URL' (or 'provider' for a default endpoint) naming the provider a model talks to."""
    name = ""
    try:
        name = str(dict(model._get_ls_params()).get("ls_provider") or "")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - models whose ls params need call-time kwargs
        name = ""
    name = name or type(model).__name__
    url = endpoint_of(model)
    return f"{name} at {url}" if url else name


def _is_integration(model: object) -> bool:
    """True for a provider integration (langchain_openai, langchain_anthropic, ...) or any model with an endpoint."""
    return type(model).__module__.split(".")[0].startswith("langchain_") or endpoint_of(model) is not None


def retry_after_of(exc: BaseException) -> float | None:
    """Seconds a provider asked to wait (``Retry-After`` / ``retry-after-ms`` of the error's response)."""
    headers = getattr(getattr(exc, "response", None), "headers", None)
    if headers is None:
        return None
    try:
        ms = headers.get("retry-after-ms")
        if ms:
            return max(0.0, float(ms) / 1000)
        raw = headers.get("retry-after")
    except Exception:  # noqa: BLE001 - a headers object we do not know
        return None
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(str(raw)) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


def describe(exc: BaseException) -> str:
    """One line: the exception and, when it wraps another, the innermost cause (what really went wrong)."""
    text = _one_line(exc)
    root = exc
    seen = {id(exc)}
    while True:
        nxt = root.__cause__ or root.__context__
        if nxt is None or id(nxt) in seen:
            break
        seen.add(id(nxt))
        root = nxt
    if root is not exc:
        inner = _one_line(root)
        if inner not in text:
            text = f"{text} <- {inner}"
    return " ".join(text.split())[:400]


def classify_fault(exc: BaseException, model: object) -> Fault | None:
    """Classify an exception from one provider request; None when it is not a provider fault.

    Transport and protocol faults are transient. Configuration errors (401/403/404), requests the provider
    does not support (400/422) and anything raised by Liftoff's own code are not faults of the provider: the
    caller handles them (translate, try another path, or let the bug surface).
    """
    url = endpoint_of(model)
    if isinstance(exc, TransientModelError):
        kind = "unavailable" if isinstance(exc, ModelUnavailableError) else getattr(exc, "kind", "transient")
        return Fault(kind, True, describe(exc), retry_after_of(exc), url)
    kind = classify_provider_error(exc)
    status = _status_code(exc)
    if kind == "unavailable":
        return Fault("unavailable", True, f"connection failed ({describe(exc)})", None, url)
    if kind == "transient":
        if status == 429:
            after = retry_after_of(exc)
            said = f", Retry-After {after:g}s" if after is not None else ""
            return Fault("transient", True, f"rate limited (HTTP 429{said})", after, url)
        if status is not None:
            return Fault("transient", True, f"HTTP {status} ({_body_message(exc)})", retry_after_of(exc), url)
        return Fault("transient", True, f"no reply in time ({describe(exc)})", None, url)
    names = {cls.__name__ for cls in type(exc).__mro__}
    if _is_integration(model) and (isinstance(exc, _PROTOCOL_TYPES) or names & set(_PROTOCOL_NAMES)):
        return Fault(
            "protocol", True, f"malformed reply, not a valid chat completion ({describe(exc)})", None, url
        )
    return None


def _body_message(exc: BaseException) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])[:160]
        if isinstance(body.get("message"), str):
            return str(body["message"])[:160]
    return _one_line(exc)[:160]
