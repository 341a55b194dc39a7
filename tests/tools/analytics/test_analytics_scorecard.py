"""The scorecard's arithmetic on a hand-built event log, and the lift statistics."""

from __future__ import annotations

import math

import pytest

from graph.contracts import Event, KPITarget, Scorecard
from tools.analytics.lift import compute_lift
from tools.analytics.scorecard import compute_scorecard
from tools.optimizer.simulation import builtin_campaign

T0 = "2025-01-01T00:00:00+00:00"


def _e(kind: str, payload: dict, *, ts: str = T0, campaign: str = "c1", eid: str | None = None) -> Event:
    return Event(
        id=eid or f"{kind}-{len(str(payload))}-{ts}-{sorted(payload.items())}",
        type=kind,
        trace_id="t1",
        campaign_id=campaign,
        source="test",
        ts=ts,
        payload=payload,
    )


def _metrics(
    pid: str,
    channel: str,
    region: str,
    day: int,
    audience: int,
    sends: int,
    delivered: int,
    opens: int,
    clicks: int,
    conversions: int,
    spend: float,
    **extra: object,
) -> Event:
    return _e(
        "channel.metrics",
        {
            "program_id": pid,
            "channel": channel,
            "region": region,
            "variant": "A",
            "day": day,
            "audience": audience,
            "sends": sends,
            "delivered": delivered,
            "opens": opens,
            "clicks": clicks,
            "conversions": conversions,
            "spend": spend,
        },
        ts=f"2025-01-0{day + 2}T00:00:00+00:00",
        eid=str(extra.get("eid", f"m-{pid}-{day}")),
    )


def _control(channel: str, region: str, day: int, size: int, conversions: int) -> Event:
    return _e(
        "control.metrics",
        {"channel": channel, "region": region, "day": day, "control_size": size, "conversions": conversions},
        ts=f"2025-01-0{day + 2}T00:00:00+00:00",
    )


EVENTS = [
    _e("campaign.started", {}, ts=T0),
    _e("orchestrator.published", {"program_id": "p1"}, ts="2025-01-01T00:10:00+00:00"),
    _e("orchestrator.published", {"program_id": "p2"}, ts="2025-01-01T00:20:00+00:00"),
    _e("orchestrator.published", {"program_id": "p3"}, ts="2025-01-01T00:30:00+00:00"),
    _e("sla.breach", {"program_id": "p3", "reason": "late"}),
    _e("sla.breach", {"program_id": "p4", "reason": "failed"}),
    _e("governance.report", {"subjects": 8, "escalated": 2}),
    _e(
        "governance.exception",
        {
            "exception_id": "x1",
            "subject_type": "asset",
            "subject_id": "a1",
            "route": "human",
            "reasons": ["unsupported claim"],
        },
    ),
    _e(
        "governance.exception",
        {
            "exception_id": "x2",
            "subject_type": "asset",
            "subject_id": "a1",
            "route": "human",
            "reasons": ["banned term"],
        },
    ),  # the same subject: one escalation
    _e(
        "governance.exception",
        {
            "exception_id": "x3",
            "subject_type": "list",
            "subject_id": "l1",
            "route": "human",
            "reasons": ["no consent basis"],
        },
    ),
    _e(
        "governance.exception",
        {
            "exception_id": "x4",
            "subject_type": "asset",
            "subject_id": "a2",
            "route": "content",
            "reasons": ["too long"],
        },
    ),  # fixed by Content: not escalated
    _e("governance.report", {"subjects": 8, "escalated": 0}, ts="2025-01-01T00:05:00+00:00"),
    _e("optimizer.budget_change", {"change_id": "b1", "channel": "email", "status": "pending_approval"}),
    _e(
        "optimizer.budget_change",
        {"change_id": "b1", "channel": "email", "status": "applied", "decided_by": "ana"},
        ts="2025-01-01T00:06:00+00:00",
    ),
    _e("optimizer.budget_change", {"change_id": "b2", "channel": "email", "status": "applied"}),
    _metrics("p1", "email", "US", 0, 1000, 1000, 980, 200, 50, 10, 2.0),
    _metrics("p1", "email", "US", 1, 1000, 1000, 970, 190, 40, 8, 2.0),
    _metrics("p1", "email", "US", 1, 1000, 1000, 970, 190, 40, 8, 2.0, eid="duplicate-report-of-p1-day1"),
    _metrics("p2", "paid_social", "EU", 0, 5000, 20000, 20000, 0, 200, 6, 180.0),
    _control("email", "US", 0, 500, 2),
    _control("email", "US", 1, 500, 3),
    _control("paid_social", "EU", 0, 1000, 1),
    _metrics("other", "email", "US", 0, 9999, 9999, 9999, 9, 999, 99, 999.0).model_copy(
        update={"campaign_id": "c2"}
    ),
]


def _card(events: list[Event] = EVENTS) -> Scorecard:
    blueprint, _, _ = builtin_campaign(7)
    blueprint = blueprint.model_copy(
        update={
            "kpi_targets": [
                KPITarget(name="conversions", target=20),
                KPITarget(name="cpa", target=10),
                KPITarget(name="ctr", target=0.01),
                KPITarget(name="open_rate", target=0.25),
                KPITarget(name="conversion_rate", target=0.05),
                KPITarget(name="ctr", target=0.05, channel="email"),
                KPITarget(name="roas", target=2),
            ]
        }
    )
    return compute_scorecard(
        list(reversed(events)),
        blueprint=blueprint,
        campaign_id="c1",
        trace_id="t1",
        agents_run=["optimizer", "analytics"],
        llm_calls=3,
        tokens=1200,
    )


def test_scorecard_arithmetic_on_a_known_log() -> None:
    card = _card()
    assert card.speed_to_launch_s == 600.0  # first publish 10 minutes after the start
    assert card.spend == 184.0  # 2 + 2 + 180; the duplicate p1/day-1 report counts once, c2 not at all
    assert card.conversions == 24
    assert card.cost_per_result == pytest.approx(184 / 24)
    assert card.sla_adherence == 0.5  # p1, p2 on time; p3 late, p4 failed
    # escalated: asset a1, list l1, budget b1 = 3 items, of 8 governed subjects + 2 budget changes decided
    assert card.escalation_rate == pytest.approx(3 / 10)
    from tools.analytics.escalations import escalations

    listed = escalations([e for e in EVENTS if e.campaign_id == "c1"])
    assert [x.key for x in listed] == ["asset:a1", "list:l1", "budget:b1"]  # what the audit trail shows
    assert listed[2].outcome == "applied by ana" and listed[0].outcome == "waiting for a decision"
    kpis = {k.name: (k.actual, k.met) for k in card.kpis}
    assert kpis["conversions"] == (24.0, True)
    assert kpis["cpa"][0] == pytest.approx(7.6666666667) and kpis["cpa"][1] is True  # lower is better
    assert kpis["ctr"][0] == pytest.approx(290 / 21950) and kpis["ctr"][1] is True  # 0.0132
    assert kpis["open_rate"] == (pytest.approx(0.2), False)  # 390 opens / 1950 delivered emails
    assert kpis["conversion_rate"][0] == pytest.approx(0.0827586207)  # 24 / 290 clicks
    assert kpis["ctr:email"] == (pytest.approx(90 / 1950), False)  # 0.0462 < 0.05
    assert kpis["roas"] == (None, None)  # no revenue measured
    assert (card.llm_calls, card.tokens, card.agents_run) == (3, 1200, ["optimizer", "analytics"])


def test_scorecard_lift_and_rows() -> None:
    card = _card()
    lift = card.lift
    assert lift is not None
    assert (lift.treated, lift.treated_conversions, lift.control, lift.control_conversions) == (
        7000,
        24,
        2000,
        6,
    )
    assert lift.lift_pct == pytest.approx(1 / 7)  # 0.0034286 vs 0.003
    assert lift.ci95 == pytest.approx((-0.0023318600, 0.0031890028), abs=1e-9)
    rows = {r.key: r for r in card.by_channel}
    assert set(rows) == {"email", "paid_social"}
    assert (rows["email"].spend, rows["email"].conversions) == (4.0, 18)
    assert rows["email"].cost_per_result == pytest.approx(4 / 18)
    email_lift, social_lift = rows["email"].lift, rows["paid_social"].lift
    assert email_lift is not None and social_lift is not None
    assert email_lift.lift_pct == pytest.approx(0.8)  # 18/2000 = 0.009 vs 5/1000 = 0.005
    assert email_lift.ci95 == pytest.approx((-0.0020201531, 0.0100201531), abs=1e-9)
    assert rows["paid_social"].cost_per_result == 30.0
    assert social_lift.lift_pct == pytest.approx(0.2)  # 6/5000 vs 1/1000
    regions = {r.key: r for r in card.by_region}
    assert regions["US"].spend == 4.0 and regions["EU"].conversions == 6


def test_scorecard_without_data_has_no_made_up_numbers() -> None:
    card = compute_scorecard([], blueprint=None, campaign_id="c1", trace_id="t1", agents_run=[])
    assert card.speed_to_launch_s is None and card.lift is None and card.cost_per_result is None
    assert card.sla_adherence is None and card.escalation_rate == 0.0 and card.kpis == []
    assert card.spend == 0 and card.conversions == 0 and card.autonomy_recommendation is None
    only_start = _card([EVENTS[0]])
    assert only_start.speed_to_launch_s is None
    assert {k.name: k.met for k in only_start.kpis}["conversions"] is None


def test_lift_statistics() -> None:
    lift = compute_lift(10_000, 300, 10_000, 200)
    assert lift.lift_pct == pytest.approx(0.5)
    half = 1.959963984540054 * math.sqrt(0.03 * 0.97 / 10_000 + 0.02 * 0.98 / 10_000)
    assert lift.ci95 is not None and lift.ci95 == pytest.approx((0.01 - half, 0.01 + half))
    assert lift.ci95[0] > 0  # 3% vs 2% on 10k each is significant
    small = compute_lift(100, 3, 100, 2)
    assert small.ci95 is not None and small.ci95[0] < 0 < small.ci95[1]  # the same rates on 100 each are not
    assert compute_lift(100, 3, 0, 0).lift_pct is None and compute_lift(100, 3, 0, 0).ci95 is None
    assert compute_lift(100, 3, 100, 0).lift_pct is None  # undefined against a zero control rate
    with pytest.raises(ValueError, match="exceed"):
        compute_lift(10, 11, 10, 1)
    with pytest.raises(ValueError, match="control must be >= 0"):
        compute_lift(10, 1, -1, 0)
