"""One decision per item: per-asset reject with the rest launching, reviewer edits that come back with their
findings, asset versions with diff and restore, the launch card at the default level, per-change budget calls."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.review.asset_versions import diff_lines, history
from graph.review.decisions import ApprovalRefused
from graph.runtime.driver import RunResult
from graph.runtime.runner import Campaigns
from tests.graph.conftest import CLEAN_BRIEF, EXAMPLE_BRIEF, make_settings


def _events(c: Campaigns, trace_id: str, kind: str) -> list[Any]:
    return [e for e in c.services.events.iter_trace(trace_id) if e.type == kind]


def _ids(result: RunResult) -> list[str]:
    from graph.review.decisions import item_ids

    return item_ids(result.pending_review or {})


def test_rejecting_one_asset_withdraws_it_and_the_rest_launches_after_the_launch_card(
    campaigns: Campaigns,
) -> None:
    first = campaigns.start(EXAMPLE_BRIEF)
    assert first.pending_review and first.pending_review["kind"] == "exceptions"
    rejected = next(i for i in _ids(first) if "-email-" in i)
    card = campaigns.resume(
        first.thread_id,
        {
            "decision": "approve",
            "approver": "ana@brightwell.example",
            "items": {rejected: {"decision": "reject", "comment": "off-tone"}},
        },
    )
    # the campaign goes on; at the default (assisted) level a human approves the launch on the whole copy deck
    assert card.status == "awaiting_approval" and card.pending_review["kind"] == "launch"
    items = card.pending_review["items"]
    live_assets = {a for a in card.values["assets"] if a not in card.values["withheld_assets"]}
    assert {i["id"] for i in items if i["type"] == "asset"} == live_assets and rejected not in live_assets
    assert all(i["asset"]["body"] for i in items if i["type"] == "asset")  # the copy itself, not only ids
    lists = [i for i in items if i["type"] == "list"]
    assert {i["channel"] for i in lists} == {"email", "paid_social", "paid_search"}
    assert all(i["eligible"] > 0 and sum(i["by_region"].values()) > 0 for i in lists)
    assert not card.values.get("programs")  # nothing published before the launch approval
    done = campaigns.resume(card.thread_id, {"decision": "approve", "approver": "ana@brightwell.example"})
    assert done.status in ("launched", "awaiting_approval"), done.reason
    published = {p["asset_id"] for p in done.values["programs"].values() if p["status"] == "published"}
    assert rejected not in published and published == live_assets
    decided = _events(campaigns, first.trace_id, "human.item_decision")
    mine = [e.payload for e in decided if e.payload["item"] == rejected]
    assert mine == [
        {
            "kind": "exceptions",
            "item": rejected,
            "decision": "reject",
            "approver": "ana@brightwell.example",
            "comment": "off-tone",
        }
    ]
    assert done.values["decisions"][0]["item_decisions"][rejected]["decision"] == "reject"


def test_an_edit_that_fails_a_guard_comes_back_to_the_reviewer_intact_with_history_and_restore(
    campaigns: Campaigns,
) -> None:
    first = campaigns.start(EXAMPLE_BRIEF)
    aid = next(i for i in _ids(first) if "-email-US-" in i)
    before = first.values["assets"][aid]
    edited_body = "Pure taste for the whole family. Removes 100% of every contaminant, guaranteed forever."
    back = campaigns.resume(
        first.thread_id,
        {
            "decision": "approve",
            "approver": "bo@brightwell.example",
            "items": {aid: {"decision": "edit", "edits": {"body": edited_body}}},
        },
    )
    assert back.status == "awaiting_approval" and back.pending_review["kind"] == "exceptions"
    mine = [i for i in back.pending_review["items"] if i["subject_id"] == aid]
    assert mine, back.pending_review
    assert mine[0]["asset"]["body"] == edited_body  # intact: not rewritten by Content
    assert any("bo@brightwell.example's edit" in r for i in mine for r in i["reasons"])
    assert any("100%" in f["text"] for i in mine for f in i["findings"])  # the findings and their text
    contents = [
        e for e in _events(campaigns, first.trace_id, "content.asset") if e.payload["asset_id"] == aid
    ]
    assert [e.payload["version"] for e in contents] == [before["version"]]  # Content never touched the edit
    versions = history(back.values["asset_versions"], aid)
    assert [v.version for v in versions] == [before["version"], before["version"] + 1]
    assert versions[-1].author == "bo@brightwell.example" and versions[0].author.startswith("content")
    diff = diff_lines(versions[0].fields, versions[1].fields)
    assert (
        "body",
        "+",
        "Pure taste for the whole family. Removes 100% of every contaminant, guaranteed forever.",
    ) in diff or any(op == "+" and "100%" in text for _, op, text in diff)
    # restore the first version: a new version with the old text, checked again, still the reviewer's
    restored = campaigns.resume(
        back.thread_id,
        {
            "decision": "approve",
            "approver": "bo@brightwell.example",
            "items": {aid: {"decision": "restore", "version": 1}},
        },
    )
    now = restored.values["assets"][aid]
    assert now["version"] == before["version"] + 2 and now["body"] == before["body"]
    assert "v1 restored by bo@brightwell.example" in now["revision_notes"]
    with pytest.raises(ApprovalRefused, match="no version 9"):
        campaigns.resume(
            restored.thread_id,
            {"decision": "approve", "approver": "bo", "items": {aid: {"decision": "restore", "version": 9}}},
        )


def test_unknown_items_and_bad_item_actions_are_refused_with_one_line(campaigns: Campaigns) -> None:
    first = campaigns.start(EXAMPLE_BRIEF)
    list_item = next(i for i in _ids(first) if i.startswith("list-"))
    for items, message in (
        ({"nope": {"decision": "reject"}}, "no item 'nope' on this card"),
        ({list_item: {"decision": "edit", "edits": {"body": "x"}}}, "is not an asset"),
        ({_ids(first)[0]: {"decision": "edit", "edits": {"body": " "}}}, "body cannot be empty"),
        ({_ids(first)[0]: {"decision": "restore"}}, "needs the version"),
    ):
        bad = {"decision": "approve", "approver": "ana", "items": items}
        with pytest.raises(ApprovalRefused, match=message):
            campaigns.resume(first.thread_id, bad)
    assert campaigns.result(first.thread_id).status == "awaiting_approval"  # nothing consumed


def test_rejecting_a_list_on_the_launch_card_withholds_its_channel(campaigns: Campaigns) -> None:
    card = campaigns.start(CLEAN_BRIEF)
    assert card.pending_review and card.pending_review["kind"] == "launch"
    done = campaigns.resume(
        card.thread_id,
        {"decision": "approve", "approver": "ana", "items": {"list:email": {"decision": "reject"}}},
    )
    channels = {p["channel"] for p in done.values["programs"].values()}
    assert channels == {"paid_search"}
    assert all("-email-" in a for a in done.values["withheld_assets"])


def test_rejecting_every_asset_ends_the_campaign_plainly(campaigns: Campaigns) -> None:
    card = campaigns.start(CLEAN_BRIEF)
    items = {i: {"decision": "reject"} for i in _ids(card) if not i.startswith("list:")}
    done = campaigns.resume(card.thread_id, {"decision": "approve", "approver": "ana", "items": items})
    assert done.status == "rejected" and "every asset was rejected by ana" in done.reason
    assert not done.values.get("programs")


def test_auto_scopes_publish_without_a_click_and_the_rest_waits(liftoff_home: Path) -> None:
    c = Campaigns(
        make_settings(liftoff_home, autonomy="default=assisted,paid_search=auto", approval_threshold=10.0)
    )
    card = c.start(CLEAN_BRIEF)
    assert card.pending_review and card.pending_review["kind"] == "launch"
    assert {i["channel"] for i in card.pending_review["items"]} == {"email"}
    assert card.pending_review["auto_scopes"] == ["paid_search/US"]
    c.close()
    auto = Campaigns(make_settings(liftoff_home, autonomy="auto", approval_threshold=10.0))
    result = auto.start(CLEAN_BRIEF)
    assert result.status == "launched" and not result.values.get("decisions")
    auto.close()


def test_budget_changes_are_decided_one_by_one(liftoff_home: Path) -> None:
    c = Campaigns(make_settings(liftoff_home, autonomy="default=assisted", approval_threshold=0.0))
    result = c.start(CLEAN_BRIEF)
    result = c.resume(result.thread_id, {"decision": "approve", "approver": "ana"})
    for _ in range(6):
        if result.pending_review and result.pending_review["kind"] == "budget":
            break
        if not result.needs_human:
            result = c.run_cycle(result.thread_id, "optimize", days=3)
        else:
            result = c.resume(result.thread_id, {"decision": "approve", "approver": "ana"})
    pending = result.pending_review
    assert pending and pending["kind"] == "budget", result.status
    first = pending["items"][0]
    new_amount = round(first["from_amount"] * 1.05, 2)
    items: dict[str, Any] = {first["id"]: {"decision": "edit", "edits": {"to_amount": str(new_amount)}}}
    items.update({i["id"]: {"decision": "reject"} for i in pending["items"][1:]})
    done = c.resume(result.thread_id, {"decision": "approve", "approver": "ana", "items": items})
    changes = done.values["budget_changes"]
    assert changes[first["id"]]["to_amount"] == new_amount
    assert changes[first["id"]]["status"] in ("applied", "refused") and changes[first["id"]][
        "decided_by"
    ] in ("ana", None)
    assert all(
        changes[i]["status"] == "rejected" and changes[i]["decided_by"] == "ana" for i in list(items)[1:]
    )
    assert done.status != "rejected"  # rejecting changes never ends the campaign
    c.close()


def test_cli_item_flags_build_per_item_decisions(tmp_path: Path) -> None:
    import argparse

    from graph.cli import CLIError
    from graph.cli.campaign import _item_flags

    body = tmp_path / "body.txt"
    body.write_text("New body text.", encoding="utf-8")
    fields = tmp_path / "fields.json"
    fields.write_text(json.dumps({"subject": "S", "body": "B"}), encoding="utf-8")
    amount = tmp_path / "amount.txt"
    amount.write_text("1200", encoding="utf-8")
    args = argparse.Namespace(
        approve_item=["a"],
        reject_item=["b"],
        comment="why",
        edit_item=[f"c={body}", f"d={fields}", f"e={amount}"],
        restore_item=["f=2"],
    )
    assert _item_flags(args) == {
        "a": {"decision": "approve"},
        "b": {"decision": "reject", "comment": "why"},
        "c": {"decision": "edit", "edits": {"body": "New body text."}},
        "d": {"decision": "edit", "edits": {"subject": "S", "body": "B"}},
        "e": {"decision": "edit", "edits": {"to_amount": "1200"}},
        "f": {"decision": "restore", "version": 2},
    }
    for bad, message in (
        (dict(restore_item=["f=x"]), "ID=VERSION"),
        (dict(edit_item=["c"]), "ID=FILE"),
        (dict(edit_item=[f"c={tmp_path / 'missing'}"]), "cannot read edit file"),
        (dict(reject_item=["a"], approve_item=["a"]), "decided twice"),
    ):
        ns = argparse.Namespace(
            **{
                "approve_item": [],
                "reject_item": [],
                "edit_item": [],
                "restore_item": [],
                "comment": "",
                **bad,
            }
        )
        with pytest.raises(CLIError, match=message):
            _item_flags(ns)
