"""Pipeline impact: accounts, opportunities (stages, amounts) and their attribution to campaigns.

Modules: ``model`` (Opportunity, Touch, stages), ``attribution`` (sourced = first touch, influenced = any touch
inside a window; pure arithmetic), ``store`` (PipelineStore: accounts, opportunities, campaign reach and run
days in SQLite), ``seed`` (accounts and opportunities drawn reproducibly from the CRM's contacts), ``market``
(the sandbox market: new opportunities on simulated days, more often on touched accounts), ``impact`` (a
campaign's pipeline impact from its events, for the scorecard).
"""
