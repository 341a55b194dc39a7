"""``liftoff simulate``, ``liftoff audit export`` and ``liftoff retention purge``."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from graph.cli import main
from graph.contracts import Event
from graph.runtime.settings import Settings
from tools.events import EventLog


def test_simulate_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--days", "6", "--seed", "3", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {"conversions", "oracle_conversions", "even_split_conversions", "spend", "cap"} <= set(doc)
    assert doc["cap"] == 18_000.0 and 0 < doc["spend"] <= doc["cap"]
    assert doc["conversions"] > 0 and doc["oracle_conversions"] > 0 and doc["even_split_conversions"] > 0
    assert doc["vs_oracle"] == round(doc["conversions"] / doc["oracle_conversions"], 4)


def test_simulate_text_and_bad_arguments(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    state = tmp_path / "sim"
    assert main(["simulate", "--days", "3", "--seed", "1", "--state-dir", str(state)]) == 0
    out = capsys.readouterr().out
    assert "oracle" in out and "even split" in out
    assert (state / "ledger.db").exists() and (state / "events.db").exists()
    assert main(["simulate", "--days", "3", "--state-dir", str(state)]) == 2  # not a fresh ledger
    assert "not empty" in capsys.readouterr().err
    assert main(["simulate", "--days", "0"]) == 2
    assert "--days must be between 1" in capsys.readouterr().err


def _log() -> EventLog:
    return EventLog(Settings.from_env().path("events.db"))


def test_audit_export_writes_the_trace_as_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = _log()
    for i in range(3):
        log.emit("step", trace_id="t1", campaign_id="c1", source="test", payload={"i": i})
    log.emit("step", trace_id="t2", campaign_id="c2", source="test")
    out = tmp_path / "audit" / "t1.jsonl"
    assert main(["audit", "export", "t1", "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert [Event.model_validate_json(line).payload["i"] for line in lines] == [0, 1, 2]
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temp file left behind
    assert main(["audit", "export", "t1"]) == 0
    assert capsys.readouterr().out.splitlines() == lines
    assert main(["audit", "export", "nope", "--out", str(tmp_path / "x.jsonl")]) == 2
    assert not (tmp_path / "x.jsonl").exists()
    assert "no events for trace 'nope'" in capsys.readouterr().err


def test_retention_purge_cli(capsys: pytest.CaptureFixture[str]) -> None:
    log = _log()
    old = datetime.now(UTC) - timedelta(days=40)
    log.append(
        Event(
            id="old",
            type="list.exported",
            trace_id="t",
            campaign_id="c",
            source="data",
            payload={"email": "a@example.com"},
            pii=True,
            ts=old.isoformat(),
        )
    )
    log.emit(
        "list.exported",
        trace_id="t",
        campaign_id="c",
        source="data",
        payload={"email": "b@example.com"},
        pii=True,
    )
    assert main(["retention", "purge", "--older-than-days", "30", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["events_purged"] == 1
    payloads = [e.payload for _, e in log.read(0, 10)]
    assert payloads == [{"purged": True}, {"email": "b@example.com"}]
    assert main(["retention", "purge", "--older-than-days", "-1"]) == 2
