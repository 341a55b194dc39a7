"""The spend ledger: caps, kill-switch, idempotency, append-only storage, budget changes, concurrency."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from graph.contracts import BudgetChange, Caps, Channel
from tools.events import EventLog
from tools.killswitch import KillSwitch, KillSwitchEngaged
from tools.spend import CapExceeded, SpendLedger

CAPS = Caps(total=100.0, per_channel={"email": 100.0, "paid_social": 60.0, "display": 30.0}, per_day=50.0)


def _ledger(tmp_path: Path) -> SpendLedger:
    events = EventLog(tmp_path / "events.db")
    ledger = SpendLedger(tmp_path / "ledger.db", events=events, kill_switch=KillSwitch(tmp_path / "ks.db"))
    ledger.set_caps("c1", CAPS, trace_id="t1")
    return ledger


def _events(ledger: SpendLedger, kind: str) -> list[dict]:
    return [e.payload for _, e in ledger.events.read(0, 1000, types=[kind])]


def test_accepted_spend_is_recorded_once_per_key_with_an_event(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    first = ledger.commit(campaign_id="c1", channel="email", amount=12.345, day="2025-03-01", key="k1")
    again = ledger.commit(campaign_id="c1", channel="email", amount=12.345, day="2025-03-01", key="k1")
    assert again == first
    assert first.amount == 12.35  # stored in cents
    assert ledger.spent("c1") == 12.35
    assert ledger.spent("c1", "email", "2025-03-01") == 12.35
    assert ledger.spent("c1", "display") == 0
    recorded = _events(ledger, "spend.recorded")
    assert recorded == [
        {"channel": "email", "region": None, "day": "2025-03-01", "amount": 12.35, "key": "k1"}
    ]
    assert ledger.events.read(0, 10, types=["spend.recorded"])[0][1].trace_id == "t1"  # the caps' trace


@pytest.mark.parametrize(
    ("commits", "refused", "reason", "cap"),
    [
        # per-day cap 50: 45 today, 10 more today is refused, tomorrow is fine
        ([("email", 45.0, "2025-03-01")], ("email", 10.0, "2025-03-01"), "per-day cap", 50.0),
        # channel cap 30 for display
        ([("display", 25.0, "2025-03-01")], ("display", 5.01, "2025-03-02"), "channel cap (display)", 30.0),
        # campaign total 100 across days and channels
        (
            [("email", 50.0, "2025-03-01"), ("paid_social", 45.0, "2025-03-02")],
            ("email", 5.01, "2025-03-03"),
            "campaign total cap",
            100.0,
        ),
    ],
)
def test_caps_refuse_with_a_reason_and_an_event(
    tmp_path: Path, commits: list, refused: tuple, reason: str, cap: float
) -> None:
    ledger = _ledger(tmp_path)
    for i, (channel, amount, day) in enumerate(commits):
        ledger.commit(campaign_id="c1", channel=channel, amount=amount, day=day, key=f"ok{i}")
    before = ledger.spent("c1")
    channel, amount, day = refused
    with pytest.raises(CapExceeded) as info:
        ledger.commit(campaign_id="c1", channel=channel, amount=amount, day=day, key="over")
    assert info.value.reason.startswith(reason)
    assert info.value.cap == cap
    assert ledger.spent("c1") == before
    [event] = _events(ledger, "spend.refused")
    assert event["reason"].startswith(reason) and event["cap"] == cap
    assert (event["channel"], event["day"], event["amount"]) == (channel, day, amount)
    # exactly up to the cap is allowed
    room = round(
        cap
        - (
            before
            if reason.startswith("campaign")
            else ledger.spent(
                "c1",
                channel if reason.startswith("channel") else None,
                day if reason.startswith("per-day") else None,
            )
        ),
        2,
    )
    ledger.commit(campaign_id="c1", channel=channel, amount=room, day=day, key="fill")


def test_no_caps_or_no_channel_cap_refuses(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    with pytest.raises(CapExceeded, match="no caps set"):
        ledger.commit(campaign_id="other", channel="email", amount=1, day="2025-03-01", key="a")
    with pytest.raises(CapExceeded, match="no cap set for channel sms"):
        ledger.commit(campaign_id="c1", channel="sms", amount=1, day="2025-03-01", key="b")
    assert len(_events(ledger, "spend.refused")) == 2


def test_kill_switch_refuses_spend_with_an_event(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    ledger.kill_switch.set(True, channel="paid_social", actor="ana", reason="bad creative")
    with pytest.raises(KillSwitchEngaged, match="channel:paid_social"):
        ledger.commit(campaign_id="c1", channel="paid_social", amount=5, day="2025-03-01", key="k")
    ledger.kill_switch.set(True, region="EU")
    with pytest.raises(KillSwitchEngaged, match="region:EU"):
        ledger.commit(campaign_id="c1", channel="email", amount=5, day="2025-03-01", key="k2", region="EU")
    ledger.commit(campaign_id="c1", channel="email", amount=5, day="2025-03-01", key="k3", region="US")
    refusals = _events(ledger, "spend.refused")
    assert [r["channel"] for r in refusals] == ["paid_social", "email"]
    assert "bad creative" in refusals[0]["reason"] and refusals[0]["cap"] is None
    assert ledger.spent("c1") == 5


def test_bad_input_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    with pytest.raises(ValueError, match="unknown channel 'fax'"):
        ledger.commit(campaign_id="c1", channel="fax", amount=1, day="2025-03-01", key="a")
    with pytest.raises(ValueError, match="ISO date"):
        ledger.commit(campaign_id="c1", channel="email", amount=1, day="yesterday", key="a")
    with pytest.raises(ValueError, match="positive"):
        ledger.commit(campaign_id="c1", channel="email", amount=0, day="2025-03-01", key="a")
    with pytest.raises(ValueError, match="finite"):
        ledger.commit(campaign_id="c1", channel="email", amount=float("nan"), day="2025-03-01", key="a")
    assert ledger.entries("c1", "spend") == []


def test_ledger_is_append_only_and_corrections_are_new_entries(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    ledger.commit(campaign_id="c1", channel="email", amount=40, day="2025-03-01", key="k")
    conn = sqlite3.connect(tmp_path / "ledger.db")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE entries SET amount_cents = 0")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM entries")
    conn.close()
    with pytest.raises(ValueError, match="must be negative"):
        ledger.correct(campaign_id="c1", channel="email", amount=5, day="2025-03-01", key="r", reason="x")
    with pytest.raises(ValueError, match="below zero"):
        ledger.correct(
            campaign_id="c1", channel="email", amount=-41, day="2025-03-01", key="r", reason="refund"
        )
    ledger.correct(campaign_id="c1", channel="email", amount=-15, day="2025-03-01", key="r", reason="refund")
    ledger.correct(campaign_id="c1", channel="email", amount=-15, day="2025-03-01", key="r", reason="refund")
    assert ledger.spent("c1") == 25
    assert [e.kind for e in ledger.entries("c1")] == ["caps", "spend", "correction"]
    # the refund made room under the per-day cap again
    ledger.commit(campaign_id="c1", channel="email", amount=25, day="2025-03-01", key="k2")


def test_set_caps_is_a_new_entry_only_when_they_change(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    assert ledger.set_caps("c1", CAPS, trace_id="t1") is None
    lower = CAPS.model_copy(update={"per_day": 10.0})
    assert ledger.set_caps("c1", lower, trace_id="t1") is not None
    assert ledger.caps("c1") == lower
    with pytest.raises(CapExceeded, match="per-day cap"):
        ledger.commit(campaign_id="c1", channel="email", amount=11, day="2025-03-01", key="k")
    assert len(_events(ledger, "spend.caps_set")) == 2


def _change(
    channel: Channel, from_amount: float, to_amount: float, *, approval: bool = False, cid: str = "x"
) -> BudgetChange:
    return BudgetChange(
        id=cid,
        campaign_id="c1",
        channel=channel,
        from_amount=from_amount,
        to_amount=to_amount,
        delta_pct=(to_amount - from_amount) / from_amount,
        reason="test",
        requires_approval=approval,
        status="pending_approval" if approval else "applied",
    )


def test_budget_changes_respect_caps_exposure_and_approval(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    ledger.set_allocation("c1", "email", 50, trace_id="t1")
    ledger.set_allocation("c1", "paid_social", 30, trace_id="t1")
    assert ledger.allocation("c1") == {"email": 50.0, "paid_social": 30.0}
    with pytest.raises(CapExceeded, match="channel cap"):
        ledger.set_allocation("c1", "display", 31, trace_id="t1")

    over_total = ledger.apply_change(_change("paid_social", 30, 55, cid="a"), approved_by=None)
    assert over_total.status == "refused" and "campaign total cap" in (over_total.refusal or "")
    over_channel = ledger.apply_change(_change("paid_social", 30, 61, cid="b"), approved_by="ana")
    assert over_channel.status == "refused" and "channel cap (paid_social)" in (over_channel.refusal or "")
    ok = ledger.apply_change(_change("paid_social", 30, 35, cid="c"), approved_by=None)
    assert ok.status == "applied" and ledger.allocation("c1")["paid_social"] == 35
    assert ledger.apply_change(_change("paid_social", 30, 35, cid="c"), approved_by=None) == ok  # idempotent

    needs = _change("email", 50, 20, approval=True, cid="d")
    refused = ledger.apply_change(needs, approved_by=None)
    assert refused.status == "refused" and "approval" in (refused.refusal or "")
    assert ledger.allocation("c1")["email"] == 50
    approved = ledger.apply_change(needs, approved_by="ana")  # the same change, approved later
    assert approved.status == "applied" and approved.decided_by == "ana"
    assert ledger.allocation("c1")["email"] == 20

    ledger.commit(campaign_id="c1", channel="email", amount=15, day="2025-03-01", key="s")
    below = ledger.apply_change(_change("email", 20, 10, cid="e"), approved_by="ana")
    assert below.status == "refused" and "below what is already spent" in (below.refusal or "")
    with pytest.raises(CapExceeded, match="exposure limit: channel allocation"):
        ledger.commit(campaign_id="c1", channel="email", amount=6, day="2025-03-01", key="s2")

    ledger.kill_switch.set(True, channel="paid_social")
    up = ledger.apply_change(_change("paid_social", 35, 40, cid="f"), approved_by="ana")
    assert up.status == "deferred" and "kill-switch" in (up.refusal or "")  # decided, waits for the release
    assert ledger.allocation("c1")["paid_social"] == 35
    unapproved = ledger.apply_change(_change("paid_social", 35, 60, cid="h"), approved_by=None)
    assert (
        unapproved.status == "refused"
    )  # no human decided it: the optimizer proposes again after the release
    assert ledger.apply_deferred("c1") == []  # still switched off: nothing moves
    ledger.kill_switch.set(False, channel="paid_social")
    [applied] = ledger.apply_deferred("c1")
    assert applied.status == "applied" and applied.decided_by == "ana"
    assert ledger.allocation("c1")["paid_social"] == 40
    assert ledger.apply_deferred("c1") == []  # applied once
    down = ledger.apply_change(_change("paid_social", 40, 25, cid="g"), approved_by=None)
    assert down.status == "applied"

    statuses = [(p["change_id"], p["status"]) for p in _events(ledger, "optimizer.budget_change")]
    assert statuses == [
        ("a", "refused"),
        ("b", "refused"),
        ("c", "applied"),
        ("d", "refused"),
        ("d", "applied"),
        ("e", "refused"),
        ("f", "deferred"),
        ("h", "refused"),
        ("f", "applied"),
        ("g", "applied"),
    ]


def test_a_deferred_change_is_not_applied_to_a_budget_that_moved(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    ledger.set_caps(
        "c1", Caps(total=100, per_channel={"email": 60, "paid_social": 60}, per_day=50), trace_id="t"
    )
    ledger.set_allocation("c1", "paid_social", 35, trace_id="t")
    ledger.kill_switch.set(True, channel="paid_social")
    assert (
        ledger.apply_change(_change("paid_social", 35, 45, cid="up"), approved_by="ana").status == "deferred"
    )
    assert (
        ledger.apply_change(_change("paid_social", 35, 30, cid="down"), approved_by=None).status == "applied"
    )
    ledger.kill_switch.set(False, channel="paid_social")
    [stale] = ledger.apply_deferred("c1")
    assert stale.status == "refused" and "changed while" in (stale.refusal or "")
    assert ledger.allocation("c1")["paid_social"] == 30
    assert ledger.apply_deferred("c1") == []


def _commit_many(path: str, worker: int, start: object, results: object) -> None:
    import time

    import tools.spend.ledger as ledger_module

    check = ledger_module.check_spend

    def slow_check(*args: object) -> None:  # widen the read-check-write window so a race would show
        check(*args)  # type: ignore[arg-type]
        time.sleep(0.002)

    ledger_module.check_spend = slow_check  # type: ignore[assignment]
    base = Path(path)
    events = EventLog(base / "events.db")
    ledger = SpendLedger(base / "ledger.db", events=events, kill_switch=KillSwitch(base / "ks.db"))
    start.wait()  # type: ignore[attr-defined]
    accepted = 0
    for i in range(25):
        try:
            ledger.commit(campaign_id="c1", channel="email", amount=3, day="2025-03-01", key=f"w{worker}-{i}")
            accepted += 1
        except CapExceeded:
            pass
    results.put(accepted)  # type: ignore[attr-defined]


def test_concurrent_processes_never_exceed_a_cap(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_commit_many, args=(str(tmp_path), w, start, results)) for w in range(4)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    accepted = sum(results.get(timeout=5) for _ in procs)
    assert accepted == 16  # the per-day cap of 50 admits 16 commits of 3
    assert ledger.spent("c1") == 48
    assert len(ledger.entries("c1", "spend")) == 16
    assert len(_events(ledger, "spend.recorded")) == 16
    assert len(_events(ledger, "spend.refused")) == 100 - 16
