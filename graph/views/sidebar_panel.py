"""The app's sidebar: sign-in, the campaign list, the model picker, the autonomy dial and the kill-switch.

Streamlit rendering only; what the dial and the picker show comes from :mod:`graph.views.sidebar`, preferences are
saved and the kill-switch set through :mod:`graph.runtime.controls`. Untrusted text is Markdown-escaped.
"""

from __future__ import annotations

import streamlit as st

from graph.contracts import CHANNELS, REGIONS
from graph.runtime.access import Access
from graph.runtime.controls import save_preferences, set_kill_switch
from graph.runtime.live import LiveRuns, Reader
from graph.runtime.prefs import AppPrefs, PrefsError
from graph.runtime.settings import Settings
from graph.views.brand_page import PAGE as BRANDS_PAGE
from graph.views.brand_page import open_brand_page
from graph.views.sidebar import autonomy_dial, engine_note
from graph.views.text import md_escape, status_view
from graph.views.widgets import command, command_error

ENGINES = {
    "offline": "Offline rules engine (not an LLM)",
    "provider": "provider:model",
    "server": "OpenAI-compatible server (base URL)",
}


def render_sidebar(
    settings: Settings, prefs: AppPrefs, access: Access, reader: Reader, runs: LiveRuns, current: str | None
) -> None:
    """The sidebar; ``current`` is the open campaign (its entry is highlighted), ``None`` on the other pages."""
    with st.sidebar:
        st.title(":material/rocket_launch: Liftoff")
        if access.needs_login:
            st.warning("Sign in to start campaigns and approve.")
            st.button("Sign in", on_click=st.login, width="stretch")
        else:
            role = "approver" if access.can_approve else f"viewer ({access.reason})"
            st.caption(f"Signed in as **{md_escape(access.identity)}**, {md_escape(role)}")
            if access.source == "login":
                st.button("Sign out", on_click=st.logout)
        if st.button(
            "New campaign",
            icon=":material/add:",
            width="stretch",
            type="primary" if not current else "secondary",
        ):
            st.query_params.clear()
            st.rerun()
        st.button(
            "Brands",
            icon=":material/library_books:",
            on_click=open_brand_page,
            width="stretch",
            key="sidebar-brands",
            type="primary" if st.query_params.get("page") == BRANDS_PAGE else "secondary",
        )
        st.subheader("Campaigns")
        summaries = reader.summaries()
        if not summaries:
            st.caption("No campaigns yet: chat a brief to start one.")
        for s in summaries[:50]:
            job = runs.job(settings, s.campaign_id)
            view = status_view("running" if job is not None and job.alive else s.status)
            label = f"{view.icon} {md_escape(s.title or s.campaign_id)}"
            if st.button(
                label,
                key=f"open-{s.campaign_id}",
                width="stretch",
                help=f"{s.campaign_id}: {view.label}",
                type="primary" if s.campaign_id == current else "tertiary",
            ):
                st.query_params["campaign"] = s.campaign_id
                st.rerun()
        _model_picker(settings, prefs, access, reader)
        _autonomy_dial(settings, prefs, access, reader)
        _kill_switch(access, reader)


def _model_picker(settings: Settings, prefs: AppPrefs, access: Access, reader: Reader) -> None:
    with st.expander("Model", icon=":material/psychology:"):
        engine = (
            "offline"
            if settings.model == "offline"
            else ("server" if settings.openai_base_url else "provider")
        )
        choice = st.radio(
            "Engine", list(ENGINES), index=list(ENGINES).index(engine), format_func=ENGINES.get, key="engine"
        )
        spec, base = "offline", ""
        if choice == "provider":
            spec = st.text_input(
                "provider:model",
                value="" if engine == "offline" else settings.model,
                placeholder="openai:gpt-4o-mini",
                help="API keys come from the environment.",
            )
        elif choice == "server":
            base = st.text_input(
                "Base URL", value=settings.openai_base_url or "", placeholder="http://127.0.0.1:8080/v1"
            )
            spec = st.text_input("Model name", value="" if engine == "offline" else settings.model)
        if engine_note(choice):
            st.caption(md_escape(engine_note(choice)))
        if st.button("Use this model", disabled=not access.can_approve, key="save-model"):
            if not spec.strip():
                st.error("Enter a model name first (e.g. openai:gpt-4o-mini), or pick the offline engine.")
            elif _save(
                reader,
                settings,
                AppPrefs(model=spec.strip(), openai_base_url=base.strip(), autonomy=prefs.autonomy),
                prefs,
                access,
            ):
                st.rerun()
        st.caption(
            f"Now: {md_escape(settings.model)}"
            + (f" at {md_escape(settings.openai_base_url)}" if settings.openai_base_url else "")
        )


def _save(reader: Reader, settings: Settings, new: AppPrefs, prefs: AppPrefs, access: Access) -> bool:
    try:
        save_preferences(
            reader.campaigns.services, settings.home, new, actor=access.identity or "", previous=prefs
        )
    except PrefsError as exc:
        st.error(md_escape(exc))
        return False
    return True


def _autonomy_dial(settings: Settings, prefs: AppPrefs, access: Access, reader: Reader) -> None:
    with st.expander("Autonomy dial", icon=":material/tune:"):
        dial = autonomy_dial(settings.autonomy)
        default = st.select_slider(
            "Default level",
            options=list(dial.levels),
            value=dial.default,
            key="autonomy-default",
            help="manual: you approve every launch, exception and budget change. assisted: you "
            "decide exceptions and large budget changes. auto: budget changes inside caps "
            "apply on their own. Unsupported claims always go to a human.",
        )
        scoped = dial.scoped
        extra = st.text_input(
            "Per channel / region / segment",
            value=scoped,
            key="autonomy-scoped",
            placeholder="sms=manual,email:EU=manual,segment:lapsed=manual",
        )
        if st.button("Set autonomy", disabled=not access.can_approve, key="save-autonomy"):
            spec = ",".join(filter(None, [f"default={default}", extra.strip()]))
            new = AppPrefs(model=prefs.model, openai_base_url=prefs.openai_base_url, autonomy=spec)
            if _save(reader, settings, new, prefs, access):
                st.rerun()
        st.caption(f"Now: {md_escape(settings.autonomy)}")


def _kill_switch(access: Access, reader: Reader) -> None:
    switch = reader.campaigns.services.kill_switch
    engaged = [s for s in switch.states() if s.engaged]  # read at every run: never a cached value
    with st.expander(
        f"Kill-switch ({len(engaged)} on)" if engaged else "Kill-switch",
        icon=":material/power_settings_new:",
        expanded=bool(engaged),
    ):
        for s in engaged:
            st.error(
                f"ON: {md_escape(s.scope)} by {md_escape(s.actor)}"
                + (f": {md_escape(s.reason)}" if s.reason else "")
            )
        scope = st.radio("Scope", ["global", "channel", "region"], horizontal=True, key="ks-scope")
        if scope == "channel":
            st.selectbox("Channel", CHANNELS, key="ks-channel")
        if scope == "region":
            st.selectbox("Region", REGIONS, key="ks-region")
        st.text_input("Reason", key="ks-reason")
        on, off = st.columns(2)
        for col, value, label in ((on, True, "Engage"), (off, False, "Release")):
            col.button(
                label,
                key=f"ks-{label}",
                disabled=not access.can_approve,
                width="stretch",
                on_click=command,
                args=("sidebar-switch", _sidebar_switch, reader, value, access.identity or ""),
            )
        command_error("sidebar-switch")
        if not access.can_approve:
            st.caption("Only approvers can use the kill-switch.")


def _sidebar_switch(reader: Reader, engaged: bool, actor: str) -> None:
    """Engage or release the scope picked in the sidebar (its widgets' values, read when the button is pressed)."""
    scope = st.session_state.get("ks-scope", "global")
    set_kill_switch(
        reader.campaigns.services,
        engaged,
        actor=actor,
        reason=str(st.session_state.get("ks-reason") or ""),
        channel=st.session_state.get("ks-channel") if scope == "channel" else None,
        region=st.session_state.get("ks-region") if scope == "region" else None,
    )
