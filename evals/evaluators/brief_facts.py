"""Brief facts: what the Planner understood from the brief (product, audience, countries, dates, holdout, key
messages, theme) is what the marketer wrote, and every scripted answer to a clarifying question was asked for."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from evals.evaluators.base import CampaignOutcome, Evaluation
from evals.schema import BriefFactsExpect

_OK = ("brief_facts_ok", "brief_facts_checks")


class BriefFacts:
    """Checks the brief object of the final state against the case's ``expect.brief``."""

    name = "brief"

    def evaluate(self, outcome: CampaignOutcome) -> Evaluation:
        """Check the answers were all used, then each stated fact the case expects."""
        ev = Evaluation(self.name)
        if outcome.case.answers:
            ev.check(
                "every answer asked for",
                not outcome.unused_answers,
                f"the run ended {outcome.status} with {len(outcome.unused_answers)} answer(s) unused: "
                f"{outcome.unused_answers}",
                count=_OK,
            )
        exp = outcome.case.expect.brief
        if exp is not None:
            _facts(ev, exp, outcome.values.get("brief") or {})
        ev.rate("brief_facts_rate", *_OK)
        return ev


def _facts(ev: Evaluation, exp: BriefFactsExpect, brief: dict[str, Any]) -> None:
    if exp.product_contains is not None:
        _contains(ev, "product", exp.product_contains, brief.get("product"))
    if exp.audience_contains:
        audience = str(brief.get("audience") or "")
        lost = [w for w in exp.audience_contains if w.casefold() not in audience.casefold()]
        ev.check("audience", not lost, f"audience {audience or None!r} lacks {lost}", count=_OK)
    if exp.countries is not None:
        got = sorted(str(c) for c in brief.get("countries") or [])
        ev.check(
            "countries",
            got == sorted(exp.countries),
            f"expected {sorted(exp.countries)}, got {got}",
            count=_OK,
        )
    for key, want in (("start_date", exp.start_date), ("end_date", exp.end_date)):
        if want is not None:
            got_date = _date(brief.get(key))
            ev.check(key.replace("_", " "), got_date == want, f"expected {want}, got {got_date}", count=_OK)
    if exp.holdout is not None:
        share = None if brief.get("holdout_pct") is None else float(brief["holdout_pct"])
        ev.check(
            "holdout",
            share is not None and math.isclose(share, exp.holdout, abs_tol=1e-9),
            f"expected {exp.holdout:g}, got {share}",
            count=_OK,
        )
    if exp.key_messages:
        messages = [str(m) for m in brief.get("key_messages") or []]
        lost = [m for m in exp.key_messages if m not in messages]
        ev.check("key messages", not lost, f"lost {lost} (kept {messages})", count=_OK)
    if exp.theme is not None:
        _contains(ev, "theme", exp.theme, brief.get("theme"))


def _contains(ev: Evaluation, name: str, want: str, value: Any) -> None:
    """The understood field holds the expected words (case-insensitive)."""
    got = str(value or "")
    ev.check(
        name,
        want.casefold() in got.casefold(),
        f"expected {want!r} in {name}, got {got or None!r}",
        count=_OK,
    )


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None
