"""Human review: the one place the graph stops for a person (LangGraph ``interrupt``).

Resume with ``Command(resume={"decision": "approve"|"edit"|"reject"|"answer", "approver": "<identity>",
"comment": "...", "items": {item_id: {"decision": ..., "edits": {...}, "version": N}}, "answer": "..."})``
(format in ``graph.review.decisions``): every asset, list and budget change is decided on its own; ``reject`` as the card
action is the explicit campaign-level rejection. A resume without an approver identity (or, when
``LIFTOFF_APPROVERS`` is set, from someone not listed) is refused and asked again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Literal, cast

from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt

from graph.agent_io import emit
from graph.brief.clarify import merge_answer
from graph.context import CampaignContext
from graph.contracts import Asset, Blueprint, BudgetChange, GovernanceException, ValidatorResult
from graph.contracts.ids import event_id
from graph.contracts.money import exponent, from_minor, to_minor
from graph.nodes.content import content_tasks, ensure_disclaimers, key_messages
from graph.nodes.governance import ITEM_EXTRAS
from graph.review.asset_versions import restored_fields
from graph.review.convergence import mark
from graph.review.decisions import ApprovalRefused, Decision, ItemDecision, parse_decision, per_item
from graph.review.launch_card import LIST_PREFIX
from graph.review.routing import after_approval, fingerprint
from graph.runtime.services import Services
from graph.state import CampaignState
from guards.claims import VALIDATOR as CLAIMS
from guards.disclaimers import VALIDATOR as DISCLAIMERS
from guards.governance import check_asset, send_date
from guards.sentences import split_sentences
from guards.textnorm import fold_text
from tools.lifecycle.lock import campaign_lock

__all__ = [
    "ApprovalRefused",
    "Decision",
    "apply_safe_fixes",
    "human_review",
    "parse_decision",
    "validate_resume",
]


def _replace_sentence(
    text: str | None, flagged: str, replacement: str | None, protected: list[str]
) -> str | None:
    """``text`` with every whole sentence holding ``flagged`` replaced by ``replacement`` or removed.

    Never edits inside a sentence (deleting a word can change what it says) and never touches a protected span
    (a disclaimer inserted verbatim).
    """
    if not text or not flagged.strip():
        return text
    key = fold_text(flagged)
    guarded = [fold_text(p) for p in protected]
    if replacement and fold_text(replacement) in fold_text(text):
        replacement = (
            None  # the approved wording is already there: drop the flagged line instead of repeating it
        )
    out: list[str] = []
    for sentence in split_sentences(text):
        norm = fold_text(sentence)
        if key and key in norm and not any(norm in g for g in guarded if g):
            if replacement:
                out.append(replacement.strip())
                replacement = None
            continue
        out.append(sentence)
    return " ".join(out).strip()


Verify = Callable[[Asset], list[ValidatorResult]]
"""Every guard on a candidate fix (governance's ``check_asset`` bound to the campaign's library and send date)."""


def apply_safe_fixes(
    asset: Asset, exceptions: list[GovernanceException], verify: Verify | None = None
) -> Asset | None:
    """Replace each flagged sentence by its approved wording, or remove it whole; None when that is not safe.

    A fix is safe only when the fixed asset passes every guard as written (``verify``); otherwise (or when nothing
    changed, or a field would be blanked) the asset is left to a redraft and a human. A finding about a whole
    field (e.g. its length) is left to Content's next revision, never blanked here.
    """
    fields = asset.text_fields()
    changed = False
    for exc in exceptions:
        for finding in exc.findings:
            if exc.validator == DISCLAIMERS and finding.suggested_fix:  # a missing line: add it, verbatim
                fields["body"] = ensure_disclaimers(fields.get("body", ""), [finding.suggested_fix])
                changed = True
                continue
            # only the claims check's fix is approved wording; any other flagged sentence is removed whole
            fix = finding.suggested_fix if exc.validator == CLAIMS else None
            for name, value in list(fields.items()):
                if finding.text.strip() == value.strip() and not fix:
                    continue
                new = _replace_sentence(value, finding.text, fix, asset.disclaimer_spans)
                if new != value:
                    fields[name] = new or ""
                    changed = True
    if not changed or not fields.get("body"):
        return None
    spans = [d for d in asset.disclaimer_spans if " ".join(d.split()) in " ".join(fields["body"].split())]
    for exc in exceptions:
        if exc.validator == DISCLAIMERS:
            spans += [
                f.suggested_fix for f in exc.findings if f.suggested_fix and f.suggested_fix not in spans
            ]
    fixed = asset.model_copy(
        update={
            **{k: v or None for k, v in fields.items() if k != "body"},
            "body": fields["body"],
            "version": asset.version + 1,
            "disclaimer_spans": spans,
            "revision_notes": [f"approved fix: {r}" for e in exceptions for r in e.reasons],
        }
    )
    if verify is not None and not all(r.passed for r in verify(fixed)):
        return None
    return fixed


def human_review(
    state: CampaignState, runtime: Runtime[CampaignContext]
) -> Command[
    Literal["planner", "content", "governance", "human_review", "orchestrator", "analytics", "__end__"]
]:
    """Stop for a person; apply their decision. Nothing happens before ``interrupt`` so a re-run repeats nothing."""
    pending = state.get("pending_review") or {}
    raw = interrupt(pending)
    svc = runtime.context.services
    kind = pending.get("kind", "exceptions")
    try:
        decision, items = validate_resume(raw, state, svc.settings.approvers)
    except ApprovalRefused as exc:
        # Refuse without consuming the review: log it and ask again (a fresh interrupt, same items).
        refusals = int(pending.get("refusals", 0)) + 1
        emit(
            svc,
            state,
            "human.refused",
            "human_review",
            {
                "kind": kind,
                "reason": str(exc),
                "attempted_by": (raw or {}).get("approver") if isinstance(raw, dict) else None,
            },
            key=f"{len(state.get('decisions') or [])}:{refusals}",
        )
        return Command(
            goto="human_review",
            update={"pending_review": {**pending, "refusals": refusals, "last_refusal": str(exc)}},
        )
    n = len(state.get("decisions") or [])
    record: dict[str, Any] = {
        "kind": kind,
        "decision": decision.decision,
        "approver": decision.approver,
        "comment": decision.comment,
        "at": datetime.now(UTC).isoformat(),
        "items": [i.get("id") or i.get("subject_id") or i.get("channel") for i in pending.get("items", [])],
        "item_decisions": {iid: d.model_dump(exclude_defaults=True) for iid, d in items.items()},
    }
    if kind == "clarify":
        record.update(
            questions=[str(i.get("question", "")) for i in pending.get("items", [])],
            answer=(decision.answer or decision.comment).strip(),
        )
    # Durable before anything acts on it: after a crash from here on, resume applies THIS decision (see
    # ``recorded_decision``) instead of asking again, so events, ledger and state name the same approver.
    emit(svc, state, "human.decision", "human_review", {**record, **_replay_fields(raw)}, key=str(n))
    for iid, d in items.items():
        emit(
            svc,
            state,
            "human.item_decision",
            "human_review",
            {
                "kind": kind,
                "item": iid,
                "decision": d.decision,
                "approver": decision.approver,
                "comment": d.comment or decision.comment,
                **({"version": d.version} if d.version else {}),
                **({"edited_fields": sorted(d.edits)} if d.edits else {}),
            },
            key=f"{n}:{iid}",
        )
    update: dict[str, Any] = {"decisions": [*(state.get("decisions") or []), record], "pending_review": None}
    if kind == "budget":
        return Command(
            goto="analytics", update={**update, **_decide_budget(svc, state, pending, decision, items)}
        )
    if decision.rejects_campaign:
        update.update(
            status="rejected",
            status_reason=f"campaign rejected by {decision.approver}"
            + (f": {decision.comment}" if decision.comment else ""),
        )
        return Command(goto=cast(Literal["__end__"], END), update=update)
    if kind == "clarify":
        answer = decision.answer or decision.comment
        asked = [str(i.get("missing")) for i in pending.get("items", []) if i.get("missing")]
        update.update(
            brief_text=merge_answer(state["brief_text"], asked, answer, svc.check_date()), status="planning"
        )
        return Command(goto="planner", update=update)
    if kind == "launch":
        return cast(Command[Any], _decide_launch(state, decision, items, update))
    decided = _decide_exceptions(state, pending, decision, items, _verifier(svc, state))
    redraft = decided.pop("_redraft")
    update.update(decided)
    if redraft:  # nothing safe was left to publish: Content redrafts these with the approved key messages
        sends = content_tasks(
            {**state, **update, "assets": {**(state.get("assets") or {}), **decided["assets"]}}, redraft
        )
        return Command(goto=sends, update=update)
    return Command(goto="governance", update=update)


def _replay_fields(raw: Any) -> dict[str, Any]:
    """What a recorded decision needs besides the record to be applied again (edits, answer)."""
    if not isinstance(raw, dict):
        return {}
    fields = {k: raw[k] for k in ("edits", "answer") if raw.get(k)}
    if (
        isinstance(raw.get("items"), dict) and raw["items"]
    ):  # per-item decisions (a record's own 'items' is ids)
        fields["item_decisions_raw"] = raw["items"]
    return fields


def recorded_decision(events: Any, state: dict[str, Any]) -> dict[str, Any] | None:
    """The decision recorded for the review a campaign waits on, when a crash stopped it being applied.

    ``human_review`` logs a decision (deterministic id per review number) before acting on it; if the process
    died after that, the checkpoint still waits on the review. Resuming must apply the recorded decision, not ask
    again: a second person's answer would otherwise be applied under the first person's logged name.

    Returns:
        The resume value to apply again, or None when no decision was recorded for the pending review.
    """
    n = len(state.get("decisions") or [])
    event = events.get(event_id(state["campaign_id"], "human.decision", str(n)))
    if event is None:
        return None
    payload = dict(event.payload)
    replay = {
        "decision": payload.get("decision"),
        "approver": payload.get("approver"),
        "comment": payload.get("comment", ""),
        **{k: payload[k] for k in ("edits", "answer") if payload.get(k)},
    }
    if payload.get("item_decisions_raw"):
        replay["items"] = payload["item_decisions_raw"]
    return replay


def validate_resume(
    raw: Any, state: Mapping[str, Any], approvers: tuple[str, ...]
) -> tuple[Decision, dict[str, ItemDecision]]:
    """Everything the node checks before acting on a resume value, so callers can refuse early and alike.

    Raises:
        ApprovalRefused: malformed value, approver not allowed, empty answer, unknown item, bad item action.
    """
    pending = state.get("pending_review") or {}
    kind = pending.get("kind", "exceptions")
    decision = parse_decision(raw, () if kind == "clarify" else approvers)
    if (
        kind == "clarify"
        and decision.decision != "reject"
        and not (decision.answer or decision.comment).strip()
    ):
        raise ApprovalRefused("a clarifying answer needs text (answer)")
    items = {} if kind == "clarify" or decision.rejects_campaign else per_item(decision, pending)
    if kind in ("exceptions", "launch"):
        _check_asset_actions(state, items)
    return decision, items


def _check_asset_actions(state: Mapping[str, Any], items: dict[str, ItemDecision]) -> None:
    """Edit and restore apply to assets only; a restore names a recorded version."""
    for iid, d in items.items():
        if d.decision in ("edit", "restore") and iid not in (state.get("assets") or {}):
            raise ApprovalRefused(f"item {iid!r} is not an asset: approve or reject it")
        if d.decision == "restore":
            try:
                restored_fields(state.get("asset_versions") or {}, iid, int(d.version or 0))
            except KeyError as exc:
                raise ApprovalRefused(str(exc.args[0])) from None


def _human_version(
    state: CampaignState, aid: str, fields: dict[str, str], decision: Decision, note: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A new asset version written by the reviewer, and its ``human_edits`` mark."""
    asset = Asset.model_validate((state.get("assets") or {})[aid])
    allowed = {k: v for k, v in fields.items() if k in ("subject", "headline", "body", "cta")}
    new = asset.model_copy(update={**allowed, "version": asset.version + 1, "revision_notes": [note]})
    dumped = Asset.model_validate(new.model_dump()).model_dump(mode="json")
    return dumped, {"version": new.version, "approver": decision.approver}


def _reviewer_versions(
    state: CampaignState, decision: Decision, items: dict[str, ItemDecision]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """New asset versions for the items the reviewer edited or restored (assets only)."""
    assets, marks = {}, {}
    for aid, d in items.items():
        if aid not in (state.get("assets") or {}):
            continue
        if d.decision == "edit":
            assets[aid], marks[aid] = _human_version(
                state, aid, d.edits, decision, f"edited by {decision.approver}"
            )
        elif d.decision == "restore":
            fields = restored_fields(state.get("asset_versions") or {}, aid, int(d.version or 0))
            assets[aid], marks[aid] = _human_version(
                state, aid, fields, decision, f"v{d.version} restored by {decision.approver}"
            )
    return assets, marks


def _withhold_for(state: CampaignState, iid: str) -> list[str]:
    """Assets a rejected item withdraws: the asset itself, or every asset sent to a rejected list."""
    assets = state.get("assets") or {}
    if iid in assets:
        return [iid]
    lists = state.get("lists") or {}
    channels = (
        {iid.removeprefix(LIST_PREFIX)}
        if iid.startswith(LIST_PREFIX)
        else {ch for ch, t in lists.items() if t.get("id") == iid}
    )
    return [aid for aid, a in assets.items() if a.get("channel") in channels]


def _decide_launch(
    state: CampaignState, decision: Decision, items: dict[str, ItemDecision], update: dict[str, Any]
) -> Command[Literal["governance", "orchestrator", "__end__"]]:
    withheld = list(state.get("withheld_assets") or [])
    for iid, d in items.items():
        if d.decision == "reject":
            withheld.extend(a for a in _withhold_for(state, iid) if a not in withheld)
    new_assets, marks = _reviewer_versions(state, decision, items)
    update.update(withheld_assets=withheld)
    if new_assets:  # an edited or restored asset is checked again, then comes back to this card
        update.update(
            assets=new_assets, human_edits={**(state.get("human_edits") or {}), **marks}, status="governing"
        )
        return Command(goto="governance", update=update)
    if not [a for a in (state.get("assets") or {}) if a not in withheld]:
        update.update(
            status="rejected",
            status_reason=f"every asset was rejected by {decision.approver}: nothing to publish",
        )
        return Command(goto=cast(Literal["__end__"], END), update=update)
    update.update(launch_approved=True, status="launching")
    return Command(goto="orchestrator", update=update)


def _verifier(svc: Services, state: CampaignState) -> Verify:
    """Every guard governance runs, bound to this campaign (library, send date, claim index)."""
    blueprint = Blueprint.model_validate(state["blueprint"]) if state.get("blueprint") else None
    library = svc.library(state["brand"])
    on = send_date(blueprint, svc.check_date())
    index = svc.claim_index(state["brand"])
    return lambda asset: check_asset(asset, library, check_date=on, index=index)


def _decide_exceptions(
    state: CampaignState,
    pending: dict[str, Any],
    decision: Decision,
    items: dict[str, ItemDecision],
    verify: Verify | None = None,
) -> dict[str, Any]:
    assets = dict(state.get("assets") or {})
    withheld = list(state.get("withheld_assets") or [])
    accepted = list(state.get("accepted_exceptions") or [])
    human_edits = dict(state.get("human_edits") or {})
    redraft: dict[str, list[dict[str, Any]]] = {}
    by_asset: dict[str, list[GovernanceException]] = {}
    for item in pending.get("items", []):
        exc = GovernanceException.model_validate({k: v for k, v in item.items() if k not in ITEM_EXTRAS})
        chosen = items.get(exc.subject_id, ItemDecision(decision="approve"))
        if chosen.decision == "reject":
            withheld.extend(a for a in _withhold_for(state, exc.subject_id) if a not in withheld)
        elif exc.subject_type == "asset":
            by_asset.setdefault(exc.subject_id, []).append(exc)
        else:
            accepted.append(fingerprint(exc))
    overrides = dict(state.get("key_message_overrides") or {})
    approved = {aid: excs for aid, excs in by_asset.items() if items[aid].decision == "approve"}
    overrides.update(_key_message_overrides(state, assets, approved))
    new_assets, marks = _reviewer_versions(state, decision, {a: items[a] for a in by_asset})
    human_edits.update(marks)
    for aid, excs in approved.items():
        asset = Asset.model_validate(assets[aid])
        fixed = apply_safe_fixes(asset, excs, verify)
        edited_by_human = (human_edits.get(aid) or {}).get("version") == asset.version
        outcome = after_approval(fixed=fixed is not None, edited_by_reviewer=edited_by_human)
        if outcome == "fixed" and fixed is not None:
            new_assets[aid] = Asset.model_validate(fixed.model_dump()).model_dump(mode="json")
            if edited_by_human:  # the reviewer's own text, with the safe fixes they approved: still theirs
                human_edits[aid] = {"version": fixed.version, "approver": decision.approver}
        elif outcome == "redraft":
            redraft[aid] = [{**f.model_dump(), "validator": e.validator} for e in excs for f in e.findings]
        # 'reviewer': never handed to Content; governance flags it again and it comes back to the reviewer
    history = state.get("revision_history") or {}
    marked = {aid: mark(list(history.get(aid) or []), approved=True) for aid in approved if history.get(aid)}
    return {
        "assets": new_assets,
        "withheld_assets": withheld,
        "accepted_exceptions": accepted,
        "key_message_overrides": overrides,
        "human_edits": human_edits,
        "status": "governing",
        "_redraft": redraft,
        "revision_history": marked,
    }


def _key_message_overrides(
    state: CampaignState, assets: dict[str, Any], by_asset: dict[str, list[GovernanceException]]
) -> dict[str, str]:
    """Per region, what an approved key message becomes: the claims check's approved wording when that is the
    only finding on it there, else nothing (the line is dropped). Keys are 'REGION::message'."""
    out: dict[str, str] = {}
    for aid, excs in by_asset.items():
        region = assets[aid]["region"]
        for message in key_messages(state, region):
            hits = [(e.validator, f) for e in excs for f in e.findings if f.text and _same(f.text, message)]
            if not hits:
                continue
            key = f"{region}::{message}"
            fixes = {f.suggested_fix for v, f in hits if v == CLAIMS and f.suggested_fix}
            clean = all(v == CLAIMS and f.suggested_fix for v, f in hits) and len(fixes) == 1
            value = fixes.pop() if clean else ""
            out[key] = value if out.get(key, value) == value else ""  # assets of a region disagree: drop
    return out


def _same(a: str, b: str) -> bool:
    return fold_text(a) == fold_text(b)


def _decide_budget(
    svc: Services,
    state: CampaignState,
    pending: dict[str, Any],
    decision: Decision,
    items: dict[str, ItemDecision],
) -> dict[str, Any]:
    """Each change decided alone: applied by the ledger (caps and kill-switch inside it), edited, or rejected."""
    changes: dict[str, Any] = {}
    with campaign_lock(svc.settings.store("locks"), state["campaign_id"], purpose="budget approval"):
        for item in pending.get("items", []):
            change = BudgetChange.model_validate(item)
            chosen = items.get(change.id) or ItemDecision(
                decision="reject" if decision.rejects_campaign else "approve"
            )
            if chosen.decision == "reject":
                result = change.model_copy(update={"status": "rejected", "decided_by": decision.approver})
            else:
                if chosen.decision == "edit":
                    exp = exponent(change.currency or "USD")
                    to = from_minor(to_minor(chosen.edits["to_amount"], exp, "the edited to_amount"), exp)
                    delta = (to - change.from_amount) / change.from_amount if change.from_amount else 0.0
                    change = change.model_copy(
                        update={
                            "to_amount": to,
                            "delta_pct": delta,
                            "reason": f"{change.reason} (amount set by {decision.approver})",
                        }
                    )
                result = svc.ledger.apply_change(change, approved_by=decision.approver)
            changes[change.id] = result.model_dump(mode="json")
    return {"budget_changes": changes, "status": "launched", "status_reason": ""}
