"""Helpers for the app tests: a small CRM, a fixed check date, and an AppTest that waits for background runs."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from graph.runtime.settings import REPO_ROOT
from tests.graph.conftest import CLEAN_BRIEF, EXAMPLE_BRIEF

APP = REPO_ROOT / "app.py"
__all__ = ["APP", "CHROMIUM", "CHROMIUM_ARGS", "CLEAN_BRIEF", "EXAMPLE_BRIEF", "RUN_TIMEOUT_MS", "serve"]

# ---- the app served for a real browser (the browser tests) ------------------------------------------------------
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RUN_TIMEOUT_MS = 300_000


def free_port() -> int:
    """A free loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(home: Path, log_path: Path, **env: str) -> Iterator[str]:
    """``streamlit run app.py`` on a free loopback port over ``home``; yields its URL; stopped (and its log
    checked for tracebacks) on exit. Skips when Debian's chromium is missing (``make browser-deps``)."""
    if not CHROMIUM.exists():
        pytest.skip(f"Debian chromium is not installed at {CHROMIUM} (make browser-deps installs it)")
    port = free_port()
    full = {
        **os.environ,
        "LIFTOFF_HOME": str(home),
        "LIFTOFF_CRM_CONTACTS": "4000",
        "LIFTOFF_CHECK_DATE": "2026-11-25",
        "PYTHONUNBUFFERED": "1",
        "LIFTOFF_WARMUP": "0",
        **env,
    }
    log = log_path.open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(APP),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO_ROOT,
        env=full,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"streamlit did not start:\n{log_path.read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        assert "Traceback" not in log_path.read_text(), log_path.read_text()


@pytest.fixture
def app_url(liftoff_home: Path, tmp_path: Path) -> Iterator[str]:
    """The app served by ``streamlit run`` with the test's own LIFTOFF_HOME (see :func:`serve`)."""
    with serve(liftoff_home, tmp_path / "streamlit.log") as url:
        yield url


@pytest.fixture
def shots_dir() -> Path:
    """Where browser screenshots go (kept after the run for people and CI artifacts)."""
    out = Path(os.environ.get("LIFTOFF_E2E_DIR", REPO_ROOT / "reports" / "e2e"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(autouse=True)
def small_stores(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Small synthetic CRM and a fixed claims date; clear the app's cached resources around each test."""
    import streamlit as st

    monkeypatch.setenv("LIFTOFF_CRM_CONTACTS", "4000")
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2026-11-25")
    monkeypatch.setenv("LIFTOFF_WARMUP", "0")  # no background first-run work racing the test's own runs
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def open_app(user: dict[str, Any] | None = None, campaign: str | None = None) -> AppTest:
    """Run the app once (optionally as ``user`` and on a campaign's page)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    if user is not None:
        at.user = user
    if campaign:
        at.query_params["campaign"] = campaign
    return at.run()


def plain(text: str) -> str:
    """Undo Markdown escaping (what the reader sees)."""
    return re.sub(r"\\(.)", r"\1", text)


AGENTS = (
    "Planner",
    "Content",
    "Data",
    "Governance",
    "Human review",
    "Channel orchestrator",
    "Optimizer",
    "Analytics",
)


def steps(at: AppTest) -> list[tuple[str, str]]:
    """The agent status blocks as ``(label, icon)``, labels unescaped."""
    return [(plain(e.label), e.icon) for e in at.expander if plain(e.label).startswith(AGENTS)]


def status_labels(at: AppTest) -> list[str]:
    """Labels of the agent status blocks (finished stages), unescaped."""
    return [label for label, _ in steps(at)]


def page_text(at: AppTest) -> str:
    """Every text-like element of the page (for assertions and failure messages)."""
    parts: list[str] = []
    for kind in (
        "header",
        "subheader",
        "markdown",
        "caption",
        "text",
        "code",
        "error",
        "warning",
        "info",
        "success",
    ):
        parts.extend(str(e.value) for e in getattr(at, kind))
    parts.extend(f"[status {s.label} {s.state}]" for s in at.status)
    parts.extend(f"[block {e.label}]" for e in at.expander)
    parts.extend(f"[button {b.label}]" for b in at.button)
    return plain("\n".join(parts))


def status_line(at: AppTest) -> str:
    """The campaign header's status caption ('Awaiting approval · campaign ...')."""
    return plain(next((c.value for c in at.caption if "· campaign `" in c.value), ""))


def settle(at: AppTest, done: Callable[[AppTest], bool], timeout: float = 240) -> AppTest:
    """Rerun the page until ``done`` holds: the graph runs in a background worker, like in the browser."""
    deadline = time.monotonic() + timeout
    while True:
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        if done(at):
            return at
        if time.monotonic() > deadline:
            raise AssertionError(f"page never settled; it shows:\n{page_text(at)}")
        time.sleep(0.3)


def has_status(label: str) -> Callable[[AppTest], bool]:
    """Condition: the campaign header shows this status label."""
    return lambda at: status_line(at).startswith(label)


def launched_or_budget_review(at: AppTest) -> bool:
    """Condition: the campaign launched, waits for its launch approval, or the Optimizer asks to approve a budget
    change."""
    line = status_line(at)
    text = page_text(at)
    return line.startswith("Launched") or (
        line.startswith("Awaiting approval") and ("budget change" in text or "Approve the launch" in text)
    )


def approve_budget_reviews(at: AppTest) -> AppTest:
    """Approve the launch card (whole copy deck shown) and the Optimizer's budget reviews (with their evidence)
    until the campaign is launched. Any other review is a failure here: the caller expected a launch.
    """
    for _ in range(6):
        settle(at, launched_or_budget_review)
        if status_line(at).startswith("Launched"):
            return at
        text = page_text(at)
        assert "Copy deck:" in text or ("The Optimizer proposes moving budget" in text and "->" in text), text
        button(at, "Approve").click().run()
    raise AssertionError("the campaign never launched:\n" + page_text(at))


def approve_until_launched(at: AppTest) -> list[str]:
    """Approve every review card until the campaign is launched; return the card titles seen."""
    seen: list[str] = []
    for _ in range(8):
        settle(at, lambda a: status_line(a).startswith(("Launched", "Awaiting approval")))
        if status_line(at).startswith("Launched"):
            return seen
        seen.append(plain(at.subheader[0].value))
        button(at, "Approve").click().run()
    raise AssertionError("the campaign never launched:\n" + page_text(at))


def button(at: AppTest, label: str) -> Any:
    """The button with this exact label."""
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return found[0]
