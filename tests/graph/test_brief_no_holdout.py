"""A brief that decides against a control group ('No holdout needed', 'Control group: none') is taken at its word:
the plan holds nobody out, the lists hold nobody out, the scorecard says lift is not measured, and the echo says
so. Before, the statement was dropped and 10% was held out silently."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.brief.checks import check_extraction
from graph.contracts import BriefExtraction
from graph.models.offline.handlers import extract_brief
from graph.runtime.runner import Campaigns
from tests.graph.conftest import CLEAN_BRIEF, make_settings

TODAY = date(2026, 12, 7)
BASE = (
    "Promote the Velo Trail bike to commuters in Leeds. Budget £20k on Facebook and email from 1 March 2027 "
    "for 6 weeks; target 300 orders. "
)


def _read(sentence: str) -> dict[str, object]:
    return extract_brief({"brief_text": BASE + sentence, "today": "2026-12-07"})


@pytest.mark.parametrize(
    "sentence",
    [
        "No holdout needed this time.",
        "Control group: none",
        "Holdout: none.",
        "We don't want a control group.",
        "We do not need a holdout.",
        "Skip the holdout, we need every contact.",
        "Without a control group please.",
        "Keine Kontrollgruppe bitte.",
        "Sans groupe témoin cette fois.",
        "Sin grupo de control.",
        "Geen controlegroep nodig.",
        "Holdout 0%.",
    ],
)
def test_no_control_group_is_a_holdout_of_zero_and_said_back(sentence: str) -> None:
    got = _read(sentence)
    assert got["holdout_pct"] == 0.0 and not got["problems"]
    facts = [f for f in got["facts"] if f["field"] == "holdout_pct"]  # type: ignore[union-attr]
    assert len(facts) == 1 and "lift is not measured" in facts[0]["value"]


@pytest.mark.parametrize(
    ("sentence", "share"),
    [
        ("Hold out 15% as a control group.", 0.15),
        ("There is no quality control issue.", None),
        ("No discount codes this time.", None),
    ],
)
def test_other_sentences_are_not_read_as_no_holdout(sentence: str, share: float | None) -> None:
    assert _read(sentence)["holdout_pct"] == share


def test_a_zero_holdout_is_not_a_problem_but_over_half_is() -> None:
    assert not [
        p for p in check_extraction(BriefExtraction(holdout_pct=0.0), TODAY, 1e9) if p.field == "holdout"
    ]
    assert [p for p in check_extraction(BriefExtraction(holdout_pct=0.6), TODAY, 1e9) if p.field == "holdout"]


def test_a_campaign_without_a_control_group_runs_and_measures_no_lift(liftoff_home: Path) -> None:
    c = Campaigns(make_settings(liftoff_home))
    result = c.start(CLEAN_BRIEF + " No holdout needed this time.", auto_approve=True)
    assert result.status == "launched", result.reason
    values = c.result(result.thread_id).values
    assert values["blueprint"]["holdout_pct"] == 0.0
    assert values["lists"] and all(t["holdout"] == 0 for t in values["lists"].values())
    assert values["scorecard"]["lift"] is None
    facts = [f for f in values["brief"]["facts"] if f["field"] == "holdout_pct"]
    assert facts and facts[0]["source"] == "No holdout needed this time."
    c.close()
