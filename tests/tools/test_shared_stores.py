"""Every shared store on a real PostgreSQL (the ``LIFTOFF_DATABASE_URL`` backend), same behaviour as SQLite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg
import pytest

from graph.contracts import Caps
from tools.channels.outbox import Outbox
from tools.channels.store import ProgramStore
from tools.events import EventLog
from tools.killswitch import KillSwitch, KillSwitchEngaged
from tools.lifecycle.store import LifecycleStore
from tools.spend import SpendLedger
from tools.spend.limits import CapExceeded
from tools.sqlstore import DatabaseUnavailable, open_database, redact, to_postgres


def test_dialect_rewrite() -> None:
    assert to_postgres("SELECT 1 FROM t WHERE a = ? AND b LIKE '%x'") == (
        "SELECT 1 FROM t WHERE a = %s AND b LIKE '%%x'"
    )
    assert (
        to_postgres("INSERT OR IGNORE INTO t (a) VALUES (?)")
        == "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"
    )
    assert to_postgres("INSERT OR IGNORE INTO t (a) VALUES (?) RETURNING a") == (
        "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING RETURNING a"
    )
    assert to_postgres("SELECT 5 % 2", False) == "SELECT 5 % 2"  # no parameters: psycopg does not unescape
    assert redact("postgresql://u:secret@h:5/db") == "postgresql://u:***@h:5/db"


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        "  insert or abort into t VALUES (?)",
        "REPLACE INTO t VALUES (1)",
    ],
)
def test_sqlite_only_conflict_clauses_are_refused_by_name(sql: str) -> None:
    # They have no PostgreSQL spelling: a store using one failed only on Postgres, with a bare syntax error.
    with pytest.raises(
        ValueError, match=r"INTO is SQLite-only: write INSERT \.\.\. ON CONFLICT \(key\) DO UPDATE"
    ):
        to_postgres(sql)


def test_event_log_on_postgres(postgres_url: str) -> None:
    log = EventLog(postgres_url)
    first = log.emit("a.b", trace_id="t1", campaign_id="c1", source="test", payload={"x": 1}, event_id="e1")
    assert log.append_many([first]) == 0  # same id: a no-op
    log.emit("a.c", trace_id="t1", campaign_id="c1", source="test", payload={"pct": "5%"})
    log.emit("a.d", trace_id="t2", campaign_id="c2", source="test")
    rows = log.read(0)
    assert [e.type for _, e in rows] == ["a.b", "a.c", "a.d"]
    assert [o for o, _ in rows] == sorted(o for o, _ in rows)
    assert log.read(rows[0][0], types=["a.d"])[0][1].campaign_id == "c2"
    assert log.count(trace_id="t1") == 2
    assert [e.payload for e in log.iter_trace("t1")] == [{"x": 1}, {"pct": "5%"}]
    # A second process's view (another instance on the same URL) sees the same log.
    assert EventLog(postgres_url).count() == 3


def test_ledger_on_postgres_is_append_only_and_capped(postgres_url: str) -> None:
    events = EventLog(postgres_url)
    ledger = SpendLedger(postgres_url, events=events, kill_switch=KillSwitch(postgres_url))
    ledger.set_caps("c1", Caps(total=100, per_channel={"email": 60}, per_day=80), trace_id="t1")
    ledger.commit(campaign_id="c1", channel="email", amount=50, day="2026-01-01", key="k1")
    assert (
        ledger.commit(campaign_id="c1", channel="email", amount=50, day="2026-01-01", key="k1").amount == 50
    )
    with pytest.raises(CapExceeded):
        ledger.commit(campaign_id="c1", channel="email", amount=20, day="2026-01-02", key="k2")
    assert ledger.spent("c1") == 50
    assert [e.kind for e in ledger.entries("c1")] == ["caps", "spend"]
    with (
        psycopg.connect(postgres_url) as conn,
        pytest.raises(psycopg.errors.RaiseException, match="append-only"),
    ):
        conn.execute("UPDATE liftoff_ledger.entries SET amount_cents = 0")
    with (
        psycopg.connect(postgres_url) as conn,
        pytest.raises(psycopg.errors.RaiseException, match="append-only"),
    ):
        conn.execute("DELETE FROM liftoff_ledger.entries")
    KillSwitch(postgres_url).set(True, channel="display", actor="ops")
    with pytest.raises(KillSwitchEngaged):
        ledger.commit(campaign_id="c1", channel="display", amount=1, day="2026-01-01", key="k3")
    assert {e.type for _, e in events.read(0)} >= {"spend.caps_set", "spend.recorded", "spend.refused"}


def test_program_store_and_outbox_on_postgres(postgres_url: str) -> None:
    store = ProgramStore(postgres_url)
    values = dict(
        idempotency_key="ik1",
        program_id="p1",
        campaign_id="c1",
        trace_id="t1",
        channel="email",
        region="EU",
        variant="A",
        asset_id="a1",
        asset_version=1,
        list_id="l1",
        segment_key="s",
        slot="2026-01-01T09:00",
        audience=10,
        budget=12.5,
        request="{}",
    )
    rec, created = store.ensure(values, "now")
    assert created and rec.state == "scheduled" and rec.budget == 12.5
    assert store.ensure(values, "later")[1] is False
    claimed = store.claim("ik1", "w1", 100.0, 30.0, "now")
    assert claimed is not None and claimed[1] == "scheduled"
    assert store.claim("ik1", "w2", 101.0, 30.0, "now") is None  # held
    assert store.claim("ik1", "w2", 200.0, 30.0, "now") is not None  # lease expired
    assert store.campaigns() == ["c1"]
    outbox = Outbox(postgres_url)
    with outbox.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO outbox (external_id, idempotency_key, program_id, campaign_id, channel,"
            " region, variant, asset_id, asset_version, list_id, slot, audience, budget, body, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ("x1", "ik1", "p1", "c1", "email", "EU", "A", "a1", 1, "l1", "s", 10, 1.5, "hi", "published"),
        )
    assert [e.external_id for e in outbox.entries("c1")] == ["x1"]


def test_kill_switch_and_lifecycle_on_postgres(postgres_url: str) -> None:
    switch, other = KillSwitch(postgres_url), KillSwitch(postgres_url)
    switch.set(True, region="EU", actor="ana", reason="incident")
    assert "region:EU" in (other.check("email", "EU") or "")
    assert other.check("email", "US") is None
    store = LifecycleStore(postgres_url, clock=lambda: 1000.0)
    assert store.ensure_campaign(
        "c1",
        trace_id="t1",
        clock="simulated",
        start_date=date(2026, 1, 1),
        last_day=3,
        first_day=1,
        window_days=7,
    )
    cycle = store.claim("c1", "w1", lease_s=60)
    assert cycle is not None and cycle.status == "running"
    assert store.claim("c1", "w2", lease_s=60) is None  # one cycle at a time per campaign
    assert store.finish(cycle.cycle_id, "w1", ok=True) is not None


def test_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    from evals.pgcluster import free_port

    url = f"postgresql://nobody:pw@127.0.0.1:{free_port()}/nothing"
    with pytest.raises(
        DatabaseUnavailable, match=r"cannot connect to the shared database postgresql://nobody:\*\*\*@"
    ):
        open_database(url, name="events", sqlite_schema="", postgres_schema="SELECT 1")


def test_crm_lists_built_by_one_worker_are_seen_by_another(postgres_url: str, tmp_path: Path) -> None:
    from graph.contracts import SegmentDefinition
    from tools.crm.export import export_list
    from tools.crm.segments import build_segment as build_list
    from tools.crm.store import CRMStore

    a, b = CRMStore(postgres_url), CRMStore(postgres_url)  # two workers' stores on the shared database
    assert a.ensure_seeded(2000, 7).seeded
    assert not b.ensure_seeded(2000, 7).seeded  # seeded once, whoever comes second
    definition = SegmentDefinition.model_validate(
        {
            "channel": "email",
            "regions": ["EU", "US"],
            "holdout_pct": 0.1,
            "filters": [
                {"field": "lead_score", "op": "gte", "value": 20},
                {"field": "last_activity", "op": "gte", "value": "2025-06-01"},
            ],
        }
    )
    built = build_list(a, definition, campaign_id="cmp-x", seed=7, as_of=date(2026, 3, 1))
    assert built.eligible > 0
    assert b.get_list(built.id) == built  # the other worker sees the list
    # The same list on an embedded DuckDB store: identical counts (same data, same holdout hash).
    local = CRMStore(tmp_path / "crm.duckdb")
    local.ensure_seeded(2000, 7)
    assert local.version() != "empty"
    same = build_list(local, definition, campaign_id="cmp-x", seed=7, as_of=date(2026, 3, 1))
    assert (same.eligible, same.holdout, same.by_region, same.excluded) == (
        built.eligible,
        built.holdout,
        built.by_region,
        built.excluded,
    )
    result = export_list(b, built, out_dir=tmp_path / "exports", kill_switch=KillSwitch(postgres_url))
    assert result.rows == built.eligible
    for store in (a, b, local):
        store.close()


def test_a_list_exported_by_one_worker_is_reused_by_another(postgres_url: str, tmp_path: Path) -> None:
    from graph.contracts import SegmentDefinition
    from tools.crm.export import export_list
    from tools.crm.export_store import ExportStore
    from tools.crm.segments import build_segment
    from tools.crm.store import CRMStore

    store = CRMStore(postgres_url)
    store.ensure_seeded(1500, 7)
    target = build_segment(store, SegmentDefinition(channel="email", regions=["EU"]), campaign_id="c", seed=7)
    switch, shared = KillSwitch(postgres_url), ExportStore(postgres_url)
    first = export_list(
        store, target, out_dir=tmp_path / "home-a" / "exports", kill_switch=switch, shared=shared
    )
    second = export_list(
        store, target, out_dir=tmp_path / "home-b" / "exports", kill_switch=switch, shared=shared
    )
    assert first.created and not second.created and first.rows == second.rows == target.eligible
    assert first.path.read_bytes() == second.path.read_bytes()  # worker b's local copy is worker a's export
    assert shared.names(target.id) == [first.path.name]
    store.close()
