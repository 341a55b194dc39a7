"""What the kill-switch does to this campaign right now, for the campaign page (not only the sidebar)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.review.autonomy import Autonomy, describe


@dataclass(frozen=True)
class SwitchView:
    """One engaged switch that covers part of the campaign."""

    scope: str
    actor: str
    reason: str
    covers: list[str]
    """The campaign's channel/region scopes it blocks."""


def campaign_scopes(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(channel, region) pairs the campaign publishes or spends in."""
    bp = values.get("blueprint") or {}
    return sorted(
        {(str(c["channel"]), str(r)) for c in bp.get("channels") or [] for r in c.get("regions") or []}
    )


def covering(states: Iterable[Any], values: Mapping[str, Any]) -> list[SwitchView]:
    """Engaged switches that block some of the campaign (global ones always do)."""
    scopes = campaign_scopes(values)
    out = []
    for s in states:
        if not s.engaged:
            continue
        parts = dict(p.split(":", 1) for p in s.scope.split("|") if ":" in p)
        hit = [
            f"{ch}/{rg}"
            for ch, rg in scopes
            if parts.get("channel", ch) == ch and parts.get("region", rg) == rg
        ]
        if s.scope == "global":
            out.append(SwitchView(s.scope, s.actor, s.reason or "", ["everything"]))
        elif hit:
            out.append(SwitchView(s.scope, s.actor, s.reason or "", hit))
    return out


def switch_off_line(states: Iterable[Any], values: Mapping[str, Any]) -> str:
    """The campaign page's kill-switch line when no engaged switch covers the campaign (it says so, and names
    switches engaged elsewhere)."""
    scopes = [f"{ch}/{rg}" for ch, rg in campaign_scopes(values)]
    elsewhere = sorted(s.scope for s in states if s.engaged)
    line = (
        "Kill-switch off for this campaign"
        + (f" ({', '.join(scopes)})" if scopes else "")
        + ": nothing blocks it."
    )
    if elsewhere:
        line += f" On elsewhere: {', '.join(elsewhere)}."
    return line


def autonomy_lines(spec: str) -> list[str]:
    """What the autonomy dial does, in plain words (for the home page)."""
    return describe(Autonomy.parse(spec))
