"""The review card in the app: one decision per item (approve, edit, reject, restore), the campaign-level
rejection as a separate action, the launch card's whole copy deck and lists, budget cards with their evidence.

Streamlit rendering only; what a card holds comes from :mod:`graph.views.review`, the resume value from
:func:`graph.views.review.items_payload`. Untrusted text is shown with ``st.text`` or Markdown-escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from graph.review.asset_versions import edit_comes_back, history
from graph.views.review import ITEM_ACTIONS, ReviewCard, ReviewItemView, items_payload, review_card
from graph.views.text import md_escape


@dataclass(frozen=True)
class CardContext:
    """What the card needs from the page: who decides, how to send a decision, what to preview with."""

    cid: str
    n: int
    """Number of decisions so far (keys widgets so a new card starts fresh)."""
    approver: str
    can_approve: bool
    reason: str
    submit: Callable[[dict[str, Any]], bool]
    """Send a resume value; True when the run was resumed (the page reruns)."""
    preview: Callable[[Mapping[str, Any]], None] | None = None
    """Render the preview of one asset (email inbox, SMS segments, ad limits)."""


def _choice_label(choice: str) -> str:
    action, _, version = choice.partition(":")
    return f"Restore v{version}" if action == "restore" else ITEM_ACTIONS.get(action, action)


def _options(card: ReviewCard, item: ReviewItemView, values: Mapping[str, Any]) -> list[str]:
    if item.item_type == "budget":
        return ["approve", "edit", "reject"]
    if item.item_type != "asset":
        return ["approve", "reject"]
    opts = ["approve", "edit", "reject"]
    versions = history(values.get("asset_versions") or {}, item.asset_id or "")
    opts += [f"restore:{v.version}" for v in versions if item.version is None or v.version < item.version]
    return opts


def _findings(item: ReviewItemView) -> None:
    back = (
        edit_comes_back(item.edited_by) if item.edited_by else None
    )  # said once per asset, above its findings
    if not item.findings:
        for reason in item.reasons:
            if reason != back:
                st.text(f"• {reason}")
    for f in item.findings:
        if f.sentence:
            st.markdown(f":red[:material/cancel:] :red-background[{md_escape(f.sentence)}]")
        details = [f"Why: {f.reason or f.verdict}"]
        details += [f"Approved wording: {' | '.join(f.evidence)}"] if f.evidence else []
        details += [f"Safe fix: {f.fix}"] if f.fix else []
        st.caption("  \n".join(md_escape(d) for d in details))


def _copy(fields: Mapping[str, str]) -> None:
    for name, value in fields.items():
        st.caption(md_escape(name))
        st.text(value)


def render_review(pending: Mapping[str, Any], values: Mapping[str, Any], ctx: CardContext) -> None:
    """Draw a pending review (not the Planner's questions: those are in the chat) and send the decision."""
    card = review_card(pending)
    with st.container(border=True):
        st.subheader(f":material/front_hand: {md_escape(card.title)}")
        st.caption(md_escape(card.intro))
        if pending.get("last_refusal"):
            st.error(f"Not applied: {md_escape(pending['last_refusal'])}")
        choices: dict[str, str] = {}
        edits: dict[str, dict[str, str]] = {}
        originals: dict[str, dict[str, str]] = {}
        amounts: dict[str, float] = {}
        groups = _grouped(card)
        if card.kind == "launch":
            assets = sum(g[1][0].item_type == "asset" for g in groups)
            lists = sum(g[1][0].item_type == "list" for g in groups)
            st.markdown(f"**Copy deck: {assets} asset(s) · {lists} list(s)**")
        for g, (iid, items) in enumerate(groups):
            head = items[0]
            issues = sum(max(1, len(i.findings)) for i in items)
            count = f" ({issues} issue{'s' * (issues != 1)})" if card.kind == "exceptions" else ""
            with st.expander(
                f"{md_escape(head.heading)}{count}",
                expanded=card.kind == "launch" or g < 2 or bool(head.edited_by),
            ):
                if (
                    head.edited_by and card.kind != "launch"
                ):  # the reviewer's own text failed a check: theirs to decide
                    st.warning(md_escape(edit_comes_back(head.edited_by)), icon=":material/undo:")
                for item in items:
                    _findings(item)
                    for name, value in item.facts:
                        st.caption(f"{md_escape(name)}: {md_escape(value)}")
                if head.item_type == "asset" and head.edited_by and card.kind != "launch":
                    st.markdown(f"**{md_escape(head.edited_by)}'s edit, as saved (unchanged)**")
                    _copy(head.asset_fields)
                if head.item_type == "asset" and card.kind == "launch":
                    _copy(head.asset_fields)
                    if ctx.preview is not None:
                        asset = (values.get("assets") or {}).get(head.asset_id or "")
                        if asset:
                            ctx.preview(asset)
                if not ctx.can_approve:
                    continue
                opts = _options(card, head, values)
                choice = st.radio(
                    "Decision for this item",
                    opts,
                    format_func=_choice_label,
                    horizontal=True,
                    key=f"item-{ctx.cid}-{ctx.n}-{iid}",
                )
                choices[iid] = str(choice)
                if choice == "edit" and head.item_type == "asset" and head.asset_id:
                    originals[iid] = dict(head.asset_fields)
                    edits[iid] = {
                        name: st.text_area(
                            f"{iid}: {name}", value=value, key=f"edit-{ctx.cid}-{ctx.n}-{iid}-{name}"
                        )
                        for name, value in head.asset_fields.items()
                    }
                elif choice == "edit" and head.item_type == "budget":
                    item_data: Mapping[str, Any] = next(
                        (i for i in pending.get("items") or [] if str(i.get("id")) == iid), {}
                    )
                    amounts[iid] = st.number_input(
                        f"New amount ({item_data.get('currency') or 'budget currency'})",
                        min_value=0.0,
                        value=float(item_data.get("to_amount") or 0.0),
                        step=100.0,
                        key=f"amount-{ctx.cid}-{ctx.n}-{iid}",
                    )
        if not ctx.can_approve:
            st.info(f"Only approvers can decide this review ({md_escape(ctx.reason)}).")
            return
        comment = st.text_input("Comment (recorded in the audit trail)", key=f"comment-{ctx.cid}-{ctx.n}")
        _actions(card, ctx, choices, comment, edits, originals, amounts)


def _grouped(card: ReviewCard) -> list[tuple[str, list[ReviewItemView]]]:
    groups: dict[str, list[ReviewItemView]] = {}
    for item in card.items:
        groups.setdefault(item.item_id or item.heading, []).append(item)
    return list(groups.items())


def _actions(
    card: ReviewCard,
    ctx: CardContext,
    choices: dict[str, str],
    comment: str,
    edits: dict[str, dict[str, str]],
    originals: dict[str, dict[str, str]],
    amounts: dict[str, float],
) -> None:
    rejected = [i for i, c in choices.items() if c == "reject"]
    everything_approved = all(c == "approve" for c in choices.values())
    label = "Approve" if everything_approved else "Apply these decisions"
    go, stop = st.columns(2)
    help_text = (
        card.consequences.get("approve")
        if everything_approved
        else (
            f"{len(rejected)} item(s) rejected, the rest approved or edited; "
            + card.consequences.get("approve", "")
        )
    )
    if go.button(label, key=f"approve-{ctx.cid}-{ctx.n}", type="primary", width="stretch", help=help_text):
        try:
            payload = items_payload(
                ctx.approver,
                choices,
                comment=comment,
                edits=edits,
                originals=originals,
                amounts=amounts if card.kind == "budget" else None,
            )
        except ValueError as exc:
            st.error(md_escape(exc))
            return
        if ctx.submit(payload):
            st.rerun()
    stop_label = "Reject all changes" if card.kind == "budget" else "Reject the campaign"
    stopped = stop.button(
        stop_label, key=f"reject-{ctx.cid}-{ctx.n}", width="stretch", help=card.consequences.get("reject")
    )
    if stopped and ctx.submit({"decision": "reject", "approver": ctx.approver, "comment": comment.strip()}):
        st.rerun()
