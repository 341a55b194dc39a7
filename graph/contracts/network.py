"""Process-wide switches that keep the default install from opening any outbound connection."""

from __future__ import annotations

import os

OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",  # sentence-transformers / huggingface_hub: never reach the hub
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",  # chromadb product telemetry
    "GUARDRAILS_RUN_SYNC": "true",
    "OTEL_SDK_DISABLED": "true",  # no OpenTelemetry exporter may start
    "LANGSMITH_TRACING": "false",
    "LANGCHAIN_TRACING_V2": "false",
    "TOKENIZERS_PARALLELISM": "false",
}


def apply_offline_defaults() -> None:
    """Set the no-network defaults unless the user set them explicitly; call at every entry point."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
