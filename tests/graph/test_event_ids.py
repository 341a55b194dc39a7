"""The one event-id scheme (graph.contracts.ids.event_id) and that nothing else mints deterministic ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.contracts.ids import event_id

ROOT = Path(__file__).resolve().parents[2]


def test_same_parts_same_id_and_any_part_changes_it() -> None:
    assert event_id("cmp-1", "spend.recorded", "k1") == event_id("cmp-1", "spend.recorded", "k1")
    ids = {
        event_id("cmp-1", "spend.recorded", "k1"),
        event_id("cmp-2", "spend.recorded", "k1"),
        event_id("cmp-1", "spend.refused", "k1"),
        event_id("cmp-1", "spend.recorded", "k2"),
        event_id("cmp-1", "spend.recorded"),
    }
    assert len(ids) == 5


def test_parts_are_written_with_str() -> None:
    assert event_id("cmp-1", "control", 3) == event_id("cmp-1", "control", "3")


def test_ids_the_graph_stored_before_the_scheme_was_shared_keep_their_value() -> None:
    # A human decision is looked up by this id when a run resumes (graph.nodes.human_review): it must not move.
    assert event_id("cmp-1", "human.decision", 0) == "8e80327e-5391-52c4-ab4a-bd63a41664b6"


def test_an_id_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one non-empty part"):
        event_id()
    with pytest.raises(ValueError, match="at least one non-empty part"):
        event_id("", "")


def test_no_other_module_mints_its_own_event_ids() -> None:
    offenders = []
    for package in ("graph", "tools", "guards"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == ROOT / "graph" / "contracts" / "ids.py":
                continue
            text = path.read_text(encoding="utf-8")
            if "uuid5(" in text or re.search(r"event_id=f[\"']", text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
