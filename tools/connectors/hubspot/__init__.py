"""HubSpot through the official ``hubspot-api-client``: static lists, marketing emails, results read back."""

from tools.connectors.hubspot.connector import HubSpotConnector

__all__ = ["HubSpotConnector"]
