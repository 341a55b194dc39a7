"""The spend ledger's cap and exposure checks: graph.contracts.money decides, this raises.

The ledger does not know a campaign's currency, so it counts in hundredths of the major unit (column
``amount_cents``): exactly the minor unit of a 2-digit currency, finer than the yen's, and exact for every
currency Liftoff plans in (``graph.contracts.Currency``, none with 3 digits).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.contracts import Caps
from graph.contracts.money import (
    Breach,
    CapsMinor,
    Exposure,
    allocation_breach,
    from_minor,
    spend_breach,
    to_minor,
)

LEDGER_EXP = 2
"""The ledger's unit: hundredths of the campaign currency's major unit."""
MAJOR_UNIT: int = 10**LEDGER_EXP
"""Ledger units in one major unit (a dollar is 100)."""


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

    def split(self) -> tuple[CapsMinor | None, Exposure]:
        """The caps in ledger units and the exposure, as the money rules take them."""
        caps = CapsMinor.of(self.caps, LEDGER_EXP) if self.caps is not None else None
        return caps, Exposure(self.spent_total, self.spent_channel, self.spent_day, dict(self.allocation))


def to_cents(amount: float, what: str = "amount") -> int:
    """Convert money to ledger units (integer cents), rounding half up on the decimal value (12.345 -> 1235).

    Raises:
        ValueError: when the amount is not a finite number.
    """
    return to_minor(amount, LEDGER_EXP, what)


def from_cents(cents: int) -> float:
    """Ledger units back to the decimal amount."""
    return from_minor(cents, LEDGER_EXP)


def _raise(breach: Breach | None) -> None:
    if breach is not None:
        raise CapExceeded(breach.reason, None if breach.cap is None else from_cents(breach.cap))


def check_spend(limits: Limits, channel: str, cents: int) -> None:
    """Refuse spend that would break the campaign total, the channel cap, the day cap or the channel allocation.

    Raises:
        CapExceeded: naming the first limit the spend would break.
    """
    caps, exposure = limits.split()
    _raise(spend_breach(caps, exposure, channel, cents))


def check_allocation(limits: Limits, channel: str, cents: int) -> None:
    """Refuse a channel allocation above its cap, below its spend, or pushing all allocations past the total cap.

    Raises:
        CapExceeded: naming the limit the allocation would break.
    """
    caps, exposure = limits.split()
    _raise(allocation_breach(caps, exposure, channel, cents))
