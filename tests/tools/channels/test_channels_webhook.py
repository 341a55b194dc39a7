"""Signed webhooks against a verifying http.server on loopback: good, forged, stale and replayed requests."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from channel_kit import Env, make_request

from tools.channels.base import PermanentChannelError, TransientChannelError
from tools.channels.webhook import (
    SIGNATURE_HEADER,
    SignatureVerifier,
    WebhookConnector,
    sign,
    verify_signature,
)

SECRET = "s3cret-s3cret-s3cret"


class Receiver:
    """State of the loopback receiver: what it accepted, rejected, and scripted failures."""

    def __init__(self) -> None:
        self.verifier = SignatureVerifier(SECRET, tolerance_s=300)
        self.accepted: list[dict[str, Any]] = []
        self.rejected: list[str] = []
        self.raw: list[tuple[bytes, dict[str, str]]] = []
        self.fail_next: list[tuple[int, dict[str, str]]] = []


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server API
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.raw.append((body, dict(self.headers)))
            check = state.verifier.verify(self.headers.get(SIGNATURE_HEADER), body)
            if not check.valid:
                state.rejected.append(check.reason)
                return self._reply(401, {"error": check.reason})
            if state.fail_next:
                code, headers = state.fail_next.pop(0)
                return self._reply(code, {"error": "scripted"}, headers)
            data = json.loads(body)
            state.accepted.append({**data, "_idempotency_key": self.headers["Idempotency-Key"]})
            if data["type"] == "metrics":
                return self._reply(200, {"sends": 10, "clicks": 2, "day": data["day"]})
            return self._reply(200, {"id": f"ext-{len(state.accepted)}", "status": "queued"})

        def _reply(self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            raw = json.dumps(payload).encode()
            self.send_response(code)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}/liftoff"
    finally:
        server.shutdown()
        server.server_close()


def test_signed_publish_is_verified_and_accepted(receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    req = make_request(channel="paid_social", region="US")
    receipt = WebhookConnector(url, SECRET).publish(req.item())
    assert receipt.external_id == "ext-1" and receipt.detail == {"type": "publish", "status": "queued"}
    [got] = state.accepted
    assert got["type"] == "publish" and got["idempotency_key"] == req.key == got["_idempotency_key"]
    assert got["asset"] == {
        "id": req.asset.id,
        "version": 1,
        "headline": "Brew better",
        "body": "Pure Pitcher filters 99% of chlorine.",
        "cta": "Shop now",
    }
    assert state.rejected == []


def test_forged_signature_is_rejected(receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    with pytest.raises(PermanentChannelError, match="401"):
        WebhookConnector(url, "another-secret-entirely").publish(make_request().item())
    assert state.rejected == ["signature mismatch"] and state.accepted == []


def test_stale_signature_is_rejected(receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    with pytest.raises(PermanentChannelError, match="stale"):
        WebhookConnector(url, SECRET, clock=lambda: time.time() - 3600).publish(make_request().item())
    assert state.rejected[0].startswith("stale signature") and state.accepted == []


def test_replayed_request_is_rejected(receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    WebhookConnector(url, SECRET).publish(make_request().item())
    body, headers = state.raw[0]
    replay = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", SIGNATURE_HEADER: headers[SIGNATURE_HEADER]},
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(replay, timeout=5)
    assert err.value.code == 401 and state.rejected == ["replayed signature"] and len(state.accepted) == 1


def test_tampered_body_is_rejected(receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    WebhookConnector(url, SECRET).publish(make_request().item())
    body, headers = state.raw[0]
    tampered = body.replace(b'"budget":0.0', b'"budget":99999.0')
    assert tampered != body
    req = urllib.request.Request(
        url,
        data=tampered,
        method="POST",
        headers={"Content-Type": "application/json", SIGNATURE_HEADER: headers[SIGNATURE_HEADER]},
    )
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(req, timeout=5)
    assert state.rejected == ["signature mismatch"]


def test_5xx_is_transient_with_retry_after_and_4xx_permanent(receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    hook = WebhookConnector(url, SECRET)
    state.fail_next = [(503, {"Retry-After": "12"}), (422, {})]
    with pytest.raises(TransientChannelError) as err:
        hook.publish(make_request().item())
    assert err.value.retry_after_s == 12.0
    with pytest.raises(PermanentChannelError, match="HTTP 422"):
        hook.publish(make_request().item())


def test_publisher_retries_webhook_and_delivers_once(env: Env, receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    state.fail_next = [(502, {}), (429, {"Retry-After": "3"})]
    pub = env.publisher({"display": WebhookConnector(url, SECRET)})
    req = make_request(channel="display", region="APAC")
    program = pub.publish(req)
    assert program.status == "published" and program.attempts == 3 and env.sleeps == [0.5, 3.0]
    assert pub.publish(req).status == "published" and len(state.accepted) == 1
    collected = pub.collect_metrics("cmp-1", day=4)
    [click] = [e for e in collected if e.type == "result.click"]
    assert click.payload["count"] == 2 and click.source == "webhook" and click.payload["day"] == 4
    assert pub.collect_metrics("cmp-1", day=4) == []  # the same day again: nothing new
    assert state.accepted[-1]["type"] == "metrics" and state.accepted[-1]["day"] == 4


def test_unreachable_endpoint_is_transient() -> None:
    with pytest.raises(TransientChannelError):
        WebhookConnector("http://127.0.0.1:9/hook", SECRET, timeout_s=2).publish(make_request().item())


def test_connector_refuses_plain_http_off_loopback_and_short_secrets() -> None:
    with pytest.raises(ValueError, match="must use https"):
        WebhookConnector("http://example.com/hook", SECRET)
    with pytest.raises(ValueError, match="at least 16"):
        WebhookConnector("https://example.com/hook", "short")
    WebhookConnector("https://example.com/hook", SECRET)  # constructing opens no connection


def test_verify_signature_cases() -> None:
    body, now = b'{"a":1}', 1_800_000_000
    header = sign(SECRET, body, now)
    assert verify_signature(SECRET, header, body, 300, now=now + 299).valid
    assert verify_signature(["old-secret-old-secret", SECRET], header, body, now=now).valid  # rotation
    assert verify_signature(SECRET, header, body, 300, now=now + 301).reason.startswith("stale")
    assert verify_signature(SECRET, header, body, 300, now=now - 301).reason.startswith(
        "stale"
    )  # from the future
    assert verify_signature(SECRET, header, b'{"a":2}', now=now).reason == "signature mismatch"
    assert verify_signature(SECRET, None, body, now=now).reason == "missing signature header"
    assert not verify_signature(SECRET, "t=abc,v1=00", body, now=now).valid
    assert not verify_signature(SECRET, f"t={now}", body, now=now).valid
    assert not verify_signature(SECRET, "garbage", body, now=now).valid
    two = f"{header},v1={'0' * 64}"
    assert verify_signature(SECRET, two, body, now=now).valid


def test_verifier_forgets_signatures_after_the_window() -> None:
    now = [1_800_000_000.0]
    verifier = SignatureVerifier(SECRET, tolerance_s=60, clock=lambda: now[0])
    header = sign(SECRET, b"x", int(now[0]))
    assert (
        verifier.verify(header, b"x").valid and verifier.verify(header, b"x").reason == "replayed signature"
    )
    now[0] += 61
    assert verifier.verify(header, b"x").reason.startswith("stale")
    assert verifier._seen == {}
