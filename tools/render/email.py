"""Email preview: the asset rendered as an inbox shows it (jinja2 template, CSS inlined by premailer).

Everything shown is escaped (jinja2 autoescape): copy and brand strings are data, never markup. The CTA links to
the landing page with tracking parameters from :func:`tools.tracking.tracking_url` only; a missing sender,
landing URL, unsubscribe link or postal address is shown in red in the preview, never silently left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from tools.render.brand_extras import BrandExtras
from tools.render.templating import render
from tools.tracking import tracking_url

DESKTOP_WIDTH, MOBILE_WIDTH = 640, 375
"""Preview widths (px) of a desktop mail client's reading pane and a phone."""
PREHEADER_CHARS = 100


class EmailCopy(BaseModel):
    """The email fields of an asset (boundary model: what the preview reads)."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="Asset id.")
    region: str = Field(description="Region code.")
    variant: str = Field(description="Variant label.")
    subject: str | None = None
    headline: str | None = None
    body: str
    cta: str | None = None
    preheader: str | None = None


@dataclass(frozen=True)
class EmailPreview:
    """A rendered email and the facts the preview shows next to it."""

    html: str
    subject: str
    preheader: str
    cta_url: str | None
    unsubscribe_url: str | None
    postal_address: str | None
    sender: str
    missing: tuple[str, ...]


def preheader_of(copy: EmailCopy) -> str:
    """The preheader: the asset's own, else the body's first sentence (what inboxes show after the subject)."""
    if copy.preheader and copy.preheader.strip():
        return copy.preheader.strip()[:PREHEADER_CHARS]
    first = re.split(r"(?<=[.!?])\s+", copy.body.strip(), maxsplit=1)[0]
    return first[:PREHEADER_CHARS]


def render_email(
    copy: EmailCopy,
    *,
    brand: str,
    extras: BrandExtras,
    campaign_id: str,
    campaign_name: str | None,
    landing_url: str | None,
    program_id: str | None = None,
    lang: str = "en",
) -> EmailPreview:
    """Render one email asset as inbox HTML (CSS inlined for mail clients).

    Args:
        landing_url: The brief's landing URL; the brand library's is used when None.
        program_id: The published program's id when there is one (before launch the link carries no program).

    Raises:
        ValueError: a landing URL that is not an absolute http(s) URL (from ``tracking_url``).
    """
    from premailer import transform  # lazy: start-up (premailer)

    base = landing_url or extras.landing_url
    cta_url = (
        tracking_url(
            base,
            campaign_id=campaign_id,
            channel="email",
            program_id=program_id,
            variant=copy.variant,
            campaign_name=campaign_name,
        )
        if base and copy.cta
        else None
    )
    unsubscribe = extras.unsubscribe_for(base)
    address = extras.address_for(copy.region)
    preheader = preheader_of(copy)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", copy.body) if p.strip()]
    html = render(
        "email.html.j2",
        lang=lang,
        brand=brand,
        subject=copy.subject or "(no subject)",
        preheader=preheader,
        sender_name=extras.sender_name or brand,
        sender_email=extras.sender_email,
        headline=copy.headline,
        paragraphs=paragraphs,
        cta=copy.cta,
        cta_url=cta_url,
        unsubscribe_url=unsubscribe,
        postal_address=address,
        logo_url=None,
    )
    inlined = transform(
        html,
        keep_style_tags=True,
        remove_classes=False,
        disable_validation=True,
        allow_network=False,
        cssutils_logging_level="CRITICAL",
    )
    missing = tuple(
        name
        for name, value in (
            ("subject", copy.subject),
            ("sender address", extras.sender_email),
            ("landing URL", cta_url if copy.cta else "n/a"),
            ("unsubscribe link", unsubscribe),
            ("postal address", address),
        )
        if not value
    )
    sender = f"{extras.sender_name or brand}" + (f" <{extras.sender_email}>" if extras.sender_email else "")
    return EmailPreview(
        inlined, copy.subject or "", preheader, cta_url, unsubscribe, address, sender, missing
    )
