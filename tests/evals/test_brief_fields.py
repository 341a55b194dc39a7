"""The brief-understanding suites: the scorer itself, and both sets meeting their gates on the offline engine."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    sizes = {
        "brief-fields": 200,
        "brief-fields-holdout": 60,
        "brief-fields-dev2": 120,
        "brief-fields-holdout2": 64,
        "brief-fields-dev3": 120,
        "brief-fields-dev4": 100,
        "brief-fields-dev5": 70,
        "brief-fields-holdout3": 80,
        "brief-fields-holdout4": 100,
        "brief-fields-holdout5": 100,
        "brief-fields-holdout6": 80,
        "brief-fields-holdout7": 80,
        "brief-fields-holdout8": 80,
        "brief-fields-holdout9": 80,
    }
    run = run_evals(
        RunOptions(
            datasets=resolve_suites(",".join(sizes)),
            settings=Settings(home=tmp_path, model="offline"),
            progress=False,
        )
    )
    for name, size in sizes.items():
        suite = run.suites[name]
        assert suite.cases >= size, (name, suite.cases)
        assert not suite.threshold_failures, (name, suite.threshold_failures)


@pytest.mark.parametrize(
    ("suite", "prefix", "count", "industries"),
    [
        ("brief-fields-holdout3", "h3", 80, 10),
        ("brief-fields-holdout4", "h4", 100, 10),
        ("brief-fields-holdout5", "h5", 100, 10),
        ("brief-fields-holdout6", "h6", 80, 60),
        ("brief-fields-holdout7", "h7", 80, 60),
        ("brief-fields-holdout8", "h8", 80, 60),
        ("brief-fields-holdout9", "h9", 80, 60),
        ("brief-fields-dev3", "d3", 120, 12),
        ("brief-fields-dev4", "d4", 100, 12),
        ("brief-fields-dev5", "d5", 70, 12),
    ],
)
def test_hand_written_sets_are_well_formed(suite: str, prefix: str, count: int, industries: int) -> None:
    """Each hand-written set loads with its cases in id order, across enough industries, and its dates,
    durations and quoted texts agree with the brief (a key message, 'not used' sentence, audience, product or goal
    is the brief's own words)."""
    (data,) = resolve_suites(suite)
    assert data.kind == "brief_fields" and len(data.cases) == count
    assert [c.id for c in data.cases] == [f"{prefix}-{i:03d}" for i in range(1, count + 1)]
    assert len({c.industry for c in data.cases}) >= industries
    for case in data.cases:
        expect, brief = case.expect, " ".join(case.brief.lower().split())
        if expect.start and expect.end:
            assert expect.duration == (expect.end - expect.start).days + 1, case.id
        for text in [*expect.key_messages, *expect.unused, expect.audience, expect.product, expect.goal]:
            if text:
                assert " ".join(text.lower().split()) in brief, (case.id, text)
