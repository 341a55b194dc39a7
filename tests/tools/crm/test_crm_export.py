"""Exports: only the channel's fields, no holdout, exactly once, refused under a kill-switch."""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

import pytest

from graph.contracts import SegmentDefinition
from tools.crm.errors import ExportError
from tools.crm.export import EXPORT_FIELDS, export_list
from tools.crm.segments import build_segment
from tools.events import EventLog
from tools.killswitch import KillSwitch, KillSwitchEngaged

AS_OF = date(2026, 1, 15)


def built(store, channel: str, regions: list[str] | None = None, campaign: str = "exp"):
    definition = SegmentDefinition.model_validate(
        {"channel": channel, "regions": regions or ["US", "EU"], "holdout_pct": 0.2}
    )
    return build_segment(store, definition, campaign_id=campaign, seed=4, as_of=AS_OF)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def switch(tmp_path: Path) -> KillSwitch:
    return KillSwitch(tmp_path / "control.db")


@pytest.fixture
def events(tmp_path: Path) -> EventLog:
    return EventLog(tmp_path / "events.db")


def contacts_by(store, column: str) -> dict[str, tuple]:
    with store.session() as db:
        rows = db.execute(
            f"SELECT {column}, contact_id, email, phone, first_name, language FROM contacts"
        ).fetchall()
    return {r[0]: r[1:] for r in rows if r[0] is not None}


@pytest.mark.parametrize("channel", ["email", "sms", "paid_social", "paid_search", "display"])
def test_fields_per_channel_and_no_holdout(crm_store, list_members, tmp_path, switch, channel) -> None:
    target = built(crm_store, channel)
    result = export_list(crm_store, target, out_dir=tmp_path / "out", kill_switch=switch)
    rows = read(result.path)
    assert result.created and result.rows == len(rows) == target.eligible
    assert tuple(rows[0]) == EXPORT_FIELDS[channel] == result.fields
    members = list_members(crm_store, target.id)
    kept = {c for c, h in members.items() if not h}
    if channel == "email":
        by_email = contacts_by(crm_store, "email")
        assert {by_email[r["email"]][0] for r in rows} == kept
        assert all(
            r["first_name"] == by_email[r["email"]][3] and r["language"] == by_email[r["email"]][4]
            for r in rows
        )
    elif channel == "sms":
        by_phone = contacts_by(crm_store, "phone")
        assert all(r["phone"].startswith("+") for r in rows)
        assert {by_phone[r["phone"]][0] for r in rows} == kept
        assert set(rows[0]) == {"phone", "language"}
    else:
        by_email = contacts_by(crm_store, "email")
        digest = {hashlib.sha256(e.encode()).hexdigest(): v[0] for e, v in by_email.items()}
        assert {digest[r["email_sha256"]] for r in rows} == kept
        text = result.path.read_text()
        assert "@" not in text  # hashed only: no address, no name
    assert target.holdout > 0 and not {c for c, h in members.items() if h} & kept


def test_export_is_idempotent_and_emits_once(crm_store, tmp_path, switch, events) -> None:
    target = built(crm_store, "email")
    first = export_list(
        crm_store, target, out_dir=tmp_path, kill_switch=switch, events=events, trace_id="tr-1"
    )
    stamp = first.path.stat().st_mtime_ns
    again = export_list(
        crm_store, target, out_dir=tmp_path, kill_switch=switch, events=events, trace_id="tr-1"
    )
    assert (again.path, again.rows, again.created) == (first.path, first.rows, False)
    assert first.path.stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    exported = [e for _, e in events.read(types=["data.list_exported"])]
    assert len(exported) == 1
    payload = exported[0].payload
    assert payload == {
        "list_id": target.id,
        "channel": "email",
        "regions": ["US", "EU"],
        "rows": first.rows,
        "duplicates": 0,
        "fields": ["email", "first_name", "language"],
        "path": str(first.path),
    }
    assert exported[0].trace_id == "tr-1" and exported[0].campaign_id == "exp" and not exported[0].pii
    assert "@" not in exported[0].model_dump_json()


def test_region_partition_export(crm_store, tmp_path, switch) -> None:
    target = built(crm_store, "email")
    eu = export_list(crm_store, target, out_dir=tmp_path, kill_switch=switch, region="EU")
    us = export_list(crm_store, target, out_dir=tmp_path, kill_switch=switch, region="US")
    assert eu.path != us.path and eu.regions == ("EU",)
    assert (eu.rows, us.rows) == (target.by_region["EU"], target.by_region["US"])
    with pytest.raises(ExportError, match="region 'UK' is not in list"):
        export_list(crm_store, target, out_dir=tmp_path, kill_switch=switch, region="UK")


@pytest.mark.parametrize(
    "scope", [{}, {"channel": "email"}, {"region": "EU"}, {"channel": "email", "region": "EU"}]
)
def test_kill_switch_refuses_inside_the_tool(crm_store, tmp_path, switch, events, scope) -> None:
    target = built(crm_store, "email")
    switch.set(True, actor="ops", reason="incident", **scope)
    with pytest.raises(KillSwitchEngaged, match="refused"):
        export_list(crm_store, target, out_dir=tmp_path / "out", kill_switch=switch, events=events)
    assert not (tmp_path / "out").exists()  # refused before anything is written
    refused = [e for _, e in events.read(types=["data.list_export_refused"])]
    assert len(refused) == 1 and refused[0].payload["list_id"] == target.id
    assert not events.read(types=["data.list_exported"])
    switch.set(False, **scope)
    assert export_list(crm_store, target, out_dir=tmp_path / "out", kill_switch=switch).created


def test_kill_switch_on_other_scopes_does_not_block(crm_store, tmp_path, switch) -> None:
    target = built(crm_store, "email", ["US"])
    switch.set(True, channel="sms")
    switch.set(True, region="EU")
    switch.set(True, channel="email", region="UK")
    assert export_list(crm_store, target, out_dir=tmp_path, kill_switch=switch).rows == target.eligible
    # a region export only checks its own region
    both = built(crm_store, "email", ["US", "EU"])
    assert (
        export_list(crm_store, both, out_dir=tmp_path, kill_switch=switch, region="US").rows
        == both.by_region["US"]
    )
    with pytest.raises(KillSwitchEngaged):
        export_list(crm_store, both, out_dir=tmp_path, kill_switch=switch)


def test_list_from_another_store_is_refused(crm_store, make_store, tmp_path, switch) -> None:
    target = built(make_store(n=300), "email")
    with pytest.raises(ExportError, match="was not built on the CRM store"):
        export_list(crm_store, target, out_dir=tmp_path, kill_switch=switch)


def test_snapshot_survives_later_writes(make_store, tmp_path, switch) -> None:
    store = make_store(n=800)
    target = built(store, "email")
    store.record_touches(target.id, batch_id="b1")
    result = export_list(store, target, out_dir=tmp_path, kill_switch=switch)
    assert result.rows == target.eligible  # the list is the snapshot it was built as


def test_one_row_per_address(make_store, tmp_path, switch) -> None:
    store = make_store(n=600)
    target = built(store, "email")
    with store.session() as db:
        a, b = db.execute(
            "SELECT m.contact_id, c.email FROM list_members m JOIN contacts c USING (contact_id)"
            " WHERE m.list_id = ? AND m.holdout = 0 ORDER BY 1 LIMIT 2",
            [target.id],
        ).fetchall()
        db.execute("UPDATE contacts SET email = ? WHERE contact_id = ?", [" " + a[1].upper(), b[0]])
    result = export_list(store, target, out_dir=tmp_path, kill_switch=switch)
    assert (result.rows, result.duplicates) == (target.eligible - 1, 1)
    again = export_list(store, target, out_dir=tmp_path, kill_switch=switch)
    assert (again.rows, again.duplicates, again.created) == (result.rows, 1, False)
