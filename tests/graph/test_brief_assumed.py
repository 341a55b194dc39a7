"""What Liftoff chooses because the brief did not say (start, length, holdout, market, channels) is shown back as
'assumed' in the Brief, the JSON echo, the CLI and the app: no default is silent."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from graph.brief.echo import brief_echo, echo_lines
from graph.cli import main
from graph.contracts import BriefExtraction
from graph.models.offline.handlers import extract_brief
from graph.nodes.planner import build_brief
from graph.views.brief_echo import echo_tables

TODAY = date(2026, 12, 7)


def _brief(text: str):  # noqa: ANN202
    facts = BriefExtraction.model_validate(extract_brief({"brief_text": text, "today": TODAY.isoformat()}))
    return build_brief(text, "brightwell", facts, TODAY)


def test_defaults_for_what_the_brief_leaves_out_are_said_back() -> None:
    brief = _brief("Budget $10k for the MaxFlow Pitcher. Audience: young families. Goal: 300 orders.")
    assert brief.start_date == date(2026, 12, 8) and brief.duration_days == 28
    assumed = " | ".join(brief.assumed)
    assert "start: 2026-12-08" in assumed and "length: 28 days, to 2027-01-04" in assumed
    assert "holdout: 10%" in assumed
    assert brief_echo(brief)["assumed"] == brief.assumed
    lines = echo_lines(brief)
    assert any(line.startswith("assumed (the brief did not say") for line in lines)
    assert [r["assumed"] for r in echo_tables(brief.model_dump(mode="json"))["assumed"]] == brief.assumed


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Budget $10k. Audience: young families. Goal: 300 orders. From 1 March 2027 for 6 weeks.", "start"),
        ("Budget $10k. Audience: young families. Goal: 300 orders. Runs 1-31 March 2027.", "length"),
        ("Budget $10k. Audience: young families. Goal: 300 orders. Hold out 15% as control.", "holdout"),
        ("Budget $10k. Audience: young families. Goal: 300 orders. No holdout needed.", "holdout"),
    ],
)
def test_what_the_brief_states_is_not_assumed(text: str, absent: str) -> None:
    assert not [a for a in _brief(text).assumed if a.startswith(absent)]


def test_a_run_without_a_market_or_channels_says_which_it_chose(
    liftoff_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIFTOFF_CRM_CONTACTS", "4000")
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2026-11-25")
    brief = (
        "Launch our new Brightwell MaxFlow Pitcher starting March 2, 2027 for 4 weeks. Budget: $20k. "
        "Target: families who buy bottled water. Goal: drive 600 online orders. Hold out 10%."
    )
    assert main(["run", "--brief", brief, "--auto-approve", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assumed = out["brief_echo"]["assumed"]
    region = out["blueprint"]["brief"]["regions"][0]
    channels = ", ".join(c["channel"] for c in out["blueprint"]["channels"])
    assert f"regions: {region} (the brief names no market" in " | ".join(assumed)
    assert f"channels: {channels} (the brief names none" in " | ".join(assumed)
    assert not [a for a in assumed if a.startswith(("start", "length", "holdout"))]
