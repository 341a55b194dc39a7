"""Liftoff's app: chat a brief, watch the agents, approve, launch, follow the lift.

Thin on purpose: it renders campaign state and sends commands. Runs happen in background workers
(``graph.runtime.live``), what the page shows comes from ``graph.views``, rights from ``graph.runtime.access``, and
operator controls from ``graph.runtime.controls``. Untrusted text (briefs, copy, reasons) is shown with
``st.text``/``st.code`` or Markdown-escaped, never as HTML. Start it with ``make run``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from graph.contracts import CHANNELS, REGIONS
from graph.contracts.network import apply_offline_defaults
from graph.runtime.access import Access, local_user, resolve_access
from graph.runtime.controls import CONTROL_TRACE, save_preferences, set_kill_switch
from graph.runtime.errors import ErrorView, explain
from graph.runtime.first_run import warmup_for
from graph.runtime.live import LiveRuns, Reader, display_status
from graph.runtime.prefs import AppPrefs, PrefsError, apply_prefs, load_prefs
from graph.runtime.runner import CampaignError
from graph.runtime.settings import REPO_ROOT, ConfigError, Settings
from graph.views.brand_page import PAGE as BRANDS_PAGE
from graph.views.brand_page import brand_page, brand_picker, open_brand_page
from graph.views.brief_echo import echo_tables
from graph.views.chat import conversation
from graph.views.decide import CardContext, render_review
from graph.views.exports import extras_for
from graph.views.firstrun import render_first_run
from graph.views.plan import asset_views, blueprint_tables, governance_tables, list_tables
from graph.views.review import decision_payload, review_card
from graph.views.safety import autonomy_lines, covering, switch_off_line
from graph.views.scorecard import current_budgets, current_scorecard, scorecard_view
from graph.views.ships import render_asset_preview, render_ships
from graph.views.sidebar import autonomy_dial, engine_note
from graph.views.steps import StepView, build_steps, running_label
from graph.views.text import md_escape, status_view
from graph.views.trail import audit_rows, event_rows, event_types, to_jsonl

POLL_S = 1.0
RECENT_STEPS = 8
EXAMPLES = REPO_ROOT / "examples" / "briefs"
ENGINES = {
    "offline": "Offline rules engine (not an LLM)",
    "provider": "provider:model",
    "server": "OpenAI-compatible server (base URL)",
}


@st.cache_resource(show_spinner=False)
def _runs() -> LiveRuns:
    return LiveRuns()


@st.cache_resource(show_spinner=False, max_entries=16)
def _reader(key: str, _settings: Settings) -> Reader:
    return Reader(_settings)


def _table(rows: list[dict[str, Any]], empty: str) -> None:
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True)
    else:
        st.caption(empty)


def _show_error(err: ErrorView) -> None:
    st.error(f"**{md_escape(err.title)}**: {md_escape(err.detail)}  \n{md_escape(err.hint)}")


def _act(fn: Any, *args: Any) -> Any:
    """Run a command; show a readable error instead of a stack trace (nothing is lost on failure)."""
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - every failure is shown as a message with what to do
        _show_error(explain(exc))
        return None


def _command(slot: str, fn: Callable[..., object], *args: object, **kwargs: object) -> None:
    """A button's ``on_click``: run the command BEFORE the page is drawn, so every part of the page (sidebar,
    campaign banner, held programs) reads the state it left. A failure is kept for :func:`_command_error`."""
    try:
        fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - every failure is shown as a message with what to do
        st.session_state[f"command-error-{slot}"] = explain(exc)


def _command_error(slot: str) -> None:
    """Show, where its button is, why the last command of ``slot`` failed (once)."""
    err = st.session_state.pop(f"command-error-{slot}", None)
    if isinstance(err, ErrorView):
        _show_error(err)


# ---------------------------------------------------------------------------------------------------- sidebar
def _sidebar(
    settings: Settings, prefs: AppPrefs, access: Access, reader: Reader, runs: LiveRuns, current: str | None
) -> None:
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
                on_click=_command,
                args=("sidebar-switch", _sidebar_switch, reader, value, access.identity or ""),
            )
        _command_error("sidebar-switch")
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


# ---------------------------------------------------------------------------------------------------- pages
def _new_campaign(settings: Settings, access: Access, reader: Reader, runs: LiveRuns) -> None:
    st.header("What are we launching?")
    st.markdown(
        "Chat a brief in plain language: product, budget, goal, audience, channels, regions and dates. "
        "The Planner asks when something essential is missing; you approve anything risky."
    )
    st.info(
        "**Autonomy dial** (sidebar): "
        + "  \n".join(md_escape(line) for line in autonomy_lines(settings.autonomy)),
        icon=":material/tune:",
    )
    if settings.model == "offline":
        st.info(
            "Model: **offline** rules engine, not an LLM. It composes copy only from approved claims. "
            "Pick a real model in the sidebar.",
            icon=":material/info:",
        )
    brand_picker(settings)  # every brand found, and the way to add one (graph/views/brand_page.py)
    examples = sorted(EXAMPLES.glob("*.md")) if EXAMPLES.is_dir() else []
    if examples:
        with st.expander("Example brief"):
            path = (
                examples[0]
                if len(examples) == 1
                else st.selectbox("Example", examples, format_func=lambda p: p.stem.replace("-", " "))
            )
            example = path.read_text(encoding="utf-8")
            st.code(example, language=None, wrap_lines=True)
            if st.button("Run this example", disabled=not access.can_approve):
                _start(example, settings, access, reader, runs)
    text = st.chat_input("Describe the campaign...", key="brief-input", disabled=not access.can_approve)
    if text:
        _start(text, settings, access, reader, runs)


def _start(text: str, settings: Settings, access: Access, reader: Reader, runs: LiveRuns) -> None:
    with st.spinner("Checking the model and the brand library..."):
        job = _act(runs.start, reader, settings, text, st.session_state.get("brand") or settings.brand)
    if job is None:
        st.caption("Your brief, kept so you can fix and resend it:")
        st.code(text, language=None, wrap_lines=True)
        return
    st.query_params["campaign"] = job.thread_id
    st.rerun()


def _campaign(cid: str, settings: Settings, access: Access, reader: Reader, runs: LiveRuns) -> None:
    job = runs.job(settings, cid)
    if job is not None:
        job.poll()
    try:
        result = reader.result(cid)
    except CampaignError as exc:
        if job is not None and job.alive:
            st.status("Starting the campaign...", state="running")
            st.fragment(
                lambda: st.rerun() if not job.alive or _exists(reader, cid) else None, run_every=POLL_S
            )()
        elif job is not None and job.error:
            _show_error(job.error)
        else:
            _show_error(explain(exc))
        return
    values = result.values
    nxt = reader.next_nodes(cid)
    status = display_status(result, job, nxt)
    view = status_view(status)
    title = (values.get("blueprint") or {}).get("campaign_name") or "New campaign"
    st.header(f"{view.icon} {md_escape(title)}")
    st.caption(
        f"{md_escape(view.label)} · campaign `{cid}` · trace `{result.trace_id}` · model "
        f"{md_escape(settings.model)}"
        + (" (rules engine, not an LLM)" if settings.model == "offline" else "")
    )
    _switches(values, access, reader, None if job is not None and job.alive else runs, settings)
    for role, said in conversation(values):
        with st.chat_message(role, avatar=":material/help:" if role == "assistant" else None):
            st.text(said)
    with st.chat_message("assistant", avatar=":material/rocket_launch:"):
        live = job is not None and job.alive
        if job is not None and live:
            st.session_state["watching"] = (cid, job.started_at)
            st.session_state["seen-nodes"] = (cid, job.started_at, len(job.nodes))
        st.fragment(_steps, run_every=POLL_S if live else None)(cid, settings, reader, runs)
    running = job is not None and job.alive
    if job is not None and job.error and not running and status not in ("launched", "awaiting_approval"):
        _show_error(job.error)
    elif status == "failed":
        st.error(f"**Failed**: {md_escape(result.reason or 'see the event stream')}")
    if status in ("failed", "interrupted") and nxt and not running:
        st.warning(
            "This campaign stopped before it finished. It resumes from its last checkpoint; nothing "
            "already published is sent again."
        )
        clicked = st.button("Resume where it stopped", type="primary", disabled=not access.can_approve)
        if clicked and _act(runs.resume, reader, settings, cid, None):
            st.rerun()
    if status == "launched" and not running:
        _follow(cid, values, settings, access, reader, runs)
    if result.pending_review and not running:
        _review(cid, result.pending_review, values, settings, access, reader, runs)
    prompt = (
        "Answer the Planner's question..."
        if status == "needs_input"
        else "Chat a new brief to start another campaign..."
    )
    text = st.chat_input(prompt, key=f"chat-{cid}", disabled=not access.can_approve or running)
    if text and status == "needs_input":
        decision = _act(lambda: decision_payload("answer", access.identity or "", answer=text))
        if decision and _act(runs.resume, reader, settings, cid, decision):
            st.rerun()
    elif text:
        _start(text, settings, access, reader, runs)
    _tabs(cid, result.trace_id, values, settings, reader, runs)


def _follow(
    cid: str, values: dict[str, Any], settings: Settings, access: Access, reader: Reader, runs: LiveRuns
) -> None:
    """Keep a launched campaign going: more simulated days of the Optimizer, or a fresh scorecard."""
    with st.container(border=True):
        st.markdown(
            "**Follow the lift**: run more days of the Optimizer (budget moves inside the caps; large "
            "ones come back to you), or refresh the scorecard."
        )
        days_col, run_col, report_col = st.columns([1, 2, 2], vertical_alignment="bottom")
        days = days_col.number_input("Days", min_value=1, max_value=14, value=1, key=f"days-{cid}")
        has_optimizer = "optimizer" in (values.get("agents") or values.get("agents_run") or [])
        if run_col.button(
            "Run optimizer days",
            key=f"cycle-{cid}",
            width="stretch",
            disabled=not access.can_approve or not has_optimizer,
        ) and _act(runs.cycle, reader, settings, cid, "optimize", int(days)):
            st.rerun()
        if report_col.button(
            "Refresh scorecard", key=f"report-{cid}", width="stretch", disabled=not access.can_approve
        ) and _act(runs.cycle, reader, settings, cid, "report", 1):
            st.rerun()


def _exists(reader: Reader, cid: str) -> bool:
    try:
        reader.result(cid)
    except CampaignError:
        return False
    return True


def _steps(cid: str, settings: Settings, reader: Reader, runs: LiveRuns) -> None:
    job = runs.job(settings, cid)
    if job is not None:
        job.poll()
    result = reader.result(cid)
    steps = build_steps(reader.events(result.trace_id), result.values)
    older, recent = steps[:-RECENT_STEPS], steps[-RECENT_STEPS:]
    if older:
        with st.expander(f"Earlier steps ({len(older)})", icon=":material/history:"):
            for step in older:
                _step(step)
    for step in recent:
        _step(step)
    if job is not None and job.alive:
        seen = st.session_state.get("seen-nodes")
        if seen is not None and seen[:2] == (cid, job.started_at) and seen[2] < len(job.nodes):
            reader.invalidate()
            st.rerun()  # an agent finished: refresh the whole page (header, tabs, sidebar), not just this block
        label = (
            "Waiting for another campaign to finish..."
            if job.state == "queued"
            else running_label(reader.next_nodes(cid))
        )
        st.status(md_escape(label), state="running")
    elif st.session_state.get("watching") == (cid, getattr(job, "started_at", None)):
        st.session_state["watching"] = None
        reader.invalidate()
        st.rerun()  # the run ended: redraw the whole page (review card, tabs, status)


def _step(step: StepView) -> None:
    """A finished agent stage: a status-style block (st.status itself pauses 50 ms per call, so not used here)."""
    icon = (
        ":material/error:"
        if step.state == "error"
        else (":material/warning:" if step.attention else ":material/check_circle:")
    )
    with st.expander(md_escape(step.label), icon=icon):
        for line in step.lines:
            st.text(line)


def _review(
    cid: str,
    pending: dict[str, Any],
    values: dict[str, Any],
    settings: Settings,
    access: Access,
    reader: Reader,
    runs: LiveRuns,
) -> None:
    card = review_card(pending)
    if card.kind == "clarify":
        with st.chat_message("assistant", avatar=":material/help:"):
            st.markdown(f"**{md_escape(card.title)}**")
            for item in card.items:
                st.text(item.heading)
            st.caption("Answer in your own words in the chat box below.")
        return
    extras, brand = _brand(values, reader)
    ctx = CardContext(
        cid,
        len(values.get("decisions") or []),
        access.identity or "",
        access.can_approve,
        access.reason,
        lambda d: _act(runs.resume, reader, settings, cid, d) is not None,
        lambda asset: render_asset_preview(values, asset, extras, brand),
    )
    render_review(pending, values, ctx)


def _brand(values: dict[str, Any], reader: Reader) -> tuple[Any, str]:
    """The brand library's sending details and name (previews degrade to 'missing' notes without a library)."""
    try:
        library = reader.campaigns.services.library(values.get("brand") or reader.settings.brand)
    except Exception:  # noqa: BLE001 - a library that no longer loads: previews show what is missing
        return extras_for(None), str(values.get("brand") or "")
    return extras_for(library.path), library.name


def _switches(
    values: dict[str, Any],
    access: Access,
    reader: Reader,
    runs: LiveRuns | None = None,
    settings: Settings | None = None,
) -> None:
    """Kill-switch state on the campaign page: what it blocks here, the release for approvers, and publishing
    what it held back once released."""
    switch = reader.campaigns.services.kill_switch
    cid = str(values.get("campaign_id"))
    held = [p for p in (values.get("programs") or {}).values() if p.get("status") == "blocked"]
    if held and runs is not None and settings is not None:
        st.warning(
            f"{len(held)} program(s) held back by the kill-switch: "
            + md_escape(", ".join(sorted({f"{p['channel']}/{p['region']}" for p in held})))
        )
        if access.can_approve:
            st.button(
                "Publish what the kill-switch held back",
                type="primary",
                key=f"held-{cid}",
                on_click=_command,
                args=(f"held-{cid}", runs.publish_held, reader, settings, cid, access.identity or ""),
            )
    _command_error(f"held-{cid}")
    states = switch.states()  # read at every run, after any button's command: never a cached value
    shown = covering(states, values)
    for s in shown:
        st.error(
            f":material/power_settings_new: **Kill-switch ON ({md_escape(s.scope)})** by {md_escape(s.actor)}"
            + (f": {md_escape(s.reason)}" if s.reason else "")
            + f". Blocks publishing and spend increases "
            f"for {md_escape(', '.join(s.covers))}."
        )
        scope = dict(p.split(":", 1) for p in s.scope.split("|") if ":" in p)
        if access.can_approve:
            st.button(
                f"Release kill-switch ({s.scope})",
                key=f"ks-release-{s.scope}",
                on_click=_command,
                args=(f"release-{cid}", set_kill_switch, reader.campaigns.services, False),
                kwargs={
                    "channel": scope.get("channel"),
                    "region": scope.get("region"),
                    "actor": access.identity or "",
                },
            )
    _command_error(f"release-{cid}")
    if not shown:
        st.caption(f":material/power_settings_new: {md_escape(switch_off_line(states, values))}")


# ---------------------------------------------------------------------------------------------------- tabs
def _tabs(
    cid: str, trace_id: str, values: dict[str, Any], settings: Settings, reader: Reader, runs: LiveRuns
) -> None:
    plan, ships, assets, lists, gov, score, trail = st.tabs(
        ["Blueprint", "What ships", "Assets", "Lists", "Governance", "Scorecard", "Events & audit"]
    )
    with ships:
        extras, brand = _brand(values, reader)
        render_ships(cid, values, reader.events(trace_id), extras, brand, str(values.get("status", "")))
    with plan:
        _blueprint(values.get("blueprint"), current_budgets(reader.events(trace_id)))
        _brief_echo(values.get("brief"))
    with assets:
        _assets(values)
    with lists:
        _lists(values.get("lists") or {})
    with gov:
        _governance(values.get("pass_report"))
    with score:
        job = runs.job(settings, cid)
        st.fragment(_scorecard, run_every=POLL_S if job is not None and job.alive else None)(cid, reader)
    with trail:
        _trail(trace_id, reader)


def _blueprint(bp: dict[str, Any] | None, current: dict[str, float]) -> None:
    if not bp:
        st.caption("The Planner has not written the blueprint yet.")
        return
    t = blueprint_tables(bp, current)
    st.subheader(md_escape(bp.get("campaign_name", "")))
    _table(t["summary"], "")
    st.markdown("**Budget split**")
    st.bar_chart(
        pd.DataFrame([{"channel": c["channel"], "budget": c["budget"]} for c in bp.get("channels") or []]),
        x="channel",
        y="budget",
        horizontal=True,
    )
    _table(t["channels"], "No channels.")
    for key, title, empty in (
        ("kpis", "KPI targets", "No KPI targets."),
        ("gates", "KPI gates", "No gates."),
        ("tests", "Tests", "No A/B tests."),
        ("caps", "Hard caps (enforced by the spend ledger)", ""),
    ):
        st.markdown(f"**{title}**")
        _table(t[key], empty)


def _brief_echo(brief: dict[str, Any] | None) -> None:
    t = echo_tables(brief)
    for key, title, empty in (
        ("understood", "Understood from the brief", "Nothing read yet."),
        ("not_used", "Not used (no fact read from these sentences)", "Every sentence was used."),
        ("audience", "Audience -> lists", ""),
        ("problems", "Problems (asked, not fixed)", ""),
        ("assumed", "Assumed (the brief did not say)", ""),
    ):
        if t[key] or empty:
            st.markdown(f"**{title}**")
            _table(t[key], empty)


def _assets(values: dict[str, Any]) -> None:
    views = asset_views(values.get("assets") or {}, values.get("pass_report"), values.get("withheld_assets"))
    if not views:
        st.caption("No assets drafted yet.")
        return
    marks = {
        "supported": ":green[:material/check_circle:]",
        "no_claim": ":gray[:material/remove:]",
        "": ":gray[:material/more_horiz:]",
    }
    for channel in sorted({v.channel for v in views}):
        st.markdown(f"#### {md_escape(channel)}")
        for v in (v for v in views if v.channel == channel):
            with st.expander(f"{md_escape(v.heading)} · {md_escape(v.status)}", expanded=False):
                for name, sentences in v.fields.items():
                    st.markdown(f"**{name}**")
                    for s in sentences:
                        if s.flagged:
                            st.markdown(f":red[:material/cancel:] :red-background[{md_escape(s.text)}]")
                            st.caption(f"{md_escape(s.validator)}: {md_escape(s.reason or s.verdict)}")
                        else:
                            st.markdown(f"{marks.get(s.verdict, marks[''])} {md_escape(s.text)}")
                            if s.claims:
                                st.caption(
                                    f"rests on {md_escape(', '.join(s.claims))}"
                                    + (f": {md_escape(' | '.join(s.evidence))}" if s.evidence else "")
                                )
                st.caption(f"cites: {md_escape(', '.join(v.cited) or 'no claims')}")
                for note in v.notes:
                    st.caption(f"revision: {md_escape(note)}")


def _lists(lists: dict[str, Any]) -> None:
    if not lists:
        st.caption("No lists built yet.")
        return
    t = list_tables(lists)
    st.caption("Counts only: contacts never leave the CRM store.")
    _table(t["channels"], "")
    if t["regions"]:
        st.bar_chart(pd.DataFrame(t["regions"]), x="region", y="eligible", color="channel", stack=False)
    for key, title in (("regions", "Per region"), ("excluded", "Excluded"), ("consent", "Consent basis")):
        st.markdown(f"**{title}**")
        _table(t[key], "None.")


def _governance(report: dict[str, Any] | None) -> None:
    if not report:
        st.caption("Governance has not run yet.")
        return
    t = governance_tables(report)
    if report.get("exceptions"):
        st.warning(
            f"{len(report['exceptions'])} open exception(s), checked against brand library "
            f"{md_escape(report.get('library_version'))} on {md_escape(report.get('check_date'))}."
        )
    else:
        st.success(
            f"Every check passed (library {md_escape(report.get('library_version'))}, "
            f"checked for {md_escape(report.get('check_date'))})."
        )
    _table(t["exceptions"], "No open exceptions.")
    st.markdown("**Unsupported or failing sentences**")
    for row in t["flagged"]:
        st.markdown(f":red-background[{md_escape(row['sentence'])}]")
        st.caption(
            f"{md_escape(row['subject'])} · {md_escape(row['validator'])}: {md_escape(row['reason'])}"
            + (
                f" · approved wording: {md_escape(row['approved wording'])}"
                if row["approved wording"]
                else ""
            )
        )
    if not t["flagged"]:
        st.caption("None in the latest report.")
    st.markdown("**Every check**")
    _table(t["results"], "")


def _scorecard(cid: str, reader: Reader) -> None:
    result = reader.result(cid)
    events = reader.events(result.trace_id)
    card, live = current_scorecard(result.values, events)
    view = scorecard_view(
        card, events, live=live, currency=(result.values.get("blueprint") or {}).get("currency", "")
    )
    if not card:
        st.caption("The scorecard appears once the campaign is live.")
        return
    if view.live:
        st.caption("Live: computed from the events so far.")
    for row in (view.headline[:4], view.headline[4:]):
        for col, (label, value) in zip(st.columns(len(row)), row, strict=True):
            col.metric(label, value)
    st.markdown("**KPIs vs target**")
    _table(view.kpis, "No KPI targets.")
    if view.kpi_chart:
        st.bar_chart(pd.DataFrame(view.kpi_chart), x="kpi", y="% of target met", horizontal=True)
        st.caption("100% = target met; for lower-is-better KPIs (CPA) the score is target / actual.")
    st.markdown("**Lift vs control holdout**")
    _table(view.lift, "No control data yet.")
    if view.lift_chart:
        st.bar_chart(
            pd.DataFrame(view.lift_chart),
            x="channel",
            y=["treated %", "control %"],
            stack=False,
            y_label="conversion rate (%)",
        )
    st.markdown("**Spend by channel over time (cumulative)**")
    if view.spend_over_time:
        st.line_chart(pd.DataFrame(view.spend_over_time).set_index("day"), y_label="cumulative spend")
    else:
        st.caption("No spend recorded yet.")
    st.markdown("**SLA breaches**")
    _table(view.sla, "None: every item on time.")
    st.markdown("**Escalations to a human**")
    _table(view.escalations, "None.")
    if view.recommendation:
        st.info(md_escape(view.recommendation))


def _trail(trace_id: str, reader: Reader) -> None:
    events = reader.events(trace_id)
    st.markdown(f"**Audit trail** for trace `{trace_id}`")
    _table(audit_rows(events) + audit_rows(reader.events(CONTROL_TRACE)), "No human decisions yet.")
    st.download_button(
        "Download the trace (JSONL)",
        to_jsonl(events),
        file_name=f"{trace_id}.jsonl",
        mime="application/jsonl",
        disabled=not events,
    )
    types = st.multiselect("Event types", event_types(events), key=f"types-{trace_id}")
    st.markdown(f"**Event stream** ({len(events)} events)")
    _table(event_rows(events, types), "No events yet.")


# ---------------------------------------------------------------------------------------------------- main
def main() -> None:
    """Render the page."""
    apply_offline_defaults()
    st.set_page_config(page_title="Liftoff", page_icon="🚀", layout="wide")
    try:
        base = Settings.from_env()
    except ConfigError as exc:
        _show_error(
            ErrorView(
                "Invalid configuration", str(exc), "Fix the environment variable named above and restart."
            )
        )
        st.stop()
    try:
        prefs = load_prefs(base.home)
    except PrefsError as exc:
        st.warning(md_escape(exc))
        prefs = AppPrefs()
    settings = apply_prefs(base, prefs)
    access = resolve_access(dict(st.user.to_dict()), settings.approvers, local_user())
    reader, runs = _reader(repr(settings), settings), _runs()
    render_first_run(warmup_for(settings) if os.environ.get("LIFTOFF_WARMUP", "1") != "0" else None)
    current = st.query_params.get("campaign")
    _sidebar(settings, prefs, access, reader, runs, current)
    if current:
        _campaign(current, settings, access, reader, runs)
    elif st.query_params.get("page") == BRANDS_PAGE:
        brand_page(settings, access.can_approve)
    else:
        _new_campaign(settings, access, reader, runs)


main()
