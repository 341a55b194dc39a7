"""Worker process of the lock tests: read-modify-write a campaign's allocation N times, recording when it held
the campaign lock (or, with ``nolock``, when it would have). Usage:

    python lock_worker.py HOME CAMPAIGN OUT N HOLD_S START_AT lock|nolock
"""

from __future__ import annotations

import sys
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tools.events import EventLog  # noqa: E402
from tools.killswitch import KillSwitch  # noqa: E402
from tools.lifecycle.lock import campaign_lock  # noqa: E402
from tools.spend import SpendLedger  # noqa: E402


def main() -> None:
    home, campaign, out, n, hold, start_at, mode = sys.argv[1:8]
    home_path = Path(home)
    ledger = SpendLedger(
        home_path / "ledger.db",
        events=EventLog(home_path / "events.db"),
        kill_switch=KillSwitch(home_path / "control.db"),
    )
    while time.time() < float(start_at):
        time.sleep(0.001)
    lines = []
    for i in range(int(n)):
        guard = (
            campaign_lock(home_path / "locks", campaign, purpose="test") if mode == "lock" else nullcontext()
        )
        with guard:
            enter = time.time()
            current = ledger.allocation(campaign).get("email", 0.0)
            time.sleep(float(hold))  # a slow step between reading and writing: the window another could use
            ledger.set_allocation(campaign, "email", current + 1.0, trace_id="trc", reason=f"worker {i}")
            leave = time.time()
        lines.append(f"{enter} {leave}\n")
    Path(out).write_text("".join(lines))


if __name__ == "__main__":
    main()
