"""Fixtures of the CRM tests: small seeded stores and an independent Python model of eligibility."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from graph.contracts import SegmentDefinition
from tools.crm.seed import seed
from tools.crm.store import CRMStore

AS_OF = date(2026, 1, 15)

# What the law tables say, written out independently of graph.contracts.consent (the test must be able to disagree).
EXPRESS = {"opt_in", "double_opt_in"}
EXPECTED_RULES = {
    ("US", "email"): EXPRESS | {"legitimate_interest"},
    **{(r, "email"): EXPRESS for r in ("UK", "EU", "CA", "APAC")},
    **{(r, "sms"): EXPRESS for r in ("US", "UK", "EU", "CA", "APAC")},
    **{
        (r, c): EXPRESS | ({"legitimate_interest"} if r in ("US", "CA", "APAC") else set())
        for r in ("US", "UK", "EU", "CA", "APAC")
        for c in ("paid_social", "paid_search", "display")
    },
}


@pytest.fixture(scope="session")
def crm_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CRMStore]:
    """A 5,000-contact DuckDB store shared by read-only tests (lists may be built on it, data never changes)."""
    store = CRMStore(tmp_path_factory.mktemp("crm") / "crm.duckdb")
    seed(store, 5_000, 11, as_of=AS_OF)
    yield store
    store.close()


@pytest.fixture
def make_store(tmp_path: Path) -> Iterator[Callable[..., CRMStore]]:
    """Factory of fresh seeded stores for tests that write (touches) or compare engines."""
    opened: list[CRMStore] = []

    def factory(n: int = 2_000, seed_value: int = 3, suffix: str = ".duckdb", name: str = "crm") -> CRMStore:
        store = CRMStore(tmp_path / f"{name}{suffix}")
        seed(store, n, seed_value, as_of=AS_OF)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


def reference_outcome(
    store: CRMStore, definition: SegmentDefinition, as_of: date = AS_OF
) -> dict[int, str | None]:
    """Exclusion reason (or None = eligible) per contact of the regions, computed in plain Python (no filters)."""
    assert not definition.filters, "the reference model ignores filters"
    channel = definition.channel
    with store.session() as db:
        contacts = db.execute("SELECT contact_id, region, email, phone FROM contacts").fetchall()
        basis = dict(
            db.execute("SELECT contact_id, basis FROM consent WHERE channel = ?", [channel]).fetchall()
        )
        supp: dict[int, set[str]] = defaultdict(set)
        for cid, reason, ch in db.execute("SELECT contact_id, reason, channel FROM suppressions").fetchall():
            if ch is None or ch == channel:
                supp[cid].add(reason)
        cutoff = datetime.combine(as_of - timedelta(days=definition.frequency_cap_days), datetime.min.time())
        touched = {
            cid
            for cid, ch, at in db.execute("SELECT contact_id, channel, touched_at FROM touches").fetchall()
            if ch == channel and _ts(at) >= cutoff
        }
    out: dict[int, str | None] = {}
    for cid, region, email, phone in contacts:
        if region not in definition.regions:
            continue
        address = phone if channel == "sms" else email
        reason = next((r for r in ("legal_hold", "unsubscribed", "bounced") if r in supp[cid]), None)
        if reason is None and address is None:
            reason = "no_address"
        if reason is None and basis.get(cid, "none") not in EXPECTED_RULES[(region, channel)]:
            reason = "no_consent"
        if reason is None and definition.frequency_cap_days > 0 and cid in touched:
            reason = "frequency_cap"
        out[cid] = reason
    return out


def _ts(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


@pytest.fixture
def reference() -> Callable[..., dict[int, str | None]]:
    """The independent eligibility model."""
    return reference_outcome


def members(store: CRMStore, list_id: str) -> dict[int, int]:
    """contact_id -> holdout flag of a built list."""
    with store.session() as db:
        return dict(
            db.execute("SELECT contact_id, holdout FROM list_members WHERE list_id = ?", [list_id]).fetchall()
        )


@pytest.fixture
def list_members() -> Callable[[CRMStore, str], dict[int, int]]:
    """Read a built list's members (tests only; the tools never return rows)."""
    return members
