"""``liftoff data seed`` and ``liftoff lists build|export``: output, JSON keys and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.cli import main


def write(tmp_path: Path, body: object, name: str = "segment.json") -> Path:
    path = tmp_path / name
    path.write_text(body if isinstance(body, str) else json.dumps(body), encoding="utf-8")
    return path


@pytest.fixture
def seeded(liftoff_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["data", "seed", "--contacts", "1500", "--seed", "3", "--as-of", "2026-01-15"]) == 0
    out = capsys.readouterr().out
    assert "seeded 1,500 contacts (seed 3, as of 2026-01-15)" in out and " s -> " in out
    assert (liftoff_home / "crm.duckdb").exists()
    return liftoff_home / "crm.duckdb"


def test_seed_json(liftoff_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "seed", "--contacts", "400", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["contacts"] == 400 and data["seed"] == 7 and data["rows"]["contacts"] == 400
    assert data["elapsed_s"] >= 0 and data["store"].endswith("crm.duckdb")


def test_seed_rejects_bad_count(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["data", "seed", "--contacts", "0"])
    assert info.value.code == 2 and "must be at least 1" in capsys.readouterr().err


def test_build_json_has_the_issue_keys(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seg = write(tmp_path, {"channel": "email", "regions": ["EU", "UK"], "filters": []})
    assert main(["lists", "build", "--segment", str(seg), "--json", "--as-of", "2026-01-15"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"eligible", "holdout", "by_region", "by_channel", "elapsed_ms"} <= set(data)
    assert set(data["by_region"]) == {"EU", "UK"} and data["by_channel"] == {"email": data["eligible"]}
    assert data["eligible"] == sum(data["by_region"].values()) > 0 and data["holdout"] > 0
    assert data["campaign_id"] == "adhoc" and data["list_id"].startswith("list-")
    # same file, same answer (and the holdout is reproducible)
    assert main(["lists", "build", "--segment", str(seg), "--json", "--as-of", "2026-01-15"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["list_id"], again["holdout"]) == (data["list_id"], data["holdout"])
    assert main(["lists", "build", "--segment", str(seg), "--as-of", "2026-01-15"]) == 0
    text = capsys.readouterr().out
    assert f"{data['eligible']:,} eligible for email" in text and "excluded:" in text and "@" not in text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"channel": "email", "regions": ["EU"], "filters": [{"field": "shoe", "op": "eq", "value": 1}]},
            "unknown field 'shoe'",
        ),
        (
            {
                "channel": "email",
                "regions": ["EU"],
                "filters": [{"field": "lead_score", "op": "like", "value": 1}],
            },
            "filters.0.op",
        ),
        (
            {
                "channel": "email",
                "regions": ["EU"],
                "filters": [
                    {"field": "lead_score", "op": "gt", "value": 10},
                    {"field": "lead_score", "op": "lt", "value": 5},
                ],
            },
            "impossible filters on 'lead_score'",
        ),
        (
            {
                "channel": "email",
                "regions": ["EU"],
                "filters": [{"field": "region", "op": "eq", "value": "US"}],
            },
            "can never match",
        ),
        ({"channel": "fax", "regions": ["EU"]}, "channel: Input should be"),
        ({"channel": "email", "regions": []}, "regions: List should have at least 1 item"),
        (
            {"channel": "email", "regions": ["EU"], "audience": "x"},
            "audience: Extra inputs are not permitted",
        ),
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "must hold a JSON object"),
    ],
)
def test_bad_segment_exits_non_zero(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], body: object, message: str
) -> None:
    seg = write(tmp_path, body)
    assert main(["lists", "build", "--segment", str(seg), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("error: ") and message in captured.err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lists", "build", "--segment", str(tmp_path / "nope.json")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_empty_store_says_to_seed(
    liftoff_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seg = write(tmp_path, {"channel": "email", "regions": ["EU"], "filters": []})
    assert main(["lists", "build", "--segment", str(seg)]) == 2
    err = capsys.readouterr().err
    assert "is empty" in err and "liftoff data seed" in err


def test_export_and_kill_switch_exit_code(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seg = write(tmp_path, {"channel": "sms", "regions": ["US", "CA"], "filters": []})
    assert main(["lists", "build", "--segment", str(seg), "--json"]) == 0
    list_id = json.loads(capsys.readouterr().out)["list_id"]
    assert main(["kill-switch", "on", "--channel", "sms", "--region", "CA"]) == 0
    capsys.readouterr()
    assert main(["lists", "export", "--list", list_id, "--json"]) == 3
    assert "refused" in capsys.readouterr().err
    assert (
        main(["lists", "export", "--list", list_id, "--region", "US", "--json", "--out", str(tmp_path / "x")])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["fields"] == ["phone", "language"] and data["created"] and data["rows"] > 0
    header = Path(data["path"]).read_text().splitlines()[0]
    assert header == "phone,language"
    assert main(["lists", "export", "--list", "list-missing"]) == 2
    assert "no list 'list-missing'" in capsys.readouterr().err


def test_export_from_segment_file(seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seg = write(tmp_path, {"channel": "paid_social", "regions": ["APAC"], "filters": []})
    assert main(["lists", "export", "--segment", str(seg), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fields"] == ["email_sha256"] and "/exports/" in data["path"]
    assert main(["lists", "export", "--segment", str(seg)]) == 0
    assert "already exported" in capsys.readouterr().out
