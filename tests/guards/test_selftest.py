"""The library self-test: variants with known verdicts, the report, the CLI, and the floor every brand holds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from graph.runtime.settings import REPO_ROOT
from guards.library import load_library
from guards.selftest import SelfTestReport, run_selftest
from guards.selftest_variants import generate

ON = date(2026, 11, 25)
BUNDLED = sorted(p for p in (REPO_ROOT / "brand_library").iterdir() if (p / "claims.yaml").is_file())


def test_generator_covers_the_variant_classes() -> None:
    lib = load_library(REPO_ROOT / "brand_library" / "brightwell")
    variants = generate(lib, ON)
    classes = {v.variant_class for v in variants}
    assert {
        "verbatim",
        "synonym_brand",
        "synonym_builtin",
        "reordering",
        "number_format",
        "weakened_bound",
        "narrowed_condition",
        "brand_wide_to_product",
    } <= classes
    assert {
        "number_changed",
        "unit_changed",
        "qualifier_dropped",
        "qualifier_strengthened",
        "condition_widened",
        "time_window_moved",
        "place_widened",
        "product_swap",
        "attribute_added",
        "use_added",
        "audience_added",
        "comparison_target_changed",
        "comparison_target_dropped",
        "superlative_added",
        "absolute_added",
        "negation_flipped",
        "expired",
        "out_of_region",
        "competitor_named",
    } <= classes
    by_claim = {v.claim_id for v in variants if v.variant_class == "verbatim"}
    assert by_claim == {c.id for c in lib.claims}
    # an expired claim is tested the day after its expiry; a region-limited one outside its regions
    expired = [v for v in variants if v.variant_class == "expired"]
    assert expired and all(v.on > lib.claim(v.claim_id).expires for v in expired)  # type: ignore[operator]
    outside = [v for v in variants if v.variant_class == "out_of_region"]
    assert outside and all(v.region not in lib.claim(v.claim_id).regions for v in outside)


def test_report_counts_add_up() -> None:
    report = run_selftest(REPO_ROOT / "brand_library" / "ledgerly", on=ON)
    assert isinstance(report, SelfTestReport)
    assert report.cases == sum(c.total for c in report.classes.values()) == report.mutations + report.faithful
    wrong = sum(c.total - c.correct for c in report.classes.values())
    assert wrong == len(report.misses)
    assert all(m.expected != ("unsupported" if m.got == "unsupported" else "x") for m in report.misses)
    assert "precision of 'unsupported'" in report.render()


def test_cli_library_test_json(capsys: pytest.CaptureFixture[str]) -> None:
    from graph.cli import main

    rc = main(
        ["library", "test", str(REPO_ROOT / "brand_library" / "trailfox"), "--json", "--date", "2026-11-25"]
    )
    assert rc == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["library"] == "trailfox" and doc["cases"] > 50
    assert {"precision", "recall", "false_block_rate", "classes", "misses"} <= set(doc)


def test_cli_library_test_bad_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from graph.cli import main

    rc = main(["library", "test", str(tmp_path / "nope")])
    assert rc != 0
    err = capsys.readouterr().err
    assert "bad brand library" in err and len(err.strip().splitlines()) == 1


EVALS_BRANDS = sorted(
    p.parent for p in (REPO_ROOT / "evals" / "datasets" / "claims_brands").glob("*/claims.yaml")
)


@pytest.mark.parametrize("library_dir", BUNDLED + EVALS_BRANDS, ids=lambda p: p.name)
def test_every_brand_holds_the_floor(library_dir: Path) -> None:
    """CI floor: precision and recall of 'unsupported' >= 0.95, false blocks <= 5%, on every bundled brand and
    every evals brand (dev and held out)."""
    report = run_selftest(library_dir, on=ON)
    assert report.mutations >= 3 * report.claims and report.faithful >= report.claims
    misses = "\n".join(
        f"[{m.variant_class}] {m.sentence} -> expected {m.expected}, got {m.got}: {m.reason}"
        for m in report.misses
    )
    assert report.meets_floor, (
        f"{report.library}: P {report.precision:.3f} R {report.recall:.3f} "
        f"FB {report.false_block_rate:.3f}\n{misses}"
    )


def test_the_unseen_brand_dev_set_holds_the_target() -> None:
    """The labelled sentences of the dev brands (the held-out brands are reported by the bench, not tuned on)."""
    from evals.bench.bench_claims_brands import brand_sets, pooled
    from evals.bench.bench_guards import evaluate_dataset

    sets = brand_sets()
    assert len(sets) >= 7 and sum(1 for _s, split, _p in sets if split == "holdout") == 2
    dev = pooled([evaluate_dataset(p) for _s, split, p in sets if split == "dev"], "dev")
    assert dev.cases >= 300
    assert dev.precision >= 0.95 and dev.recall >= 0.95 and dev.false_block_rate <= 0.05, dev.errors


def test_a_report_without_cases_does_not_pass() -> None:
    report = SelfTestReport(
        library="x",
        library_version="v",
        on=ON,
        claims=0,
        cases=0,
        precision=1.0,
        recall=1.0,
        false_block_rate=0.0,
        blocked_mutations=0,
        mutations=0,
        blocked_faithful=0,
        faithful=0,
    )
    assert not report.meets_floor


def test_a_broken_library_raises_the_library_error(tmp_path: Path) -> None:
    from guards.library import BrandLibraryError

    (tmp_path / "brand.yaml").write_text("name: Emptyco\n")
    (tmp_path / "claims.yaml").write_text("claims: []\n")
    with pytest.raises(BrandLibraryError, match="claims.yaml"):
        run_selftest(tmp_path, on=ON)


def test_cli_check_flag_passes_on_a_bundled_brand(capsys: pytest.CaptureFixture[str]) -> None:
    from graph.cli import main

    rc = main(
        ["library", "test", str(REPO_ROOT / "brand_library" / "ledgerly"), "--check", "--date", "2026-11-25"]
    )
    out = capsys.readouterr().out
    assert rc == 0 and "precision of 'unsupported'" in out and "misses: 0" in out
