"""The brand picker and the add-a-brand flow in the real app (Streamlit AppTest): upload or form, lint, ingest,
self-test figures, and a campaign for the new brand, without a restart."""

from __future__ import annotations

from pathlib import Path

from graph.runtime.settings import REPO_ROOT
from tests.app.conftest import approve_budget_reviews, button, open_app, page_text, status_line

NEW_BRAND = REPO_ROOT / "tests" / "data" / "brands" / "emberbean"
BRIEF = (
    "Launch the Emberbean bean subscription. Budget $30k. Target: coffee lovers. Goal: drive subscriptions. "
    "Email and paid search in the US, December 2026."
)


def _brands_page():  # type: ignore[no-untyped-def]
    at = open_app()
    button(at, "Brands").click().run()
    assert (
        at.header[0].value == "Brands"
        and at.query_params["page"] == ["brands"]
        or at.query_params["page"] == "brands"
    )
    return at


def test_picker_lists_every_brand_and_the_brand_page_shows_lint_and_selftest() -> None:
    at = open_app()
    picker = at.selectbox(key="brand")
    assert picker.options == ["brightwell", "ledgerly", "trailfox"]
    at = _brands_page()
    text = page_text(at)
    assert "brightwell: lint" in text and "brightwell: self-test" in text
    labels = [m.label for m in at.metric]
    assert labels == [
        "Precision of 'unsupported'",
        "Recall of 'unsupported'",
        "False-block rate",
        "Variants checked",
    ]
    assert float(at.metric[0].value) > 0.9
    at.selectbox(key="brand-page-pick").select("trailfox").run()
    assert "trailfox: lint" in page_text(at)


def test_upload_a_brand_see_lint_ingest_and_start_a_campaign(liftoff_home: Path) -> None:
    at = _brands_page()
    at.text_input(key="upload-slug").input("emberbean")
    files = [
        (name, (NEW_BRAND / name).read_bytes(), "application/yaml") for name in ("brand.yaml", "claims.yaml")
    ]
    at.file_uploader(key="upload-files").set_value(files)
    button(at, "Check the files").click().run()
    assert not at.exception, [e.value for e in at.exception]
    text = page_text(at)
    assert (
        "Lint result for `emberbean`" in text
        and "Loads, with warnings to review · 7 claims · 0 errors" in text
    )
    assert not (liftoff_home / "brands" / "emberbean").exists()  # nothing written before "Add"
    button(at, "Add emberbean and ingest its claims").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert (liftoff_home / "brands" / "emberbean" / "claims.yaml").is_file()
    text = page_text(at)
    assert "Added emberbean: 7 claims ingested" in text and "emberbean: self-test" in text
    button(at, "Start a campaign for emberbean").click().run()
    assert at.header[0].value == "What are we launching?"
    assert at.selectbox(key="brand").value == "emberbean"
    at.chat_input[0].set_value(BRIEF).run()
    approve_budget_reviews(at)
    assert "Emberbean" in page_text(at) and "Brightwell" not in page_text(at)
    assert status_line(at).startswith("Launched")


def test_a_broken_upload_shows_errors_with_lines_and_writes_nothing(liftoff_home: Path) -> None:
    at = _brands_page()
    at.text_input(key="upload-slug").input("broken")
    claims = (NEW_BRAND / "claims.yaml").read_text().replace("regions: [UK]", "regions: [UK, Mars]")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i > 1 else "*a"] * 10) + "]\n" for i in range(1, 8)
    )
    at.file_uploader(key="upload-files").set_value(
        [
            ("brand.yaml", bomb.encode(), "application/yaml"),
            ("claims.yaml", claims.encode(), "application/yaml"),
        ]
    )
    button(at, "Check the files").click().run()
    text = page_text(at)
    assert "Does not load: fix the errors" in text
    table = at.dataframe[-1].value
    assert {"brand.yaml", "claims.yaml"} <= set(table["file"])
    assert any("unknown region 'Mars'" in p for p in table["problem"]) and "19" in list(table["line"])
    assert button(at, "Add broken and ingest its claims").disabled
    assert not (liftoff_home / "brands" / "broken").exists()


def test_fill_a_form_then_add_the_brand(liftoff_home: Path) -> None:
    at = _brands_page()
    at.text_input(key="form-slug").input("lumen-lingo")
    at.text_input(key="form-name").input("Lumen Lingo")
    at.multiselect(key="form-regions").select("US")
    at.text_input(key="form-disclaimer").input("Subscription renews monthly.")
    at.text_input(key="form-competitors").input("Chatterly, WordWise")
    at.text_area(key="form-claims").input(
        "Lumen Lingo lessons take 10 minutes a day. | Lesson length audit LL-2026 | US\n"
        "Save 20% on your first year until 31 March 2027. | Promo brief P-7 | US | 2027-03-31\n"
    )
    button(at, "Check the brand").click().run()
    text = page_text(at)
    assert (
        "Lint result for `lumen-lingo`" in text and "No problems · 2 claims · 0 errors · 0 warnings" in text
    ), text
    button(at, "Add lumen-lingo and ingest its claims").click().run()
    assert (
        (liftoff_home / "brands" / "lumen-lingo" / "brand.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=")
    )
    at = open_app()
    assert "lumen-lingo" in at.selectbox(key="brand").options


def test_viewers_see_brands_but_cannot_add_one(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LIFTOFF_APPROVERS", "boss@example.com")
    at = open_app()  # the local user is not in LIFTOFF_APPROVERS: a viewer
    button(at, "Brands").click().run()
    text = page_text(at)
    assert "brightwell: lint" in text and "Only approvers can add brands." in text
    assert not [b for b in at.button if b.label in ("Check the files", "Check the brand")]
