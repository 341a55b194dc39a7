"""Consent and suppression rules: which consent basis lets a channel reach a contact in a region.

The rules are data, not prose: the segment builder turns them into parameterised SQL, the data dictionary
documents them, and the tests check every (region, channel) cell.
"""

from __future__ import annotations

from typing import Literal

from graph.contracts import CHANNELS, REGIONS, Channel, Region

ConsentBasis = Literal["opt_in", "double_opt_in", "legitimate_interest", "none"]
"""Legal basis recorded for one contact and channel ('none' = refused or withdrawn)."""

CONSENT_BASES: tuple[ConsentBasis, ...] = ("opt_in", "double_opt_in", "legitimate_interest", "none")

CONSENT_SOURCES: tuple[str, ...] = (
    "web_form",
    "double_opt_in_confirmation",
    "checkout",
    "event_signup",
    "webinar",
    "sales_rep",
    "list_import",
    "purchase",
    "preference_center",
)
"""Where a consent record came from."""

SuppressionReason = Literal["legal_hold", "unsubscribed", "bounced"]

SUPPRESSION_REASONS: tuple[SuppressionReason, ...] = ("legal_hold", "unsubscribed", "bounced")
"""Suppression reasons, in the precedence used when a contact has several."""

EXCLUSION_REASONS: tuple[str, ...] = (
    "filters",
    "legal_hold",
    "unsubscribed",
    "bounced",
    "no_address",
    "no_consent",
    "frequency_cap",
)
"""Why a contact of the requested regions is not on a list, in precedence order (first match counts)."""

_EXPRESS: frozenset[ConsentBasis] = frozenset({"opt_in", "double_opt_in"})
_WITH_LI: frozenset[ConsentBasis] = _EXPRESS | {"legitimate_interest"}

_PAID: tuple[Channel, ...] = ("paid_social", "paid_search", "display")

CONSENT_RULES: dict[tuple[Region, Channel], frozenset[ConsentBasis]] = {
    # Email: GDPR/PECR (EU, UK), CASL (CA) and APAC anti-spam laws need express consent;
    # CAN-SPAM (US) is opt-out, so a documented legitimate interest (existing relationship) is enough.
    ("US", "email"): _WITH_LI,
    ("UK", "email"): _EXPRESS,
    ("EU", "email"): _EXPRESS,
    ("CA", "email"): _EXPRESS,
    ("APAC", "email"): _EXPRESS,
    # SMS: TCPA and its equivalents need express (written) consent everywhere.
    **{(region, "sms"): _EXPRESS for region in REGIONS},
    # Paid audiences (customer-list matching): consent under GDPR/UK GDPR, legitimate interest elsewhere.
    **{
        (region, channel): (_EXPRESS if region in ("EU", "UK") else _WITH_LI)
        for region in REGIONS
        for channel in _PAID
    },
}
"""Consent bases that make a contact reachable, per (region, channel)."""

SUPPRESSION_SCOPE: dict[SuppressionReason, str] = {
    "legal_hold": "every channel (a legal hold is always recorded without a channel)",
    "unsubscribed": "the channel it was recorded for, or every channel when recorded without one",
    "bounced": "the channel it was recorded for (email hard bounce, undeliverable SMS number)",
}
"""How far each suppression reason reaches (documented in DATA_DICTIONARY.md)."""

ADDRESS_COLUMN: dict[Channel, str] = {
    "email": "email",
    "sms": "phone",
    "paid_social": "email",
    "paid_search": "email",
    "display": "email",
}
"""Contact column a channel needs to reach someone (paid channels match hashed emails)."""


def allowed_bases(region: Region, channel: Channel) -> frozenset[ConsentBasis]:
    """Return the consent bases that let ``channel`` reach a contact in ``region``.

    Raises:
        KeyError: on an unknown region or channel.
    """
    return CONSENT_RULES[(region, channel)]


def _check_complete() -> None:
    missing = [(r, c) for r in REGIONS for c in CHANNELS if (r, c) not in CONSENT_RULES]
    if missing:  # pragma: no cover - guards edits of the table above
        raise AssertionError(f"CONSENT_RULES misses {missing}")


_check_complete()
