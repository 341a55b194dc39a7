"""Signed webhooks: POST JSON to a system that takes it, with an HMAC-SHA256 signature receivers can verify.

The header is ``X-Liftoff-Signature: t=<unix seconds>,v1=<hex hmac_sha256(secret, "<t>." + body)>``. Receivers
call :func:`verify_signature` (forged and stale requests fail) or keep a :class:`SignatureVerifier` (which also
refuses a replay of an exact request it has seen). Every request carries an ``Idempotency-Key`` header so the
receiver can deduplicate a retried delivery.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph.contracts import Receipt
from tools.channels.base import PermanentChannelError, PublishItem, TransientChannelError

SIGNATURE_HEADER = "X-Liftoff-Signature"
MIN_SECRET_LEN = 16
_RETRYABLE = {408, 425, 429}


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """Return the signature header value for ``body`` sent at ``timestamp`` (unix seconds)."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


@dataclass(frozen=True)
class SignatureCheck:
    """Result of verifying a webhook signature.

    Attributes:
        valid: Whether the request is authentic, fresh (and, for a verifier, not a replay).
        reason: "ok", or why it was rejected (missing, malformed, stale, mismatch, replayed).
        timestamp: Signed timestamp, when one could be read.
        signature: The matching ``v1`` value, when valid.
    """

    valid: bool
    reason: str
    timestamp: int | None = None
    signature: str | None = None


def verify_signature(
    secret: str | Sequence[str],
    header: str | None,
    body: bytes,
    tolerance_s: float = 300.0,
    *,
    now: float | None = None,
) -> SignatureCheck:
    """Verify a signature header against the raw request body.

    Args:
        secret: The shared secret, or several (accepted during a rotation).
        header: Value of the ``X-Liftoff-Signature`` header.
        body: Raw request body bytes, exactly as received.
        tolerance_s: Largest accepted distance between the signed timestamp and ``now``.
        now: Current unix time (default: ``time.time()``).
    """
    if not header:
        return SignatureCheck(False, "missing signature header")
    fields: dict[str, list[str]] = {}
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep or not value:
            return SignatureCheck(False, "malformed signature header")
        fields.setdefault(name, []).append(value)
    try:
        timestamp = int(fields["t"][0])
    except (KeyError, ValueError):
        return SignatureCheck(False, "malformed signature header: no integer t=")
    if not fields.get("v1"):
        return SignatureCheck(False, "malformed signature header: no v1=", timestamp)
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance_s:
        return SignatureCheck(
            False, f"stale signature ({current - timestamp:+.0f}s outside ±{tolerance_s:.0f}s)", timestamp
        )
    secrets = [secret] if isinstance(secret, str) else list(secret)
    for s in secrets:
        expected = sign(s, body, timestamp).split("v1=", 1)[1]
        for candidate in fields["v1"]:
            if hmac.compare_digest(expected, candidate):
                return SignatureCheck(True, "ok", timestamp, candidate)
    return SignatureCheck(False, "signature mismatch", timestamp)


class SignatureVerifier:
    """A receiver-side verifier that also refuses replays of a request it has already accepted."""

    def __init__(
        self, secret: str | Sequence[str], tolerance_s: float = 300.0, clock: Callable[[], float] = time.time
    ) -> None:
        """Create a verifier for ``secret`` with a freshness window of ``tolerance_s`` seconds."""
        self.secret, self.tolerance_s, self._clock = secret, tolerance_s, clock
        self._seen: dict[str, int] = {}
        self._lock = threading.Lock()

    def verify(self, header: str | None, body: bytes) -> SignatureCheck:
        """Verify a request; an exact repeat of an accepted one (same signature) is rejected as replayed."""
        now = self._clock()
        check = verify_signature(self.secret, header, body, self.tolerance_s, now=now)
        with self._lock:
            horizon = now - self.tolerance_s
            for sig in [s for s, t in self._seen.items() if t < horizon]:
                del self._seen[sig]  # older than the window: verify_signature rejects them as stale anyway
            if not check.valid or check.signature is None:
                return check
            if check.signature in self._seen:
                return SignatureCheck(False, "replayed signature", check.timestamp)
            self._seen[check.signature] = check.timestamp or 0
        return check


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirected POST would lose its body: surface the 3xx instead


def is_loopback(host: str) -> bool:
    """Return whether ``host`` is localhost or a loopback IP address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class WebhookConnector:
    """A channel reached by signed JSON POSTs (publish, schedule, cancel and metrics requests)."""

    def __init__(
        self,
        url: str,
        secret: str,
        *,
        name: str = "webhook",
        timeout_s: float = 10.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Create the connector.

        Args:
            url: Endpoint; https, or http only to a loopback host.
            secret: Shared HMAC secret (at least 16 characters).
            name: Connector name recorded in receipts.
            timeout_s: Request timeout.
            clock: Returns the current unix time (the signed timestamp).

        Raises:
            ValueError: on a bad URL or a short secret.
        """
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"webhook URL must be http(s)://host/..., got {url!r}")
        if parts.scheme == "http" and not is_loopback(parts.hostname):
            raise ValueError(f"webhook URL {url!r} must use https (plain http is allowed only to loopback)")
        if len(secret) < MIN_SECRET_LEN:
            raise ValueError(f"webhook secret must be at least {MIN_SECRET_LEN} characters")
        self.name, self.url, self._secret, self.timeout_s, self._clock = name, url, secret, timeout_s, clock
        handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
        if is_loopback(parts.hostname):
            handlers.append(urllib.request.ProxyHandler({}))  # never route loopback through a proxy
        self._opener = urllib.request.build_opener(*handlers)

    def post(self, kind: str, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        """POST one signed request; return the JSON response (empty dict for an empty body).

        Raises:
            TransientChannelError: connection failure, timeout, 408/425/429 or 5xx (``Retry-After`` honoured).
            PermanentChannelError: any other non-2xx reply, or a response that is not a JSON object.
        """
        # A fresh delivery id makes every request (a retry included) sign differently, so a receiver's replay
        # guard never mistakes a legitimate retry for a replay; deduplicate deliveries by Idempotency-Key.
        envelope = {"type": kind, "delivery_id": uuid.uuid4().hex, **payload}
        body = json.dumps(envelope, sort_keys=True, separators=(",", ":")).encode()
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": "liftoff-webhook/1",
                SIGNATURE_HEADER: sign(self._secret, body, int(self._clock())),
                "Idempotency-Key": idempotency_key,
                "X-Liftoff-Event": kind,
            },
        )
        try:
            with self._opener.open(request, timeout=self.timeout_s) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace")
            message = f"webhook {kind} answered HTTP {exc.code}: {detail}"
            if exc.code in _RETRYABLE or exc.code >= 500:
                retry_after = exc.headers.get("Retry-After") if exc.headers else None
                raise TransientChannelError(
                    message,
                    retry_after_s=float(retry_after) if retry_after and retry_after.isdigit() else None,
                ) from exc
            raise PermanentChannelError(message) from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise TransientChannelError(f"webhook {kind} to {self.url} failed: {exc}") from exc
        if not raw.strip():
            return {}
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise PermanentChannelError(f"webhook {kind} answered non-JSON: {raw[:200]!r}") from exc
        if not isinstance(data, dict):
            raise PermanentChannelError(
                f"webhook {kind} answered {type(data).__name__}, expected a JSON object"
            )
        return data

    def _receipt(self, data: dict[str, Any], fallback_id: str, kind: str) -> Receipt:
        return Receipt(
            connector=self.name,
            external_id=str(data.get("id") or fallback_id),
            at=datetime.now(UTC).isoformat(),
            detail={"type": kind, "status": data.get("status", "accepted")},
        )

    def schedule(self, item: PublishItem) -> Receipt:
        """POST a ``schedule`` notice for the item."""
        data = self.post("schedule", item.content(), item.idempotency_key)
        return self._receipt(data, f"whk-{item.idempotency_key[:20]}", "schedule")

    def publish(self, item: PublishItem) -> Receipt:
        """POST the item for delivery."""
        data = self.post("publish", item.content(), item.idempotency_key)
        return self._receipt(data, f"whk-{item.idempotency_key[:20]}", "publish")

    def cancel(self, external_id: str) -> Receipt:
        """POST a cancellation of an item."""
        data = self.post("cancel", {"external_id": external_id}, f"cancel:{external_id}")
        return self._receipt(data, external_id, "cancel")

    def fetch_metrics(self, external_id: str, day: int) -> dict[str, Any]:
        """POST a metrics request; the receiver answers with a JSON object of figures."""
        return self.post("metrics", {"external_id": external_id, "day": day}, f"metrics:{external_id}:{day}")
