"""Fixtures for graph tests: small embedded stores and a fixed check date."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.runtime.runner import Campaigns
from graph.runtime.settings import REPO_ROOT, Settings

EXAMPLE_BRIEF = (REPO_ROOT / "examples" / "briefs" / "maxflow-launch.md").read_text()
CLEAN_BRIEF = (
    "Launch our new Brightwell MaxFlow Pitcher in the US starting March 2, 2027 for 4 weeks. Budget: $20k. "
    "Target: families who buy bottled water. Goal: drive 600 online orders. Use email and paid search."
)


def make_settings(home: Path, **overrides: object) -> Settings:
    """Settings for a test: small CRM, fixed check date, everything under ``home``."""
    env = {"LIFTOFF_HOME": str(home), "LIFTOFF_CRM_CONTACTS": "4000", "LIFTOFF_CHECK_DATE": "2026-11-25"}
    return Settings.from_env(env, **overrides)


@pytest.fixture
def campaigns(liftoff_home: Path) -> Iterator[Campaigns]:
    """A campaign runner over the test's own state directory."""
    c = Campaigns(make_settings(liftoff_home))
    yield c
    c.close()
