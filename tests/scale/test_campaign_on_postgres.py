"""A whole campaign with LIFTOFF_DATABASE_URL: every piece of shared state on Postgres, seen from another home."""

from __future__ import annotations

from pathlib import Path

from graph.runtime.lifecycle_hooks import lifecycle_store
from graph.runtime.runner import Campaigns
from tests.graph.conftest import CLEAN_BRIEF, make_settings
from tools.channels.store import ProgramStore
from tools.events import EventLog
from tools.pipeline.store import PipelineStore


def test_a_campaign_on_one_home_is_listed_resumed_and_cycled_from_another(
    tmp_path: Path, postgres_url: str
) -> None:
    a = Campaigns(make_settings(tmp_path / "home-a", database_url=postgres_url))
    run = a.start(CLEAN_BRIEF, auto_approve=True)
    assert run.status == "launched", run.reason
    cid = run.thread_id
    # Nothing shared stayed in home a: no SQLite store file was created there.
    assert not sorted(p.name for p in (tmp_path / "home-a").glob("*.db")), "a store fell back to a local file"
    assert not (tmp_path / "home-a" / "crm.duckdb").exists()
    programs = ProgramStore(postgres_url).by_campaign(cid)
    assert programs and {p.state for p in programs} <= {"published", "scheduled"}
    assert lifecycle_store(a.settings).campaign(cid) is not None  # after-launch schedule on the shared store

    b = Campaigns(make_settings(tmp_path / "home-b", database_url=postgres_url))  # another machine
    assert cid in [s.campaign_id for s in b.list()]
    assert b.result(cid).status == "launched"
    cycled = b.run_cycle(cid, "report", auto_approve=True)
    assert cycled.status == "launched", cycled.reason
    events = EventLog(postgres_url)
    trail = list(events.iter_trace(run.trace_id))
    assert len(trail) == len({e.id for e in trail})  # one audit trail, no duplicates
    assert {"orchestrator.published", "lifecycle.scheduled"} <= {e.type for e in trail}
    # The launch's reach was recorded on the shared pipeline store (it failed on Postgres: pipeline.reach_failed).
    assert [(e.type, e.payload) for e in trail if e.type.endswith("_failed")] == []
    assert PipelineStore(postgres_url).has_reach(cid)
    assert len(ProgramStore(postgres_url).by_campaign(cid)) == len(
        programs
    )  # the cycle published nothing twice
    a.close()
    b.close()
