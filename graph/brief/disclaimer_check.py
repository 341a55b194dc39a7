"""Disclaimers too long for a planned channel, found at plan time: the Planner asks before any copy is written.

A disclaimer is inserted once and verbatim, never cut, so a region whose disclaimers leave no room in a channel's
body would get ads that are the disclaimer alone (or too long to publish). The Planner names the region, the
disclaimer's length, the channel and its limit, and the two ways out: shorten the disclaimer in the library, or
drop the channel. An answer that drops a channel ('drop paid search', "don't run Google ads") is read here.
"""

from __future__ import annotations

import re

from graph.contracts import ChannelPlan
from graph.models.offline.channels import CHANNEL_RES
from guards.disclaimer_fit import DisclaimerConflict, conflicts
from guards.library import BrandLibrary

# a channel by the words people use for it (the brief reader's vocabulary) or by its id ('paid_search', 'paid search')
_CHANNEL_RX = {
    ch: (rx, re.compile(r"(?<![\w-])" + ch.replace("_", "[_ ]") + r"(?![\w])", re.IGNORECASE))
    for ch, rx in CHANNEL_RES.items()
}
_DROP = re.compile(
    r"\b(?:drop(?:ping)?|remove|skip|exclude|cut|leave out|lose|take out|do(?:n'?t| not) (?:use|run|plan|do|want))\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;!?\n]|\b(?:but|keep|instead of|rather than)\b", re.IGNORECASE)
_WITHOUT = re.compile(r"\b(?:without|no)\s+(?:the\s+|any\s+)?", re.IGNORECASE)


def drop_clauses(text: str) -> list[str]:
    """Each clause of the text that follows a verb of removal ('drop paid_search and display', "leave out CA")."""
    out = []
    for m in _DROP.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        out.append(text[m.end() : end.start() if end else len(text)])
    return out


def channel_drops(text: str) -> set[str]:
    """Channels the text asks to leave out of the plan: every channel named in a clause after a verb of removal
    ('drop paid_search and display', "don't run the Facebook ads"), or right after 'without'/'no' ('no SMS')."""
    out: set[str] = set()
    for clause in drop_clauses(text):
        out |= {ch for ch, rxs in _CHANNEL_RX.items() if any(rx.search(clause) for rx in rxs)}
    for m in _WITHOUT.finditer(text):
        out |= {ch for ch, rxs in _CHANNEL_RX.items() if any(rx.match(text, m.end()) for rx in rxs)}
    return out


def plan_conflicts(library: BrandLibrary, channels: list[ChannelPlan]) -> list[DisclaimerConflict]:
    """Each planned channel's regions whose disclaimers (always-required and the channel's own) cannot fit it."""
    out: list[DisclaimerConflict] = []
    for plan in channels:
        out += conflicts(lambda r, ch: library.disclaimers(r, channel=ch), plan.regions, [plan.channel])
    return out


def disclaimer_questions(found: list[DisclaimerConflict]) -> list[str]:
    """One question per channel: the regions, lengths and limit, and the choices (shorten or drop the channel)."""
    by_channel: dict[str, list[DisclaimerConflict]] = {}
    for c in found:
        by_channel.setdefault(c.channel, []).append(c)
    questions = []
    for channel, items in by_channel.items():
        facts = "; ".join(c.describe() for c in items)
        where = ", ".join(f"regions.{c.region}" for c in items)
        questions.append(
            f"{facts[:1].upper()}{facts[1:]} (disclaimers are inserted verbatim, never cut, so {channel} ads would "
            f"say nothing else). Shorten the disclaimer in the brand library (brand.yaml, {where}) and run again, "
            f"or drop {channel} from this plan? To drop it, answer 'drop {channel}'."
        )
    return questions
