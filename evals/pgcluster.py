"""A throw-away PostgreSQL cluster (initdb + pg_ctl in a temp dir, loopback port, socket in the dir).

Used by the test suite's ``postgres_url`` fixture and by the scale benchmark. Debian's server binaries refuse to
run as root, so as root the cluster runs as the ``postgres`` user. ``make services-deps`` installs them.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ClusterError(RuntimeError):
    """The throw-away cluster could not be started (the message says why and how to fix it)."""


def server_bin() -> Path:
    """The directory of ``initdb``/``pg_ctl`` (``LIFTOFF_PG_BIN``, else the newest Debian server, else PATH)."""
    explicit = os.environ.get("LIFTOFF_PG_BIN")
    candidates = [explicit] if explicit else sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for cand in candidates:
        if cand and (Path(cand) / "initdb").is_file() and (Path(cand) / "pg_ctl").is_file():
            return Path(cand)
    raise ClusterError(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: run `make services-deps` "
        "(apt-get install postgresql) or set LIFTOFF_PG_BIN"
    )


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def throwaway_cluster(max_connections: int = 200) -> Iterator[str]:
    """Start a cluster in a fresh temp dir; yield its URL (database ``liftoff``); stop and delete it after."""
    bindir = server_bin()
    root = Path(tempfile.mkdtemp(prefix="liftoff-pg-"))
    data, port = root / "data", free_port()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(root, "postgres")
        root.chmod(0o700)

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise ClusterError(f"{Path(args[0]).name} failed: {(done.stderr or done.stdout).strip()[-400:]}")

    try:
        run(
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "liftoff",
            "--auth=trust",
            "--no-sync",
            "--locale=C.UTF-8",
            "--encoding=UTF8",
        )
        opts = (
            f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={root} "
            f"-c max_connections={max_connections} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c shared_buffers=64MB"
        )
        run(
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            opts,
            "-l",
            str(root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        try:
            run(
                str(bindir / "createdb") if (bindir / "createdb").is_file() else "createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "liftoff",
                "liftoff",
            )
            yield f"postgresql://liftoff@127.0.0.1:{port}/liftoff"
        finally:
            subprocess.run(
                [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                timeout=120,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
