"""``liftoff events pull hubspot`` with the connector configured from the environment, then ``liftoff scorecard``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.tools.channels.channel_kit import make_request
from tests.vendors.hubspot_fake import fake_hubspot

TOKEN = "pat-na1-cli-token-never-printed"


def test_pull_hubspot_results_into_the_scorecard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.cli import main
    from graph.runtime.services import release, services_for
    from graph.runtime.settings import Settings

    with fake_hubspot(TOKEN) as (url, hs):
        monkeypatch.setenv("HS_TOKEN", TOKEN)
        monkeypatch.setenv("LIFTOFF_CONNECTOR_EMAIL", f"hubspot://?token_env=HS_TOKEN&host={url}")
        settings = Settings.from_env()
        svc = services_for(settings)
        export = tmp_path / "list.csv"
        export.write_text("email,first_name,language\na@x.example,A,en\nb@x.example,B,en\n")
        program = svc.publisher.publish(make_request("email", "US", export_path=str(export)))
        assert program.status == "published", program.reason
        [email_id] = hs.emails
        hs.stats[email_id] = [("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", {"delivered": 2, "click": 1})]
        assert main(["events", "pull", "hubspot", "--since", "2026-03-02", "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["new"] == 2 and out["by_type"] == {"click": 1, "delivered": 1}
        assert main(["events", "pull", "hubspot", "--since", "2026-03-02"]) == 0
        assert "0 new results, 2 already present" in capsys.readouterr().out
        assert main(["scorecard", "cmp-1", "--json"]) == 0
        card = json.loads(capsys.readouterr().out)
        assert card["sources"]["hubspot"]["events"] == 2 and card["by_channel"][0]["key"] == "email"
        assert main(["events", "pull", "salesforce", "--campaign", "cmp-1"]) == 2
        err = capsys.readouterr().err
        assert "no salesforce connector configured" in err and TOKEN not in err
        release(settings)
