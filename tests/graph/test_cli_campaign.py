"""``liftoff run/resume/runs``: JSON fields, exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.netguard import OUTBOUND_ATTEMPTS
from graph.cli import main
from tests.graph.conftest import CLEAN_BRIEF

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "briefs" / "maxflow-launch.md"
REQUIRED = {
    "thread_id",
    "trace_id",
    "status",
    "model",
    "blueprint",
    "assets",
    "lists",
    "pass_report",
    "programs",
    "budget_changes",
    "scorecard",
    "events_count",
    "llm_calls",
    "tokens",
}


@pytest.fixture(autouse=True)
def _small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFTOFF_CRM_CONTACTS", "4000")
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2026-11-25")


def test_run_example_auto_approve_json(capsys: pytest.CaptureFixture[str]) -> None:
    attempts_before = len(OUTBOUND_ATTEMPTS)
    assert main(["run", "--brief-file", str(EXAMPLE), "--auto-approve", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out.keys() >= REQUIRED
    assert out["status"] == "launched" and out["model"] == "offline" and out["model_is_llm"] is False
    assert {a["channel"] for a in out["assets"]} == {"email", "paid_social", "paid_search"}
    assert sum(c["budget"] for c in out["blueprint"]["channels"]) <= 40_000
    assert out["events_count"] > 10 and out["llm_calls"] > 0 and out["tokens"] == 0
    assert out["decisions"][0]["approver"] == "cli:auto-approve"
    assert (
        OUTBOUND_ATTEMPTS[attempts_before:] == []
    )  # the default run opened no outbound connection (not even a refused one)


def test_run_stops_for_approval_then_resume(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--brief-file", str(EXAMPLE)]) == 0
    captured = capsys.readouterr()
    assert "NOT an LLM" in captured.err
    assert "status: awaiting_approval" in captured.out and "liftoff resume" in captured.out
    thread = captured.out.split()[1]
    assert main(["runs"]) == 0
    assert "awaiting_approval" in capsys.readouterr().out
    status = "awaiting_approval"
    for _ in range(5):  # the exceptions, then possibly a large budget change
        assert main(["resume", thread, "--approve", "--approver", "ana", "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        status = out["status"]
        if status != "awaiting_approval":
            break
    assert status == "launched"
    assert out["decisions"][0]["approver"] == "ana" and out["decisions"][0]["kind"] == "exceptions"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "--brief", "  "], "the brief is empty"),
        (["run", "--brief-file", "/nonexistent/brief.md"], "cannot read brief file"),
        (["run", "--brief", CLEAN_BRIEF, "--model", "nosuchprovider:model-x"], "nosuchprovider"),
        (["run", "--brief", CLEAN_BRIEF, "--brand", "acme"], "unknown brand 'acme'"),
        (["resume", "cmp-missing", "--approve"], "no campaign 'cmp-missing'"),
    ],
)
def test_bad_input_is_one_line_error(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and "\n" not in err and "Traceback" not in err


def test_brief_without_budget_exits_non_zero_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "run",
            "--brief",
            "Launch our new Brightwell MaxFlow Pitcher. Target: families. Goal: drive orders.",
            "--json",
        ]
    )
    captured = capsys.readouterr()
    assert code == 2
    assert "no budget" in captured.err
    assert json.loads(captured.out)["status"] == "needs_input"


def test_unreachable_provider_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert main(["run", "--brief", CLEAN_BRIEF, "--model", "openai:some-model"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "127.0.0.1:9" in err and "\n" not in err
