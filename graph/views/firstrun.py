"""First-run progress on the page: what the background warm-up is doing (``graph.runtime.first_run``), live."""

from __future__ import annotations

import time

import streamlit as st

from graph.runtime.first_run import Warmup
from graph.views.text import md_escape

ICONS = {
    "pending": ":material/schedule:",
    "running": ":material/progress_activity:",
    "done": ":material/check:",
    "error": ":material/error:",
}


def lines(warm: Warmup) -> list[str]:
    """One line per step: state, label, elapsed seconds and what it produced."""
    now = time.monotonic()
    out = []
    for step in warm.steps:
        took = f" ({step.elapsed(now):.0f} s)" if step.started is not None else ""
        detail = f": {step.detail}" if step.detail else ""
        out.append(f"{step.state}: {step.label}{took}{detail}")
    return out


def render_first_run(warm: Warmup | None) -> None:
    """A live status block while first-run work runs (polls itself; disappears when everything is ready)."""
    if warm is None or warm.done and not any(s.state == "error" for s in warm.steps):
        return
    st.fragment(_block, run_every=1.0 if not warm.done else None)(warm)


def _block(warm: Warmup) -> None:
    if warm.done and not any(s.state == "error" for s in warm.steps):
        st.caption("First-run setup finished.")
        return
    current = warm.current
    label = f"First-run setup: {current.label}" if current else "First-run setup"
    with st.status(md_escape(label), state="error" if warm.done else "running", expanded=True):
        st.progress(
            warm.progress(),
            text=f"{sum(s.state in ('done', 'error') for s in warm.steps)} of {len(warm.steps)} steps",
        )
        for step, line in zip(warm.steps, lines(warm), strict=True):
            st.markdown(f"{ICONS[step.state]} {md_escape(line)}")
        st.caption(
            "You can chat a brief now: the Planner starts at once; agents that need the index wait for it."
        )
