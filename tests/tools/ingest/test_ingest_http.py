"""The signed results endpoint over real HTTP on loopback: signatures, replays, stale requests, all-or-nothing."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.tools.ingest.test_ingest_file import GOOD, PROGRAMS
from tools.channels.webhook import SIGNATURE_HEADER, SignatureVerifier, sign
from tools.events import EventLog
from tools.ingest.http import Endpoint, make_server
from tools.ingest.resolve import ProgramDirectory
from tools.ingest.results import RESULT_TYPES
from tools.killswitch import KillSwitch
from tools.spend import SpendLedger

SECRET = "s3cret-for-tests-0123456789"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, EventLog]]:
    from graph.contracts import Caps

    events = EventLog(tmp_path / "events.db")
    ledger = SpendLedger(tmp_path / "ledger.db", events=events, kill_switch=KillSwitch(tmp_path / "ks.db"))
    ledger.set_caps("c1", Caps(total=1000, per_channel={"paid_social": 500}, per_day=500), trace_id="t1")
    srv = make_server(
        Endpoint(
            events=events,
            ledger=ledger,
            directory=lambda: ProgramDirectory(PROGRAMS),
            verifier=SignatureVerifier(SECRET, tolerance_s=300),
        )
    )
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    host, port = srv.server_address[:2]
    yield f"http://{host}:{port}", events
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def _post(url: str, body: bytes, header: str | None) -> tuple[int, dict[str, Any]]:
    req = urllib.request.Request(
        url + "/events",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", **({SIGNATURE_HEADER: header} if header else {})},
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _signed(
    url: str, doc: Any, *, at: int | None = None, secret: str = SECRET
) -> tuple[int, dict[str, Any], str]:
    body = json.dumps(doc).encode()
    header = sign(secret, body, at if at is not None else int(time.time()))
    code, out = _post(url, body, header)
    return code, out, header


def test_signed_events_land_once_and_a_retry_changes_nothing(server: tuple[str, EventLog]) -> None:
    url, events = server
    code, out, _ = _signed(url, {"events": GOOD})
    assert code == 200 and out["new"] == 8 and out["spend"]["c1"]["committed"] == 1
    stored = [e for _, e in events.read(0, 100, types=RESULT_TYPES)]
    assert {e.source for e in stored} == {"webhook"} and len(stored) == 8
    code, out, _ = _signed(url, GOOD, at=int(time.time()) + 1)  # a retried delivery, signed anew; a bare list
    assert code == 200 and (out["new"], out["already_present"]) == (0, 8)


def test_forged_stale_and_replayed_requests_are_refused(server: tuple[str, EventLog]) -> None:
    url, events = server
    body = json.dumps([GOOD[0]]).encode()
    assert _post(url, body, None) == (401, {"error": "signature refused: missing signature header"})
    code, out, _ = _signed(url, [GOOD[0]], secret="another-secret-0123456789")
    assert code == 401 and "mismatch" in out["error"]
    code, out, _ = _signed(url, [GOOD[0]], at=int(time.time()) - 3600)
    assert code == 401 and "stale" in out["error"]
    code, _, header = _signed(url, [GOOD[0]])
    assert code == 200
    code, out = _post(url, body, header)  # the exact same request again
    assert code == 401 and "replayed" in out["error"]
    tampered = json.dumps([{**GOOD[0], "count": 99999}]).encode()
    code, out = _post(url, tampered, header)
    assert code == 401
    assert len(events.read(0, 100, types=RESULT_TYPES)) == 1


def test_a_bad_record_fails_the_request_and_applies_nothing(server: tuple[str, EventLog]) -> None:
    url, events = server
    code, out, _ = _signed(url, [GOOD[0], {**GOOD[1], "program_id": "p-nope"}, "x"])
    assert code == 400 and out["bad"] == 2
    assert out["lines"][0] == {
        "line": 2,
        "error": "unknown program_id 'p-nope' (no published program has it)",
    }
    assert out["lines"][1]["line"] == 3
    code, out, _ = _signed(url, {"rows": []})
    assert code == 400 and "JSON list" in out["error"]
    assert events.read(0, 100, types=RESULT_TYPES) == []
    req = urllib.request.Request(url + "/nowhere", data=b"{}", method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 404
    with urllib.request.urlopen(url + "/health", timeout=10) as resp:
        assert json.loads(resp.read()) == {"ok": True}


def test_the_server_refuses_a_short_secret(tmp_path: Path) -> None:
    events = EventLog(tmp_path / "e.db")
    with pytest.raises(ValueError, match="at least 16 characters"):
        make_server(
            Endpoint(
                events=events,
                ledger=None,
                directory=lambda: ProgramDirectory({}),
                verifier=SignatureVerifier("short"),
            )
        )
