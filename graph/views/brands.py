"""What the app's brand page shows, as plain data: the brands found, a lint report, self-test figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.runtime.brands import BrandEntry
from guards.library_lint import LintReport


@dataclass(frozen=True)
class BrandRow:
    """One line of the brands table."""

    slug: str
    name: str
    claims: int | str
    where: str
    path: str
    problem: str = ""


def brand_rows(entries: list[BrandEntry], max_bytes: int) -> list[BrandRow]:
    """One row per brand found; a brand that does not load says why instead of hiding."""
    from guards.library import BrandLibraryError, load_library

    rows = []
    for e in entries:
        where = "LIFTOFF_BRAND_LIBRARY" if e.source == "library" else "added in the app"
        try:
            lib = load_library(e.path, max_bytes=max_bytes)
        except BrandLibraryError as exc:
            rows.append(BrandRow(e.slug, "", "?", where, str(e.path), str(exc)[:200]))
            continue
        rows.append(BrandRow(e.slug, lib.name, len(lib.claims), where, str(e.path)))
    return rows


def lint_rows(report: LintReport) -> list[dict[str, Any]]:
    """The lint report as table rows (errors first)."""
    ordered = sorted(report.problems, key=lambda p: (p.severity != "error", p.file, p.line or 0))
    return [
        {
            "": "error" if p.severity == "error" else "warning",
            "file": p.file,
            "line": str(p.line) if p.line else "",
            "key": p.key,
            "problem": p.message,
            "rule": p.rule,
        }
        for p in ordered
    ]


def lint_summary(report: LintReport) -> str:
    """``7 claims · 0 errors · 3 warnings``."""
    return (
        f"{report.claims} claims · {len(report.errors)} error{'s' if len(report.errors) != 1 else ''} · "
        f"{len(report.warnings)} warning{'s' if len(report.warnings) != 1 else ''}"
    )


def selftest_figures(report: Any) -> list[tuple[str, str]]:
    """Headline figures of a :class:`guards.selftest.SelfTestReport` as (label, value)."""
    return [
        ("Precision of 'unsupported'", f"{report.precision:.3f}"),
        ("Recall of 'unsupported'", f"{report.recall:.3f}"),
        ("False-block rate", f"{report.false_block_rate:.1%}"),
        ("Variants checked", str(report.cases)),
    ]


def selftest_class_rows(report: Any) -> list[dict[str, Any]]:
    """Per variant class: what it must be and how many the claims check got right."""
    return [
        {"variant class": name, "must be": c.expected, "correct": c.correct, "total": c.total}
        for name, c in sorted(report.classes.items(), key=lambda kv: (kv[1].expected, kv[0]))
    ]


def selftest_miss_rows(report: Any) -> list[dict[str, Any]]:
    """Every variant the claims check got wrong."""
    return [
        {
            "class": m.variant_class,
            "claim": m.claim_id,
            "sentence": m.sentence,
            "region": m.region or "",
            "expected": m.expected,
            "got": m.got,
            "why": m.reason,
        }
        for m in report.misses
    ]
