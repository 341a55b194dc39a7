"""Operator controls the app offers (kill-switch, autonomy dial, model): applied and written to the audit trail.

Control events are not part of one campaign: they carry the trace id ``control`` so every campaign's audit
view can show them next to its own decisions.
"""

from __future__ import annotations

from pathlib import Path

from graph.runtime.prefs import AppPrefs, save_prefs
from graph.runtime.services import Services
from tools.killswitch import SwitchState

CONTROL_TRACE = "control"
"""Trace (and campaign) id of operator control events."""


def set_kill_switch(
    services: Services,
    engaged: bool,
    *,
    channel: str | None,
    region: str | None,
    actor: str,
    reason: str = "",
) -> SwitchState:
    """Engage or release one kill-switch scope and record who did it (``control.kill_switch``).

    Raises:
        ValueError: unknown channel or region.
    """
    state = services.kill_switch.set(
        engaged, channel=channel or None, region=region or None, actor=actor, reason=reason.strip()
    )
    services.events.emit(
        "control.kill_switch",
        trace_id=CONTROL_TRACE,
        campaign_id=CONTROL_TRACE,
        source="app",
        payload={"scope": state.scope, "engaged": engaged, "actor": actor, "reason": state.reason},
    )
    return state


def save_preferences(
    services: Services, home: Path, prefs: AppPrefs, *, actor: str, previous: AppPrefs
) -> Path:
    """Validate and save the app's preferences; record autonomy and model changes (``control.*`` events).

    Raises:
        PrefsError: an invalid model spec, base URL or autonomy spec (nothing is saved).
    """
    path = save_prefs(home, prefs)
    if prefs.autonomy != previous.autonomy:
        services.events.emit(
            "control.autonomy",
            trace_id=CONTROL_TRACE,
            campaign_id=CONTROL_TRACE,
            source="app",
            payload={"spec": prefs.autonomy, "previous": previous.autonomy, "actor": actor},
        )
    if (prefs.model, prefs.openai_base_url) != (previous.model, previous.openai_base_url):
        services.events.emit(
            "control.model",
            trace_id=CONTROL_TRACE,
            campaign_id=CONTROL_TRACE,
            source="app",
            payload={"spec": prefs.model, "base_url": prefs.openai_base_url, "actor": actor},
        )
    return path
