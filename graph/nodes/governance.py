"""Governance agent: every guard on every asset, list and the blueprint; routes exceptions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, cast

from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import Command

from graph.agent_io import emit
from graph.context import CampaignContext
from graph.contracts import Asset, Blueprint, GovernanceException, TargetList
from graph.nodes.content import content_tasks, key_messages
from graph.review.asset_versions import author_of, version_entry
from graph.review.launch_card import launch_items
from graph.review.routing import auto_scopes, decide
from graph.state import CampaignState
from guards.governance import govern


def review_payload(kind: str, state: CampaignState, items: list[dict[str, Any]]) -> dict[str, Any]:
    """What a reviewer sees (the interrupt payload): the items with their evidence."""
    options = {
        "exceptions": ["approve", "edit", "reject"],
        "clarify": ["answer", "reject"],
        "launch": ["approve", "edit", "reject"],
        "budget": ["approve", "edit", "reject"],
    }
    return {
        "kind": kind,
        "campaign_id": state["campaign_id"],
        "trace_id": state["trace_id"],
        "items": items,
        "options": options.get(kind, ["approve", "reject"]),
    }


def governance(
    state: CampaignState, runtime: Runtime[CampaignContext]
) -> Command[Literal["content", "human_review", "orchestrator", "__end__"]]:
    """Run every guard; revise (bounded), escalate to a human, or clear for launch."""
    svc = runtime.context.services
    blueprint = Blueprint.model_validate(state["blueprint"])
    withheld = set(state.get("withheld_assets") or [])
    assets = [
        Asset.model_validate(a) for a in (state.get("assets") or {}).values() if a["id"] not in withheld
    ]
    lists_by_channel = {ch: TargetList.model_validate(t) for ch, t in (state.get("lists") or {}).items()}
    lists = list(lists_by_channel.values())
    revision = state.get("revision", 0)
    report = govern(
        assets=assets,
        lists=lists,
        blueprint=blueprint,
        library=svc.library(state["brand"]),
        check_date=svc.check_date(),
        revision_round=revision,
        max_revisions=svc.settings.max_revisions,
        index=svc.claim_index(state["brand"]),
    )
    human_edits = state.get("human_edits") or {}
    originals = list(blueprint.brief.key_messages)
    routing = decide(
        report.exceptions,
        assets=assets,
        key_messages=originals + [m for r in blueprint.brief.regions for m in key_messages(state, r)],
        accepted=set(state.get("accepted_exceptions") or []),
        human_edits=human_edits,
        history=state.get("revision_history") or {},
        max_revisions=svc.settings.max_revisions,
        autonomy=svc.autonomy,
        launch_approved=bool(state.get("launch_approved")),
    )
    exceptions, history, stalled = routing.exceptions, routing.history, routing.withheld
    report = report.model_copy(update={"exceptions": exceptions, "revision_round": revision})
    to_human, to_content = routing.to_human, routing.to_content
    round_key = f"r{revision}:" + ",".join(f"{a.id}@{a.version}" for a in assets)
    emit(
        svc,
        state,
        "governance.report",
        "governance",
        {
            "passed": not exceptions,
            "subjects": len(report.subjects),
            "escalated": len({e.subject_id for e in to_human}),
            "revised": len({e.subject_id for e in to_content}),
            "exceptions": len(exceptions),
            "revision_round": revision,
            "library_version": report.library_version,
        },
        key=round_key,
    )
    for exc in exceptions:
        emit(
            svc,
            state,
            "governance.exception",
            "governance",
            {
                "exception_id": exc.id,
                "subject_type": exc.subject_type,
                "subject_id": exc.subject_id,
                "validator": exc.validator,
                "route": exc.route,
                "reasons": exc.reasons,
            },
            key=f"{round_key}|{exc.id}",
        )
    for aid, why in stalled.items():
        emit(
            svc,
            state,
            "governance.withheld",
            "governance",
            {"asset_id": aid, "reason": why, "history": history.get(aid, [])},
            key=f"{round_key}|withheld|{aid}",
        )
    update: dict[str, Any] = {
        "pass_report": report.model_dump(mode="json"),
        "agents_run": ["governance"],
        "revision_history": history,
        "asset_versions": _versions_update(assets, human_edits),
    }
    if stalled:
        update["withheld_assets"] = [*withheld, *(a for a in stalled if a not in withheld)]
    live = [
        a for a in assets if a.id not in stalled
    ]  # an asset withheld this pass never reaches the launch card
    if not live and state.get("assets"):
        update.update(
            status="rejected",
            pending_review=None,
            status_reason="every asset was rejected by a reviewer or withheld: nothing to publish",
        )
        return Command(goto=cast(Literal["__end__"], END), update=update)
    if routing.next == "content":
        findings: dict[str, list[dict[str, Any]]] = {}
        for exc in to_content:
            findings.setdefault(exc.subject_id, []).extend(
                {**f.model_dump(), "validator": exc.validator} for f in exc.findings or []
            )
            if not exc.findings:
                findings[exc.subject_id].append(
                    {"text": "", "reason": "; ".join(exc.reasons), "validator": exc.validator}
                )
        update.update(revision=revision + 1, status="drafting")
        return Command(goto=content_tasks(state, findings), update=update)
    if routing.next == "human":
        items = [_exception_item(e, {**state, "revision_history": history}) for e in to_human]
        update.update(status="awaiting_approval", pending_review=review_payload("exceptions", state, items))
        return Command(goto="human_review", update=update)
    if routing.next == "launch_review":
        items = launch_items(live, lists_by_channel, svc.autonomy)
        pending = review_payload("launch", state, items)
        pending["auto_scopes"] = [f"{ch}/{rg}" for ch, rg in auto_scopes(live, svc.autonomy)]
        update.update(status="awaiting_approval", pending_review=pending)
        return Command(goto="human_review", update=update)
    update.update(status="launching", pending_review=None)
    return Command(goto="orchestrator", update=update)


ITEM_EXTRAS = ("asset", "history", "edited_by")
"""Keys a reviewer's exception item carries beside the ``GovernanceException`` fields: the asset as it stands,
its version history, and who wrote the version when it is a reviewer's edit coming back to them."""


def _exception_item(exc: GovernanceException, state: CampaignState) -> dict[str, Any]:
    item = exc.model_dump(mode="json")
    if exc.subject_type == "asset":
        asset = (state.get("assets") or {}).get(exc.subject_id) or {}
        edit = (state.get("human_edits") or {}).get(exc.subject_id) or {}
        if edit and edit.get("version") == asset.get(
            "version"
        ):  # the reviewer's own text, back to them as is
            item["edited_by"] = str(edit.get("approver") or "the reviewer")
        item["asset"] = {
            k: asset.get(k)
            for k in (
                "id",
                "version",
                "channel",
                "region",
                "variant",
                "subject",
                "headline",
                "body",
                "cta",
                "cited_claim_ids",
            )
        }
        item["history"] = [
            {
                k: e.get(k)
                for k in (
                    "version",
                    "findings",
                    "reasons",
                    "subject",
                    "headline",
                    "body",
                    "route",
                    "approved",
                )
            }
            for e in (state.get("revision_history") or {}).get(exc.subject_id, [])
        ]
    return item


def _versions_update(assets: list[Asset], human_edits: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for a in assets:
        dumped = a.model_dump(mode="json")
        out.update(version_entry(dumped, author_of(dumped, human_edits)))
    return out
