"""The campaign page's tabs: the blueprint with the brief echo, what ships, the assets with their claim links, the
lists (counts only), the governance report, the scorecard and the events with the audit trail.

Streamlit rendering only; the tables come from :mod:`graph.views.plan`, :mod:`graph.views.brief_echo`,
:mod:`graph.views.scorecard` and :mod:`graph.views.trail`. Untrusted text is Markdown-escaped.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from graph.runtime.controls import CONTROL_TRACE
from graph.runtime.live import LiveRuns, Reader
from graph.runtime.settings import Settings
from graph.views.brief_echo import echo_tables
from graph.views.plan import asset_views, blueprint_tables, governance_tables, list_tables
from graph.views.scorecard import current_budgets, current_scorecard, scorecard_view
from graph.views.ships import preview_brand, render_ships
from graph.views.text import md_escape
from graph.views.trail import audit_rows, event_rows, event_types, to_jsonl
from graph.views.widgets import POLL_S, table


def render_tabs(
    cid: str, trace_id: str, values: dict[str, Any], settings: Settings, reader: Reader, runs: LiveRuns
) -> None:
    """The campaign's tabs, in order (the scorecard redraws itself while a run is live)."""
    plan, ships, assets, lists, gov, score, trail = st.tabs(
        ["Blueprint", "What ships", "Assets", "Lists", "Governance", "Scorecard", "Events & audit"]
    )
    with ships:
        extras, brand = preview_brand(values, reader)
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
    table(t["summary"], "")
    st.markdown("**Budget split**")
    st.bar_chart(
        pd.DataFrame([{"channel": c["channel"], "budget": c["budget"]} for c in bp.get("channels") or []]),
        x="channel",
        y="budget",
        horizontal=True,
    )
    table(t["channels"], "No channels.")
    for key, title, empty in (
        ("kpis", "KPI targets", "No KPI targets."),
        ("gates", "KPI gates", "No gates."),
        ("tests", "Tests", "No A/B tests."),
        ("caps", "Hard caps (enforced by the spend ledger)", ""),
    ):
        st.markdown(f"**{title}**")
        table(t[key], empty)


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
            table(t[key], empty)


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
    table(t["channels"], "")
    if t["regions"]:
        st.bar_chart(pd.DataFrame(t["regions"]), x="region", y="eligible", color="channel", stack=False)
    for key, title in (("regions", "Per region"), ("excluded", "Excluded"), ("consent", "Consent basis")):
        st.markdown(f"**{title}**")
        table(t[key], "None.")


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
    table(t["exceptions"], "No open exceptions.")
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
    table(t["results"], "")


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
    table(view.kpis, "No KPI targets.")
    if view.kpi_chart:
        st.bar_chart(pd.DataFrame(view.kpi_chart), x="kpi", y="% of target met", horizontal=True)
        st.caption("100% = target met; for lower-is-better KPIs (CPA) the score is target / actual.")
    st.markdown("**Lift vs control holdout**")
    table(view.lift, "No control data yet.")
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
    table(view.sla, "None: every item on time.")
    st.markdown("**Escalations to a human**")
    table(view.escalations, "None.")
    if view.recommendation:
        st.info(md_escape(view.recommendation))


def _trail(trace_id: str, reader: Reader) -> None:
    events = reader.events(trace_id)
    st.markdown(f"**Audit trail** for trace `{trace_id}`")
    table(audit_rows(events) + audit_rows(reader.events(CONTROL_TRACE)), "No human decisions yet.")
    st.download_button(
        "Download the trace (JSONL)",
        to_jsonl(events),
        file_name=f"{trace_id}.jsonl",
        mime="application/jsonl",
        disabled=not events,
    )
    types = st.multiselect("Event types", event_types(events), key=f"types-{trace_id}")
    st.markdown(f"**Event stream** ({len(events)} events)")
    table(event_rows(events, types), "No events yet.")
