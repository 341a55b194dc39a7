"""The app's brand picker and brand page (Streamlit): every brand found, its lint result and self-test figures,
and "add a brand" by uploading the two files or filling a form, then ingest and start a campaign, all without a
restart.

``app.py`` calls :func:`brand_picker` on the new-campaign page and :func:`brand_page` when the page is
``?page=brands``. Added brands are written to ``$LIFTOFF_HOME/brands/<slug>`` (see :mod:`graph.runtime.brands`) only after
lint finds no error; nothing half-written is left behind. User text is shown with ``st.text``/tables or
Markdown-escaped, never as HTML.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from graph.contracts import REGIONS
from graph.runtime.brand_scaffold import BrandForm, ClaimInput, ScaffoldError, form_texts, write_library
from graph.runtime.brands import added_dir, ingest_library, list_brands, resolve_brand, validate_slug
from graph.runtime.settings import Settings
from graph.views.brands import (
    brand_rows,
    lint_rows,
    lint_summary,
    selftest_class_rows,
    selftest_figures,
    selftest_miss_rows,
)
from graph.views.text import md_escape
from guards.library import BrandLibraryError, load_library
from guards.library_lint import FILES, LintReport, lint_library, lint_sources

PAGE = "brands"
"""``?page=brands`` shows the brand page."""

_START_KEY = "start-brand"


def open_brand_page() -> None:
    """Callback: go to the brand page."""
    st.query_params.clear()
    st.query_params["page"] = PAGE


def _start_campaign_for(slug: str) -> None:
    """Callback: back to the new-campaign page with ``slug`` picked."""
    st.session_state[_START_KEY] = slug
    st.query_params.clear()


def brand_picker(settings: Settings) -> None:
    """The brand select box of the new-campaign page (every brand found) and a link to the brand page."""
    slugs = [e.slug for e in list_brands(settings)]
    chosen = st.session_state.pop(_START_KEY, None)
    if chosen in slugs:
        st.session_state["brand"] = chosen
    elif st.session_state.get("brand") not in slugs:
        st.session_state.pop("brand", None)
    cols = st.columns([4, 1], vertical_alignment="bottom")
    cols[0].selectbox(
        "Brand (its approved claims and rules govern the copy)",
        slugs,
        key="brand",
        help="Every library in LIFTOFF_BRAND_LIBRARY and every brand added in the app.",
    )
    cols[1].button(
        "Brands",
        icon=":material/library_books:",
        on_click=open_brand_page,
        key="open-brands",
        help="Check a brand's library, or add your own brand.",
        width="stretch",
    )


def brand_page(settings: Settings, can_edit: bool) -> None:
    """The brand page: brands found, the selected brand's lint and self-test, and the add-a-brand flow."""
    st.header("Brands")
    added_notice()
    st.markdown(
        "A brand library is what the brand can back: approved claims with evidence, voice, banned terms, "
        "competitors and regional rules (format: `brand_library/README.md`). Campaigns only say what it "
        "approves."
    )
    entries = list_brands(settings)
    rows = brand_rows(entries, settings.library_max_bytes)
    if rows:
        st.dataframe(
            pd.DataFrame([r.__dict__ for r in rows]).rename(columns={"problem": "does not load"}),
            hide_index=True,
        )
    slugs = [e.slug for e in entries]
    if st.session_state.get("pick-next") in slugs:
        st.session_state["brand-page-pick"] = st.session_state.pop("pick-next")
    if slugs:
        slug = st.selectbox("Check a brand", slugs, key="brand-page-pick")
        if slug:
            _brand_detail(slug, settings)
    st.divider()
    _add_brand(settings, can_edit)


# ------------------------------------------------------------------------------------------------ one brand
def _brand_detail(slug: str, settings: Settings) -> None:
    path = resolve_brand(slug, settings)
    report = lint_library(path, max_bytes=settings.library_max_bytes, today=_check_date(settings))
    st.subheader(f"{md_escape(slug)}: lint")
    show_lint(report)
    if not report.ok:
        return
    st.subheader(f"{md_escape(slug)}: self-test")
    st.caption(
        "Variants of every approved claim whose right verdict is known by construction (faithful rewordings "
        "must pass, mutations must be blocked), run through the claims check: how far it can be trusted on "
        "this brand's own claims."
    )
    show_selftest(path, settings)
    st.button(
        f"Start a campaign for {slug}",
        key=f"start-{slug}",
        type="primary",
        on_click=_start_campaign_for,
        args=(slug,),
    )


def show_lint(report: LintReport) -> None:
    """The lint verdict and every problem with file, line and key."""
    if report.ok and not report.warnings:
        st.success(f"No problems · {lint_summary(report)}")
    elif report.ok:
        st.warning(f"Loads, with warnings to review · {lint_summary(report)}")
    else:
        st.error(f"Does not load: fix the errors · {lint_summary(report)}")
    if report.problems:
        st.dataframe(pd.DataFrame(lint_rows(report)), hide_index=True)


def show_selftest(path: Path, settings: Settings) -> None:
    """Run (once per library version and date) and show the self-test figures."""
    try:
        version = load_library(path, max_bytes=settings.library_max_bytes).version
        report = _selftest(str(path), version, _check_date(settings).isoformat())
    except BrandLibraryError as exc:
        st.error(md_escape(f"The self-test cannot run: {exc}"))
        return
    for col, (label, value) in zip(st.columns(4), selftest_figures(report), strict=True):
        col.metric(label, value)
    verdict = "meets" if report.meets_floor else "is below"
    st.caption(
        f"{report.mutations} mutations that must be blocked ({report.blocked_mutations} were), "
        f"{report.faithful} faithful rewordings that must pass ({report.blocked_faithful} were blocked). "
        f"This brand {verdict} the floor (precision and recall ≥ 0.95, false blocks ≤ 5%)."
    )
    with st.expander("Per variant class"):
        st.dataframe(pd.DataFrame(selftest_class_rows(report)), hide_index=True)
    with st.expander(f"Misses ({len(report.misses)})"):
        misses = selftest_miss_rows(report)
        if misses:
            st.dataframe(pd.DataFrame(misses), hide_index=True)
        else:
            st.caption("None.")


@st.cache_data(show_spinner="Running the self-test...", max_entries=32)
def _selftest(path: str, version: str, on: str) -> Any:
    from guards.selftest import run_selftest

    del version  # part of the cache key: a changed library is tested again
    return run_selftest(Path(path), on=date.fromisoformat(on))


def _check_date(settings: Settings) -> date:
    return date.fromisoformat(settings.check_date) if settings.check_date else date.today()


# ------------------------------------------------------------------------------------------------ add a brand
def _add_brand(settings: Settings, can_edit: bool) -> None:
    st.subheader("Add a brand")
    if not can_edit:
        st.caption("Only approvers can add brands.")
        return
    st.caption(
        f"Added brands are kept in {md_escape(added_dir(settings))} and offered in the brand picker at once."
    )
    upload, form = st.tabs(["Upload brand.yaml + claims.yaml", "Fill a form"])
    with upload:
        _upload_flow(settings)
    with form:
        _form_flow(settings)
    pending = st.session_state.get("pending-brand")
    if pending:
        _review_pending(pending, settings)


def _upload_flow(settings: Settings) -> None:
    slug = st.text_input(
        "Brand slug",
        key="upload-slug",
        placeholder="acme-skincare",
        help="Lower-case letters, digits and hyphens; used as --brand SLUG.",
    )
    files = st.file_uploader(
        "brand.yaml and claims.yaml", type=["yaml", "yml"], accept_multiple_files=True, key="upload-files"
    )
    if st.button("Check the files", key="upload-check"):
        texts: dict[str, bytes] = {}
        for f in files or []:
            name = Path(f.name).name.replace(".yml", ".yaml")
            if name in FILES:
                if f.size > settings.library_max_bytes:
                    st.error(md_escape(f"{name} is over the {settings.library_max_bytes:,}-byte limit"))
                    return
                texts[name] = f.getvalue()
        missing = [n for n in FILES if n not in texts]
        if missing:
            st.error(
                f"Upload both files: missing {', '.join(missing)} (the names must be brand.yaml and claims.yaml)."
            )
            return
        _stage(slug, texts, settings)


def _form_flow(settings: Settings) -> None:
    with st.form("brand-form"):
        slug = st.text_input("Brand slug", placeholder="acme-skincare", key="form-slug")
        name = st.text_input("Brand name", key="form-name")
        description = st.text_input("What the brand sells (one line)", key="form-description")
        regions = st.multiselect("Regions it sells in", list(REGIONS), key="form-regions")
        disclaimer = st.text_input(
            "Disclaimer carried by every asset (one short sentence, optional)", key="form-disclaimer"
        )
        competitors = st.text_input(
            "Competitors copy must never name (comma-separated)", key="form-competitors"
        )
        banned = st.text_input("Banned terms (comma-separated)", key="form-banned")
        claims_text = st.text_area(
            "Approved claims, one per line: wording | evidence | regions (optional) | expires (optional)",
            key="form-claims",
            height=160,
            placeholder="Lessons take 10 minutes a day. | Lesson length audit LL-2026 | US, UK\n"
            "Save 20% on your first year until 31 March 2027. | Promo brief P-7 | US | 2027-03-31",
        )
        submitted = st.form_submit_button("Check the brand")
    if not submitted:
        return
    items = claims_from_lines(claims_text)
    form = BrandForm.model_construct(
        slug=slug.strip(),
        name=name.strip(),
        description=description.strip(),
        regions=list(regions),
        disclaimers={r: [disclaimer.strip()] for r in regions if disclaimer.strip()},
        banned_terms=_split(banned),
        competitors=_split(competitors),
        tone=[],
        claims=items,
    )
    if not name.strip():
        st.error("Enter the brand name.")
        return
    if not items:
        st.error("Add at least one approved claim (its wording and its evidence).")
        return
    texts = {k: v.encode("utf-8") for k, v in form_texts(form).items()}
    _stage(slug, texts, settings)


def _stage(slug: str, texts: dict[str, bytes], settings: Settings) -> None:
    """Lint the files before anything is written; keep them for the "Add" click."""
    slug = slug.strip()
    try:
        validate_slug(slug)
    except ValueError as exc:
        st.error(md_escape(exc))
        return
    taken = {e.slug for e in list_brands(settings)}
    if slug in taken:
        st.error(md_escape(f"a brand {slug!r} already exists: pick another slug"))
        return
    report = lint_sources(
        Path(slug), dict(texts), max_bytes=settings.library_max_bytes, today=_check_date(settings)
    )
    st.session_state["pending-brand"] = {"slug": slug, "texts": texts, "ok": report.ok}
    st.session_state["pending-report"] = report


def _review_pending(pending: dict[str, Any], settings: Settings) -> None:
    slug = pending["slug"]
    st.markdown(f"**Lint result for `{md_escape(slug)}`**")
    report = st.session_state.get("pending-report")
    if isinstance(report, LintReport):
        show_lint(report)
    cols = st.columns(2)
    add = cols[0].button(
        f"Add {slug} and ingest its claims", key="pending-add", type="primary", disabled=not pending["ok"]
    )
    if cols[1].button("Discard", key="pending-discard"):
        st.session_state.pop("pending-brand", None)
        st.session_state.pop("pending-report", None)
        st.rerun()
    if not pending["ok"]:
        st.caption("Fix the errors in your files (or the form) and check again; nothing has been written.")
        return
    if add:
        try:
            path = write_library(added_dir(settings) / slug, dict(pending["texts"]))
            library = load_library(path, max_bytes=settings.library_max_bytes)
            with st.spinner("Ingesting the approved claims into the claim index..."):
                result, _ = ingest_library(settings, library)
        except (ScaffoldError, BrandLibraryError) as exc:
            st.error(md_escape(exc))
            return
        st.session_state.pop("pending-brand", None)
        st.session_state.pop("pending-report", None)
        st.session_state["brand-added"] = (slug, result.added, library.version)
        st.session_state["pick-next"] = slug
        st.rerun()


def added_notice() -> None:
    """After a brand is added: say so once, with the ingest counts."""
    added = st.session_state.pop("brand-added", None)
    if added:
        slug, count, version = added
        st.success(
            md_escape(
                f"Added {slug}: {count} claims ingested (library version {version[:12]}). "
                "It is in the brand picker now."
            )
        )


def claims_from_lines(text: str) -> list[ClaimInput]:
    """Claims typed one per line as ``wording | evidence | regions | expires`` (ids made from the wording)."""
    items: list[ClaimInput] = []
    seen: set[str] = set()
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        words = re.findall(r"[a-z0-9]+", parts[0].lower())[:4] or ["claim"]
        base = "-".join(words)[:40].strip("-") or "claim"
        cid, n = base, 2
        while cid in seen:
            cid, n = f"{base}-{n}", n + 1
        seen.add(cid)
        items.append(
            ClaimInput.model_construct(
                id=cid,
                text=parts[0],
                evidence=parts[1] if len(parts) > 1 else "",
                regions=[r.strip().upper() for r in parts[2].split(",") if r.strip()]
                if len(parts) > 2
                else [],
                expires=(parts[3] or None) if len(parts) > 3 else None,
            )
        )
    return items


def _split(text: str) -> list[str]:
    return [s.strip() for s in (text or "").split(",") if s.strip()]
