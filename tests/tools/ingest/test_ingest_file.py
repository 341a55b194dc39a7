"""``liftoff events ingest``: all-or-nothing, idempotent by id, line numbers, tracking links, costs to the ledger."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph.contracts import Caps
from tools.events import EventLog
from tools.ingest.lines import read_lines
from tools.ingest.pipeline import IngestFailed, ingest_results
from tools.ingest.resolve import ProgramDirectory
from tools.ingest.results import RESULT_TYPES, ProgramRef
from tools.ingest.rollup import read_program_days
from tools.killswitch import KillSwitch
from tools.spend import SpendLedger
from tools.tracking import tracking_url

START = date(2026, 3, 2)
PROGRAMS = {
    "p-email-us": ProgramRef("p-email-us", "c1", "t1", "email", "US", "A", START, 5000),
    "p-social-eu": ProgramRef("p-social-eu", "c1", "t1", "paid_social", "EU", "B", START, 90000),
    "p-other": ProgramRef("p-other", "c2", "t2", "email", "US", "A", START, 100),
}


@pytest.fixture
def stores(tmp_path: Path) -> tuple[EventLog, SpendLedger]:
    events = EventLog(tmp_path / "events.db")
    ledger = SpendLedger(tmp_path / "ledger.db", events=events, kill_switch=KillSwitch(tmp_path / "ks.db"))
    for cid, trace in (("c1", "t1"), ("c2", "t2")):
        ledger.set_caps(
            cid, Caps(total=1000, per_channel={"email": 500, "paid_social": 500}, per_day=400), trace_id=trace
        )
    return events, ledger


def _write(tmp_path: Path, name: str, rows: list[dict[str, Any]] | str) -> Path:
    path = tmp_path / name
    path.write_text(rows if isinstance(rows, str) else "".join(json.dumps(r) + "\n" for r in rows))
    return path


def _ingest(path: Path, stores: tuple[EventLog, SpendLedger], source: str = "ingest") -> Any:
    events, ledger = stores
    return ingest_results(
        read_lines(path),
        events=events,
        ledger=ledger,
        directory=ProgramDirectory(PROGRAMS),
        source=source,
        label=path.name,
    )


GOOD = [
    {
        "id": "e1",
        "program_id": "p-email-us",
        "type": "delivered",
        "at": "2026-03-02T09:00:00Z",
        "count": 4800,
    },
    {
        "id": "e2",
        "program_id": "p-email-us",
        "type": "open",
        "at": "2026-03-02T10:00:00+01:00",
        "count": 1100,
    },
    {"id": "e3", "program_id": "p-email-us", "type": "click", "at": "2026-03-02T11:00:00Z", "count": 140},
    {"id": "e4", "program_id": "p-email-us", "type": "conversion", "at": "2026-03-03T08:00:00Z", "count": 12},
    {
        "id": "e5",
        "program_id": "p-social-eu",
        "type": "cost",
        "at": "2026-03-02T23:59:00Z",
        "amount": 120.5,
        "currency": "EUR",
    },
    {
        "id": "e6",
        "program_id": "p-social-eu",
        "type": "revenue",
        "at": "2026-03-03T12:00:00Z",
        "amount": 300,
        "currency": "EUR",
    },
    {"id": "e7", "program_id": "p-email-us", "type": "bounce", "at": "2026-03-02T09:00:00Z", "count": 200},
    {"id": "e8", "program_id": "p-email-us", "type": "unsubscribe", "at": "2026-03-04T09:00:00Z"},
]


def test_a_good_file_lands_once_and_reingesting_changes_nothing(tmp_path: Path, stores: Any) -> None:
    events, ledger = stores
    path = _write(tmp_path, "results.jsonl", GOOD)
    first = _ingest(path, stores)
    assert (first.lines, first.new, first.already) == (8, 8, 0)
    assert first.by_type == {
        "bounce": 1,
        "click": 1,
        "conversion": 1,
        "cost": 1,
        "delivered": 1,
        "open": 1,
        "revenue": 1,
        "unsubscribe": 1,
    }
    assert ledger.spent("c1", "paid_social") == 120.5 and first.costs["c1"].committed == 1
    rows = {(r["program_id"], r["day"]): r for r in read_program_days(events, "c1")}
    day0, day1 = rows[("p-email-us", 0)], rows[("p-email-us", 1)]
    assert (day0["delivered"], day0["opens"], day0["clicks"], day0["sends"]) == (4800, 1100, 140, 5000)
    assert day1["conversions"] == 12 and rows[("p-email-us", 2)]["unsubscribes"] == 1
    assert rows[("p-social-eu", 0)]["spend"] == 120.5 and rows[("p-social-eu", 1)]["revenue"] == 300
    count = events.count()
    again = _ingest(path, stores)
    assert (again.new, again.already, again.costs["c1"].committed) == (0, 8, 0)
    assert events.count() == count and ledger.spent("c1") == 120.5


def test_csv_is_the_same_results_as_jsonl(tmp_path: Path, stores: Any) -> None:
    events, _ = stores
    header = "id,program_id,url,type,at,count,amount,currency\n"
    lines = "".join(
        f"{r['id']},{r['program_id']},,{r['type']},{r['at']},{r.get('count', '')},{r.get('amount', '')},"
        f"{r.get('currency', '')}\n"
        for r in GOOD
    )
    _ingest(_write(tmp_path, "results.csv", header + lines), stores)
    from_csv = [e for _, e in events.read(0, 100, types=RESULT_TYPES)]
    report = _ingest(_write(tmp_path, "results.jsonl", GOOD), stores)
    assert report.new == 0 and len(from_csv) == 8  # same ids: the JSONL file is already in


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"program_id": "p-nope"}, "unknown program_id 'p-nope'"),
        ({"type": "impression"}, "type: Input should be"),
        ({"at": "2026-03-02T09:00:00"}, "at needs a timezone offset"),
        ({"at": "yesterday"}, "at: Input should be a valid datetime"),
        ({"at": "2026-03-01T09:00:00Z"}, "is before program p-email-us started (2026-03-02)"),
        ({"count": 0}, "count: Input should be greater than or equal to 1"),
        ({"count": "many"}, "count: Input should be a valid integer"),
        ({"amount": 5}, "a delivered result takes no amount"),
        ({"type": "cost"}, "a cost result needs an amount"),
        ({"type": "cost", "amount": -3}, "amount: Input should be greater than or equal to 0"),
        ({"type": "cost", "amount": 3, "currency": "dollars"}, "3-letter ISO 4217 code"),
        ({"id": "has space"}, "no spaces"),
        ({"colour": "red"}, "colour: Extra inputs are not permitted"),
        ({"url": "https://x.example/?lo_c=c1&lo_p=p-email-us"}, "exactly one of program_id and url"),
    ],
)
def test_one_bad_line_fails_the_file_with_its_number_and_applies_nothing(
    tmp_path: Path, stores: Any, bad: dict[str, Any], message: str
) -> None:
    events, ledger = stores
    rows = [dict(r) for r in GOOD]
    rows[5] = {**rows[0], "id": "bad-1", **bad}
    before = events.count()
    with pytest.raises(IngestFailed) as err:
        _ingest(_write(tmp_path, "r.jsonl", rows), stores)
    assert "line 6:" in str(err.value) and message in str(err.value) and "nothing ingested" in str(err.value)
    assert events.count() == before and ledger.spent("c1") == 0


def test_unreadable_lines_repeated_ids_and_mixed_currencies(tmp_path: Path, stores: Any) -> None:
    events, _ = stores
    text = json.dumps(GOOD[0]) + "\n\n{not json\n[1, 2]\n" + json.dumps({**GOOD[0], "count": 1}) + "\n"
    with pytest.raises(IngestFailed) as err:
        _ingest(_write(tmp_path, "r.jsonl", text), stores)
    assert err.value.bad == 3
    assert [e.line for e in err.value.errors] == [3, 4, 5]
    assert (
        "not valid JSON" in err.value.errors[0].message
        and "expected a JSON object" in err.value.errors[1].message
    )
    assert "id 'e1' repeats line 1 with different content" in err.value.errors[2].message
    same_twice = _ingest(_write(tmp_path, "twice.jsonl", [GOOD[0], GOOD[0]]), stores)
    assert (same_twice.new, same_twice.already) == (1, 1)
    eur, usd = GOOD[4], {**GOOD[4], "id": "e5-usd", "currency": "USD"}
    with pytest.raises(IngestFailed, match="line 2: currency USD differs from EUR"):
        _ingest(_write(tmp_path, "cur.jsonl", [eur, usd]), stores)
    assert len(events.read(0, 100, types=RESULT_TYPES)) == 1


def test_csv_header_and_cell_errors(tmp_path: Path, stores: Any) -> None:
    with pytest.raises(ValueError, match="line 1: unknown column\\(s\\) 'colour'"):
        _ingest(_write(tmp_path, "a.csv", "id,program_id,type,at,colour\n"), stores)
    with pytest.raises(IngestFailed, match="line 3: 3 cells, the header has 4"):
        _ingest(
            _write(
                tmp_path,
                "b.csv",
                "id,program_id,type,at\ne1,p-email-us,open,2026-03-02T01:00:00Z\ne2,p-email-us,open\n",
            ),
            stores,
        )


def test_tracking_links_attribute_web_analytics_rows(tmp_path: Path, stores: Any) -> None:
    events, _ = stores
    link = tracking_url(
        "https://brightwell.example/maxflow?ref=nl",
        campaign_id="c1",
        channel="email",
        program_id="p-email-us",
        variant="B",
    )
    rows = [
        {"id": "ga-1", "url": link, "type": "click", "at": "2026-03-05T10:00:00Z", "count": 30},
        {"id": "ga-2", "url": link, "type": "conversion", "at": "2026-03-05T10:05:00Z", "count": 4},
    ]
    report = _ingest(_write(tmp_path, "ga.jsonl", rows), stores, source="web_analytics")
    assert report.new == 2
    [row] = read_program_days(events, "c1")
    assert (row["program_id"], row["day"], row["clicks"], row["conversions"], row["variant"]) == (
        "p-email-us",
        3,
        30,
        4,
        "B",
    )
    assert row["sources"] == ["web_analytics"]
    for url, message in [
        ("https://brightwell.example/maxflow", "carries no Liftoff tracking ids"),
        ("https://brightwell.example/?lo_c=c1", "names campaign 'c1' but no program"),
        ("https://brightwell.example/?lo_c=c2&lo_p=p-email-us", "belongs to 'c1'"),
        ("https://brightwell.example/?lo_c=c1&lo_p=p-gone", "unknown program 'p-gone'"),
    ]:
        with pytest.raises(IngestFailed, match="line 1: .*" + message.replace("(", "\\(")):
            _ingest(_write(tmp_path, "bad.jsonl", [{**rows[0], "id": "x", "url": url}]), stores)


def test_a_cost_beyond_a_cap_is_kept_in_the_log_and_alerted_once(tmp_path: Path, stores: Any) -> None:
    events, ledger = stores
    rows = [
        {
            "id": f"cost-{i}",
            "program_id": "p-social-eu",
            "type": "cost",
            "at": f"2026-03-0{2 + i}T12:00:00Z",
            "amount": 300,
        }
        for i in range(3)
    ]  # 900 > the 500 paid_social cap
    report = _ingest(_write(tmp_path, "costs.jsonl", rows), stores)
    assert report.new == 3 and report.costs["c1"].committed == 1
    alerts = report.over_cap
    assert [a.payload["result_id"] for a in alerts] == ["cost-1", "cost-2"]  # 300 + 300 > 500 each time
    assert all(
        a.type == "spend.over_cap"
        and "channel cap" in a.payload["reason"]
        and a.payload["refused_by"] == "cap"
        for a in alerts
    )
    assert ledger.spent("c1", "paid_social") == 300  # the cap held inside the ledger
    assert sum(r["spend"] for r in read_program_days(events, "c1")) == 900  # the money spent is not dropped
    again = _ingest(_write(tmp_path, "costs.jsonl", rows), stores)
    assert again.over_cap == [] and again.costs["c1"].committed == 0  # alerted once, never re-raised
    assert len(events.read(0, 100, types=["spend.over_cap"])) == 2
