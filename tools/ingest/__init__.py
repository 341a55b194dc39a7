"""Results from outside (and from the sandbox) into the one event log: files, a signed endpoint, tracking links.

Every result (delivered, open, click, conversion, revenue, cost, bounce, unsubscribe) becomes one
``result.<kind>`` event keyed by its id; the Optimizer and Analytics read only these (see :mod:`tools.ingest.rollup`).
"""
