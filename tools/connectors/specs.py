"""Connector specs of the vendor connectors (``LIFTOFF_CONNECTOR_<CHANNEL>``), read by the channel registry.

* ``hubspot://?token_env=NAME[&host=URL][&from_name=S][&reply_to=ADDR][&landing=URL]`` (email): the token is
  read from ``$NAME`` or the secrets file.
* ``salesforce://[?ca_file=PATH]``: the CRM mirror; credentials from ``SALESFORCE_*`` (see
  :mod:`tools.connectors.salesforce.client`). Alone it mirrors; chained after a delivering connector with `` + ``
  (``hubspot://?token_env=HS + salesforce://``) it runs first, so nothing is sent without its CRM record.
* ``adobe-export:///ABSOLUTE/DIR[?landing=URL]``: the Adobe export bundle (:mod:`tools.connectors.adobe.export`).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Mapping
from pathlib import Path

from tools.channels.base import Connector
from tools.connectors.adobe import AdobeExportConnector
from tools.connectors.composite import Mirrored
from tools.connectors.hubspot import HubSpotConnector
from tools.connectors.salesforce import SalesforceConnector, SalesforceSync
from tools.connectors.salesforce.client import salesforce_client
from tools.connectors.secrets import MissingSecret, secret

CHAIN = " + "


def vendor_connector(
    channel: str,
    raw: str,
    *,
    state_dir: Path,
    env: Mapping[str, str],
    build_other: Callable[[str], Connector],
) -> Connector | None:
    """The connector of a vendor spec (None when ``raw`` names no vendor connector).

    Raises:
        ValueError: on an incomplete spec or a missing credential (the message names the channel).
    """
    if CHAIN in raw:
        first, *rest = [part.strip() for part in raw.split(CHAIN)]

        return Mirrored(build_other(first), [build_other(m) for m in rest])
    parts = urllib.parse.urlsplit(raw)
    opts = {k: v[-1] for k, v in urllib.parse.parse_qs(parts.query).items()}
    if parts.scheme == "hubspot":
        if channel != "email":
            raise ValueError(f"{channel}: HubSpot sends email only")
        name = opts.pop("token_env", "")
        if not name:
            raise ValueError(f"{channel}: hubspot spec needs ?token_env=NAME (the access token's variable)")
        try:
            token = secret(name, env=env)
        except MissingSecret as exc:
            raise ValueError(f"{channel}: {exc}") from None
        return HubSpotConnector(
            token,
            state_dir / "hubspot.db",
            host=opts.pop("host", "https://api.hubapi.com"),
            from_name=opts.pop("from_name", "Liftoff"),
            reply_to=opts.pop("reply_to", None),
            landing_url=opts.pop("landing", None),
        )
    if parts.scheme == "salesforce":
        try:
            client = salesforce_client(env=env, ca_file=opts.pop("ca_file", None))
        except MissingSecret as exc:
            raise ValueError(f"{channel}: {exc}") from None
        return SalesforceConnector(SalesforceSync(client, state_dir / "salesforce.db"))
    if parts.scheme == "adobe-export":
        if not parts.path.startswith("/"):
            raise ValueError(f"{channel}: adobe-export needs an absolute directory (adobe-export:///path)")
        return AdobeExportConnector(parts.path, landing_url=opts.pop("landing", None))
    return None
