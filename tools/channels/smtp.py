"""Email over SMTP: one message per recipient, resumable per recipient so a retry never mails anyone twice.

Recipients come from the list export file of the request (``PublishItem.export_path``: CSV with an ``email``
column, or JSONL with an ``email`` key), or from a configured test recipient list. Progress is recorded per
recipient (as a sha256 of the address: no PII at rest) right after the server accepts each message, so a retry
or a resumed publish only sends to the recipients not yet accepted.
"""

from __future__ import annotations

import csv
import hashlib
import json
import smtplib
import ssl
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email import policy as email_policy
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Any

from graph.contracts import Receipt
from tools.channels.base import PermanentChannelError, PublishItem, TransientChannelError
from tools.sqlstore import Database, is_database_url, open_database

_POLICY = email_policy.default.clone(max_line_length=998)
"""RFC 5322's hard line limit: the 64-hex idempotency header must not fold (folding would alter its value)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS smtp_items (
    idempotency_key TEXT PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,             -- scheduled | sending | done | cancelled
    recipients INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS smtp_sent (
    idempotency_key TEXT NOT NULL,
    recipient_sha256 TEXT NOT NULL,
    status TEXT NOT NULL,             -- accepted | refused
    code INTEGER NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (idempotency_key, recipient_sha256)
);
"""


def read_recipients(path: Path | str) -> list[str]:
    """Read email addresses from a list export (CSV with an ``email`` column, or JSONL with ``email``).

    Raises:
        PermanentChannelError: when the file is missing or has no ``email`` field.
    """
    p = Path(path)
    if not p.is_file():
        raise PermanentChannelError(f"recipient export {p} does not exist")
    with p.open(encoding="utf-8", newline="") as fh:
        if p.suffix.lower() in (".jsonl", ".ndjson"):
            rows = [json.loads(line) for line in fh if line.strip()]
            if rows and not all("email" in r for r in rows):
                raise PermanentChannelError(f"recipient export {p} has rows without an 'email' key")
            return [str(r["email"]).strip() for r in rows]
        reader = csv.DictReader(fh)
        if "email" not in (reader.fieldnames or []):
            raise PermanentChannelError(
                f"recipient export {p} has no 'email' column (columns: {reader.fieldnames})"
            )
        return [row["email"].strip() for row in reader]


def _valid(address: str) -> bool:
    name, addr = parseaddr(address)
    local, _, domain = addr.partition("@")
    return bool(local and "." in domain and addr == address and not name)


def _sha(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


class SmtpConnector:
    """The email channel over SMTP (optionally STARTTLS or implicit TLS, optionally authenticated)."""

    def __init__(
        self,
        host: str,
        port: int = 25,
        *,
        sender: str,
        progress_path: Path | str,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = False,
        implicit_tls: bool = False,
        test_recipients: Sequence[str] = (),
        unsubscribe: str | None = None,
        timeout_s: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """Create the SMTP connector.

        Args:
            host: SMTP server host.
            port: SMTP server port.
            sender: From address.
            progress_path: SQLite file recording per-recipient progress.
            username: Login user (requires ``password``).
            password: Login password.
            starttls: Upgrade with STARTTLS (refuses to continue in clear if the server does not offer it).
            implicit_tls: Connect with TLS from the start (SMTPS, port 465).
            test_recipients: Recipients used when a request has no export file (e.g. a seed/test list).
            unsubscribe: ``List-Unsubscribe`` target (mailto: or https: URL), added to every message if given.
            timeout_s: Socket timeout.
            ssl_context: TLS context (default: the system's verified default context).
            clock: Returns the current UTC time.

        Raises:
            ValueError: on an invalid sender or test recipient, or a user without a password.
        """
        if not _valid(sender):
            raise ValueError(f"invalid SMTP sender address {sender!r}")
        bad = [r for r in test_recipients if not _valid(r)]
        if bad:
            raise ValueError(f"invalid test recipient(s): {', '.join(bad)}")
        if bool(username) != bool(password):
            raise ValueError("SMTP username and password must be given together")
        self.name = "smtp"
        self.host, self.port, self.sender = host, port, sender
        self.username, self._password = username, password
        self.starttls, self.implicit_tls = starttls, implicit_tls
        self.test_recipients = list(test_recipients)
        self.unsubscribe = unsubscribe
        self.timeout_s = timeout_s
        self._ssl = ssl_context
        self._clock = clock or (lambda: datetime.now(UTC))
        self.progress_path = Path("smtp") if is_database_url(progress_path) else Path(progress_path)
        self._db: Database = open_database(
            progress_path, name="smtp", sqlite_schema=_SCHEMA, postgres_schema=_SCHEMA
        )

    @staticmethod
    def external_id(idempotency_key: str) -> str:
        """Return the id the connector gives an item."""
        return f"smtp-{idempotency_key[:20]}"

    # ------------------------------------------------------------------------------------------ rendering
    def recipients(self, item: PublishItem) -> list[str]:
        """Return the item's recipients (export file, else the test list), deduplicated, in order."""
        if item.export_path:
            found = read_recipients(item.export_path)
        elif self.test_recipients:
            found = list(self.test_recipients)
        else:
            raise PermanentChannelError(
                "no recipients: give the request an export_path or configure test recipients"
            )
        out, seen = [], set()
        for address in found:
            digest = _sha(address)
            if digest not in seen:
                seen.add(digest)
                out.append(address)
        return out

    def render(self, item: PublishItem, recipient: str) -> EmailMessage:
        """Return the message for one recipient (plain text: body then call to action)."""
        if item.channel != "email":
            raise PermanentChannelError(f"SMTP connector only sends email, got a {item.channel} item")
        subject = item.asset.subject or item.asset.headline
        if not subject:
            raise PermanentChannelError(f"asset {item.asset.id} v{item.asset.version} has no subject line")
        msg = EmailMessage(policy=_POLICY)
        msg["From"] = self.sender
        msg["To"] = recipient
        msg["Subject"] = subject
        msg["Date"] = format_datetime(self._clock())
        msg["Message-ID"] = (
            f"<{item.idempotency_key[:24]}.{_sha(recipient)[:16]}@{self.sender.split('@')[1]}>"
        )
        msg["X-Liftoff-Program"] = item.program_id
        msg["X-Liftoff-Idempotency-Key"] = item.idempotency_key
        if self.unsubscribe:
            msg["List-Unsubscribe"] = f"<{self.unsubscribe}>"
        msg.set_content(item.asset.body + (f"\n\n{item.asset.cta}" if item.asset.cta else "") + "\n")
        return msg

    # ------------------------------------------------------------------------------------------ connector
    def schedule(self, item: PublishItem) -> Receipt:
        """Validate the message and recipients and record the item (SMTP has no server-side scheduling)."""
        recipients = self.recipients(item)
        self.render(item, recipients[0] if recipients else self.sender)
        now = self._clock().isoformat()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO smtp_items (idempotency_key, external_id, status, recipients, updated_at)"
                " VALUES (?, ?, 'scheduled', ?, ?)",
                (item.idempotency_key, self.external_id(item.idempotency_key), len(recipients), now),
            )
        return Receipt(
            connector=self.name,
            external_id=self.external_id(item.idempotency_key),
            at=now,
            detail={"recipients": len(recipients), "delivery": "sent at publish time"},
        )

    def publish(self, item: PublishItem) -> Receipt:
        """Send the item to every recipient not yet accepted for its key; return the totals.

        Raises:
            TransientChannelError: connection trouble or a 4xx reply (progress so far is kept).
            PermanentChannelError: auth failure, no STARTTLS when required, a 5xx reply, a cancelled item.
        """
        key = item.idempotency_key
        recipients = self.recipients(item)
        invalid = [r for r in recipients if not _valid(r)]
        valid = [r for r in recipients if _valid(r)]
        if valid:
            self.render(item, valid[0])  # fail fast on unrenderable content, before touching the server
        with self._db.transaction() as conn:
            row = conn.execute("SELECT status FROM smtp_items WHERE idempotency_key = ?", (key,)).fetchone()
            if row and row[0] == "cancelled":
                raise PermanentChannelError(f"email item {self.external_id(key)} was cancelled")
            conn.execute(
                "INSERT INTO smtp_items (idempotency_key, external_id, status, recipients, updated_at)"
                " VALUES (?, ?, 'sending', ?, ?) ON CONFLICT(idempotency_key) DO UPDATE SET"
                " status = CASE WHEN status = 'done' THEN 'done' ELSE 'sending' END, updated_at = excluded.updated_at",
                (key, self.external_id(key), len(recipients), self._clock().isoformat()),
            )
            done = {
                r[0]
                for r in conn.execute(
                    "SELECT recipient_sha256 FROM smtp_sent WHERE idempotency_key = ?", (key,)
                )
            }
        pending = [r for r in valid if _sha(r) not in done]
        if pending:
            self._send(item, pending)
        return self._finish(key, already=len(valid) - len(pending), invalid=len(invalid))

    def _send(self, item: PublishItem, pending: list[str]) -> None:
        try:
            with self._connect() as smtp:
                for rcpt in pending:
                    try:
                        smtp.send_message(self.render(item, rcpt), from_addr=self.sender, to_addrs=[rcpt])
                        self._record(item.idempotency_key, rcpt, "accepted", 250)
                    except smtplib.SMTPRecipientsRefused as exc:
                        code = next(iter(exc.recipients.values()))[0]
                        if code < 500:
                            raise TransientChannelError(f"recipient deferred ({code})") from exc
                        self._record(item.idempotency_key, rcpt, "refused", code)
        except smtplib.SMTPAuthenticationError as exc:
            raise PermanentChannelError(f"SMTP authentication failed ({exc.smtp_code})") from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise PermanentChannelError(f"SMTP server lacks a required feature: {exc}") from exc
        except smtplib.SMTPResponseException as exc:
            err = f"SMTP {exc.smtp_code}: {exc.smtp_error!r}"
            if 400 <= exc.smtp_code < 500:
                raise TransientChannelError(err) from exc
            raise PermanentChannelError(err) from exc
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as exc:
            raise TransientChannelError(f"SMTP connection to {self.host}:{self.port} failed: {exc}") from exc

    def _connect(self) -> smtplib.SMTP:
        context = self._ssl or ssl.create_default_context()
        smtp: smtplib.SMTP
        if self.implicit_tls:
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout_s, context=context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout_s)
        try:
            smtp.ehlo()
            if self.starttls:
                if not smtp.has_extn("starttls"):
                    raise smtplib.SMTPNotSupportedError(
                        "STARTTLS required but not offered; refusing to send in clear"
                    )
                smtp.starttls(context=context)
                smtp.ehlo()
            if self.username and self._password:
                smtp.login(self.username, self._password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _record(self, key: str, rcpt: str, status: str, code: int) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO smtp_sent (idempotency_key, recipient_sha256, status, code, at)"
                " VALUES (?, ?, ?, ?, ?)",
                (key, _sha(rcpt), status, code, self._clock().isoformat()),
            )

    def _finish(self, key: str, *, already: int, invalid: int) -> Receipt:
        now = self._clock().isoformat()
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE smtp_items SET status = 'done', updated_at = ? WHERE idempotency_key = ?", (now, key)
            )
        counts = self._counts(key)
        return Receipt(
            connector=self.name,
            external_id=self.external_id(key),
            at=now,
            detail={**counts, "invalid": invalid, "already_sent": already},
        )

    def _counts(self, key: str) -> dict[str, int]:
        with self._db.transaction() as conn:
            rows = dict(
                conn.execute(
                    "SELECT status, COUNT(*) FROM smtp_sent WHERE idempotency_key = ? GROUP BY status", (key,)
                ).fetchall()
            )
        return {"accepted": int(rows.get("accepted", 0)), "refused": int(rows.get("refused", 0))}

    def _key_of(self, external_id: str) -> tuple[str, str]:
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT idempotency_key, status FROM smtp_items WHERE external_id = ?", (external_id,)
            ).fetchone()
        if row is None:
            raise PermanentChannelError(f"SMTP connector has no item {external_id!r}")
        return row[0], row[1]

    def lookup(self, idempotency_key: str) -> Receipt | None:
        """Return the receipt of a completed send for this key, or None (a resumed send skips accepted mail)."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT status, updated_at FROM smtp_items WHERE idempotency_key = ?", (idempotency_key,)
            ).fetchone()
        if row is None or row[0] != "done":
            return None
        return Receipt(
            connector=self.name,
            external_id=self.external_id(idempotency_key),
            at=row[1],
            detail={**self._counts(idempotency_key), "reconciled": True},
        )

    def cancel(self, external_id: str) -> Receipt:
        """Cancel an item no message of which has been sent; sent email cannot be recalled."""
        key, status = self._key_of(external_id)
        sent = self._counts(key)["accepted"]
        if sent:
            raise PermanentChannelError(
                f"{external_id}: {sent} message(s) already delivered; email cannot be recalled"
            )
        now = self._clock().isoformat()
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE smtp_items SET status = 'cancelled', updated_at = ? WHERE idempotency_key = ?",
                (now, key),
            )
        return Receipt(connector=self.name, external_id=external_id, at=now, detail={"was": status})

    def fetch_metrics(self, external_id: str, day: int) -> dict[str, Any]:
        """Return what SMTP knows: messages accepted and refused by the server (cumulative; no opens/clicks)."""
        key, _ = self._key_of(external_id)
        counts = self._counts(key)
        return {
            "sends": counts["accepted"] + counts["refused"],
            "delivered": counts["accepted"],
            "refused": counts["refused"],
            "cumulative": True,
            "day": day,
        }
