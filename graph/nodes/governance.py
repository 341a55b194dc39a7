"""Governance agent: every guard on every asset, list and the blueprint; routes exceptions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, cast

from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import Command

from graph.context import CampaignContext
from graph.contracts import Asset, Blueprint, GovernanceException, PassReport, TargetList
from graph.models.agent_io import emit
from graph.nodes.content import content_tasks, key_messages
from graph.review.asset_versions import author_of, version_entry
from graph.review.convergence import approval_stalled, mark, not_converging, record
from graph.review.launch_card import auto_scopes, launch_items, scopes_needing_approval
from graph.state import CampaignState


def fingerprint(exc: GovernanceException, version: int = 1) -> str:
    """Identity of an exception on one subject version (used to record human acceptance)."""
    return f"{exc.subject_type}:{exc.subject_id}@{version}|{exc.validator}"


def normalize_text(text: str) -> str:
    """Lower-case words only: how a flagged line is matched against copy and key messages (the guards' one
    normaliser, :func:`guards.textnorm.fold_text`, so look-alike characters match what the guards checked)."""
    from guards.textnorm import fold_text

    return fold_text(text)


def _touches_key_message(exc: GovernanceException, key_messages: list[str]) -> bool:
    norms = [normalize_text(m) for m in key_messages if m.strip()]
    return any(f.text and any(normalize_text(f.text) in m or m in normalize_text(f.text) for m in norms) for f in exc.findings)


def route_exceptions(report: PassReport, *, key_messages: list[str], accepted: set[str],
                     versions: dict[str, int]) -> list[GovernanceException]:
    """Drop accepted exceptions; send a finding on the marketer's own quoted line to a human (content may not
    drop what the marketer asked for on its own)."""
    out = []
    for exc in report.exceptions:
        if fingerprint(exc, versions.get(exc.subject_id, 1)) in accepted:
            continue
        if exc.route == "content" and _touches_key_message(exc, key_messages):
            exc = exc.model_copy(update={
                "route": "human",
                "reasons": [*exc.reasons, "the flagged line is the marketer's key message: a human decides"],
            })
        out.append(exc)
    return out


def review_payload(kind: str, state: CampaignState, items: list[dict[str, Any]]) -> dict[str, Any]:
    """What a reviewer sees (the interrupt payload): the items with their evidence."""
    options = {"exceptions": ["approve", "edit", "reject"], "clarify": ["answer", "reject"],
               "launch": ["approve", "edit", "reject"], "budget": ["approve", "edit", "reject"]}
    return {"kind": kind, "campaign_id": state["campaign_id"], "trace_id": state["trace_id"], "items": items,
            "options": options.get(kind, ["approve", "reject"])}


def governance(state: CampaignState, runtime: Runtime[CampaignContext]
               ) -> Command[Literal["content", "human_review", "orchestrator", "__end__"]]:
    """Run every guard; revise (bounded), escalate to a human, or clear for launch."""
    from guards.governance import govern

    svc = runtime.context.services
    blueprint = Blueprint.model_validate(state["blueprint"])
    withheld = set(state.get("withheld_assets") or [])
    assets = [Asset.model_validate(a) for a in (state.get("assets") or {}).values() if a["id"] not in withheld]
    lists_by_channel = {ch: TargetList.model_validate(t) for ch, t in (state.get("lists") or {}).items()}
    lists = list(lists_by_channel.values())
    revision = state.get("revision", 0)
    report = govern(
        assets=assets, lists=lists, blueprint=blueprint, library=svc.library(state["brand"]),
        check_date=svc.check_date(), revision_round=revision, max_revisions=svc.settings.max_revisions,
        index=svc.claim_index(state["brand"]),
    )
    versions = {a.id: a.version for a in assets}
    human_edits = state.get("human_edits") or {}
    originals = list(blueprint.brief.key_messages)
    exceptions = route_exceptions(report, key_messages=originals + [m for r in blueprint.brief.regions
                                                                    for m in key_messages(state, r)],
                                  accepted=set(state.get("accepted_exceptions") or []), versions=versions)
    exceptions, history, stalled = converge(state, assets, exceptions, svc.settings.max_revisions)
    exceptions = [_back_to_editor(e, human_edits, versions) for e in exceptions]
    report = report.model_copy(update={"exceptions": exceptions, "revision_round": revision})
    to_human = [e for e in exceptions if e.route == "human"]
    to_content = [e for e in exceptions if e.route == "content"]
    for aid, entries in history.items():
        routes = {e.route for e in exceptions if e.subject_id == aid}
        if aid not in stalled and entries:
            history[aid] = mark(entries, route="content" if "content" in routes else ("human" if routes else None))
    round_key = f"r{revision}:" + ",".join(f"{a.id}@{a.version}" for a in assets)
    emit(svc, state, "governance.report", "governance", {
        "passed": not exceptions, "subjects": len(report.subjects),
        "escalated": len({e.subject_id for e in to_human}), "revised": len({e.subject_id for e in to_content}),
        "exceptions": len(exceptions), "revision_round": revision, "library_version": report.library_version,
    }, key=round_key)
    for exc in exceptions:
        emit(svc, state, "governance.exception", "governance", {
            "exception_id": exc.id, "subject_type": exc.subject_type, "subject_id": exc.subject_id,
            "validator": exc.validator, "route": exc.route, "reasons": exc.reasons,
        }, key=f"{round_key}|{exc.id}")
    for aid, why in stalled.items():
        emit(svc, state, "governance.withheld", "governance", {"asset_id": aid, "reason": why,
                                                              "history": history.get(aid, [])},
             key=f"{round_key}|withheld|{aid}")
    update: dict[str, Any] = {"pass_report": report.model_dump(mode="json"), "agents_run": ["governance"],
                              "revision_history": history, "asset_versions": _versions_update(assets, human_edits)}
    if stalled:
        update["withheld_assets"] = [*withheld, *(a for a in stalled if a not in withheld)]
    if not assets and state.get("assets"):
        update.update(status="rejected", pending_review=None,
                      status_reason="every asset was rejected or withheld by a reviewer: nothing to publish")
        return Command(goto=cast(Literal["__end__"], END), update=update)
    if to_content:
        findings: dict[str, list[dict[str, Any]]] = {}
        for exc in to_content:
            findings.setdefault(exc.subject_id, []).extend(
                {**f.model_dump(), "validator": exc.validator} for f in exc.findings or []
            )
            if not exc.findings:
                findings[exc.subject_id].append({"text": "", "reason": "; ".join(exc.reasons), "validator": exc.validator})
        update.update(revision=revision + 1, status="drafting")
        return Command(goto=content_tasks(state, findings), update=update)
    if to_human:
        items = [_exception_item(e, {**state, "revision_history": history}) for e in to_human]  # type: ignore[typeddict-item]
        update.update(status="awaiting_approval", pending_review=review_payload("exceptions", state, items))
        return Command(goto="human_review", update=update)
    if scopes_needing_approval(assets, svc.autonomy) and not state.get("launch_approved"):
        items = launch_items(assets, lists_by_channel, svc.autonomy)
        pending = review_payload("launch", state, items)
        pending["auto_scopes"] = [f"{ch}/{rg}" for ch, rg in auto_scopes(assets, svc.autonomy)]
        update.update(status="awaiting_approval", pending_review=pending)
        return Command(goto="human_review", update=update)
    update.update(status="launching", pending_review=None)
    return Command(goto="orchestrator", update=update)


def converge(state: CampaignState, assets: list[Asset], exceptions: list[GovernanceException], max_revisions: int
             ) -> tuple[list[GovernanceException], dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Record this pass in each asset's history; send a revision that did not reduce the findings to a human;
    withhold an asset whose approved fix did not hold (or that ran past its version bound).

    Returns:
        The exceptions still to route, the updated history, and the withheld asset ids with the reason.
    """
    history = {k: list(v) for k, v in (state.get("revision_history") or {}).items()}
    by_asset: dict[str, list[GovernanceException]] = {}
    for exc in exceptions:
        if exc.subject_type == "asset":
            by_asset.setdefault(exc.subject_id, []).append(exc)
    stalled: dict[str, str] = {}
    rerouted: dict[str, str] = {}
    for asset in assets:
        excs = by_asset.get(asset.id, [])
        entries = record(history, asset, excs)
        why = approval_stalled(entries, max_revisions) if excs else None
        if why:
            stalled[asset.id] = why
            entries = mark(entries, route="withheld", outcome=why)
        elif any(e.route == "content" for e in excs):
            reason = not_converging(entries)
            if reason:
                rerouted[asset.id] = reason
        history[asset.id] = entries
    out = []
    for exc in exceptions:
        if exc.subject_id in stalled and exc.subject_type == "asset":
            continue
        if exc.subject_id in rerouted and exc.subject_type == "asset" and exc.route == "content":
            exc = exc.model_copy(update={"route": "human", "reasons": [*exc.reasons, rerouted[exc.subject_id]]})
        out.append(exc)
    return out, history, stalled


def _exception_item(exc: GovernanceException, state: CampaignState) -> dict[str, Any]:
    item = exc.model_dump(mode="json")
    if exc.subject_type == "asset":
        asset = (state.get("assets") or {}).get(exc.subject_id) or {}
        item["asset"] = {k: asset.get(k) for k in ("id", "version", "channel", "region", "variant", "subject",
                                                   "headline", "body", "cta", "cited_claim_ids")}
        item["history"] = [{k: e.get(k) for k in ("version", "findings", "reasons", "subject", "headline", "body",
                                                  "route", "approved")}
                           for e in (state.get("revision_history") or {}).get(exc.subject_id, [])]
    return item


def _back_to_editor(exc: GovernanceException, human_edits: Mapping[str, Any], versions: dict[str, int]
                    ) -> GovernanceException:
    """A finding on a version a reviewer wrote goes back to that reviewer, never to Content (edits are never
    silently rewritten)."""
    mark = human_edits.get(exc.subject_id) or {}
    if exc.subject_type != "asset" or mark.get("version") != versions.get(exc.subject_id):
        return exc
    who = mark.get("approver") or "the reviewer"
    return exc.model_copy(update={"route": "human", "reasons": [
        *exc.reasons, f"this is {who}'s edit: it comes back to the reviewer with the findings, unchanged"]})


def _versions_update(assets: list[Asset], human_edits: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for a in assets:
        dumped = a.model_dump(mode="json")
        out.update(version_entry(dumped, author_of(dumped, human_edits)))
    return out
