"""``python -m evals.bench`` finds every benchmark module and reports failures."""

from __future__ import annotations

import pytest

from evals.bench.__main__ import discover


def test_discover_lists_every_bench_module_and_filters_by_area() -> None:
    modules = discover()
    assert "evals.bench.bench_evals" in modules and "evals.bench.bench_graph" in modules
    assert modules == sorted(modules)
    assert discover(["evals"]) == ["evals.bench.bench_evals"]
    with pytest.raises(SystemExit, match="no benchmark bench_nope"):
        discover(["nope"])
