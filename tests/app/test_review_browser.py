"""The reviewer in control, in a real headless Chromium: per-asset reject with the rest launching, an edit that
fails a guard coming back intact, the launch card with the whole copy deck and the inbox preview, a budget card
with currency and evidence, and the kill-switch blocking then resuming.

Same harness as ``test_app_browser.py`` (``streamlit run app.py`` on a free port, Debian ``/usr/bin/chromium``).
Campaign states that take simulated days (budget cards, a blocked launch) are prepared in-process first, then
the server starts on the same LIFTOFF_HOME. Run each test alone on a small machine.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from graph.runtime.runner import Campaigns
from graph.runtime.settings import REPO_ROOT
from tests.app.conftest import CHROMIUM, CHROMIUM_ARGS, CLEAN_BRIEF, EXAMPLE_BRIEF, RUN_TIMEOUT_MS, serve
from tests.app.test_app_browser import _shoot
from tests.graph.conftest import make_settings

pytestmark = pytest.mark.browser


def _close(c: Campaigns) -> None:
    """Close this process's stores (DuckDB allows one process at a time) before the app server opens them."""
    from graph.runtime.services import release

    c.close()
    release(c.settings)


@contextmanager
def browser_page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1300})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            yield page
        finally:
            out = Path(os.environ.get("LIFTOFF_E2E_DIR", REPO_ROOT / "reports" / "e2e"))
            out.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=out / "review-last.png")
            (out / "review-last.txt").write_text(page.inner_text("body"))
            browser.close()
        assert not errors, errors


def _send_brief(page: Any, url: str, brief: str) -> str:
    from playwright.sync_api import expect

    page.goto(url)
    expect(page.get_by_text("What are we launching?")).to_be_visible(timeout=60_000)
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(brief.strip())
    box.press("Enter")
    expect(page.get_by_text(re.compile(r"^Awaiting approval ·"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_text("Decision for this item").first).to_be_visible()
    return re.search(r"campaign=([\w-]+)", page.url)[1]  # type: ignore[index]


def _choose(box: Any, label: str) -> None:
    box.get_by_text(label, exact=True).first.click()


def _approve_until_launched(page: Any, shots: Path, prefix: str) -> None:
    from playwright.sync_api import expect

    launched = page.get_by_text(re.compile(r"^Launched ·"))
    card = page.get_by_text(re.compile(r"Approve \d+ budget change|Approve the launch"))
    for n in range(6):
        expect(launched.or_(card)).to_be_visible(timeout=RUN_TIMEOUT_MS)
        if launched.is_visible():
            return
        _shoot(page, card, shots / f"{prefix}-card-{n}.png")
        page.get_by_role("button", name="Approve", exact=True).click()
        expect(card).to_be_hidden(timeout=RUN_TIMEOUT_MS)
    expect(launched).to_be_visible(timeout=RUN_TIMEOUT_MS)


def test_reject_one_asset_the_rest_launches_after_the_copy_deck_card_with_inbox_preview(
    liftoff_home: Path, tmp_path: Path, shots_dir: Path
) -> None:
    from playwright.sync_api import expect

    with serve(liftoff_home, tmp_path / "app.log") as url, browser_page() as page:
        cid = _send_brief(page, url, EXAMPLE_BRIEF)
        box = page.get_by_test_id("stExpander").filter(has_text="Decision for this item").first
        _choose(box, "Reject")
        apply = page.get_by_role("button", name="Apply these decisions")
        expect(apply).to_be_visible()
        _shoot(page, box, shots_dir / "r1-reject-one-asset.png")
        apply.click()
        # the campaign goes on: the launch card shows the whole copy deck and every list before any publish
        expect(page.get_by_text("Approve the launch")).to_be_visible(timeout=RUN_TIMEOUT_MS)
        values = Campaigns(make_settings(liftoff_home)).result(cid).values
        live = [a for a in values["assets"].values() if a["id"] not in values["withheld_assets"]]
        assert len(live) == len(values["assets"]) - 1 and not values.get("programs")  # exactly one withheld
        channels = len({a["channel"] for a in live})
        expect(page.get_by_text(f"Copy deck: {len(live)} asset(s) · {channels} list(s)")).to_be_visible()
        for asset in live:  # every asset's copy is on the card, as it will ship
            expect(page.get_by_text(asset["body"], exact=True).first).to_be_attached()
        expect(page.get_by_text(re.compile(r"^eligible contacts: [\d,]+")).first).to_be_visible()
        # the inbox preview of an email: sender, subject, preheader, CTA with its tracked link, footer
        frame_el = page.locator('iframe[src^="data:text/html"]').first
        frame_el.scroll_into_view_if_needed()
        frame = frame_el.content_frame
        expect(frame.locator("[data-part=sender]")).to_contain_text("hello@brightwell.example")
        subject = frame.locator("[data-part=subject]").inner_text()
        assert subject and subject in {a.get("subject") for a in live}
        cta = frame.locator("a[data-part=cta]")
        assert re.search(
            r"^https://brightwell\.example/maxflow\?.*utm_medium=email.*lo_c=" + cid,
            cta.get_attribute("href"),
        )
        expect(frame.locator("a[data-part=unsubscribe]")).to_have_attribute(
            "href", "https://brightwell.example/unsubscribe"
        )
        expect(frame.locator("[data-part=address]")).not_to_be_empty()
        _shoot(page, frame_el, shots_dir / "r2-launch-card-email-preview.png")
        _approve_until_launched(page, shots_dir, "r3")
        done = Campaigns(make_settings(liftoff_home)).result(cid).values
        published = {p["asset_id"] for p in done["programs"].values() if p["status"] == "published"}
        assert published == {a["id"] for a in live}
        page.get_by_role("tab", name="What ships").click()
        expect(page.get_by_role("button", name="Copy deck (CSV)")).to_be_visible()
        _shoot(page, page.get_by_role("tab", name="What ships"), shots_dir / "r4-what-ships.png")


def test_an_edit_that_fails_a_guard_comes_back_with_the_edit_intact(
    liftoff_home: Path, tmp_path: Path, shots_dir: Path
) -> None:
    from playwright.sync_api import expect

    with serve(liftoff_home, tmp_path / "app.log") as url, browser_page() as page:
        cid = _send_brief(page, url, EXAMPLE_BRIEF)
        box = (
            page.get_by_test_id("stExpander")
            .filter(has_text="Decision for this item")
            .filter(has_text="email")
            .first
        )
        _choose(box, "Edit")
        body = box.get_by_label(re.compile(r"-email-\w+-\w+: body$")).first
        expect(body).to_be_visible()
        edited = "Pure taste for the whole family. Removes 100% of every contaminant, guaranteed forever."
        body.fill(edited)
        body.press("Control+Enter")
        page.wait_for_timeout(800)
        page.get_by_role("button", name="Apply these decisions").click()
        # the card that comes back: the edited asset's item (the collapsed agent log above it repeats the
        # governance reasons, so the wording is looked for on the card itself)
        box = (
            page.get_by_test_id("stExpander")
            .filter(has_text="Decision for this item")
            .filter(has_text="100% of every contaminant")
            .first
        )
        back = box.get_by_text(
            re.compile(r"edit: it comes back to the reviewer with the findings, unchanged")
        )
        expect(back.first).to_be_visible(timeout=RUN_TIMEOUT_MS)
        expect(box.get_by_text(edited, exact=True)).to_be_visible()  # the edited copy, as saved
        expect(
            box.get_by_text("Why: no approved claim backs this sentence").first
        ).to_be_visible()  # findings
        intro = re.compile(
            r"'s edit of 1 asset\(s\) failed a check: it comes back to the reviewer with the "
            r"findings, unchanged"
        )
        expect(page.get_by_text(intro)).to_be_visible()
        _shoot(page, box, shots_dir / "e1-edit-comes-back.png")
        result = Campaigns(make_settings(liftoff_home)).result(cid)
        values = result.values
        assert any(
            a["body"] == edited for a in values["assets"].values()
        )  # intact: never rewritten by Content
        editor = values["decisions"][-1]["approver"]
        back_items = [i for i in result.pending_review["items"] if i.get("edited_by")]
        assert back_items and {i["edited_by"] for i in back_items} == {editor}  # back to the same reviewer
        assert {i["asset"]["body"] for i in back_items} == {edited}


def test_budget_card_shows_currency_evidence_and_decides_each_change(
    liftoff_home: Path, tmp_path: Path, shots_dir: Path
) -> None:
    from playwright.sync_api import expect

    c = Campaigns(make_settings(liftoff_home, approval_threshold=0.0))
    result = c.resume(c.start(CLEAN_BRIEF).thread_id, {"decision": "approve", "approver": "ana"})
    for _ in range(6):
        if result.pending_review and result.pending_review["kind"] == "budget":
            break
        result = (
            c.run_cycle(result.thread_id, "optimize", days=3)
            if not result.needs_human
            else c.resume(result.thread_id, {"decision": "approve", "approver": "ana"})
        )
    pending = result.pending_review
    assert pending and pending["kind"] == "budget"
    cid, first = result.thread_id, pending["items"][0]
    _close(c)
    with (
        serve(liftoff_home, tmp_path / "app.log", LIFTOFF_APPROVAL_THRESHOLD="0") as url,
        browser_page() as page,
    ):
        page.goto(f"{url}/?campaign={cid}")
        expect(page.get_by_text(re.compile(r"Approve \d+ budget change"))).to_be_visible(timeout=60_000)
        # Streamlit renders Markdown's "->" as an arrow
        heading = re.compile(
            rf"{first['channel']}: [\d,.]+ {first['currency']} (->|→) [\d,.]+ {first['currency']}"
        )
        box = page.get_by_test_id("stExpander").filter(has_text=heading).first
        expect(box).to_be_visible()
        expect(box.get_by_text(re.compile(r"^evidence: .+"))).to_be_visible()
        expect(box.get_by_text(re.compile(r"^expected effect: .+"))).to_be_visible()
        _shoot(page, box, shots_dir / "b1-budget-card.png")
        _choose(box, "Reject")
        page.get_by_role("button", name=re.compile(r"^(Apply these decisions|Approve)$")).click()
        expect(page.get_by_text(re.compile(r"^Launched ·"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    changes = Campaigns(make_settings(liftoff_home)).result(cid).values["budget_changes"]
    assert changes[first["id"]]["status"] == "rejected" and changes[first["id"]]["decided_by"]
    others = [i["id"] for i in pending["items"][1:]]
    assert all(changes[i]["status"] != "rejected" for i in others)  # each change decided on its own


def test_kill_switch_blocks_the_launch_then_resumes_after_release(
    liftoff_home: Path, tmp_path: Path, shots_dir: Path
) -> None:
    from playwright.sync_api import expect

    c = Campaigns(make_settings(liftoff_home))
    c.services.kill_switch.set(True, actor="ops@brightwell.example", reason="complaint spike")
    blocked = c.resume(c.start(CLEAN_BRIEF).thread_id, {"decision": "approve", "approver": "ana"})
    assert blocked.status == "held"
    cid, held = blocked.thread_id, set(blocked.values["programs"])
    _close(c)
    with serve(liftoff_home, tmp_path / "app.log") as url, browser_page() as page:
        page.goto(f"{url}/?campaign={cid}")
        banner = page.get_by_text(re.compile(r"Kill-switch ON \(global\)"))
        expect(banner).to_be_visible(timeout=60_000)  # on the campaign page, not only in the sidebar
        expect(page.get_by_text(re.compile(r"program\(s\) held back by the kill-switch"))).to_be_visible()
        _shoot(page, banner, shots_dir / "k1-kill-switch-blocks.png")
        page.get_by_role("button", name="Publish what the kill-switch held back").click()
        expect(page.get_by_text(re.compile(r"still holds .*release it first"))).to_be_visible()
        page.get_by_role("button", name="Release kill-switch (global)").click()
        expect(banner).to_be_hidden(timeout=30_000)
        # released everywhere the page shows it: the campaign page's own line and the sidebar
        expect(
            page.get_by_text(re.compile(r"Kill-switch off for this campaign .*nothing blocks it"))
        ).to_be_visible()
        expect(page.get_by_test_id("stSidebar").get_by_text("Kill-switch (1 on)")).to_have_count(0)
        page.get_by_role("button", name="Publish what the kill-switch held back").click()
        _approve_until_launched(
            page, shots_dir, "k2"
        )  # the optimizer's first days may ask about a budget change
        _shoot(page, page.get_by_text(re.compile(r"^Launched ·")), shots_dir / "k2-resumed.png")
    done = Campaigns(make_settings(liftoff_home))
    values = done.result(cid).values
    assert set(values["programs"]) == held and all(
        p["status"] == "published" for p in values["programs"].values()
    )
    events = list(done.services.events.iter_trace(values["trace_id"]))
    assert sum(e.type == "orchestrator.published" for e in events) == len(
        held
    )  # the held programs, once each
