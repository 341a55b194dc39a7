"""End to end in a real headless Chromium: the app as a marketer uses it, from brief to scorecard.

Starts ``streamlit run app.py`` on a free loopback port with its own state directory, drives Debian's
``/usr/bin/chromium`` through Playwright (never ``playwright install``: no browser download), and saves
screenshots under ``reports/e2e/`` (or ``$LIFTOFF_E2E_DIR``).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.runtime.settings import REPO_ROOT
from tests.app.conftest import EXAMPLE_BRIEF

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
RUN_TIMEOUT_MS = 300_000

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def shots_dir() -> Path:
    """Where screenshots go (kept after the run for people and CI artifacts)."""
    out = Path(os.environ.get("LIFTOFF_E2E_DIR", REPO_ROOT / "reports" / "e2e"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def app_url(liftoff_home: Path, tmp_path: Path) -> Iterator[str]:
    """The app served by ``streamlit run`` on a free loopback port, with the test's own LIFTOFF_HOME."""
    if not CHROMIUM.exists():
        pytest.skip(f"Debian chromium is not installed at {CHROMIUM} (make browser-deps installs it)")
    port = _free_port()
    env = {**os.environ, "LIFTOFF_HOME": str(liftoff_home), "LIFTOFF_CRM_CONTACTS": "4000",
           "LIFTOFF_CHECK_DATE": "2026-11-25", "PYTHONUNBUFFERED": "1"}
    log = (tmp_path / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
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
                raise AssertionError(f"streamlit did not start:\n{(tmp_path / 'streamlit.log').read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        text = (tmp_path / "streamlit.log").read_text()
        assert "Traceback" not in text, text


def _shoot(page: Any, anchor: Any, path: Path) -> None:
    """Scroll ``anchor`` to the top of the view, then save a screenshot."""
    anchor.first.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(400)
    page.screenshot(path=path)


def test_brief_to_scorecard_in_a_real_browser(app_url: str, shots_dir: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1300})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            page.goto(app_url)
            expect(page.get_by_text("What are we launching?")).to_be_visible(timeout=60_000)
            expect(page.get_by_test_id("stAlert").filter(has_text="not an LLM")).to_be_visible()
            page.screenshot(path=shots_dir / "01-new-campaign.png")

            box = page.get_by_test_id("stChatInputTextArea")
            box.fill(EXAMPLE_BRIEF.strip())
            box.press("Enter")
            # the agents work live, then the governance exception stops the run for a human
            expect(page.get_by_text(re.compile(r"^Planner: blueprint")).first).to_be_visible(timeout=RUN_TIMEOUT_MS)
            expect(page.get_by_text(re.compile(r"^Awaiting approval ·"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
            expect(page.get_by_text(re.compile(r"governance exception\(s\) need a decision"))).to_be_visible()
            expect(page.get_by_text("99.9%").first).to_be_visible()
            _shoot(page, page.get_by_text(re.compile(r"governance exception\(s\) need a decision")),
                   shots_dir / "02-approval-card.png")

            page.get_by_label("Comment (recorded in the audit trail)").fill("ok with the safe fix")
            page.get_by_role("button", name="Approve", exact=True).click()
            launched = page.get_by_text(re.compile(r"^Launched ·"))
            budget = page.get_by_text(re.compile(r"Approve \d+ budget change|Approve the launch"))  # the launch card, then budget cards
            for n in range(5):  # after launch the Optimizer may ask to approve a large budget change
                expect(launched.or_(budget)).to_be_visible(timeout=RUN_TIMEOUT_MS)
                if launched.is_visible():
                    break
                _shoot(page, budget, shots_dir / f"03-budget-card-{n}.png")
                page.get_by_role("button", name="Approve", exact=True).click()
                expect(budget).to_be_hidden(timeout=RUN_TIMEOUT_MS)
            expect(launched).to_be_visible()
            expect(page.get_by_text(re.compile(r"^Analytics: scorecard"))).to_be_visible()
            _shoot(page, page.get_by_text(re.compile(r"^Launched ·")), shots_dir / "04-launched.png")

            page.get_by_role("tab", name="Scorecard").click()
            expect(page.get_by_test_id("stMetric").filter(has_text="Lift vs control")).to_be_visible()
            expect(page.get_by_text("Spend by channel over time (cumulative)")).to_be_visible()
            _shoot(page, page.get_by_role("tab", name="Scorecard"), shots_dir / "05-scorecard.png")

            page.get_by_role("tab", name="Events & audit").click()
            expect(page.get_by_role("button", name="Download the trace (JSONL)")).to_be_visible()
            _shoot(page, page.get_by_role("tab", name="Events & audit"), shots_dir / "06-audit-trail.png")

            page.reload()  # a refresh loses nothing
            expect(page.get_by_text(re.compile(r"^Launched ·"))).to_be_visible(timeout=60_000)
            body = page.inner_text("body")
            assert "Traceback" not in body
        finally:
            page.screenshot(path=shots_dir / "99-last.png")
            (shots_dir / "99-last.txt").write_text(page.inner_text("body"))
            browser.close()
    assert not errors, errors
