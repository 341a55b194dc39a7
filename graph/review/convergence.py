"""Revisions that converge and approvals that make progress: the per-asset history governance keeps.

Each governance pass records, per asset version, its failing findings. A content revision must reduce them; one
that does not goes to a human with the history (versions and findings). An approval must make progress: when a
finding a human approved a fix for comes back on a later version, the asset is withheld (never published) with
the reason, instead of asking again. Versions are bounded whatever happens.
"""

from __future__ import annotations

import re
from typing import Any

from graph.contracts import Asset, GovernanceException

HUMAN_ROUNDS = 3
"""Human approval rounds an asset may take on top of the content revision bound before it is withheld."""


def finding_keys(exceptions: list[GovernanceException]) -> list[str]:
    """Stable identity of each failing finding: validator plus the flagged words (or the reason)."""
    keys = []
    for exc in exceptions:
        for f in exc.findings or []:
            keys.append(f"{exc.validator}|{_norm(f.text) or _norm(f.reason)}")
        if not exc.findings:
            keys.append(f"{exc.validator}|{_norm('; '.join(exc.reasons))}")
    return sorted(set(keys))


def record(
    history: dict[str, list[dict[str, Any]]], asset: Asset, exceptions: list[GovernanceException]
) -> list[dict[str, Any]]:
    """The asset's history with this version's entry (replacing an entry of the same version)."""
    entries = [e for e in history.get(asset.id, []) if e.get("version") != asset.version]
    entries.append(
        {
            "version": asset.version,
            "findings": finding_keys(exceptions),
            "reasons": [r for e in exceptions for r in e.reasons],
            "subject": asset.subject,
            "headline": asset.headline,
            "body": asset.body,
            "route": None,
            "approved": False,
        }
    )
    return sorted(entries, key=lambda e: e["version"])


def not_converging(entries: list[dict[str, Any]]) -> str | None:
    """Why the last content revision did not converge (no fewer findings than the version it revised), or None."""
    if len(entries) < 2:
        return None
    prev, cur = entries[-2], entries[-1]
    if prev.get("route") != "content":
        return None
    if len(cur["findings"]) >= len(prev["findings"]):
        return (
            f"revision v{prev['version']} -> v{cur['version']} did not reduce the findings "
            f"({len(prev['findings'])} -> {len(cur['findings'])}): a human decides"
        )
    return None


def approval_stalled(entries: list[dict[str, Any]], max_revisions: int) -> str | None:
    """Why the asset must be withheld rather than asked about again, or None.

    A finding a human already approved a fix for is back, or the asset ran past its version bound.
    """
    if not entries:
        return None
    cur = entries[-1]
    approved = {k for e in entries[:-1] if e.get("approved") for k in e["findings"]}
    back = sorted(set(cur["findings"]) & approved)
    if back:
        return (
            f"the approved fix did not remove {len(back)} finding(s) ({back[0].split('|', 1)[0]}); "
            f"withheld at v{cur['version']} for an edit"
        )
    bound = version_bound(max_revisions)
    if cur["findings"] and cur["version"] >= bound:
        return f"still failing at v{cur['version']} (bound v{bound}); withheld for an edit"
    return None


def version_bound(max_revisions: int) -> int:
    """The highest version an asset may reach while still failing."""
    return 1 + max_revisions + HUMAN_ROUNDS


def mark(entries: list[dict[str, Any]], **fields: Any) -> list[dict[str, Any]]:
    """The entries with the last one updated."""
    if not entries:
        return entries
    return [*entries[:-1], {**entries[-1], **fields}]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()
