"""Connector selection from configuration, and the Settings field that carries it."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.contracts import CHANNELS
from graph.runtime.settings import Settings
from tools.channels.base import Connector
from tools.channels.registry import ConnectorConfigError, connectors_from_config
from tools.channels.sandbox import SandboxConnector
from tools.channels.smtp import SmtpConnector
from tools.channels.webhook import WebhookConnector

SECRETS = {"HOOK_SECRET": "0123456789abcdef0123", "SMTP_PASS": "pw-from-env"}


def build(spec: dict[str, str], tmp_path: Path) -> dict[str, Connector]:
    return connectors_from_config(spec, outbox_path=tmp_path / "outbox.db", secrets=SECRETS)


def test_default_is_a_sandbox_per_channel_sharing_one_outbox(tmp_path: Path) -> None:
    connectors = build({}, tmp_path)
    assert set(connectors) == set(CHANNELS)
    assert all(isinstance(c, SandboxConnector) and isinstance(c, Connector) for c in connectors.values())
    sandboxes = [c for c in connectors.values() if isinstance(c, SandboxConnector)]
    assert len({id(s.outbox) for s in sandboxes}) == 1
    assert {s.channel for s in sandboxes} == set(CHANNELS)


def test_smtp_and_webhook_specs(tmp_path: Path) -> None:
    connectors = build(
        {
            "email": "smtp://mailer@smtp.example.com:587?from=news@brightwell.example&starttls=1&password_env=SMTP_PASS"
            "&to=qa@brightwell.example,qa2@brightwell.example&timeout=7",
            "display": "webhook+https://ads.example.com/liftoff/hook?secret_env=HOOK_SECRET&timeout=3",
        },
        tmp_path,
    )
    smtp, hook = connectors["email"], connectors["display"]
    assert isinstance(smtp, SmtpConnector) and isinstance(hook, WebhookConnector)
    assert (smtp.host, smtp.port, smtp.sender, smtp.username, smtp.starttls) == (
        "smtp.example.com",
        587,
        "news@brightwell.example",
        "mailer",
        True,
    )
    assert smtp.test_recipients == ["qa@brightwell.example", "qa2@brightwell.example"] and smtp.timeout_s == 7
    assert smtp.progress_path == tmp_path / "outbox-smtp.db"
    assert hook.url == "https://ads.example.com/liftoff/hook" and hook.timeout_s == 3
    assert isinstance(connectors["sms"], SandboxConnector)


def test_smtps_defaults_to_port_465(tmp_path: Path) -> None:
    smtp = build({"email": "smtps://u:p@mail.example.com?from=a@brightwell.example"}, tmp_path)["email"]
    assert isinstance(smtp, SmtpConnector) and smtp.implicit_tls and smtp.port == 465


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"fax": "sandbox"}, "unknown channel"),
        ({"email": "carrier-pigeon://x"}, "unknown connector spec"),
        ({"sms": "smtp://h?from=a@b.co"}, "only serve the email channel"),
        ({"email": "smtp://h"}, "needs a host and \\?from="),
        ({"email": "smtp://h?from=a@b.co&tls=1"}, "unknown SMTP option"),
        ({"email": "smtp://h?from=a@b.co&timeout=soon"}, "timeout must be a number"),
        ({"email": "smtp://u:p@mail.example.com?from=a@b.co"}, "credentials need starttls"),
        ({"email": "smtp://h?from=a@b.co&password_env=NOPE"}, "NOPE is not set"),
        ({"email": "smtp://h?from=a@b.co&to=bad"}, "invalid test recipient"),
        ({"display": "webhook+https://x.example/h"}, "needs \\?secret_env"),
        ({"display": "webhook+http://x.example/h?secret_env=HOOK_SECRET"}, "must use https"),
        ({"display": "webhook+https://x.example/h?secret_env=HOOK_SECRET&foo=1"}, "unknown webhook option"),
    ],
)
def test_bad_specs_name_the_problem(tmp_path: Path, spec: dict[str, str], message: str) -> None:
    with pytest.raises(ConnectorConfigError, match=message):
        build(spec, tmp_path)


def test_password_is_redacted_from_errors(tmp_path: Path) -> None:
    with pytest.raises(ConnectorConfigError) as err:
        build({"email": "smtpx://u:hunter2@h?from=a@b.co"}, tmp_path)
    assert "hunter2" not in str(err.value)


def test_settings_read_connector_specs_from_env() -> None:
    settings = Settings.from_env(
        {
            "LIFTOFF_CONNECTOR_EMAIL": " smtp://h?from=a@b.co ",
            "LIFTOFF_CONNECTOR_PAID_SEARCH": "webhook+https://x/h?secret_env=S",
            "LIFTOFF_CONNECTOR_SMS": "",
        }
    )
    assert dict(settings.connectors) == {
        "email": "smtp://h?from=a@b.co",
        "paid_search": "webhook+https://x/h?secret_env=S",
    }
    assert dict(Settings.from_env({}).connectors) == {}
