"""A real ``langgraph dev`` server: a brief alone through both human reviews to launch, driven with langgraph-sdk;
then the CLI's and app's client (``LIFTOFF_SERVER_URL``) lists, reads, cycles and starts campaigns on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from langgraph_sdk import get_sync_client

from evals.langgraph_server import langgraph_dev
from graph.runtime.remote import RemoteCampaigns
from graph.runtime.settings import Settings
from tests.graph.conftest import CLEAN_BRIEF
from tools.lifecycle.store import LifecycleStore

pytestmark = pytest.mark.slow


def test_a_server_run_is_a_full_campaign(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server_home = tmp_path / "server-home"
    env = {
        "LIFTOFF_HOME": str(server_home),
        "LIFTOFF_CRM_CONTACTS": "3000",
        "LIFTOFF_CHECK_DATE": "2026-11-25",
    }
    with langgraph_dev(env, tmp_path / "server.log") as url:
        client = get_sync_client(url=url)
        assert [a["graph_id"] for a in client.assistants.search()] == ["campaign"]
        schema = client.assistants.get_schemas(client.assistants.search()[0]["assistant_id"])
        assert schema["input_schema"]["required"] == ["brief_text"]  # Studio's form: a brief (and a brand)
        thread = client.threads.create()
        tid = thread["thread_id"]
        # A brief alone, settings as JSON run context: manual autonomy asks for the launch approval too.
        client.runs.wait(
            tid,
            "campaign",
            input={"brief_text": CLEAN_BRIEF},
            context={"autonomy": "manual", "launch_days": 5},
        )
        reviews = []
        for _ in range(8):
            state = client.threads.get_state(tid)
            pending = [i["value"] for task in state["tasks"] for i in task.get("interrupts", [])]
            if not pending:
                break
            reviews.append(pending[0]["kind"])
            client.runs.wait(
                tid,
                "campaign",
                command={"resume": {"decision": "approve", "approver": "studio:ana", "comment": "ok"}},
            )
        values = client.threads.get_state(tid)["values"]
        # the launch card first (nothing publishes before a human approves it); budget cards when the optimizer
        # has the evidence to propose a change in the first days
        assert reviews and reviews[0] == "launch" and set(reviews) <= {"launch", "budget"}, reviews
        assert values["status"] == "launched", values.get("status_reason")
        assert values["campaign_id"] == tid and values["trace_id"].startswith("trc-") and values["started_at"]
        card = values["scorecard"]
        assert card["campaign_id"] == tid and card["kpis"]
        assert values["programs"] and all(
            p["status"] in ("published", "scheduled") for p in values["programs"].values()
        )
        # The after-launch work happened inside the graph: the campaign has its schedule.
        assert LifecycleStore(server_home / "lifecycle.db").campaign(tid) is not None

        # The client the CLI, app and scheduler use when LIFTOFF_SERVER_URL is set.
        remote = RemoteCampaigns(
            Settings.from_env({"LIFTOFF_HOME": str(tmp_path / "client"), "LIFTOFF_SERVER_URL": url})
        )
        assert tid in [s.campaign_id for s in remote.list()]
        assert remote.result(tid).status == "launched"
        assert remote.run_cycle(tid, "report").status == "launched"
        started = remote.start(CLEAN_BRIEF, auto_approve=True)
        assert started.status == "launched" and started.values["scorecard"]

        from graph.cli import main

        monkey_env = {"LIFTOFF_SERVER_URL": url, "LIFTOFF_HOME": str(tmp_path / "client")}
        with pytest.MonkeyPatch.context() as mp:
            for k, v in monkey_env.items():
                mp.setenv(k, v)
            assert main(["runs", "--json"]) == 0
        listed = {r["campaign_id"] for r in json.loads(capsys.readouterr().out)}
        assert {tid, started.thread_id} <= listed
