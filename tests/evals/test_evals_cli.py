"""Done-when checks of the evals: reports from an offline run, flips from one prompt version, the regression
gate failing on a worse prompt, and replay from cassettes with every socket blocked."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from evals.results import EvalRun
from graph.cli import main

DATASET = """
kind: briefs
suite: mini
check_date: "2026-11-25"
crm_contacts: 1000
thresholds: {pass_rate: 1.0}
tolerances: {pass_rate: 0.0, new_failures: 0}
cases:
  - id: uk-award
    brief: >-
      Promote the Brightwell MaxFlow Pitcher in the UK from 11 January 2027 for 5 weeks. Budget: £25,000.
      Target: urban renters who care about plastic waste. Goal: drive 900 online orders.
      Channels: email and paid social.
    expect:
      channels: [email, paid_social]
      regions: [UK]
      budget: {amount: 25000, currency: GBP}
      must_not_appear: ["100% of lead"]
      all_published: true
      max_revisions: 0
  - id: no-budget
    brief: Promote the Brightwell Everyday Bottle in the UK from 1 March 2027. Target students. Goal drive 500 orders.
    expect: {status: needs_input, missing: [budget]}
"""


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(DATASET, encoding="utf-8")
    return path


def test_offline_run_writes_json_markdown_and_self_contained_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports" / "run.json"
    code = main(
        [
            "evals",
            "run",
            "--model",
            "offline",
            "--suite",
            "briefs,governance",
            "--no-progress",
            "--cases",
            "bw-uk-award-gbp,bw-needs-budget,stop-expired-offer,clean-email-us",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    run = EvalRun.load(out)
    assert not run.model_is_llm and run.model == "offline" and run.control is None
    assert {c.case_id for c in run.cases} == {
        "bw-uk-award-gbp",
        "bw-needs-budget",
        "stop-expired-offer",
        "clean-email-us",
    }
    assert run.prompts["content"].startswith("content@v2#")
    briefs = run.suites["briefs"]
    assert briefs.metrics["pass_rate"].n == 2 and briefs.metrics["schema_valid_rate"].n > 0
    assert "judge skipped" in run.judge_note
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<svg" in html and "bw-uk-award-gbp" in html
    assert (
        "<script" not in html and "<link" not in html and "src=" not in html
    )  # nothing loaded from anywhere
    md = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "| pass_rate |" in md and "NOT an LLM" in md
    printed = capsys.readouterr().out
    assert f"wrote {out}" in printed and "briefs" in printed


def test_bad_arguments_fail_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evals", "run", "--suite", "nope", "--no-progress", "--out", str(tmp_path / "x.json")]) == 2
    assert "unknown suite 'nope'" in capsys.readouterr().err
    assert (
        main(
            [
                "evals",
                "run",
                "--cases",
                "ghost",
                "--suite",
                "governance",
                "--no-progress",
                "--out",
                str(tmp_path / "x.json"),
            ]
        )
        == 2
    )
    assert "unknown case id(s): ghost" in capsys.readouterr().err
    assert main(["evals", "compare", str(tmp_path / "a.json"), str(tmp_path / "b.json")]) == 2
    assert "cannot be read" in capsys.readouterr().err
    (tmp_path / "a.json").write_text("{}")
    assert main(["evals", "compare", str(tmp_path / "a.json"), str(tmp_path / "a.json")]) == 2
    assert "not a Liftoff eval run" in capsys.readouterr().err


def test_replay_without_cassettes_is_an_error_not_a_live_call(
    tmp_path: Path, dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "evals",
            "run",
            "--model",
            "openai:scripted-1",
            "--suite",
            str(dataset),
            "--replay",
            "--cassettes",
            str(tmp_path / "none"),
            "--no-progress",
            "--out",
            str(tmp_path / "r.json"),
        ]
    )
    assert code == 2
    assert "no recorded cohort" in capsys.readouterr().err and not (tmp_path / "r.json").exists()


@pytest.mark.vcr
def test_worse_prompt_flips_cases_fails_the_gate_and_replays_offline(
    tmp_path: Path,
    dataset: Path,
    scripted_server,
    prompts_dir: Path,
    prices_file: Path,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", scripted_server.base_url)
    cassettes = tmp_path / "cassettes"

    def run(version: str, out: Path, *extra: str) -> int:
        return main(
            [
                "evals",
                "run",
                "--model",
                "openai:scripted-1",
                "--suite",
                str(dataset),
                "--prompts",
                f"content={version}",
                "--prompts-dir",
                str(prompts_dir),
                "--prices",
                str(prices_file),
                "--cassettes",
                str(cassettes),
                "--no-progress",
                "--out",
                str(out),
                *extra,
            ]
        )

    good, worse = tmp_path / "v1.json", tmp_path / "v0-worse.json"
    assert run("v1", good, "--record") == 0  # with the offline control cohort (default --control auto)
    assert run("v0-worse", worse, "--record", "--control", "none") == 0
    a, b = EvalRun.load(good), EvalRun.load(worse)
    assert a.model_is_llm and a.mode == "record" and b.prompts["content"].startswith("content@v0-worse#")
    assert {c.case_id: c.passed for c in a.cases} == {"uk-award": True, "no-budget": True}
    assert {c.case_id: c.passed for c in b.cases} == {"uk-award": False, "no-budget": True}
    usage = next(c for c in a.cases if c.case_id == "uk-award").usage
    assert usage["content"].calls > 0 and usage["content"].input_tokens > 0 and usage["content"].cost_usd > 0
    judged = next(c for c in a.cases if c.case_id == "uk-award").judge
    assert a.judge_model == "openai:scripted-1" and judged is not None and judged.scores["compliance"] >= 1
    assert "judge_compliance" in a.suites["mini"].judge_metrics  # reported apart from the rule-based metrics
    assert "judge_compliance" not in a.suites["mini"].metrics
    assert a.control is not None and a.control["a"]["model"] == "offline"  # compared with the control cohort
    assert (tmp_path / "v1.control.json").is_file() and "control cohort" in good.with_suffix(
        ".html"
    ).read_text()
    capsys.readouterr()

    assert main(["evals", "compare", str(good), str(worse), "--out", str(tmp_path / "cmp.html")]) == 0
    report = capsys.readouterr().out
    assert (
        "uk-award" in report and "pass → fail" in report and "no-budget" not in report.split("## Flipped")[1]
    )
    assert "REGRESSION" in report
    assert "uk-award" in (tmp_path / "cmp.html").read_text(encoding="utf-8")
    assert main(["evals", "compare", str(good), str(worse), "--fail-on-regression"]) == 1
    assert "newly failing" in capsys.readouterr().err + report
    assert main(["evals", "compare", str(good), str(good), "--fail-on-regression"]) == 0

    # Replay: the server is gone, no base URL or key in the environment, and every socket refuses.
    served = len(scripted_server.requests)
    scripted_server.stop()
    monkeypatch.delenv("OPENAI_BASE_URL")
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise ConnectionRefusedError(f"replay must not connect ({address!r})")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    replayed = tmp_path / "replay.json"
    assert run("v1", replayed, "--replay", "--control", "none") == 0
    r = EvalRun.load(replayed)
    assert r.mode == "replay" and attempts == [] and len(scripted_server.requests) == served
    assert {c.case_id: (c.passed, c.status) for c in r.cases} == {
        c.case_id: (c.passed, c.status) for c in a.cases
    }, [x for c in r.cases for x in c.failed_checks()]
    original = next(c for c in a.cases if c.case_id == "uk-award")
    again = next(c for c in r.cases if c.case_id == "uk-award")
    assert again.usage["content"].input_tokens == original.usage["content"].input_tokens

    # A prompt whose content changed since recording is refused before any case runs.
    path = prompts_dir / "content" / "v1.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    capsys.readouterr()
    assert run("v1", tmp_path / "stale.json", "--replay", "--control", "none") == 2
    assert "prompt content changed since the cassettes were recorded" in capsys.readouterr().err
    cassette = json.loads(
        (cassettes / next(p.name for p in cassettes.iterdir()) / "manifest.json").read_text()
    )
    assert cassette["base_url"].startswith("http://127.0.0.1:")
