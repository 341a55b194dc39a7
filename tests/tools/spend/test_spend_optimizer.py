"""The optimizer: optimal split on known curves, caps held, approvals, resume, kill-switch, learning."""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from graph.contracts import Caps
from tools.events import EventLog
from tools.ingest.results import RESULT_TYPES
from tools.killswitch import KillSwitch
from tools.optimizer import OptimizerSettings, allocate, run_cycle, variant_of
from tools.optimizer.simulation import builtin_campaign, run_simulation
from tools.spend import SpendLedger


def _stores(tmp_path: Path) -> tuple[EventLog, SpendLedger]:
    events = EventLog(tmp_path / "events.db")
    return events, SpendLedger(
        tmp_path / "ledger.db", events=events, kill_switch=KillSwitch(tmp_path / "ks.db")
    )


def _types(events: EventLog, kind: str) -> list[dict]:
    return [e.payload for _, e in events.read(0, 100_000, types=[kind])]


def test_allocate_matches_the_analytic_optimum() -> None:
    groups = {"a": "g1", "b": "g2"}
    linear = allocate({"a": lambda b: 2 * min(b, 10), "b": lambda b: b}, groups, {"g1": 99, "g2": 99}, 15)
    assert linear == pytest.approx({"a": 10, "b": 5}, abs=15 / 400)  # exact up to one step of total/400
    limited = allocate({"a": lambda b: 2 * min(b, 10), "b": lambda b: b}, groups, {"g1": 4, "g2": 99}, 15)
    assert limited == pytest.approx({"a": 4, "b": 11}, abs=15 / 400)
    # reach curves a*s*(1-exp(-b/s)): equal marginal returns when b_a - b_b = s*ln(a_a/a_b)
    reach = allocate(
        {"a": lambda b: 2 * 10 * -math.expm1(-b / 10), "b": lambda b: 10 * -math.expm1(-b / 10)},
        groups,
        {"g1": 99, "g2": 99},
        20,
    )
    assert reach["a"] - reach["b"] == pytest.approx(10 * math.log(2), abs=0.1)
    assert reach["a"] + reach["b"] == pytest.approx(20)
    assert allocate({"a": lambda b: 0.0}, {"a": "g1"}, {"g1": 5}, 5) == {
        "a": 0.0
    }  # nothing to gain, nothing given


def test_cycles_stay_inside_every_cap(tmp_path: Path) -> None:
    events, ledger = _stores(tmp_path)
    blueprint, programs, control = builtin_campaign(8)
    caps = Caps(
        total=20_000.0,
        per_day=2_700.0,
        per_channel={"email": 2_000.0, "paid_social": 9_000.0, "paid_search": 6_000.0, "display": 3_000.0},
    )
    blueprint = blueprint.model_copy(update={"caps": caps, "total_budget": 24_000.0})
    for day in range(8):
        result = run_cycle(
            campaign_id="sim",
            trace_id="t",
            day=day,
            programs=programs,
            blueprint=blueprint,
            ledger=ledger,
            events=events,
            control_sizes=control,
            seed=3,
            approval_threshold=math.inf,
        )
        date = blueprint.start_date.toordinal() + day
        assert ledger.spent("sim", day=blueprint.start_date.fromordinal(date).isoformat()) <= caps.per_day
        assert result.spend <= caps.per_day
        assert sum(ledger.allocation("sim").values()) <= caps.total + 0.01
    for channel, cap in caps.per_channel.items():
        assert ledger.spent("sim", channel) <= cap
        assert ledger.spent("sim", channel) <= ledger.allocation("sim")[channel] + 0.01
    assert ledger.spent("sim") <= caps.total
    assert ledger.spent("sim") > 0.8 * caps.total  # and the budget is used
    assert _types(events, "spend.refused") == []  # planning stays inside the ledger's headroom
    assert any(p["status"] == "applied" for p in _types(events, "optimizer.budget_change"))


def test_large_changes_wait_for_approval_small_ones_apply(tmp_path: Path) -> None:
    events, ledger = _stores(tmp_path)
    blueprint, programs, control = builtin_campaign(10)
    kw: dict[str, Any] = {
        "campaign_id": "sim",
        "trace_id": "t",
        "programs": programs,
        "blueprint": blueprint,
        "ledger": ledger,
        "events": events,
        "control_sizes": control,
        "seed": 5,
    }
    before = ledger.allocation("sim")
    first_day = run_cycle(day=0, approval_threshold=0.2, **kw)
    assert first_day.changes == []  # one day of data is not evidence: no money moves yet
    result = run_cycle(day=1, approval_threshold=0.2, **kw)
    email = next(c for c in result.changes if c.channel == "email")  # email needs far less than a quarter
    assert email.requires_approval and email.status == "pending_approval" and email.delta_pct < -0.2
    assert email.delta_pct >= -0.30 - 1e-9  # the per-cycle step limit
    assert ledger.allocation("sim")["email"] == 7_500.0 != email.to_amount  # not applied
    assert before == {} and all(
        c.status in ("pending_approval", "applied", "refused") for c in result.changes
    )
    for change in result.changes:
        assert abs(change.delta_pct) <= 0.30 + 1e-9
        if change.status == "applied":
            assert abs(change.delta_pct) <= 0.2
    pending = [p for p in _types(events, "optimizer.budget_change") if p["status"] == "pending_approval"]
    assert {p["change_id"] for p in pending} == {
        c.id for c in result.changes if c.status == "pending_approval"
    }
    assert "conversions/day" in email.reason
    # The card's facts: currency, evidence per arm in plain words, the expected effect.
    assert email.currency == blueprint.currency
    assert "email:" in email.evidence and "spent" in email.evidence and "conversions" in email.evidence
    assert "conversions/day" in email.expected_effect and "limited to a 30% step" in email.expected_effect

    approved = run_cycle(day=2, approval_threshold=0.2, approve=lambda change: "ana", **kw)
    email_change = next(c for c in approved.changes if c.channel == "email")
    assert email_change.status == "applied" and email_change.decided_by == "ana"
    assert ledger.allocation("sim")["email"] == email_change.to_amount


def test_no_money_moves_before_every_arm_has_the_evidence_minimum(tmp_path: Path) -> None:
    events, ledger = _stores(tmp_path)
    blueprint, programs, control = builtin_campaign(10)
    kw: dict[str, Any] = {
        "campaign_id": "sim",
        "trace_id": "t",
        "programs": programs,
        "blueprint": blueprint,
        "ledger": ledger,
        "events": events,
        "control_sizes": control,
        "seed": 5,
        "approval_threshold": math.inf,
    }
    demanding = OptimizerSettings(min_arm_spend=1e9, min_arm_conversions=10**9)  # no arm can show this much
    for day in range(4):
        assert run_cycle(day=day, settings=demanding, **kw).changes == []
    moved = run_cycle(day=4, **kw)  # the default minimum is met by now
    assert moved.changes and all(abs(c.delta_pct) <= 0.30 + 1e-9 for c in moved.changes)


def test_a_resumed_cycle_does_not_repeat_side_effects(tmp_path: Path) -> None:
    events, ledger = _stores(tmp_path)
    blueprint, programs, control = builtin_campaign(5)
    kw: dict[str, Any] = {
        "campaign_id": "sim",
        "trace_id": "t",
        "programs": programs,
        "blueprint": blueprint,
        "ledger": ledger,
        "events": events,
        "control_sizes": control,
        "seed": 2,
        "approval_threshold": math.inf,
    }
    first = run_cycle(day=0, **kw)
    spent, count = ledger.spent("sim"), events.count(campaign_id="sim")
    again = run_cycle(day=0, **kw)
    assert ledger.spent("sim") == spent
    assert [e.id for e in again.metrics] == [e.id for e in first.metrics]
    assert again.spend == first.spend
    results = [t for t in RESULT_TYPES for _ in _types(events, t)]
    assert len(results) == len(first.metrics) - len(_types(events, "control.metrics"))
    assert events.count(campaign_id="sim") == count  # changes replayed by id, nothing new
    with pytest.raises(ValueError, match="outside the campaign"):
        run_cycle(day=5, **kw)


def test_a_day_run_again_after_later_days_replays_its_decisions(tmp_path: Path) -> None:
    """A crash after the optimizer ran several days re-runs them from the checkpoint: each day's budget decisions
    are the ones it made on its own evidence (not re-decided with later days' results), and nothing is emitted twice."""
    events, ledger = _stores(tmp_path)
    blueprint, programs, control = builtin_campaign(6)
    kw: dict[str, Any] = {
        "campaign_id": "sim",
        "trace_id": "t",
        "programs": programs,
        "blueprint": blueprint,
        "ledger": ledger,
        "events": events,
        "control_sizes": control,
        "seed": 2,
        "approval_threshold": math.inf,
        "settings": OptimizerSettings(min_arm_days=1),
    }
    first = [run_cycle(day=day, **kw) for day in range(4)]
    assert any(r.changes for r in first), "the scenario must move money, or it proves nothing"
    spent, allocation, count = (
        ledger.spent("sim"),
        ledger.allocation_cents("sim"),
        events.count(campaign_id="sim"),
    )
    again = [run_cycle(day=day, **kw) for day in range(4)]
    assert [[c.model_dump() for c in r.changes] for r in again] == [
        [c.model_dump() for c in r.changes] for r in first
    ]
    assert (ledger.spent("sim"), ledger.allocation_cents("sim")) == (spent, allocation)
    assert events.count(campaign_id="sim") == count


def test_kill_switch_stops_a_channel_inside_the_cycle(tmp_path: Path) -> None:
    events, ledger = _stores(tmp_path)
    blueprint, programs, control = builtin_campaign(5)
    ledger.kill_switch.set(True, channel="display", actor="ana", reason="brand safety")
    result = run_cycle(
        campaign_id="sim",
        trace_id="t",
        day=0,
        programs=programs,
        blueprint=blueprint,
        ledger=ledger,
        events=events,
        control_sizes=control,
        seed=2,
    )
    display = {p.id for p in programs if p.channel == "display"}
    assert result.refused and set(result.refused) == {pid for pid in display if result.budgets[pid] > 0}
    assert all(e.payload["channel"] != "display" for e in result.metrics)
    refusals = _types(events, "spend.refused")
    assert len(refusals) == len(result.refused) and all("brand safety" in r["reason"] for r in refusals)
    assert ledger.spent("sim", "display") == 0
    assert all(c.channel != "display" for c in result.changes)


def test_metrics_and_control_events_carry_the_documented_payload(tmp_path: Path) -> None:
    events, ledger = _stores(tmp_path)
    blueprint, programs, control = builtin_campaign(3)
    result = run_cycle(
        campaign_id="sim",
        trace_id="t",
        day=0,
        programs=programs,
        blueprint=blueprint,
        ledger=ledger,
        events=events,
        control_sizes=control,
        seed=1,
        causation_id="cause",
    )
    kinds = defaultdict(list)
    for e in result.metrics:
        kinds[e.type].append(e)
        assert e.causation_id == "cause" and e.trace_id == "t"
    results = [e for t in RESULT_TYPES for e in kinds[t]]
    assert results and all(e.source == "sandbox" for e in results)
    assert all(
        {"result_id", "kind", "program_id", "channel", "region", "variant", "day", "date", "count", "at"}
        <= set(e.payload)
        for e in results
    )
    assert {e.payload["kind"] for e in results} >= {"delivered", "click", "conversion", "cost"}
    assert {tuple(sorted(e.payload)) for e in kinds["control.metrics"]} == {
        ("channel", "control_size", "conversions", "date", "day", "region")
    }
    assert len(kinds["control.metrics"]) == 8  # 4 channels x 2 regions
    costs = round(sum(e.payload["amount"] for e in kinds["result.cost"]), 2)
    assert costs == result.spend == ledger.spent("sim")
    # the ledger holds each cost under its event id: nothing counted twice
    assert {x.key for x in ledger.entries("sim", "spend")} == {e.id for e in kinds["result.cost"]}
    assert variant_of(programs[0]) == "A"
    assert variant_of(programs[0].model_copy(update={"variant": None, "asset_id": "sim-email-US-B"})) == "B"


def test_simulation_learns_and_is_reproducible(tmp_path: Path) -> None:
    # The learner itself, free of the manager's guard rails (no step limit, no evidence minimum).
    free = OptimizerSettings(max_step_pct=math.inf, min_arm_spend=0, min_arm_days=0, min_arm_conversions=0)
    learner = run_simulation(14, 4, settings=free)
    assert learner.conversions >= 0.9 * learner.oracle_conversions
    # The product's default policy (30% step limit, evidence before any move) pays a little for its caution.
    first = run_simulation(14, 4)
    assert first.conversions > first.even_split_conversions
    assert first.conversions >= 0.85 * first.oracle_conversions
    assert first.spend <= first.cap
    second = run_simulation(14, 4, with_baselines=False)
    assert second.conversions == first.conversions and second.spend == first.spend
    held = run_simulation(14, 4, auto_approve=False, with_baselines=False)
    assert held.changes.get("pending_approval", 0) > 0 and "approved" not in held.changes


def test_arm_evidence_needs_days_and_results_or_spend() -> None:
    from tools.optimizer.cycle import ArmEvidence

    policy = OptimizerSettings()
    one_day = ArmEvidence("email", spend=400.0, sends=20_000, conversions=60, days=1)
    crumbs = ArmEvidence("paid_social", spend=18.0, sends=900, conversions=1, days=3)  # < 20 of data
    expensive = ArmEvidence("display", spend=2_000.0, sends=50_000, conversions=2, days=3)  # ~1,000 per order
    cheap = ArmEvidence("email", spend=28.0, sends=12_796, conversions=47, days=3)
    assert not one_day.sufficient(policy) and not crumbs.sufficient(policy)
    assert expensive.sufficient(policy) and cheap.sufficient(policy)
    text = expensive.describe("GBP")
    assert (
        text
        == "display: 2,000.00 GBP spent, 2 conversions from 50,000 sends over 3 days, 1,000.00 GBP per conversion"
    )
