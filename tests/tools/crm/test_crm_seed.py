"""Synthetic data: reproducible, realistic, transactional; the store's version and schema match the docs."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from graph.contracts import REGIONS, SegmentDefinition
from tools.crm.dictionary import COUNTRIES_BY_REGION, FIELDS, INTERESTS, LANGUAGES
from tools.crm.holdout import bucket_sql, buckets, salt_for
from tools.crm.seed import HISTORY_DAYS, generate, seed
from tools.crm.segments import build_segment
from tools.crm.store import CRMStore
from tools.crm.tables import DATA_TABLES, EMPTY_VERSION

AS_OF = date(2026, 1, 15)
DOC = Path(__file__).resolve().parents[3] / "tools" / "crm" / "DATA_DICTIONARY.md"


def _equal(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        a[t].keys() == b[t].keys()
        and all(np.array_equal(np.asarray(a[t][c]), np.asarray(b[t][c])) for c in a[t])
        for t in a
    )


def test_same_seed_same_data_other_seed_other_data() -> None:
    one, two = generate(800, 5, AS_OF), generate(800, 5, AS_OF)
    assert _equal(one, two)
    assert not _equal(one, generate(800, 6, AS_OF))


def test_store_contents_and_version_are_reproducible(tmp_path: Path) -> None:
    def dump(name: str, seed_value: int) -> tuple[str, list]:
        with CRMStore(tmp_path / name) as store:
            seed(store, 700, seed_value, as_of=AS_OF)
            with store.session() as db:
                rows = [
                    db.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                    for t in ("contacts", "consent", "suppressions", "touches")
                ]
            return store.version(), rows

    v1, rows1 = dump("a.duckdb", 5)
    v2, rows2 = dump("b.duckdb", 5)
    v3, rows3 = dump("c.duckdb", 6)
    assert (v1, rows1) == (v2, rows2)
    assert v3 != v1 and rows3 != rows1


def test_distributions_look_like_a_crm(crm_store: CRMStore) -> None:
    with crm_store.session() as db:
        rows = db.execute(
            "SELECT contact_id, email, phone, region, country, language, lead_score, lifetime_value,"
            " lifecycle_stage, created_at, last_activity, interests FROM contacts"
        ).fetchall()
        consent = db.execute(
            "SELECT channel, basis, COUNT(*) FROM consent GROUP BY channel, basis"
        ).fetchall()
        supp = dict(
            db.execute(
                "SELECT reason, COUNT(DISTINCT contact_id) FROM suppressions GROUP BY reason"
            ).fetchall()
        )
        touches = db.execute("SELECT MIN(touched_at), MAX(touched_at), COUNT(*) FROM touches").fetchone()
    n = len(rows)
    assert n == 5_000 and len({r[0] for r in rows}) == n
    assert len({r[1] for r in rows}) == n and all(
        re.fullmatch(r"[a-z]+\.[a-z]+\.\d+@example\.(com|org|net)", r[1]) for r in rows
    )
    phones = [r[2] for r in rows if r[2] is not None]
    assert len(set(phones)) == len(phones) and all(re.fullmatch(r"\+\d{10,13}", p) for p in phones)
    assert 0.5 < len(phones) / n < 0.75
    regions = Counter(r[3] for r in rows)
    assert set(regions) == set(REGIONS)
    assert abs(regions["US"] / n - 0.40) < 0.03 and abs(regions["EU"] / n - 0.25) < 0.03
    assert all(r[4] in COUNTRIES_BY_REGION[r[3]] for r in rows)
    assert {r[5] for r in rows} <= set(LANGUAGES) and {r[5] for r in rows if r[4] == "JP"} == {"ja"}
    assert all(0 <= r[6] <= 100 for r in rows)
    assert all((r[7] > 0) == (r[8] in ("customer", "evangelist")) for r in rows)
    assert all(r[9] <= r[10] <= AS_OF for r in rows)
    assert all(
        r[11].startswith(",")
        and r[11].endswith(",")
        and set(filter(None, r[11].split(","))) <= set(INTERESTS)
        for r in rows
    )
    by = {(c, b): k for c, b, k in consent}
    assert by[("email", "legitimate_interest")] > by[("sms", "legitimate_interest")] > 0
    assert 0.03 < supp["unsubscribed"] / n < 0.09 and 0 < supp.get("legal_hold", 0) < 0.01 * n
    first, last, count = touches
    assert count > n
    assert first >= datetime.combine(AS_OF - timedelta(days=HISTORY_DAYS), datetime.min.time())
    assert last < datetime.combine(AS_OF, datetime.min.time())


def test_ensure_seeded_only_when_empty(tmp_path: Path) -> None:
    with CRMStore(tmp_path / "crm.duckdb") as store:
        assert store.is_empty() and store.version() == EMPTY_VERSION
        report = store.ensure_seeded(300, 2)
        assert report.seeded and report.contacts == 300 and report.rows["contacts"] == 300
        version = store.version()
        again = store.ensure_seeded(999, 3)
        assert not again.seeded and again.contacts == 300 and again.seed == 2
        assert store.version() == version
    with CRMStore(tmp_path / "crm.duckdb") as reopened:  # persisted
        assert reopened.count() == 300 and reopened.version() == version


def test_reseed_replaces_data_and_drops_lists(tmp_path: Path) -> None:
    with CRMStore(tmp_path / "crm.duckdb") as store:
        seed(store, 300, 1, as_of=AS_OF)
        target = build_segment(
            store, SegmentDefinition(channel="email", regions=["US"]), campaign_id="c", seed=1, as_of=AS_OF
        )
        assert store.get_list(target.id) is not None
        seed(store, 200, 1, as_of=AS_OF)
        assert store.count() == 200 and store.list_ids() == []
        assert store.table_counts()["list_members"] == 0


def test_failed_seed_leaves_the_old_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tools.crm.seed as seed_module

    with CRMStore(tmp_path / "crm.duckdb") as store:
        seed(store, 300, 1, as_of=AS_OF)
        version = store.version()
        real = seed_module.generate

        def broken(n: int, s: int, as_of: date) -> dict:
            tables = real(n, s, as_of)
            tables["touches"]["contact_id"] = tables["touches"]["contact_id"][:-1]  # ragged columns
            return tables

        monkeypatch.setattr(seed_module, "generate", broken)
        with pytest.raises(Exception):  # noqa: B017 - the engine's own error type
            seed(store, 500, 2, as_of=AS_OF)
        assert store.count() == 300 and store.version() == version


def test_bad_sizes_are_refused(tmp_path: Path) -> None:
    with CRMStore(tmp_path / "crm.duckdb") as store, pytest.raises(ValueError, match="between 1 and"):
        seed(store, 0, 1)


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown suffix '.csv'"):
        CRMStore(tmp_path / "crm.csv")


@pytest.mark.parametrize("suffix", [".duckdb", ".db"])
def test_holdout_sql_matches_numpy_reference(tmp_path: Path, suffix: str) -> None:
    with CRMStore(tmp_path / f"h{suffix}") as store:
        seed(store, 3_000, 4, as_of=AS_OF)
        salt = salt_for("campaign", 77)
        sql, params = bucket_sql("contact_id", salt)
        with store.session() as db:
            rows = db.execute(
                f"SELECT contact_id, {sql} FROM contacts ORDER BY contact_id", params
            ).fetchall()
    ids = np.array([r[0] for r in rows])
    assert [r[1] for r in rows] == buckets(ids, salt).tolist()
    assert abs(float(np.mean(buckets(ids, salt) < 1000)) - 0.1) < 0.02


def test_data_dictionary_doc_and_schema_agree(crm_store: CRMStore) -> None:
    doc = DOC.read_text(encoding="utf-8")
    for name, spec in FIELDS.items():
        # contact columns are rows of the contacts table; a field of the consent row is described in prose
        expected = f"| {name} |" if spec.sql.startswith("c.") else f"**{name}**"
        assert expected in doc, f"{name} is not documented as {expected!r}"
    with crm_store.session() as db:
        for table in DATA_TABLES:
            assert f"{table}" in doc
            cols = [r[0] for r in db.execute(f"SELECT * FROM {table} LIMIT 0").description]
            for col in cols:
                assert col in doc, f"{table}.{col} is not documented"
        contact_cols = [r[0] for r in db.execute("SELECT * FROM contacts LIMIT 0").description]
    assert set(contact_cols) == {s.sql.split(".")[1] for s in FIELDS.values() if s.sql.startswith("c.")}
