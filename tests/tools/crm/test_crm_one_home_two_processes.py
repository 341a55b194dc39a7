"""Two processes on one home queue on the DuckDB CRM file instead of failing on its lock."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tools.crm.backend import DuckDBBackend
from tools.crm.store import CRMStore

REPO = Path(__file__).resolve().parents[3]
CHILD = """
import sys, time
sys.path.insert(0, sys.argv[2])
from graph.contracts import SegmentDefinition
from tools.crm.segments import build_segment
from tools.crm.store import CRMStore
t = time.monotonic()
store = CRMStore(sys.argv[1])
target = build_segment(store, SegmentDefinition(channel="sms", regions=["US"]), campaign_id="child", seed=7)
print(target.eligible, round(time.monotonic() - t, 2))
"""


def test_a_second_process_waits_for_the_file_then_works(tmp_path: Path) -> None:
    path = tmp_path / "crm.duckdb"
    store = CRMStore(path)
    store.ensure_seeded(800, 7)
    with store.session():  # this process is using the store: the child must queue, not fail
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(REPO)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)
        assert child.poll() is None  # still waiting for the file
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    eligible, waited = out.split()
    assert int(eligible) > 0 and float(waited) >= 1.0
    assert len(store.list_ids()) == 1 and store.count() == 800  # the child's list, read back by this process
    store.close()


def test_a_lock_held_too_long_fails_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "crm.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
            " print('held', flush=True); time.sleep(30)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        backend = DuckDBBackend(path, wait_s=0.5)
        try:
            backend.execute("SELECT 1")
        except TimeoutError as exc:
            assert "stayed locked by another process" in str(exc)
            assert "\n" not in str(exc)
        else:
            raise AssertionError("opening a locked file did not time out")
    finally:
        holder.kill()
        holder.wait()


def test_the_duckdb_connection_never_prints_a_progress_bar(tmp_path: Path) -> None:
    """DuckDB draws a progress bar on stdout for a query over ~2 s; `--json` output must hold only JSON."""
    backend = DuckDBBackend(tmp_path / "crm.duckdb")
    settings = backend.conn.execute(
        "SELECT current_setting('enable_progress_bar'), current_setting('enable_progress_bar_print')"
    ).fetchall()
    assert settings == [(False, False)]
