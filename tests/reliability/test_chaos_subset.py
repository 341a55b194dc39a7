"""The CI-sized subset of the chaos suite (``make chaos`` runs the full one): the zeros it must keep.

- no non-loopback connect in a default campaign or a claims check;
- several fresh ``liftoff run`` processes started at once (each importing numpy, torch, chromadb and guardrails
  for the first time while the graph fans out) all launch, with no ImportError;
- every provider fault mode ends bounded, in one clear line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evals.chaos import concurrency, outbound, provider_faults
from evals.chaos.figures import Figure

pytestmark = pytest.mark.slow


def _red(figures: list[Figure]) -> list[str]:
    return [f.line() for f in figures if not f.ok]


def test_no_outbound_connection(liftoff_home: Path) -> None:
    figures = outbound.run(quick=True)
    assert [f.value for f in figures] == [0, 0], _red(figures)


@pytest.mark.live_model
def test_every_provider_fault_is_bounded_and_told_in_one_line() -> None:
    provider_faults._warm()
    figures = [f for mode in provider_faults.FAULT_MODES for f in provider_faults._mode(mode)]
    figures += provider_faults._deadline()
    assert not _red(figures)


def test_fresh_processes_at_once_see_no_import_race(tmp_path: Path) -> None:
    n = int(os.environ.get("LIFTOFF_CHAOS_PROCS", "4"))
    result = concurrency._batch([tmp_path / f"home-{i}" for i in range(n)])
    assert result["import_errors"] == 0 and result["failures"] == 0, result
    assert result["unique_traces"] == n
