"""The marketer's flows through the real app (Streamlit AppTest) on the embedded defaults.

The graph runs in the app's background worker; ``settle`` reruns the page until it shows the expected state,
exactly as the browser's polling fragment does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evals.netguard import OUTBOUND_ATTEMPTS
from graph.review.decisions import item_id
from graph.runtime.runner import Campaigns
from graph.runtime.settings import Settings
from tests.app.conftest import (
    CLEAN_BRIEF,
    EXAMPLE_BRIEF,
    approve_budget_reviews,
    approve_until_launched,
    button,
    has_status,
    open_app,
    page_text,
    plain,
    settle,
    status_labels,
    status_line,
    steps,
)


def _campaigns() -> Campaigns:
    return Campaigns(Settings.from_env())


def _chat(at, text: str):  # type: ignore[no-untyped-def]
    at.chat_input[0].set_value(text)
    return at.run()


def test_example_brief_streams_agents_stops_for_the_exception_then_approve_launches() -> None:
    at = open_app()
    assert at.header[0].value == "What are we launching?"
    assert any("not an LLM" in i.value for i in at.info)
    at = _chat(at, EXAMPLE_BRIEF)
    cid = at.query_params["campaign"]
    assert cid.startswith("cmp-")
    settle(at, has_status("Awaiting approval"))

    # the brief, as typed, rendered as plain text
    assert EXAMPLE_BRIEF.strip() in [t.value for t in at.text]
    # one status block per agent stage, with what it decided
    labels = status_labels(at)
    for agent in ("Planner", "Content", "Data", "Governance"):
        assert any(label.startswith(agent) for label in labels), labels
    assert not at.status  # nothing running any more
    assert all(icon in (":material/check_circle:", ":material/warning:") for _, icon in steps(at))
    assert any(icon == ":material/warning:" for label, icon in steps(at) if label.startswith("Governance"))
    assert any("40,000" in label for label in labels)
    # the approval card: the flagged key message, why, the approved wording and the safe fix
    text = page_text(at)
    assert "governance exception" in text
    assert "99.9%" in text and "Why:" in text and "Approved wording" in text
    assert {"Approve", "Reject the campaign"} <= {b.label for b in at.button}
    # one decision per item: an asset can also be edited, anything else approved or rejected
    prefix = f"item-{cid}-0-"
    pending = _campaigns().result(cid).pending_review or {}
    expected = {
        item_id(i): ["Approve", "Edit", "Reject"]
        if i.get("subject_type") == "asset"
        else ["Approve", "Reject"]
        for i in pending.get("items") or []
    }
    assert expected
    assert {
        r.key.removeprefix(prefix): r.options for r in at.radio if r.key and r.key.startswith(prefix)
    } == expected
    # review tabs: blueprint split, lists as counts only
    assert any("budget" in df.value.columns for df in at.dataframe)  # the blueprint's channel split
    assert any("field" in df.value.columns for df in at.dataframe)  # the brief's facts
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", "\n".join(df.value.to_csv() for df in at.dataframe))

    at.text_input(key=f"comment-{cid}-0").input("ok with the safe fix")
    button(at, "Approve").click().run()
    approve_budget_reviews(at)
    values = _campaigns().result(cid).values
    decision = values["decisions"][0]
    assert (decision["decision"], decision["approver"], decision["comment"]) == (
        "approve",
        "test@example.com",
        "ok with the safe fix",
    )
    assert values["scorecard"] and values["programs"]
    # the live scorecard, the audit trail and the event stream
    metrics = {m.label: m.value for m in at.metric}
    assert {"Conversions", "Spend", "Lift vs control", "SLA adherence", "Escalation rate"} <= set(metrics)
    audit = next(df.value for df in at.dataframe if "who" in df.value.columns)
    assert "test@example.com" in set(audit["who"]) and "ok with the safe fix" in set(audit["comment"])
    assert {
        "Download the trace (JSONL)",
        "Copy deck (CSV)",
        "Copy deck (HTML)",
        "Campaign report (HTML)",
    } <= {d.label for d in at.download_button}
    labels = status_labels(at)
    assert any(label.startswith("Human review: approved by test@example.com") for label in labels), labels
    assert any(label.startswith("Analytics") for label in labels)
    # each factual sentence links to the approved claim it rests on
    assert "rests on" in page_text(at)
    # follow the lift: more simulated days of the Optimizer, in the background
    day = values["day"]
    at.number_input(key=f"days-{cid}").set_value(2).run()
    button(at, "Run optimizer days").click().run()
    approve_budget_reviews(at)
    later = _campaigns().result(cid)
    assert later.status == "launched" and later.values["day"] > day
    assert later.values["scorecard"]["spend"] > values["scorecard"]["spend"]
    assert OUTBOUND_ATTEMPTS == []


def test_reject_ends_the_campaign_with_who_and_why() -> None:
    at = _chat(open_app(), EXAMPLE_BRIEF)
    cid = at.query_params["campaign"]
    settle(at, has_status("Awaiting approval"))
    at.text_input(key=f"comment-{cid}-0").input("off-brand claim")
    button(at, "Reject the campaign").click().run()
    settle(at, has_status("Rejected"))
    result = _campaigns().result(cid)
    assert result.status == "rejected" and not result.values.get("programs")
    assert "off-brand claim" in result.reason
    assert not [b for b in at.button if b.label == "Approve"]
    assert any(
        label.startswith("Human review: rejected") and icon == ":material/error:" for label, icon in steps(at)
    )


def test_brief_without_budget_asks_in_chat_and_the_answer_resumes() -> None:
    brief = (
        "Launch our new Brightwell MaxFlow Pitcher in the US. Target: families. Goal: drive online orders. "
        "Use email.\nNote: <script>alert('x')</script> **not bold**"
    )
    at = _chat(open_app(), brief)
    cid = at.query_params["campaign"]
    settle(at, has_status("Needs your answer"))
    texts = [t.value for t in at.text]
    assert any("total budget" in t.lower() for t in texts)
    assert brief in texts  # untrusted text: rendered verbatim as text
    assert not any("<script>" in m.value for m in at.markdown)  # never as markdown/HTML
    assert at.chat_input[0].placeholder == "Answer the Planner's question..."
    at = _chat(at, "Budget: $15k")
    approve_budget_reviews(at)
    values = _campaigns().result(cid).values
    assert values["blueprint"]["total_budget"] == 15_000
    assert values["decisions"][0]["decision"] == "answer"


def test_restart_loses_nothing_and_an_interrupted_campaign_resumes(liftoff_home: Path) -> None:
    import streamlit as st

    first = _chat(open_app(), EXAMPLE_BRIEF)
    waiting = first.query_params["campaign"]
    settle(first, has_status("Awaiting approval"))
    # a worker dies mid-run: planner done, the rest never ran
    campaigns = _campaigns()
    graph_input = campaigns.new_input(CLEAN_BRIEF)
    stream = campaigns.stream(graph_input, graph_input["campaign_id"])
    assert next(stream)[0] == "planner"
    stream.close()  # type: ignore[attr-defined]
    campaigns.close()
    stopped = graph_input["campaign_id"]

    st.cache_resource.clear()  # an app restart: no workers, no cached stores
    at = open_app()
    listed = {b.help.split(":")[0] for b in at.sidebar.button if b.help}
    assert {waiting, stopped} <= listed
    next(b for b in at.sidebar.button if b.help and b.help.startswith(waiting)).click().run()
    assert status_line(at).startswith("Awaiting approval") and button(at, "Approve")

    at = open_app(campaign=stopped)
    assert status_line(at).startswith("Stopped mid-run")
    button(at, "Resume where it stopped").click().run()
    approve_budget_reviews(at)
    result = _campaigns().result(stopped)
    assert result.status == "launched" and result.values["agents_run"][0] == "planner"


def test_only_listed_approvers_see_the_controls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFTOFF_APPROVERS", "lead@brightwell.example")
    campaigns = _campaigns()
    cid = campaigns.start(EXAMPLE_BRIEF).thread_id
    campaigns.close()

    viewer = open_app(campaign=cid)
    assert status_line(viewer).startswith("Awaiting approval")
    assert not [b for b in viewer.button if b.label in ("Approve", "Reject the campaign")]
    assert any("Only approvers can decide" in plain(i.value) for i in viewer.info)
    assert viewer.chat_input[0].disabled
    assert any("viewer" in plain(c.value) for c in viewer.sidebar.caption)

    signed_out = open_app(user={"is_logged_in": False}, campaign=cid)
    assert [b.label for b in signed_out.sidebar.button][0] == "Sign in"

    lead = open_app(user={"is_logged_in": True, "email": "lead@brightwell.example"}, campaign=cid)
    button(lead, "Approve").click().run()
    approve_budget_reviews(lead)
    assert _campaigns().result(cid).values["decisions"][0]["approver"] == "lead@brightwell.example"


def test_sidebar_controls_kill_switch_autonomy_and_model(liftoff_home: Path) -> None:
    at = open_app()
    at.radio(key="ks-scope").set_value("channel").run()
    at.selectbox(key="ks-channel").set_value("sms").run()
    at.text_input(key="ks-reason").input("carrier outage").run()
    button(at, "Engage").click().run()
    services = _campaigns().services
    assert services.kill_switch.check("sms", "US") is not None and services.kill_switch.check("email") is None
    assert any("channel:sms" in plain(e.value) for e in at.sidebar.error)
    controls = [e for e in services.events.iter_trace("control") if e.type == "control.kill_switch"]
    assert controls[-1].payload["actor"] == "test@example.com"
    button(at, "Release").click().run()
    assert services.kill_switch.check("sms") is None

    at.text_input(key="autonomy-scoped").input("sms=sometimes").run()
    button(at, "Set autonomy").click().run()
    assert any("autonomy" in plain(e.value) for e in at.sidebar.error)
    assert not (liftoff_home / "app_settings.json").exists()  # a refused setting writes nothing
    at.select_slider(key="autonomy-default").set_value("manual").run()
    at.text_input(key="autonomy-scoped").input("sms=auto").run()
    button(at, "Set autonomy").click().run()
    assert "default=manual,sms=auto" in (liftoff_home / "app_settings.json").read_text()
    assert any("Now: default=manual,sms=auto" in plain(c.value) for c in at.sidebar.caption)

    at.radio(key="engine").set_value("provider").run()
    assert any(t.label == "provider:model" for t in at.sidebar.text_input)
    button(at, "Use this model").click().run()
    assert any("Enter a model name" in plain(e.value) for e in at.sidebar.error)
    assert json.loads((liftoff_home / "app_settings.json").read_text())["model"] is None  # nothing saved


def test_errors_are_readable_and_keep_the_brief(liftoff_home: Path) -> None:
    import socket

    with socket.socket() as s:  # a loopback port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    at = open_app()
    at.radio(key="engine").set_value("server").run()
    fields = {t.label: t for t in at.sidebar.text_input}
    fields["Base URL"].input(f"http://127.0.0.1:{port}/v1").run()
    fields = {t.label: t for t in at.sidebar.text_input}
    fields["Model name"].input("smollm2").run()
    button(at, "Use this model").click().run()
    assert any("smollm2" in plain(c.value) for c in at.sidebar.caption)
    at = _chat(at, CLEAN_BRIEF)
    errors = [plain(e.value) for e in at.error]
    assert any("unreachable" in e and "offline" in e for e in errors), errors
    assert CLEAN_BRIEF in [c.value for c in at.code]  # the brief is kept to resend
    assert not at.query_params.get("campaign") and _campaigns().list() == []

    at.radio(key="engine").set_value("offline").run()
    button(at, "Use this model").click().run()
    at = _chat(at, "   ")
    assert any("the brief is empty" in plain(e.value) for e in at.error), [e.value for e in at.error]


def test_edit_the_copy_instead_of_the_safe_fix() -> None:
    at = _chat(open_app(), EXAMPLE_BRIEF)
    cid = at.query_params["campaign"]
    settle(at, has_status("Awaiting approval"))
    flagged = "Brightwell removes 99.9% of lead and is the #1 filter in America."
    pending = _campaigns().result(cid).pending_review
    ids = [i["subject_id"] for i in pending["items"] if flagged in ((i.get("asset") or {}).get("body") or "")]
    assert ids, pending
    for aid in dict.fromkeys(ids):
        at.radio(key=f"item-{cid}-0-{aid}").set_value("edit")
    at.run()
    for aid in dict.fromkeys(ids):
        area = at.text_area(key=f"edit-{cid}-0-{aid}-body")
        area.input(
            area.value.replace(flagged, "Brightwell cartridges remove up to 99% of lead from tap water.")
        )
    at.run()
    button(at, "Apply these decisions").click().run()
    approve_until_launched(at)
    values = _campaigns().result(cid).values
    decision = values["decisions"][0]
    assert decision["approver"] == "test@example.com"
    assert {k for k, v in decision["item_decisions"].items() if v["decision"] == "edit"} == set(ids)
    for aid in ids:
        asset = values["assets"][aid]
        assert flagged not in asset["body"] and asset["version"] >= 2
        assert "99% of lead from tap water" in asset["body"]  # the reviewer's words shipped


def test_manual_autonomy_asks_before_launch(liftoff_home: Path) -> None:
    at = open_app()
    at.select_slider(key="autonomy-default").set_value("manual").run()
    button(at, "Set autonomy").click().run()
    assert any("Now: default=manual" in plain(c.value) for c in at.sidebar.caption)
    at = _chat(at, CLEAN_BRIEF)
    cid = at.query_params["campaign"]
    settle(at, lambda a: "Approve the launch" in page_text(a))
    assert "Nothing is published until you approve" in page_text(at)
    assert not _campaigns().result(cid).values.get("programs")  # nothing published before the click
    titles = approve_until_launched(at)
    assert titles[0].endswith("Approve the launch")
    kinds = [d["kind"] for d in _campaigns().result(cid).values["decisions"]]
    assert kinds[0] == "launch" and set(kinds) <= {"launch", "budget"}


def test_campaign_page_kill_switch_release_is_read_by_the_whole_page_then_held_programs_publish_once(
    liftoff_home: Path,
) -> None:
    c = _campaigns()
    c.services.kill_switch.set(True, actor="ops@brightwell.example", reason="complaint spike")
    held = c.resume(c.start(CLEAN_BRIEF).thread_id, {"decision": "approve", "approver": "ana"})
    assert held.status == "held", (held.status, held.reason)
    cid, n_held = held.thread_id, len(held.values["programs"])
    at = open_app(campaign=cid)
    assert any("Kill-switch ON (global)" in plain(e.value) for e in at.main.error)  # on the campaign page
    assert [e.label for e in at.sidebar.expander if e.label.startswith("Kill-switch")] == [
        "Kill-switch (1 on)"
    ]
    button(at, "Publish what the kill-switch held back").click().run()
    assert any(re.search(r"still holds .*release it first", plain(e.value)) for e in at.main.error), (
        page_text(at)
    )
    button(at, "Release kill-switch (global)").click().run()
    # the same run that released it shows it released everywhere: sidebar, banner, the campaign page's line
    assert [e.label for e in at.sidebar.expander if e.label.startswith("Kill-switch")] == ["Kill-switch"]
    assert not any("Kill-switch ON" in plain(e.value) for e in at.main.error)
    assert any(
        plain(x.value).endswith(
            "Kill-switch off for this campaign (email/US, paid_search/US): nothing blocks it."
        )
        for x in at.main.caption
    ), page_text(at)
    button(at, "Publish what the kill-switch held back").click().run()
    approve_budget_reviews(at)
    values = _campaigns().result(cid).values
    assert len(values["programs"]) == n_held and all(
        p["status"] == "published" for p in values["programs"].values()
    )
    events = list(_campaigns().services.events.iter_trace(held.trace_id))
    assert sum(e.type == "orchestrator.published" for e in events) == n_held  # each held program exactly once
    assert [e.payload["actor"] for e in events if e.type == "control.relaunch"] == ["test@example.com"]
