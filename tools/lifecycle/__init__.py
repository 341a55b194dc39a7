"""Campaigns over their lifetime: schedules and leased cycles, the per-campaign lock, rollback.

Modules: ``lock`` (campaign_lock: serialises publishing, spend changes and list exports of one campaign across
threads and processes), ``store`` (LifecycleStore: schedules and cycle leases in SQLite), ``cycles`` (execute
one claimed cycle on the campaign's thread), ``scheduler`` (Scheduler: run due cycles of every live campaign),
``rollback`` (pause or roll back a live program to its last approved state), ``programs`` (live program
statuses for the optimizer), ``hooks`` (what happens when a campaign launches), ``audit`` (lifecycle events).
"""
