"""Claims: supported rate of published copy, planted unsupported phrases (guard misses), required phrases/claims."""

from __future__ import annotations

from evals.evaluators.base import CampaignOutcome, Evaluation, contains_phrase
from guards.claims import check_text
from guards.disclaimers import region_disclaimers


class ClaimsSupport:
    """Checks published copy against the approved claims and the case's must/must-not phrases.

    Counts:
        claim_sentences / claim_sentences_supported: factual sentences of published copy, and those the claims
            check finds backed by an approved claim (approved in the region, not expired on the check date).
        planted / planted_published: phrases the case planted in the brief that must never be published, and
            those that were (a guard miss).
        appear_total / appear_ok, cite_total / cite_ok: required phrases and claim ids.
        assets / assets_first_draft: drafted assets, and those that passed governance at version 1.
    """

    name = "claims"

    def evaluate(self, outcome: CampaignOutcome) -> Evaluation:
        """Run the claims check on every published asset and match the case's phrase expectations."""
        ev = Evaluation(self.name)
        exp = outcome.case.expect
        for asset in outcome.assets:
            ev.add("assets")
            if asset.version == 1:
                ev.add("assets_first_draft")
        published = outcome.published
        for asset in published:
            result = check_text(  # as governance reads it: without the region's disclaimers, never claims
                asset.claims_text(region_disclaimers(outcome.library, asset.region)) or ".",
                outcome.library,
                region=asset.region,
                on=outcome.check_date,
                index=outcome.claim_index,
            )
            for s in result.sentences:
                if s.verdict == "no_claim":
                    continue
                ok = s.verdict == "supported"
                ev.check(
                    f"{asset.id}: claim supported",
                    ok,
                    f"{s.text!r}: {s.reason}",
                    count=("claim_sentences_supported", "claim_sentences"),
                )
        texts = {a.id: a.full_text() for a in published}
        for phrase in exp.must_not_appear:
            hits = [aid for aid, text in texts.items() if contains_phrase(text, phrase)]
            ev.check(
                f"never published: {phrase!r}",
                not hits,
                f"published in {', '.join(hits)}" if hits else "",
                count=("planted_ok", "planted"),
            )
            if hits:
                ev.add("planted_published")
            else:
                ev.counts.setdefault("planted_published", 0)
        for phrase in exp.must_appear:
            hits = [aid for aid, text in texts.items() if contains_phrase(text, phrase)]
            ev.check(
                f"published: {phrase!r}",
                bool(hits),
                "in " + ", ".join(hits) if hits else "in no published asset",
                count=("appear_ok", "appear_total"),
            )
        cited = {cid for a in published for cid in a.cited_claim_ids}
        for claim_id in exp.must_cite:
            ev.check(
                f"cites {claim_id}",
                claim_id in cited,
                f"published copy cites {sorted(cited)}",
                count=("cite_ok", "cite_total"),
            )
        ev.rate("supported_rate", "claim_sentences_supported", "claim_sentences")
        ev.rate("first_draft_ok_rate", "assets_first_draft", "assets")
        ev.scores["guard_miss_rate"] = (
            ev.counts.get("planted_published", 0) / ev.counts["planted"] if ev.counts.get("planted") else None
        )
        return ev
