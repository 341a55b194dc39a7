"""A market the brand library has no rules for is asked about at plan time, never planned or dropped silently;
an answer that drops it is understood, and its countries leave the plan with it (issue 12, brand trials)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.brief.region_check import region_drops, region_questions
from graph.runtime.runner import Campaigns
from tests.copywriting.brands import write_kettlewise
from tests.graph.conftest import make_settings

# Kettlewise has rules for the UK and the EU only; the brief also names Canada and runs e-mail, which fits its disclaimer
BRIEF = (
    "Product: Kettlewise Aria Kettle. Autumn campaign in the UK and Canada starting 1 October 2027 for 4 weeks. "
    "Budget £10k. Audience: first-time home buyers. Goal: 300 online orders. Channel: email."
)
REGIONS = ["US", "CA", "UK", "EU"]


@pytest.mark.parametrize(
    ("text", "countries", "dropped"),
    [
        ("drop CA", ["US", "CA"], {"CA"}),
        ("Leave out Canada for now.", ["US", "CA"], {"CA"}),
        ("drop CA, paid_social and paid_search", ["US", "CA"], {"CA"}),
        ("Please skip the US market.", ["US", "GB"], {"US"}),
        ("drop Ireland", ["GB", "IE"], {"EU"}),
        ("remove Europe and display", ["GB", "IE", "DE"], {"EU"}),
        ("don't run in the US", ["US", "CA"], {"US"}),
        # a region inside a longer phrase is not a removal of the market
        ("Do not use the UK offer, it has ended.", ["GB"], set()),
        ("Drop the Canadian price from the copy.", ["CA"], set()),
        # one country of several in a region does not drop the region
        ("drop Ireland", ["GB", "IE", "DE"], set()),
        # a lowercase two-letter word is not a region code
        ("drop ca 20% of the budget", ["CA"], set()),
        ("Keep the UK and Canada.", ["GB", "CA"], set()),
    ],
)
def test_an_answer_that_drops_a_market_is_understood(
    text: str, countries: list[str], dropped: set[str]
) -> None:
    assert region_drops(text, REGIONS, countries) == dropped


def test_the_question_names_the_region_its_countries_and_both_ways_out() -> None:
    (question,) = region_questions(["EU"], ["GB", "IE"])
    for part in ("EU (Ireland)", "no rules in the brand library", "brand.yaml", "answer 'drop EU'"):
        assert part in question, question


def test_a_market_without_rules_is_asked_before_planning_and_an_answer_drops_it(
    liftoff_home: Path, tmp_path: Path
) -> None:
    c = Campaigns(make_settings(liftoff_home, brand_library_dir=write_kettlewise(tmp_path / "libs")))
    try:
        result = c.start(BRIEF, brand="kettlewise")
        assert result.status == "needs_input", result.reason
        assert not result.values.get("blueprint") and not result.values.get("assets")
        (question,) = result.values["questions"]
        assert "CA (Canada)" in question and "drop CA" in question, question
        result = c.resume(
            result.thread_id, {"decision": "answer", "approver": "ana", "answer": "Drop Canada."}
        )
        assert result.status != "needs_input", result.values.get("questions")
        brief = result.values["brief"]
        assert brief["regions"] == ["UK"] and brief["countries"] == ["GB"]
        assert any("CA left out" in a for a in brief["assumed"]), brief["assumed"]
        plan = result.values["blueprint"]
        assert {r for ch in plan["channels"] for r in ch["regions"]} == {"UK"}
    finally:
        c.close()


def test_dropping_every_market_asks_again_instead_of_planning_nothing(
    liftoff_home: Path, tmp_path: Path
) -> None:
    c = Campaigns(make_settings(liftoff_home, brand_library_dir=write_kettlewise(tmp_path / "libs")))
    try:
        brief = BRIEF.replace("in the UK and Canada", "in Canada")
        result = c.start(brief, brand="kettlewise")
        assert result.status == "needs_input"
        result = c.resume(
            result.thread_id, {"decision": "answer", "approver": "ana", "answer": "drop Canada"}
        )
        assert result.status == "needs_input"
        assert any("drops every market" in q for q in result.values["questions"]), result.values["questions"]
        assert not result.values.get("blueprint")
    finally:
        c.close()
