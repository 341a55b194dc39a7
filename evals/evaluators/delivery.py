"""Delivery: how much of what Content drafted went out, and in how many governance rounds."""

from __future__ import annotations

from evals.evaluators.base import PUBLISHED_STATUSES, CampaignOutcome, Evaluation


class Delivery:
    """Published programs, withheld assets and revision rounds against the case's expectations.

    Counts:
        assets / assets_published: drafted assets, and those that went out (not withheld, a program published).
    """

    name = "delivery"

    def evaluate(self, outcome: CampaignOutcome) -> Evaluation:
        """Check min_published, all_published and max_revisions; count published assets."""
        ev = Evaluation(self.name)
        exp = outcome.case.expect
        published = {a.id for a in outcome.published}
        ev.counts["assets_published"] = len(published)
        ev.counts["delivery_assets"] = len(outcome.assets)
        if exp.min_published:
            n = sum(1 for p in outcome.programs if p.get("status") in PUBLISHED_STATUSES)
            ev.check("published programs", n >= exp.min_published, f"{n} published (min {exp.min_published})")
        if exp.all_published and outcome.status == "launched":
            missing = [a.id for a in outcome.assets if a.id not in published]
            ev.check(
                "every drafted asset published",
                not missing,
                f"not published: {', '.join(missing)}" if missing else f"{len(published)} published",
            )
        if exp.max_revisions is not None:
            rounds = int(outcome.values.get("revision") or 0)
            ev.check("revision rounds", rounds <= exp.max_revisions, f"{rounds} (max {exp.max_revisions})")
        ev.rate("published_asset_rate", "assets_published", "delivery_assets")
        return ev
