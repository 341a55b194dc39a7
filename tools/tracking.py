"""Tracking links: CTA URLs that carry the campaign, program and variant, so results can be tied back.

One scheme for the whole product: the copy deck and previews build links with :func:`tracking_url`, and results
that come back from outside (web-analytics exports, clicks) are attributed with :func:`parse_tracking_url`.
Standard UTM parameters are set for the marketer's analytics tool; ``lo_c``/``lo_p``/``lo_v`` are Liftoff's own
ids and are what attribution reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

UTM_MEDIUM: dict[str, str] = {
    "email": "email",
    "sms": "sms",
    "paid_social": "paid_social",
    "paid_search": "cpc",
    "display": "display",
}
"""``utm_medium`` per Liftoff channel."""

CAMPAIGN_PARAM, PROGRAM_PARAM, VARIANT_PARAM = "lo_c", "lo_p", "lo_v"


@dataclass(frozen=True)
class TrackingIds:
    """The Liftoff ids a tracking link carries."""

    campaign_id: str
    program_id: str | None
    variant: str | None


def tracking_url(
    base_url: str,
    *,
    campaign_id: str,
    channel: str,
    program_id: str | None = None,
    variant: str | None = None,
    campaign_name: str | None = None,
    source: str = "liftoff",
) -> str:
    """Return ``base_url`` with UTM and Liftoff tracking parameters added (existing query parameters are kept).

    Raises:
        ValueError: when ``base_url`` is not an absolute http(s) URL.
    """
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"landing URL must be an absolute http(s) URL, got {base_url[:80]!r}")
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _ours(k)]
    ours = [
        ("utm_source", source),
        ("utm_medium", UTM_MEDIUM.get(channel, channel)),
        ("utm_campaign", campaign_name or campaign_id),
        (CAMPAIGN_PARAM, campaign_id),
    ]
    if program_id:
        ours.append((PROGRAM_PARAM, program_id))
    if variant:
        ours.append((VARIANT_PARAM, variant))
        ours.append(("utm_content", variant))
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(kept + ours), parts.fragment))


def parse_tracking_url(url: str) -> TrackingIds | None:
    """Return the Liftoff ids a URL carries, or ``None`` when it carries no campaign id."""
    query = dict(parse_qsl(urlsplit(url.strip()).query, keep_blank_values=False))
    campaign = query.get(CAMPAIGN_PARAM)
    if not campaign:
        return None
    return TrackingIds(
        campaign_id=campaign, program_id=query.get(PROGRAM_PARAM), variant=query.get(VARIANT_PARAM)
    )


def _ours(key: str) -> bool:
    return key.startswith("utm_") or key in (CAMPAIGN_PARAM, PROGRAM_PARAM, VARIANT_PARAM)
