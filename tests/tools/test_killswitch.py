from pathlib import Path

import pytest

from tools.killswitch import KillSwitch


def test_scopes_block_only_what_they_cover(tmp_path: Path) -> None:
    ks = KillSwitch(tmp_path / "ks.db")
    assert ks.check("email", "EU") is None
    ks.set(True, channel="email", actor="ana", reason="bad copy")
    assert "channel:email" in (ks.check("email", "US") or "")
    assert ks.check("sms", "US") is None
    ks.set(True, region="EU")
    assert ks.check("sms", "EU") is not None
    ks.set(False, channel="email")
    assert ks.check("email", "US") is None
    ks.set(True)
    reason = ks.check("display", "APAC")
    assert reason is not None and "global" in reason


def test_state_is_shared_across_instances(tmp_path: Path) -> None:
    KillSwitch(tmp_path / "ks.db").set(True, channel="sms", region="UK")
    other = KillSwitch(tmp_path / "ks.db")
    assert other.check("sms", "UK") is not None
    assert other.check("sms", "US") is None


def test_unknown_scope_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown channel"):
        KillSwitch(tmp_path / "ks.db").set(True, channel="fax")
