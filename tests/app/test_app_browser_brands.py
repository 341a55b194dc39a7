"""Bring your own brand in a real headless Chromium: a library written from the README alone goes through
``liftoff library new`` -> edit -> ``lint`` -> ``test`` -> upload in the app -> lint result -> ingest -> a campaign
launched for it, without restarting the app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.cli import main
from graph.runtime.settings import REPO_ROOT
from tests.app.conftest import CHROMIUM, CHROMIUM_ARGS, RUN_TIMEOUT_MS
from tests.app.test_app_browser import _shoot

pytestmark = pytest.mark.browser

NEW_BRAND = REPO_ROOT / "tests" / "data" / "brands" / "emberbean"
BRIEF = (
    "Launch the Emberbean bean subscription. Budget $30k. Target: coffee lovers. Goal: drive subscriptions. "
    "Email and paid search in the US, December 2026."
)


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_brand_from_the_readme_to_a_campaign_launched_from_the_app(
    app_url: str, shots_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from playwright.sync_api import expect, sync_playwright

    code, out, _ = _cli(capsys, "library", "new", "emberbean", "--dir", str(tmp_path / "mine"))
    path = Path(out.strip())
    assert code == 0
    for name in ("brand.yaml", "claims.yaml"):  # the marketer edits the scaffold into their own library
        (path / name).write_text(
            (path / name).read_text().splitlines()[0] + "\n" + (NEW_BRAND / name).read_text()
        )
    code, _, err = _cli(capsys, "library", "lint", str(path), "--date", "2026-11-25")
    assert code == 0 and "0 error(s)" in err
    code, out, _ = _cli(capsys, "library", "test", str(path), "--json", "--date", "2026-11-25")
    assert code == 0 and json.loads(out)["cases"] > 50

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1300})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            page.goto(app_url)
            expect(page.get_by_text("What are we launching?")).to_be_visible(timeout=60_000)
            page.get_by_role("button", name=re.compile("Brands$")).first.click()
            expect(page.get_by_role("heading", name="Brands")).to_be_visible(timeout=60_000)
            expect(page.get_by_test_id("stMetric").filter(has_text="False-block rate")).to_be_visible(
                timeout=60_000
            )

            slug = page.get_by_role("textbox", name="Brand slug").first
            slug.fill("emberbean")
            slug.press(
                "Enter"
            )  # a Streamlit text input commits on Enter or blur: commit before the next action
            idle = page.get_by_test_id(
                "stStatusWidget"
            )  # shown while the app reruns; a click then can be lost
            expect(idle).to_be_hidden(timeout=60_000)
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
                [str(path / "brand.yaml"), str(path / "claims.yaml")]
            )
            expect(page.get_by_test_id("stFileChipName").filter(has_text="claims.yaml")).to_be_visible(
                timeout=30_000
            )
            expect(idle).to_be_hidden(timeout=60_000)
            page.get_by_role("button", name="Check the files").click()
            verdict = page.get_by_text(re.compile(r"Loads, with warnings to review · 7 claims · 0 errors"))
            expect(verdict).to_be_visible(timeout=60_000)
            _shoot(page, verdict, shots_dir / "brand-01-lint.png")

            page.get_by_role("button", name="Add emberbean and ingest its claims").click()
            expect(page.get_by_text(re.compile(r"Added emberbean: 7 claims ingested"))).to_be_visible(
                timeout=RUN_TIMEOUT_MS
            )
            expect(page.get_by_text("emberbean: self-test")).to_be_visible(timeout=60_000)
            _shoot(page, page.get_by_text("emberbean: self-test"), shots_dir / "brand-02-selftest.png")

            page.get_by_role("button", name="Start a campaign for emberbean").click()
            expect(page.get_by_text("What are we launching?")).to_be_visible(timeout=60_000)
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill(BRIEF)
            box.press("Enter")
            launched = page.get_by_text(re.compile(r"^Launched ·"))
            budget = page.get_by_text(
                re.compile(r"Approve \d+ budget change|Approve the launch")
            )  # the launch card, then budget cards
            for _ in range(5):  # after launch the Optimizer may ask to approve a large budget change
                expect(launched.or_(budget)).to_be_visible(timeout=RUN_TIMEOUT_MS)
                if launched.is_visible():
                    break
                page.get_by_role("button", name="Approve", exact=True).click()
                expect(budget).to_be_hidden(timeout=RUN_TIMEOUT_MS)
            expect(launched).to_be_visible()
            body = page.inner_text("body")
            assert "Emberbean" in body and "Brightwell" not in body and "Traceback" not in body
            _shoot(page, launched, shots_dir / "brand-03-launched.png")
        finally:
            page.screenshot(path=shots_dir / "brand-99-last.png")
            (shots_dir / "brand-99-last.txt").write_text(page.inner_text("body"))
            browser.close()
    assert not errors, errors
