"""Human review: the one place the graph stops for a person (LangGraph ``interrupt``).

Resume with ``Command(resume={"decision": "approve"|"edit"|"reject", "approver": "<identity>",
"comment": "...", "edits": {asset_id: {field: text}}, "answer": "..."})``. A resume without an approver
identity (or, when ``LIFTOFF_APPROVERS`` is set, from someone not listed) is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal, cast

from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.agent_io import emit, event_id
from graph.content import content_tasks, ensure_disclaimers, key_messages
from graph.context import CampaignContext
from graph.contracts import Asset, BudgetChange, GovernanceException, ValidatorResult
from graph.convergence import mark
from graph.governance import fingerprint, normalize_text
from graph.state import CampaignState
from guards.claims import VALIDATOR as CLAIMS
from guards.disclaimers import VALIDATOR as DISCLAIMERS
from guards.sentences import split_sentences


class ApprovalRefused(PermissionError):
    """The resume did not carry an allowed approver identity (or was malformed)."""


class Decision(BaseModel):
    """A reviewer's answer to a pending review."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "edit", "reject", "answer"] = Field(description="What the reviewer decided.")
    approver: str = Field(min_length=1, description="Identity of the person deciding.")
    comment: str = Field(default="", description="Why.")
    edits: dict[str, dict[str, str]] = Field(default_factory=dict, description="asset id -> {field: new text}.")
    answer: str = Field(default="", description="Answer to the Planner's clarifying questions.")


def parse_decision(raw: Any, approvers: tuple[str, ...]) -> Decision:
    """Validate a resume value and the approver's right to give it.

    Raises:
        ApprovalRefused: on a malformed value, a missing approver or one not in ``approvers``.
    """
    try:
        decision = Decision.model_validate(raw)
    except ValidationError as exc:
        raise ApprovalRefused(f"invalid review decision: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from None
    if approvers and decision.approver not in approvers:
        raise ApprovalRefused(f"{decision.approver!r} is not an approver (LIFTOFF_APPROVERS)")
    return decision


def _replace_sentence(text: str | None, flagged: str, replacement: str | None, protected: list[str]) -> str | None:
    """``text`` with every whole sentence holding ``flagged`` replaced by ``replacement`` or removed.

    Never edits inside a sentence (deleting a word can change what it says) and never touches a protected span
    (a disclaimer inserted verbatim).
    """
    if not text or not flagged.strip():
        return text
    key = normalize_text(flagged)
    guarded = [normalize_text(p) for p in protected]
    if replacement and normalize_text(replacement) in normalize_text(text):
        replacement = None  # the approved wording is already there: drop the flagged line instead of repeating it
    out: list[str] = []
    for sentence in split_sentences(text):
        norm = normalize_text(sentence)
        if key and key in norm and not any(norm in g for g in guarded if g):
            if replacement:
                out.append(replacement.strip())
                replacement = None
            continue
        out.append(sentence)
    return " ".join(out).strip()


Verify = Callable[[Asset], list[ValidatorResult]]
"""Every guard on a candidate fix (governance's ``check_asset`` bound to the campaign's library and send date)."""


def apply_safe_fixes(asset: Asset, exceptions: list[GovernanceException], verify: Verify | None = None
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
            spans += [f.suggested_fix for f in exc.findings if f.suggested_fix and f.suggested_fix not in spans]
    fixed = asset.model_copy(update={**{k: v or None for k, v in fields.items() if k != "body"},
                                     "body": fields["body"], "version": asset.version + 1,
                                     "disclaimer_spans": spans,
                                     "revision_notes": [f"approved fix: {r}" for e in exceptions for r in e.reasons]})
    if verify is not None and not all(r.passed for r in verify(fixed)):
        return None
    return fixed


def human_review(state: CampaignState, runtime: Runtime[CampaignContext]
                 ) -> Command[Literal["planner", "content", "governance", "human_review", "orchestrator", "analytics",
                                      "__end__"]]:
    """Stop for a person; apply their decision. Nothing happens before ``interrupt`` so a re-run repeats nothing."""
    pending = state.get("pending_review") or {}
    raw = interrupt(pending)
    svc = runtime.context.services
    kind = pending.get("kind", "exceptions")
    try:
        decision = parse_decision(raw, () if kind == "clarify" else svc.settings.approvers)
        if kind == "clarify" and decision.decision != "reject" and not (decision.answer or decision.comment).strip():
            raise ApprovalRefused("a clarifying answer needs text (answer)")
    except ApprovalRefused as exc:
        # Refuse without consuming the review: log it and ask again (a fresh interrupt, same items).
        refusals = int(pending.get("refusals", 0)) + 1
        emit(svc, state, "human.refused", "human_review", {"kind": kind, "reason": str(exc),
                                                           "attempted_by": (raw or {}).get("approver")
                                                           if isinstance(raw, dict) else None},
             key=f"{len(state.get('decisions') or [])}:{refusals}")
        return Command(goto=cast(Literal["human_review"], "human_review"),
                       update={"pending_review": {**pending, "refusals": refusals, "last_refusal": str(exc)}})
    record = {"kind": kind, "decision": decision.decision, "approver": decision.approver,
              "comment": decision.comment, "at": datetime.now(UTC).isoformat(),
              "items": [i.get("id") or i.get("subject_id") or i.get("channel") for i in pending.get("items", [])]}
    n = len(state.get("decisions") or [])
    # Durable before anything acts on it: after a crash from here on, resume applies THIS decision (see
    # ``recorded_decision``) instead of asking again, so events, ledger and state name the same approver.
    emit(svc, state, "human.decision", "human_review", {**record, **_replay_fields(raw)}, key=str(n))
    update: dict[str, Any] = {"decisions": [*(state.get("decisions") or []), record], "pending_review": None}
    if decision.decision == "reject":
        update.update(status="rejected", status_reason=f"rejected by {decision.approver}"
                      + (f": {decision.comment}" if decision.comment else ""))
        if kind == "budget":
            return Command(goto="analytics", update={**update, **_decide_budget(svc, state, pending, decision, False)})
        return Command(goto=cast(Literal["__end__"], END), update=update)
    if kind == "clarify":
        from graph.clarify import merge_answer

        answer = decision.answer or decision.comment
        asked = [str(i.get("missing")) for i in pending.get("items", []) if i.get("missing")]
        update.update(brief_text=merge_answer(state["brief_text"], asked, answer, svc.check_date()), status="planning")
        return Command(goto="planner", update=update)
    if kind == "launch":
        update.update(launch_approved=True, status="launching")
        return Command(goto="orchestrator", update=update)
    if kind == "budget":
        return Command(goto="analytics", update={**update, **_decide_budget(svc, state, pending, decision, True)})
    decided = _decide_exceptions(state, pending, decision, _verifier(svc, state))
    redraft = decided.pop("_redraft")
    update.update(decided)
    if redraft:  # nothing safe was left to publish: Content redrafts these with the approved key messages
        sends = content_tasks({**state, **update, "assets": {**(state.get("assets") or {}), **decided["assets"]}},
                              redraft)
        return Command(goto=sends, update=update)
    return Command(goto="governance", update=update)


def _replay_fields(raw: Any) -> dict[str, Any]:
    """What a recorded decision needs besides the record to be applied again (edits, answer)."""
    if not isinstance(raw, dict):
        return {}
    return {k: raw[k] for k in ("edits", "answer") if raw.get(k)}


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
    return {"decision": payload.get("decision"), "approver": payload.get("approver"),
            "comment": payload.get("comment", ""), **_replay_fields(payload)}


def _verifier(svc: Any, state: CampaignState) -> Verify:
    """Every guard governance runs, bound to this campaign (library, send date, claim index)."""
    from graph.contracts import Blueprint
    from guards.governance import check_asset, send_date

    blueprint = Blueprint.model_validate(state["blueprint"]) if state.get("blueprint") else None
    library = svc.library(state["brand"])
    on = send_date(blueprint, svc.check_date())
    index = svc.claim_index(state["brand"])
    return lambda asset: check_asset(asset, library, check_date=on, index=index)


def _decide_exceptions(state: CampaignState, pending: dict[str, Any], decision: Decision,
                       verify: Verify | None = None) -> dict[str, Any]:
    assets = dict(state.get("assets") or {})
    withheld = list(state.get("withheld_assets") or [])
    accepted = list(state.get("accepted_exceptions") or [])
    new_assets: dict[str, Any] = {}
    redraft: dict[str, list[dict[str, Any]]] = {}
    by_asset: dict[str, list[GovernanceException]] = {}
    for item in pending.get("items", []):
        exc = GovernanceException.model_validate({k: v for k, v in item.items() if k not in ("asset", "history")})
        if exc.subject_type == "asset":
            by_asset.setdefault(exc.subject_id, []).append(exc)
        else:
            accepted.append(fingerprint(exc))
    overrides = dict(state.get("key_message_overrides") or {})
    if decision.decision == "approve":
        overrides.update(_key_message_overrides(state, assets, by_asset))
    for aid, excs in by_asset.items():
        asset = Asset.model_validate(assets[aid])
        if decision.decision == "edit" and aid in decision.edits:
            edits = {k: v for k, v in decision.edits[aid].items() if k in ("subject", "headline", "body", "cta")}
            fixed: Asset | None = asset.model_copy(update={**edits, "version": asset.version + 1,
                                                            "revision_notes": [f"edited by {decision.approver}"]})
        else:
            fixed = apply_safe_fixes(asset, excs, verify)
        if fixed is None and decision.decision == "approve":
            redraft[aid] = [{**f.model_dump(), "validator": e.validator} for e in excs for f in e.findings]
        elif fixed is None:
            withheld.append(aid)
        else:
            new_assets[aid] = Asset.model_validate(fixed.model_dump()).model_dump(mode="json")
    history = state.get("revision_history") or {}
    approved = {aid: mark(list(history.get(aid) or []), approved=True) for aid in by_asset if history.get(aid)} \
        if decision.decision == "approve" else {}
    return {"assets": new_assets, "withheld_assets": withheld, "accepted_exceptions": accepted,
            "key_message_overrides": overrides, "status": "governing", "_redraft": redraft,
            "revision_history": approved}


def _key_message_overrides(state: CampaignState, assets: dict[str, Any],
                           by_asset: dict[str, list[GovernanceException]]) -> dict[str, str]:
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
    return normalize_text(a) == normalize_text(b)


def _decide_budget(svc: Any, state: CampaignState, pending: dict[str, Any], decision: Decision, approve: bool
                   ) -> dict[str, Any]:
    from tools.lifecycle.lock import campaign_lock

    changes: dict[str, Any] = {}
    with campaign_lock(svc.settings.store("locks"), state["campaign_id"], purpose="budget approval"):
        for item in pending.get("items", []):
            change = BudgetChange.model_validate(item)
            if approve:
                result = svc.ledger.apply_change(change, approved_by=decision.approver)
            else:
                result = change.model_copy(update={"status": "rejected", "decided_by": decision.approver})
            changes[change.id] = result.model_dump(mode="json")
    return {"budget_changes": changes, **({} if approve else {"status": "launched", "status_reason": ""})}
