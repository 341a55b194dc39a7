"""Vendor connectors for the systems marketers already use: HubSpot, Salesforce, Adobe.

Each plugs into the channel layer (:mod:`tools.channels`): the publisher gives it idempotency keys, retries with
backoff, the circuit breaker, SLA events and the kill-switch; results come back into the event log through
:mod:`tools.ingest`. Credentials come from environment variables or a secrets file (:mod:`tools.connectors.secrets`),
never from state, events or logs.
"""
