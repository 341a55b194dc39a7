"""Vendor credentials: from an environment variable, else from a secrets file; never stored or logged.

The secrets file (``LIFTOFF_SECRETS_FILE``, default ``$LIFTOFF_HOME/secrets.env``) holds ``NAME=value`` lines
(``#`` comments, blank lines); it must not be readable by other users (mode 0600). A :class:`Secret` hides its value
from ``repr``/``str`` so it cannot leak into an event payload, a log line or a traceback by accident.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path


class MissingSecret(ValueError):
    """A credential is not configured; the message names the variable, never a value."""


class Secret:
    """A credential value that prints as ``***``."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        """Wrap ``value``."""
        self._value = value

    def reveal(self) -> str:
        """The value, for the one call that sends it to the vendor."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


def _file_values(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise MissingSecret(f"secrets file {path} is readable by other users; chmod 600 it")
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            raise MissingSecret(f"secrets file {path}: line {n} is not NAME=value")
        out[name.strip()] = value.strip().strip('"').strip("'")
    return out


def secret(name: str, *, env: Mapping[str, str] | None = None, secrets_file: Path | None = None) -> Secret:
    """Look ``name`` up in the environment, then in the secrets file.

    Raises:
        MissingSecret: when neither has it.
    """
    source = os.environ if env is None else env
    if source.get(name):
        return Secret(source[name])
    path = secrets_file or Path(
        source.get("LIFTOFF_SECRETS_FILE") or Path(source.get("LIFTOFF_HOME", ".liftoff")) / "secrets.env"
    )
    value = _file_values(Path(path)).get(name)
    if not value:
        raise MissingSecret(f"${name} is not set (environment or secrets file {path})")
    return Secret(value)
