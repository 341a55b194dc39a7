"""The JSON Schema of every contract saved in checkpoints is a snapshot: changing saved state is a visible decision.

A failing test here means a change to what campaigns store. If it is intended, regenerate the snapshots with
``LIFTOFF_UPDATE_SNAPSHOTS=1 pytest tests/graph/test_contract_snapshots.py`` and say in the commit whether old
checkpoints still load (additive fields with defaults do; renamed or retyped fields need a migration).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pydantic import BaseModel

from graph import contracts

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots" / "contracts"

STORED: tuple[type[BaseModel], ...] = (
    contracts.Brief,
    contracts.Blueprint,
    contracts.Asset,
    contracts.TargetList,
    contracts.PassReport,
    contracts.GovernanceException,
    contracts.Program,
    contracts.BudgetChange,
    contracts.Scorecard,
    contracts.Event,
)
"""Contracts the campaign state (and so every checkpoint) holds as dicts."""


@pytest.mark.parametrize("model", STORED, ids=lambda m: m.__name__)
def test_contract_schema_matches_its_snapshot(model: type[BaseModel]) -> None:
    schema = json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
    path = SNAPSHOTS / f"{model.__name__}.json"
    if os.environ.get("LIFTOFF_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema, encoding="utf-8")
    assert path.exists(), f"no snapshot for {model.__name__}: run with LIFTOFF_UPDATE_SNAPSHOTS=1 once"
    assert schema == path.read_text(encoding="utf-8"), (
        f"the saved-state schema of {model.__name__} changed; if intended, regenerate the snapshot "
        "(LIFTOFF_UPDATE_SNAPSHOTS=1) and state in the commit whether old checkpoints still load"
    )
