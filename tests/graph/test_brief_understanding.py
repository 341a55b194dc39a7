"""Brief understanding end to end: the echo, free-form clarifying answers, money/date sanity, audience -> lists,
the LLM path's fields, and briefs for a brand the tests have never seen."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import numpy  # noqa: F401  - imported once up front: the first-import race under parallel branches is issue 16's
import pytest
import yaml

from graph.brief.clarify import merge_answer
from graph.cli import main
from graph.contracts import BriefExtraction
from graph.models.offline.handlers import extract_brief
from graph.nodes.planner import build_brief, clarifying_questions
from graph.runtime.runner import Campaigns
from graph.runtime.settings import REPO_ROOT
from tests.graph.conftest import make_settings

TODAY = date(2026, 11, 25)


def _brief(text: str, **kw: Any):  # noqa: ANN202
    facts = BriefExtraction.model_validate(extract_brief({"brief_text": text, "today": TODAY.isoformat()}))
    return build_brief(text, "brightwell", facts, TODAY, **kw)


# ---- the echo ----------------------------------------------------------------------------------------------------
def test_echo_lists_every_fact_with_its_words_and_the_sentences_not_used() -> None:
    text = (
        "Launch our new Brightwell MaxFlow Pitcher in Ireland and North America from 1 March 2027 for 6 weeks. "
        "Budget: EUR 12.500,00. Who we want to reach: renters who hate bottled water. Success looks like 250 "
        "subscriptions. Hold out 20% as control. Key message: ‘Cleaner water, less plastic’. "
        "Our CEO loves puns and wants a pun in every subject."
    )
    brief = _brief(text)
    fields = {f.field for f in brief.facts}
    assert {
        "budget",
        "goal",
        "kpi_targets",
        "audience",
        "places",
        "dates",
        "holdout_pct",
        "key_messages",
        "product",
    } <= fields
    for f in brief.facts:
        assert " ".join(f.source.split()) in " ".join(text.split())  # the words it came from, verbatim
    assert brief.unused == ["Our CEO loves puns and wants a pun in every subject."]
    assert [(k.name, k.target) for k in brief.kpi_targets] == [("signups", 250)]
    assert (
        brief.holdout_pct == 0.2
        and brief.countries == ["IE", "US", "CA"]
        and set(brief.regions) == {"EU", "US", "CA"}
    )
    assert brief.key_messages == ["Cleaner water, less plastic"]


def test_run_prints_understood_and_not_used_and_json_carries_brief_echo(
    liftoff_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIFTOFF_CRM_CONTACTS", "4000")
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2026-11-25")
    brief = (
        "Promote the Brightwell MaxFlow Pitcher in the UK from 11 January 2027 for 5 weeks. Budget: £25,000. "
        "Audience: urban renters who care about plastic waste. Goal: drive 900 online orders. Channels: email. "
        "The office plant needs watering on Fridays."
    )
    assert main(["run", "--brief", brief, "--auto-approve"]) == 0
    out = capsys.readouterr().out
    assert "understood:" in out and "budget: 25,000.00 GBP" in out
    # money in the summary is shown with the campaign currency's digits, never as a raw float
    summary = next(line for line in out.splitlines() if line.startswith("scorecard:"))
    assert re.fullmatch(
        r"scorecard: conversions \d+, spend [\d,]+\.\d\d GBP, cost/result (n/a|[\d,]+\.\d\d GBP), .*", summary
    ), summary
    assert "not used" in out and "The office plant needs watering on Fridays." in out
    assert main(["run", "--brief", brief, "--auto-approve", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["brief_echo"]["unused"] == ["The office plant needs watering on Fridays."]
    assert any(
        f["field"] == "audience" and "urban renters" in f["value"] for f in data["brief_echo"]["facts"]
    )


def test_a_partial_product_name_is_resolved_against_the_library_and_echoed(
    liftoff_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIFTOFF_CRM_CONTACTS", "4000")
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2026-11-25")
    brief = (
        "Product: the Everyday. Audience: commuters who refill at work. Budget: £8,000. Goal: drive 300 online "
        "orders. Channels: email. UK, from 11 January 2027 for 4 weeks."
    )
    assert main(["run", "--brief", brief, "--auto-approve", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["blueprint"]["brief"]["product"] == "Everyday Bottle"  # the library's name for 'the Everyday'
    product_facts = [f for f in data["brief_echo"]["facts"] if f["field"] == "product"]
    assert len(product_facts) == 1 and "brand library" in product_facts[0]["value"]
    assert product_facts[0]["source"] in brief  # shown with the brief's own words


# ---- clarifying questions ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("brief", "answer", "check"),
    [
        (
            "Launch our new Brightwell MaxFlow Pitcher in the US from March 2, 2027 for 4 weeks. Budget: $20k. "
            "Goal: drive 600 online orders. Use email.",
            "independent cafes and home baristas",
            lambda b: b["audience"] == "independent cafes and home baristas",
        ),
        (
            "Launch our new Brightwell MaxFlow Pitcher in the US from March 2, 2027 for 4 weeks. Audience: families. "
            "Goal: drive 600 online orders. Use email.",
            "about 30k dollars",
            lambda b: b["budget"] == {"amount": 30000.0, "currency": "USD"},
        ),
        (
            "Launch our new Brightwell MaxFlow Pitcher in the US from March 2, 2027 for 4 weeks. Budget: $20k. "
            "Audience: families. Use email.",
            "get 500 signups",
            lambda b: [(k["name"], k["target"]) for k in b["kpi_targets"]] == [("signups", 500.0)],
        ),
    ],
)
def test_a_plain_words_answer_is_understood(
    campaigns: Campaigns, brief: str, answer: str, check: Any
) -> None:
    first = campaigns.start(brief)
    assert first.status == "needs_input"
    second = campaigns.resume(
        first.thread_id, {"decision": "answer", "answer": answer, "approver": "ana"}, auto_approve=True
    )
    assert second.status != "needs_input", second.values.get("questions")
    assert check(second.values["brief"])


@pytest.mark.parametrize(
    ("asked", "answer", "field", "value"),
    [
        ("audience", "new puppy owners, mostly first-time dog parents", "audience", None),
        ("audience", "HR leads at firms of 50-500 staff, plus their finance directors", "audience", None),
        ("audience", "retired couples who caravan, especially in the north.", "audience", None),
        ("goal", "500 signups at under $20 each", "kpi_targets", [("signups", 500.0), ("cpa", 20.0)]),
        ("dates", "from 1 March 2027, for 4 weeks", "duration_days", 28),
    ],
)
def test_an_answer_to_one_question_is_kept_whole(asked: str, answer: str, field: str, value: Any) -> None:
    """An answer that states nothing but the asked field is all of it the answer, commas and all."""
    brief = "Launch our new Brightwell MaxFlow Pitcher in the US. Budget: $20k. Use email."
    merged = merge_answer(brief, [asked], answer, date(2026, 12, 7))
    got = extract_brief({"brief_text": merged, "today": "2026-12-07"})
    if value is None:
        assert got[field] == answer.rstrip(".")
    elif field == "kpi_targets":
        assert [(k["name"], k["target"]) for k in got[field]] == value
    else:
        assert got[field] == value
    assert not got.get("unused")


def test_the_same_question_is_never_asked_twice(campaigns: Campaigns) -> None:
    brief = (
        "Launch our new Brightwell MaxFlow Pitcher in the US from March 2, 2027 for 4 weeks. Audience: families. "
        "Goal: drive 600 online orders. Use email."
    )
    result = campaigns.start(brief)
    asked: list[str] = list(result.values["questions"])
    for answer in ("not sure yet", "still thinking about it", "ask finance"):
        result = campaigns.resume(
            result.thread_id, {"decision": "answer", "answer": answer, "approver": "ana"}
        )
        assert result.status == "needs_input"
        for q in result.values["questions"]:
            assert q not in asked, f"asked twice: {q}"
        asked += result.values["questions"]
    result = campaigns.resume(
        result.thread_id, {"decision": "answer", "answer": "$15,000", "approver": "ana"}, auto_approve=True
    )
    assert result.status != "needs_input" and result.values["brief"]["budget"]["amount"] == 15000


def test_clarifying_questions_rephrase_instead_of_repeating() -> None:
    brief = _brief("Promote the Brightwell Go bottle in the UK.")
    first = [q for q, _ in clarifying_questions(brief, [])]
    second = [q for q, _ in clarifying_questions(brief, first)]
    third = [q for q, _ in clarifying_questions(brief, first + second)]
    assert len(set(first + second + third)) == 9


def test_cli_answer_in_plain_words(
    liftoff_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIFTOFF_CRM_CONTACTS", "4000")
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2026-11-25")
    brief = (
        "Launch our new Brightwell MaxFlow Pitcher in the US from March 2, 2027 for 4 weeks. Budget: $20k. "
        "Goal: drive 600 online orders. Use email."
    )
    assert main(["run", "--brief", brief, "--json"]) == 2
    thread = json.loads(capsys.readouterr().out)["thread_id"]
    assert main(["resume", thread, "--answer", "independent cafes and home baristas", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] != "needs_input"
    assert out["blueprint"]["brief"]["audience"] == "independent cafes and home baristas"


# ---- money and dates sane or refused -------------------------------------------------------------------------------
BASE = (
    "Launch our new Brightwell MaxFlow Pitcher in the US. Audience: families. Goal: drive 600 online orders. "
    "Use email. "
)


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ("Budget: −$40k.", "negative"),
        ("Budget: minus 40,000 dollars.", "negative"),
        ("Budget: $1e15.", "scientific notation"),
        ("Budget: minus 40,000.", "negative"),
        ("Budget: 40,000.", "no currency"),
        ("Budget: $999 trillion.", "ceiling"),
        ("Budget: $20k. Start on February 30, 2027.", "not a date"),
        ("Budget: $20k. Runs 1 March 1800 to 5 March 1800.", "plausible"),
        ("Budget: $20k. From 2027-03-10 to 2027-03-01.", "before the start"),
        ("Budget: $20k. Starting March 2, 2027 for -3 weeks.", "negative duration"),
        ("Budget: $20k. Runs 9999-01-01 onwards.", "plausible"),
    ],
)
def test_money_and_dates_that_cannot_be_right_are_asked_not_rewritten(
    campaigns: Campaigns, extra: str, words: str
) -> None:
    result = campaigns.start(BASE + extra)
    assert result.status == "needs_input"
    assert result.values.get("blueprint") is None
    assert any(words in q for q in result.values["questions"]), result.values["questions"]


def test_the_org_ceiling_caps_any_campaign(liftoff_home: Path) -> None:
    c = Campaigns(make_settings(liftoff_home, max_campaign_budget=50_000.0))
    try:
        result = c.start(BASE + "Budget: $60k.")
        assert result.status == "needs_input" and any("ceiling" in q for q in result.values["questions"])
        ok = c.start(BASE + "Budget: $40k.", auto_approve=True)
        assert ok.values["blueprint"]["caps"]["total"] <= 50_000
    finally:
        c.close()


def test_ambiguous_slashed_date_without_locale_is_asked() -> None:
    brief = _brief(
        "Launch our new Brightwell MaxFlow Pitcher. Audience: families. Goal: 600 orders. "
        "Timing: 04/05/2027 to 06/05/2027."
    )
    assert any("could be" in p for p in brief.problems)


# ---- the audience reaches the lists -------------------------------------------------------------------------------
def test_audience_maps_to_crm_filters_and_countries_restrict_lists(campaigns: Campaigns) -> None:
    brief = (
        "Launch our new Brightwell MaxFlow Pitcher in Ireland and Germany from March 2, 2027 for 4 weeks. "
        "Budget: €20k. Audience: existing customers aged 30-50. Goal: drive 600 online orders. Use email."
    )
    result = campaigns.start(brief, auto_approve=True)
    mapping = result.values["brief"]["audience_mapping"]
    assert {"field": "lifecycle_stage", "op": "eq", "value": "customer"} in mapping["filters"]
    assert any("aged 30-50" in c for c in mapping["creative_only"])
    segment = result.values["lists"]["email"]["segment"]
    assert {"field": "lifecycle_stage", "op": "eq", "value": "customer"} in segment["filters"]
    assert {"field": "country", "op": "in", "value": ["IE", "DE"]} in segment["filters"]


def test_an_audience_with_no_crm_field_is_creative_only() -> None:
    brief = _brief(
        "Budget $10k. Audience: people who love hiking at dawn. Goal: 300 orders. Use email in the US."
    )
    assert brief.audience_mapping is not None and brief.audience_mapping.filters == []
    assert brief.audience_mapping.creative_only == ["people who love hiking at dawn"]


# ---- the LLM path gets the same fields -----------------------------------------------------------------------------
def test_llm_extraction_fills_the_new_fields(campaigns: Campaigns, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.runtime.services import Services
    from tests.fakes import ScriptedChatModel

    text = (
        "We want 250 subscriptions from independent cafes in Ireland. Spend €12k over six weeks from 1 March 2027. "
        "Instagram only. Hold out 20%. Our CEO loves puns."
    )
    reply = {
        "goal": "250 subscriptions",
        "audience": "independent cafes",
        "budget_amount": 12000,
        "currency": "EUR",
        "start_date": "2027-03-01",
        "duration_days": 42,
        "channels": ["paid_social"],
        "regions": ["EU"],
        "countries": ["IE"],
        "holdout_pct": 0.2,
        "kpi_targets": [{"name": "signups", "target": 250}],
        "facts": [
            {
                "field": "goal",
                "value": "250 signups",
                "source": "We want 250 subscriptions from independent cafes in Ireland.",
            },
            {
                "field": "budget",
                "value": "12,000 EUR",
                "source": "Spend €12k over six weeks from 1 March 2027.",
            },
            {"field": "channels", "value": "paid_social", "source": "Instagram only."},
            {"field": "holdout_pct", "value": "20%", "source": "Hold out 20%."},
        ],
    }
    fake = ScriptedChatModel(script=[json.dumps(reply)] * 3)
    real = Services.model
    monkeypatch.setattr(
        Services,
        "model",
        lambda self, agent: fake if agent == "planner" and not fake.calls else real(self, agent),
    )
    result = campaigns.start(text)
    brief = result.values["brief"]
    assert brief["countries"] == ["IE"] and brief["holdout_pct"] == 0.2
    assert brief["unused"] == ["Our CEO loves puns."]
    system = fake.calls[0].messages[0].content
    assert "countries as ISO alpha-2" in system and "problems" in system


# ---- done when: a brand the tests have never seen -----------------------------------------------------------------
def _new_brand(root: Path) -> Path:
    lib = root / "libs"
    (lib / "kettleby").mkdir(parents=True)
    brand = yaml.safe_load((REPO_ROOT / "brand_library" / "trailfox" / "brand.yaml").read_text())
    brand.update(
        name="Kettleby Roasters",
        description="Specialty coffee roaster and coffee subscriptions.",
        banned_terms=["cure", "miracle"],
        competitors=["Beanhouse"],
        allowed_contacts=["kettleby.example"],
        products=[
            {"id": "club", "terms": ["Roast Club", "subscription", "coffee subscription"]},
            {"id": "grinder", "terms": ["Burr Mini", "grinder"]},
        ],
        synonyms=[["subscription", "coffee subscription"]],
    )
    (lib / "kettleby" / "brand.yaml").write_text(yaml.safe_dump(brand, sort_keys=False))
    (lib / "kettleby" / "claims.yaml").write_text(
        yaml.safe_dump(
            {
                "claims": [
                    {
                        "id": "fresh",
                        "text": "Every Roast Club bag is roasted within 48 hours of shipping.",
                        "evidence": "Roastery dispatch log, 2026.",
                    },
                    {
                        "id": "origin",
                        "text": "Roast Club coffees are single-origin.",
                        "evidence": "Sourcing policy v3.",
                    },
                    {
                        "id": "burr",
                        "text": "The Burr Mini grinder has 40 grind settings.",
                        "evidence": "Spec sheet BM-2.",
                    },
                ]
            },
            sort_keys=False,
        )
    )
    return lib


NEW_BRAND_BRIEFS = [
    (
        "Hi team — can we push the Roast Club subscription to home baristas in the UK and Ireland? Budget is £18k. "
        "We'd love to hit 400 new subscriptions. Instagram and our newsletter. 1 February 2027 – 28 February 2027.",
        {"amount": 18000, "currency": "GBP"},
        {"paid_social", "email"},
        {"UK", "EU"},
        ("2027-02-01", "2027-02-28"),
        "home baristas in the UK and Ireland",
        ("signups", 400),
    ),
    (
        "Product: Burr Mini grinder\nSpend: USD 25,000\nKPI: 600 orders\nWho: people who brew coffee at home\n"
        "Markets: North America\nChannels: Google Ads, email\nTiming: starting March 3, 2027 for 6 weeks",
        {"amount": 25000, "currency": "USD"},
        {"paid_search", "email"},
        {"US", "CA"},
        ("2027-03-03", "2027-04-13"),
        "people who brew coffee at home",
        ("conversions", 600),
    ),
]


@pytest.mark.parametrize(
    ("text", "budget", "channels", "regions", "dates", "audience", "kpi"), NEW_BRAND_BRIEFS
)
def test_briefs_for_an_unseen_brand_keep_every_stated_fact(
    liftoff_home: Path,
    text: str,
    budget: dict[str, Any],
    channels: set[str],
    regions: set[str],
    dates: tuple[str, str],
    audience: str,
    kpi: tuple[str, float],
) -> None:
    c = Campaigns(make_settings(liftoff_home, brand_library_dir=_new_brand(liftoff_home), brand="kettleby"))
    try:
        result = c.start(text, brand="kettleby", auto_approve=True)
        assert result.status == "launched", result.reason
        bp = result.values["blueprint"]
        assert {"amount": bp["total_budget"], "currency": bp["currency"]} == budget
        assert {ch["channel"] for ch in bp["channels"]} == channels
        assert set(bp["brief"]["regions"]) == regions
        assert (bp["start_date"], bp["end_date"]) == dates
        assert bp["brief"]["audience"] == audience
        assert (kpi[0], kpi[1]) in [(k["name"], k["target"]) for k in bp["kpi_targets"]]
    finally:
        c.close()


def test_a_model_source_not_in_the_brief_is_marked_and_missing_facts_are_located() -> None:
    text = "Promote the Go bottle to hikers in the UK. The budget is £5k for now. Goal: 200 orders."
    quoted = BriefExtraction(
        audience="hikers in the UK",
        facts=[
            {"field": "audience", "value": "hikers", "source": "to hikers in the UK"},
            {"field": "goal", "value": "200 orders", "source": "Goal is two hundred orders"},
        ],
    )
    brief = build_brief(text, "brightwell", quoted, TODAY)
    assert brief.facts[0].source == "to hikers in the UK"
    assert brief.facts[1].source.startswith("(not quoted from the brief)")
    bare = BriefExtraction(audience="hikers in the UK", goal="200 orders")
    located = build_brief(text, "brightwell", bare, TODAY)
    assert {f.field for f in located.facts} == {"audience", "goal"}
    assert located.unused == ["The budget is £5k for now."]


def test_app_view_of_the_echo() -> None:
    from graph.views.brief_echo import echo_tables

    brief = _brief(
        "Budget $10k. Audience: existing customers aged 30-50. Goal: 300 orders. Use email in Ireland. "
        "Our office dog is called Biscuit and loves the team."
    )
    t = echo_tables(brief.model_dump(mode="json"))
    assert {"field": "Budget", "value": "10,000.00 USD", "from the words": "Budget $10k."} in t["understood"]
    assert t["not_used"] == [{"sentence": "Our office dog is called Biscuit and loves the team."}]
    assert any(r["how"] == "list filter" and "lifecycle_stage" in r["detail"] for r in t["audience"])
    assert echo_tables(None) == {
        "understood": [],
        "not_used": [],
        "audience": [],
        "problems": [],
        "assumed": [],
    }


def test_a_market_outside_every_region_is_asked_not_replaced() -> None:
    brief = _brief("Budget $10k. Audience: runners. Goal: 300 orders. Use email. Markets: Mexico.")
    assert brief.countries == ["MX"] and brief.regions == []
    assert any("MX is outside Liftoff's regions" in p for p in brief.problems)
    assert any("Which of Liftoff's regions" in q for q, _ in clarifying_questions(brief, []))


def test_cli_never_asks_the_same_question_twice(
    liftoff_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIFTOFF_CRM_CONTACTS", "4000")
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2026-11-25")
    assert main(["run", "--brief", BASE.strip()]) == 2
    out = capsys.readouterr().out
    thread = out.split()[1]
    first = [line for line in out.splitlines() if line.startswith("question:")]
    assert first == ["question: What is the total budget (amount and currency)?"]
    assert main(["resume", thread, "--answer", "not decided yet"]) == 2
    second = [line for line in capsys.readouterr().out.splitlines() if line.startswith("question:")]
    assert second and not set(second) & set(first)
