"""The Optimizer: Thompson-sampling budget and traffic allocation inside the ledger's caps."""

from tools.optimizer.allocate import allocate
from tools.optimizer.cycle import CycleResult, OptimizerSettings, ensure_plan, run_cycle, variant_of
from tools.optimizer.response import Observation, OwnedPosterior, PaidPosterior, build_posteriors

__all__ = [
    "CycleResult",
    "Observation",
    "OptimizerSettings",
    "OwnedPosterior",
    "PaidPosterior",
    "allocate",
    "build_posteriors",
    "ensure_plan",
    "run_cycle",
    "variant_of",
]
