"""Approval cards: what a pending review shows (items with their evidence) and the resume value it sends."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.review.decisions import EDITABLE_FIELDS, item_id
from graph.views.text import money, pct

ITEM_ACTIONS = {"approve": "Approve", "edit": "Edit", "reject": "Reject"}
"""Per-item choices a card offers (labels); restores are added per earlier version."""


@dataclass(frozen=True)
class FindingView:
    """One flagged sentence and why."""

    sentence: str
    verdict: str
    reason: str
    evidence: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    fix: str | None = None
    judged_by: str = "rules"


@dataclass
class ReviewItemView:
    """One item of a card (an exception, a budget change, a launch scope or a question)."""

    heading: str
    reasons: list[str] = field(default_factory=list)
    findings: list[FindingView] = field(default_factory=list)
    asset_id: str | None = None
    asset_fields: dict[str, str] = field(default_factory=dict)
    facts: list[tuple[str, str]] = field(default_factory=list)
    item_id: str = ""
    """The id a per-item decision names (``graph.review.decisions.item_id``)."""
    item_type: str = "other"
    """'asset', 'list', 'budget' or 'other' (blueprint findings, questions)."""
    channel: str = ""
    region: str = ""
    version: int | None = None
    edited_by: str = ""
    """Who wrote this version when it is a reviewer's edit a guard flagged: it comes back to them unchanged."""


@dataclass
class ReviewCard:
    """A pending review as the app shows it."""

    kind: str
    title: str
    intro: str
    items: list[ReviewItemView]
    options: list[str]
    consequences: dict[str, str] = field(default_factory=dict)

    @property
    def editable(self) -> bool:
        """True when the reviewer may edit copy (exceptions on assets)."""
        return "edit" in self.options and any(i.asset_id for i in self.items)


def review_card(pending: Mapping[str, Any]) -> ReviewCard:
    """Build the card of a pending review (the graph's ``interrupt`` payload)."""
    kind = str(pending.get("kind", "exceptions"))
    items = list(pending.get("items") or [])
    options = list(pending.get("options") or ["approve", "reject"])
    if kind == "clarify":
        return ReviewCard(
            kind,
            "The Planner needs an answer",
            "The brief lacks something essential; it asks instead of guessing. Answer in the chat.",
            [
                ReviewItemView(str(i.get("question", "")), facts=[("missing", str(i.get("missing", "")))])
                for i in items
            ],
            options,
            {"answer": "The Planner re-reads the brief with your answer.", "reject": "Ends the campaign."},
        )
    if kind == "budget":
        return ReviewCard(
            kind,
            f"Approve {len(items)} budget change(s)",
            "The Optimizer proposes moving budget above the approval threshold. Decide each change on "
            "its own; caps and the kill-switch still apply inside the ledger.",
            [_budget_item(i) for i in items],
            options,
            {
                "approve": "The ledger applies each approved change (inside the hard caps).",
                "reject": "Budgets stay as they are; the campaign keeps running.",
            },
        )
    if kind == "launch":
        auto = list(pending.get("auto_scopes") or [])
        intro = (
            "Nothing is published until you approve: here is every asset as it will ship and every list it "
            "goes to. Reject an asset or a list and the rest launches without it."
        )
        if auto:
            intro += f" Publishing automatically (autonomy dial: auto): {', '.join(auto)}."
        return ReviewCard(
            kind,
            "Approve the launch",
            intro,
            [_launch_item(i) for i in items],
            options,
            {
                "approve": "Publishes the approved assets to their lists.",
                "reject": "Nothing is published; the campaign ends.",
            },
        )
    views = [_exception_item(i) for i in items]
    return ReviewCard(
        kind,
        f"{len(items)} governance exception(s) need a decision",
        _exceptions_intro(views),
        views,
        options,
        {
            "approve": "Applies the safe fix to each flagged sentence (or removes it), then re-checks; "
            "an asset that cannot be fixed is redrafted, or comes back to you if you wrote it.",
            "edit": "Your edited copy replaces the asset's fields, then governance re-checks it; any "
            "finding on your text comes back to you.",
            "reject": "Ends the campaign; nothing is published.",
        },
    )


def _exceptions_intro(items: list[ReviewItemView]) -> str:
    """What the exceptions card says first: a reviewer's edit that came back is named as such (Content never
    rewrites it), the other exceptions are the checks Content may not settle on its own."""
    edits: dict[str, set[str]] = {}
    for i in items:
        if i.edited_by:
            edits.setdefault(i.edited_by, set()).add(i.heading)
    others = sum(not i.edited_by for i in items)
    lines = [
        f"{who}'s edit of {len(heads)} asset(s) failed a check: it comes back to the reviewer with the "
        "findings, unchanged (Content never rewrites a reviewer's edit). Edit it again, restore an earlier "
        "version, approve the safe fixes, or reject the asset."
        for who, heads in sorted(edits.items())
    ]
    if others or not lines:
        lines.append(
            f"{others} other check(s) failed and Content may not settle them on its own."
            if lines
            else "These checks failed and Content may not settle them on its own."
        )
    return " ".join(lines)


def _exception_item(item: Mapping[str, Any]) -> ReviewItemView:
    asset = item.get("asset") or {}
    heading = f"{item.get('subject_type', 'asset')} {item.get('subject_id', '')}"
    if asset:
        heading = f"{asset.get('channel')} / {asset.get('region')} / variant {asset.get('variant')} (v{asset.get('version')})"
    findings = [
        FindingView(
            str(f.get("text", "")),
            str(f.get("verdict", "")),
            str(f.get("reason", "")),
            tuple(f.get("evidence") or ()),
            tuple(f.get("claims") or ()),
            f.get("suggested_fix"),
            str(f.get("judged_by", "rules")),
        )
        for f in item.get("findings") or []
    ]
    fields = {k: str(asset[k]) for k in EDITABLE_FIELDS if asset.get(k)}
    is_asset = item.get("subject_type") == "asset"
    return ReviewItemView(
        heading,
        [str(r) for r in item.get("reasons") or []],
        findings,
        asset_id=str(item.get("subject_id")) if is_asset else None,
        asset_fields=fields,
        facts=[("validator", str(item.get("validator", ""))), *_history_facts(item.get("history") or [])],
        item_id=item_id(item),
        item_type="asset" if is_asset else str(item.get("subject_type")),
        channel=str(asset.get("channel") or ""),
        region=str(asset.get("region") or ""),
        version=asset.get("version"),
        edited_by=str(item.get("edited_by") or "") if is_asset else "",
    )


def _launch_item(item: Mapping[str, Any]) -> ReviewItemView:
    if item.get("type") == "list":
        regions = ", ".join(f"{r}: {n:,}" for r, n in (item.get("by_region") or {}).items())
        excluded = ", ".join(f"{k} {v:,}" for k, v in (item.get("excluded") or {}).items())
        facts = [
            ("list", str(item.get("list_id") or "none built: the channel buys its audience")),
            (
                "eligible contacts",
                f"{int(item.get('eligible') or 0):,}" + (f" ({regions})" if regions else ""),
            ),
            ("control holdout", f"{int(item.get('holdout') or 0):,}"),
        ]
        facts += [("excluded", excluded)] if excluded else []
        return ReviewItemView(
            f"{item.get('channel')} list",
            facts=facts,
            item_id=item_id(item),
            item_type="list",
            channel=str(item.get("channel") or ""),
        )
    asset = item.get("asset") or {}
    if not asset:  # a launch card written before per-asset items (one scope, its asset ids)
        return ReviewItemView(
            f"{item.get('channel')} / {item.get('region')}",
            facts=[("assets", ", ".join(item.get("assets") or []))],
            item_id=item_id(item),
        )
    return ReviewItemView(
        f"{asset.get('channel')} / {asset.get('region')} / variant {asset.get('variant')} (v{asset.get('version')})",
        asset_id=str(asset.get("id")),
        asset_fields={k: str(asset[k]) for k in EDITABLE_FIELDS if asset.get(k)},
        facts=[("cites", ", ".join(asset.get("cited_claim_ids") or []) or "no claims")],
        item_id=item_id(item),
        item_type="asset",
        channel=str(asset.get("channel") or ""),
        region=str(asset.get("region") or ""),
        version=asset.get("version"),
    )


def _history_facts(history: list[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """The asset's versions so far and their findings (why a revision did not converge), one line each."""
    out = []
    for entry in history:
        route = {"content": "revised by Content", "human": "sent to a human", "withheld": "withheld"}.get(
            str(entry.get("route")), ""
        )
        approved = ", fix approved" if entry.get("approved") else ""
        n = len(entry.get("findings") or [])
        out.append((f"v{entry.get('version')}", f"{n} finding(s){'; ' + route if route else ''}{approved}"))
    return out


def _budget_item(item: Mapping[str, Any]) -> ReviewItemView:
    cur = str(item.get("currency") or "")
    target = str(item.get("channel", "")) + (f" / variant {item['variant']}" if item.get("variant") else "")
    facts = [
        ("evidence", str(item.get("evidence") or "not given by the Optimizer")),
        ("expected effect", str(item.get("expected_effect") or "not given by the Optimizer")),
        ("currency", cur or "not given"),
        ("change", str(item.get("id", ""))),
    ]
    return ReviewItemView(
        f"{target}: {money(item.get('from_amount'), cur)} -> {money(item.get('to_amount'), cur)} "
        f"({pct(item.get('delta_pct'), signed=True)})",
        [str(item.get("reason", ""))],
        facts=facts,
        item_id=item_id(item),
        item_type="budget",
        channel=str(item.get("channel") or ""),
    )


def decision_payload(
    action: str,
    approver: str,
    *,
    comment: str = "",
    answer: str = "",
    edits: Mapping[str, Mapping[str, str]] | None = None,
    originals: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """The resume value of a card action (see ``graph.nodes.human_review.Decision``).

    Args:
        action: 'approve', 'edit', 'reject' or 'answer'.
        approver: Identity of the person deciding.
        comment: Why.
        answer: Answer to clarifying questions.
        edits: Asset id -> {field: text} as edited on the card.
        originals: Asset id -> {field: text} before editing; unchanged fields are left out.

    Raises:
        ValueError: on an unknown action, an empty answer, or an edit that changes nothing.
    """
    if action not in ("approve", "edit", "reject", "answer"):
        raise ValueError(f"unknown review action {action!r}")
    out: dict[str, Any] = {"decision": action, "approver": approver, "comment": comment.strip()}
    if action == "answer":
        if not answer.strip():
            raise ValueError("type an answer to the question first")
        out["answer"] = answer.strip()
    if action == "edit":
        changed: dict[str, dict[str, str]] = {}
        for aid, fields in (edits or {}).items():
            before = (originals or {}).get(aid, {})
            diff = {
                k: v.strip()
                for k, v in fields.items()
                if k in EDITABLE_FIELDS and v.strip() != str(before.get(k, "")).strip()
            }
            if "body" in diff and not diff["body"]:
                raise ValueError(f"the body of {aid} cannot be empty: reject the campaign instead")
            if diff:
                changed[aid] = diff
        if not changed:
            raise ValueError("the edit changes nothing: change the copy, or approve the safe fix instead")
        out["edits"] = changed
    return out


def items_payload(
    approver: str,
    choices: Mapping[str, str],
    *,
    comment: str = "",
    edits: Mapping[str, Mapping[str, str]] | None = None,
    originals: Mapping[str, Mapping[str, str]] | None = None,
    amounts: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """The resume value of a card decided item by item (see ``graph.review.decisions``).

    Args:
        choices: item id -> 'approve', 'edit', 'reject' or 'restore:<version>'.
        edits: asset id -> {field: text} as on the card (only items chosen 'edit' are read).
        originals: asset id -> {field: text} before editing.
        amounts: budget change id -> new amount (items chosen 'edit' on a budget card).

    Raises:
        ValueError: an unknown choice, an edit that changes nothing or empties the body, a missing amount.
    """
    items: dict[str, dict[str, Any]] = {}
    for iid, choice in choices.items():
        action, _, version = choice.partition(":")
        if action == "restore" and version.isdigit():
            items[iid] = {"decision": "restore", "version": int(version)}
        elif action == "edit" and amounts is not None and iid in amounts:
            items[iid] = {"decision": "edit", "edits": {"to_amount": str(round(float(amounts[iid]), 2))}}
        elif action == "edit":
            before = (originals or {}).get(iid, {})
            fields = (edits or {}).get(iid, {})
            diff = {
                k: v.strip()
                for k, v in fields.items()
                if k in EDITABLE_FIELDS and v.strip() != str(before.get(k, "")).strip()
            }
            if "body" in diff and not diff["body"]:
                raise ValueError(f"the body of {iid} cannot be empty: reject that item instead")
            if not diff:
                raise ValueError(f"the edit of {iid} changes nothing: change its copy, or approve it")
            items[iid] = {"decision": "edit", "edits": diff}
        elif action in ("approve", "reject"):
            items[iid] = {"decision": action}
        else:
            raise ValueError(f"unknown choice {choice!r} for {iid}")
    return {"decision": "approve", "approver": approver, "comment": comment.strip(), "items": items}
