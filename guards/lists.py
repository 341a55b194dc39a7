"""List guards: consent basis recorded and allowed for the region and channel, suppression applied, holdout kept.

A :class:`~graph.contracts.TargetList` carries counts only (no PII), so the guards read the counts: every
eligible contact must have a consent basis, only bases the law (``graph.contracts.consent``) and the brand's own
policy (``regions.<code>.consent`` in brand.yaml) allow may appear, the suppression reasons must be reported as
applied (a count per reason, zero included), and a control holdout must be set aside.
"""

from __future__ import annotations

from graph.contracts import Finding, TargetList, ValidatorResult
from graph.contracts.consent import SUPPRESSION_REASONS, allowed_bases
from guards.library import BrandLibrary

CONSENT_VALIDATOR = "liftoff/consent"
SUPPRESSION_VALIDATOR = "liftoff/suppression"
HOLDOUT_VALIDATOR = "liftoff/holdout"
REQUIRED_EXCLUSIONS: tuple[str, ...] = (*SUPPRESSION_REASONS, "no_consent")
"""Exclusion reasons a list must report (with a count, zero allowed) to show suppression was applied."""


def allowed_consent(library: BrandLibrary, region: str, channel: str) -> set[str]:
    """Consent bases allowed for a region and channel: the legal table narrowed by brand policy."""
    legal: set[str] = set(allowed_bases(region, channel))  # type: ignore[arg-type]
    policy = library.rules(region).consent.get(channel)
    return legal & set(policy) if policy else legal


def check_consent(target: TargetList, library: BrandLibrary) -> ValidatorResult:
    """Every eligible contact has a consent basis, and every basis used is allowed in every region of the list."""
    seg = target.segment
    findings: list[Finding] = []
    recorded = sum(n for n in target.consent_basis.values() if n > 0)
    if target.eligible > 0 and not target.consent_basis:
        findings.append(
            Finding(
                text=target.id,
                verdict="no_consent_basis",
                reason="the list records no consent basis for its contacts",
                evidence=["every contact reached needs a recorded consent basis"],
            )
        )
    elif recorded < target.eligible:
        findings.append(
            Finding(
                text=target.id,
                verdict="no_consent_basis",
                reason=f"{target.eligible - recorded} eligible contacts have no recorded consent basis",
                evidence=[f"consent_basis counts {recorded} of {target.eligible} eligible contacts"],
            )
        )
    for region in seg.regions:
        allowed = allowed_consent(library, region, seg.channel)
        for basis, count in sorted(target.consent_basis.items()):
            if count > 0 and basis not in allowed:
                findings.append(
                    Finding(
                        text=f"{basis}: {count}",
                        verdict="consent_not_allowed",
                        reason=f"{count} contacts on basis '{basis}', not allowed for {seg.channel} in {region}",
                        evidence=[
                            f"{region} {seg.channel} allows: {', '.join(sorted(allowed)) or 'nothing'}"
                        ],
                    )
                )
    stray = sorted(r for r, n in target.by_region.items() if n > 0 and r not in seg.regions)
    if stray:
        findings.append(
            Finding(
                text=", ".join(stray),
                verdict="region_leak",
                reason=f"the list holds contacts from regions it was not built for: {', '.join(stray)}",
                evidence=[f"segment regions: {', '.join(seg.regions)}"],
            )
        )
    return ValidatorResult(
        validator=CONSENT_VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=False,
    )


def check_suppression(target: TargetList) -> ValidatorResult:
    """The list reports every suppression reason as applied (a count per reason, zero included)."""
    missing = [r for r in REQUIRED_EXCLUSIONS if r not in target.excluded]
    findings = [
        Finding(
            text=r,
            verdict="suppression_not_shown",
            reason=f"the list does not show suppression '{r}' as applied",
            evidence=[f"required exclusion counts: {', '.join(REQUIRED_EXCLUSIONS)}"],
        )
        for r in missing
    ]
    negative = [r for r, n in target.excluded.items() if n < 0]
    findings += [
        Finding(text=r, verdict="bad_count", reason=f"exclusion count for '{r}' is negative")
        for r in negative
    ]
    return ValidatorResult(
        validator=SUPPRESSION_VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=False,
    )


def check_holdout(target: TargetList, holdout_pct: float | None = None) -> ValidatorResult:
    """A control holdout is set aside whenever the list is big enough for one contact of it.

    Args:
        target: The list.
        holdout_pct: Share required (the blueprint's; defaults to the segment's).
    """
    pct = target.segment.holdout_pct if holdout_pct is None else holdout_pct
    total = target.eligible + target.holdout
    findings: list[Finding] = []
    expected = pct * total
    if pct > 0 and expected >= 1 and target.holdout == 0:
        findings.append(
            Finding(
                text=target.id,
                verdict="no_holdout",
                reason=f"no control holdout set aside (expected about {expected:.0f} of {total})",
                evidence=[f"holdout_pct {pct:.0%}"],
            )
        )
    elif pct > 0 and expected >= 20 and abs(target.holdout - expected) > 0.5 * expected:
        findings.append(
            Finding(
                text=target.id,
                verdict="holdout_off",
                reason=f"holdout of {target.holdout} is far from {pct:.0%} of {total} ({expected:.0f})",
                evidence=[f"holdout_pct {pct:.0%}"],
            )
        )
    return ValidatorResult(
        validator=HOLDOUT_VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=False,
    )
