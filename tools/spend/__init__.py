"""Spend: the append-only ledger with caps, allocations and exposure limits enforced inside the tool."""

from tools.killswitch import KillSwitchEngaged
from tools.spend.ledger import LedgerEntry, SpendLedger, change_payload
from tools.spend.limits import CapExceeded, Limits, check_allocation, check_spend

__all__ = [
    "CapExceeded",
    "KillSwitchEngaged",
    "LedgerEntry",
    "Limits",
    "SpendLedger",
    "change_payload",
    "check_allocation",
    "check_spend",
]
