"""Worker process of the lease tests: claim and finish cycles until none is left, logging what it ran.

python claim_worker.py DB OUT WORK_S START_AT
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tools.lifecycle.store import LifecycleStore  # noqa: E402


def main() -> None:
    db, out, work, start_at = sys.argv[1:5]
    store = LifecycleStore(db)
    owner = f"w{os.getpid()}"
    while time.time() < float(start_at):
        time.sleep(0.001)
    ran: list[str] = []
    idle = 0
    while idle < 20:
        got = False
        for cid in store.campaign_ids():
            cycle = store.claim(cid, owner, lease_s=30)
            if cycle is None:
                continue
            got = True
            start = time.time()
            time.sleep(float(work))
            end = (
                time.time()
            )  # the work ends before the claim is released (finish), or spans would overlap falsely
            assert store.finish(cycle.cycle_id, owner, ok=True, outcome={"owner": owner}) is not None
            ran.append(f"{cycle.cycle_id} {owner} {start} {end}\n")
        idle = 0 if got else idle + 1
        if not got:
            time.sleep(0.01)
    Path(out).write_text("".join(ran))


if __name__ == "__main__":
    main()
