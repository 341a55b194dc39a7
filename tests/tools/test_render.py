"""Previews and exports: parse the HTML, count SMS segments, check ad limits, the deck CSV, report, timeline."""

from __future__ import annotations

import csv
import io
from typing import Any

import lxml.html
import pytest

from graph.runtime.settings import REPO_ROOT
from graph.views.exports import (
    ads_preview,
    campaign_report,
    copy_deck_csv,
    copy_deck_html,
    email_preview,
    sms_preview,
    timeline_rows,
)
from tools.render.brand_extras import BrandExtras, read_extras
from tools.render.sms import segments
from tools.tracking import parse_tracking_url

LIB = REPO_ROOT / "brand_library" / "brightwell"


def _asset(channel: str, region: str = "US", variant: str = "A", **fields: Any) -> dict[str, Any]:
    base = {
        "id": f"cmp-1234-{channel}-{region}-{variant}",
        "version": 2,
        "channel": channel,
        "region": region,
        "variant": variant,
        "subject": None,
        "headline": None,
        "body": "Cleaner water at home.",
        "cta": "Shop now",
        "cited_claim_ids": ["c1"],
        "model": "offline",
        "revision_notes": [],
    }
    return {**base, **fields}


def _values(
    *assets: dict[str, Any], landing: str | None = "https://shop.example/maxflow?ref=x", **extra: Any
) -> dict[str, Any]:
    return {
        "campaign_id": "cmp-1234",
        "trace_id": "t-1",
        "blueprint": {
            "campaign_name": "MaxFlow launch",
            "currency": "USD",
            "start_date": "2027-03-02",
            "end_date": "2027-03-29",
            "brief": {"landing_url": landing},
        },
        "assets": {a["id"]: a for a in assets},
        **extra,
    }


def test_email_preview_is_an_inbox_page_with_tracked_cta_unsubscribe_and_address() -> None:
    extras = read_extras(LIB)
    asset = _asset(
        "email", "UK", subject="Taste the <difference>", body="Filtered water. <script>x</script>\nNew line."
    )
    preview = email_preview(_values(asset), asset, extras, "Brightwell")
    doc = lxml.html.fromstring(preview.html)
    assert doc.xpath("string(//*[@data-part='subject'])") == "Taste the <difference>"
    assert "hello@brightwell.example" in doc.xpath("string(//*[@data-part='sender'])")
    assert doc.xpath("string(//*[@data-part='preheader'])") == "Filtered water."
    assert not doc.xpath("//script")  # copy is text, never markup
    cta = doc.xpath("//a[@data-part='cta']")[0]
    ids = parse_tracking_url(cta.get("href"))
    assert ids is not None and ids.campaign_id == "cmp-1234" and ids.variant == "A"
    assert cta.get("href").startswith(
        "https://shop.example/maxflow?ref=x&utm_source=liftoff&utm_medium=email"
    )
    assert "background" in cta.get("style")  # CSS inlined by premailer for mail clients
    assert doc.xpath("//a[@data-part='unsubscribe']")[0].get("href") == "https://shop.example/unsubscribe"
    assert "London" in doc.xpath("string(//*[@data-part='address'])")  # the UK entity for a UK email
    assert all(img.get("alt") for img in doc.xpath("//img"))
    assert preview.missing == ()


def test_email_preview_names_what_the_brand_library_lacks() -> None:
    asset = _asset("email", subject="Hi")
    preview = email_preview(_values(asset, landing=None), asset, BrandExtras(), "Acme")
    doc = lxml.html.fromstring(preview.html)
    assert not doc.xpath("//a[@data-part='cta']") and doc.xpath("//*[@data-part='no-link']")
    assert set(preview.missing) == {"sender address", "landing URL", "unsubscribe link", "postal address"}
    assert "Postal address missing" in doc.xpath("string(//*[@data-part='address'])")


@pytest.mark.parametrize(
    ("text", "encoding", "units", "n"),
    [
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),
        ("[" * 81, "GSM-7", 162, 2),
        ("é" * 160, "GSM-7", 160, 1),
        ("ç" * 70, "UCS-2", 70, 1),
        ("a" * 69 + "✓", "UCS-2", 70, 1),
        ("a" * 70 + "✓", "UCS-2", 71, 2),
        ("😀" * 35, "UCS-2", 70, 1),
        ("", "GSM-7", 0, 0),
    ],
)
def test_sms_segments_follow_gsm_03_38(text: str, encoding: str, units: int, n: int) -> None:
    s = segments(text)
    assert (s.encoding, s.units, s.segments) == (encoding, units, n)


def test_sms_preview_counts_body_and_cta_together() -> None:
    s = sms_preview(
        _asset("sms", body="Brightwell: cleaner water. Reply STOP to opt out.", cta="brightwell.example/go")
    )
    assert s.text.endswith("brightwell.example/go") and s.segments == 1 and s.encoding == "GSM-7"


def test_ad_previews_apply_each_platforms_limits_with_a_tracked_url() -> None:
    asset = _asset("paid_search", headline="MaxFlow pitchers filter fast for families", body="Short.")
    previews = ads_preview(_values(asset), asset, BrandExtras())
    assert [p.platform.split(" (")[0] for p in previews] == ["Google Ads", "Microsoft Advertising"]
    assert previews[0].problems == ["Headline: 41/30 characters (rejected by the platform)"]
    assert parse_tracking_url(previews[0].url or "").campaign_id == "cmp-1234"  # type: ignore[union-attr]
    social = _asset("paid_social", headline="h", body="x" * 130)
    meta = ads_preview(_values(social), social, BrandExtras())[0]
    body = next(f for f in meta.fields if f.label == "Primary text")
    assert body.over and body.shown.endswith("…") and len(body.shown) == 125


def test_copy_deck_csv_and_html_hold_every_asset_and_neutralise_formulas() -> None:
    email = _asset("email", subject='=HYPERLINK("http://evil")')
    sms = _asset("sms", body="Reply STOP to opt out.")
    withheld = _asset("paid_search", headline="Fast", body="Ads.")
    values = _values(email, sms, withheld, withheld_assets=[withheld["id"]])
    rows = list(csv.DictReader(io.StringIO(copy_deck_csv(values, BrandExtras()))))
    assert [r["channel"] for r in rows] == ["email", "paid_search", "sms"]
    assert rows[0]["subject"].startswith("'=")  # no formula runs in a spreadsheet
    assert rows[1]["state"] == "withheld" and rows[2]["sms_segments"].startswith("1 (GSM-7")
    assert parse_tracking_url(rows[0]["landing_link"]).variant == "A"  # type: ignore[union-attr]
    doc = lxml.html.fromstring(copy_deck_html(values, BrandExtras(), "Brightwell"))
    assert len(doc.xpath("//tr[@data-asset]")) == 3 and doc.xpath("//tr[@class='withheld']")


def test_report_is_self_contained_with_charts_and_every_section() -> None:
    from graph.contracts import Event

    asset = _asset("email", subject="Hi")
    card = {
        "conversions": 12,
        "spend": 100.0,
        "cost_per_result": 8.3,
        "lift": None,
        "sla_adherence": 1.0,
        "escalation_rate": 0.0,
        "kpis": [{"name": "conversions", "target": 20, "actual": 12, "met": False}],
        "by_channel": [
            {
                "key": "email",
                "lift": {"treated": 100, "treated_conversions": 10, "control": 50, "control_conversions": 2},
            }
        ],
    }
    events = [
        Event(
            id=f"e{i}",
            type="spend.recorded",
            trace_id="t-1",
            campaign_id="cmp-1234",
            source="spend",
            payload={"day": f"2027-03-0{i + 2}", "channel": "email", "amount": 50.0},
        )
        for i in range(2)
    ]
    html = campaign_report(_values(asset, scorecard=card), events, BrandExtras(), "Brightwell", "launched")
    doc = lxml.html.fromstring(html)
    assert not doc.xpath("//script | //link | //*[@src]")  # nothing loads from anywhere
    assert {f.get("data-chart") for f in doc.xpath("//figure")} == {"kpi", "lift", "spend"}
    assert doc.xpath("string(//*[@data-metric='Conversions'])").strip().endswith("12")
    text = doc.text_content()
    assert "Programs timeline" in text and "Copy deck" in text and "Budget changes" in text


def test_timeline_schedules_each_slot_in_its_regions_time_zone() -> None:
    values = _values(_asset("email", "US"), _asset("email", "UK"), _asset("paid_search", "EU", headline="h"))
    rows = {(r["channel"], r["region"]): r for r in timeline_rows(values)}
    assert rows[("email", "US")]["starts (local)"] == "Tue 02 Mar 2027 10:00 EST"
    assert rows[("email", "US")]["starts (UTC)"] == "Tue 02 Mar 2027 15:00"
    assert rows[("email", "UK")]["starts (UTC)"] == "Tue 02 Mar 2027 10:00"
    assert rows[("paid_search", "EU")]["ends (local)"] == "Mon 29 Mar 2027 23:59 CEST"
    assert all(r["state"] == "planned" for r in rows.values())
