"""Outbound connections: a default campaign, the claims check and the app boot under a connect audit (must be 0)."""

from __future__ import annotations

import ipaddress
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from evals.chaos.figures import BRIEF, Figure
from graph.cli import main
from graph.contracts.network import apply_offline_defaults
from graph.runtime.settings import REPO_ROOT, Settings

CAT = "outbound"


def _local(host: object) -> bool:
    if not isinstance(host, str) or host in ("localhost", "", "::1"):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@contextmanager
def connect_audit() -> Iterator[list[str]]:
    """Record (and refuse) every non-loopback connect and DNS lookup made inside the block."""
    seen: list[str] = []
    real_connect, real_connect_ex, real_gai = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def connect(self: socket.socket, address: Any) -> Any:
        if not _local(address[0] if isinstance(address, tuple) else address):
            seen.append(str(address))
            raise ConnectionRefusedError(f"chaos connect audit refused {address!r}")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if not _local(address[0] if isinstance(address, tuple) else address):
            seen.append(str(address))
            return 111
        return real_connect_ex(self, address)

    def gai(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if host is not None and not _local(name):
            seen.append(f"dns:{name}")
            raise socket.gaierror(f"chaos connect audit refused a lookup of {name!r}")
        return real_gai(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, gai  # type: ignore[method-assign,assignment]
    try:
        yield seen
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = (  # type: ignore[method-assign]
            real_connect,
            real_connect_ex,
            real_gai,
        )


def _measure(name: str, fn: Callable[[], object]) -> Figure:
    with connect_audit() as seen:
        try:
            fn()
            error = ""
        except Exception as exc:  # noqa: BLE001 - the figure is the connects, the error is reported alongside
            error = f"{type(exc).__name__}: {str(exc)[:80]}"
    return Figure(CAT, f"{name}: non-loopback connects", len(seen), not seen, "; ".join(seen[:3]) or error)


def _campaign() -> None:
    from graph.runtime.runner import Campaigns  # lazy: start-up (langchain_core, langgraph)

    apply_offline_defaults()
    home = Path(tempfile.mkdtemp(prefix="chaos-outbound-"))
    env = {"LIFTOFF_HOME": str(home), "LIFTOFF_CRM_CONTACTS": "2000", "LIFTOFF_CHECK_DATE": "2026-11-25"}
    campaigns = Campaigns(Settings.from_env(env))
    try:
        campaigns.start(BRIEF, auto_approve=True)
    finally:
        campaigns.close()


def _claims_check() -> None:
    main(["claims-check", "--library", "brightwell", "--region", "UK", "--text", "Removes 99.9% of lead."])


def _app_boot() -> None:
    from streamlit.testing.v1 import AppTest  # lazy: start-up (streamlit)

    AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300).run()


def run(quick: bool) -> list[Figure]:
    """Connect audit of a default campaign, a claims check and (full) the app's first render."""
    out = [_measure("default campaign", _campaign), _measure("claims check", _claims_check)]
    if not quick:
        out.append(_measure("app boot", _app_boot))
    return out
