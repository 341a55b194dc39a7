"""Length limits per channel and field (characters), read by the Content agent and checked by governance."""

from __future__ import annotations

from graph.contracts import Asset, Finding, ValidatorResult

VALIDATOR = "liftoff/channel_limits"

CHANNEL_LIMITS: dict[str, dict[str, int]] = {
    "email": {"subject": 60, "preheader": 100, "headline": 80, "body": 2000, "cta": 30},
    "sms": {"body": 160, "cta": 40, "message": 160},
    "paid_search": {"headline": 30, "body": 90, "cta": 25},
    "paid_social": {"headline": 40, "body": 125, "cta": 30},
    "display": {"headline": 30, "body": 90, "cta": 20},
}
"""Maximum characters per field per channel. For SMS, ``message`` is body and call to action together
(one 160-character segment)."""

REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "email": ("subject", "body"),
    "sms": ("body",),
    "paid_search": ("headline", "body"),
    "paid_social": ("headline", "body"),
    "display": ("headline", "body"),
}
"""Fields an asset of the channel must have."""


def check_channel_limits(asset: Asset) -> ValidatorResult:
    """Check field lengths and required fields of an asset against its channel's limits."""
    limits = CHANNEL_LIMITS.get(asset.channel, {})
    fields = asset.text_fields()
    findings: list[Finding] = []
    for name in REQUIRED_FIELDS.get(asset.channel, ()):
        if not (fields.get(name) or "").strip():
            findings.append(
                Finding(
                    text="",
                    verdict="missing_field",
                    reason=f"{asset.channel} asset has no {name}",
                    evidence=[f"{asset.channel} requires: {', '.join(REQUIRED_FIELDS[asset.channel])}"],
                )
            )
    measured = dict(fields)
    if "message" in limits:
        measured["message"] = " ".join(v for k, v in fields.items() if k in ("body", "cta"))
    for name, value in measured.items():
        limit = limits.get(name)
        if limit is not None and len(value) > limit:
            findings.append(
                Finding(
                    text=value,
                    verdict="too_long",
                    reason=f"{name} is {len(value)} characters; {asset.channel} allows {limit}",
                    evidence=[f"{asset.channel}.{name} <= {limit} characters"],
                )
            )
    return ValidatorResult(
        validator=VALIDATOR,
        passed=not findings,
        reasons=[f.reason for f in findings],
        findings=findings,
        fixable=bool(findings),
    )
