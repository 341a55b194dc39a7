"""Reconciliation of programs left in flight by a publisher process that was killed (``kill -9``).

A child process publishes through the sandbox and is SIGKILLed right after the channel accepted the send, before
the program store recorded it. The row stays ``in_flight`` under the dead process's lease (300 s). The next
publisher (a resume) or the scheduler's sweep sees the holder is gone at once, asks the channel by idempotency
key and records the delivery: published once, with its event, no re-send, no 300 s wait.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from channel_kit import Env, make_request

from graph.runtime.settings import REPO_ROOT
from tools.channels.lease import holder_gone, process_owner_id
from tools.channels.outbox import Outbox
from tools.channels.publisher import Publisher
from tools.channels.sandbox import SandboxConnector
from tools.channels.store import ProgramStore

CHILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    sys.path[:0] = [sys.argv[2], sys.argv[3]]
    from channel_kit import make_request
    from tools.channels.publisher import Publisher
    from tools.channels.sandbox import SandboxConnector
    from tools.events import EventLog
    from tools.killswitch import KillSwitch

    tmp = Path(sys.argv[1])
    real = SandboxConnector.publish

    def accept_then_die(self, item):
        real(self, item)  # the channel accepted and delivered the send
        os.kill(os.getpid(), signal.SIGKILL)  # ... and the process dies before the store records it

    SandboxConnector.publish = accept_then_die
    Publisher(store_path=tmp / "programs.db", connectors={"email": SandboxConnector("email", tmp / "outbox.db")},
              kill_switch=KillSwitch(tmp / "control.db"), events=EventLog(tmp / "events.db")).publish(make_request())
""")


def _killed_mid_publish(tmp: Path) -> None:
    here = Path(__file__).resolve().parent
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp), str(here), str(REPO_ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -9, proc.stderr[-2000:]
    row = ProgramStore(tmp / "programs.db").get(make_request().key)
    assert row is not None and row.state == "in_flight" and holder_gone(row.lease_owner)
    assert len(Outbox(tmp / "outbox.db").entries()) == 1


def _publisher(env: Env) -> Publisher:
    """A second publisher on the real clock: the dead holder's 300 s lease has not expired."""
    return Publisher(
        store_path=env.tmp / "programs.db",
        connectors={"email": env.sandbox()},
        kill_switch=env.kill_switch,
        events=env.events,
    )


def test_resume_reconciles_a_program_whose_holder_was_killed(env: Env) -> None:
    _killed_mid_publish(env.tmp)
    program = _publisher(env).publish(make_request())
    assert program.status == "published"
    assert len(Outbox(env.tmp / "outbox.db").entries()) == 1  # asked the channel, never re-sent
    published = env.of_type("orchestrator.published")
    assert len(published) == 1 and published[0].payload["idempotency_key"] == make_request().key


def test_the_scheduler_sweep_reconciles_stale_programs(env: Env) -> None:
    _killed_mid_publish(env.tmp)
    settled = _publisher(env).reconcile_stale()
    assert [p.status for p in settled] == ["published"]
    assert _publisher(env).reconcile_stale() == []  # nothing left in flight
    assert len(Outbox(env.tmp / "outbox.db").entries()) == 1


def test_a_live_holder_is_not_taken_over() -> None:
    assert not holder_gone(process_owner_id())  # this process
    assert not holder_gone(process_owner_id(os.getppid()))  # a live process
    assert (
        not holder_gone("otherhost:1:1:abc") and not holder_gone("0123456789abcdef") and not holder_gone(None)
    )
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    owner = process_owner_id(proc.pid)
    proc.wait()
    assert holder_gone(owner)  # exited and reaped


def test_publish_settled_waits_out_a_live_holder_then_reports_what_it_holds(env: Env) -> None:
    import threading
    import time

    from tools.channels.base import PublishItem

    started, release = threading.Event(), threading.Event()
    real = SandboxConnector.publish

    class Slow(SandboxConnector):
        def publish(self, item: PublishItem):  # type: ignore[no-untyped-def]
            started.set()
            release.wait(10)
            return real(self, item)

    holder = Publisher(
        store_path=env.tmp / "programs.db",
        connectors={"email": Slow("email", env.tmp / "outbox.db")},
        kill_switch=env.kill_switch,
        events=env.events,
    )
    worker = threading.Thread(target=holder.publish, args=(make_request(),))
    worker.start()
    assert started.wait(10)
    t0 = time.monotonic()
    still = _publisher(env).publish_settled(make_request(), wait_s=0.5)  # bounded wait: still held
    assert still.status == "scheduled" and time.monotonic() - t0 >= 0.5
    threading.Timer(0.3, release.set).start()
    settled = _publisher(env).publish_settled(make_request(), wait_s=10)  # the holder settles it meanwhile
    worker.join(10)
    assert settled.status == "published" and len(Outbox(env.tmp / "outbox.db").entries()) == 1
