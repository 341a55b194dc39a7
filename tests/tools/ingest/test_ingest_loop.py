"""Definition of done: a campaign published on the sandbox, then a file of conversions and costs for its programs.

The scorecard (``liftoff scorecard``) and the next Optimizer cycle reflect exactly the ingested events; ingesting
the same file again changes nothing.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from graph.runtime.runner import Campaigns
from tests.graph.conftest import EXAMPLE_BRIEF, make_settings
from tools.ingest.results import RESULT_TYPES
from tools.optimizer.cycle import read_observations
from tools.tracking import tracking_url


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    from graph.cli import main

    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return dict(json.loads(out))


@pytest.mark.slow
def test_ingested_results_reach_the_scorecard_and_the_next_cycle_exactly_once(
    liftoff_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIFTOFF_CRM_CONTACTS", "4000")
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2026-11-25")
    campaigns = Campaigns(make_settings(liftoff_home))
    launched = campaigns.start(EXAMPLE_BRIEF, auto_approve=True, campaign_id="cmp-loop")
    assert launched.status == "launched", launched.reason
    cid, ran = launched.thread_id, launched.values["day"]
    programs = [p for p in launched.values["programs"].values() if p["status"] == "published"]
    email = next(p for p in programs if p["channel"] == "email")
    paid = next(p for p in programs if p["channel"] != "email")
    start = date.fromisoformat(str(email["slot"])[:10])
    events = campaigns.services.events
    before = cli_json(capsys, "scorecard", cid, "--json")
    assert (
        set(before["sources"]) == {"sandbox"} and before["conversions"] > 0
    )  # the sandbox's results, in the log
    spent_before = campaigns.services.ledger.spent(cid)
    obs_before = {pid: {o.day: o for _, o in rows} for pid, rows in read_observations(events, cid).items()}

    link = tracking_url(
        "https://brightwell.example/maxflow",
        campaign_id=cid,
        channel=email["channel"],
        program_id=email["id"],
        variant="A",
    )
    day0 = f"{start.isoformat()}T15:00:00Z"
    rows = [
        {"id": "crm-conv-1", "program_id": email["id"], "type": "conversion", "at": day0, "count": 7},
        {"id": "crm-conv-2", "program_id": paid["id"], "type": "conversion", "at": day0, "count": 3},
        {
            "id": "ads-cost-1",
            "program_id": paid["id"],
            "type": "cost",
            "at": day0,
            "amount": 12.34,
            "currency": "USD",
        },
        {
            "id": "ga-conv-1",
            "url": link,
            "type": "conversion",
            "at": f"{start + timedelta(days=ran - 1)}T09:00:00Z",
            "count": 2,
        },  # a web-analytics row: attributed by its tracking link, on the last day run
        {
            "id": "crm-rev-1",
            "program_id": email["id"],
            "type": "revenue",
            "at": day0,
            "amount": 420.0,
            "currency": "USD",
        },
    ]
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = cli_json(capsys, "events", "ingest", str(path), "--json")
    assert report["new"] == 5 and report["spend"][cid] == {"committed": 1, "amount": 12.34, "refused": 0}

    after = cli_json(capsys, "scorecard", cid, "--json")
    assert after["conversions"] == before["conversions"] + 12
    assert after["spend"] == pytest.approx(before["spend"] + 12.34, abs=0.005)
    assert after["sources"]["ingest"] == {
        "events": 5,
        "conversions": 12,
        "clicks": 0,
        "spend": 12.34,
        "revenue": 420.0,
    }
    assert after["sources"]["sandbox"] == before["sources"]["sandbox"]
    assert campaigns.services.ledger.spent(cid) == pytest.approx(spent_before + 12.34, abs=0.005)
    obs = {pid: {o.day: o for _, o in rows} for pid, rows in read_observations(events, cid).items()}
    expected = {0: 7} | ({ran - 1: 2} if ran > 1 else {0: 9})
    for day, added in expected.items():
        assert obs[email["id"]][day].conversions == obs_before[email["id"]][day].conversions + added
    assert obs[paid["id"]][0].conversions == obs_before[paid["id"]][0].conversions + 3
    assert obs[paid["id"]][0].spend == pytest.approx(obs_before[paid["id"]][0].spend + 12.34, abs=0.005)

    # the next Optimizer cycle learns from the log: its scorecard counts the ingested results once
    nxt = campaigns.run_cycle(cid, "optimize", auto_approve=True)
    assert nxt.values["day"] == ran + 1
    card = nxt.values["scorecard"]
    new_day = [
        e
        for _, e in events.read(0, 10**6, campaign_id=cid, types=["result.conversion"])
        if e.payload["day"] == ran
    ]
    assert new_day and all(e.source == "sandbox" for e in new_day)
    assert card["conversions"] == after["conversions"] + sum(int(e.payload["count"]) for e in new_day)
    now = cli_json(capsys, "scorecard", cid, "--json")
    assert now["conversions"] == card["conversions"]

    # ingesting the same file again changes nothing
    count = events.count(campaign_id=cid)
    again = cli_json(capsys, "events", "ingest", str(path), "--json")
    assert (again["new"], again["already_present"]) == (0, 5) and again["spend"][cid]["committed"] == 0
    assert events.count(campaign_id=cid) == count
    assert cli_json(capsys, "scorecard", cid, "--json") == now
    assert len(events.read(0, 10**6, campaign_id=cid, types=RESULT_TYPES)) > 5
    campaigns.close()
