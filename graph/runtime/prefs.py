"""The app's saved preferences (model, OpenAI-compatible base URL, autonomy dial) under the state directory.

They override the environment's defaults for runs started or resumed from the app, and survive restarts.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from graph.runtime.settings import ConfigError, Settings

PREFS_FILE = "app_settings.json"


class PrefsError(ConfigError):
    """A preference is invalid; the message names it."""


@dataclass(frozen=True)
class AppPrefs:
    """Preferences set in the app's sidebar; None means 'use the environment's setting'."""

    model: str | None = None
    openai_base_url: str | None = None
    autonomy: str | None = None

    def validate(self) -> AppPrefs:
        """Check every set field; return self.

        Raises:
            PrefsError: naming the bad field.
        """
        from graph.models.errors import ModelConfigError
        from graph.models.registry import describe_model
        from graph.review.autonomy import Autonomy, AutonomyError

        if self.model is not None:
            try:
                describe_model(self.model, base_url=self.openai_base_url)
            except ModelConfigError as exc:
                raise PrefsError(f"model: {exc}") from None
        if self.autonomy is not None:
            try:
                Autonomy.parse(self.autonomy)
            except AutonomyError as exc:
                raise PrefsError(f"autonomy: {exc}") from None
        return self


def load_prefs(home: Path) -> AppPrefs:
    """Read the preferences under ``home`` (defaults when the file is missing).

    Raises:
        PrefsError: when the file is unreadable or malformed (the message names the file).
    """
    path = home / PREFS_FILE
    if not path.exists():
        return AppPrefs()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("expected a JSON object")
        fields = {f.name for f in dataclasses.fields(AppPrefs)}
        return AppPrefs(**{k: (str(v) if v is not None else None) for k, v in raw.items() if k in fields})
    except (OSError, ValueError) as exc:
        raise PrefsError(f"{path} is not valid: {exc}; fix or delete it") from None


def save_prefs(home: Path, prefs: AppPrefs) -> Path:
    """Validate and write the preferences atomically (temp file, then rename); return the path.

    Raises:
        PrefsError: when a preference is invalid (nothing is written).
    """
    prefs.validate()
    home.mkdir(parents=True, exist_ok=True)
    path = home / PREFS_FILE
    fd, tmp = tempfile.mkstemp(dir=home, prefix=".app_settings.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(dataclasses.asdict(prefs), fh, indent=1)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def available_brands(settings: Settings) -> list[str]:
    """Brand-library slugs the app offers (in LIFTOFF_BRAND_LIBRARY and the brands added from the app), the default
    first (see :func:`graph.runtime.brands.list_brands`)."""
    from graph.runtime.brands import list_brands

    return [entry.slug for entry in list_brands(settings)]


def apply_prefs(settings: Settings, prefs: AppPrefs) -> Settings:
    """Return ``settings`` with the set preferences applied."""
    changes = {k: v for k, v in dataclasses.asdict(prefs).items() if v is not None}
    if "openai_base_url" in changes and not changes["openai_base_url"]:
        changes["openai_base_url"] = None
    return dataclasses.replace(settings, **changes) if changes else settings
