"""Liftoff's boundary contracts (pydantic, versioned by ``schema_version``)."""

from graph.contracts.common import (
    CHANNELS,
    REGIONS,
    SCHEMA_VERSION,
    Channel,
    Contract,
    Currency,
    Money,
    Region,
)
from graph.contracts.content import Asset, AssetCopy, FilterOp, SegmentDefinition, SegmentFilter, TargetList
from graph.contracts.governance import (
    Finding,
    GovernanceException,
    PassReport,
    SubjectReport,
    ValidatorResult,
    Verdict,
)
from graph.contracts.ops import (
    BudgetChange,
    Event,
    KPIResult,
    Lift,
    PipelineImpact,
    PipelineTally,
    Program,
    Receipt,
    Scorecard,
    ScoreRow,
)
from graph.contracts.plan import (
    Blueprint,
    Brief,
    BriefFact,
    Caps,
    ChannelPlan,
    Experiment,
    KPIGate,
    KPIName,
    KPITarget,
)

__all__ = [
    "CHANNELS",
    "REGIONS",
    "SCHEMA_VERSION",
    "Asset",
    "AssetCopy",
    "Blueprint",
    "Brief",
    "BriefFact",
    "BudgetChange",
    "Caps",
    "Channel",
    "ChannelPlan",
    "Contract",
    "Currency",
    "Event",
    "Experiment",
    "FilterOp",
    "Finding",
    "GovernanceException",
    "KPIGate",
    "KPIName",
    "KPIResult",
    "KPITarget",
    "Lift",
    "Money",
    "PassReport",
    "PipelineImpact",
    "PipelineTally",
    "Program",
    "Receipt",
    "Region",
    "ScoreRow",
    "Scorecard",
    "SegmentDefinition",
    "SegmentFilter",
    "SubjectReport",
    "TargetList",
    "ValidatorResult",
    "Verdict",
]

from graph.contracts.outputs import BriefExtraction, ChannelDraft, PlanDraft  # noqa: E402

__all__ += ["BriefExtraction", "ChannelDraft", "PlanDraft"]
