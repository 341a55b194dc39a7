"""The claim index on a real ``chroma run`` server: retries across a restart, one line when it stays down, and
the registered embedding function lets another Chroma client query Liftoff's collection."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from evals.langgraph_server import _free_port
from graph.runtime.settings import REPO_ROOT
from guards import chroma_retry
from guards.library import load_library
from guards.retrieval import ClaimIndex, register_embedding_function

pytestmark = pytest.mark.slow


def _start(path: Path, port: int) -> subprocess.Popen[bytes]:
    cli = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(cli), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("chroma run did not start")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    proc.wait(timeout=30)


def test_claim_index_on_a_chroma_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = load_library(REPO_ROOT / "brand_library" / "brightwell")
    port = _free_port()
    server = _start(tmp_path / "chroma", port)
    restart: dict[str, subprocess.Popen[bytes]] = {}
    timer: threading.Timer | None = None
    try:
        index = ClaimIndex.open(tmp_path, library, chroma_host="127.0.0.1", chroma_port=port)
        assert index.ingest().added == len(library.claims)
        on = date(2026, 11, 25)
        assert index.search("filters chlorine", region="US", on=on)

        # Another Chroma client, knowing only the collection's name, queries it with Liftoff's embeddings.
        import chromadb

        register_embedding_function()
        other = chromadb.HttpClient(host="127.0.0.1", port=port)
        found = other.get_collection(index.collection.name).query(
            query_texts=["filters chlorine"], n_results=3
        )
        assert len(found["ids"][0]) == 3

        # The server restarts mid-run: the query is retried and succeeds (a wide window: a loaded CI box starts
        # chroma slowly).
        monkeypatch.setattr(chroma_retry, "DELAYS_S", (0.5, 1.0, 2.0, 4.0, 8.0, 16.0))
        _stop(server)
        timer = threading.Timer(1.0, lambda: restart.setdefault("p", _start(tmp_path / "chroma", port)))
        timer.start()
        assert index.search("filters chlorine", region="US", on=on)
        timer.join()
        server = restart["p"]

        # It stays down: one clear line naming the server, after the retries.
        _stop(server)
        monkeypatch.setattr(chroma_retry, "DELAYS_S", (0.05, 0.1))
        with pytest.raises(chroma_retry.ChromaUnavailable) as err:
            index.search("filters chlorine", region="US", on=on)
        assert f"Chroma server http://127.0.0.1:{port} unreachable" in str(err.value)
        assert "after 3 attempts" in str(err.value) and "\n" not in str(err.value)
    finally:
        if timer is not None:  # a restart still starting when the test failed is stopped too
            timer.join()
        for proc in (server, *restart.values()):
            if proc.poll() is None:
                _stop(proc)
