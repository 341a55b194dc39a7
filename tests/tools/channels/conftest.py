"""Fixtures of the channel tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from channel_kit import Clock, Env

from tools.events import EventLog
from tools.killswitch import KillSwitch


@pytest.fixture
def env(tmp_path: Path) -> Env:
    return Env(tmp_path, Clock(), [], EventLog(tmp_path / "events.db"), KillSwitch(tmp_path / "control.db"))
