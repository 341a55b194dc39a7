"""Where a guard exception goes: back to Content for a rewrite, to a human, withheld, or already settled.

One pure decision (no I/O, no graph run) from the guards' findings, each asset's provenance (which version a
reviewer wrote), its revision history and the autonomy dial:

1. an exception a human already accepted on this subject version is settled;
2. a finding Content would rewrite on the marketer's own key message goes to a human (Content may not drop what
   the marketer asked for on its own);
3. an asset whose approved fix did not hold, or that ran past its version bound, is withheld; a Content revision
   that did not reduce the findings goes to a human;
4. a finding on a version a reviewer wrote goes back to that reviewer, never to Content (edits are never silently
   rewritten);
5. with no exception left, the autonomy dial decides whether a human approves the launch or it publishes.

After a reviewer approves an exception, :func:`after_approval` decides whether the safe fix stands, Content
redrafts, or the reviewer's own edit comes back to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from graph.contracts import Asset, GovernanceException
from graph.review.asset_versions import edit_comes_back
from graph.review.autonomy import Autonomy
from graph.review.convergence import approval_stalled, mark, not_converging, record
from guards.textnorm import fold_text

Next = Literal["content", "human", "launch_review", "publish"]
"""Where the campaign goes after a governance pass."""

AfterApproval = Literal["fixed", "redraft", "reviewer"]
"""What happens to an asset whose exceptions a reviewer approved."""

History = dict[str, list[dict[str, Any]]]
"""Per asset id, one entry per version (see :mod:`graph.review.convergence`)."""


def fingerprint(exc: GovernanceException, version: int = 1) -> str:
    """Identity of an exception on one subject version (used to record human acceptance)."""
    return f"{exc.subject_type}:{exc.subject_id}@{version}|{exc.validator}"


def _touches_key_message(exc: GovernanceException, key_messages: Sequence[str]) -> bool:
    norms = [fold_text(m) for m in key_messages if m.strip()]
    return any(
        f.text and any(fold_text(f.text) in m or m in fold_text(f.text) for m in norms) for f in exc.findings
    )


def _to_human(exc: GovernanceException, reason: str) -> GovernanceException:
    return exc.model_copy(update={"route": "human", "reasons": [*exc.reasons, reason]})


def route_exceptions(
    exceptions: Iterable[GovernanceException],
    *,
    key_messages: Sequence[str],
    accepted: set[str],
    versions: Mapping[str, int],
) -> list[GovernanceException]:
    """Rules 1 and 2: drop accepted exceptions; send a Content rewrite of the marketer's key message to a human."""
    out = []
    for exc in exceptions:
        if fingerprint(exc, versions.get(exc.subject_id, 1)) in accepted:
            continue
        if exc.route == "content" and _touches_key_message(exc, key_messages):
            exc = _to_human(exc, "the flagged line is the marketer's key message: a human decides")
        out.append(exc)
    return out


def converge(
    history: Mapping[str, list[dict[str, Any]]],
    assets: Sequence[Asset],
    exceptions: Sequence[GovernanceException],
    max_revisions: int,
) -> tuple[list[GovernanceException], History, dict[str, str]]:
    """Rule 3: record this pass in each asset's history; withhold an asset whose approved fix did not hold (or
    past its version bound); send a Content revision that did not reduce the findings to a human.

    Returns:
        The exceptions still to route, the updated history, and the withheld asset ids with the reason.
    """
    updated: History = {k: list(v) for k, v in history.items()}
    by_asset: dict[str, list[GovernanceException]] = {}
    for exc in exceptions:
        if exc.subject_type == "asset":
            by_asset.setdefault(exc.subject_id, []).append(exc)
    stalled: dict[str, str] = {}
    rerouted: dict[str, str] = {}
    for asset in assets:
        excs = by_asset.get(asset.id, [])
        entries = record(updated, asset, excs)
        why = approval_stalled(entries, max_revisions) if excs else None
        if why:
            stalled[asset.id] = why
            entries = mark(entries, route="withheld", outcome=why)
        elif any(e.route == "content" for e in excs):
            reason = not_converging(entries)
            if reason:
                rerouted[asset.id] = reason
        updated[asset.id] = entries
    out = []
    for exc in exceptions:
        if exc.subject_type == "asset" and exc.subject_id in stalled:
            continue
        if exc.subject_type == "asset" and exc.subject_id in rerouted and exc.route == "content":
            exc = _to_human(exc, rerouted[exc.subject_id])
        out.append(exc)
    return out, updated, stalled


def back_to_editor(
    exc: GovernanceException, human_edits: Mapping[str, Any], versions: Mapping[str, int]
) -> GovernanceException:
    """Rule 4: a finding on a version a reviewer wrote goes back to that reviewer, never to Content."""
    edit = human_edits.get(exc.subject_id) or {}
    if exc.subject_type != "asset" or edit.get("version") != versions.get(exc.subject_id):
        return exc
    who = edit.get("approver") or "the reviewer"
    return _to_human(exc, edit_comes_back(who))


@dataclass(frozen=True)
class RoutingDecision:
    """Where a governance pass sends the campaign, and why.

    Attributes:
        next: 'content' (rewrites), 'human' (exceptions to decide), 'launch_review' (the dial wants a person to
            approve the launch) or 'publish'.
        exceptions: The exceptions still open, each with its route and reasons.
        withheld: Asset ids withheld this pass, with the reason.
        history: The revision history with this pass recorded and its route marked.
        launch_scopes: (channel, region) scopes whose launch a human approves (for 'launch_review').
    """

    next: Next
    exceptions: list[GovernanceException]
    withheld: dict[str, str] = field(default_factory=dict)
    history: History = field(default_factory=dict)
    launch_scopes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def to_content(self) -> list[GovernanceException]:
        """The exceptions Content rewrites."""
        return [e for e in self.exceptions if e.route == "content"]

    @property
    def to_human(self) -> list[GovernanceException]:
        """The exceptions a human decides."""
        return [e for e in self.exceptions if e.route == "human"]


def decide(
    exceptions: Sequence[GovernanceException],
    *,
    assets: Sequence[Asset],
    key_messages: Sequence[str],
    accepted: set[str],
    human_edits: Mapping[str, Any],
    history: Mapping[str, list[dict[str, Any]]],
    max_revisions: int,
    autonomy: Autonomy,
    launch_approved: bool,
) -> RoutingDecision:
    """Route every exception of a governance pass (rules 1-4), then let the dial decide the launch (rule 5)."""
    versions = {a.id: a.version for a in assets}
    routed = route_exceptions(exceptions, key_messages=key_messages, accepted=accepted, versions=versions)
    routed, updated, stalled = converge(history, assets, routed, max_revisions)
    routed = [back_to_editor(e, human_edits, versions) for e in routed]
    for aid, entries in updated.items():
        routes = {e.route for e in routed if e.subject_id == aid}
        if aid not in stalled and entries:
            updated[aid] = mark(
                entries, route="content" if "content" in routes else ("human" if routes else None)
            )
    if any(e.route == "content" for e in routed):
        return RoutingDecision("content", routed, stalled, updated)
    if routed:
        return RoutingDecision("human", routed, stalled, updated)
    scopes = scopes_needing_approval([a for a in assets if a.id not in stalled], autonomy)
    if scopes and not launch_approved:
        return RoutingDecision("launch_review", routed, stalled, updated, scopes)
    return RoutingDecision("publish", routed, stalled, updated)


def scopes_needing_approval(assets: Iterable[Asset], autonomy: Autonomy) -> list[tuple[str, str]]:
    """(channel, region) scopes whose publishing the dial does not grant: a human approves their launch."""
    return sorted({(a.channel, a.region) for a in assets if autonomy.level(a.channel, a.region) != "auto"})


def auto_scopes(assets: Iterable[Asset], autonomy: Autonomy) -> list[tuple[str, str]]:
    """(channel, region) scopes the dial lets publish without a click."""
    return sorted({(a.channel, a.region) for a in assets if autonomy.level(a.channel, a.region) == "auto"})


def after_approval(*, fixed: bool, edited_by_reviewer: bool) -> AfterApproval:
    """An approved exception: the verified safe fix stands ('fixed'); otherwise Content redrafts, unless the
    version is the reviewer's own edit, which is never handed to Content: governance flags it again and it comes
    back to the reviewer."""
    if fixed:
        return "fixed"
    return "reviewer" if edited_by_reviewer else "redraft"
