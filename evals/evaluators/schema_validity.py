"""Schema validity: every object the campaign produced validates against its boundary contract."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from evals.evaluators.base import CampaignOutcome, Evaluation
from graph.contracts import Asset, Blueprint, Brief, BudgetChange, PassReport, Program, Scorecard, TargetList

_SINGLE: tuple[tuple[str, type[BaseModel]], ...] = (
    ("brief", Brief),
    ("blueprint", Blueprint),
    ("pass_report", PassReport),
    ("scorecard", Scorecard),
)
_MANY: tuple[tuple[str, type[BaseModel]], ...] = (
    ("assets", Asset),
    ("lists", TargetList),
    ("programs", Program),
    ("budget_changes", BudgetChange),
)


class SchemaValidity:
    """Counts the produced objects that validate (``schema_valid`` / ``schema_objects``)."""

    name = "schema"

    def evaluate(self, outcome: CampaignOutcome) -> Evaluation:
        """Validate brief, blueprint, pass report, scorecard, assets, lists, programs and budget changes."""
        ev = Evaluation(self.name)
        values = outcome.values
        for key, model in _SINGLE:
            if values.get(key) is not None:
                self._one(ev, key, model, values[key])
        for key, model in _MANY:
            for item_id, raw in sorted((values.get(key) or {}).items()):
                self._one(ev, f"{key}[{item_id}]", model, raw)
        if outcome.status == "launched":
            for key in ("blueprint", "pass_report", "scorecard"):
                ev.check(
                    f"{key} present", values.get(key) is not None, "" if values.get(key) else f"no {key}"
                )
        ev.rate("valid_rate", "schema_valid", "schema_objects")
        return ev

    @staticmethod
    def _one(ev: Evaluation, name: str, model: type[BaseModel], raw: Any) -> None:
        try:
            model.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err.get("loc", ()))
            ev.check(
                f"{name} valid", False, f"{loc}: {err.get('msg')}", count=("schema_valid", "schema_objects")
            )
            return
        ev.add("schema_objects")
        ev.add("schema_valid")
