"""Exactly-once publishing: retries, second instances, crashes, kill-switch and ledger refusals."""

from __future__ import annotations

from typing import Any

import pytest
from channel_kit import Counting, CountingReconcilable, Env, make_request, transient
from pydantic import ValidationError
from time_machine import TimeMachineFixture

from tools.channels.base import PermanentChannelError, PublishItem
from tools.channels.outbox import Outbox
from tools.channels.publisher import Publisher
from tools.channels.request import idempotency_key
from tools.killswitch import KillSwitchEngaged


class Crash(BaseException):
    """Stands for the process dying (not an Exception: nothing catches it)."""


def outbox_rows(env: Env) -> list[Any]:
    return Outbox(env.tmp / "outbox.db").entries()


def test_publish_writes_outbox_receipt_and_event(env: Env) -> None:
    pub = env.publisher()
    req = make_request()
    program = pub.publish(req, causation_id="cause-1")
    assert program.status == "published"
    assert program.idempotency_key == req.key and program.id == req.program_id
    assert program.attempts == 1 and len(program.receipts) == 1
    [row] = outbox_rows(env)
    assert row.status == "published" and row.external_id == program.receipts[0].external_id
    assert row.subject == "Brew better at home" and row.idempotency_key == req.key
    [event] = env.of_type("orchestrator.published")
    assert event.causation_id == "cause-1" and event.source == "orchestrator"
    assert set(event.payload) >= {
        "program_id",
        "idempotency_key",
        "channel",
        "region",
        "variant",
        "asset_id",
        "asset_version",
        "list_id",
        "audience",
        "budget",
        "connector",
        "external_id",
        "slot",
    }
    assert event.payload["connector"] == "sandbox" and event.payload["region"] == "EU"


def test_second_call_returns_stored_program_without_side_effect(env: Env) -> None:
    conn = Counting(env.sandbox())
    pub = env.publisher({"email": conn})
    first = pub.publish(make_request())
    again = pub.publish(make_request())
    assert conn.calls == 1
    assert again == first
    assert len(env.of_type("orchestrator.published")) == 1  # re-emitted with the same id: a no-op


def test_retry_after_transient_errors_publishes_once(env: Env) -> None:
    conn = Counting(env.sandbox(), errors=transient(2))
    program = env.publisher({"email": conn}).publish(make_request())
    assert program.status == "published" and program.attempts == 3 and conn.calls == 3
    assert len(outbox_rows(env)) == 1
    retries = env.of_type("orchestrator.retry")
    assert [e.payload["attempt"] for e in retries] == [1, 2]
    assert [e.payload["delay_s"] for e in retries] == env.sleeps == [0.5, 1.0]
    assert all(e.payload["error"] == "503 busy" for e in retries)


def test_second_publisher_instance_does_not_republish(env: Env) -> None:
    first_conn, second_conn = Counting(env.sandbox()), Counting(env.sandbox())
    env.publisher({"email": first_conn}).publish(make_request())
    program = env.publisher({"email": second_conn}).publish(make_request())  # a second process, same store
    assert program.status == "published"
    assert (first_conn.calls, second_conn.calls) == (1, 0)
    assert len(outbox_rows(env)) == 1


def test_crash_after_side_effect_is_reconciled_not_resent(env: Env) -> None:
    sandbox = env.sandbox()

    def deliver_then_die(item: PublishItem) -> None:
        sandbox.publish(item)
        raise Crash()

    dying = CountingReconcilable(sandbox, before=deliver_then_die)
    with pytest.raises(Crash):
        env.publisher({"email": dying}, lease_s=60).publish(make_request())
    rec = env.publisher().store.get(make_request().key)
    assert rec is not None and rec.state == "in_flight"

    survivor = CountingReconcilable(env.sandbox())
    early = env.publisher({"email": survivor}, lease_s=60).publish(make_request())
    assert early.status == "scheduled" and survivor.calls == 0  # the lease still holds: hands off

    env.clock.advance(61)  # the crashed holder's lease expires
    program = env.publisher({"email": survivor}, lease_s=60).publish(make_request())
    assert program.status == "published" and survivor.calls == 0
    assert program.receipts[0].detail["reconciled"] is True
    assert len(outbox_rows(env)) == 1 and len(env.of_type("orchestrator.published")) == 1


def test_crash_before_side_effect_publishes_on_resume(env: Env) -> None:
    def die(item: PublishItem) -> None:
        raise Crash()

    with pytest.raises(Crash):
        env.publisher({"email": CountingReconcilable(env.sandbox(), before=die)}, lease_s=10).publish(
            make_request()
        )
    assert outbox_rows(env) == []
    env.clock.advance(11)
    survivor = CountingReconcilable(env.sandbox())
    program = env.publisher({"email": survivor}).publish(make_request())
    assert program.status == "published" and survivor.calls == 1
    assert len(outbox_rows(env)) == 1


def test_crash_on_connector_without_lookup_needs_manual_check(env: Env) -> None:
    def die(item: PublishItem) -> None:
        raise Crash()

    with pytest.raises(Crash):
        env.publisher({"email": Counting(env.sandbox(), before=die)}, lease_s=10).publish(make_request())
    env.clock.advance(11)
    blind = Counting(env.sandbox())  # no lookup(): cannot tell whether it delivered
    program = env.publisher({"email": blind}).publish(make_request())
    assert program.status == "failed" and "check manually" in program.reason
    assert blind.calls == 0
    assert env.publisher({"email": blind}).publish(make_request()).status == "failed" and blind.calls == 0
    [check] = env.of_type("orchestrator.needs_check")
    assert check.payload["idempotency_key"] == make_request().key


def test_connector_bug_marks_outcome_unknown(env: Env) -> None:
    conn = Counting(env.sandbox(), errors=[KeyError("boom")])
    with pytest.raises(KeyError):
        env.publisher({"email": conn}).publish(make_request())
    program = env.publisher({"email": conn}).publish(make_request())
    assert program.status == "failed" and "outcome unknown" in program.reason and conn.calls == 1


@pytest.mark.parametrize(
    "scope", [{}, {"channel": "email"}, {"region": "EU"}, {"channel": "email", "region": "EU"}]
)
def test_kill_switch_blocks_inside_publish(env: Env, scope: dict[str, str]) -> None:
    env.kill_switch.set(True, actor="ana", reason="bad copy", **scope)
    conn = Counting(env.sandbox())
    pub = env.publisher({"email": conn})
    program = pub.publish(make_request())
    assert program.status == "blocked" and "kill-switch on" in program.reason and "bad copy" in program.reason
    assert conn.calls == 0 and outbox_rows(env) == []
    [blocked] = env.of_type("orchestrator.blocked")
    assert blocked.payload == {
        "program_id": program.id,
        "channel": "email",
        "region": "EU",
        "reason": program.reason,
    }
    env.kill_switch.set(False, **scope)
    assert pub.publish(make_request()).status == "published" and conn.calls == 1


def test_kill_switch_other_scope_does_not_block(env: Env) -> None:
    env.kill_switch.set(True, channel="sms")
    env.kill_switch.set(True, region="US")
    assert env.publisher().publish(make_request()).status == "published"


def test_kill_switch_engaged_between_retries_stops_them(env: Env) -> None:
    def engage(item: PublishItem) -> None:
        env.kill_switch.set(True, channel="email", reason="stop now")

    conn = Counting(env.sandbox(), errors=transient(3), before=engage)
    program = env.publisher({"email": conn}).publish(make_request())
    assert program.status == "blocked" and conn.calls == 1 and outbox_rows(env) == []


class CapExceeded(RuntimeError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FakeLedger:
    def __init__(self, refuse: BaseException | None = None) -> None:
        self.refuse = refuse
        self.calls: list[dict[str, Any]] = []

    def commit(self, **kw: Any) -> None:
        self.calls.append(kw)
        if self.refuse:
            raise self.refuse


def test_ledger_is_committed_before_publish_with_the_idempotency_key(env: Env) -> None:
    ledger = FakeLedger()
    req = make_request(budget=125.5, slot="2026-03-04T10:00:00+00:00")
    assert env.publisher(ledger=ledger).publish(req).status == "published"
    assert ledger.calls == [
        {
            "campaign_id": "cmp-1",
            "channel": "email",
            "amount": 125.5,
            "day": "2026-03-04",
            "key": req.key,
            "trace_id": "tr-cmp-1",
            "region": "EU",
        }
    ]


def test_zero_budget_skips_the_ledger(env: Env) -> None:
    ledger = FakeLedger(CapExceeded("never"))
    assert env.publisher(ledger=ledger).publish(make_request(budget=0)).status == "published"
    assert ledger.calls == []


def test_ledger_cap_refusal_blocks(env: Env) -> None:
    conn = Counting(env.sandbox())
    ledger = FakeLedger(CapExceeded("channel cap (email): 990.00 spent + 20.00 > 1000.00"))
    program = env.publisher({"email": conn}, ledger=ledger).publish(make_request(budget=20))
    assert program.status == "blocked" and program.reason.startswith("spend cap: channel cap (email)")
    assert conn.calls == 0
    assert env.of_type("orchestrator.blocked")[0].payload["reason"] == program.reason


def test_ledger_kill_switch_refusal_blocks(env: Env) -> None:
    program = env.publisher(ledger=FakeLedger(KillSwitchEngaged("kill-switch on (global)"))).publish(
        make_request(budget=5)
    )
    assert program.status == "blocked" and "kill-switch" in program.reason


def test_ledger_crash_fails_loudly(env: Env) -> None:
    pub = env.publisher(ledger=FakeLedger(OSError("disk full")))
    with pytest.raises(OSError):
        pub.publish(make_request(budget=5))
    assert pub.programs("cmp-1")[0].status == "failed"
    assert "disk full" in env.of_type("orchestrator.failed")[0].payload["reason"]


def test_permanent_error_fails_without_retry(env: Env) -> None:
    conn = Counting(env.sandbox(), errors=[PermanentChannelError("400 bad template")])
    program = env.publisher({"email": conn}).publish(make_request())
    assert program.status == "failed" and "400 bad template" in program.reason and conn.calls == 1
    assert env.sleeps == []
    [failed] = env.of_type("orchestrator.failed")
    assert failed.payload["attempts"] == 1 and failed.payload["reason"] == program.reason


def test_retries_exhausted_fail_then_a_later_run_succeeds(env: Env) -> None:
    conn = Counting(env.sandbox(), errors=transient(4))
    pub = env.publisher({"email": conn})
    program = pub.publish(make_request())
    assert program.status == "failed" and program.attempts == 4 and "after 4 attempt(s)" in program.reason
    assert env.sleeps == [0.5, 1.0, 2.0]
    again = pub.publish(make_request())  # a failed program (nothing delivered) may be re-attempted
    assert again.status == "published" and again.attempts == 5 and len(outbox_rows(env)) == 1


def test_missing_connector_is_a_clear_error(env: Env) -> None:
    with pytest.raises(ValueError, match="no connector configured for channel 'sms'"):
        env.publisher().publish(make_request(channel="sms"))


def test_idempotency_key_depends_on_each_part() -> None:
    base = ("cmp", "cmp-email-EU-A", 1, "seg", "email", "2026-03-02")
    key = idempotency_key(*base)
    assert key == idempotency_key(*base) and len(key) == 64
    for i, other in enumerate(["cmp2", "cmp-email-EU-B", 2, "seg2", "sms", "2026-03-03"]):
        changed = list(base)
        changed[i] = other
        assert idempotency_key(*changed) != key  # type: ignore[arg-type]


def test_new_asset_version_is_a_new_program(env: Env) -> None:
    pub = env.publisher()
    a, b = pub.publish(make_request(version=1)), pub.publish(make_request(version=2))
    assert a.idempotency_key != b.idempotency_key and len(outbox_rows(env)) == 2


def test_request_validation_names_the_problem() -> None:
    with pytest.raises(ValidationError, match="region 'US' != asset region 'EU'"):
        make_request().model_copy(update={}).__class__.model_validate(
            {**make_request().model_dump(), "region": "US"}
        )
    with pytest.raises(ValidationError, match="slot must be an ISO date"):
        make_request(slot="next tuesday")


def _race(store_dir: str, n: int) -> int:
    """One process of the race below: publish the same request; return its connector calls."""
    from pathlib import Path

    from channel_kit import Clock, Env

    from tools.events import EventLog
    from tools.killswitch import KillSwitch

    tmp = Path(store_dir)
    env = Env(tmp, Clock(), [], EventLog(tmp / "events.db"), KillSwitch(tmp / "control.db"))
    conn = Counting(env.sandbox())
    env.publisher({"email": conn}).publish(make_request())
    return conn.calls


def test_concurrent_processes_publish_once(env: Env) -> None:
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(3) as pool:
        calls = pool.starmap(_race, [(str(env.tmp), i) for i in range(6)])
    assert sum(calls) == 1
    assert len(outbox_rows(env)) == 1 and len(env.of_type("orchestrator.published")) == 1


def test_concurrent_threads_publish_once(env: Env) -> None:
    import threading

    start = threading.Barrier(4)
    conns = [Counting(env.sandbox(), before=lambda item: None) for _ in range(4)]
    results: list[str] = []

    def run(conn: Counting) -> None:
        pub = env.publisher({"email": conn})
        start.wait()
        results.append(pub.publish(make_request()).status)

    threads = [threading.Thread(target=run, args=(c,)) for c in conns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(c.calls for c in conns) == 1 and len(outbox_rows(env)) == 1
    assert "published" in results and set(results) <= {"published", "scheduled"}


def test_lease_is_held_while_a_long_call_runs(env: Env, time_machine: TimeMachineFixture) -> None:
    import threading
    import time
    from datetime import UTC, datetime, timedelta

    time_machine.move_to(datetime.now(UTC), tick=True)  # the publishers' default clock, moved by the test
    started, release = threading.Event(), threading.Event()

    def slow(item: PublishItem) -> None:
        started.set()
        release.wait(5)

    slow_conn = CountingReconcilable(env.sandbox(), before=slow)
    slow_pub = Publisher(
        store_path=env.tmp / "programs.db",
        connectors={"email": slow_conn},
        kill_switch=env.kill_switch,
        events=env.events,
        lease_s=0.15,
    )
    worker = threading.Thread(target=slow_pub.publish, args=(make_request(),))
    worker.start()
    assert started.wait(5)
    time_machine.shift(timedelta(seconds=30))  # two hundred lease lengths pass while the call runs
    moved = datetime.now(UTC).timestamp()
    deadline = time.monotonic() + 5
    while (
        slow_pub.store.get(make_request().key).lease_until or 0.0
    ) <= moved:  # the next heartbeat (lease_s/3)
        assert time.monotonic() < deadline, "the heartbeat never renewed the lease"
        release.wait(0.01)
    other = CountingReconcilable(env.sandbox())
    second = Publisher(
        store_path=env.tmp / "programs.db",
        connectors={"email": other},
        kill_switch=env.kill_switch,
        events=env.events,
        lease_s=0.15,
    ).publish(make_request())
    release.set()
    worker.join(5)
    assert second.status == "scheduled" and other.calls == 0
    assert len(outbox_rows(env)) == 1 and slow_pub.programs("cmp-1")[0].status == "published"
