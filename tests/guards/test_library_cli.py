"""``liftoff library new|lint|test`` and ``--brand`` slug-or-path from the command line, end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.cli import main
from graph.runtime.settings import REPO_ROOT

NEW_BRAND = REPO_ROOT / "tests" / "data" / "brands" / "emberbean"
"""A library for a coffee roaster written from brand_library/README.md alone (no bundled brand is a roaster)."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "brands"
    root.mkdir()
    shutil.copytree(REPO_ROOT / "brand_library" / "brightwell", root / "brightwell")
    monkeypatch.setenv("LIFTOFF_BRAND_LIBRARY", str(root))
    return root


def test_new_scaffolds_into_the_library_dir_and_the_slug_then_works(
    capsys: pytest.CaptureFixture[str], library_dir: Path
) -> None:
    code, out, err = run(capsys, "library", "new", "acme-tea", "--name", "Acme Tea")
    assert code == 0 and Path(out.strip()) == library_dir / "acme-tea"
    brand = (library_dir / "acme-tea" / "brand.yaml").read_text()
    assert brand.startswith("# yaml-language-server: $schema=") and "name: Acme Tea" in brand
    schema_ref = brand.splitlines()[0].split("$schema=")[1]
    assert Path(schema_ref).name == "brand.schema.json" and Path(schema_ref).is_absolute()
    assert "liftoff library lint acme-tea" in err
    code, out, err = run(capsys, "library", "lint", "acme-tea")
    assert code == 0 and out == "" and "2 claims, 0 error(s), 0 warning(s)" in err
    code, out, _ = run(
        capsys,
        "claims-check",
        "--brand",
        "acme-tea",
        "--region",
        "US",
        "--text",
        "The Acme Tea starter kit sets up in 10 minutes.",
    )
    assert code == 0 and json.loads(out)["verdict"] == "supported"
    code, _, err = run(capsys, "library", "new", "acme-tea")
    assert code == 2 and "already exists" in err
    code, _, err = run(capsys, "library", "new", "Acme Tea")
    assert code == 2 and err.startswith("error: not a brand slug")


def test_lint_reports_file_line_key_and_exits_1_on_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library_dir: Path
) -> None:
    bad = tmp_path / "bad"
    shutil.copytree(NEW_BRAND, bad)
    claims = bad / "claims.yaml"
    claims.write_text(claims.read_text().replace("    regions: [UK]\n", "    regions: [UK, Mars]\n"))
    code, out, err = run(capsys, "library", "lint", str(bad))
    assert code == 1
    line = next(x for x in out.splitlines() if "Mars" in x)
    assert line.startswith(f"{claims}:19: error: claims[3].regions: unknown region 'Mars'")
    assert "[claims[3].regions[1]] (structure)" in line and "1 error(s)" in err
    code, out, _ = run(capsys, "library", "lint", str(bad), "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False and report["errors"] == 1
    assert {k: report["problems"][0][k] for k in ("severity", "rule", "file", "key", "line")} == {
        "severity": "error",
        "rule": "structure",
        "file": "claims.yaml",
        "key": "claims[3].regions[1]",
        "line": 19,
    }


def test_unknown_brand_is_one_line_with_the_brands_found(
    capsys: pytest.CaptureFixture[str], library_dir: Path
) -> None:
    for argv in (
        ["library", "lint", "brightwel"],
        ["library", "ingest", "brightwel"],
        ["claims-check", "--brand", "brightwel", "--text", "x"],
        ["run", "--brand", "brightwel", "--brief", "Budget $10k. Email in the US. Goal: orders."],
    ):
        code, out, err = run(capsys, *argv)
        assert code != 0 and out == ""
        assert (
            err.count("\n") == 1 and "did you mean 'brightwell'?" in err and "brands found: brightwell" in err
        )


def test_help_says_slug_or_path(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["run", "--help"], ["library", "lint", "--help"], ["claims-check", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = " ".join(capsys.readouterr().out.split())
        assert "a slug (looked up in LIFTOFF_BRAND_LIBRARY" in out and "library directory path" in out


def test_segment_files_are_bounded(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 50_000 + "]" * 50_000)
    code, out, err = run(capsys, "lists", "build", "--segment", str(deep))
    assert code == 2 and out == "" and "nested too deeply" in err and err.count("\n") == 1
    huge = tmp_path / "huge.json"
    huge.write_text(
        '{"channel": "email", "regions": ["US"], "filters": [], "name": "' + "x" * 5_000_000 + '"}'
    )
    code, _, err = run(capsys, "lists", "build", "--segment", str(huge))
    assert code == 2 and "over the 2.0 MB limit" in err and len(err) < 300


def test_a_new_brand_from_the_readme_goes_new_lint_test_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIFTOFF_CRM_CONTACTS", "4000")
    monkeypatch.setenv("LIFTOFF_CHECK_DATE", "2026-11-25")
    code, out, _ = run(capsys, "library", "new", "emberbean", "--dir", str(tmp_path / "mine"))
    path = Path(out.strip())
    assert code == 0 and path == tmp_path / "mine" / "emberbean"
    for name in ("brand.yaml", "claims.yaml"):  # the user edits the scaffold into their own library
        (path / name).write_text(
            (path / name).read_text().splitlines()[0] + "\n" + (NEW_BRAND / name).read_text()
        )
    code, out, err = run(capsys, "library", "lint", str(path), "--date", "2026-11-25")
    assert code == 0 and "7 claims, 0 error(s)" in err
    code, out, _ = run(capsys, "library", "test", str(path), "--json", "--date", "2026-11-25")
    selftest = json.loads(out)
    assert code == 0 and selftest["claims"] == 7 and selftest["cases"] > 50 and selftest["precision"] >= 0.9
    brief = (
        "Launch the Emberbean bean subscription. Budget $30k. Target: coffee lovers. Goal: drive "
        "subscriptions. Email and paid search in the US, December 2026."
    )
    code, out, err = run(capsys, "run", "--brand", str(path), "--brief", brief, "--auto-approve", "--json")
    result = json.loads(out)
    assert code == 0 and result["status"] == "launched", err
    assert result["assets"] and result["programs"]
    bodies = " ".join(a.get("body", "") for a in result["assets"])
    assert "Emberbean" in bodies and "Brightwell" not in bodies
