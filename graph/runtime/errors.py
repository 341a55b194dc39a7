"""Errors as the app shows them: what went wrong, in one line, and what to do next."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorView:
    """A readable error."""

    title: str
    detail: str
    hint: str


def explain(exc: BaseException) -> ErrorView:
    """Map an exception to what the marketer reads (known domain errors first, then a safe generic message)."""
    from graph.models.errors import ModelConfigError, ModelUnavailableError  # lazy: start-up (pydantic)
    from graph.nodes.human_review import (
        ApprovalRefused,  # lazy: start-up (langchain_core, langgraph, pydantic)
    )  # lazy: start-up (langchain_core, langgraph, pydantic)
    from graph.review.autonomy import AutonomyError  # lazy: start-up (pydantic)
    from graph.runtime.runner import CampaignError  # lazy: start-up (langchain_core, langgraph, pydantic)
    from graph.runtime.settings import ConfigError  # lazy: start-up (pydantic)
    from tools.killswitch import KillSwitchEngaged  # lazy: start-up (pydantic)

    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:400]
    name = type(exc).__name__
    if isinstance(exc, ModelUnavailableError):
        return ErrorView(
            "The model provider is unreachable",
            detail,
            "Start the provider (or check OPENAI_BASE_URL), or pick the offline model in the sidebar, "
            "then press 'Resume where it stopped': the campaign continues from its last checkpoint.",
        )
    if isinstance(exc, ModelConfigError):
        return ErrorView(
            "The model is not configured",
            detail,
            "Fix the model in the sidebar (offline, provider:model, or a base URL), then retry.",
        )
    if isinstance(exc, ApprovalRefused):
        return ErrorView(
            "The decision was refused",
            detail,
            "Only approvers listed in LIFTOFF_APPROVERS may decide; sign in as one of them.",
        )
    if isinstance(exc, CampaignError):
        return ErrorView(
            "That cannot be done", detail, "Check the brief or the campaign's status and try again."
        )
    if isinstance(exc, AutonomyError | ConfigError):
        return ErrorView("Invalid setting", detail, "Correct the setting; nothing was changed.")
    if isinstance(exc, KillSwitchEngaged):
        return ErrorView(
            "Stopped by the kill-switch",
            detail,
            "Release the kill-switch in the sidebar if it is safe, then retry.",
        )
    if name == "BrandLibraryError":
        return ErrorView(
            "The brand library cannot be used",
            detail,
            "Fix the brand library files named above (or pick another brand), then retry.",
        )
    if name in ("PromptError", "SegmentRejected", "OfflineTaskError", "StructuredOutputError"):
        return ErrorView(
            "An agent could not produce a valid result",
            detail,
            "Press 'Resume where it stopped'; if it keeps failing, try another model or simplify the brief.",
        )
    if name == "LockTimeout":
        return ErrorView(
            "Another process is changing this campaign",
            detail,
            "Wait for it (the scheduler or another session) to finish, then retry.",
        )
    if isinstance(exc, sqlite3.OperationalError):
        return ErrorView(
            "The state store is busy or unavailable",
            detail,
            "Wait a moment, then resume; check that LIFTOFF_HOME is writable.",
        )
    if isinstance(exc, ConnectionError | TimeoutError):
        return ErrorView(
            "A connection failed", detail, "Check the provider or channel connector, then retry."
        )
    return ErrorView(
        f"Unexpected error ({name})",
        detail,
        "The campaign is saved at its last checkpoint: press 'Resume where it stopped' to continue from there.",
    )
