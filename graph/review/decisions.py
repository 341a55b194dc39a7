"""A reviewer's decision on a pending review: one decision per item, or one for the whole card.

Resume value (``Command(resume=...)``)::

    {"decision": "approve" | "edit" | "reject" | "answer",   # the card action
     "approver": "<identity>", "comment": "...",
     "items": {"<item id>": {"decision": "approve" | "edit" | "reject" | "restore",
                             "edits": {"body": "..."}, "version": 2, "comment": "..."}},
     "edits": {"<asset id>": {"field": "text"}},               # the older whole-card edit form
     "answer": "..."}

``decision: "reject"`` is the explicit campaign-level action (the whole card: on a governance or launch card it
ends the campaign; on a budget card it rejects every change and the campaign goes on). Any other card action is
the default for the items the ``items`` map does not name, so ``{"decision": "approve", "items": {"A":
{"decision": "reject"}}}`` approves everything but item A. Item ids are those of :func:`item_ids`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

ItemAction = Literal["approve", "edit", "reject", "restore"]
EDITABLE_FIELDS = ("subject", "headline", "body", "cta")
"""Asset fields a reviewer may edit."""


class ApprovalRefused(PermissionError):
    """The resume did not carry an allowed approver identity (or was malformed)."""


class ItemDecision(BaseModel):
    """The reviewer's decision on one item of a card (an asset, a list, a budget change, a launch scope)."""

    model_config = ConfigDict(extra="forbid")

    decision: ItemAction = Field(
        description="approve, edit (asset copy or budget amount), reject, restore (asset)."
    )
    edits: dict[str, str] = Field(
        default_factory=dict, description="field -> new text (assets) or to_amount."
    )
    version: int | None = Field(default=None, ge=1, description="Asset version to restore.")
    comment: str = Field(default="", description="Why, for this item.")


class Decision(BaseModel):
    """A reviewer's answer to a pending review."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "edit", "reject", "answer"] = Field(description="The card action.")
    approver: str = Field(min_length=1, description="Identity of the person deciding.")
    comment: str = Field(default="", description="Why.")
    edits: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="asset id -> {field: new text}."
    )
    items: dict[str, ItemDecision] = Field(default_factory=dict, description="item id -> its own decision.")
    answer: str = Field(default="", description="Answer to the Planner's clarifying questions.")

    @property
    def rejects_campaign(self) -> bool:
        """True for the explicit whole-card rejection."""
        return self.decision == "reject"


def parse_decision(raw: Any, approvers: tuple[str, ...]) -> Decision:
    """Validate a resume value and the approver's right to give it.

    Raises:
        ApprovalRefused: on a malformed value, a missing approver or one not in ``approvers``.
    """
    try:
        decision = Decision.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ApprovalRefused(
            f"invalid review decision: {'.'.join(map(str, err['loc']))}: {err['msg']}"
        ) from None
    if approvers and decision.approver not in approvers:
        raise ApprovalRefused(f"{decision.approver!r} is not an approver (LIFTOFF_APPROVERS)")
    return decision


def item_id(item: Mapping[str, Any]) -> str:
    """The id a decision names an item of a pending review by (an exception's subject, a change, a scope)."""
    return str(item.get("id") if "subject_id" not in item else item.get("subject_id"))


def item_ids(pending: Mapping[str, Any]) -> list[str]:
    """The decidable item ids of a pending review, in order, without repeats."""
    return list(dict.fromkeys(item_id(i) for i in pending.get("items") or []))


def per_item(decision: Decision, pending: Mapping[str, Any]) -> dict[str, ItemDecision]:
    """Expand a decision into one :class:`ItemDecision` per item of the card.

    Raises:
        ApprovalRefused: a decision names an item the card does not hold, an edit without text, an edit of a
            field that is not editable, or a restore without a version.
    """
    ids = item_ids(pending)
    unknown = [k for k in [*decision.items, *decision.edits] if k not in ids]
    if unknown:
        raise ApprovalRefused(f"no item {unknown[0]!r} on this card (items: {', '.join(ids) or 'none'})")
    default: ItemAction = "approve" if decision.decision in ("approve", "edit", "answer") else "reject"
    out: dict[str, ItemDecision] = {}
    for iid in ids:
        if iid in decision.items:
            chosen = decision.items[iid]
        elif iid in decision.edits:
            chosen = ItemDecision(decision="edit", edits=decision.edits[iid])
        else:
            chosen = ItemDecision(decision=default)
        _check(iid, chosen, pending)
        out[iid] = chosen
    return out


def _check(iid: str, chosen: ItemDecision, pending: Mapping[str, Any]) -> None:
    kind = pending.get("kind")
    if chosen.decision == "edit":
        allowed = ("to_amount",) if kind == "budget" else EDITABLE_FIELDS
        bad = [k for k in chosen.edits if k not in allowed]
        if bad or not chosen.edits:
            what = f"field {bad[0]!r} cannot be edited" if bad else "an edit needs the new text"
            raise ApprovalRefused(f"item {iid!r}: {what} (editable: {', '.join(allowed)})")
        if "body" in chosen.edits and not chosen.edits["body"].strip():
            raise ApprovalRefused(f"item {iid!r}: the body cannot be empty (reject the item instead)")
        if kind == "budget":
            try:
                if float(chosen.edits["to_amount"]) < 0:
                    raise ValueError
            except ValueError:
                raise ApprovalRefused(f"item {iid!r}: to_amount must be a number >= 0") from None
    if chosen.decision == "restore" and chosen.version is None:
        raise ApprovalRefused(f"item {iid!r}: a restore needs the version to restore")
    if chosen.decision in ("edit", "restore") and kind not in ("exceptions", "launch", "budget"):
        raise ApprovalRefused(f"item {iid!r}: {chosen.decision} is not possible on a {kind} card")
    if chosen.decision == "restore" and kind == "budget":
        raise ApprovalRefused(f"item {iid!r}: a budget change cannot be restored")
