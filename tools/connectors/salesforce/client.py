"""Build the ``simple_salesforce.Salesforce`` client from credentials in the environment or the secrets file.

Either a session (``SALESFORCE_INSTANCE_URL`` + ``SALESFORCE_SESSION_ID``, e.g. from an OAuth flow) or a user
(``SALESFORCE_USERNAME``, ``SALESFORCE_PASSWORD``, ``SALESFORCE_SECURITY_TOKEN``, optional ``SALESFORCE_DOMAIN``
``test`` for a sandbox org). The values go to the client only.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tools.connectors.secrets import MissingSecret, secret

API_VERSION = "59.0"


def salesforce_client(
    *,
    env: Mapping[str, str] | None = None,
    secrets_file: Path | None = None,
    ca_file: str | None = None,
    timeout_s: float = 30.0,
) -> Any:
    """A Salesforce client (nothing is requested for a session; a user login is one request).

    Raises:
        MissingSecret: when neither a session nor a user is configured.
    """
    import requests  # lazy: start-up (requests)
    from simple_salesforce.api import Salesforce  # lazy: start-up (simple_salesforce)

    class _Session(requests.Session):
        """Keeps ``ca_file`` even when REQUESTS_CA_BUNDLE is set (requests lets the environment override it)."""

        def merge_environment_settings(
            self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any
        ) -> Any:
            merged = super().merge_environment_settings(url, proxies, stream, verify, cert)
            if ca_file:
                merged["verify"] = ca_file
            return merged

    session = _Session()
    try:
        instance = secret("SALESFORCE_INSTANCE_URL", env=env, secrets_file=secrets_file)
        sid = secret("SALESFORCE_SESSION_ID", env=env, secrets_file=secrets_file)
        return Salesforce(
            instance_url=instance.reveal(), session_id=sid.reveal(), session=session, version=API_VERSION
        )
    except MissingSecret:
        pass
    try:
        user = secret("SALESFORCE_USERNAME", env=env, secrets_file=secrets_file)
        password = secret("SALESFORCE_PASSWORD", env=env, secrets_file=secrets_file)
        token = secret("SALESFORCE_SECURITY_TOKEN", env=env, secrets_file=secrets_file)
    except MissingSecret:
        raise MissingSecret(
            "Salesforce needs $SALESFORCE_INSTANCE_URL and $SALESFORCE_SESSION_ID, or"
            " $SALESFORCE_USERNAME, $SALESFORCE_PASSWORD and $SALESFORCE_SECURITY_TOKEN"
        ) from None
    domain = (env or {}).get("SALESFORCE_DOMAIN") or None
    return Salesforce(
        username=user.reveal(),
        password=password.reveal(),
        security_token=token.reveal(),
        domain=domain,
        session=session,
        version=API_VERSION,
    )
