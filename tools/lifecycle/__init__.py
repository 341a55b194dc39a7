"""Campaigns over their lifetime: schedules and leased cycles, the per-campaign lock, rollback.

Modules: ``lock`` (campaign_lock: serialises publishing, spend changes and list exports of one campaign across
threads and processes), ``store`` (LifecycleStore: schedules and cycle leases in SQLite), ``rollback`` (pause or
roll back a live program to its last approved state), ``programs`` (live program statuses for the optimizer),
``audit`` (lifecycle events). What drives graph runs from these stores (executing a cycle, the scheduler, the
launch hooks) lives in ``graph.runtime`` (``cycles``, ``scheduler``, ``lifecycle_hooks``).
"""
