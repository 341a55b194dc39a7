"""``liftoff kill-switch``, ``outbox``, ``programs`` and ``sla``: exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from channel_kit import make_request

from graph.cli import main
from graph.runtime.services import services_for
from graph.runtime.settings import Settings
from tools.killswitch import KillSwitch


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_kill_switch_on_status_off(capsys: pytest.CaptureFixture[str], liftoff_home: Path) -> None:
    code, out, _ = run(capsys, "kill-switch", "status")
    assert code == 0 and "no kill-switch engaged" in out

    code, out, _ = run(
        capsys,
        "kill-switch",
        "on",
        "--channel",
        "email",
        "--region",
        "EU",
        "--reason",
        "bad claim",
        "--actor",
        "ana",
    )
    assert code == 0
    assert "kill-switch ON for channel:email|region:EU" in out
    assert "ON  channel:email|region:EU" in out and "by ana" in out and "bad claim" in out

    switch = KillSwitch(liftoff_home / "control.db")  # the store the graph's services use
    assert switch.check("email", "EU") is not None and switch.check("email", "US") is None

    code, out, _ = run(capsys, "kill-switch", "on", "--actor", "bo")
    assert code == 0 and "kill-switch ON for global" in out

    code, out, _ = run(capsys, "kill-switch", "status", "--json")
    assert code == 0 and sorted(json.loads(out)["engaged"]) == ["channel:email|region:EU", "global"]

    code, out, _ = run(capsys, "kill-switch", "off")
    assert code == 0 and "kill-switch OFF for global" in out and "global" not in out.split("\n", 1)[1]
    code, out, _ = run(capsys, "kill-switch", "off", "--channel", "email", "--region", "EU")
    assert code == 0 and "no kill-switch engaged" in out
    assert switch.check("email", "EU") is None


def test_kill_switch_refuses_unknown_scope(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "kill-switch", "on", "--channel", "fax")
    assert code == 2 and out == "" and "error: unknown channel 'fax' (known: email, sms" in err
    code, _, err = run(capsys, "kill-switch", "on", "--region", "Mars")
    assert code == 2 and "unknown region 'Mars'" in err
    with pytest.raises(SystemExit) as exc:
        main(["kill-switch", "maybe"])
    assert exc.value.code == 2


def test_kill_switch_from_cli_blocks_the_publisher(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "kill-switch", "on", "--region", "EU")[0] == 0
    svc = services_for(Settings.from_env())
    program = svc.publisher.publish(make_request(budget=0))
    assert program.status == "blocked" and "region:EU" in program.reason


def test_outbox_and_programs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "outbox")
    assert code == 0 and "outbox is empty" in out
    publisher = services_for(Settings.from_env()).publisher
    publisher.publish(make_request(budget=0, campaign="cmp-a"))
    publisher.publish(make_request(budget=0, campaign="cmp-b", channel="sms", region="US"))

    code, out, _ = run(capsys, "outbox", "--campaign", "cmp-a", "--json")
    rows = json.loads(out)
    assert (
        code == 0
        and len(rows) == 1
        and rows[0]["campaign_id"] == "cmp-a"
        and rows[0]["status"] == "published"
    )
    assert rows[0]["subject"] == "Brew better at home"

    code, out, _ = run(capsys, "outbox")
    assert code == 0 and "2 item(s)" in out and "sms" in out and "'Brew better at home'" in out

    code, out, _ = run(capsys, "programs", "--campaign", "cmp-b", "--json")
    [program] = json.loads(out)
    assert code == 0 and program["channel"] == "sms" and program["status"] == "published"

    code, _, err = run(capsys, "outbox", "--channel", "fax")
    assert code == 2 and "unknown channel" in err


def test_sla_command_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    publisher = services_for(Settings.from_env()).publisher
    code, out, _ = run(capsys, "sla")
    assert code == 0 and "0 SLA alert(s)" in out
    publisher.publish(make_request(slot="2020-01-01", campaign="cmp-late"))  # delivered long after its slot
    code, out, _ = run(capsys, "sla", "--json")
    data = json.loads(out)
    assert code == 1 and [b["kind"] for b in data["new_breaches"]] == ["late"]
    code, out, _ = run(capsys, "sla")
    assert code == 1 and "1 SLA alert(s), 0 new" in out
