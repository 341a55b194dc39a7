"""Cap and exposure checks of the spend ledger (pure functions over amounts in integer cents)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from graph.contracts import Caps


class CapExceeded(RuntimeError):
    """The ledger refused spend or a budget change against a cap or exposure limit.

    Attributes:
        reason: Which limit and by how much, e.g. 'channel cap (paid_social): 980.00 spent + 40.00 > 1000.00'.
        cap: The limit's value in the campaign currency (None when no cap is set at all).
    """

    def __init__(self, reason: str, cap: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.cap = cap


@dataclass(frozen=True)
class Limits:
    """What the ledger knows about a campaign at the moment of a check (amounts in cents)."""

    caps: Caps | None
    spent_total: int
    spent_channel: int
    spent_day: int
    allocation: dict[str, int] = field(default_factory=dict)


def to_cents(amount: float, what: str = "amount") -> int:
    """Convert money to integer cents, rounding half up on the decimal value (12.345 -> 1235).

    Raises:
        ValueError: when the amount is not a finite number.
    """
    if isinstance(amount, bool) or not isinstance(amount, int | float) or not math.isfinite(amount):
        raise ValueError(f"{what} must be a finite number, got {amount!r}")
    return int(Decimal(repr(float(amount))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) * 100)


_c = to_cents


def _m(cents: int) -> str:
    return f"{cents / 100:,.2f}"


def _caps(limits: Limits, channel: str) -> tuple[Caps, int]:
    if limits.caps is None:
        raise CapExceeded("no caps set for the campaign: nothing may be spent or allocated", None)
    channel_cap = limits.caps.per_channel.get(channel)
    if channel_cap is None:
        raise CapExceeded(f"no cap set for channel {channel}: nothing may be spent or allocated there", 0.0)
    return limits.caps, _c(channel_cap)


def check_spend(limits: Limits, channel: str, cents: int) -> None:
    """Refuse spend that would break the campaign total, the channel cap, the day cap or the channel allocation.

    Raises:
        CapExceeded: naming the first limit the spend would break.
    """
    caps, channel_cap = _caps(limits, channel)
    checks = (
        ("campaign total cap", limits.spent_total, _c(caps.total)),
        (f"channel cap ({channel})", limits.spent_channel, channel_cap),
        ("per-day cap", limits.spent_day, _c(caps.per_day)),
    )
    for name, spent, cap in checks:
        if spent + cents > cap:
            raise CapExceeded(f"{name}: {_m(spent)} spent + {_m(cents)} > {_m(cap)}", cap / 100)
    allocated = limits.allocation.get(channel)
    if allocated is not None and limits.spent_channel + cents > allocated:
        raise CapExceeded(
            f"exposure limit: channel allocation ({channel}): {_m(limits.spent_channel)} spent + {_m(cents)}"
            f" > {_m(allocated)} allocated", allocated / 100)


def check_allocation(limits: Limits, channel: str, cents: int) -> None:
    """Refuse a channel allocation above its cap, below its spend, or pushing all allocations past the total cap.

    Raises:
        CapExceeded: naming the limit the allocation would break.
    """
    caps, channel_cap = _caps(limits, channel)
    if cents < 0:
        raise CapExceeded(f"allocation ({channel}) may not be negative", 0.0)
    if cents > channel_cap:
        raise CapExceeded(f"channel cap ({channel}): allocation {_m(cents)} > {_m(channel_cap)}", channel_cap / 100)
    if cents < limits.spent_channel:
        raise CapExceeded(
            f"exposure limit: allocation ({channel}) {_m(cents)} is below what is already spent"
            f" ({_m(limits.spent_channel)})", limits.spent_channel / 100)
    others = sum(v for ch, v in limits.allocation.items() if ch != channel)
    if others + cents > _c(caps.total):
        raise CapExceeded(
            f"campaign total cap: allocations {_m(others)} + {_m(cents)} ({channel}) > {_m(_c(caps.total))}",
            caps.total)
