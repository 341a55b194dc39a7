"""Exception routing, safe fixes and the Content fan-out, each branch tested directly (no graph run)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from graph.contracts import (
    Asset,
    Brief,
    ChannelDraft,
    Finding,
    GovernanceException,
    KPITarget,
    Money,
    PlanDraft,
    ValidatorResult,
)
from graph.nodes.content import content_tasks
from graph.nodes.human_review import apply_safe_fixes
from graph.nodes.planner import build_blueprint
from graph.review.autonomy import Autonomy
from graph.routing import (
    after_approval,
    back_to_editor,
    converge,
    decide,
    fingerprint,
    route_exceptions,
    scopes_needing_approval,
)
from guards.claims import VALIDATOR as CLAIMS
from guards.disclaimers import VALIDATOR as DISCLAIMERS

KEY = "The pitcher filters in 60 seconds."


def _asset(
    aid: str = "c-email-US-A",
    version: int = 1,
    body: str = "Meet MaxFlow. It removes 99% of lead.",
    channel: str = "email",
    region: str = "US",
    spans: list[str] | None = None,
) -> Asset:
    return Asset.model_validate(
        {
            "id": aid,
            "version": version,
            "channel": channel,
            "variant": "A",
            "region": region,
            "subject": "Hello",
            "body": body,
            "cta": "Shop",
            "prompt_version": "p",
            "prompt_hash": "h",
            "library_version": "1",
            "model": "offline",
            "disclaimer_spans": spans or [],
        }
    )


def _exc(
    subject: str = "c-email-US-A",
    route: str = "content",
    validator: str = CLAIMS,
    text: str = "x",
    fix: str | None = None,
    subject_type: str = "asset",
) -> GovernanceException:
    return GovernanceException.model_validate(
        {
            "id": f"{subject}|{validator}|{text}",
            "subject_type": subject_type,
            "subject_id": subject,
            "validator": validator,
            "reasons": [f"{validator} failed"],
            "route": route,
            "findings": [{"text": text, "verdict": "unsupported", "suggested_fix": fix}],
        }
    )


# -- route_exceptions: rules 1 and 2 -------------------------------------------------------------------------------


def test_accepted_exception_is_dropped_only_on_the_version_it_was_accepted_on() -> None:
    exc = _exc()
    accepted = {fingerprint(exc, 2)}
    assert route_exceptions([exc], key_messages=[], accepted=accepted, versions={exc.subject_id: 2}) == []
    again = route_exceptions([exc], key_messages=[], accepted=accepted, versions={exc.subject_id: 3})
    assert again == [exc]


def test_content_rewrite_of_the_marketers_key_message_goes_to_a_human() -> None:
    on_key = _exc(text="the pitcher filters in 60 SECONDS")  # matched after normalising case and punctuation
    elsewhere = _exc(text="Cures everything.")
    routed = route_exceptions([on_key, elsewhere], key_messages=[KEY, "  "], accepted=set(), versions={})
    assert [e.route for e in routed] == ["human", "content"]
    assert routed[0].reasons[-1] == "the flagged line is the marketer's key message: a human decides"
    assert routed[1] == elsewhere


def test_a_human_route_stays_human_without_an_extra_reason() -> None:
    exc = _exc(route="human", text=KEY)
    assert route_exceptions([exc], key_messages=[KEY], accepted=set(), versions={}) == [exc]


# -- converge: rule 3 --------------------------------------------------------------------------------------------


def test_a_revision_that_does_not_reduce_findings_goes_to_a_human() -> None:
    v1, v2 = _asset(version=1), _asset(version=2, body="Meet MaxFlow. It removes 98% of lead.")
    _, history, _ = converge({}, [v1], [_exc(text="a")], max_revisions=2)
    history = {k: [{**e, "route": "content"} for e in v] for k, v in history.items()}
    routed, history, stalled = converge(history, [v2], [_exc(text="a")], max_revisions=2)
    assert stalled == {}
    assert routed[0].route == "human" and "did not reduce the findings (1 -> 1)" in routed[0].reasons[-1]
    assert [e["version"] for e in history[v2.id]] == [1, 2]


def test_a_revision_that_reduces_findings_stays_with_content() -> None:
    v1, v2 = _asset(version=1), _asset(version=2)
    _, history, _ = converge({}, [v1], [_exc(text="a"), _exc(text="b")], max_revisions=2)
    history = {k: [{**e, "route": "content"} for e in v] for k, v in history.items()}
    routed, _, stalled = converge(history, [v2], [_exc(text="a")], max_revisions=2)
    assert stalled == {} and [e.route for e in routed] == ["content"]


def test_an_approved_fix_that_did_not_hold_withholds_the_asset() -> None:
    v1, v2 = _asset(version=1), _asset(version=2)
    _, history, _ = converge({}, [v1], [_exc(text="a")], max_revisions=2)
    history = {k: [{**e, "approved": True, "route": "human"} for e in v] for k, v in history.items()}
    other = _exc(subject="list-email", subject_type="list", route="human")
    routed, history, stalled = converge(history, [v2], [_exc(text="a"), other], max_revisions=2)
    assert routed == [other]
    assert "the approved fix did not remove 1 finding(s)" in stalled[v2.id]
    assert history[v2.id][-1]["route"] == "withheld"


def test_an_asset_past_its_version_bound_is_withheld() -> None:
    late = _asset(version=1 + 2 + 3)
    routed, _, stalled = converge({}, [late], [_exc(text="a")], max_revisions=2)
    assert routed == [] and stalled[late.id] == "still failing at v6 (bound v6); withheld for an edit"


# -- back_to_editor: rule 4 --------------------------------------------------------------------------------------


def test_a_finding_on_the_reviewers_edit_goes_back_to_the_reviewer() -> None:
    exc = _exc()
    edits = {exc.subject_id: {"version": 3, "approver": "ana@brand.test"}}
    back = back_to_editor(exc, edits, {exc.subject_id: 3})
    assert back.route == "human" and back.reasons[-1].startswith("this is ana@brand.test's edit")
    assert back_to_editor(exc, edits, {exc.subject_id: 4}) == exc  # a later Content version is Content's
    blueprint_exc = _exc(subject_type="blueprint")
    assert back_to_editor(blueprint_exc, edits, {exc.subject_id: 3}) == blueprint_exc


# -- decide: all rules, then the autonomy dial (rule 5) ------------------------------------------------------------


def _decide(
    exceptions: list[GovernanceException],
    assets: list[Asset],
    *,
    dial: str = "assisted",
    approved: bool = False,
    edits: dict[str, Any] | None = None,
) -> Any:
    return decide(
        exceptions,
        assets=assets,
        key_messages=[KEY],
        accepted=set(),
        human_edits=edits or {},
        history={},
        max_revisions=2,
        autonomy=Autonomy.parse(dial),
        launch_approved=approved,
    )


def test_decide_sends_rewrites_to_content_first() -> None:
    a, b = _asset(), _asset("c-sms-US-A", channel="sms")
    routing = _decide([_exc(), _exc(subject=b.id, route="human")], [a, b])
    assert routing.next == "content"
    assert [e.subject_id for e in routing.to_content] == [a.id] and [
        e.subject_id for e in routing.to_human
    ] == [b.id]
    assert routing.history[a.id][-1]["route"] == "content" and routing.history[b.id][-1]["route"] == "human"


def test_decide_sends_the_reviewers_edit_to_a_human_not_content() -> None:
    a = _asset(version=2)
    routing = _decide([_exc()], [a], edits={a.id: {"version": 2, "approver": "ana"}})
    assert routing.next == "human" and routing.to_content == []


@pytest.mark.parametrize(
    ("dial", "approved", "expected", "scopes"),
    [
        ("assisted", False, "launch_review", [("email", "US"), ("sms", "EU")]),
        ("assisted", True, "publish", [("email", "US"), ("sms", "EU")]),
        ("default=assisted,sms=auto", False, "launch_review", [("email", "US")]),
        ("auto", False, "publish", []),
        ("default=auto,email:US=manual", False, "launch_review", [("email", "US")]),
    ],
)
def test_with_no_exception_the_dial_decides_the_launch(
    dial: str, approved: bool, expected: str, scopes: list[tuple[str, str]]
) -> None:
    assets = [_asset(), _asset("c-sms-EU-A", channel="sms", region="EU")]
    routing = _decide([], assets, dial=dial, approved=approved)
    assert routing.next == expected and routing.exceptions == []
    assert scopes_needing_approval(assets, Autonomy.parse(dial)) == scopes
    assert routing.launch_scopes == (scopes if expected == "launch_review" else [])


def test_an_asset_withheld_this_pass_is_not_on_the_launch_card() -> None:
    late = _asset("c-sms-EU-A", version=1 + 2 + 3, channel="sms", region="EU")
    routing = _decide([_exc(subject=late.id, text="a")], [_asset(), late])
    assert routing.next == "launch_review" and late.id in routing.withheld
    assert routing.launch_scopes == [("email", "US")]


def test_an_exception_is_never_granted_by_the_dial() -> None:
    routing = _decide([_exc(route="human")], [_asset()], dial="auto")
    assert routing.next == "human"


@pytest.mark.parametrize(
    ("fixed", "edited", "expected"),
    [(True, False, "fixed"), (True, True, "fixed"), (False, False, "redraft"), (False, True, "reviewer")],
)
def test_after_approval(fixed: bool, edited: bool, expected: str) -> None:
    assert after_approval(fixed=fixed, edited_by_reviewer=edited) == expected


# -- apply_safe_fixes --------------------------------------------------------------------------------------------


def test_safe_fix_replaces_the_flagged_sentence_with_the_approved_wording() -> None:
    asset = _asset(body="Meet MaxFlow. It removes all lead. Order today.")
    fixed = apply_safe_fixes(asset, [_exc(text="It removes all lead.", fix="It reduces lead by 99%.")])
    assert fixed is not None
    assert fixed.body == "Meet MaxFlow. It reduces lead by 99%. Order today."
    assert fixed.version == 2 and fixed.revision_notes == [f"approved fix: {CLAIMS} failed"]


def test_safe_fix_removes_a_flagged_sentence_without_approved_wording() -> None:
    asset = _asset(body="Meet MaxFlow. Doctors love it. Order today.")
    fixed = apply_safe_fixes(asset, [_exc(validator="liftoff/tone", text="Doctors love it.", fix="ignored")])
    assert fixed is not None and fixed.body == "Meet MaxFlow. Order today."


def test_safe_fix_adds_a_missing_disclaimer_verbatim_and_protects_it() -> None:
    asset = _asset(body="Meet MaxFlow.")
    fixed = apply_safe_fixes(asset, [_exc(validator=DISCLAIMERS, text="", fix="Results vary.")])
    assert fixed is not None and fixed.body == "Meet MaxFlow. Results vary."
    assert fixed.disclaimer_spans == ["Results vary."]


def test_no_safe_fix_when_nothing_changes_the_body_would_be_blank_or_a_guard_still_fails() -> None:
    asset = _asset(body="Meet MaxFlow.")
    assert apply_safe_fixes(asset, [_exc(text="Not in the copy.")]) is None
    assert apply_safe_fixes(asset, [_exc(validator="liftoff/tone", text="Meet MaxFlow.")]) is None
    failing = ValidatorResult(
        validator=CLAIMS, passed=False, findings=[Finding(text="t", verdict="unsupported")]
    )
    two = _asset(body="Meet MaxFlow. Cures all.")
    assert apply_safe_fixes(two, [_exc(text="Cures all.")], verify=lambda _a: [failing]) is None
    assert apply_safe_fixes(two, [_exc(text="Cures all.")], verify=lambda _a: []) is not None


def test_a_disclaimer_span_is_never_edited() -> None:
    asset = _asset(body="Meet MaxFlow. Results vary by water.", spans=["Results vary by water."])
    assert apply_safe_fixes(asset, [_exc(text="Results vary")]) is None


# -- content_tasks -----------------------------------------------------------------------------------------------


def _state() -> dict[str, Any]:
    brief = Brief(
        text="b",
        brand="brightwell",
        goal="g",
        audience="a",
        budget=Money(amount=1000, currency="USD"),
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 28),
        regions=["US", "UK"],
        key_messages=[KEY],
    )
    draft = PlanDraft(
        campaign_name="c",
        objective="o",
        kpi_targets=[KPITarget(name="signups", target=1)],
        channels=[
            ChannelDraft(
                channel="email", share=0.5, regions=["US", "UK"], variants=["A", "B"], rationale="r"
            ),
            ChannelDraft(channel="sms", share=0.5, regions=["US"], variants=["A"], rationale="r"),
        ],
    )
    blueprint = build_blueprint(brief, draft, "p").model_dump(mode="json")
    return {
        "campaign_id": "c",
        "trace_id": "t",
        "brand": "brightwell",
        "blueprint": blueprint,
        "assets": {"c-email-US-A": _asset().model_dump(mode="json")},
        "key_message_overrides": {"UK::" + KEY: "It filters fast."},
    }


def test_content_tasks_fan_out_one_send_per_channel_region_variant() -> None:
    sends = content_tasks(_state())
    tasks = [s.arg for s in sends]
    assert {s.node for s in sends} == {"content"}
    assert [(t["channel"], t["region"], t["variant"]) for t in tasks] == [
        ("email", "US", "A"),
        ("email", "US", "B"),
        ("email", "UK", "A"),
        ("email", "UK", "B"),
        ("sms", "US", "A"),
    ]
    assert [t["version"] for t in tasks] == [2, 1, 1, 1, 1]
    assert tasks[0]["key_messages"] == [KEY] and tasks[2]["key_messages"] == ["It filters fast."]
    assert all(t["findings"] == [] for t in tasks)


def test_content_tasks_on_a_revision_send_only_the_flagged_assets_with_their_findings() -> None:
    findings = {"c-email-US-A": [{"text": "x", "validator": CLAIMS}]}
    sends = content_tasks(_state(), findings)
    assert len(sends) == 1
    task = sends[0].arg
    assert task["findings"] == findings["c-email-US-A"] and task["previous"]["version"] == 1
    assert content_tasks(_state(), {}) == []
