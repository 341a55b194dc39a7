"""The claims check: every factual sentence must restate an approved claim (or say less), or it is stopped.

``check_text`` splits copy into sentences, decides which make factual claims, retrieves candidate approved
claims (lexically, plus the Chroma index when given), verifies each sentence against them with the rules of
:mod:`guards.verify`, and checks the claim is approved in the region and not expired on the check date.
Sentences the rules cannot settle go to an optional LLM judge, recorded as ``judged_by='llm_judge'``; without
one they are unsupported (fail safe).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from guards.candidates import PreparedLibrary, prepare, restates_a_claim
from guards.facts import Facts, analyse
from guards.library import BrandLibrary, Claim
from guards.sentences import split_sentences
from guards.textnorm import CLAIM_SYMBOLS, fold_text, normalize_text
from guards.verify import Match, verify

VALIDATOR = "liftoff/claims"
"""Name of the claims check as a guardrails validator and in pass reports."""

if TYPE_CHECKING:
    from guards.retrieval import ClaimIndex

Verdict = Literal["supported", "unsupported", "no_claim"]
_CLAUSE_SPLIT = re.compile(r"\s*(?:;|:\s|\s[—–-]\s|—|,\s*(?:and|plus)\s|\s(?:and|plus)\s|,\s(?=[a-z]))\s*")


@dataclass(frozen=True)
class SentenceVerdict:
    """The verdict on one sentence.

    Attributes:
        text: The sentence.
        verdict: supported, unsupported or no_claim.
        claims: Approved claim ids that back it (supported) or that it was checked against (unsupported).
        reason: Why, in plain words.
        judged_by: 'rules' or 'llm_judge'.
        evidence: Approved wording shown to reviewers ('<id>: <text>').
        suggested_fix: A safe replacement (approved wording) when one exists.
    """

    text: str
    verdict: Verdict
    claims: list[str] = field(default_factory=list)
    reason: str = ""
    judged_by: Literal["rules", "llm_judge"] = "rules"
    evidence: list[str] = field(default_factory=list)
    suggested_fix: str | None = None


@dataclass(frozen=True)
class ClaimsCheck:
    """The verdict on a text.

    Attributes:
        verdict: 'unsupported' if any sentence is; 'supported' if one is and none is unsupported; else 'no_claim'.
        claims: Ids of the approved claims backing the supported sentences.
        reasons: One reason per unsupported sentence.
        sentences: Per-sentence verdicts, in order.
        library_version: Version of the library checked against.
        region: Region checked for.
        on: Check date.
    """

    verdict: Verdict
    claims: list[str]
    reasons: list[str]
    sentences: list[SentenceVerdict]
    library_version: str = ""
    region: str | None = None
    on: date | None = None

    @property
    def passed(self) -> bool:
        """True when no sentence is unsupported."""
        return self.verdict != "unsupported"

    def to_json(self, item_id: Any = None) -> dict[str, Any]:
        """The CLI's JSON line (exactly the documented keys)."""
        return {
            "id": item_id,
            "verdict": self.verdict,
            "claims": list(self.claims),
            "reasons": list(self.reasons),
            "sentences": [
                {"text": s.text, "verdict": s.verdict, "claims": list(s.claims), "reason": s.reason}
                for s in self.sentences
            ],
        }


@dataclass(frozen=True)
class JudgeDecision:
    """What an LLM judge decided for one sentence."""

    supported: bool
    claims: list[str] = field(default_factory=list)
    reason: str = ""


Judge = Callable[[str, list[Claim]], "JudgeDecision | Mapping[str, Any]"]
"""An LLM judge: (sentence, approved candidate claims) -> decision. Only consulted for unsettled sentences."""


def check_text(
    text: str,
    library: BrandLibrary,
    *,
    region: str | None,
    on: date,
    index: ClaimIndex | None = None,
    judge: Judge | None = None,
) -> ClaimsCheck:
    """Check every sentence of ``text`` against the approved claims.

    Args:
        text: Copy to check (any number of sentences, bullets and lines).
        library: The brand library.
        region: Region the copy runs in (None: only claims approved everywhere count).
        on: Check date (claims expired before it do not count).
        index: Optional Chroma claim index: semantic candidates for the sentences the lexical pass stops.
        judge: Optional LLM judge for sentences the rules cannot settle.

    Returns:
        The verdict with per-sentence findings.
    """
    text = normalize_text(text)
    prepared = prepare(library)
    exempt = {_norm(d) for d in _region_disclaimers(library, region)}
    rules_only = _Checker(prepared, region, on, None)
    verdicts: list[SentenceVerdict] = []
    retry: list[tuple[int, Facts]] = []
    for sentence in split_sentences(text):
        facts = analyse(sentence, prepared.vocab)
        if _norm(sentence) in exempt:
            verdicts.append(SentenceVerdict(sentence, "no_claim", reason="required disclaimer"))
        elif not facts.is_claim and not restates_a_claim(facts, prepared):
            verdicts.append(SentenceVerdict(sentence, "no_claim", reason="makes no factual claim"))
        else:
            verdicts.append(rules_only.decide(sentence, facts, []))
            if verdicts[-1].verdict == "unsupported":
                retry.append((len(verdicts) - 1, facts))
    if retry and (index is not None or judge is not None):
        # Second look at what the lexical pass stopped: semantic candidates from the index (one batch), then
        # the judge for what the rules still cannot settle. Supported copy never pays for either.
        texts = [verdicts[i].text for i, _ in retry]
        extra = index.candidates_many(texts, k=5) if index is not None else [[] for _ in texts]
        checker = _Checker(prepared, region, on, judge)
        for (i, facts), more in zip(retry, extra, strict=True):
            verdicts[i] = checker.decide(verdicts[i].text, facts, more)
    return summarize(verdicts, library_version=library.version, region=region, on=on)


def summarize(
    verdicts: list[SentenceVerdict],
    *,
    library_version: str = "",
    region: str | None = None,
    on: date | None = None,
) -> ClaimsCheck:
    """Combine sentence verdicts into the text verdict."""
    unsupported = [v for v in verdicts if v.verdict == "unsupported"]
    supported = [v for v in verdicts if v.verdict == "supported"]
    verdict: Verdict = "unsupported" if unsupported else "supported" if supported else "no_claim"
    claims = list(dict.fromkeys(c for v in supported for c in v.claims))
    reasons = [f"{v.text!r}: {v.reason}" for v in unsupported]
    return ClaimsCheck(verdict, claims, reasons, verdicts, library_version, region, on)


class _Checker:
    """Decides one claim sentence at a time for a fixed library, region and date."""

    def __init__(self, prepared: PreparedLibrary, region: str | None, on: date, judge: Judge | None) -> None:
        self.p = prepared
        self.region = region
        self.on = on
        self.judge = judge
        self.requires_target = prepared.library.rules(region).comparison_requires_target

    def decide(self, sentence: str, facts: Facts, extra: list[Claim]) -> SentenceVerdict:
        candidates = list(dict.fromkeys([*self.p.candidates(facts), *extra]))
        scored = [(c, self._verify(facts, c)) for c in candidates]
        settled = self._settled(sentence, scored)
        if settled is not None:
            return settled
        clauses = [c for c in _CLAUSE_SPLIT.split(sentence) if c and c.strip()]
        if len(clauses) > 1:
            by_clause = self._clauses(sentence, clauses)
            if by_clause is not None:
                return by_clause
        return self._unsettled_or_unsupported(sentence, scored)

    def _verify(self, facts: Facts, claim: Claim) -> Match:
        return verify(
            facts,
            self.p.facts[claim.id],
            claim.id,
            self.p.vocab,
            region=self.region,
            comparison_requires_target=self.requires_target,
        )

    def _settled(self, sentence: str, scored: list[tuple[Claim, Match]]) -> SentenceVerdict | None:
        entailing = sorted(((c, m) for c, m in scored if m.entails), key=lambda cm: -cm[1].relevance)
        approved = [(c, m) for c, m in entailing if c.approved(self.region, self.on)]
        if approved:
            return SentenceVerdict(
                sentence,
                "supported",
                [c.id for c, _ in approved],
                f"restates approved claim {approved[0][0].id}",
                evidence=[_evidence(c) for c, _ in approved],
            )
        if entailing:
            claim = entailing[0][0]
            return SentenceVerdict(
                sentence,
                "unsupported",
                [claim.id],
                claim.why_not(self.region, self.on),
                evidence=[_evidence(claim)],
            )
        return None

    def _clauses(self, sentence: str, clauses: list[str]) -> SentenceVerdict | None:
        """Settle a sentence joining several claims clause by clause (all claim clauses must be backed).

        A first clause that makes no claim and names nothing is a lead-in ('Swap to Brightwell: ...') and is
        dropped; any later clause without a claim of its own, or with a single claim word ('..., guaranteed'),
        qualifies the clause before it ('..., no questions asked', '... and turned into new pitchers') and is
        checked together with it.
        """
        units: list[tuple[str, Facts]] = []
        for k, clause in enumerate(clauses):
            facts = analyse(clause, self.p.vocab)
            lead_in = (
                k == 0
                and len(clauses) > 1
                and not (
                    facts.negated
                    or facts.products
                    or facts.lines
                    or _carries_weight(facts, self.p)
                    or any(c.entity or c.concept in self.p.vocab.competitors for c in facts.concepts)
                )
            )
            standalone = facts.is_claim and (
                len(facts.content(self.p.vocab)) >= 2
                or facts.quantities
                or facts.products
                or facts.lines
                or k == 0
            )
            if standalone or not units:
                if not facts.is_claim and lead_in:
                    continue  # 'Swap to Brightwell: ...'
                units.append((clause, facts))
                continue
            text = f"{units[-1][0]}, {clause}"  # a continuation qualifies the clause before it
            units[-1] = (text, analyse(text, self.p.vocab))
        if len(units) < 1 or (len(units) == 1 and not units[0][1].is_claim):
            return None
        results: list[SentenceVerdict] = []
        for clause, facts in units:
            scored = [(c, self._verify(facts, c)) for c in self.p.candidates(facts)]
            settled = self._settled(clause, scored)
            if settled is None or settled.verdict != "supported":
                return None
            results.append(settled)
        if not results:
            return None
        ids = list(dict.fromkeys(c for r in results for c in r.claims))
        return SentenceVerdict(
            sentence,
            "supported",
            ids,
            "restates approved claims " + ", ".join(ids),
            evidence=list(dict.fromkeys(e for r in results for e in r.evidence)),
        )

    def _unsettled_or_unsupported(self, sentence: str, scored: list[tuple[Claim, Match]]) -> SentenceVerdict:
        unsettled = [(c, m) for c, m in scored if m.unsettled and c.approved(self.region, self.on)]
        unsettled.sort(key=lambda cm: -cm[1].relevance)
        if unsettled and self.judge is not None:
            return self._ask_judge(sentence, [c for c, _ in unsettled])
        if unsettled:
            claim, match = unsettled[0]
            words = ", ".join(f"'{w}'" for w in match.soft)
            return SentenceVerdict(
                sentence,
                "unsupported",
                [claim.id],
                f"adds wording approved claim {claim.id} does not contain ({words})",
                evidence=[_evidence(claim)],
                suggested_fix=claim.text,
            )
        about = sorted(
            ((c, m) for c, m in scored if m.about),
            key=lambda cm: (-cm[1].relevance, not cm[0].approved(self.region, self.on), len(cm[1].hard)),
        )
        if not about:
            return SentenceVerdict(sentence, "unsupported", [], "no approved claim backs this sentence")
        claim, match = about[0]
        reason = match.hard[0] if match.hard else f"adds wording approved claim {claim.id} does not contain"
        status = claim.why_not(self.region, self.on)
        fix = claim.text if not status else None
        detail = f"{reason} (closest approved claim {claim.id}: '{claim.text}'" + (
            f"; {status})" if status else ")"
        )
        return SentenceVerdict(
            sentence, "unsupported", [claim.id], detail, evidence=[_evidence(claim)], suggested_fix=fix
        )

    def _ask_judge(self, sentence: str, claims: list[Claim]) -> SentenceVerdict:
        assert self.judge is not None
        raw = self.judge(sentence, claims)
        decision = (
            raw
            if isinstance(raw, JudgeDecision)
            else JudgeDecision(
                bool(raw.get("supported")), list(raw.get("claims") or []), str(raw.get("reason") or "")
            )
        )
        allowed = {c.id for c in claims}
        cited = [c for c in decision.claims if c in allowed]
        evidence = [_evidence(c) for c in claims]
        if decision.supported and cited:
            return SentenceVerdict(
                sentence,
                "supported",
                cited,
                decision.reason or f"judge: restates {cited[0]}",
                judged_by="llm_judge",
                evidence=evidence,
            )
        reason = decision.reason or "judge: not backed by the approved claims"
        if decision.supported:
            reason = "judge said supported but cited no approved candidate claim"
        return SentenceVerdict(
            sentence,
            "unsupported",
            [c.id for c in claims],
            reason,
            judged_by="llm_judge",
            evidence=evidence,
            suggested_fix=claims[0].text,
        )


def _carries_weight(facts: Facts, prepared: PreparedLibrary) -> bool:
    return any(prepared.vocab.is_hard(c.concept, c.stem, c.norm) for c in facts.concepts)


def _evidence(claim: Claim) -> str:
    return f"{claim.id}: {claim.text}"


def _region_disclaimers(library: BrandLibrary, region: str | None) -> list[str]:
    rules = library.rules(region)
    out = list(rules.disclaimers) + [c.text for c in rules.conditional_disclaimers]
    for texts in rules.channel_disclaimers.values():
        out += texts
    return out


def _norm(text: str) -> str:
    return fold_text(text, keep=CLAIM_SYMBOLS)
