"""Connector selection from configuration: every channel is a sandbox unless configured otherwise.

Spec per channel (``LIFTOFF_CONNECTOR_<CHANNEL>`` in the environment, read by ``graph.runtime.settings.Settings``):

- ``sandbox`` (or empty): the embedded sandbox writing to the local outbox.
- ``smtp://[user[:pass]@]host[:port]?from=ADDR[&starttls=1][&to=a@x,b@y][&password_env=NAME][&unsubscribe=URL]
  [&timeout=S]`` (email only; ``smtps://`` for implicit TLS). Credentials require TLS unless the host is loopback.
- ``webhook+https://host/path?secret_env=NAME[&timeout=S]`` (any channel; ``webhook+http://`` only to loopback).
  The query string is consumed; the URL is posted to without it.
- ``hubspot://``, ``salesforce://``, ``adobe-export:///DIR`` and chains ``A + B`` (CRM mirrors run before the
  delivering connector): see :mod:`tools.connectors.specs`.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Mapping
from pathlib import Path

from graph.contracts import CHANNELS
from tools.channels.base import Connector
from tools.channels.outbox import Outbox
from tools.channels.sandbox import SandboxConnector
from tools.channels.smtp import SmtpConnector
from tools.channels.webhook import WebhookConnector, is_loopback
from tools.connectors.specs import vendor_connector
from tools.sqlstore import is_database_url


class ConnectorConfigError(ValueError):
    """A connector spec is invalid; the message names the channel and the problem."""


def connectors_from_config(
    spec: Mapping[str, str],
    *,
    outbox_path: Path | str,
    secrets: Mapping[str, str] | None = None,
    state_dir: Path | None = None,
) -> dict[str, Connector]:
    """Return a connector for every channel: the configured one, else the sandbox.

    Args:
        spec: Channel -> connector spec (see the module docstring); missing channels get the sandbox.
        outbox_path: SQLite outbox of the sandbox; SMTP progress is kept beside it (``<stem>-smtp.db``). With the
            shared database's URL instead, both live on it.
        secrets: Where ``secret_env``/``password_env`` names are looked up (default: the process environment).
        state_dir: Where vendor connectors keep their local state (default: beside the outbox file; give the
            home when the outbox is the shared database's URL).

    Raises:
        ConnectorConfigError: on an unknown channel or scheme, or an incomplete spec.
    """
    unknown = sorted(set(spec) - set(CHANNELS))
    if unknown:
        raise ConnectorConfigError(f"connector configured for unknown channel(s): {', '.join(unknown)}")
    env = os.environ if secrets is None else secrets
    shared = is_database_url(outbox_path)
    outbox_path = outbox_path if shared else Path(outbox_path)
    outbox: Outbox | None = None
    out: dict[str, Connector] = {}
    for channel in CHANNELS:
        raw = (spec.get(channel) or "sandbox").strip()
        if raw == "sandbox":
            outbox = outbox or Outbox(outbox_path)
            out[channel] = SandboxConnector(channel, outbox)
        elif raw.startswith(("smtp://", "smtps://")):
            progress = (
                outbox_path
                if isinstance(outbox_path, str)
                else outbox_path.with_name(f"{outbox_path.stem}-smtp.db")
            )
            out[channel] = _smtp(channel, raw, progress, env)
        elif raw.startswith(("webhook+https://", "webhook+http://")):
            out[channel] = _webhook(channel, raw, env)
        elif (vendor := _vendor(channel, raw, outbox_path, env, state_dir)) is not None:
            out[channel] = vendor
        else:
            raise ConnectorConfigError(
                f"{channel}: unknown connector spec {_redact(raw)!r} (use sandbox, smtp://, smtps://, webhook+https://, hubspot://, salesforce:// or adobe-export:///DIR)"
            )
    return out


def _vendor(
    channel: str, raw: str, outbox_path: Path | str, env: Mapping[str, str], state_dir: Path | None
) -> Connector | None:
    """HubSpot, Salesforce, Adobe export and `` + `` chains (:mod:`tools.connectors.specs`)."""

    def build(part: str) -> Connector:
        got = connectors_from_config({channel: part}, outbox_path=outbox_path, secrets=env)
        return got[channel]

    try:
        folder = state_dir or (Path(outbox_path).parent if isinstance(outbox_path, Path) else Path("."))
        return vendor_connector(channel, raw, state_dir=folder, env=env, build_other=build)
    except ValueError as exc:
        raise ConnectorConfigError(str(exc)) from None


def _query(channel: str, parts: urllib.parse.SplitResult) -> dict[str, str]:
    query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    repeated = [k for k, v in query.items() if len(v) > 1]
    if repeated:
        raise ConnectorConfigError(f"{channel}: repeated connector option(s) {', '.join(repeated)}")
    return {k: v[0] for k, v in query.items()}


def _secret(channel: str, opts: dict[str, str], option: str, env: Mapping[str, str]) -> str | None:
    name = opts.pop(option, None)
    if name is None:
        return None
    value = env.get(name)
    if not value:
        raise ConnectorConfigError(f"{channel}: {option}={name} but ${name} is not set")
    return value


def _float(channel: str, opts: dict[str, str], option: str, default: float) -> float:
    raw = opts.pop(option, None)
    try:
        return default if raw is None else float(raw)
    except ValueError:
        raise ConnectorConfigError(f"{channel}: {option} must be a number, got {raw!r}") from None


def _smtp(channel: str, raw: str, progress_path: Path | str, env: Mapping[str, str]) -> SmtpConnector:
    if channel != "email":
        raise ConnectorConfigError(f"{channel}: SMTP can only serve the email channel")
    parts = urllib.parse.urlsplit(raw)
    opts = _query(channel, parts)
    implicit_tls = parts.scheme == "smtps"
    starttls = opts.pop("starttls", "0").lower() in ("1", "true", "yes")
    sender = opts.pop("from", "")
    if not sender or not parts.hostname:
        raise ConnectorConfigError(f"{channel}: SMTP spec needs a host and ?from=ADDRESS ({_redact(raw)})")
    username = urllib.parse.unquote(parts.username) if parts.username else None
    password = _secret(channel, opts, "password_env", env) or (
        urllib.parse.unquote(parts.password) if parts.password else None
    )
    if username and not (starttls or implicit_tls or is_loopback(parts.hostname)):
        raise ConnectorConfigError(
            f"{channel}: SMTP credentials need starttls=1 or smtps:// (host is not loopback)"
        )
    recipients = [r.strip() for r in opts.pop("to", "").split(",") if r.strip()]
    unsubscribe = opts.pop("unsubscribe", None)
    timeout = _float(channel, opts, "timeout", 30.0)
    if opts:
        raise ConnectorConfigError(f"{channel}: unknown SMTP option(s) {', '.join(sorted(opts))}")
    try:
        return SmtpConnector(
            parts.hostname,
            parts.port or (465 if implicit_tls else 25),
            sender=sender,
            progress_path=progress_path,
            username=username,
            password=password,
            starttls=starttls,
            implicit_tls=implicit_tls,
            test_recipients=recipients,
            unsubscribe=unsubscribe,
            timeout_s=timeout,
        )
    except ValueError as exc:
        raise ConnectorConfigError(f"{channel}: {exc}") from exc


def _webhook(channel: str, raw: str, env: Mapping[str, str]) -> WebhookConnector:
    parts = urllib.parse.urlsplit(raw.removeprefix("webhook+"))
    opts = _query(channel, parts)
    secret = _secret(channel, opts, "secret_env", env)
    if secret is None:
        raise ConnectorConfigError(
            f"{channel}: webhook spec needs ?secret_env=NAME (the HMAC secret's variable)"
        )
    timeout = _float(channel, opts, "timeout", 10.0)
    if opts:
        raise ConnectorConfigError(f"{channel}: unknown webhook option(s) {', '.join(sorted(opts))}")
    url = urllib.parse.urlunsplit(parts._replace(query=""))
    try:
        return WebhookConnector(url, secret, timeout_s=timeout)
    except ValueError as exc:
        raise ConnectorConfigError(f"{channel}: {exc}") from exc


def _redact(raw: str) -> str:
    """Hide a password embedded in a spec before it appears in an error message."""
    parts = urllib.parse.urlsplit(raw)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return raw
