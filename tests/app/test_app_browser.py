"""End to end in a real headless Chromium: the app as a marketer uses it, from brief to scorecard.

Starts ``streamlit run app.py`` on a free loopback port with its own state directory, drives Debian's
``/usr/bin/chromium`` through Playwright (never ``playwright install``: no browser download), and saves
screenshots under ``reports/e2e/`` (or ``$LIFTOFF_E2E_DIR``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.app.conftest import CHROMIUM, CHROMIUM_ARGS, EXAMPLE_BRIEF, RUN_TIMEOUT_MS

pytestmark = pytest.mark.browser


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
            expect(page.get_by_text(re.compile(r"^Planner: blueprint")).first).to_be_visible(
                timeout=RUN_TIMEOUT_MS
            )
            expect(page.get_by_text(re.compile(r"^Awaiting approval ·"))).to_be_visible(
                timeout=RUN_TIMEOUT_MS
            )
            expect(page.get_by_text(re.compile(r"governance exception\(s\) need a decision"))).to_be_visible()
            expect(page.get_by_text("99.9%").first).to_be_visible()
            _shoot(
                page,
                page.get_by_text(re.compile(r"governance exception\(s\) need a decision")),
                shots_dir / "02-approval-card.png",
            )

            page.get_by_label("Comment (recorded in the audit trail)").fill("ok with the safe fix")
            page.get_by_role("button", name="Approve", exact=True).click()
            launched = page.get_by_text(re.compile(r"^Launched ·"))
            budget = page.get_by_text(
                re.compile(r"Approve \d+ budget change|Approve the launch")
            )  # the launch card, then budget cards
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
