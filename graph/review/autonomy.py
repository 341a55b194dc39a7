"""The autonomy dial: per channel/segment/region, decides which steps need a human.

Levels:
    manual: a human approves the launch (the whole copy deck and every list), every budget change and every
        exception.
    assisted (the default): a human approves the launch on a card showing the whole copy deck and every list
        before the first publish, decides the exceptions governance cannot settle and budget changes above the
        threshold.
    auto: clean assets in scope publish without a click and budget changes inside the caps apply at any size.
        Governance exceptions still go to a human: no level lets an unsupported claim ship.

Automatic publishing is granted per channel or region by setting that scope to ``auto``
(e.g. ``default=assisted,paid_search:US=auto``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from graph.contracts import CHANNELS, REGIONS

Level = Literal["manual", "assisted", "auto"]
LEVELS: tuple[Level, ...] = ("manual", "assisted", "auto")


class AutonomyError(ValueError):
    """The autonomy spec is malformed; the message names the bad part."""


@dataclass(frozen=True)
class Rule:
    """One dial setting; None matches anything."""

    level: Level
    channel: str | None = None
    region: str | None = None
    segment: str | None = None

    @property
    def specificity(self) -> int:
        """More specific rules win."""
        return sum(x is not None for x in (self.channel, self.region, self.segment))


@dataclass(frozen=True)
class Autonomy:
    """Parsed autonomy dial."""

    rules: tuple[Rule, ...]

    @classmethod
    def parse(cls, spec: str) -> Autonomy:
        """Parse 'assisted' or 'default=assisted,sms=manual,email:EU=manual,segment:lapsed=manual'.

        Raises:
            AutonomyError: on an unknown level, channel or region.
        """
        rules: list[Rule] = [Rule("assisted")]
        for part in filter(None, (p.strip() for p in spec.split(","))):
            scope, _, level = part.rpartition("=")
            if level not in LEVELS:
                raise AutonomyError(f"autonomy level {level!r} unknown (use {', '.join(LEVELS)})")
            if scope in ("", "default", "*"):
                rules[0] = Rule(level)
                continue
            channel = region = segment = None
            tokens = scope.split(":")
            i = 0
            while i < len(tokens):
                token = tokens[i]
                if token in CHANNELS:
                    channel = token
                elif token in REGIONS:
                    region = token
                elif token == "segment" and i + 1 < len(tokens) and tokens[i + 1]:
                    segment = tokens[i + 1]
                    i += 1
                else:
                    raise AutonomyError(
                        f"autonomy scope {scope!r}: {token!r} is not a channel, region or segment:NAME"
                    )
                i += 1
            rules.append(Rule(level, channel, region, segment))
        return cls(tuple(rules))

    def level(
        self, channel: str | None = None, region: str | None = None, segment: str | None = None
    ) -> Level:
        """Return the level that applies (the most specific matching rule)."""
        best = self.rules[0]
        for rule in self.rules[1:]:
            if (
                rule.channel in (None, channel)
                and rule.region in (None, region)
                and rule.segment in (None, segment)
                and rule.specificity >= best.specificity
            ):
                best = rule
        return best.level

    def to_spec(self) -> str:
        """Return the spec string (round-trips through :meth:`parse`)."""
        parts = [f"default={self.rules[0].level}"]
        for r in self.rules[1:]:
            scope = ":".join(
                x for x in (r.channel, r.region, f"segment:{r.segment}" if r.segment else None) if x
            )
            parts.append(f"{scope}={r.level}")
        return ",".join(parts)


WHAT_LEVELS_DO: dict[str, str] = {
    "manual": "you approve the launch (whole copy deck and lists), every budget change and every exception",
    "assisted": "you approve the launch (whole copy deck and lists), exceptions and budget changes above the "
    "approval threshold",
    "auto": "clean assets publish without a click and budget changes inside the caps apply on their own; "
    "exceptions still come to you",
}


def describe(dial: Autonomy) -> list[str]:
    """What the current setting does, in plain words: one line for the default, one per scoped rule."""
    where = "Everywhere else" if len(dial.rules) > 1 else "Everywhere"
    lines = [f"{where}: {dial.rules[0].level}: {WHAT_LEVELS_DO[dial.rules[0].level]}."]
    for rule in dial.rules[1:]:
        scope = " ".join(
            x for x in (rule.channel, rule.region, f"segment {rule.segment}" if rule.segment else None) if x
        )
        lines.append(f"{scope}: {rule.level}: {WHAT_LEVELS_DO[rule.level]}.")
    return lines if len(lines) == 1 else [*lines[1:], lines[0]]
