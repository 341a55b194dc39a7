"""Liftoff's app: chat a brief, watch the agents, approve, launch, follow the lift.

Thin on purpose: it renders campaign state and sends commands. Runs happen in background workers
(``graph.runtime.live``), what the page shows comes from ``graph.views`` (the sidebar from
``graph.views.sidebar_panel``, the campaign tabs from ``graph.views.campaign_tabs``), rights from
``graph.runtime.access``, and operator controls from ``graph.runtime.controls``. Untrusted text (briefs, copy,
reasons) is shown with ``st.text``/``st.code`` or Markdown-escaped, never as HTML. Start it with ``make run``.
"""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

from graph.contracts.network import apply_offline_defaults
from graph.runtime.access import Access, local_user, resolve_access
from graph.runtime.controls import set_kill_switch
from graph.runtime.errors import ErrorView, explain
from graph.runtime.first_run import warmup_for
from graph.runtime.live import LiveRuns, Reader, display_status
from graph.runtime.prefs import AppPrefs, PrefsError, apply_prefs, load_prefs
from graph.runtime.runner import CampaignError
from graph.runtime.settings import REPO_ROOT, ConfigError, Settings
from graph.views.brand_page import PAGE as BRANDS_PAGE
from graph.views.brand_page import brand_page, brand_picker
from graph.views.campaign_tabs import render_tabs
from graph.views.chat import conversation
from graph.views.decide import CardContext, render_review
from graph.views.firstrun import render_first_run
from graph.views.review import decision_payload, review_card
from graph.views.safety import autonomy_lines, covering, switch_off_line
from graph.views.ships import preview_brand, render_asset_preview
from graph.views.sidebar_panel import render_sidebar
from graph.views.steps import StepView, build_steps, running_label
from graph.views.text import md_escape, status_view
from graph.views.widgets import POLL_S, act, command, command_error, show_error

RECENT_STEPS = 8
EXAMPLES = REPO_ROOT / "examples" / "briefs"


@st.cache_resource(show_spinner=False)
def _runs() -> LiveRuns:
    return LiveRuns()


@st.cache_resource(show_spinner=False, max_entries=16)
def _reader(key: str, _settings: Settings) -> Reader:
    return Reader(_settings)


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
        job = act(runs.start, reader, settings, text, st.session_state.get("brand") or settings.brand)
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
            show_error(job.error)
        else:
            show_error(explain(exc))
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
        show_error(job.error)
    elif status == "failed":
        st.error(f"**Failed**: {md_escape(result.reason or 'see the event stream')}")
    if status in ("failed", "interrupted") and nxt and not running:
        st.warning(
            "This campaign stopped before it finished. It resumes from its last checkpoint; nothing "
            "already published is sent again."
        )
        clicked = st.button("Resume where it stopped", type="primary", disabled=not access.can_approve)
        if clicked and act(runs.resume, reader, settings, cid, None):
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
        decision = act(lambda: decision_payload("answer", access.identity or "", answer=text))
        if decision and act(runs.resume, reader, settings, cid, decision):
            st.rerun()
    elif text:
        _start(text, settings, access, reader, runs)
    render_tabs(cid, result.trace_id, values, settings, reader, runs)


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
        ) and act(runs.cycle, reader, settings, cid, "optimize", int(days)):
            st.rerun()
        if report_col.button(
            "Refresh scorecard", key=f"report-{cid}", width="stretch", disabled=not access.can_approve
        ) and act(runs.cycle, reader, settings, cid, "report", 1):
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
    extras, brand = preview_brand(values, reader)
    ctx = CardContext(
        cid,
        len(values.get("decisions") or []),
        access.identity or "",
        access.can_approve,
        access.reason,
        lambda d: act(runs.resume, reader, settings, cid, d) is not None,
        lambda asset: render_asset_preview(values, asset, extras, brand),
    )
    render_review(pending, values, ctx)


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
                on_click=command,
                args=(f"held-{cid}", runs.publish_held, reader, settings, cid, access.identity or ""),
            )
    command_error(f"held-{cid}")
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
                on_click=command,
                args=(f"release-{cid}", set_kill_switch, reader.campaigns.services, False),
                kwargs={
                    "channel": scope.get("channel"),
                    "region": scope.get("region"),
                    "actor": access.identity or "",
                },
            )
    command_error(f"release-{cid}")
    if not shown:
        st.caption(f":material/power_settings_new: {md_escape(switch_off_line(states, values))}")


# ---------------------------------------------------------------------------------------------------- main
def main() -> None:
    """Render the page."""
    apply_offline_defaults()
    st.set_page_config(page_title="Liftoff", page_icon="🚀", layout="wide")
    try:
        base = Settings.from_env()
    except ConfigError as exc:
        show_error(
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
    render_sidebar(settings, prefs, access, reader, runs, current)
    if current:
        _campaign(current, settings, access, reader, runs)
    elif st.query_params.get("page") == BRANDS_PAGE:
        brand_page(settings, access.can_approve)
    else:
        _new_campaign(settings, access, reader, runs)


main()
