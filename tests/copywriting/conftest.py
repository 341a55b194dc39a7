"""The graph tests' fixtures (a campaign runner over the test's own home), shared with the copy tests."""

from __future__ import annotations

from tests.graph.conftest import campaigns

__all__ = ["campaigns"]
