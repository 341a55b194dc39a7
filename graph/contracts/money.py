"""Money and spend caps in integer minor units: the one home of every cap decision.

Contracts carry decimal amounts (floats in the currency's major unit, e.g. dollars); every cap decision converts
them here to integers in the currency's minor unit (ISO 4217 exponent: JPY 0, USD 2, BHD 3) and compares integers,
so no rounding error and no tolerance can let spend past a cap. The planner's headroom rule, the blueprint and
budget-change checks of the guards, the spend ledger's spend/allocation checks and the optimizer's per-cycle step
limit all call the functions below.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from typing import Protocol

from babel.numbers import get_currency_precision, list_currencies

HEADROOM = Fraction(3, 2)
"""The planner's headroom rule: a channel (or a day) may spend up to 1.5x its planned share, never above the total."""


@cache
def currencies() -> frozenset[str]:
    """Every ISO 4217 code the CLDR data (through babel) knows."""
    return frozenset(list_currencies())


def exponent(currency: str) -> int:
    """The currency's minor-unit exponent (JPY 0, USD 2, BHD 3), from the CLDR data shipped with babel.

    Raises:
        ValueError: when the code is not an ISO 4217 currency.
    """
    code = currency.upper() if isinstance(currency, str) else currency
    if not isinstance(code, str) or code not in currencies():
        raise ValueError(f"unknown currency {currency!r}: expected an ISO 4217 code such as 'USD'")
    return int(get_currency_precision(code))


def _decimal(amount: float | int | Decimal | str, what: str) -> Decimal:
    if isinstance(amount, bool) or not isinstance(amount, int | float | Decimal | str):
        raise ValueError(f"{what} must be a finite number, got {amount!r}")
    if isinstance(amount, float):
        if not math.isfinite(amount):
            raise ValueError(f"{what} must be a finite number, got {amount!r}")
        return Decimal(
            repr(amount)
        )  # the shortest decimal that reads back as this float: 12.345 stays 12.345
    try:
        value = Decimal(amount)
    except InvalidOperation:
        raise ValueError(f"{what} must be a finite number, got {amount!r}") from None
    if not value.is_finite():
        raise ValueError(f"{what} must be a finite number, got {amount!r}")
    return value


def to_minor(
    amount: float | int | Decimal | str, exp: int, what: str = "amount", *, down: bool = False
) -> int:
    """A decimal amount in integer minor units of exponent ``exp``, rounded half up, away from zero (12.345 at 2 -> 1235), or down
    with ``down`` (a budget is never rounded above what was stated).

    Raises:
        ValueError: when the amount is not a finite number.
    """
    scaled = _decimal(amount, what).scaleb(exp)
    return int(scaled.quantize(Decimal(1), rounding=ROUND_FLOOR if down else ROUND_HALF_UP))


def from_minor(minor: int, exp: int) -> float:
    """The decimal amount (major unit, as contracts carry it) of ``minor`` units of exponent ``exp``."""
    return float(Decimal(minor).scaleb(-exp))


def fmt(minor: int, exp: int) -> str:
    """Minor units as a grouped decimal string with the currency's digits: 123456 at 2 -> '1,234.56'."""
    return f"{Decimal(minor).scaleb(-exp):,.{exp}f}"


def fmt_amount(amount: float | int | Decimal, currency: str) -> str:
    """A major-unit amount shown with its currency's digits: 22.2288 USD -> '22.23', 1234 JPY -> '1,234'."""
    exp = exponent(currency)
    return fmt(to_minor(amount, exp), exp)


@dataclass(frozen=True)
class MinorUnits:
    """An amount of money as an integer count of its currency's minor unit (cents, yen, fils)."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.minor, bool) or not isinstance(self.minor, int):
            raise ValueError(f"minor units must be an integer, got {self.minor!r}")
        exponent(self.currency)

    @classmethod
    def of(cls, amount: float | int | Decimal | str, currency: str) -> MinorUnits:
        """Convert a decimal amount in the major unit, rounding half up to the currency's minor unit."""
        return cls(to_minor(amount, exponent(currency)), currency.upper())

    @property
    def exp(self) -> int:
        """The currency's minor-unit exponent."""
        return exponent(self.currency)

    @property
    def amount(self) -> float:
        """The decimal amount in the major unit, as contracts carry it."""
        return from_minor(self.minor, self.exp)

    def __str__(self) -> str:
        return f"{fmt(self.minor, self.exp)} {self.currency}"


def scale(minor: int, factor: Fraction) -> int:
    """``minor * factor`` rounded half up to a whole minor unit (exact rational arithmetic, no float)."""
    value = Fraction(minor) * factor
    return math.floor(value + Fraction(1, 2))


def split(total: int, shares: Sequence[float]) -> list[int]:
    """Split ``total`` minor units by ``shares`` (scaled down when they add up to more than 1).

    Each part is its exact share rounded down, the units left over go to the largest remainders, so the parts add
    up to the shares' total (rounded half up) and never to more than ``total``.
    """
    exact = [Fraction(repr(float(s))) for s in shares]  # the decimal the share reads as, not its binary float
    if any(s < 0 for s in exact):
        raise ValueError("budget shares may not be negative")
    share_sum = sum(exact, Fraction(0))
    if share_sum > 1:
        exact = [s / share_sum for s in exact]
        share_sum = Fraction(1)
    wanted = [Fraction(total) * s for s in exact]
    parts = [math.floor(w) for w in wanted]
    target = min(total, scale(total, share_sum))
    left = target - sum(parts)
    for i in sorted(range(len(parts)), key=lambda i: (parts[i] - wanted[i], i))[: max(0, left)]:
        parts[i] += 1
    return parts


class StoredCaps(Protocol):
    """The stored caps (``graph.contracts.Caps``): decimal amounts in the currency's major unit."""

    @property
    def total(self) -> float: ...
    @property
    def per_channel(self) -> dict[str, float]: ...
    @property
    def per_day(self) -> float: ...


@dataclass(frozen=True)
class CapsMinor:
    """A blueprint's caps in integer minor units (the stored ``Caps`` carries decimals)."""

    total: int
    per_channel: dict[str, int]
    per_day: int
    exp: int

    @classmethod
    def of(cls, caps: StoredCaps, exp: int) -> CapsMinor:
        """Convert stored caps to minor units of exponent ``exp``."""
        return cls(
            total=to_minor(caps.total, exp, "caps.total"),
            per_channel={
                ch: to_minor(v, exp, f"caps.per_channel[{ch}]") for ch, v in caps.per_channel.items()
            },
            per_day=to_minor(caps.per_day, exp, "caps.per_day"),
            exp=exp,
        )

    def major(self) -> tuple[float, dict[str, float], float]:
        """(total, per_channel, per_day) as the decimal amounts the stored :class:`Caps` carries."""
        return (
            from_minor(self.total, self.exp),
            {ch: from_minor(v, self.exp) for ch, v in self.per_channel.items()},
            from_minor(self.per_day, self.exp),
        )


def ceil_scale(minor: int, factor: Fraction) -> int:
    """``minor * factor`` rounded up to a whole minor unit (exact rational arithmetic)."""
    return math.ceil(Fraction(minor) * factor)


def plan_caps(total: int, channel_budgets: Mapping[str, int], days: int, exp: int) -> CapsMinor:
    """The planner's caps: the total is the budget; a channel may reach 1.5x its budget and a day 1.5x its even
    share of the total, each rounded up to a whole minor unit (so a day can always spend its share) and never
    above the total."""
    if days <= 0:
        raise ValueError(f"a campaign runs at least one day, got {days}")
    return CapsMinor(
        total=total,
        per_channel={ch: min(total, ceil_scale(b, HEADROOM)) for ch, b in channel_budgets.items()},
        per_day=min(total, ceil_scale(total, HEADROOM / days)),
        exp=exp,
    )


@dataclass(frozen=True)
class Breach:
    """A limit that an amount breaks (or would break).

    Attributes:
        subject: What breaks it ('caps.total', a channel, 'channels').
        limit: Which limit, e.g. 'channel cap (email)'.
        rule: The rule in one line, e.g. 'channel budget <= caps.per_channel[channel]'.
        reason: The amounts in plain words.
        cap: The limit in minor units (None when no cap is set at all).
    """

    subject: str
    limit: str
    rule: str
    reason: str
    cap: int | None = None


@dataclass(frozen=True)
class PlanAmounts:
    """A blueprint's money in minor units: its budget, channel budgets and caps."""

    total_budget: int
    channel_budgets: dict[str, int]
    caps: CapsMinor
    days: int

    @property
    def planned(self) -> int:
        """The sum of the channel budgets."""
        return sum(self.channel_budgets.values())


def blueprint_breaches(plan: PlanAmounts) -> list[Breach]:
    """Every way a plan's budgets break its caps, or its caps are incoherent (an empty list when it is sound)."""
    caps, exp, planned = plan.caps, plan.caps.exp, plan.planned
    out: list[Breach] = []

    def m(v: int) -> str:
        return fmt(v, exp)

    if caps.total > plan.total_budget:
        out.append(
            Breach(
                "caps.total",
                "total cap",
                "caps.total <= total_budget",
                f"total cap {m(caps.total)} exceeds the budget {m(plan.total_budget)}",
                plan.total_budget,
            )
        )
    if planned > caps.total:
        out.append(
            Breach(
                "channels",
                "total cap",
                "sum of channel budgets <= caps.total",
                f"planned spend {m(planned)} exceeds the total cap {m(caps.total)}",
                caps.total,
            )
        )
    for channel, budget in plan.channel_budgets.items():
        cap = caps.per_channel.get(channel)
        if cap is None:
            out.append(
                Breach(
                    channel,
                    f"channel cap ({channel})",
                    "every planned channel has a per-channel cap",
                    f"channel {channel} has no spend cap",
                )
            )
        elif budget > cap:
            out.append(
                Breach(
                    channel,
                    f"channel cap ({channel})",
                    "channel budget <= caps.per_channel[channel]",
                    f"{channel} budget {m(budget)} exceeds its cap {m(cap)}",
                    cap,
                )
            )
    for channel, cap in sorted(caps.per_channel.items()):
        if cap < 0:
            out.append(
                Breach(
                    channel, f"channel cap ({channel})", "caps are >= 0", f"cap of {channel} is negative", 0
                )
            )
        if cap > caps.total:
            out.append(
                Breach(
                    channel,
                    "total cap",
                    "caps.per_channel <= caps.total",
                    f"cap of {channel} ({m(cap)}) exceeds the total cap {m(caps.total)}",
                    caps.total,
                )
            )
    if caps.per_day > caps.total:
        out.append(
            Breach(
                "caps.per_day",
                "total cap",
                "caps.per_day <= caps.total",
                f"daily cap {m(caps.per_day)} exceeds the total cap {m(caps.total)}",
                caps.total,
            )
        )
    if planned > 0 and caps.per_day <= 0:
        out.append(
            Breach(
                "caps.per_day",
                "per-day cap",
                "caps.per_day > 0 when spending",
                "daily cap is zero while the plan spends",
                caps.per_day,
            )
        )
    return out


def pacing_shortfall(plan: PlanAmounts) -> Breach | None:
    """The daily cap times the campaign's days below the planned spend: the plan cannot spend its budget."""
    caps, exp = plan.caps, plan.caps.exp
    reach = caps.per_day * plan.days
    if caps.per_day > 0 and reach < plan.planned:
        return Breach(
            "caps.per_day",
            "per-day cap",
            "caps.per_day * days >= planned spend",
            f"daily cap x {plan.days} days ({fmt(reach, exp)}) is below planned spend "
            f"({fmt(plan.planned, exp)}): the plan cannot spend its budget",
            caps.per_day,
        )
    return None


def change_breaches(
    channel: str,
    from_amount: int,
    to_amount: int,
    caps: CapsMinor,
    allocation: Mapping[str, int],
    total_budget: int,
) -> list[Breach]:
    """Every limit a budget change of ``channel`` from ``from_amount`` to ``to_amount`` breaks (minor units)."""
    exp = caps.exp
    out: list[Breach] = []
    current = allocation.get(channel)
    if current is None:
        out.append(
            Breach(
                channel,
                "allocation",
                "changes apply to planned channels",
                f"channel {channel} has no current allocation",
            )
        )
    elif current != from_amount:
        out.append(
            Breach(
                channel,
                "allocation",
                "from_amount equals the current allocation",
                f"change starts from {fmt(from_amount, exp)} but {channel} is allocated {fmt(current, exp)}",
                current,
            )
        )
    cap = caps.per_channel.get(channel)
    if cap is None:
        out.append(
            Breach(
                channel,
                f"channel cap ({channel})",
                "every channel has a per-channel cap",
                f"channel {channel} has no spend cap",
            )
        )
    elif to_amount > cap:
        out.append(
            Breach(
                channel,
                f"channel cap ({channel})",
                "to_amount <= caps.per_channel[channel]",
                f"{channel} would get {fmt(to_amount, exp)}, above its cap {fmt(cap, exp)}",
                cap,
            )
        )
    total_after = sum(v for ch, v in allocation.items() if ch != channel) + to_amount
    limit = min(caps.total, total_budget)
    if total_after > limit:
        out.append(
            Breach(
                channel,
                "total cap",
                "sum of allocations <= min(caps.total, total_budget)",
                f"allocation after the change ({fmt(total_after, exp)}) exceeds the total cap "
                f"{fmt(limit, exp)}",
                limit,
            )
        )
    return out


@dataclass(frozen=True)
class Exposure:
    """What has been spent and allocated for a campaign at the moment of a check (minor units)."""

    spent_total: int
    spent_channel: int
    spent_day: int
    allocation: dict[str, int] = field(default_factory=dict)


def _channel_cap(caps: CapsMinor | None, channel: str) -> tuple[CapsMinor | None, int | None, Breach | None]:
    if caps is None:
        return (
            None,
            None,
            Breach(
                channel,
                "caps",
                "caps are set before anything is spent or allocated",
                "no caps set for the campaign: nothing may be spent or allocated",
            ),
        )
    cap = caps.per_channel.get(channel)
    if cap is None:
        return (
            caps,
            None,
            Breach(
                channel,
                f"channel cap ({channel})",
                "every channel has a per-channel cap",
                f"no cap set for channel {channel}: nothing may be spent or allocated there",
                0,
            ),
        )
    return caps, cap, None


def spend_breach(caps: CapsMinor | None, exposure: Exposure, channel: str, amount: int) -> Breach | None:
    """The first limit that spending ``amount`` on ``channel`` would break: the campaign total, the channel cap, the
    day cap, or the channel's allocation (None when the spend fits)."""
    caps, channel_cap, missing = _channel_cap(caps, channel)
    if missing or caps is None or channel_cap is None:
        return missing
    exp = caps.exp
    checks = (
        ("campaign total cap", "spent + amount <= caps.total", exposure.spent_total, caps.total),
        (
            f"channel cap ({channel})",
            "spent + amount <= caps.per_channel[channel]",
            exposure.spent_channel,
            channel_cap,
        ),
        ("per-day cap", "spent today + amount <= caps.per_day", exposure.spent_day, caps.per_day),
    )
    for name, rule, spent, cap in checks:
        if spent + amount > cap:
            return Breach(
                channel,
                name,
                rule,
                f"{name}: {fmt(spent, exp)} spent + {fmt(amount, exp)} > {fmt(cap, exp)}",
                cap,
            )
    allocated = exposure.allocation.get(channel)
    if allocated is not None and exposure.spent_channel + amount > allocated:
        return Breach(
            channel,
            f"channel allocation ({channel})",
            "spent + amount <= allocation[channel]",
            f"exposure limit: channel allocation ({channel}): {fmt(exposure.spent_channel, exp)} spent + "
            f"{fmt(amount, exp)} > {fmt(allocated, exp)} allocated",
            allocated,
        )
    return None


def allocation_breach(caps: CapsMinor | None, exposure: Exposure, channel: str, amount: int) -> Breach | None:
    """The first limit that allocating ``amount`` to ``channel`` would break: negative, above the channel cap, below
    what is already spent, or all allocations past the total cap (None when it fits)."""
    caps, channel_cap, missing = _channel_cap(caps, channel)
    if missing or caps is None or channel_cap is None:
        return missing
    exp = caps.exp
    if amount < 0:
        return Breach(
            channel,
            f"allocation ({channel})",
            "allocation >= 0",
            f"allocation ({channel}) may not be negative",
            0,
        )
    if amount > channel_cap:
        return Breach(
            channel,
            f"channel cap ({channel})",
            "allocation <= caps.per_channel[channel]",
            f"channel cap ({channel}): allocation {fmt(amount, exp)} > {fmt(channel_cap, exp)}",
            channel_cap,
        )
    if amount < exposure.spent_channel:
        return Breach(
            channel,
            f"allocation ({channel})",
            "allocation >= spent",
            f"exposure limit: allocation ({channel}) {fmt(amount, exp)} is below what is already spent"
            f" ({fmt(exposure.spent_channel, exp)})",
            exposure.spent_channel,
        )
    others = sum(v for ch, v in exposure.allocation.items() if ch != channel)
    if others + amount > caps.total:
        return Breach(
            channel,
            "campaign total cap",
            "sum of allocations <= caps.total",
            f"campaign total cap: allocations {fmt(others, exp)} + {fmt(amount, exp)} ({channel}) > "
            f"{fmt(caps.total, exp)}",
            caps.total,
        )
    return None


def total_room(caps: CapsMinor, allocation: Mapping[str, int]) -> int:
    """How much more may be allocated before all allocations reach the total cap (never negative)."""
    return max(0, caps.total - sum(allocation.values()))


def fit_allocation(caps: CapsMinor, wanted: Mapping[str, int]) -> dict[str, int]:
    """Initial allocations: each channel's wanted amount within its cap, scaled down (rounding down) so they add up
    to at most the total cap."""
    capped = {ch: max(0, min(v, caps.per_channel.get(ch, 0))) for ch, v in wanted.items()}
    asked = sum(capped.values())
    if asked <= caps.total:
        return capped
    return {ch: v * caps.total // asked for ch, v in capped.items()}


def step_limit(current: int, wanted: int, max_step: float, floor: int = 0) -> tuple[int, bool]:
    """The optimizer's per-cycle step limit: move from ``current`` toward ``wanted`` by at most ``max_step`` (a
    fraction; infinite: no limit) of ``current``, rounded down to a whole minor unit, never below ``floor`` (what is
    already spent).

    Returns:
        The amount to move to, and whether the step limit cut the move short.
    """
    move = wanted - current
    if math.isinf(max_step) and max_step > 0:
        return max(floor, wanted), False
    step = math.floor(Fraction(repr(float(max_step))) * current)
    limited = abs(move) > step
    return max(floor, current + max(-step, min(step, move))), limited


def needs_approval(current: int, to: int, threshold: float) -> bool:
    """A change needs a person when it starts from nothing, or moves more than ``threshold`` (a fraction; infinite:
    never) of the current budget."""
    if current <= 0:
        return True
    if math.isinf(threshold):
        return False
    return Fraction(abs(to - current)) > Fraction(threshold) * current
