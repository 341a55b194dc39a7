"""Autonomy advice: raise one level only after N cycles beating control with few exceptions; never by itself."""

from __future__ import annotations

import pytest

from graph.contracts import Event
from tools.analytics.autonomy import recommend, summarize


def _ev(kind: str, payload: dict, n: int) -> Event:
    return Event(id=f"{kind}-{n}", type=kind, trace_id="t", campaign_id="c", source="test", payload=payload)


def _cycles(channel: str, rates: list[tuple[int, int]], *, region: str = "US") -> list[Event]:
    """One cycle per (treated conversions per 10k, control conversions per 2k)."""
    out: list[Event] = []
    for day, (treated, control) in enumerate(rates):
        out.append(
            _ev(
                "channel.metrics",
                {
                    "program_id": f"{channel}-{region}",
                    "channel": channel,
                    "region": region,
                    "day": day,
                    "sends": 10_000,
                    "conversions": treated,
                },
                day * 100 + len(out),
            )
        )
        out.append(
            _ev(
                "control.metrics",
                {
                    "channel": channel,
                    "region": region,
                    "day": day,
                    "control_size": 2_000,
                    "conversions": control,
                },
                day * 100 + 50 + len(out),
            )
        )
    return out


def test_raises_one_level_only_when_beating_control_with_few_exceptions() -> None:
    good = _cycles("email", [(60, 6)] * 6)  # 0.6% vs 0.3%, every day
    [rec] = recommend(good, current={"email": "manual"}, min_cycles=5)
    assert rec.raise_level and (rec.current, rec.recommended) == ("manual", "assisted")
    assert rec.cycles == 6 and rec.cycles_beating_control == 6 and rec.ci95 is not None and rec.ci95[0] > 0
    assert rec.exception_rate == 0.0
    [rec] = recommend(good, current={"email": "assisted"}, min_cycles=5)
    assert rec.recommended == "auto"
    [rec] = recommend(good, current={"email": "auto"}, min_cycles=5)
    assert not rec.raise_level and rec.recommended == "auto"
    assert "consider raising manual -> assisted" in (summarize(recommend(good, min_cycles=5)) or "")


@pytest.mark.parametrize(
    ("events", "why"),
    [
        (_cycles("email", [(60, 6)] * 4), "only 4 cycles"),
        (_cycles("email", [(60, 6)] * 5 + [(5, 6)]), "beat the control in 4 of the last 5"),
        (_cycles("email", [(7, 1)] * 6), "does not exclude zero"),  # beats daily, but too little data
        (
            _cycles("email", [(60, 6)] * 6) + [_ev("spend.refused", {"channel": "email"}, 999)],
            "exception rate 16.7%",
        ),  # 1 refusal over 6 program-days
    ],
)
def test_no_raise_without_steady_evidence(events: list[Event], why: str) -> None:
    [rec] = recommend(events, current={"email": "manual"}, min_cycles=5, max_exception_rate=0.05)
    assert not rec.raise_level and rec.recommended == "manual"
    assert any(why in r for r in rec.reasons), rec.reasons


def test_exceptions_per_channel_and_by_region() -> None:
    events = _cycles("email", [(60, 6)] * 6) + _cycles("sms", [(60, 6)] * 6, region="EU")
    events += [
        _ev("sla.breach", {"channel": "sms"}, 1001),
        _ev("human.decision", {"channel": "sms", "decision": "reject"}, 1002),
    ]
    recs = {r.channel: r for r in recommend(events, min_cycles=5)}
    assert recs["email"].raise_level and not recs["sms"].raise_level
    assert recs["sms"].exception_rate == pytest.approx(2 / 6)
    by_region = recommend(events, min_cycles=5, by_region=True, current={"email:US": "assisted"})
    assert [(r.channel, r.region, r.current) for r in by_region] == [
        ("email", "US", "assisted"),
        ("sms", "EU", "manual"),
    ]


def test_recommend_changes_nothing_and_checks_input() -> None:
    events = _cycles("email", [(60, 6)] * 6)
    before = [e.model_copy(deep=True) for e in events]
    current = {"email": "manual"}
    recommend(events, current=current)
    assert events == before and current == {"email": "manual"}  # advice only
    with pytest.raises(ValueError, match="unknown autonomy level 'yolo'"):
        recommend(events, current={"email": "yolo"})
    with pytest.raises(ValueError, match="min_cycles"):
        recommend(events, min_cycles=0)
    assert summarize([]) is None
