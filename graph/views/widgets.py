"""Streamlit building blocks shared by the app's pages: a table with its empty note, an error shown as a message
with what to do, and commands whose failure is shown instead of a stack trace (nothing is lost on failure)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from graph.runtime.errors import ErrorView, explain
from graph.views.text import md_escape

POLL_S = 1.0
"""Seconds between redraws of a live part of the page (a running campaign's steps, its live scorecard)."""


def table(rows: list[dict[str, Any]], empty: str) -> None:
    """Rows as a table, or the ``empty`` note (nothing when it is blank) when there are none."""
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True)
    else:
        st.caption(empty)


def show_error(err: ErrorView) -> None:
    """An error as a message: what failed, why, and what to do."""
    st.error(f"**{md_escape(err.title)}**: {md_escape(err.detail)}  \n{md_escape(err.hint)}")


def act(fn: Any, *args: Any) -> Any:
    """Run a command; show a readable error instead of a stack trace (nothing is lost on failure)."""
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - every failure is shown as a message with what to do
        show_error(explain(exc))
        return None


def command(slot: str, fn: Callable[..., object], *args: object, **kwargs: object) -> None:
    """A button's ``on_click``: run the command BEFORE the page is drawn, so every part of the page (sidebar,
    campaign banner, held programs) reads the state it left. A failure is kept for :func:`command_error`."""
    try:
        fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - every failure is shown as a message with what to do
        st.session_state[f"command-error-{slot}"] = explain(exc)


def command_error(slot: str) -> None:
    """Show, where its button is, why the last command of ``slot`` failed (once)."""
    err = st.session_state.pop(f"command-error-{slot}", None)
    if isinstance(err, ErrorView):
        show_error(err)
