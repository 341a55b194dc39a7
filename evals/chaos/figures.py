"""One printed figure of the chaos suite, and the runner helpers its categories share."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.runtime.settings import REPO_ROOT

BRIEF = (
    "Launch our new Brightwell MaxFlow Pitcher in the US starting March 2, 2027 for 4 weeks. Budget: $20k. "
    "Target: families who buy bottled water. Goal: drive 600 online orders. Use email and paid search."
)


@dataclass
class Figure:
    """A measured figure: ``name`` = ``value`` (``ok`` False when it is not what the Definition of done asks)."""

    category: str
    name: str
    value: Any
    ok: bool = True
    detail: str = ""

    def line(self) -> str:
        mark = "ok  " if self.ok else "FAIL"
        return f"{mark} {self.category:<12} {self.name:<58} {self.value!s:<14} {self.detail}"[:400]


def env_for(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment for a child ``liftoff`` process over ``home`` (small CRM, fixed check date)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIFTOFF_", "OPENAI_"))}
    env.update(
        {
            "LIFTOFF_HOME": str(home),
            "LIFTOFF_CRM_CONTACTS": "2000",
            "LIFTOFF_CHECK_DATE": "2026-11-25",
            "PYTHONPATH": str(REPO_ROOT),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            **extra,
        }
    )
    return env


def cli(
    env: dict[str, str], *args: str, timeout: float = 900, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``liftoff ARGS`` in a child process through the crash harness (a point from ``LIFTOFF_CHAOS_CRASH``)."""
    return subprocess.run(
        [sys.executable, "-m", "evals.chaos.crash", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_ROOT,
        errors="replace",
    )


def one_clear_line(stderr: str) -> bool:
    """The failure was told in exactly one ``error:`` line, the last thing printed, and no traceback."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error:")]
    return len(errors) == 1 and lines[-1] == errors[0] and "Traceback" not in stderr and len(errors[0]) < 1000
