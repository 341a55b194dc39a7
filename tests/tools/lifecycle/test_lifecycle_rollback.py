"""Rollback: sends cancelled, allocation back to the last approved one, every step an event, idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.contracts import BudgetChange, Caps
from tests.tools.channels.channel_kit import make_request
from tools.channels.publisher import Publisher
from tools.channels.sandbox import SandboxConnector
from tools.events import EventLog
from tools.killswitch import KillSwitch
from tools.lifecycle.programs import current_programs
from tools.lifecycle.rollback import RollbackError, Scope, last_approved, rollback
from tools.spend import SpendLedger

CID = "cmp-1"


class Kit:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.events = EventLog(tmp / "events.db")
        self.kill = KillSwitch(tmp / "control.db")
        self.ledger = SpendLedger(tmp / "ledger.db", events=self.events, kill_switch=self.kill)
        self.publisher = Publisher(
            store_path=tmp / "programs.db",
            kill_switch=self.kill,
            events=self.events,
            ledger=self.ledger,
            connectors={ch: SandboxConnector(ch, tmp / "outbox.db") for ch in ("email", "paid_social")},
        )
        self.ledger.set_caps(
            CID,
            Caps(total=10_000, per_channel={"email": 5_000, "paid_social": 5_000}, per_day=2_000),
            trace_id="trc",
        )
        for ch in ("email", "paid_social"):
            self.ledger.set_allocation(
                CID, ch, 3_000, trace_id="trc", key=f"allocation:{CID}:{ch}:initial", reason="blueprint plan"
            )
        self.programs = {}
        for ch, rg, var in (
            ("email", "US", "A"),
            ("email", "US", "B"),
            ("email", "UK", "A"),
            ("paid_social", "US", "A"),
            ("paid_social", "US", "B"),
        ):
            p = self.publisher.publish(make_request(ch, rg, var, campaign=CID, budget=50.0))
            assert p.status == "published"
            self.programs[(ch, rg, var)] = p

    def change(self, cid: str, ch: str, frm: float, to: float, by: str | None) -> BudgetChange:
        change = BudgetChange(
            id=cid,
            campaign_id=CID,
            channel=ch,
            from_amount=frm,
            to_amount=to,  # type: ignore[arg-type]
            delta_pct=(to - frm) / frm,
            reason="test",
            requires_approval=by is not None,
            status="pending_approval" if by else "applied",
        )
        out = self.ledger.apply_change(change, approved_by=by, trace_id="trc")
        assert out.status == "applied", out.refusal
        return out

    def rollback(self, **kw: Any) -> Any:
        scope = Scope(kw.pop("channel", None), kw.pop("region", None), kw.pop("variant", None))
        return rollback(
            campaign_id=CID,
            trace_id="trc",
            publisher=self.publisher,
            ledger=self.ledger,
            events=self.events,
            locks_dir=self.tmp / "locks",
            scope=scope,
            by=kw.pop("by", "ana"),
            **kw,
        )

    def types(self) -> list[str]:
        return [e.type for _, e in self.events.read(0, 10_000, campaign_id=CID)]


@pytest.fixture
def kit(tmp_path: Path) -> Kit:
    k = Kit(tmp_path)
    k.change("opt-d3-email", "email", 3_000, 2_500, None)  # the optimizer, alone
    k.change("opt-d3-social", "paid_social", 3_000, 3_600, "lead")  # a human approved this one
    k.change("opt-d5-social", "paid_social", 3_600, 4_200, None)  # the optimizer again
    return k


def test_rollback_of_a_channel_cancels_its_sends_and_restores_the_approved_allocation(kit: Kit) -> None:
    assert last_approved(kit.ledger, CID, "paid_social") == (3_600.0, "change opt-d3-social approved by lead")
    assert last_approved(kit.ledger, CID, "email") == (3_000.0, "plan (blueprint plan)")
    before = kit.types()
    out = kit.rollback(channel="paid_social")
    social = {kit.programs[("paid_social", "US", v)].id for v in "AB"}
    assert set(out.cancelled) == social and out.steps == 3 and not out.noop
    assert out.allocation["paid_social"]["to"] == 3_600.0 and out.allocation["paid_social"]["restored"]
    assert kit.ledger.allocation(CID) == {"email": 2_500.0, "paid_social": 3_600.0}  # email untouched
    states = {p.program_id: p.state for p in kit.publisher.store.by_campaign(CID)}
    assert {pid for pid, s in states.items() if s == "cancelled"} == social
    outbox = kit.publisher.connectors["paid_social"].outbox  # type: ignore[attr-defined]
    assert {e.status for e in outbox.entries(CID, "paid_social")} == {"cancelled"}
    new = kit.types()[len(before) :]
    assert new.count("lifecycle.rollback_started") == 1 and new.count("lifecycle.rollback_cancelled") == 2
    assert new.count("lifecycle.rollback_allocation") == 1 and new.count("lifecycle.rollback_completed") == 1
    assert new.count("orchestrator.cancelled") == 2 and new.count("optimizer.budget_change") == 1
    # the optimizer's view follows the program store
    refreshed = current_programs(kit.publisher, list(kit.programs.values()))
    assert {p.id for p in refreshed if p.status == "cancelled"} == social


def test_a_second_rollback_is_a_noop_with_the_same_result(kit: Kit) -> None:
    first = kit.rollback(channel="paid_social")
    events, entries = kit.events.count(campaign_id=CID), len(kit.ledger.entries(CID))
    second = kit.rollback(channel="paid_social")
    assert second.noop and second.steps == 0
    assert second.state() == first.state()
    assert kit.events.count(campaign_id=CID) == events and len(kit.ledger.entries(CID)) == entries
    # the optimizer moves the channel again: a new rollback restores it again, once
    kit.change("opt-d9-social", "paid_social", 3_600, 3_900, None)
    third = kit.rollback(channel="paid_social")
    assert third.steps == 1 and third.state() == first.state()
    assert kit.ledger.allocation(CID)["paid_social"] == 3_600.0
    assert kit.rollback(channel="paid_social").noop


def test_region_and_variant_scopes(kit: Kit) -> None:
    uk = kit.rollback(channel="email", region="UK", mode="pause")
    assert uk.cancelled == [kit.programs[("email", "UK", "A")].id] and uk.allocation == {}
    assert kit.ledger.allocation(CID)["email"] == 2_500.0  # pause leaves the budget alone
    b = kit.rollback(variant="B")
    assert set(b.cancelled) == {
        kit.programs[("email", "US", "B")].id,
        kit.programs[("paid_social", "US", "B")].id,
    }
    assert kit.ledger.allocation(CID) == {"email": 3_000.0, "paid_social": 3_600.0}
    live = [p.program_id for p in kit.publisher.store.by_campaign(CID) if p.state == "published"]
    assert sorted(live) == sorted(
        [kit.programs[("email", "US", "A")].id, kit.programs[("paid_social", "US", "A")].id]
    )


def test_restoring_never_goes_below_spend_and_a_refusal_is_reported_the_same_way_twice(kit: Kit) -> None:
    for day in ("2026-03-03", "2026-03-04"):  # more than the approved 3,600 is spent by now
        kit.ledger.commit(
            campaign_id=CID, channel="paid_social", amount=1_850, day=day, key=f"spend-{day}", trace_id="trc"
        )
    out = kit.rollback(channel="paid_social")
    assert out.allocation["paid_social"]["to"] == pytest.approx(3_800.0)  # 2 x 1,850 + 2 x 50 at publish
    assert "already spent" in out.allocation["paid_social"]["source"]
    kit.kill.set(True, channel="email", actor="ops", reason="bad copy")
    refused = kit.rollback(
        channel="email"
    )  # back up from 2,500 to 3,000 is an increase: refused under the switch
    assert refused.allocation["email"]["action"] == "refused" and not refused.allocation["email"]["restored"]
    assert "kill" in (refused.allocation["email"]["refusal"] or "").lower()
    assert set(refused.cancelled) == {kit.programs[k].id for k in kit.programs if k[0] == "email"}
    again = kit.rollback(channel="email")
    assert again.state() == refused.state() and again.steps == 0


def test_bad_requests_are_refused(kit: Kit) -> None:
    with pytest.raises(RollbackError, match="unknown channel"):
        Scope("fax")
    with pytest.raises(RollbackError, match="unknown region"):
        Scope(region="MARS")
    with pytest.raises(RollbackError, match="no program matching"):
        kit.rollback(channel="email", region="EU")
    with pytest.raises(RollbackError, match="identity"):
        kit.rollback(channel="email", by=" ")
    assert kit.types().count("lifecycle.rollback_started") == 0
