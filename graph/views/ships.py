"""'What ships' in the app: inbox previews (desktop and mobile), SMS segments, ad limits per platform, the copy
deck and report downloads, the programs' calendar, and every asset's versions with a diff.

Streamlit rendering only; the HTML comes from :mod:`graph.views.exports` (escaped by jinja2 and shown in a
sandboxed iframe), everything else is shown as text.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from graph.review.asset_versions import diff_lines, history
from graph.runtime.live import Reader
from graph.views.exports import (
    ads_preview,
    campaign_report,
    copy_deck_csv,
    copy_deck_html,
    email_preview,
    extras_for,
    sms_preview,
    timeline_rows,
)
from graph.views.text import md_escape
from tools.render.brand_extras import BrandExtras
from tools.render.email import DESKTOP_WIDTH, MOBILE_WIDTH

EMAIL_HEIGHT = 620


def preview_brand(values: Mapping[str, Any], reader: Reader) -> tuple[BrandExtras, str]:
    """The brand library's sending details and name (previews degrade to 'missing' notes without a library)."""
    try:
        library = reader.campaigns.services.library(values.get("brand") or reader.settings.brand)
    except Exception:  # noqa: BLE001 - a library that no longer loads: previews show what is missing
        return extras_for(None), str(values.get("brand") or "")
    return extras_for(library.path), library.name


def render_asset_preview(
    values: Mapping[str, Any], asset: Mapping[str, Any], extras: BrandExtras, brand: str
) -> None:
    """The asset as its channel shows it."""
    channel = str(asset.get("channel"))
    if channel == "email":
        _email(values, asset, extras, brand)
    elif channel == "sms":
        s = sms_preview(asset)
        st.text(s.text)
        line = f"SMS: {s.segments} segment(s), {s.encoding}, {s.units}/{s.per_segment * max(1, s.segments)} units"
        if s.non_gsm:
            line += f" (UCS-2 because of: {' '.join(s.non_gsm)})"
        (st.warning if s.segments > 1 else st.caption)(md_escape(line))
    else:
        try:
            previews = ads_preview(values, asset, extras)
        except ValueError as exc:
            st.error(md_escape(exc))
            return
        for p in previews:
            st.markdown(f"**{md_escape(p.platform)}**")
            for f in p.fields:
                st.text(f"{f.label} ({f.length}/{f.limit}): {f.shown}")
            for problem in p.problems:
                st.warning(md_escape(problem))
            if previews and p.url:
                st.caption(f"Final URL: {md_escape(p.url)}")


def _email(values: Mapping[str, Any], asset: Mapping[str, Any], extras: BrandExtras, brand: str) -> None:
    try:
        preview = email_preview(values, asset, extras, brand)
    except ValueError as exc:
        st.error(md_escape(exc))
        return
    st.caption(
        f"From {md_escape(preview.sender)} · Subject: {md_escape(preview.subject)} · Preheader: "
        f"{md_escape(preview.preheader)}"
    )
    st.caption(f"CTA link: {md_escape(preview.cta_url or 'none')}")
    if preview.missing:
        st.warning(f"Missing from this email: {md_escape(', '.join(preview.missing))}")
    desktop, mobile = st.tabs([f"Desktop ({DESKTOP_WIDTH} px)", f"Mobile ({MOBILE_WIDTH} px)"])
    src = data_url(preview.html)
    with desktop:
        st.iframe(
            src, width=DESKTOP_WIDTH, height=EMAIL_HEIGHT, alt=f"Email preview (desktop): {preview.subject}"
        )
    with mobile:
        st.iframe(
            src,
            width=MOBILE_WIDTH,
            height=EMAIL_HEIGHT + 200,
            alt=f"Email preview (mobile): {preview.subject}",
        )


def data_url(html: str) -> str:
    """The page as a ``data:`` URL: the iframe gets an opaque origin, isolated from the app (no same-origin
    access even if the HTML held script, which the escaped template never does)."""
    return "data:text/html;charset=utf-8;base64," + base64.b64encode(html.encode("utf-8")).decode("ascii")


def render_ships(
    cid: str, values: Mapping[str, Any], events: Sequence[Any], extras: BrandExtras, brand: str, status: str
) -> None:
    """The 'What ships' tab."""
    assets = sorted(
        (values.get("assets") or {}).values(), key=lambda a: (a["channel"], a["region"], a["variant"])
    )
    if not assets:
        st.caption("Nothing drafted yet.")
        return
    withheld = set(values.get("withheld_assets") or [])
    name = str((values.get("blueprint") or {}).get("campaign_name") or cid)
    left, mid, right = st.columns(3)
    left.download_button(
        "Copy deck (CSV)",
        copy_deck_csv(values, extras),
        file_name=f"{cid}-copy-deck.csv",
        mime="text/csv",
        key=f"export-deck-csv-{cid}",
        width="stretch",
    )
    mid.download_button(
        "Copy deck (HTML)",
        copy_deck_html(values, extras, brand),
        file_name=f"{cid}-copy-deck.html",
        mime="text/html",
        key=f"export-deck-html-{cid}",
        width="stretch",
    )
    right.download_button(
        "Campaign report (HTML)",
        campaign_report(values, events, extras, brand, status),
        file_name=f"{cid}-report.html",
        mime="text/html",
        key=f"export-report-{cid}",
        width="stretch",
    )
    st.caption(f"{md_escape(name)}: {len(assets)} asset(s), {len(withheld)} withheld.")
    chosen = st.selectbox(
        "Preview",
        [a["id"] for a in assets],
        key=f"ship-asset-{cid}",
        format_func=lambda i: _label(values, i, withheld),
    )
    asset = (values.get("assets") or {})[chosen]
    render_asset_preview(values, asset, extras, brand)
    _versions(cid, values, str(chosen))
    st.markdown("**Calendar** (each slot in its region's time zone)")
    rows = timeline_rows(values)
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True)
    else:
        st.caption("No programs planned yet.")


def _label(values: Mapping[str, Any], aid: str, withheld: set[str]) -> str:
    a = (values.get("assets") or {})[aid]
    return f"{a['channel']} / {a['region']} / variant {a['variant']} (v{a['version']})" + (
        " · withheld" if aid in withheld else ""
    )


def _versions(cid: str, values: Mapping[str, Any], aid: str) -> None:
    versions = history(values.get("asset_versions") or {}, aid)
    with st.expander(f"Versions ({len(versions)})", icon=":material/history:"):
        if len(versions) < 2:
            st.caption("One version so far.")
        for v in versions:
            st.caption(
                f"v{v.version} by {md_escape(v.author)}"
                + (f" · {md_escape('; '.join(v.notes))}" if v.notes else "")
            )
        if len(versions) >= 2:
            nums = [v.version for v in versions]
            a, b = st.columns(2)
            old = a.selectbox("From", nums, index=len(nums) - 2, key=f"diff-a-{cid}-{aid}")
            new = b.selectbox("To", nums, index=len(nums) - 1, key=f"diff-b-{cid}-{aid}")
            by = {v.version: v for v in versions}
            lines = diff_lines(by[old].fields, by[new].fields)
            if not lines:
                st.caption("No difference.")
            for field, op, text in lines:
                shown = md_escape(text)
                st.markdown(
                    f"`{field}` "
                    + (
                        f":red-background[~~{shown}~~]"
                        if op == "-"
                        else f":green-background[{shown}]"
                        if op == "+"
                        else shown
                    )
                )
            st.caption("To restore a version, choose 'Restore vN' for this asset on the review card.")
