"""``liftoff library ingest`` and ``liftoff claims-check``: output formats, exit codes, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.cli import main
from graph.runtime.settings import REPO_ROOT
from guards.library import load_library

DEMO = REPO_ROOT / "brand_library" / "brightwell"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def lib_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "brightwell"
    shutil.copytree(DEMO, dest)
    return dest


def test_ingest_prints_the_library_version_and_is_incremental(
    capsys: pytest.CaptureFixture[str], liftoff_home: Path
) -> None:
    code, out, err = run(capsys, "library", "ingest", str(DEMO))
    assert code == 0 and out.strip() == load_library(DEMO).version
    assert "28 added" in err
    code, out, err = run(capsys, "library", "ingest", "brightwell")  # a slug works too
    assert (
        code == 0
        and out.strip() == load_library(DEMO).version
        and "0 added, 0 updated, 0 removed, 28 unchanged" in err
    )
    from tools.events import EventLog

    events = EventLog(liftoff_home / "events.db").read(0, 10, types=["library.ingested"])
    assert [e.payload["added"] for _, e in events] == [28, 0]


def test_claims_check_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "claims-check",
        "--library",
        str(DEMO),
        "--region",
        "US",
        "--date",
        "2026-11-25",
        "--text",
        "Free shipping on orders over $35. Brightwell cartridges remove 100% of lead.",
    )
    assert code == 0
    row = json.loads(out)
    assert (
        row["verdict"] == "unsupported" and row["claims"] == ["free-shipping-us"] and len(row["reasons"]) == 1
    )
    assert [s["verdict"] for s in row["sentences"]] == ["supported", "unsupported"]


def test_claims_check_jsonl_format_and_region_override(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = [
        {"id": "a", "text": "Free UK delivery on orders over £30.", "region": "UK"},
        {"id": 7, "text": "Free UK delivery on orders over £30."},
        {"text": "Order yours today."},
        {"id": "d", "text": "Launch offer: 20% off the MaxFlow Pitcher until 31 October 2026."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(json.dumps(x) for x in lines[:2]) + "\n\n" + "\n".join(json.dumps(x) for x in lines[2:])
    )
    code, out, _ = run(
        capsys,
        "claims-check",
        "--library",
        str(DEMO),
        "--region",
        "US",
        "--date",
        "2026-11-25",
        "--jsonl",
        str(src),
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 4
    for row in rows:
        assert set(row) == {"id", "verdict", "claims", "reasons", "sentences"}
        assert all(set(s) == {"text", "verdict", "claims", "reason"} for s in row["sentences"])
    assert [r["id"] for r in rows] == ["a", 7, 4, "d"]  # a missing id is the line number
    assert [r["verdict"] for r in rows] == ["supported", "unsupported", "no_claim", "unsupported"]
    assert "approved only in UK" in rows[1]["reasons"][0] and "expired" in rows[3]["reasons"][0]


def test_claims_check_date_defaults_to_today_or_the_configured_date(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Holiday offer: 25% off the MaxFlow Pitcher until 31 December 2026."
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2027-02-01")
    _, out, _ = run(capsys, "claims-check", "--library", str(DEMO), "--region", "US", "--text", text)
    assert json.loads(out)["verdict"] == "unsupported"
    _, out, _ = run(
        capsys,
        "claims-check",
        "--library",
        str(DEMO),
        "--region",
        "US",
        "--date",
        "2026-12-01",
        "--text",
        text,
    )
    assert json.loads(out)["verdict"] == "supported"


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda p: (p / "claims.yaml").unlink(), "lacks claims.yaml"),
        (
            lambda p: (p / "claims.yaml").write_text(
                (p / "claims.yaml").read_text().replace("id: countries-eu", "id: lead-99")
            ),
            "duplicate claim id 'lead-99'",
        ),
        (
            lambda p: (p / "claims.yaml").write_text(
                (p / "claims.yaml").read_text().replace("2027-12-31", "2027-02-30")
            ),
            "bad date",
        ),
    ],
)
def test_bad_library_exits_non_zero_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], lib_copy: Path, edit: object, message: str
) -> None:
    edit(lib_copy)  # type: ignore[operator]
    for argv in (
        ["claims-check", "--library", str(lib_copy), "--text", "Hi."],
        ["library", "ingest", str(lib_copy)],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and message in err and err.startswith("error: bad brand library")


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"id": 1, "text": "ok"}\nnot json\n', "in.jsonl:2: not valid JSON"),
        ('{"id": 1}\n', "in.jsonl:1: 'text' must be a string"),
        ('["a list"]\n', "in.jsonl:1: each line must be a JSON object"),
        ('{"id": 1, "text": "ok", "region": "Mars"}\n', "in.jsonl:1: unknown region 'Mars'"),
    ],
)
def test_bad_input_line_exits_non_zero_and_prints_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(content)
    code, out, err = run(capsys, "claims-check", "--library", str(DEMO), "--jsonl", str(src))
    assert code == 2 and out == "" and message in err


def test_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(
        capsys, "claims-check", "--library", str(DEMO), "--jsonl", str(tmp_path / "missing.jsonl")
    )
    assert code == 2 and "cannot read" in err
    for argv in (
        ["claims-check", "--library", str(DEMO), "--date", "2026-13-01", "--text", "x"],
        ["claims-check", "--library", str(DEMO), "--region", "Mars", "--text", "x"],
        ["claims-check", "--library", str(DEMO)],
    ):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    capsys.readouterr()
