"""SMTP delivery against a real aiosmtpd server on loopback."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from channel_kit import Env, make_request

from tools.channels.base import PermanentChannelError, TransientChannelError
from tools.channels.smtp import SmtpConnector, read_recipients


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """aiosmtpd handler keeping every accepted message; ``reject`` scripts replies per recipient."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []
        self.reject: dict[str, list[str]] = {}  # recipient -> replies to give (one per attempt)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        replies = self.reject.get(address)
        if replies:
            return replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        self.messages.append(
            (
                str(envelope.mail_from),
                list(envelope.rcpt_tos),
                message_from_bytes(envelope.content, policy=policy.default),
            )
        )
        return "250 Message accepted"

    def to(self) -> list[str]:
        return [rcpt for _, rcpts, _ in self.messages for rcpt in rcpts]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


def connector(env: Env, port: int, **kw: Any) -> SmtpConnector:
    kw.setdefault("test_recipients", ["ana@example.com", "bo@example.org"])
    return SmtpConnector(
        "127.0.0.1",
        port,
        sender="news@brightwell.example",
        progress_path=env.tmp / "smtp.db",
        timeout_s=5,
        **kw,
    )


def test_publish_delivers_one_message_per_recipient(env: Env, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    req = make_request()
    receipt = connector(env, port, unsubscribe="mailto:unsub@brightwell.example").publish(req.item())
    assert receipt.detail == {"accepted": 2, "refused": 0, "invalid": 0, "already_sent": 0}
    assert sorted(inbox.to()) == ["ana@example.com", "bo@example.org"]
    sender, _, msg = inbox.messages[0]
    assert sender == "news@brightwell.example"
    assert msg["Subject"] == "Brew better at home"
    assert msg["X-Liftoff-Idempotency-Key"] == req.key and msg["X-Liftoff-Program"] == req.program_id
    assert msg["List-Unsubscribe"] == "<mailto:unsub@brightwell.example>"
    payload = msg.get_payload(decode=True)
    assert isinstance(payload, bytes)
    body = payload.decode()
    assert "Pure Pitcher filters 99% of chlorine." in body and body.rstrip().endswith("Shop now")
    assert inbox.messages[0][2]["Message-ID"] != inbox.messages[1][2]["Message-ID"]


def test_publish_again_sends_nothing_new(env: Env, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    smtp = connector(env, port)
    smtp.publish(make_request().item())
    again = smtp.publish(make_request().item())
    assert len(inbox.messages) == 2 and again.detail["already_sent"] == 2
    assert smtp.lookup(make_request().key) is not None


def test_recipients_from_export_file(env: Env, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    export = env.tmp / "email-EU.csv"
    export.write_text(
        "contact_id,email,language\n1,cy@example.com,en\n2,not-an-address,en\n3,CY@example.com,en\n"
        "4,di@example.net,fr\n"
    )
    receipt = connector(env, port, test_recipients=()).publish(make_request(export_path=str(export)).item())
    assert sorted(inbox.to()) == ["cy@example.com", "di@example.net"]  # deduplicated, invalid skipped
    assert receipt.detail["invalid"] == 1 and receipt.detail["accepted"] == 2


def test_export_formats_and_errors(tmp_path: Path) -> None:
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text('{"email": "a@b.co"}\n\n{"email": "c@d.co"}\n')
    assert read_recipients(jsonl) == ["a@b.co", "c@d.co"]
    no_col = tmp_path / "x.csv"
    no_col.write_text("id,phone\n1,+4412\n")
    with pytest.raises(PermanentChannelError, match="no 'email' column"):
        read_recipients(no_col)
    with pytest.raises(PermanentChannelError, match="does not exist"):
        read_recipients(tmp_path / "missing.csv")


def test_no_recipients_is_permanent(env: Env) -> None:
    with pytest.raises(PermanentChannelError, match="no recipients"):
        connector(env, 1, test_recipients=()).publish(make_request().item())


def test_deferred_recipient_resumes_without_duplicates(env: Env, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    inbox.reject["bo@example.org"] = ["451 4.7.1 try later"]
    pub = env.publisher({"email": connector(env, port)})
    program = pub.publish(make_request())
    assert program.status == "published" and program.attempts == 2
    assert sorted(inbox.to()) == ["ana@example.com", "bo@example.org"]  # each exactly once
    assert program.receipts[0].detail["already_sent"] == 1
    assert len(env.of_type("orchestrator.retry")) == 1


def test_refused_recipient_is_counted_not_retried(env: Env, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    inbox.reject["bo@example.org"] = ["550 5.1.1 no such user"]
    smtp = connector(env, port)
    receipt = smtp.publish(make_request().item())
    assert (
        receipt.detail["accepted"] == 1
        and receipt.detail["refused"] == 1
        and inbox.to() == ["ana@example.com"]
    )
    assert smtp.fetch_metrics(receipt.external_id, 0)["delivered"] == 1


def test_server_down_is_transient(env: Env) -> None:
    with pytest.raises(TransientChannelError, match="connection"):
        connector(env, free_port()).publish(make_request().item())


def test_required_starttls_is_never_downgraded(env: Env, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    with pytest.raises(PermanentChannelError, match="STARTTLS required"):
        connector(env, port, starttls=True).publish(make_request().item())
    assert inbox.messages == []


def test_sent_email_cannot_be_cancelled_but_unsent_can(env: Env, smtp_server: tuple[Inbox, int]) -> None:
    _, port = smtp_server
    smtp = connector(env, port)
    sent = smtp.publish(make_request(slot="2026-03-02").item())
    with pytest.raises(PermanentChannelError, match="cannot be recalled"):
        smtp.cancel(sent.external_id)
    later = make_request(slot="2026-03-09")
    scheduled = smtp.schedule(later.item())
    assert scheduled.detail["recipients"] == 2
    smtp.cancel(scheduled.external_id)
    with pytest.raises(PermanentChannelError, match="cancelled"):
        smtp.publish(later.item())


def test_non_email_item_is_refused(env: Env) -> None:
    with pytest.raises(PermanentChannelError, match="only sends email"):
        connector(env, 1).render(make_request(channel="sms").item(), "a@b.co")


@pytest.mark.skipif(
    shutil.which("openssl") is None, reason="needs the openssl CLI to make a test certificate"
)
def test_starttls_delivery(env: Env, tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=free_port(), tls_context=server_ctx, require_starttls=True
    )
    controller.start()
    try:
        client_ctx = ssl.create_default_context(cafile=str(cert))
        receipt = connector(env, controller.port, starttls=True, ssl_context=client_ctx).publish(
            make_request().item()
        )
    finally:
        controller.stop()
    assert receipt.detail["accepted"] == 2 and len(inbox.messages) == 2
