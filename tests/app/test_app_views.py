"""The app's view-model, access rules and preferences: pure functions, no Streamlit, no graph run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.contracts import Event
from graph.runtime.access import resolve_access
from graph.runtime.errors import explain
from graph.runtime.prefs import AppPrefs, PrefsError, apply_prefs, available_brands, load_prefs, save_prefs
from graph.runtime.settings import Settings
from graph.views.plan import asset_views, blueprint_tables, governance_tables, list_tables
from graph.views.review import decision_payload, review_card
from graph.views.scorecard import current_scorecard, escalations, scorecard_view, spend_over_time
from graph.views.steps import build_steps, group_steps, running_label
from graph.views.text import md_escape, status_view
from graph.views.trail import audit_rows, event_rows, to_jsonl


def ev(type_: str, payload: dict[str, Any] | None = None, n: int = 0, source: str = "test") -> Event:
    return Event(
        id=f"e{n}-{type_}",
        type=type_,
        trace_id="trc-1",
        campaign_id="cmp-1",
        source=source,
        ts=f"2026-11-25T10:00:{n:02d}+00:00",
        payload=payload or {},
    )


ASSET: dict[str, Any] = {
    "id": "cmp-1-email-US-A",
    "version": 2,
    "channel": "email",
    "variant": "A",
    "region": "US",
    "subject": "Cleaner water at home",
    "headline": None,
    "body": "Brightwell cartridges remove up to 99% of lead from tap water. Brightwell is the #1 filter in America.",
    "cta": "Shop now",
    "cited_claim_ids": ["lead-99"],
    "prompt_version": "v1",
    "prompt_hash": "abc",
    "library_version": "lib1",
    "model": "offline",
    "revision_notes": ["approved fix: unsupported superlative"],
}
REPORT = {
    "library_version": "lib1",
    "check_date": "2026-11-25",
    "revision_round": 1,
    "exceptions": [
        {
            "id": "x1",
            "subject_type": "asset",
            "subject_id": ASSET["id"],
            "validator": "liftoff/claims",
            "reasons": ["unsupported claim"],
            "findings": [],
            "route": "human",
        }
    ],
    "subjects": [
        {
            "subject_type": "asset",
            "subject_id": ASSET["id"],
            "subject_version": 2,
            "results": [
                {
                    "validator": "liftoff/claims",
                    "passed": False,
                    "reasons": ["unsupported claim"],
                    "findings": [
                        {
                            "text": "Brightwell cartridges remove up to 99% of lead from tap water.",
                            "verdict": "supported",
                            "claims": ["lead-99"],
                            "evidence": ["Brightwell cartridges remove up to 99% of lead from tap water."],
                        },
                        {
                            "text": "Brightwell is the #1 filter in America.",
                            "verdict": "unsupported",
                            "reason": "no approved claim backs '#1 filter'",
                            "evidence": [],
                            "suggested_fix": None,
                        },
                    ],
                }
            ],
        },
        {
            "subject_type": "asset",
            "subject_id": ASSET["id"],
            "subject_version": 1,
            "results": [
                {
                    "validator": "liftoff/claims",
                    "passed": True,
                    "findings": [
                        {
                            "text": "Brightwell cartridges remove up to 99% of lead from tap water.",
                            "verdict": "unsupported",
                            "reason": "stale version",
                        }
                    ],
                }
            ],
        },
    ],
}


def test_md_escape_neutralises_markdown_html_and_directives() -> None:
    import re

    raw = "**bold** <script>alert(1)</script> :red[x] $x$ [link](http://e.x) #1 & `code`\nnext"
    out = md_escape(raw)
    assert "\n" not in out
    unescaped = re.findall(r"(?<!\\)[*<>\[\]():$`#&_]", out)
    assert unescaped == [], out
    assert re.sub(r"\\(.)", r"\1", out) == raw.replace("\n", " ")  # nothing lost, only escaped
    assert md_escape(None) == ""


def test_status_views_cover_every_runner_status() -> None:
    from typing import get_args

    from graph.state import Status

    for status in get_args(Status):
        view = status_view(status)
        assert view.label and view.icon.startswith(":material/")
    assert status_view("weird_new").label == "Weird new"


def test_steps_group_stages_and_explain_decisions() -> None:
    events = [
        ev("campaign.started", {"brand": "brightwell"}, 0),
        ev("planner.brief_parsed", {"missing": [], "model": "offline", "path": "native"}, 1),
        ev(
            "planner.blueprint",
            {
                "campaign_name": "Pure",
                "total_budget": 40000,
                "currency": "USD",
                "channels": {"email": 10000, "paid_search": 30000},
            },
            2,
        ),
        ev(
            "content.asset",
            {
                "asset_id": "a1",
                "version": 1,
                "channel": "email",
                "region": "US",
                "variant": "A",
                "cited_claim_ids": ["lead-99"],
            },
            3,
        ),
        ev(
            "data.list_built",
            {"channel": "email", "eligible": 900, "holdout": 100, "by_region": {"US": 900}},
            4,
        ),
        ev(
            "content.asset",
            {
                "asset_id": "a2",
                "version": 1,
                "channel": "paid_search",
                "region": "US",
                "variant": "A",
                "cited_claim_ids": [],
            },
            5,
        ),
        ev(
            "governance.report",
            {
                "passed": False,
                "subjects": 3,
                "escalated": 1,
                "revised": 0,
                "exceptions": 1,
                "revision_round": 0,
                "library_version": "lib1",
            },
            6,
        ),
        ev(
            "governance.exception",
            {
                "subject_type": "asset",
                "subject_id": "a1",
                "validator": "liftoff/claims",
                "route": "human",
                "reasons": ["unsupported"],
            },
            7,
        ),
        ev(
            "human.decision",
            {
                "kind": "exceptions",
                "decision": "approve",
                "approver": "ana",
                "comment": "ok",
                "at": "2026-11-25T10:00:08",
                "items": ["x1"],
            },
            8,
        ),
        ev("governance.report", {"passed": True, "subjects": 3, "exceptions": 0, "revision_round": 0}, 9),
        ev("orchestrator.published", {"channel": "email", "region": "US"}, 10),
        ev("orchestrator.launch", {"programs": 2, "published": 2, "blocked": 0, "failed": 0}, 11),
        ev("channel.metrics", {"day": 1, "conversions": 5, "spend": 10.0}, 12),
        ev("spend.recorded", {"channel": "email", "day": "2027-03-02", "amount": 10.0}, 13),
        ev(
            "optimizer.budget_change",
            {
                "channel": "email",
                "from_amount": 10000,
                "to_amount": 13000,
                "delta_pct": 0.3,
                "status": "pending_approval",
                "reason": "better CPA",
            },
            14,
        ),
        ev(
            "analytics.scorecard",
            {"conversions": 5, "spend": 10.0, "cost_per_result": 2.0, "lift_pct": 0.25},
            15,
        ),
        ev("unrelated.thing", {}, 16),
    ]
    values = {"blueprint": {"channels": [{"channel": "email", "rationale": "owned, cheap reach"}]}}
    steps = build_steps(events, values)
    assert [s.agent for s in steps] == [
        "planner",
        "content",
        "data",
        "governance",
        "human_review",
        "governance",
        "orchestrator",
        "optimizer",
        "analytics",
    ]
    planner, content, data, gov, human = steps[:5]
    assert "40,000.00 USD" in planner.title and any("owned, cheap reach" in line for line in planner.lines)
    assert any("25.0%" in line for line in planner.lines)  # the split shows shares
    assert content.title == "2 asset(s) drafted" and len(content.events) == 2
    assert "900 eligible" in data.lines[0] and "100 held out" in data.lines[0]
    assert gov.attention and "1 to a human" in gov.title and "a human decides" in gov.lines[-1]
    assert human.title == "approved by ana" and "Comment: ok" in human.lines
    assert steps[7].attention and "pending_approval" in steps[7].lines[0]
    assert "+25.0%" in steps[8].title
    assert len(group_steps(events)) == 9
    assert running_label(("content", "data")) == "Content and Data working..."


def test_steps_mark_failures_and_missing_essentials() -> None:
    events = [
        ev("planner.brief_parsed", {"missing": ["budget"]}, 0),
        ev("orchestrator.blocked", {"channel": "sms", "region": "EU", "reason": "kill-switch on"}, 1),
        ev("orchestrator.launch", {"programs": 1, "published": 0, "blocked": 1}, 2),
    ]
    planner, orch = build_steps(events)
    assert planner.attention and planner.title == "needs budget"
    assert orch.state == "error" and "kill-switch on" in orch.lines[0] and "1 blocked" in orch.title


def test_review_card_for_exceptions_shows_evidence_and_allows_edits() -> None:
    pending = {
        "kind": "exceptions",
        "options": ["approve", "edit", "reject"],
        "items": [
            {
                "id": "x1",
                "subject_type": "asset",
                "subject_id": ASSET["id"],
                "validator": "liftoff/claims",
                "reasons": ["unsupported claim"],
                "route": "human",
                "findings": [
                    {
                        "text": "Brightwell removes 99.9% of lead.",
                        "verdict": "unsupported",
                        "reason": "inflated",
                        "evidence": ["Brightwell cartridges remove up to 99% of lead from tap water."],
                        "suggested_fix": "Brightwell cartridges remove up to 99% of lead from tap water.",
                    }
                ],
                "asset": {
                    k: ASSET.get(k)
                    for k in (
                        "id",
                        "version",
                        "channel",
                        "region",
                        "variant",
                        "subject",
                        "headline",
                        "body",
                        "cta",
                    )
                },
            }
        ],
    }
    card = review_card(pending)
    assert (
        card.editable
        and card.kind == "exceptions"
        and set(card.consequences) == {"approve", "edit", "reject"}
    )
    item = card.items[0]
    assert item.asset_id == ASSET["id"] and item.heading.startswith("email / US / variant A")
    assert item.findings[0].evidence and item.findings[0].fix
    assert set(item.asset_fields) == {"subject", "body", "cta"}


def test_review_cards_for_budget_launch_and_clarify() -> None:
    budget = review_card(
        {
            "kind": "budget",
            "items": [
                {
                    "id": "c1",
                    "channel": "email",
                    "from_amount": 100.0,
                    "to_amount": 150.0,
                    "delta_pct": 0.5,
                    "reason": "better",
                }
            ],
        }
    )
    assert "+50.0%" in budget.items[0].heading and not budget.editable
    launch = review_card({"kind": "launch", "items": [{"channel": "sms", "region": "EU", "assets": ["a1"]}]})
    assert launch.items[0].heading == "sms / EU"
    budget = review_card(
        {
            "kind": "budget",
            "items": [
                {
                    "id": "c2",
                    "channel": "email",
                    "from_amount": 1000.0,
                    "to_amount": 1300.0,
                    "delta_pct": 0.3,
                    "reason": "r",
                    "currency": "GBP",
                    "evidence": "£420 spent, 9 orders",
                    "expected_effect": "+3 orders a week",
                }
            ],
        }
    )
    item = budget.items[0]
    assert item.heading == "email: 1,000.00 GBP -> 1,300.00 GBP (+30.0%)" and item.item_id == "c2"
    assert ("evidence", "£420 spent, 9 orders") in item.facts and (
        "expected effect",
        "+3 orders a week",
    ) in item.facts
    deck = review_card(
        {
            "kind": "launch",
            "auto_scopes": ["paid_search/US"],
            "items": [
                {
                    "id": "a1",
                    "type": "asset",
                    "asset": {
                        "id": "a1",
                        "version": 2,
                        "channel": "email",
                        "region": "US",
                        "variant": "A",
                        "subject": "S",
                        "body": "B",
                        "cta": "C",
                    },
                },
                {
                    "id": "list:email",
                    "type": "list",
                    "channel": "email",
                    "list_id": "l1",
                    "eligible": 1200,
                    "holdout": 130,
                    "by_region": {"US": 1200},
                    "excluded": {"no_consent": 40},
                },
            ],
        }
    )
    assert [i.item_type for i in deck.items] == ["asset", "list"] and deck.items[0].asset_fields == {
        "subject": "S",
        "body": "B",
        "cta": "C",
    }
    assert ("eligible contacts", "1,200 (US: 1,200)") in deck.items[1].facts
    assert "paid_search/US" in deck.intro
    clarify = review_card(
        {
            "kind": "clarify",
            "options": ["answer", "reject"],
            "items": [{"question": "What is the total budget?", "missing": "budget"}],
        }
    )
    assert clarify.items[0].heading == "What is the total budget?"


def test_decision_payloads() -> None:
    assert decision_payload("approve", "ana", comment=" fine ") == {
        "decision": "approve",
        "approver": "ana",
        "comment": "fine",
    }
    assert decision_payload("answer", "ana", answer=" $15k ")["answer"] == "$15k"
    with pytest.raises(ValueError, match="answer"):
        decision_payload("answer", "ana", answer="  ")
    originals = {"a1": {"body": "Old.", "cta": "Shop"}}
    out = decision_payload("edit", "ana", edits={"a1": {"body": "New.", "cta": "Shop"}}, originals=originals)
    assert out["edits"] == {"a1": {"body": "New."}}
    with pytest.raises(ValueError, match="changes nothing"):
        decision_payload("edit", "ana", edits={"a1": {"body": "Old."}}, originals=originals)
    with pytest.raises(ValueError, match="cannot be empty"):
        decision_payload("edit", "ana", edits={"a1": {"body": " "}}, originals=originals)
    with pytest.raises(ValueError, match="unknown"):
        decision_payload("launch", "ana")


def test_assets_link_each_sentence_to_its_claim_for_the_current_version() -> None:
    (view,) = asset_views({ASSET["id"]: ASSET}, REPORT, withheld=[])
    body = view.fields["body"]
    assert [s.verdict for s in body] == ["supported", "unsupported"]  # version 2's findings, not version 1's
    assert body[0].claims == ("lead-99",) and not body[0].flagged
    assert body[1].flagged and "#1 filter" in body[1].reason
    assert view.fields["subject"][0].verdict == "" and view.status == "checked"
    (withheld,) = asset_views({ASSET["id"]: ASSET}, None, withheld=[ASSET["id"]])
    assert withheld.status.startswith("withheld")


def test_governance_tables_highlight_only_failing_sentences() -> None:
    t = governance_tables(REPORT)
    assert [r["sentence"] for r in t["flagged"]] == ["Brightwell is the #1 filter in America."]
    assert t["exceptions"][0]["route"] == "human" and len(t["results"]) == 1  # v1 is superseded
    assert governance_tables(None) == {"results": [], "flagged": [], "exceptions": []}


def test_blueprint_and_list_tables() -> None:
    bp = {
        "campaign_name": "Pure",
        "currency": "USD",
        "total_budget": 40000,
        "objective": "orders",
        "start_date": "2027-03-02",
        "end_date": "2027-04-12",
        "holdout_pct": 0.1,
        "prompt_version": "p@v1",
        "channels": [
            {
                "channel": "email",
                "budget": 10000,
                "share": 0.25,
                "regions": ["US"],
                "variants": ["A", "B"],
                "rationale": "owned",
            }
        ],
        "kpi_targets": [
            {"name": "cpa", "target": 30},
            {"name": "open_rate", "target": 0.25, "channel": "email"},
        ],
        "gates": [{"kpi": "cpa", "threshold": 45, "direction": "max", "after_days": 3, "action": "escalate"}],
        "experiments": [
            {
                "name": "subj",
                "channel": "email",
                "hypothesis": "h",
                "variants": ["A", "B"],
                "metric": "open_rate",
                "traffic_split": [0.5, 0.5],
            }
        ],
        "caps": {"total": 40000, "per_channel": {"email": 15000}, "per_day": 1400},
    }
    t = blueprint_tables(bp)
    assert t["channels"][0]["share"] == "25.0%" and t["channels"][0]["cap"] == "15,000.00 USD"
    assert [k["target"] for k in t["kpis"]] == ["30.00 USD", "25.0%"]
    assert t["gates"][0]["trips when"] == "above 45.00 USD" and t["tests"][0]["split"] == "50% / 50%"
    assert {"cap": "control holdout", "limit": "10%"} in t["caps"]
    lists = {
        "email": {
            "id": "l1",
            "eligible": 900,
            "holdout": 100,
            "by_region": {"US": 600, "UK": 300},
            "holdout_by_region": {"US": 66, "UK": 34},
            "by_channel": {"email": 900},
            "consent_basis": {"opt_in": 900},
            "excluded": {"no_consent": 50},
            "segment": {"filters": [], "frequency_cap_days": 7},
        }
    }
    lt = list_tables(lists)
    assert lt["channels"][0]["holdout (control)"] == 100 and len(lt["regions"]) == 2
    assert lt["excluded"] == [{"channel": "email", "excluded because": "no_consent", "contacts": 50}]
    assert not any("email_address" in json.dumps(r) for r in lt["channels"])


def test_scorecard_view_and_spend_over_time() -> None:
    events = [
        ev("spend.recorded", {"channel": "email", "day": "2027-03-02", "amount": 10}, 1),
        ev("spend.recorded", {"channel": "paid_search", "day": "2027-03-02", "amount": 5}, 2),
        ev("spend.recorded", {"channel": "email", "day": "2027-03-03", "amount": 7}, 3),
        ev("sla.breach", {"program_id": "p1", "channel": "email", "region": "US", "kind": "late"}, 4),
        ev(
            "governance.exception",
            {
                "exception_id": "x1",
                "subject_type": "asset",
                "subject_id": "a1",
                "route": "human",
                "reasons": ["unsupported claim"],
            },
            5,
        ),
        ev(
            "human.decision",
            {"kind": "exceptions", "decision": "approve", "approver": "ana", "items": ["x1"]},
            6,
        ),
    ]
    assert spend_over_time(events) == [
        {"day": "2027-03-02", "email": 10.0, "paid_search": 5.0},
        {"day": "2027-03-03", "email": 17.0, "paid_search": 5.0},
    ]
    lift = {
        "treated": 1000,
        "treated_conversions": 30,
        "control": 100,
        "control_conversions": 2,
        "lift_pct": 0.5,
        "ci95": [0.001, 0.02],
    }
    card = {
        "conversions": 30,
        "spend": 22.0,
        "cost_per_result": 0.73,
        "lift": lift,
        "sla_adherence": 0.5,
        "escalation_rate": 0.1,
        "speed_to_launch_s": 3.2,
        "llm_calls": 0,
        "tokens": 0,
        "kpis": [{"name": "conversions", "target": 60, "actual": 30, "met": False}],
        "by_channel": [
            {"key": "email", "spend": 17, "conversions": 20, "cost_per_result": 0.85, "lift": lift}
        ],
    }
    view = scorecard_view(card, events, currency="USD")
    assert ("Lift vs control", "+50.0%") in view.headline
    assert view.kpi_chart == [{"kpi": "conversions (higher is better)", "% of target met": 50.0}]
    assert view.kpis[0]["target"] == "60" and view.kpis[0]["met"] == "no"
    cpa = scorecard_view(
        {**card, "kpis": [{"name": "cpa", "target": 30, "actual": 60, "met": False}]}, events, currency="USD"
    )
    assert cpa.kpi_chart == [{"kpi": "cpa (lower is better)", "% of target met": 50.0}]
    assert cpa.kpis[0]["actual"] == "60.00 USD"
    assert view.lift_chart == [{"channel": "email", "treated %": 3.0, "control %": 2.0}]
    assert view.sla[0]["breach"] == "late" and escalations(events)[0]["outcome"] == "approve by ana"


def test_current_scorecard_prefers_the_stored_card_until_new_metrics_arrive() -> None:
    stored = {"conversions": 1}
    day1 = {
        "program_id": "p",
        "channel": "email",
        "region": "US",
        "day": 1,
        "sends": 10,
        "delivered": 10,
        "clicks": 1,
        "conversions": 1,
        "spend": 3.0,
    }
    events = [ev("channel.metrics", day1, 1), ev("analytics.scorecard", {}, 2)]
    assert current_scorecard({"scorecard": stored}, events) == (stored, False)
    assert current_scorecard({}, []) == (None, False)
    live_events = [
        *events,
        ev(
            "channel.metrics",
            {
                "program_id": "p",
                "channel": "email",
                "region": "US",
                "day": 2,
                "sends": 10,
                "delivered": 10,
                "clicks": 1,
                "conversions": 1,
                "spend": 2.0,
            },
            3,
        ),
    ]
    card, live = current_scorecard(
        {"scorecard": stored, "campaign_id": "cmp-1", "trace_id": "trc-1"}, live_events
    )
    assert live and card is not None and card["spend"] == pytest.approx(5.0) and card["conversions"] == 2


def test_trail_rows_and_jsonl() -> None:
    events = [
        ev(
            "human.decision",
            {"kind": "exceptions", "decision": "reject", "approver": "ana", "comment": "no", "items": ["x1"]},
            1,
        ),
        ev("control.kill_switch", {"scope": "global", "engaged": True, "actor": "ana", "reason": "stop"}, 2),
        ev("control.metrics", {"channel": "email", "conversions": 1}, 2),
        ev("content.asset", {"x": "y" * 500}, 3),
    ]
    audit = audit_rows(events)
    assert [r["who"] for r in audit] == ["ana", "ana"] and audit[0]["did"] == "reject (exceptions review)"
    rows = event_rows(events)
    assert rows[0]["type"] == "content.asset" and len(rows) == 4 and rows[0]["payload"].endswith("...")
    assert [r["type"] for r in event_rows(events, ["human.decision"])] == ["human.decision"]
    lines = to_jsonl(events).decode().splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["type"] == "human.decision"


def test_errors_are_readable_with_what_to_do() -> None:
    from graph.models.errors import ModelUnavailableError
    from graph.nodes.human_review import ApprovalRefused
    from graph.runtime.runner import CampaignError

    assert (
        "offline"
        in explain(
            ModelUnavailableError(
                "provider unreachable at http://127.0.0.1:9/v1", url="http://127.0.0.1:9/v1"
            )
        ).hint
    )
    assert explain(ApprovalRefused("'bob' is not an approver")).title == "The decision was refused"
    assert explain(CampaignError("the brief is empty")).detail == "the brief is empty"
    generic = explain(RuntimeError("boom\nsecond line"))
    assert generic.detail == "boom" and "Resume where it stopped" in generic.hint


@pytest.mark.parametrize(
    ("user", "approvers", "identity", "can", "login"),
    [
        ({}, (), "alice", True, False),  # local user approves by default
        ({}, ("bob",), "alice", False, False),  # listed approvers only
        ({"email": "bob@x"}, ("bob@x",), "bob@x", True, False),  # trusted proxy header
        ({"is_logged_in": False}, (), None, False, True),  # provider configured, not signed in
        ({"is_logged_in": True, "email": "ana@x", "name": "Ana"}, ("ana@x",), "ana@x", True, False),
        ({"is_logged_in": True, "email": "eve@x"}, ("ana@x",), "eve@x", False, False),
    ],
)
def test_access(
    user: dict[str, Any], approvers: tuple[str, ...], identity: str | None, can: bool, login: bool
) -> None:
    access = resolve_access(user, approvers, "alice")
    assert (access.identity, access.can_approve, access.needs_login) == (identity, can, login)
    assert bool(access.reason) == (not can)


def test_prefs_round_trip_validate_and_apply(tmp_path: Path) -> None:
    assert load_prefs(tmp_path) == AppPrefs()
    prefs = AppPrefs(model="openai:gpt-4o-mini", openai_base_url="", autonomy="default=manual,sms=auto")
    save_prefs(tmp_path, prefs)
    assert load_prefs(tmp_path) == prefs
    base = Settings(home=tmp_path, openai_base_url="http://127.0.0.1:8080/v1")
    applied = apply_prefs(base, prefs)
    assert (applied.model, applied.openai_base_url, applied.autonomy) == (
        "openai:gpt-4o-mini",
        None,
        "default=manual,sms=auto",
    )
    with pytest.raises(PrefsError, match="autonomy"):
        save_prefs(tmp_path, AppPrefs(autonomy="sms=sometimes"))
    with pytest.raises(PrefsError, match="model"):
        save_prefs(tmp_path, AppPrefs(model="no provider"))
    assert load_prefs(tmp_path) == prefs  # a refused save changes nothing
    (tmp_path / "app_settings.json").write_text("[1, 2]")
    with pytest.raises(PrefsError, match="not valid"):
        load_prefs(tmp_path)


def test_tool_events_join_the_agent_that_called_the_tool() -> None:
    events = [
        ev("governance.report", {"passed": True, "subjects": 3}, 0),
        ev("spend.caps_set", {}, 1),
        ev("data.list_exported", {}, 2),
        ev("orchestrator.published", {"channel": "email"}, 3),
        ev("orchestrator.launch", {"programs": 1, "published": 1}, 4),
        ev("spend.recorded", {"channel": "email", "day": "2027-03-02", "amount": 5}, 5),
        ev("channel.metrics", {"day": 1, "conversions": 2}, 6),
        ev(
            "optimizer.budget_change",
            {
                "channel": "email",
                "status": "pending_approval",
                "from_amount": 1,
                "to_amount": 2,
                "delta_pct": 1.0,
            },
            7,
        ),
        ev(
            "human.decision", {"kind": "budget", "decision": "approve", "approver": "ana", "items": ["c1"]}, 8
        ),
        ev(
            "optimizer.budget_change",
            {"channel": "email", "status": "approved", "decided_by": "ana", "from_amount": 1, "to_amount": 2},
            9,
        ),
        ev("human.decision", {"kind": "budget", "decision": "reject", "approver": "bo", "items": ["c2"]}, 10),
        ev("analytics.scorecard", {"conversions": 2, "spend": 5}, 11),
    ]
    steps = build_steps(events)
    assert [s.agent for s in steps] == [
        "governance",
        "orchestrator",
        "optimizer",
        "human_review",
        "human_review",
        "analytics",
    ]
    assert steps[1].title == "1 of 1 programs published"
    assert any("approved" in line for line in steps[3].lines) and steps[4].state == "error"


def test_available_brands_lists_libraries_default_first(tmp_path: Path) -> None:
    for slug in ("acme", "zeta", "brightwell"):
        (tmp_path / slug).mkdir()
        (tmp_path / slug / "brand.yaml").write_text("name: x\n")
    (tmp_path / "notes").mkdir()
    settings = Settings(home=tmp_path / "home", brand="brightwell", brand_library_dir=tmp_path)
    assert available_brands(settings) == ["brightwell", "acme", "zeta"]
    assert available_brands(Settings(home=tmp_path, brand_library_dir=tmp_path / "missing")) == []


def test_items_payload_one_decision_per_item() -> None:
    from graph.views.review import items_payload

    out = items_payload(
        "ana",
        {"a1": "approve", "a2": "reject", "a3": "restore:1", "a4": "edit", "c1": "edit"},
        comment=" ok ",
        edits={"a4": {"body": "New.", "cta": "Shop"}},
        originals={"a4": {"body": "Old.", "cta": "Shop"}},
        amounts={"c1": 1234.567},
    )
    assert out == {
        "decision": "approve",
        "approver": "ana",
        "comment": "ok",
        "items": {
            "a1": {"decision": "approve"},
            "a2": {"decision": "reject"},
            "a3": {"decision": "restore", "version": 1},
            "a4": {"decision": "edit", "edits": {"body": "New."}},
            "c1": {"decision": "edit", "edits": {"to_amount": "1234.57"}},
        },
    }
    with pytest.raises(ValueError, match="changes nothing"):
        items_payload(
            "ana", {"a4": "edit"}, edits={"a4": {"body": "Old."}}, originals={"a4": {"body": "Old."}}
        )
    with pytest.raises(ValueError, match="cannot be empty"):
        items_payload("ana", {"a4": "edit"}, edits={"a4": {"body": " "}}, originals={"a4": {"body": "Old."}})


def test_chat_keeps_every_question_and_answer_in_order() -> None:
    from graph.views.chat import conversation

    values = {
        "brief_text": "Launch MaxFlow.\nBudget $15k\nFamilies",
        "decisions": [
            {"kind": "clarify", "questions": ["What is the budget?"], "answer": "Budget $15k"},
            {"kind": "exceptions", "decision": "approve"},
            {
                "kind": "clarify",
                "questions": ["Who is the audience?", "What is the goal?"],
                "answer": "Families",
            },
        ],
    }
    assert conversation(values) == [
        ("user", "Launch MaxFlow."),
        ("assistant", "What is the budget?"),
        ("user", "Budget $15k"),
        ("assistant", "Who is the audience?\nWhat is the goal?"),
        ("user", "Families"),
    ]


def test_kill_switch_on_the_campaign_page_names_what_it_blocks() -> None:
    from graph.views.safety import autonomy_lines, covering
    from tools.killswitch import SwitchState

    values = {
        "blueprint": {
            "channels": [
                {"channel": "email", "regions": ["US", "UK"]},
                {"channel": "paid_search", "regions": ["US"]},
            ]
        }
    }
    states = [
        SwitchState("channel:email|region:UK", True, "ops", "complaint", "t"),
        SwitchState("region:EU", True, "ops", "", "t"),
        SwitchState("global", False, "ops", "", "t"),
    ]
    shown = covering(states, values)
    assert [(s.scope, s.covers) for s in shown] == [("channel:email|region:UK", ["email/UK"])]
    assert covering([SwitchState("global", True, "ops", "", "t")], values)[0].covers == ["everything"]
    lines = autonomy_lines("default=assisted,paid_search:US=auto")
    assert lines[0].startswith("paid_search US: auto: clean assets publish without a click")
    assert lines[1].startswith(
        "Everywhere else: assisted: you approve the launch (whole copy deck and lists)"
    )


def test_an_edit_that_comes_back_is_named_on_the_card_with_its_copy() -> None:
    asset = {
        k: ASSET.get(k)
        for k in ("id", "version", "channel", "region", "variant", "subject", "headline", "body", "cta")
    }
    mine = {
        "id": "x1",
        "subject_type": "asset",
        "subject_id": ASSET["id"],
        "validator": "liftoff/claims",
        "reasons": [
            "unsupported claim",
            "this is bo's edit: it comes back to the reviewer with the findings, unchanged",
        ],
        "route": "human",
        "edited_by": "bo",
        "asset": asset,
        "findings": [
            {
                "text": "Brightwell is the #1 filter in America.",
                "verdict": "unsupported",
                "reason": "no approved claim backs '#1 filter'",
            }
        ],
    }
    other = {
        **mine,
        "id": "x2",
        "subject_id": "cmp-1-sms-US-A",
        "edited_by": None,
        "reasons": ["unsupported claim"],
        "asset": {**asset, "id": "cmp-1-sms-US-A", "channel": "sms"},
    }
    card = review_card({"kind": "exceptions", "options": ["approve", "edit", "reject"], "items": [mine]})
    assert card.items[0].edited_by == "bo" and card.items[0].asset_fields["body"] == ASSET["body"]
    assert card.intro.startswith(
        "bo's edit of 1 asset(s) failed a check: it comes back to the reviewer with the findings, unchanged"
    )
    assert "Content may not settle" not in card.intro
    mixed = review_card(
        {"kind": "exceptions", "options": ["approve", "edit", "reject"], "items": [mine, other]}
    )
    assert [i.edited_by for i in mixed.items] == ["bo", ""]
    assert mixed.intro.startswith("bo's edit") and mixed.intro.endswith(
        "1 other check(s) failed and Content may not settle them on its own."
    )
    plain_card = review_card(
        {"kind": "exceptions", "options": ["approve", "edit", "reject"], "items": [other]}
    )
    assert plain_card.intro == "These checks failed and Content may not settle them on its own."


def test_the_campaign_page_says_when_no_kill_switch_covers_it() -> None:
    from graph.views.safety import switch_off_line
    from tools.killswitch import SwitchState

    values = {"blueprint": {"channels": [{"channel": "email", "regions": ["US"]}]}}
    assert switch_off_line([SwitchState("global", False, "ops", "", "t")], values) == (
        "Kill-switch off for this campaign (email/US): nothing blocks it."
    )
    line = switch_off_line([SwitchState("channel:sms", True, "ops", "", "t")], values)
    assert line.endswith("On elsewhere: channel:sms.")
