"""What ships, from a campaign's state: email/SMS/ad previews, the copy deck, the report and the timeline.

Plain functions over the campaign state's dicts (no Streamlit): the app renders them, tests parse them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.contracts import Event
from graph.views.scorecard import current_scorecard, scorecard_view
from tools.render.ads import AdPreview, ad_previews
from tools.render.brand_extras import BrandExtras, read_extras
from tools.render.deck import DeckRow, deck_csv, deck_html, deck_rows, landing_base
from tools.render.email import EmailCopy, EmailPreview, render_email
from tools.render.report import ReportData, report_html
from tools.render.sms import SmsPreview, segments, sms_text
from tools.render.timeline import timeline
from tools.tracking import tracking_url


def extras_for(library_dir: Path | str | None) -> BrandExtras:
    """The brand library's optional sending keys (empty when there is no library)."""
    return read_extras(library_dir) if library_dir else BrandExtras()


def _program_id(values: Mapping[str, Any], asset_id: str) -> str | None:
    for p in (values.get("programs") or {}).values():
        if p.get("asset_id") == asset_id and p.get("status") == "published":
            return str(p["id"])
    return None


def email_preview(
    values: Mapping[str, Any], asset: Mapping[str, Any], extras: BrandExtras, brand: str
) -> EmailPreview:
    """The inbox rendering of an email asset, its CTA linked to the tracked landing page."""
    bp = values.get("blueprint") or {}
    return render_email(
        EmailCopy.model_validate(asset),
        brand=brand,
        extras=extras,
        campaign_id=str(values.get("campaign_id", "")),
        campaign_name=bp.get("campaign_name"),
        landing_url=landing_base(values, extras),
        program_id=_program_id(values, str(asset["id"])),
    )


def sms_preview(asset: Mapping[str, Any]) -> SmsPreview:
    """The SMS as sent, with its segment count."""
    return segments(sms_text(str(asset["body"]), asset.get("cta")))


def ads_preview(values: Mapping[str, Any], asset: Mapping[str, Any], extras: BrandExtras) -> list[AdPreview]:
    """The asset on each ad platform of its channel, with the tracked final URL."""
    base = landing_base(values, extras)
    url = None
    if base:
        url = tracking_url(
            base,
            campaign_id=str(values.get("campaign_id", "")),
            channel=str(asset["channel"]),
            program_id=_program_id(values, str(asset["id"])),
            variant=str(asset["variant"]),
            campaign_name=(values.get("blueprint") or {}).get("campaign_name"),
        )
    return ad_previews(str(asset["channel"]), {k: asset.get(k) for k in ("headline", "body", "cta")}, url)


def copy_deck(values: Mapping[str, Any], extras: BrandExtras) -> list[DeckRow]:
    """Every asset as it ships."""
    return deck_rows(values, extras)


def copy_deck_csv(values: Mapping[str, Any], extras: BrandExtras) -> str:
    """The copy deck as CSV."""
    return deck_csv(deck_rows(values, extras))


def copy_deck_html(values: Mapping[str, Any], extras: BrandExtras, brand: str) -> str:
    """The copy deck as one printable HTML page."""
    bp = values.get("blueprint") or {}
    return deck_html(
        deck_rows(values, extras),
        campaign_name=str(bp.get("campaign_name") or "Campaign"),
        brand=brand,
        campaign_id=str(values.get("campaign_id", "")),
    )


def timeline_rows(values: Mapping[str, Any]) -> list[dict[str, str]]:
    """The calendar of programs, one row per slot (local and UTC times)."""
    return [s.row() for s in timeline(values)]


def campaign_report(
    values: Mapping[str, Any], events: Sequence[Event], extras: BrandExtras, brand: str, status: str
) -> str:
    """The campaign report as one self-contained HTML page."""
    bp = values.get("blueprint") or {}
    card, live = current_scorecard(values, events)
    view = scorecard_view(card, events, live=live, currency=str(bp.get("currency", "")))
    changes = [
        {
            "channel": c.get("channel"),
            "from": c.get("from_amount"),
            "to": c.get("to_amount"),
            "currency": c.get("currency") or bp.get("currency", ""),
            "status": c.get("status"),
            "decided by": c.get("decided_by") or "",
            "evidence": c.get("evidence") or c.get("reason", ""),
        }
        for c in (values.get("budget_changes") or {}).values()
    ]
    deck = [
        {
            "asset": r.asset_id,
            "state": r.state,
            "subject / headline": r.subject or r.headline,
            "body": r.body,
            "cta": r.cta,
            "link": r.landing_link,
        }
        for r in deck_rows(values, extras)
    ]
    data = ReportData(
        campaign_name=str(bp.get("campaign_name") or "Campaign"),
        campaign_id=str(values.get("campaign_id", "")),
        trace_id=str(values.get("trace_id", "")),
        brand=brand,
        status=status,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        headline=list(view.headline),
        kpis=view.kpis,
        kpi_chart=view.kpi_chart,
        lift=view.lift,
        lift_chart=view.lift_chart,
        spend_over_time=view.spend_over_time,
        escalations=view.escalations,
        budget_changes=changes,
        timeline=timeline_rows(values),
        deck=deck,
    )
    return report_html(data)


__all__ = [
    "AdPreview",
    "DeckRow",
    "EmailPreview",
    "SmsPreview",
    "ads_preview",
    "campaign_report",
    "copy_deck",
    "copy_deck_csv",
    "copy_deck_html",
    "email_preview",
    "extras_for",
    "sms_preview",
    "timeline_rows",
]
