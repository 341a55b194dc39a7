"""Crash points: ``kill -9`` at node boundaries, events, connector calls, ledger commits and exports; resume."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from evals.chaos.figures import BRIEF, Figure, cli, env_for
from evals.chaos.state import CampaignFacts, event_diff, facts

CAT = "crash"
QUICK = ("connector:publish:after:2", "event:human.decision", "lifecycle:register:after")
FULL = (
    *(
        f"node:{n}:{w}"
        for n in (
            "planner",
            "content",
            "data",
            "governance",
            "human_review",
            "orchestrator",
            "optimizer",
            "analytics",
        )
        for w in ("before", "after")
    ),
    "event:planner.blueprint",
    "event:governance.report",
    "event:human.decision",
    "event:orchestrator.published",
    "event:orchestrator.launch",
    "event:optimizer.cycle",
    "event:analytics.scorecard",
    "connector:publish:before",
    "connector:publish:after",
    "connector:publish:after:2",
    "ledger:commit:after",
    "ledger:commit:after:2",
    "export:after",
    "lifecycle:register:after",
)
IGNORE = frozenset(
    {"human.refused", "lifecycle.hook_failed", "orchestrator.needs_check", "orchestrator.retry"}
)
"""Event types whose count legitimately differs after a crash (they say what happened)."""


def _settings(home: Path):  # type: ignore[no-untyped-def]
    from graph.runtime.settings import Settings

    return Settings.from_env(env_for(home))


def _run_to_end(home: Path, crash: str = "") -> tuple[int, CampaignFacts | None]:
    first = cli(
        env_for(home, **({"LIFTOFF_CHAOS_CRASH": crash} if crash else {})),
        "run",
        "--brief",
        BRIEF,
        "--auto-approve",
        "--json",
    )
    listing = cli(env_for(home), "runs", "--json")
    rows = json.loads(listing.stdout or "[]")
    if not rows:
        return first.returncode, None
    cid = rows[0]["campaign_id"]
    for _ in range(3):  # resume until it settles (a crash mid-review leaves a review to apply)
        current = facts(_settings(home), cid)
        if current.status in ("launched", "rejected"):
            break
        cli(env_for(home), "resume", cid, "--auto-approve", "--json")
    return first.returncode, facts(_settings(home), cid)


def run(quick: bool) -> list[Figure]:
    """Per point: killed?, final status, duplicate publishes, missing/duplicate events, cap breach, limbo."""
    _, base = _run_to_end(Path(tempfile.mkdtemp(prefix="chaos-base-")))
    out = [
        Figure(
            CAT,
            "uninterrupted run: status",
            base.status if base else "none",
            base is not None and base.status == "launched",
        )
    ]
    for point in QUICK if quick else FULL:
        code, got = _run_to_end(Path(tempfile.mkdtemp(prefix="chaos-crash-")), point)
        if got is None or base is None:
            out.append(Figure(CAT, f"{point}: campaign found", False, False))
            continue
        missing, extra = event_diff(base.events, got.events, IGNORE)
        approvers = got.approvers_state == got.approvers_events
        ok = (
            got.status == "launched"
            and got.duplicate_publishes == 0
            and got.not_final == 0
            and not got.cap_breach
            and missing == 0
            and extra == 0
            and approvers
        )
        out.append(
            Figure(
                CAT,
                f"{point}",
                "green" if ok else "RED",
                ok,
                f"killed={code == -9} status={got.status} dup_publish={got.duplicate_publishes} "
                f"missing_events={missing} dup_events={extra} cap_breach={got.cap_breach} "
                f"not_final={got.not_final} approvers_match={approvers}",
            )
        )
    return out
