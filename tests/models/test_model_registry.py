"""Model spec resolution: every form and every error message."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from fakes import ScriptedChatModel
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from graph.models import registry
from graph.models.errors import ModelConfigError, ModelUnavailableError
from graph.models.registry import LOCAL_API_KEY, check_reachable, describe_model, resolve_model

LOCAL = "http://127.0.0.1:8765/v1"


def _key(model: object) -> str:
    secret = getattr(model, "openai_api_key", None)
    assert isinstance(secret, SecretStr)
    return secret.get_secret_value()


def test_offline_resolves_to_the_rules_engine() -> None:
    model = resolve_model("offline")
    assert type(model).__name__ == "OfflineChatModel"
    info = describe_model(" OFFLINE ")
    assert (info.provider, info.name, info.is_llm) == ("offline", "offline", False)


@pytest.mark.parametrize(
    ("spec", "provider", "name"),
    [
        ("openai:gpt-4o-mini", "openai", "gpt-4o-mini"),
        ("anthropic:claude-3-5-haiku-latest", "anthropic", "claude-3-5-haiku-latest"),
        ("ollama:llama3.1:8b", "ollama", "llama3.1:8b"),
        ("google:gemini-2.0-flash", "google_genai", "gemini-2.0-flash"),
        ("mistral:mistral-small-latest", "mistralai", "mistral-small-latest"),
        ("Google-GenAI:gemini-2.5-pro", "google_genai", "gemini-2.5-pro"),
    ],
)
def test_describe_provider_specs(spec: str, provider: str, name: str) -> None:
    info = describe_model(spec)
    assert (info.provider, info.name, info.is_llm, info.base_url) == (provider, name, True, None)


def test_bare_name_with_base_url_is_an_openai_compatible_server() -> None:
    info = describe_model("smollm2", base_url=LOCAL)
    assert (info.provider, info.name, info.base_url) == ("openai", "smollm2", LOCAL)
    model = resolve_model("smollm2", base_url=LOCAL, temperature=0.3)
    assert isinstance(model, ChatOpenAI)
    assert model.openai_api_base == LOCAL
    assert model.model_name == "smollm2"
    assert model.temperature == 0.3
    assert _key(model) == LOCAL_API_KEY


def test_openai_spec_with_base_url_uses_the_server_and_given_key() -> None:
    model = resolve_model("openai:qwen2.5", base_url=LOCAL, api_key="sk-local", timeout=5, max_retries=0)
    assert isinstance(model, ChatOpenAI)
    assert model.openai_api_base == LOCAL and model.model_name == "qwen2.5"
    assert _key(model) == "sk-local"
    assert model.max_retries == 0 and model.request_timeout == 5


def test_base_url_key_falls_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    model = resolve_model("gpt-4o-mini", base_url="https://api.example.test/v1")
    assert _key(model) == "sk-from-env"


def test_provider_spec_goes_through_init_chat_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    model = resolve_model("openai:gpt-4o-mini")
    assert isinstance(model, ChatOpenAI)
    assert model.model_name == "gpt-4o-mini" and model.temperature == 0.0


@pytest.mark.parametrize(
    ("spec", "kwargs", "message"),
    [
        ("", {}, "empty model spec: use 'offline' or 'provider:model'"),
        ("   ", {}, "empty model spec"),
        ("openai: gpt 4", {}, "malformed model spec 'openai: gpt 4': no spaces allowed"),
        (
            "gpt-4o-mini",
            {},
            "model spec 'gpt-4o-mini' has no provider: use 'provider:model' (e.g. openai:gpt-4o-mini) or set OPENAI_BASE_URL",
        ),
        ("openai:", {}, "malformed model spec 'openai:': expected 'provider:model'"),
        (":gpt-4o", {}, "malformed model spec ':gpt-4o': expected 'provider:model'"),
        ("offline:v2", {}, "the offline engine is spelled just 'offline'"),
        ("acme:model-x", {}, "unknown model provider 'acme' in 'acme:model-x': use one of anthropic,"),
        ("opnai:gpt-4o", {}, "unknown model provider 'opnai' in 'opnai:gpt-4o': did you mean 'openai'?"),
        (
            "antropic:claude-3-5-haiku-latest",
            {},
            "unknown model provider 'antropic' in 'antropic:claude-3-5-haiku-latest': did you mean 'anthropic' or 'anthropic_bedrock'?",
        ),
        ("gemni:gemini-2.0-flash", {}, "did you mean 'google_genai'?"),
        ("smollm2", {"base_url": "localhost:8765"}, "OPENAI_BASE_URL 'localhost:8765' is not an http(s) URL"),
        (
            "openai:gpt-4o-mini",
            {},
            "model 'openai:gpt-4o-mini' needs an API key: set OPENAI_API_KEY (or use --model offline)",
        ),
    ],
)
def test_error_messages_name_problem_and_fix(spec: str, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ModelConfigError) as info:
        resolve_model(spec, **kwargs)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ValueError)


def test_every_provider_langchain_supports_is_accepted() -> None:
    from langchain.chat_models import base

    langchain_keys = set(base._BUILTIN_PROVIDERS)
    assert set(registry.provider_packages()) == langchain_keys
    for key in langchain_keys:
        assert describe_model(f"{key}:some-model").provider == key


def test_integration_package_is_the_top_level_module_langchain_imports() -> None:
    packages = registry.provider_packages()
    assert packages["google_anthropic_vertex"] == "langchain-google-vertexai"
    assert packages["azure_ai"] == "langchain-azure-ai"
    assert packages["langsmith"] == "langchain-openai"
    assert packages["meta"] == "langchain-meta"


def test_a_provider_with_no_close_match_gets_no_guess() -> None:
    with pytest.raises(ModelConfigError) as info:
        describe_model("zzzz:model")
    assert "did you mean" not in str(info.value)
    assert "use one of anthropic, anthropic_bedrock," in str(info.value)


def test_missing_integration_package_names_pip_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = registry.importlib.util.find_spec
    monkeypatch.setattr(
        registry.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "langchain_anthropic" else real(name, *a),
    )
    with pytest.raises(
        ModelConfigError, match=r"needs the langchain-anthropic package: pip install langchain-anthropic$"
    ):
        resolve_model("anthropic:claude-3-5-haiku-latest")


def test_import_error_inside_init_chat_model_names_pip_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ImportError("Initializing ChatGroq requires the langchain-groq package.")

    monkeypatch.setattr(registry.importlib.util, "find_spec", lambda name, *a: object())
    monkeypatch.setattr(registry, "init_chat_model", broken)  # the registry's own reference
    with pytest.raises(
        ModelConfigError,
        match="model 'groq:llama-3.1-8b-instant' needs the langchain-groq package: pip install langchain-groq",
    ):
        resolve_model("groq:llama-3.1-8b-instant")


def test_other_construction_errors_are_config_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("unexpected keyword 'temperature'\nsecond line")

    monkeypatch.setattr(registry, "init_chat_model", broken)  # the registry's own reference
    with pytest.raises(ModelConfigError) as info:
        resolve_model("openai:o3-mini")
    assert str(info.value) == "cannot create model 'openai:o3-mini': unexpected keyword 'temperature'"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_check_reachable_refused_port_names_the_url() -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"
    model = resolve_model("smollm2", base_url=url)
    with pytest.raises(ModelUnavailableError) as info:
        check_reachable(model, timeout=1.0)
    assert str(info.value).startswith(f"provider unreachable at {url} (")
    assert info.value.url == url


def test_check_reachable_passes_when_a_server_listens() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/v1"
        check_reachable(resolve_model("smollm2", base_url=url), timeout=1.0)


def test_check_reachable_skips_models_without_endpoint() -> None:
    check_reachable(ScriptedChatModel(script=[]))
    check_reachable(resolve_model("offline"))


def test_check_reachable_outbound_host_is_unavailable_in_tests() -> None:
    from evals.netguard import OUTBOUND_ATTEMPTS

    before = len(OUTBOUND_ATTEMPTS)
    model = resolve_model("gpt-4o-mini", base_url="https://api.example.test/v1")
    with pytest.raises(ModelUnavailableError, match=r"^provider unreachable at https://api.example.test/v1 "):
        check_reachable(model, timeout=1.0)
    assert len(OUTBOUND_ATTEMPTS) == before + 1  # the DNS lookup was refused by the test guard
    del OUTBOUND_ATTEMPTS[before:]


def test_max_tokens_is_sent_as_the_legacy_field_to_compatible_servers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = resolve_model("smollm2", base_url=LOCAL, max_tokens=256)
    assert model.extra_body == {"max_tokens": 256} and model.max_tokens is None  # type: ignore[attr-defined]
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert resolve_model("openai:gpt-4o-mini", max_tokens=256).max_tokens == 256  # type: ignore[attr-defined]
