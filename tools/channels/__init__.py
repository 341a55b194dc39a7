"""Publishing: channel connectors (sandbox, SMTP, signed webhook) and the exactly-once Publisher."""

from tools.channels.base import (
    ChannelError,
    Connector,
    PermanentChannelError,
    PublishItem,
    Reconcilable,
    Reporting,
    TransientChannelError,
)
from tools.channels.publisher import Publisher
from tools.channels.registry import ConnectorConfigError, connectors_from_config
from tools.channels.request import PublishRequest, idempotency_key
from tools.channels.resilience import CircuitBreaker, RetryPolicy
from tools.channels.sandbox import SandboxConnector
from tools.channels.smtp import SmtpConnector
from tools.channels.webhook import SignatureVerifier, WebhookConnector, sign, verify_signature

__all__ = [
    "ChannelError",
    "CircuitBreaker",
    "Connector",
    "ConnectorConfigError",
    "PermanentChannelError",
    "PublishItem",
    "PublishRequest",
    "Publisher",
    "Reconcilable",
    "Reporting",
    "RetryPolicy",
    "SandboxConnector",
    "SignatureVerifier",
    "SmtpConnector",
    "TransientChannelError",
    "WebhookConnector",
    "connectors_from_config",
    "idempotency_key",
    "sign",
    "verify_signature",
]
