"""The copy deck: every asset of a campaign, as it will ship, with its landing link and its state.

Exports: CSV (one row per asset, for spreadsheets and agencies) and a one-page HTML (printable, self-contained).
The deck is built from the campaign state's plain dicts; links come from :func:`tools.tracking.tracking_url` only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from tools.render.brand_extras import BrandExtras
from tools.render.email import EmailCopy, preheader_of
from tools.render.sms import segments, sms_text
from tools.render.templating import render
from tools.tracking import tracking_url


@dataclass(frozen=True)
class DeckRow:
    """One asset of the deck."""

    asset_id: str
    channel: str
    region: str
    variant: str
    version: int
    state: str
    """'ships' (approved or awaiting the launch card), 'published', 'withheld'."""
    subject: str
    preheader: str
    headline: str
    body: str
    cta: str
    landing_link: str
    sms_segments: str
    cited_claims: str


COLUMNS = tuple(DeckRow.__dataclass_fields__)


def _programs_by_asset(programs: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for p in programs.values():
        if p.get("status") == "published" or p.get("asset_id") not in out:
            out[str(p.get("asset_id"))] = p
    return out


def landing_base(values: Mapping[str, Any], extras: BrandExtras) -> str | None:
    """The CTA destination: the brief's landing URL, else the brand library's."""
    brief = (values.get("blueprint") or {}).get("brief") or values.get("brief") or {}
    return brief.get("landing_url") or extras.landing_url


def deck_rows(values: Mapping[str, Any], extras: BrandExtras) -> list[DeckRow]:
    """Every asset of the campaign, ordered by channel, region and variant (withheld ones included, marked)."""
    withheld = set(values.get("withheld_assets") or [])
    programs = _programs_by_asset(values.get("programs") or {})
    bp = values.get("blueprint") or {}
    base = landing_base(values, extras)
    rows = []
    for a in sorted(
        (values.get("assets") or {}).values(), key=lambda a: (a["channel"], a["region"], a["variant"])
    ):
        program = programs.get(a["id"])
        state = "withheld" if a["id"] in withheld else (str(program["status"]) if program else "ships")
        link = ""
        if base and a.get("cta"):
            try:
                link = tracking_url(
                    base,
                    campaign_id=str(values.get("campaign_id", "")),
                    channel=a["channel"],
                    program_id=(program or {}).get("id"),
                    variant=a["variant"],
                    campaign_name=bp.get("campaign_name"),
                )
            except ValueError as exc:
                link = f"(invalid landing URL: {exc})"
        sms = segments(sms_text(a["body"], a.get("cta"))) if a["channel"] == "sms" else None
        rows.append(
            DeckRow(
                asset_id=a["id"],
                channel=a["channel"],
                region=a["region"],
                variant=a["variant"],
                version=int(a["version"]),
                state=state,
                subject=a.get("subject") or "",
                preheader=preheader_of(EmailCopy.model_validate(a)) if a["channel"] == "email" else "",
                headline=a.get("headline") or "",
                body=a["body"],
                cta=a.get("cta") or "",
                landing_link=link,
                sms_segments=f"{sms.segments} ({sms.encoding}, {sms.units} units)" if sms else "",
                cited_claims=", ".join(a.get("cited_claim_ids") or []),
            )
        )
    return rows


def deck_csv(rows: list[DeckRow]) -> str:
    """The deck as CSV text (header row first; cells quoted as needed)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe_cell(v) for k, v in asdict(row).items()})
    return out.getvalue()


def _safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas (CSV injection): a cell starting with = + - @ is prefixed with '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def deck_html(rows: list[DeckRow], *, campaign_name: str, brand: str, campaign_id: str) -> str:
    """The deck as one self-contained, printable HTML page (every string escaped)."""
    channels: dict[str, list[DeckRow]] = {}
    for row in rows:
        channels.setdefault(row.channel, []).append(row)
    return render(
        "deck.html.j2",
        campaign_name=campaign_name,
        brand=brand,
        campaign_id=campaign_id,
        channels=channels,
        total=len(rows),
        withheld=sum(r.state == "withheld" for r in rows),
    )
