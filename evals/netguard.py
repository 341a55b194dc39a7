"""The session-wide socket guard of ``tests/`` and ``evals/``: no outbound connection, no DNS lookup of a
non-local host; every refused attempt is recorded in :data:`OUTBOUND_ATTEMPTS` for the suites to assert on."""

from __future__ import annotations

import ipaddress
import socket

# Kept on the socket module so that every copy of this module (and of the conftests) shares them.
_real_connect = socket.__dict__.setdefault("_liftoff_real_connect", socket.socket.connect)
_real_connect_ex = socket.__dict__.setdefault("_liftoff_real_connect_ex", socket.socket.connect_ex)
_real_getaddrinfo = socket.__dict__.setdefault("_liftoff_real_getaddrinfo", socket.getaddrinfo)
OUTBOUND_ATTEMPTS: list[str] = socket.__dict__.setdefault("_liftoff_outbound_attempts", [])
"""Every refused outbound connection attempt of the session (asserted empty by tests)."""


def _is_local(host: object) -> bool:
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like
    if host in ("localhost", "", "::1"):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: object) -> object:
    host = address[0] if isinstance(address, tuple) else address
    if not _is_local(host):
        OUTBOUND_ATTEMPTS.append(str(address))
        raise ConnectionRefusedError(f"the test session blocks outbound connections (to {address!r})")
    return _real_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    host = address[0] if isinstance(address, tuple) else address
    if not _is_local(host):
        OUTBOUND_ATTEMPTS.append(str(address))
        return 111
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    if host is not None and not _is_local(
        host if isinstance(host, str) else host.decode() if isinstance(host, bytes) else host
    ):
        OUTBOUND_ATTEMPTS.append(f"dns:{host}")
        raise socket.gaierror(f"the test session blocks DNS lookups of non-local hosts ({host!r})")
    return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


def install_socket_guard() -> None:
    """Refuse every non-loopback connection and DNS lookup from now on in this process (idempotent)."""
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]
