"""Concurrency: N fresh ``liftoff run`` processes at once (separate homes, one home), peak memory per process.

Also the import-race check: every process imports numpy/torch/chromadb/guardrails for the first time while the
graph fans out; any ``ImportError`` (a partially initialised module) counts as a failure.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from evals.chaos.figures import BRIEF, Figure, env_for
from graph.runtime.settings import REPO_ROOT

CAT = "concurrency"
RSS_PRINT = (
    "import resource, sys, atexit; atexit.register(lambda: print('chaos-rss-kb', "
    "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)); "
    "from evals.chaos.crash import main; sys.exit(main(sys.argv[1:]))"
)


def _spawn(home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RSS_PRINT, "run", "--brief", BRIEF, "--auto-approve", "--json"],
        env=env_for(home),
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _batch(homes: list[Path]) -> dict[str, object]:
    procs = [_spawn(h) for h in homes]
    results = [(p, *p.communicate(timeout=1800)) for p in procs]
    failures = import_errors = 0
    trace_ids: list[str] = []
    rss: list[int] = []
    for proc, stdout, stderr in results:
        import_errors += "ImportError" in stderr or "ImportError" in stdout
        rss += [int(line.split()[1]) for line in stderr.splitlines() if line.startswith("chaos-rss-kb")]
        try:
            out = json.loads(stdout)
            trace_ids.append(out["trace_id"])
            failures += proc.returncode != 0 or out["status"] != "launched"
        except (ValueError, KeyError):
            failures += 1
    return {
        "failures": failures,
        "import_errors": import_errors,
        "peak_rss_mb": max(rss, default=0) // 1024,
        "mean_rss_mb": (sum(rss) // len(rss) // 1024) if rss else 0,
        "unique_traces": len(set(trace_ids)),
        "runs": len(homes),
    }


def _foreign_traces(home: Path) -> int:
    """Events whose trace id is not their campaign's (one home shared by many runs)."""
    db = home / "events.db"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT campaign_id, COUNT(DISTINCT trace_id) FROM events GROUP BY campaign_id"
        ).fetchall()
    return sum(n - 1 for _, n in rows if n > 1)


def run(quick: bool) -> list[Figure]:
    """N separate homes (import races, memory) and N runs on one home (queueing on shared stores)."""
    n = 3 if quick else 12
    root = Path(tempfile.mkdtemp(prefix="chaos-conc-"))
    sep = _batch([root / f"home-{i}" for i in range(n)])
    shared_home = root / "shared"
    one = _batch([shared_home] * (2 if quick else 6))
    return [
        Figure(CAT, f"{n} runs on separate homes: failures", sep["failures"], sep["failures"] == 0),
        Figure(
            CAT, f"{n} runs on separate homes: ImportErrors", sep["import_errors"], sep["import_errors"] == 0
        ),
        Figure(CAT, "peak RSS per process (MB)", sep["peak_rss_mb"], True, f"mean {sep['mean_rss_mb']} MB"),
        Figure(
            CAT,
            f"{one['runs']} runs on one home: failures",
            one["failures"],
            one["failures"] == 0,
            "runs share the CRM and stores of one home",
        ),
        Figure(
            CAT,
            f"{one['runs']} runs on one home: foreign trace ids",
            _foreign_traces(shared_home),
            _foreign_traces(shared_home) == 0,
        ),
    ]
