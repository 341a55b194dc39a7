"""The Planner finds a region's disclaimer too long for a planned channel at plan time, before any copy, asks one
clear question (region, length, channel, limit, the two choices) and understands an answer that drops the channel
(issue 12, blind trials D2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.brief.disclaimer_check import channel_drops
from graph.runtime.runner import Campaigns
from tests.copywriting.brands import write_kettlewise
from tests.graph.conftest import make_settings

# the Kettlewise UK disclaimer is 102 characters: over paid search's 90-character body, inside email's and SMS's
BRIEF = (
    "Product: Kettlewise Aria Kettle. Autumn campaign in the UK starting 1 October 2027 for 4 weeks. Budget £10k. "
    "Audience: first-time home buyers. Goal: 300 online orders. Channels: email and Google search ads."
)


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("Drop paid_search.", {"paid_search"}),
        ("drop paid search", {"paid_search"}),
        ("OK, let's drop the Google ads and keep email.", {"paid_search"}),
        ("Don't run the Facebook or Instagram ads this time.", {"paid_social"}),
        ("Remove display and SMS from the plan.", {"display", "sms"}),
        ("Go without SMS.", {"sms"}),
        ("No more than 3 emails a week; use email and search.", set()),  # a cap, not a removal
        ("Shorten it: we changed the library.", set()),
        ("Keep paid search, drop nothing else.", set()),
    ],
)
def test_an_answer_that_drops_a_channel_is_understood(text: str, dropped: set[str]) -> None:
    assert channel_drops(text) == dropped


def test_a_disclaimer_too_long_for_a_planned_channel_is_asked_before_any_copy(
    liftoff_home: Path, tmp_path: Path
) -> None:
    c = Campaigns(make_settings(liftoff_home, brand_library_dir=write_kettlewise(tmp_path / "libs")))
    try:
        result = c.start(BRIEF, brand="kettlewise")
        assert result.status == "needs_input", result.reason
        assert not result.values.get("assets")  # asked at plan time: nothing drafted
        (question,) = result.values["questions"]
        for part in (
            "UK disclaimer is 102 characters",
            "paid_search's 90-character limit",
            "Shorten the disclaimer",
        ):
            assert part in question, question
        assert "drop paid_search" in question
        result = c.resume(
            result.thread_id, {"decision": "answer", "approver": "ana", "answer": "Drop paid search for now."}
        )
        assert result.status != "needs_input", result.values.get("questions")
        channels = {ch["channel"] for ch in result.values["blueprint"]["channels"]}
        assert channels == {"email"}
    finally:
        c.close()


def test_disclaimers_that_fit_ask_nothing(liftoff_home: Path, tmp_path: Path) -> None:
    c = Campaigns(make_settings(liftoff_home, brand_library_dir=write_kettlewise(tmp_path / "libs")))
    try:
        result = c.start(BRIEF.replace("Google search ads", "SMS"), brand="kettlewise")
        assert result.status != "needs_input", result.values.get("questions")
        assert {ch["channel"] for ch in result.values["blueprint"]["channels"]} == {"email", "sms"}
    finally:
        c.close()


def test_dropping_every_requested_channel_asks_instead_of_swapping_channels(
    liftoff_home: Path, tmp_path: Path
) -> None:
    c = Campaigns(make_settings(liftoff_home, brand_library_dir=write_kettlewise(tmp_path / "libs")))
    try:
        result = c.start(
            BRIEF.replace("email and Google search ads", "Google search ads"), brand="kettlewise"
        )
        assert result.status == "needs_input"
        result = c.resume(
            result.thread_id, {"decision": "answer", "approver": "ana", "answer": "Drop paid_search."}
        )
        assert result.status == "needs_input"
        (question,) = result.values["questions"]
        assert "drops every channel the brief asks for (paid_search)" in question
        assert not result.values.get("blueprint")
    finally:
        c.close()
