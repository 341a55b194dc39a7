"""Salesforce through ``simple-salesforce``: a Campaign per Liftoff campaign, CampaignMembers per list, pipeline read back."""

from tools.connectors.salesforce.connector import SalesforceConnector, SalesforceSync

__all__ = ["SalesforceConnector", "SalesforceSync"]
