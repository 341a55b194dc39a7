"""The one place model specs are resolved into LangChain chat models.

Spec forms:

- ``offline``: Liftoff's deterministic rules engine (not an LLM; no network, no key).
- ``provider:model``: any provider ``langchain.chat_models.init_chat_model`` knows
  (``openai:gpt-4o-mini``, ``anthropic:claude-3-5-haiku-latest``, ``ollama:llama3.1:8b``, ...).
- With ``base_url`` (``OPENAI_BASE_URL``): ``openai:<model>`` or a bare ``<model>`` talks to that
  OpenAI-compatible server (llama.cpp, vLLM, LM Studio, Ollama's /v1, OpenAI itself).
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import os
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from langchain.chat_models import base, init_chat_model
from langchain_core.language_models.chat_models import BaseChatModel

from graph.models.errors import ModelConfigError, ModelUnavailableError, endpoint_of
from graph.models.offline import OfflineChatModel

OFFLINE_SPEC = "offline"
LOCAL_API_KEY = "not-needed"
"""Dummy key sent to OpenAI-compatible servers that need none (the client insists on one)."""

PROVIDER_KEY_ENV: dict[str, str] = {
    "anthropic": "ANTHROPIC_API_KEY",
    "cohere": "COHERE_API_KEY",
    "deepseek": "DEEPSEEK_API_KEY",
    "fireworks": "FIREWORKS_API_KEY",
    "google_genai": "GOOGLE_API_KEY",
    "groq": "GROQ_API_KEY",
    "mistralai": "MISTRAL_API_KEY",
    "openai": "OPENAI_API_KEY",
    "openrouter": "OPENROUTER_API_KEY",
    "perplexity": "PPLX_API_KEY",
    "together": "TOGETHER_API_KEY",
    "xai": "XAI_API_KEY",
}
"""Environment variable each provider's integration reads its key from (named in error messages)."""

_ALIASES = {
    "google": "google_genai",
    "gemini": "google_genai",
    "mistral": "mistralai",
    "azure": "azure_openai",
}
"""Short names users type for a provider -> the key LangChain spells it with."""


@functools.cache
def provider_packages() -> dict[str, str]:
    """LangChain's own provider list: provider key -> pip package of its integration.

    Read from ``langchain.chat_models.base`` (the table ``init_chat_model`` dispatches on), so a
    provider LangChain supports is never missing here. Loaded on first use, not at import.
    """
    table = getattr(base, "_BUILTIN_PROVIDERS", None) or getattr(base, "_SUPPORTED_PROVIDERS", None)
    if not table:
        raise ModelConfigError(
            "cannot read the provider list from langchain.chat_models.base: "
            "install a langchain version the project supports (see pyproject.toml)"
        )
    # langchain>=1.1 maps provider -> (module, class, factory); earlier 1.x kept a set of names
    # whose integration module is langchain_<provider>.
    entries: dict[str, Any] = table if isinstance(table, dict) else dict.fromkeys(table)
    return {
        provider: (entry[0] if isinstance(entry, tuple) else f"langchain_{provider}")
        .split(".", 1)[0]
        .replace("_", "-")
        for provider, entry in entries.items()
    }


def provider_key(provider: str, *, spec: str | None = None) -> str:
    """The provider key a ``provider:model`` prefix names (case, dashes and aliases folded).

    Args:
        provider: The prefix as typed ('OpenAI', 'google-genai', 'mistral', ...).
        spec: The whole spec, named in the error message when given.

    Raises:
        ModelConfigError: for a provider LangChain does not know: "did you mean" the closest
            known keys (difflib), else the list of known keys.
    """
    key = provider.strip().lower().replace("-", "_")
    key = _ALIASES.get(key, key)
    known = provider_packages()
    if key in known:
        return key
    where = f" in {spec!r}" if spec else ""
    close = difflib.get_close_matches(key, sorted({*known, *_ALIASES}), n=3, cutoff=0.6)
    if close:
        guesses = " or ".join(repr(name) for name in dict.fromkeys(_ALIASES.get(c, c) for c in close))
        raise ModelConfigError(f"unknown model provider {provider.strip()!r}{where}: did you mean {guesses}?")
    raise ModelConfigError(
        f"unknown model provider {provider.strip()!r}{where}: use one of {', '.join(sorted(known))}, or 'offline'"
    )


@dataclass(frozen=True)
class ModelInfo:
    """What a model spec names, without creating the model.

    Attributes:
        spec: The spec as given (stripped).
        provider: Provider key ('offline', 'openai', 'anthropic', ...).
        name: Model name at the provider ('offline' for the rules engine).
        is_llm: False for the offline rules engine, True for every real model.
        base_url: OpenAI-compatible endpoint the model talks to, if one was given.
    """

    spec: str
    provider: str
    name: str
    is_llm: bool
    base_url: str | None = None


def describe_model(spec: str, *, base_url: str | None = None) -> ModelInfo:
    """Parse a model spec into provider and model name.

    Args:
        spec: 'offline', 'provider:model', or a bare model name (needs ``base_url``).
        base_url: OpenAI-compatible server URL (``OPENAI_BASE_URL``), if any.

    Returns:
        The parsed ``ModelInfo``.

    Raises:
        ModelConfigError: when the spec is empty, malformed or names an unknown provider.
    """
    text = (spec or "").strip()
    if not text:
        raise ModelConfigError(
            "empty model spec: use 'offline' or 'provider:model' (e.g. openai:gpt-4o-mini)"
        )
    if text.lower() == OFFLINE_SPEC:
        return ModelInfo(spec=text, provider=OFFLINE_SPEC, name=OFFLINE_SPEC, is_llm=False)
    if any(ch.isspace() for ch in text):
        raise ModelConfigError(f"malformed model spec {text!r}: no spaces allowed; use 'provider:model'")
    if base_url:
        _check_url(base_url)
    provider, sep, name = text.partition(":")
    if not sep:
        if base_url:
            return ModelInfo(spec=text, provider="openai", name=text, is_llm=True, base_url=base_url)
        raise ModelConfigError(
            f"model spec {text!r} has no provider: use 'provider:model' (e.g. openai:{text}) "
            "or set OPENAI_BASE_URL for an OpenAI-compatible server"
        )
    name = name.strip()
    if not provider.strip() or not name:
        raise ModelConfigError(
            f"malformed model spec {text!r}: expected 'provider:model' (e.g. openai:gpt-4o-mini)"
        )
    if provider.strip().lower() == OFFLINE_SPEC:
        raise ModelConfigError(f"malformed model spec {text!r}: the offline engine is spelled just 'offline'")
    provider = provider_key(provider, spec=text)
    return ModelInfo(
        spec=text,
        provider=provider,
        name=name,
        is_llm=True,
        base_url=base_url if provider == "openai" and base_url else None,
    )


def resolve_model(
    spec: str,
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    temperature: float = 0.0,
    timeout: float | None = None,
    max_retries: int | None = None,
    max_tokens: int | None = None,
) -> BaseChatModel:
    """Create the chat model a spec names.

    Args:
        spec: 'offline', 'provider:model', or (with ``base_url``) a bare model name.
        base_url: OpenAI-compatible server URL; applies to 'openai:<m>' and bare names.
        api_key: Key for the provider; for ``base_url`` servers it defaults to the provider's env
            var if set, else a dummy (local servers need none).
        temperature: Sampling temperature (0 for reproducible runs).
        timeout: Per-request timeout in seconds (provider default when None).
        max_retries: Client-level retries (provider default when None).
        max_tokens: Cap on tokens generated per call (provider default when None); worth setting
            for small local models that otherwise ramble until the context is full.

    Returns:
        A LangChain ``BaseChatModel``.

    Raises:
        ModelConfigError: unknown provider, integration package not installed, malformed spec,
            missing API key, or any other construction failure (message names the fix).
    """
    info = describe_model(spec, base_url=base_url)
    if info.provider == OFFLINE_SPEC:
        return OfflineChatModel()
    package = provider_packages()[info.provider]
    module = package.replace("-", "_")
    if importlib.util.find_spec(module) is None:
        raise ModelConfigError(f"model {info.spec!r} needs the {package} package: pip install {package}")
    extra: dict[str, Any] = {}
    if timeout is not None:
        extra["timeout"] = timeout
    if max_retries is not None:
        extra["max_retries"] = max_retries
    if max_tokens is not None:
        extra["max_tokens"] = max_tokens
    if info.base_url:
        from langchain_openai import ChatOpenAI  # lazy: start-up (langchain_openai)

        key = api_key or os.environ.get("OPENAI_API_KEY") or LOCAL_API_KEY
        if "max_tokens" in extra:
            # ChatOpenAI sends max_completion_tokens, which several OpenAI-compatible servers ignore
            # (llama-cpp-python's among them); the legacy field is understood by all of them.
            extra["extra_body"] = {"max_tokens": extra.pop("max_tokens")}
        try:
            return ChatOpenAI(
                model=info.name,
                base_url=info.base_url,
                api_key=key,  # type: ignore[arg-type]
                temperature=temperature,
                **extra,
            )
        except Exception as exc:  # construction only validates arguments
            raise ModelConfigError(
                f"cannot create model {info.spec!r} at {info.base_url}: {_first_line(exc)}"
            ) from exc

    if api_key:
        extra["api_key"] = api_key
    try:
        model: BaseChatModel = init_chat_model(
            info.name, model_provider=info.provider, temperature=temperature, **extra
        )
        return model
    except ImportError as exc:
        raise ModelConfigError(
            f"model {info.spec!r} needs the {package} package: pip install {package}"
        ) from exc
    except Exception as exc:
        message = _first_line(exc)
        env_var = PROVIDER_KEY_ENV.get(info.provider)
        if env_var and ("api_key" in message.lower() or "api key" in message.lower()):
            raise ModelConfigError(
                f"model {info.spec!r} needs an API key: set {env_var} (or use --model offline)"
            ) from exc
        raise ModelConfigError(f"cannot create model {info.spec!r}: {message}") from exc


def check_reachable(model: BaseChatModel, *, timeout: float = 3.0) -> None:
    """Check that a model's endpoint accepts TCP connections, without calling the model.

    Models without an explicit endpoint (offline, fakes, cloud defaults) are not probed here;
    their connection errors surface on the first call (translated by ``translate_provider_error``).

    Args:
        model: A chat model from ``resolve_model``.
        timeout: Seconds to wait for the TCP connect.

    Raises:
        ModelUnavailableError: "provider unreachable at URL (reason)".
    """
    url = endpoint_of(model)
    if not url:
        return
    parsed = urlparse(url)
    host = parsed.hostname
    if not host:
        return
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise ModelUnavailableError(f"provider unreachable at {url} ({reason})", url=url) from exc


def _check_url(base_url: str) -> None:
    parsed = urlparse(base_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ModelConfigError(
            f"OPENAI_BASE_URL {base_url!r} is not an http(s) URL: use e.g. http://127.0.0.1:8080/v1"
        )


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]
