"""Connector specs for the vendor connectors, and the Adobe export bundle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.tools.channels.channel_kit import make_request
from tools.channels.registry import ConnectorConfigError, connectors_from_config
from tools.connectors.adobe import AdobeExportConnector
from tools.connectors.composite import Mirrored
from tools.connectors.hubspot import HubSpotConnector
from tools.connectors.salesforce import SalesforceConnector
from tools.connectors.secrets import MissingSecret, secret


def test_vendor_specs_build_connectors_with_credentials_from_env_or_a_secrets_file(tmp_path: Path) -> None:
    env = {
        "HS_TOKEN": "pat-x",
        "SALESFORCE_INSTANCE_URL": "https://example.my.salesforce.com",
        "SALESFORCE_SESSION_ID": "sess",
    }
    out = connectors_from_config(
        {
            "email": "hubspot://?token_env=HS_TOKEN + salesforce://",
            "display": f"adobe-export://{tmp_path}/adobe",
        },
        outbox_path=tmp_path / "outbox.db",
        secrets=env,
    )
    email = out["email"]
    assert isinstance(email, Mirrored) and isinstance(email.primary, HubSpotConnector)
    assert isinstance(email.mirrors[0], SalesforceConnector)
    assert isinstance(out["display"], AdobeExportConnector)
    assert "pat-x" not in repr(email.primary) and "sess" not in repr(email.mirrors[0])
    for spec, message in [
        ("hubspot://?token_env=NOPE", r"\$NOPE is not set"),
        ("hubspot://", "needs \\?token_env"),
        ("salesforce://", "SALESFORCE_SESSION_ID"),
    ]:
        with pytest.raises(ConnectorConfigError, match=message):
            connectors_from_config({"email": spec}, outbox_path=tmp_path / "o.db", secrets={})
    with pytest.raises(ConnectorConfigError, match="HubSpot sends email only"):
        connectors_from_config(
            {"sms": "hubspot://?token_env=HS_TOKEN"}, outbox_path=tmp_path / "o.db", secrets=env
        )
    secrets_file = tmp_path / "secrets.env"
    secrets_file.write_text("# vendor credentials\nHS_TOKEN=from-file\n")
    secrets_file.chmod(0o600)
    assert secret("HS_TOKEN", env={}, secrets_file=secrets_file).reveal() == "from-file"
    assert repr(secret("HS_TOKEN", env={}, secrets_file=secrets_file)) == "Secret('***')"
    secrets_file.chmod(0o644)
    with pytest.raises(MissingSecret, match="readable by other users"):
        secret("HS_TOKEN", env={}, secrets_file=secrets_file)


def test_adobe_bundle_is_written_once_and_documented_fields_are_there(tmp_path: Path) -> None:
    export = tmp_path / "list.csv"
    export.write_text("email,first_name,language\na@x.example,A,en\n")
    connector = AdobeExportConnector(tmp_path / "adobe", landing_url="https://brightwell.example/p")
    item = make_request("email", "US", export_path=str(export)).item()
    first = connector.publish(item)
    again = connector.publish(item)
    assert first.external_id == again.external_id == f"cmp-1/{item.program_id}"
    bundle = Path(first.detail["path"])
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["format"] == "liftoff.adobe-export" and manifest["version"] == 1
    assert (
        manifest["idempotency_key"] == item.idempotency_key
        and manifest["files"]["recipients"] == "recipients.csv"
    )
    assert f"lo_p={item.program_id}" in manifest["tracking_url"]
    assert json.loads((bundle / "asset.json").read_text())["body"] == item.asset.body
    assert (bundle / "recipients.csv").read_text() == export.read_text()
    assert connector.lookup(item.idempotency_key) is not None and connector.lookup("other") is None
    assert [p.name for p in bundle.parent.iterdir()] == [bundle.name]  # no temporary directory left
    connector.cancel(first.external_id)
    assert (bundle / "CANCELLED").is_file()
