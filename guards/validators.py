"""Liftoff's guards as guardrails-ai validators (``register_validator``), and running them through a Guard.

Each validator wraps one check of ours and returns a guardrails ``PassResult``/``FailResult`` whose
``metadata['result']`` is the structured :class:`~graph.contracts.ValidatorResult` (passed, findings, evidence,
suggested fixes). :func:`run_guard` validates one subject through an :func:`~guards.telemetry.offline_guard`
and converts the guardrails logs back to ``ValidatorResult``s. Importing this module imports guardrails
(slow, about 2 s); nothing else happens at import.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from guardrails import OnFailAction
from guardrails.validator_base import FailResult, PassResult, ValidationResult, Validator, register_validator

from graph.contracts import Asset, Blueprint, BudgetChange, Caps, Finding, TargetList, ValidatorResult
from guards.banned import check_banned, check_competitors
from guards.caps import check_blueprint_caps, check_budget_change
from guards.channel_limits import check_channel_limits
from guards.claims import VALIDATOR as CLAIMS_NAME
from guards.claims import ClaimsCheck, Judge, check_text
from guards.disclaimers import check_disclaimers
from guards.library import BrandLibrary
from guards.lists import check_consent, check_holdout, check_suppression
from guards.pii import check_pii
from guards.telemetry import disable_guardrails_telemetry, offline_guard
from guards.textnorm import normalize_text
from guards.voice import check_voice

CLAIMS_VALIDATOR = CLAIMS_NAME


class LiftoffValidator(Validator):  # type: ignore[misc]
    """Base: turn hub telemetry off before guardrails' own ``__init__`` reads it; report a ValidatorResult."""

    def __init__(self, check: Callable[[str], ValidatorResult]) -> None:
        disable_guardrails_telemetry()
        super().__init__(on_fail=OnFailAction.NOOP)
        self._check = check

    def validate(self, value: Any, metadata: dict[str, Any]) -> ValidationResult:
        """Run the check on ``value`` (the subject's text or JSON), as a reader sees it (:mod:`guards.textnorm`)."""
        result = self._check(normalize_text(value) if isinstance(value, str) else value)
        meta = {"result": result.model_dump(mode="json")}
        if result.passed:
            return PassResult(metadata=meta)
        return FailResult(
            error_message="; ".join(result.reasons) or f"{result.validator} failed", metadata=meta
        )


@register_validator(name=CLAIMS_VALIDATOR, data_type="string")
class ClaimsValidator(LiftoffValidator):
    """Every factual sentence restates an approved claim (region, expiry and cited ids checked)."""

    def __init__(
        self,
        library: BrandLibrary,
        *,
        region: str | None,
        on: date,
        index: Any = None,
        judge: Judge | None = None,
        cited: Sequence[str] = (),
    ) -> None:
        self.last_check: ClaimsCheck | None = None

        def check(text: str) -> ValidatorResult:
            self.last_check = check_text(text, library, region=region, on=on, index=index, judge=judge)
            return claims_result(self.last_check, library, cited=cited, region=region, on=on)

        super().__init__(check)


@register_validator(name="liftoff/banned_terms", data_type="string")
class BannedTermsValidator(LiftoffValidator):
    """No banned term (brand and region), exact or near-miss (hub ``guardrails/ban_list``)."""

    def __init__(self, library: BrandLibrary, *, region: str | None) -> None:
        super().__init__(lambda text: check_banned(text, library.all_banned_terms(region), region=region))


@register_validator(name="liftoff/competitors", data_type="string")
class CompetitorsValidator(LiftoffValidator):
    """No competitor named."""

    def __init__(self, library: BrandLibrary) -> None:
        super().__init__(lambda text: check_competitors(text, library.competitors))


@register_validator(name="liftoff/pii", data_type="string")
class PIIValidator(LiftoffValidator):
    """No personal data in copy (brand contacts allowed)."""

    def __init__(self, library: BrandLibrary) -> None:
        super().__init__(lambda text: check_pii(text, library.allowed_contacts))


@register_validator(name="liftoff/disclaimers", data_type="string")
class DisclaimersValidator(LiftoffValidator):
    """Required regional, channel and claim-conditional disclaimers present."""

    def __init__(
        self,
        library: BrandLibrary,
        *,
        region: str | None,
        channel: str | None,
        claim_ids: Callable[[], Sequence[str]] = tuple,
    ) -> None:
        super().__init__(
            lambda text: check_disclaimers(
                text, library, region=region, channel=channel, claim_ids=claim_ids()
            )
        )


@register_validator(name="liftoff/channel_limits", data_type="string")
class ChannelLimitsValidator(LiftoffValidator):
    """Field lengths and required fields of the channel."""

    def __init__(self, asset: Asset) -> None:
        super().__init__(lambda _text: check_channel_limits(asset))


@register_validator(name="liftoff/brand_voice", data_type="string")
class BrandVoiceValidator(LiftoffValidator):
    """Measurable brand-voice rules."""

    def __init__(self, library: BrandLibrary, *, body: str | None = None) -> None:
        exempt = (library.name, *(t for p in library.products for t in p.terms))
        super().__init__(lambda text: check_voice(text, library.voice, body=body, exempt_words=exempt))


@register_validator(name="liftoff/consent", data_type="string")
class ConsentValidator(LiftoffValidator):
    """Consent basis present and allowed for the list's regions and channel."""

    def __init__(self, library: BrandLibrary) -> None:
        super().__init__(lambda raw: check_consent(TargetList.model_validate_json(raw), library))


@register_validator(name="liftoff/suppression", data_type="string")
class SuppressionValidator(LiftoffValidator):
    """Suppression reported as applied."""

    def __init__(self) -> None:
        super().__init__(lambda raw: check_suppression(TargetList.model_validate_json(raw)))


@register_validator(name="liftoff/holdout", data_type="string")
class HoldoutValidator(LiftoffValidator):
    """Control holdout kept."""

    def __init__(self, holdout_pct: float | None = None) -> None:
        super().__init__(lambda raw: check_holdout(TargetList.model_validate_json(raw), holdout_pct))


@register_validator(name="liftoff/budget_caps", data_type="string")
class BudgetCapsValidator(LiftoffValidator):
    """Blueprint budgets within caps."""

    def __init__(self) -> None:
        super().__init__(lambda raw: check_blueprint_caps(Blueprint.model_validate_json(raw)))


@register_validator(name="liftoff/budget_change", data_type="string")
class BudgetChangeValidator(LiftoffValidator):
    """A budget change within caps."""

    def __init__(self, caps: Caps, allocation: dict[str, float], total_budget: float) -> None:
        super().__init__(
            lambda raw: check_budget_change(
                BudgetChange.model_validate_json(raw), caps, allocation, total_budget
            )
        )


def run_guard(value: str, validators: Sequence[LiftoffValidator]) -> list[ValidatorResult]:
    """Validate ``value`` with ``validators`` through one offline guardrails Guard.

    Returns:
        One ValidatorResult per validator, in order.

    Raises:
        RuntimeError: when guardrails did not report a validator's result (never silently passed).
    """
    guard = _thread_guard()
    guard.use(*validators)
    guard.validate(value)
    logs = guard.history.last.iterations.last.validator_logs
    by_validator: dict[int, ValidatorResult] = {}
    for log in logs:
        result = log.validation_result
        payload = (result.metadata or {}).get("result") if result is not None else None
        if payload is None:
            raise RuntimeError(f"guardrails returned no result for {log.registered_name}")
        by_validator[log.instance_id] = ValidatorResult.model_validate(payload)
    out = []
    for v in validators:
        if id(v) not in by_validator:
            raise RuntimeError(f"guardrails did not run {v.rail_alias}")
        out.append(by_validator[id(v)])
    return out


_LOCAL = threading.local()


def _thread_guard() -> Any:
    """One offline Guard per thread (building one costs ~35 ms of TLS setup in its API client); ``use()``
    replaces its validators on every call."""
    guard = getattr(_LOCAL, "guard", None)
    if guard is None:
        guard = _LOCAL.guard = offline_guard(name="liftoff-governance")
    disable_guardrails_telemetry()
    return guard


def claims_result(
    check: ClaimsCheck, library: BrandLibrary, *, cited: Sequence[str] = (), region: str | None, on: date
) -> ValidatorResult:
    """Convert a claims check (plus the asset's cited claim ids) into a ValidatorResult with per-sentence findings."""
    findings = [
        Finding(
            text=s.text,
            verdict=s.verdict,
            reason=s.reason,
            claims=list(s.claims),
            evidence=list(s.evidence),
            suggested_fix=s.suggested_fix,
            judged_by=s.judged_by,
        )
        for s in check.sentences
    ]
    reasons = list(check.reasons)
    for cid in cited:
        try:
            claim = library.claim(cid)
        except KeyError:
            reason = f"cites claim {cid!r}, which is not in the brand library"
            reasons.append(reason)
            findings.append(Finding(text=cid, verdict="bad_citation", reason=reason))
            continue
        why = claim.why_not(region, on)
        if why:
            reason = f"cites claim {cid}: {why}"
            reasons.append(reason)
            findings.append(
                Finding(
                    text=cid,
                    verdict="bad_citation",
                    reason=reason,
                    claims=[cid],
                    evidence=[f"{cid}: {claim.text}"],
                )
            )
    return ValidatorResult(
        validator=CLAIMS_VALIDATOR,
        passed=not reasons,
        reasons=reasons,
        findings=findings,
        fixable=bool(reasons),
    )
