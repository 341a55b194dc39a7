"""Adobe: an export bundle of assets and lists (documented format) plus the signed webhook, until a full connector."""

from tools.connectors.adobe.export import AdobeExportConnector, write_bundle

__all__ = ["AdobeExportConnector", "write_bundle"]
