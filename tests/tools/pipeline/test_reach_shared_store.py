"""A launch's reach on a shared pipeline store: two workers settling one launch at once record it once, and a
seed that raced another worker keeps what that worker wrote (SQLite and a real PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph.contracts import SegmentDefinition
from graph.runtime.lifecycle_hooks import settle_launch
from graph.runtime.services import Services
from graph.runtime.settings import Settings
from tools.crm.seed import seed as seed_crm
from tools.crm.segments import build_segment
from tools.crm.store import CRMStore
from tools.events import EventLog
from tools.pipeline.crm_source import read_contacts, source_key
from tools.pipeline.impact import ensure_accounts, snapshot_reach
from tools.pipeline.seed import seed_pipeline
from tools.pipeline.store import PipelineStore

AS_OF = date(2026, 11, 25)
SEGMENT = SegmentDefinition(channel="email", regions=["US", "UK"], holdout_pct=0.2)


def _reach_rows(store: PipelineStore, campaign_id: str) -> tuple[int, int]:
    """(reached_campaigns rows, contacts summed over reach rows) of one campaign."""

    def read(conn: Any) -> tuple[int, int]:
        marks = conn.execute(
            "SELECT COUNT(*) FROM reached_campaigns WHERE campaign_id = ?", (campaign_id,)
        ).fetchone()[0]
        contacts = conn.execute(
            "SELECT COALESCE(SUM(contacts), 0) FROM reach WHERE campaign_id = ?", (campaign_id,)
        ).fetchone()[0]
        return int(marks), int(contacts)

    result: tuple[int, int] = store.write(read)
    return result


def test_two_workers_settling_one_launch_on_postgres_record_reach_once(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings.from_env(
        {
            "LIFTOFF_HOME": str(tmp_path / "home"),
            "LIFTOFF_DATABASE_URL": postgres_url,
            "LIFTOFF_CRM_CONTACTS": "800",
        }
    )
    cid = "cmp-two-workers"
    crm = Services(settings).crm
    target = build_segment(crm, SEGMENT, campaign_id=cid, seed=7, as_of=AS_OF)
    assert target.eligible > 0
    values: dict[str, Any] = {
        "campaign_id": cid,
        "trace_id": cid,
        "blueprint": {
            "start_date": "2027-03-02",
            "end_date": "2027-03-29",
            "channels": [{"channel": "email"}],
        },
        "lists": {"email": target.model_dump(mode="json")},
        "agents": ["planner", "optimizer"],
    }
    # Both workers read the pipeline's meta before either writes: both find the store unseeded (the race two
    # schedulers/launchers on one database run into), then seed, snapshot and log concurrently.
    both_read = threading.Barrier(2, timeout=60)
    first_read = threading.local()
    real_meta = PipelineStore.meta

    def meta_then_wait(self: PipelineStore) -> dict[str, str]:
        out = real_meta(self)
        if not getattr(first_read, "done", False):
            first_read.done = True
            both_read.wait()
        return out

    monkeypatch.setattr(PipelineStore, "meta", meta_then_wait)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            settle_launch(settings, Services(settings), values)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    monkeypatch.undo()
    assert errors == []
    events = [e for _, e in EventLog(postgres_url).read(0, 10_000, campaign_id=cid)]
    failures = [
        (e.type, e.payload) for e in events if e.type in {"pipeline.reach_failed", "lifecycle.hook_failed"}
    ]
    assert failures == []
    assert [e.type for e in events].count("lifecycle.scheduled") == 1
    store = PipelineStore(postgres_url)
    assert _reach_rows(store, cid) == (1, target.eligible)


@pytest.fixture(params=["sqlite", "postgres"])
def pipeline_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The pipeline store's target: a SQLite file, or a fresh database on the throw-away PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "pipeline.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


def test_a_seed_that_raced_another_worker_keeps_its_accounts_and_reach(
    pipeline_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crm = CRMStore(tmp_path / "crm.duckdb")
    seed_crm(crm, 800, 7, as_of=AS_OF)
    target = build_segment(crm, SEGMENT, campaign_id="cmp-first", seed=7, as_of=AS_OF)
    store = PipelineStore(pipeline_target)
    first = ensure_accounts(store, crm, 7)
    assert first.seeded
    assert snapshot_reach(store, crm, "cmp-first", {"email": target}) > 0
    before = (store.counts(), _reach_rows(store, "cmp-first"))
    # A second worker that read the meta before the first one's seed committed (it saw an unseeded store).
    monkeypatch.setattr(store, "meta", lambda: {})
    again = seed_pipeline(store, read_contacts(crm), seed=7, as_of=AS_OF, source=source_key(crm))
    monkeypatch.undo()
    assert (again.seeded, again.accounts, again.opportunities) == (False, first.accounts, first.opportunities)
    assert (store.counts(), _reach_rows(store, "cmp-first")) == before
    assert before[1] == (1, target.eligible)
