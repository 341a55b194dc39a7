"""The campaign graph's state: JSON-safe dicts (validated as contracts at node boundaries) with reducers.

State holds contracts as plain dicts so checkpoints stay portable (SQLite, Postgres, LangGraph server) and
never depend on pickling classes. It holds counts and ids only: never raw PII.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired, Required

from typing_extensions import TypedDict  # pydantic (Studio's input form) refuses typing.TypedDict on 3.11

from graph.review.asset_versions import merge_versions

Status = Literal[
    "planning",
    "needs_input",
    "drafting",
    "governing",
    "awaiting_approval",
    "launching",
    "launched",
    "held",
    "rejected",
    "failed",
]
"""Where a campaign is; the CLI and app show it ('held': the kill-switch stopped its launch; it resumes after
the release)."""


def merge_by_key(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Merge dicts keyed by id; for versioned items (assets) the higher ``version`` wins."""
    out = dict(left or {})
    for key, value in (right or {}).items():
        old = out.get(key)
        if (
            isinstance(old, dict)
            and isinstance(value, dict)
            and "version" in value
            and value.get("version", 0) < old.get("version", 0)
        ):
            continue
        out[key] = value
    return out


def add_usage(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Sum per-agent usage ``{agent: {calls, input_tokens, output_tokens, cost_usd, paths: {path: n}}}``."""
    out: dict[str, Any] = {k: dict(v) for k, v in (left or {}).items()}
    for agent, usage in (right or {}).items():
        cur = out.setdefault(
            agent, {"calls": 0, "input_tokens": 0, "output_tokens": 0, "cost_usd": 0.0, "paths": {}}
        )
        for key in ("calls", "input_tokens", "output_tokens", "cost_usd"):
            cur[key] = cur.get(key, 0) + usage.get(key, 0)
        paths = dict(cur.get("paths") or {})
        for path, n in (usage.get("paths") or {}).items():
            paths[path] = paths.get(path, 0) + n
        cur["paths"] = paths
    return out


def add_unique(left: list[str] | None, right: list[str] | None) -> list[str]:
    """Append items not yet present, keeping order."""
    out = list(left or [])
    out.extend(x for x in (right or []) if x not in out)
    return out


class CampaignState(TypedDict, total=False):
    """State of one campaign (one LangGraph thread)."""

    campaign_id: str
    """Thread id of the campaign."""
    trace_id: str
    """One trace id carried into every event of the campaign."""
    brief_text: str
    """The brief as written (plus answers to clarifying questions)."""
    brand: str
    """Brand-library slug."""
    started_at: str
    """ISO timestamp when the brief arrived."""
    status: Status
    """Current status."""
    status_reason: str
    """Why the status is what it is (error, rejection comment, question)."""
    questions: list[str]
    """Clarifying questions the Planner needs answered."""
    asked_questions: list[str]
    """Every clarifying question asked so far (a question is never asked twice word for word)."""
    brief: dict[str, Any] | None
    """Parsed Brief."""
    blueprint: dict[str, Any] | None
    """Blueprint."""
    assets: Annotated[dict[str, dict[str, Any]], merge_by_key]
    """Asset id -> latest Asset."""
    lists: Annotated[dict[str, dict[str, Any]], merge_by_key]
    """Channel -> TargetList (counts only)."""
    pass_report: dict[str, Any] | None
    """Latest PassReport."""
    revision: int
    """Content revision rounds done after governance findings."""
    pending_review: dict[str, Any] | None
    """What waits for a human: {kind: 'exceptions'|'budget'|'launch', items: [...]}."""
    decisions: list[dict[str, Any]]
    """Human decisions so far (who, what, when)."""
    accepted_exceptions: list[str]
    """Fingerprints of list/blueprint exceptions a human accepted (not raised again)."""
    key_message_overrides: dict[str, str]
    """Marketer key message -> what a human approved instead ('' = dropped); Content uses it from then on."""
    withheld_assets: list[str]
    """Assets a human approval could not fix safely: never published."""
    revision_history: Annotated[dict[str, list[dict[str, Any]]], merge_by_key]
    """Asset id -> one entry per version governance checked: failing findings, route, approval (convergence)."""
    launch_approved: bool
    """A human approved the launch (manual autonomy scopes)."""
    asset_versions: Annotated[dict[str, dict[str, Any]], merge_versions]
    """Asset id -> {version: asset + author}: every version governance checked (``graph.review.asset_versions``)."""
    human_edits: dict[str, dict[str, Any]]
    """Asset id -> {version, approver}: the latest version a reviewer wrote; its findings go back to them."""
    programs: Annotated[dict[str, dict[str, Any]], merge_by_key]
    """Idempotency key -> Program."""
    budget_changes: Annotated[dict[str, dict[str, Any]], merge_by_key]
    """Change id -> BudgetChange."""
    day: int
    """Last simulated campaign day the optimizer processed."""
    scorecard: dict[str, Any] | None
    """Latest Scorecard."""
    cycle: dict[str, Any] | None
    """A recurring cycle on a launched campaign: {kind: 'optimize'|'report', id, days}; None for the launch run."""
    agents: list[str]
    """Agents this campaign runs: its agent-set setting, fixed when it starts; the graph routes by it."""
    agents_run: Annotated[list[str], add_unique]
    """Agents that ran, in order."""
    usage: Annotated[dict[str, Any], add_usage]
    """Model calls, tokens, cost and structured-output paths per agent."""


class InputState(TypedDict, total=False):
    """What starts a campaign (LangGraph Studio's input form): a brief, and optionally a brand.

    Ids, trace id, start time, status and the agent set are filled in the graph (node ``intake``) when absent;
    the CLI and the app pass their own ids. A recurring cycle on a launched campaign sends ``cycle`` alone.
    """

    brief_text: Required[str]
    """The brief as written."""
    brand: NotRequired[str]
    """Brand-library slug (default: the server's LIFTOFF_BRAND)."""
    agents: NotRequired[list[str]]
    """Agent set, e.g. ["minimum", "optimizer"] (default: the server's LIFTOFF_AGENTS)."""
    campaign_id: NotRequired[str]
    """Campaign id (default: the thread id)."""
    trace_id: NotRequired[str]
    """Trace id (default: a fresh one)."""
    started_at: NotRequired[str]
    """ISO time the brief arrived (default: now)."""
    cycle: NotRequired[dict[str, Any] | None]
    """A recurring cycle {kind, id, days} on a launched campaign (no brief needed then)."""


class ContentTask(TypedDict):
    """Input of one ``content`` fan-out branch (sent with ``Send``)."""

    campaign_id: str
    trace_id: str
    brand: str
    blueprint: dict[str, Any]
    channel: str
    variant: str
    region: str
    version: int
    findings: list[dict[str, Any]]
    previous: dict[str, Any] | None
    key_messages: list[str]
