"""The brief-understanding suites: the scorer itself, and both sets meeting their gates on the offline engine."""

from __future__ import annotations

from pathlib import Path

from evals.brief_fields import FieldsExpect, score_fields
from evals.runner import RunOptions, run_evals
from evals.suites import resolve_suites
from graph.runtime.settings import Settings


def test_scorer_punishes_invented_and_missed_fields() -> None:
    expect = FieldsExpect(
        budget=30000,
        currency="USD",
        goal="sign-ups",
        audience="home baristas",
        kpis=[{"name": "signups", "target": 500}],
        countries=["IE"],
    )
    got = {
        "budget_amount": 30000,
        "currency": "USD",
        "goal": "drive 500 sign-ups",
        "audience": "home baristas",
        "kpi_targets": [{"name": "signups", "target": 171}],
        "countries": ["IE"],
        "theme": "summer",
        "channels": ["email"],
        "unused": [],
    }
    scores = score_fields(expect, got)
    assert scores["budget"][0] and scores["goal"][0] and scores["audience"][0] and scores["countries"][0]
    assert not scores["kpis"][0]  # 250 -> 171 is wrong, not close enough
    assert not scores["theme"][0] and not scores["channels"][0]  # invented: the brief states neither


def test_brief_field_suites_meet_their_gates(tmp_path: Path) -> None:
    run = run_evals(
        RunOptions(
            datasets=resolve_suites(
                "brief-fields,brief-fields-holdout,brief-fields-dev2,brief-fields-holdout2"
            ),
            settings=Settings(home=tmp_path, model="offline"),
            progress=False,
        )
    )
    dev, held = run.suites["brief-fields"], run.suites["brief-fields-holdout"]
    dev2, held2 = run.suites["brief-fields-dev2"], run.suites["brief-fields-holdout2"]
    assert dev.cases >= 200 and held.cases >= 60 and dev2.cases >= 80 and held2.cases >= 60
    for suite in (dev, held, dev2, held2):
        assert not suite.threshold_failures, (suite.name, suite.threshold_failures)
