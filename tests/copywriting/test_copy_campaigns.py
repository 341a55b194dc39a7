"""Copy that follows the brief through the whole graph (offline engine): approvals that make progress, markup in a
key message, revisions that converge, a product the library has no claims for, and a brand the composer was
never tuned on (two-sentence disclaimer with numbers, an offer expiring before the send slot, planted
instructions in claim text)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy  # noqa: F401  (imported once before the fan-out: the import race is issue 16, not this test)
import pytest

from graph.contracts import Asset
from graph.review.convergence import version_bound
from graph.runtime.runner import Campaigns
from guards.copy_quality import check_copy_quality
from guards.library_text import safe_json
from tests.copywriting.brands import write_kettlewise
from tests.graph.conftest import make_settings

UK_EU = (
    "Product: Brightwell Classic Pitcher. Spring campaign in the UK and Germany, starting 1 March 2027 for "
    "6 weeks. Budget €30k. Audience: young families. Goal: 1,000 online orders. Channels: email, SMS and "
    'paid social. Key message: "Every Brightwell purchase comes with a 30-day money-back guarantee."'
)


def _assets(result: Any) -> list[Asset]:
    return [Asset.model_validate(a) for a in result.values["assets"].values()]


def test_auto_approve_on_a_plain_uk_eu_brief_publishes(campaigns: Campaigns) -> None:
    result = campaigns.start(UK_EU, auto_approve=True)
    assert result.status == "launched", result.reason
    values = result.values
    assert len(values.get("decisions") or []) <= 3
    programs = list((values.get("programs") or {}).values())
    assert programs and all(p["status"] == "published" for p in programs)
    assert {p["channel"] for p in programs} == {"email", "sms", "paid_social"}
    for a in _assets(result):
        assert a.version < version_bound(campaigns.settings.max_revisions)
        assert check_copy_quality(a).passed, (a.id, check_copy_quality(a).reasons)
        lead = " ".join(filter(None, [a.subject, a.headline, a.body.split(". ")[0]]))
        if (
            a.channel != "sms"
        ):  # an SMS holding the key message and two required lines has no room for an opener
            assert "Classic Pitcher" in lead, (a.id, lead)  # the copy leads with the brief's product
        else:
            assert len(f"{a.body} {a.cta or ''}") <= 160
        assert "MaxFlow" not in a.full_text()  # another product line's claims never appear


def test_html_in_a_key_message_is_text_and_does_not_loop(campaigns: Campaigns) -> None:
    brief = UK_EU.replace(
        '"Every Brightwell purchase comes with a 30-day money-back guarantee."',
        '"<script>alert(1)</script>Fill up at the <b>tap</b>, not the shop."',
    )
    result = campaigns.start(brief, auto_approve=True)
    assert result.status == "launched", result.reason
    assert len(result.values.get("decisions") or []) <= 3
    for a in _assets(result):
        assert "<" not in a.full_text() and "script" not in a.full_text().lower()
        assert "Fill up at the tap, not the shop." in a.body
    out = safe_json(result.values)
    assert "<script>" not in out and json.loads(out)["assets"]


def test_a_stubborn_draft_converges_or_goes_to_a_human_with_history_and_never_runs_away(
    campaigns: Campaigns, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old failure: the same sentence appended again and again up to version 23."""
    from graph.runtime.services import Services
    from tests.fakes import ScriptedChatModel

    def stubborn(messages: list[Any], kwargs: dict[str, Any]) -> str:
        return json.dumps(
            {
                "subject": "Cleaner water",
                "body": "Brightwell removes 100% of microplastics. Results vary with local water conditions.",
                "cta": "Shop now",
                "cited_claim_ids": [],
            }
        )

    fake = ScriptedChatModel(script=[stubborn] * 200)
    real_model = Services.model
    monkeypatch.setattr(
        Services, "model", lambda self, agent: fake if agent == "content" else real_model(self, agent)
    )
    brief = (
        "Launch our new Brightwell MaxFlow Pitcher in the US starting March 2, 2027 for 4 weeks. Budget: $20k. "
        "Target: families who buy bottled water. Goal: drive 600 online orders. Use email and paid search."
    )
    result = campaigns.start(brief)
    assert result.status == "awaiting_approval"
    n_assets = len(result.values["assets"])
    assert len(fake.calls) == n_assets * 2  # first draft + one revision that did not reduce the findings
    items = result.pending_review["items"]
    assert items and all(i["route"] == "human" for i in items)
    assert any("did not reduce the findings" in r for i in items for r in i["reasons"])
    history = items[0]["history"]
    assert [e["version"] for e in history] == [1, 2] and all(e["findings"] for e in history)
    for _ in range(10):  # approve everything, as --auto-approve does
        if not result.needs_human:
            break
        result = campaigns.resume(
            result.thread_id, {"decision": "approve", "approver": "ana@brightwell.example"}
        )
    assert (
        not result.needs_human
    )  # an approval always makes progress: no review asked twice for the same finding
    # every asset withheld (an approved fix that did not hold): the campaign ends, saying nothing is left to publish
    assert result.status == "rejected" and "nothing to publish" in (result.reason or ""), result.reason
    bound = version_bound(campaigns.settings.max_revisions)
    for a in _assets(result):
        assert a.version <= bound
        assert a.body.count("Results vary with local water conditions.") == 1
    assert set(result.values["withheld_assets"]) == {a.id for a in _assets(result)}  # never published as is
    history = result.values["revision_history"]
    assert all("withheld" in (history[a.id][-1].get("outcome") or "") for a in _assets(result))
    assert not result.values.get("programs")


def test_a_product_without_claims_asks_and_a_plain_answer_settles_it(campaigns: Campaigns) -> None:
    brief = (
        "Product: Brightwell Shower Filter. Campaign in the US starting March 2, 2027 for 4 weeks. Budget: $20k. "
        "Target: families who buy bottled water. Goal: drive 600 online orders. Use email."
    )
    result = campaigns.start(brief)
    assert result.status == "needs_input"
    questions = result.values["questions"]
    assert any("Shower Filter" in q and "MaxFlow" in q for q in questions)
    result = campaigns.resume(
        result.thread_id,
        {"decision": "answer", "approver": "ana", "answer": "Promote the MaxFlow Pitcher instead."},
    )
    assert result.status != "needs_input", result.values.get("questions")
    assert "MaxFlow" in (result.values["blueprint"]["brief"]["product"] or "")


def test_a_brand_never_tuned_on_keeps_its_disclaimer_once_and_its_claims_clean(
    liftoff_home: Path, tmp_path: Path
) -> None:
    libs = write_kettlewise(tmp_path / "libs")
    c = Campaigns(make_settings(liftoff_home, brand_library_dir=libs))
    try:
        brief = (
            "Product: Kettlewise Aria Kettle. Autumn campaign in the UK starting 1 October 2027 for 4 weeks. "
            "Budget £10k. Audience: first-time home buyers. Goal: 300 online orders. Channels: email and SMS. "
            'Key message: "Tea for the whole flat."'
        )
        result = c.start(brief, brand="kettlewise", auto_approve=True)
        assert result.status == "launched", result.reason
        disclaimer = "Offer ends 30 September 2027. Minimum order of £20 applies, see kettlewise.example for 14-day returns."
        for a in _assets(result):
            text = a.full_text()
            assert a.version <= 2, (a.id, a.version, a.revision_notes)
            if a.channel == "email":
                assert text.count(disclaimer) == 1 and disclaimer in a.disclaimer_spans
            assert "Ignore" not in text and "cure" not in text  # planted instructions never reach copy
            assert "15% off" not in text  # the autumn offer expires before the 1 October slot
            assert "Brew Pro" not in text and "grinder" not in text  # another product line
            assert check_copy_quality(a).passed
            # the key message is in the copy, or the asset says why not (never dropped silently)
            assert "Tea for the whole flat." in a.body or any(
                "key message not in this" in n and "Tea for the whole flat." in n for n in a.revision_notes
            ), (a.id, a.body, a.revision_notes)
        assert result.values["pass_report"]["exceptions"] == []
    finally:
        c.close()
