"""Liftoff's guards: the brand library, claim retrieval, the claims check and the guardrails validators.

Nothing is imported or opened here; import the submodule you need (``guards.library``, ``guards.claims``,
``guards.retrieval``, ``guards.governance``, ...).
"""
