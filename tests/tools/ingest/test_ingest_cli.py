"""The CLI: ``events ingest`` errors and over-cap alerts, ``events serve`` in its own process, ``scorecard``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from graph.contracts import Caps
from graph.runtime.settings import REPO_ROOT
from tests.tools.channels.channel_kit import make_request
from tools.channels.webhook import SIGNATURE_HEADER, sign

SECRET = "cli-secret-0123456789abcdef"


def _published(monkeypatch: pytest.MonkeyPatch) -> str:
    from graph.runtime.services import services_for
    from graph.runtime.settings import Settings

    svc = services_for(Settings.from_env())
    program = svc.publisher.publish(make_request("paid_social", "EU", campaign="cmp-cli"))
    svc.ledger.set_caps(
        "cmp-cli", Caps(total=100, per_channel={"paid_social": 50}, per_day=100), trace_id="tr-cmp-cli"
    )
    return program.id


def test_ingest_errors_and_an_over_cap_cost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.cli import main

    pid = _published(monkeypatch)
    assert main(["events", "ingest", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"id,program_id,type,at,amount\nc1,{pid},cost,2026-03-02T10:00:00Z,20\nc2,{pid},costs,"
        "2026-03-02T10:00:00Z,5\n"
    )
    assert main(["events", "ingest", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 3: type: Input should be" in err and "nothing ingested" in err
    good = tmp_path / "costs.csv"
    good.write_text(
        f"id,program_id,type,at,amount,currency\nc1,{pid},cost,2026-03-02T10:00:00Z,40,EUR\n"
        f"c2,{pid},cost,2026-03-03T10:00:00Z,30,EUR\n"
    )
    assert main(["events", "ingest", str(good)]) == 3  # the second cost is beyond the 50 channel cap
    out, err = capsys.readouterr()
    assert "2 lines, 2 new events, 0 already present (2 cost)" in out
    assert "alert: cost c2 of 30.00 on paid_social" in err and "channel cap" in err
    assert main(["events", "ingest", str(good)]) == 0  # again: nothing new, no second alert
    assert "0 new events, 2 already present" in capsys.readouterr().out
    assert main(["scorecard", "cmp-cli", "--json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["spend"] == 70.0 and len(card["over_cap"]) == 1 and card["sources"]["ingest"]["spend"] == 70.0
    assert main(["scorecard", "cmp-nope"]) == 2
    assert "no events for campaign 'cmp-nope'" in capsys.readouterr().err


def test_events_serve_in_its_own_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, liftoff_home: Path
) -> None:
    pid = _published(monkeypatch)
    env = {**os.environ, "LIFTOFF_HOME": str(liftoff_home), "LIFTOFF_EVENTS_SECRET": SECRET}
    code = "import sys; from graph.cli import main; sys.exit(main())"
    missing = subprocess.run(
        [sys.executable, "-c", code, "events", "serve", "--port", "0"],
        cwd=REPO_ROOT,
        env={k: v for k, v in env.items() if k != "LIFTOFF_EVENTS_SECRET"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2 and "LIFTOFF_EVENTS_SECRET is not set" in missing.stderr
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "events", "serve", "--port", "0"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("listening on http://127.0.0.1:"), line
        url = line.split()[2]
        body = json.dumps(
            [{"id": "srv-1", "program_id": pid, "type": "click", "at": "2026-03-02T10:00:00Z"}]
        ).encode()
        req = urllib.request.Request(
            url, data=body, method="POST", headers={SIGNATURE_HEADER: sign(SECRET, body, int(time.time()))}
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert json.loads(resp.read())["new"] == 1
    finally:
        proc.terminate()
        proc.wait(timeout=30)
