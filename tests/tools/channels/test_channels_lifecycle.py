"""Backoff schedule, circuit breaker, SLA, cancel and metrics."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from channel_kit import Counting, Env, MaxRandom, make_request, transient

from graph.contracts import Receipt
from tools.channels.base import PermanentChannelError, TransientChannelError
from tools.channels.outbox import Outbox
from tools.channels.resilience import CircuitBreaker, RetryPolicy

# ----------------------------------------------------------------------------------------------- backoff


def test_backoff_is_exponential_and_capped() -> None:
    policy = RetryPolicy(max_attempts=8, base_delay_s=0.5, multiplier=2, max_delay_s=5)
    assert [policy.delay(n, MaxRandom()) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]


def test_full_jitter_stays_in_range_and_varies() -> None:
    policy, rng = RetryPolicy(base_delay_s=1.0), random.Random(1)
    delays = [policy.delay(3, rng) for _ in range(200)]
    assert all(0.0 <= d <= 4.0 for d in delays)
    assert len({round(d, 6) for d in delays}) > 150 and min(delays) < 1.0 < 3.0 < max(delays)


def test_retry_after_is_a_floor_capped_by_max_delay() -> None:
    policy = RetryPolicy(base_delay_s=0.1, max_delay_s=10)
    assert policy.delay(1, random.Random(0), retry_after_s=3) == 3
    assert policy.delay(1, random.Random(0), retry_after_s=99) == 10


def test_publisher_sleeps_the_schedule_and_honours_retry_after(env: Env) -> None:
    errors = [TransientChannelError("429", retry_after_s=7.0), *transient(2)]
    program = env.publisher({"email": Counting(env.sandbox(), errors=errors)}).publish(make_request())
    assert program.status == "published"
    assert env.sleeps == [7.0, 1.0, 2.0]


def test_bad_retry_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)


# ----------------------------------------------------------------------------------------- circuit breaker


def test_breaker_states() -> None:
    now = [0.0]
    breaker = CircuitBreaker(threshold=2, reset_after_s=30, monotonic=lambda: now[0])
    assert breaker.allow("sms") and not breaker.record_failure("sms")
    assert breaker.record_failure("sms") and breaker.state("sms") == "open"
    assert not breaker.allow("sms") and breaker.allow("email")
    now[0] = 29.9
    assert breaker.state("sms") == "open" and breaker.retry_in("sms") == pytest.approx(0.1)
    now[0] = 30
    assert breaker.state("sms") == "half_open"
    assert breaker.allow("sms") and not breaker.allow("sms")  # exactly one trial
    assert breaker.record_failure("sms") and breaker.state("sms") == "open"  # trial failed: open again
    now[0] = 61
    assert breaker.allow("sms")
    breaker.record_success("sms")
    assert breaker.state("sms") == "closed" and breaker.allow("sms")


def test_breaker_opens_refuses_fast_then_recovers(env: Env) -> None:
    down = Counting(env.sandbox(), errors=transient(3, "connection refused"))
    pub = env.publisher({"email": down}, breaker_threshold=3, breaker_reset_s=60)
    first = pub.publish(make_request(slot="2026-03-02"))
    assert first.status == "failed" and "circuit open for email" in first.reason and down.calls == 3
    [opened] = env.of_type("channel.circuit_open")
    assert opened.payload["channel"] == "email"

    second = pub.publish(make_request(slot="2026-03-03"))  # refused fast: the connector is not called
    assert second.status == "failed" and "circuit open" in second.reason and down.calls == 3
    assert env.of_type("orchestrator.failed")[-1].payload["attempts"] == 0

    env.clock.advance(61)  # half-open: one trial goes through, succeeds, the circuit closes
    assert pub.publish(make_request(slot="2026-03-03")).status == "published" and down.calls == 4
    assert pub.breaker.state("email") == "closed"
    assert pub.publish(make_request(slot="2026-03-02")).status == "published"


def test_half_open_failure_reopens(env: Env) -> None:
    down = Counting(env.sandbox(), errors=transient(3))
    pub = env.publisher({"email": down}, breaker_threshold=2, breaker_reset_s=10)
    assert pub.publish(make_request()).status == "failed" and down.calls == 2
    env.clock.advance(11)
    program = pub.publish(make_request())
    assert program.status == "failed" and down.calls == 3 and pub.breaker.state("email") == "open"
    assert len(env.of_type("channel.circuit_open")) == 2


def test_permanent_errors_do_not_open_the_breaker(env: Env) -> None:
    bad = Counting(env.sandbox(), errors=[PermanentChannelError("rejected") for _ in range(5)])
    pub = env.publisher({"email": bad}, breaker_threshold=2)
    for day in range(2, 6):
        assert pub.publish(make_request(slot=f"2026-03-0{day}")).status == "failed"
    assert pub.breaker.state("email") == "closed" and bad.calls == 4


# ----------------------------------------------------------------------------------------------------- SLA


def test_sla_late_and_failed(env: Env) -> None:
    pub = env.publisher(
        {"email": Counting(env.sandbox(), errors=[PermanentChannelError("no")])}, sla_grace=timedelta(hours=2)
    )
    failed = pub.publish(make_request(slot="2026-03-02"))
    env.kill_switch.set(True, region="EU")  # held by the kill-switch: still pending at its deadline
    late = pub.publish(make_request(slot="2026-03-03"))
    env.kill_switch.set(False, region="EU")
    on_time = pub.publish(make_request(slot="2026-03-04"))
    env.kill_switch.set(True, region="EU")
    pending = pub.publish(make_request(slot="2026-03-05"))
    assert (failed.status, late.status, on_time.status, pending.status) == (
        "failed",
        "blocked",
        "published",
        "blocked",
    )
    just_before = datetime(2026, 3, 4, 1, 59, tzinfo=UTC)  # slot 03-03 is due 03-04 00:00 (+2h grace)
    assert [e.payload["kind"] for e in pub.check_sla("cmp-1", now=just_before)] == ["failed"]
    breaches = pub.check_sla("cmp-1", now=datetime(2026, 3, 4, 2, 1, tzinfo=UTC))
    assert [(e.payload["kind"], e.payload["program_id"]) for e in breaches] == [("late", late.id)]
    assert breaches[0].payload["due"] == "2026-03-04T02:00:00+00:00" and breaches[0].type == "sla.breach"
    assert pub.check_sla("cmp-1", now=datetime(2026, 3, 4, 5, tzinfo=UTC)) == []  # once per program and kind
    assert len(env.of_type("sla.breach")) == 2
    alerts = pub.store.alerts("cmp-1")
    assert {(a.program_id, a.kind) for a in alerts} == {(failed.id, "failed"), (late.id, "late")}
    assert pending.id not in {a.program_id for a in alerts} and on_time.id not in {
        a.program_id for a in alerts
    }


def test_sla_datetime_slot_is_due_at_the_instant(env: Env) -> None:
    pub = env.publisher(sla_grace=timedelta(minutes=30))
    env.kill_switch.set(True, region="EU")
    assert pub.publish(make_request(slot="2026-03-02T10:00:00+01:00")).status == "blocked"
    assert pub.check_sla("cmp-1", now=datetime(2026, 3, 2, 9, 29, tzinfo=UTC)) == []
    assert len(pub.check_sla("cmp-1", now=datetime(2026, 3, 2, 9, 31, tzinfo=UTC))) == 1


# ------------------------------------------------------------------------------------------------- cancel


def test_cancel_held_item_never_publishes(env: Env) -> None:
    conn = Counting(env.sandbox())
    pub = env.publisher({"email": conn})
    req = make_request()
    env.kill_switch.set(True, region="EU")
    assert pub.publish(req).status == "blocked"
    cancelled = pub.cancel(req.key)  # allowed while the kill-switch is on: it only stops things
    assert cancelled.status == "cancelled"
    env.kill_switch.set(False, region="EU")
    assert pub.publish(req).status == "cancelled" and conn.calls == 0
    assert Outbox(env.tmp / "outbox.db").entries() == []
    assert pub.cancel(req.key).status == "cancelled"
    [event] = env.of_type("orchestrator.cancelled")
    assert event.payload["was"] == "blocked" and event.payload["program_id"] == req.program_id


def test_cancel_published_item_stops_it(env: Env) -> None:
    pub = env.publisher()
    req = make_request(audience=50)
    pub.publish(req)
    assert pub.cancel(req.key).status == "cancelled"
    assert Outbox(env.tmp / "outbox.db").entries()[0].status == "cancelled"


def test_cancel_refused_by_channel_keeps_state(env: Env) -> None:
    class NoCancel(Counting):
        def cancel(self, external_id: str) -> Receipt:
            raise PermanentChannelError("email cannot be recalled")

    pub = env.publisher({"email": NoCancel(env.sandbox())})
    req = make_request()
    pub.publish(req)
    with pytest.raises(PermanentChannelError):
        pub.cancel(req.key)
    assert pub.programs("cmp-1")[0].status == "published"


def test_cancel_unknown_key(env: Env) -> None:
    with pytest.raises(KeyError, match="no program"):
        env.publisher().cancel("nope")


# ------------------------------------------------------------------------------------------------- metrics


def test_collect_metrics_leaves_sandbox_programs_to_the_sandbox_results(env: Env) -> None:
    pub = env.publisher()
    pub.publish(make_request(audience=400, budget=0))
    assert (
        pub.collect_metrics("cmp-1", day=2) == []
    )  # the sandbox writes its results while the optimizer runs
    assert env.of_type("channel.metrics") == []


def test_sandbox_repeat_publish_reports_the_original(env: Env) -> None:
    sandbox = env.sandbox()
    item = make_request().item()
    first = sandbox.publish(item)
    env.clock.advance(3600)
    again = sandbox.publish(item)
    assert again.external_id == first.external_id and again.at == first.at
    assert len(Outbox(env.tmp / "outbox.db").entries()) == 1


def test_sla_published_after_deadline_is_late(env: Env) -> None:
    pub = env.publisher(sla_grace=timedelta(hours=1))
    env.clock.now = datetime(2026, 3, 3, 0, 59, tzinfo=UTC)
    on_time = pub.publish(make_request(slot="2026-03-02"))
    env.clock.now = datetime(2026, 3, 4, 1, 1, tzinfo=UTC)
    late = pub.publish(make_request(slot="2026-03-03"))
    breaches = pub.check_sla("cmp-1")
    assert [(b.payload["program_id"], b.payload["kind"], b.payload["state"]) for b in breaches] == [
        (late.id, "late", "published")
    ]
    assert on_time.status == "published"
