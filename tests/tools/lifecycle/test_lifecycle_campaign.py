"""Campaigns over time, end to end: four weeks through two schedulers with a rollback in week two."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graph.contracts import Blueprint, Scorecard
from graph.runtime.lifecycle_hooks import lifecycle_store
from graph.runtime.runner import Campaigns
from graph.runtime.scheduler import Scheduler
from graph.runtime.settings import REPO_ROOT
from tests.graph.conftest import EXAMPLE_BRIEF, make_settings

CLI = "import sys; from graph.cli import main; sys.exit(main())"


def liftoff(home: Path, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "LIFTOFF_HOME": str(home),
        "LIFTOFF_CRM_CONTACTS": "4000",
        "LIFTOFF_CHECK_DATE": "2026-11-25",
    }
    return subprocess.Popen(
        [sys.executable, "-c", CLI, *args],
        cwd=REPO_ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(proc: subprocess.Popen[str], timeout: float = 240) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def two_schedulers(home: Path, until_day: int) -> list[dict[str, Any]]:
    procs = [
        liftoff(
            home,
            "scheduler",
            "--until-idle",
            "--until-day",
            str(until_day),
            "--auto-approve",
            "--json",
            "--interval",
            "0.2",
        )
        for _ in range(2)
    ]
    lines: list[dict[str, Any]] = []
    for p in procs:
        code, out, err = finish(p)
        assert code == 0, err
        lines += [json.loads(x) for x in out.splitlines() if x.strip()]
    return lines


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    from graph.cli import main

    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return dict(json.loads(out))


def _events(c: Campaigns, cid: str, *types: str) -> list[Any]:
    return [e for _, e in c.services.events.read(0, 100_000, campaign_id=cid, types=list(types) or None)]


@pytest.mark.slow
def test_four_weeks_through_two_schedulers_with_a_rollback_in_week_two(
    liftoff_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaigns = Campaigns(make_settings(liftoff_home))
    launched = campaigns.start(EXAMPLE_BRIEF, auto_approve=True, campaign_id="cmp-rehearsal")
    assert launched.status == "launched", launched.reason
    cid = launched.thread_id
    sched = lifecycle_store(campaigns.settings).campaign(cid)
    assert sched is not None and sched.clock == "simulated" and sched.every == {"optimize": 1, "report": 7}
    first_day = sched.next_day["optimize"]
    assert first_day == launched.values["day"]  # the launch ran the days before it

    # week one (and the first days of week two) in this process
    week1 = Scheduler(campaigns, lifecycle_store(campaigns.settings), until_day=9, auto_approve=True)
    assert week1.run(until_idle=True, interval_s=0.1) == 10 - first_day + 1  # days first_day..9 and report d6
    assert campaigns.result(cid).values["day"] == 10

    # week two: paid social misbehaves; roll it back (and again: a no-op with the same result)
    ledger = campaigns.services.ledger
    approved = [
        e.amount
        for e in ledger.entries(cid, "allocation")
        if e.channel == "paid_social" and (e.data.get("change") is None or e.data["change"].get("decided_by"))
    ][-1]
    before = ledger.allocation(cid)["paid_social"]
    first = cli_json(
        capsys, "rollback", cid, "--channel", "paid_social", "--by", "ana@brightwell.example", "--json"
    )
    again = cli_json(capsys, "rollback", cid, "--channel", "paid_social", "--by", "ana", "--json")
    assert first["steps"] > 0 and again["noop"] and again["steps"] == 0
    assert {k: v for k, v in again.items() if k not in ("steps", "noop", "actions")} == {
        k: v for k, v in first.items() if k not in ("steps", "noop", "actions")
    }
    social = {p["id"] for p in launched.values["programs"].values() if p["channel"] == "paid_social"}
    assert set(first["cancelled"]) == social
    assert first["allocation"]["paid_social"]["restored"]
    assert first["allocation"]["paid_social"]["to"] == pytest.approx(
        max(approved, ledger.spent(cid, "paid_social"))
    )
    restored_now = first["allocation"]["paid_social"]["to"] != pytest.approx(before)

    # weeks two to four: two scheduler processes at once
    week1_ids = {c.cycle_id for c in lifecycle_store(campaigns.settings).cycles(cid)}
    rest = two_schedulers(liftoff_home, 27)
    assert all(x["status"] == "done" for x in rest)
    final = campaigns.result(cid)
    assert final.status == "launched" and final.values["day"] == 28  # four weeks: days 0-27

    # the lease: every cycle ran exactly once, in day order, across both schedulers
    store = lifecycle_store(campaigns.settings)
    cycles = store.cycles(cid)
    expected = {f"{cid}:optimize:d{d}" for d in range(first_day, 28)} | {
        f"{cid}:report:d{d}" for d in (6, 13, 20, 27)
    }
    assert {c.cycle_id for c in cycles} == expected
    assert all(c.status == "done" and c.attempts == 1 for c in cycles)
    started = Counter(e.payload["cycle_id"] for e in _events(campaigns, cid, "lifecycle.cycle_started"))
    assert set(started) == expected and set(started.values()) == {1}
    assert len({x["cycle_id"] for x in rest}) == len(rest) == len(expected - week1_ids)
    days = sorted(
        (e.payload["from_day"], e.payload["to_day"]) for e in _events(campaigns, cid, "optimizer.cycles")
    )
    assert [d for span in days for d in range(span[0], span[1] + 1)] == list(range(28))  # each day once
    metrics = Counter(
        (e.payload["program_id"], e.payload["day"]) for e in _events(campaigns, cid, "result.cost")
    )
    assert metrics and set(metrics.values()) == {1}  # one simulated cost per program-day

    # the rollback held: no paid social after it, its budget back at the last approved amount
    social_days = {
        e.payload["day"]
        for e in _events(campaigns, cid, "result.delivered")
        if e.payload["channel"] == "paid_social"
    }
    assert social_days and max(social_days) <= 9
    allocation = campaigns.services.ledger.allocation(cid)
    assert allocation["paid_social"] == pytest.approx(first["allocation"]["paid_social"]["to"])
    types = Counter(e.type for e in _events(campaigns, cid))
    assert types["lifecycle.rollback_started"] == 1 and types["lifecycle.rollback_completed"] == 1
    assert types["lifecycle.rollback_cancelled"] == len(social)
    assert types["lifecycle.rollback_allocation"] == int(restored_now)
    assert all(p["status"] == "cancelled" for k, p in final.values["programs"].items() if p["id"] in social)

    # weekly reports, each with pipeline attribution; the scorecard answers "did it pay?"
    reports = [
        e
        for e in _events(campaigns, cid, "analytics.scorecard")
        if ":report:" in (e.payload["cycle_id"] or "")
    ]
    assert [e.payload["cycle_id"].rsplit(":", 1)[1] for e in reports] == ["d6", "d13", "d20", "d27"]
    assert types["pipeline.attribution"] == 4
    card = Scorecard.model_validate(final.values["scorecard"])
    bp = Blueprint.model_validate(final.values["blueprint"])
    assert card.lift is not None and card.lift.lift_pct is not None and card.lift.control > 0
    assert card.cost_per_result is not None and card.cost_per_result == pytest.approx(
        card.spend / card.conversions
    )
    assert 0 < card.spend <= bp.caps.total
    pipe = card.pipeline
    assert pipe is not None and pipe.as_of == "2027-03-29" and pipe.window_days == 90
    assert pipe.sourced.opportunities > 0 and 0 < pipe.sourced.amount <= pipe.influenced.amount
    assert pipe.spend == card.spend and pipe.sourced_per_spend == pytest.approx(
        pipe.sourced.amount / card.spend
    )
    assert pipe.accounts_touched > 0
    assert set(card.agents_run) == {
        "planner",
        "content",
        "data",
        "governance",
        "orchestrator",
        "optimizer",
        "analytics",
    }
    # each cycle is its own trace: bracketed by its started and finished events
    finished = Counter(e.payload["cycle_id"] for e in _events(campaigns, cid, "lifecycle.cycle_finished"))
    assert set(finished) == expected and set(finished.values()) == {1}
    campaigns.close()
