"""Model layer: spec resolution, structured output across providers, usage and cost tracking.

Import from here: ``resolve_model``, ``describe_model``, ``invoke_structured``, ``invoke_tool_call``,
``UsageTracker`` and the error types. Submodules are imported lazily so that importing
``graph.models`` opens nothing and pulls in no provider SDK.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.models.errors import (
        ModelConfigError,
        ModelUnavailableError,
        StructuredOutputError,
        TransientModelError,
        classify_provider_error,
        translate_provider_error,
    )
    from graph.models.registry import ModelInfo, check_reachable, describe_model, resolve_model
    from graph.models.structured import PATH_CACHE, PATHS, StructuredPath, StructuredResult, invoke_structured
    from graph.models.toolcall import ToolCallResult, invoke_tool_call
    from graph.models.usage import PriceTable, UsageTracker

_EXPORTS = {
    "ModelConfigError": "errors",
    "ModelUnavailableError": "errors",
    "StructuredOutputError": "errors",
    "TransientModelError": "errors",
    "classify_provider_error": "errors",
    "translate_provider_error": "errors",
    "ModelInfo": "registry",
    "check_reachable": "registry",
    "describe_model": "registry",
    "resolve_model": "registry",
    "PATH_CACHE": "structured",
    "PATHS": "structured",
    "StructuredPath": "structured",
    "StructuredResult": "structured",
    "invoke_structured": "structured",
    "ToolCallResult": "toolcall",
    "invoke_tool_call": "toolcall",
    "PriceTable": "usage",
    "UsageTracker": "usage",
}

__all__ = [
    "PATHS",
    "PATH_CACHE",
    "ModelConfigError",
    "ModelInfo",
    "ModelUnavailableError",
    "PriceTable",
    "StructuredOutputError",
    "StructuredPath",
    "StructuredResult",
    "ToolCallResult",
    "TransientModelError",
    "UsageTracker",
    "check_reachable",
    "classify_provider_error",
    "describe_model",
    "invoke_structured",
    "invoke_tool_call",
    "resolve_model",
    "translate_provider_error",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graph.models' has no attribute {name!r}")
    return getattr(import_module(f"graph.models.{module}"), name)
