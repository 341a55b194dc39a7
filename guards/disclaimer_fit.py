"""Whether a region's disclaimers fit a channel: a disclaimer is inserted once and verbatim, never shortened, so
one longer than a channel's body limit (or several that together are) leaves no room for anything else.

Read by ``liftoff library lint`` (a warning per region and channel) and by the Planner (a question at plan time,
before any copy, for the plan's channels and regions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from guards.channel_limits import CHANNEL_LIMITS

MIN_MESSAGE = 20
"""Characters an asset needs besides its disclaimers to say anything ('Meet Lingomori Talk.' is 20)."""


@dataclass(frozen=True)
class DisclaimerConflict:
    """A region whose always-required disclaimers cannot fit a channel's body with room for a message."""

    region: str
    channel: str
    disclaimers: tuple[str, ...]
    length: int
    """Characters the disclaimers take in the body, joined by spaces."""
    limit: int
    """The channel's body limit (for SMS, the one message segment)."""

    def describe(self) -> str:
        """One line naming the region, the lengths, the channel and its limit."""
        what = (
            f"the {self.region} disclaimer is {self.length} characters"
            if len(self.disclaimers) == 1
            else f"the {self.region} disclaimers together are {self.length} characters"
        )
        over = (
            f"longer than {self.channel}'s {self.limit}-character limit"
            if self.length > self.limit
            else f"leaving under {MIN_MESSAGE} of {self.channel}'s {self.limit} characters for the message"
        )
        return f"{what}, {over}"


def body_limit(channel: str) -> int | None:
    """The body's character limit on ``channel`` (SMS: body and call to action share one segment)."""
    limits = CHANNEL_LIMITS.get(channel, {})
    return limits.get("message") or limits.get("body")


def conflicts(
    disclaimers_of: Callable[[str, str], Iterable[str]], regions: Iterable[str], channels: Iterable[str]
) -> list[DisclaimerConflict]:
    """Every (region, channel) whose disclaimers, inserted verbatim, leave under :data:`MIN_MESSAGE` characters of
    the channel's body limit. ``disclaimers_of(region, channel)`` gives the lines every asset there carries."""
    out: list[DisclaimerConflict] = []
    for region in dict.fromkeys(regions):
        for channel in dict.fromkeys(channels):
            limit = body_limit(channel)
            lines = tuple(
                dict.fromkeys(" ".join(d.split()) for d in disclaimers_of(region, channel) if d.strip())
            )
            if limit is None or not lines:
                continue
            length = len(" ".join(lines))
            if length + 1 + MIN_MESSAGE > limit:
                out.append(DisclaimerConflict(region, channel, lines, length, limit))
    return out
