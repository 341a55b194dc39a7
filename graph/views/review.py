"""Approval cards: what a pending review shows (items with their evidence) and the resume value it sends."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.views.text import money, pct

EDITABLE_FIELDS = ("subject", "headline", "body", "cta")
"""Asset fields a reviewer may edit on an exceptions card."""


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


@dataclass
class ReviewCard:
    """A pending review as the app shows it."""

    kind: str
    title: str
    intro: str
    items: list[ReviewItemView]
    options: list[str]
    consequences: dict[str, str] = field(default_factory=dict)

    def grouped(self) -> list[tuple[str, list[ReviewItemView]]]:
        """Items grouped by heading (one asset may carry several exceptions), in first-seen order."""
        groups: dict[str, list[ReviewItemView]] = {}
        for item in self.items:
            groups.setdefault(item.heading, []).append(item)
        return list(groups.items())

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
        return ReviewCard(kind, "The Planner needs an answer", "The brief lacks something essential; it asks "
                          "instead of guessing. Answer in the chat.",
                          [ReviewItemView(str(i.get("question", "")), facts=[("missing", str(i.get("missing", "")))])
                           for i in items], options,
                          {"answer": "The Planner re-reads the brief with your answer.",
                           "reject": "Ends the campaign."})
    if kind == "budget":
        return ReviewCard(kind, f"Approve {len(items)} budget change(s)",
                          "The Optimizer proposes moving budget above the approval threshold. Caps still apply.",
                          [_budget_item(i) for i in items], options,
                          {"approve": "The ledger applies the change (inside the hard caps).",
                           "reject": "Budgets stay as they are; the campaign keeps running."})
    if kind == "launch":
        return ReviewCard(kind, "Approve the launch", "The autonomy dial is manual for these scopes: nothing "
                          "publishes there without your approval.",
                          [ReviewItemView(f"{i.get('channel')} / {i.get('region')}",
                                          facts=[("assets", ", ".join(i.get("assets") or []))]) for i in items],
                          options, {"approve": "Publishes the approved assets to their lists.",
                                    "reject": "Nothing is published; the campaign ends."})
    return ReviewCard(kind, f"{len(items)} governance exception(s) need a decision",
                      "These checks failed and Content may not settle them on its own.",
                      [_exception_item(i) for i in items], options,
                      {"approve": "Applies the safe fix to each flagged sentence (or removes it), then re-checks; "
                                  "an asset that cannot be fixed is withheld, never published.",
                       "edit": "Your edited copy replaces the asset's fields, then governance re-checks it.",
                       "reject": "Ends the campaign; nothing is published."})


def _exception_item(item: Mapping[str, Any]) -> ReviewItemView:
    asset = item.get("asset") or {}
    heading = f"{item.get('subject_type', 'asset')} {item.get('subject_id', '')}"
    if asset:
        heading = f"{asset.get('channel')} / {asset.get('region')} / variant {asset.get('variant')} (v{asset.get('version')})"
    findings = [
        FindingView(str(f.get("text", "")), str(f.get("verdict", "")), str(f.get("reason", "")),
                    tuple(f.get("evidence") or ()), tuple(f.get("claims") or ()), f.get("suggested_fix"),
                    str(f.get("judged_by", "rules")))
        for f in item.get("findings") or []
    ]
    fields = {k: str(asset[k]) for k in EDITABLE_FIELDS if asset.get(k)}
    return ReviewItemView(heading, [str(r) for r in item.get("reasons") or []], findings,
                          asset_id=str(item.get("subject_id")) if item.get("subject_type") == "asset" else None,
                          asset_fields=fields, facts=[("validator", str(item.get("validator", ""))),
                                                      *_history_facts(item.get("history") or [])])


def _history_facts(history: list[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """The asset's versions so far and their findings (why a revision did not converge), one line each."""
    out = []
    for entry in history:
        route = {"content": "revised by Content", "human": "sent to a human", "withheld": "withheld"}.get(
            str(entry.get("route")), "")
        approved = ", fix approved" if entry.get("approved") else ""
        n = len(entry.get("findings") or [])
        out.append((f"v{entry.get('version')}", f"{n} finding(s){'; ' + route if route else ''}{approved}"))
    return out


def _budget_item(item: Mapping[str, Any]) -> ReviewItemView:
    target = str(item.get("channel", "")) + (f" / variant {item['variant']}" if item.get("variant") else "")
    return ReviewItemView(
        f"{target}: {money(item.get('from_amount'))} -> {money(item.get('to_amount'))} "
        f"({pct(item.get('delta_pct'), signed=True)})",
        [str(item.get("reason", ""))],
        facts=[("change", str(item.get("id", ""))), ("status", str(item.get("status", "")))],
    )


def decision_payload(action: str, approver: str, *, comment: str = "", answer: str = "",
                     edits: Mapping[str, Mapping[str, str]] | None = None,
                     originals: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Any]:
    """The resume value of a card action (see ``graph.human_review.Decision``).

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
            diff = {k: v.strip() for k, v in fields.items() if k in EDITABLE_FIELDS and v.strip() != str(before.get(k, "")).strip()}
            if "body" in diff and not diff["body"]:
                raise ValueError(f"the body of {aid} cannot be empty: reject the campaign instead")
            if diff:
                changed[aid] = diff
        if not changed:
            raise ValueError("the edit changes nothing: change the copy, or approve the safe fix instead")
        out["edits"] = changed
    return out
