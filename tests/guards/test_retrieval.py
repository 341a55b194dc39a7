"""The Chroma claim index: content-hash ingest, filtered search, local and OpenAI-compatible embeddings."""

from __future__ import annotations

import json
import shutil
import socket
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from graph.runtime.settings import REPO_ROOT
from guards.claims import check_text
from guards.embeddings import local_embedder
from guards.library import BrandLibrary, load_library
from guards.retrieval import ClaimIndex

DEMO = REPO_ROOT / "brand_library" / "brightwell"
TODAY = date(2026, 11, 25)


@pytest.fixture()
def library_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "lib" / "brightwell"
    shutil.copytree(DEMO, dest)
    return dest


@pytest.fixture()
def no_chroma_onnx(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chroma's default embedding function would download an ONNX model: make any use of it fail loudly."""
    from chromadb.utils.embedding_functions import onnx_mini_lm_l6_v2

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("Chroma's default ONNX embedding function was used")

    monkeypatch.setattr(onnx_mini_lm_l6_v2.ONNXMiniLM_L6_V2, "__call__", refuse)
    monkeypatch.setattr(onnx_mini_lm_l6_v2.ONNXMiniLM_L6_V2, "_download_model_if_not_exists", refuse)


def _edit(path: Path, old: str, new: str) -> BrandLibrary:
    claims = path / "claims.yaml"
    claims.write_text(claims.read_text().replace(old, new))
    return load_library(path)


def test_ingest_is_idempotent_and_incremental(
    tmp_path: Path, library_copy: Path, no_chroma_onnx: None
) -> None:
    blocked = socket.socket.connect.__globals__["OUTBOUND_ATTEMPTS"]
    before = list(blocked)
    lib = load_library(library_copy)
    index = ClaimIndex.open(tmp_path / "home", lib)
    first = index.ingest()
    assert (first.added, first.updated, first.removed, first.unchanged) == (len(lib.claims), 0, 0, 0)
    assert first.library_version == lib.version and index.indexed_version == lib.version
    second = index.ingest()
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, len(lib.claims))
    assert not second.changed

    edited = _edit(library_copy, "up to 97%", "up to 96%")
    third = ClaimIndex.open(tmp_path / "home", edited).ingest()
    assert (third.added, third.updated, third.removed) == (0, 1, 0) and third.ids["updated"] == [
        "chlorine-97"
    ]

    removed = _edit(library_copy, "  - id: countries-eu\n", "  - id: countries-eu-2\n")
    fourth = ClaimIndex.open(tmp_path / "home", removed).ingest()
    assert fourth.ids["added"] == ["countries-eu-2"] and fourth.ids["removed"] == ["countries-eu"]
    reopened = ClaimIndex.open(tmp_path / "home", removed)
    assert reopened.count() == len(removed.claims) and reopened.indexed_version == removed.version
    assert blocked == before


def test_search_returns_only_approved_in_region_and_unexpired(tmp_path: Path, no_chroma_onnx: None) -> None:
    lib = load_library(DEMO)
    index = ClaimIndex.open(tmp_path, lib)
    index.ingest()
    uk = index.search("free delivery on orders", region="UK", on=TODAY, k=5)
    assert uk and uk[0].id == "free-delivery-uk"
    assert all(c.approved("UK", TODAY) for c in uk) and "free-shipping-us" not in {c.id for c in uk}
    offers = index.search("20% off the MaxFlow Pitcher launch offer", region="US", on=TODAY, k=10)
    assert "launch-offer-20" not in {c.id for c in offers} and "holiday-offer-25" in {c.id for c in offers}
    later = index.search("25% off the MaxFlow Pitcher", region="US", on=date(2027, 1, 1), k=10)
    assert "holiday-offer-25" not in {c.id for c in later}
    anywhere = index.search("lead", region=None, on=TODAY, k=10)
    assert anywhere and all(not c.regions for c in anywhere)
    assert len(index.search("water", region="US", on=TODAY, k=3)) == 3
    nearest = index.candidates_many(["Removes 99% of lead", "Free shipping"], k=3)
    assert nearest[0][0].id == "lead-99" and nearest[1][0].id == "free-shipping-us"


def test_claims_check_with_the_index_agrees_with_the_lexical_check(tmp_path: Path) -> None:
    lib = load_library(DEMO)
    index = ClaimIndex.open(tmp_path, lib)
    index.ingest()
    text = (
        "Our cartridges get rid of up to 99% of the lead in your tap water. Free shipping on orders over $25. "
        "Launch offer: 20% off the MaxFlow Pitcher until 31 October 2026. Order today."
    )
    with_index = check_text(text, lib, region="US", on=TODAY, index=index)
    without = check_text(text, lib, region="US", on=TODAY)
    assert (
        [s.verdict for s in with_index.sentences]
        == [s.verdict for s in without.sentences]
        == ["supported", "unsupported", "unsupported", "no_claim"]
    )


def test_local_embedder_is_loaded_once_per_process(tmp_path: Path) -> None:
    embedder = local_embedder()
    vectors = embedder.embed(["lead", "chlorine"])
    model = embedder._model
    assert len(vectors) == 2 and len(vectors[0]) == 384
    ClaimIndex.open(tmp_path, load_library(DEMO)).ingest()
    assert local_embedder() is embedder and embedder._model is model


class _FakeEmbeddings(BaseHTTPRequestHandler):
    calls: list[dict[str, object]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _FakeEmbeddings.calls.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
        data = [
            {"object": "embedding", "index": i, "embedding": [float(len(t) % 7), float("lead" in t), 1.0]}
            for i, t in enumerate(body["input"])
        ]
        payload = json.dumps(
            {
                "object": "list",
                "data": data,
                "model": body["model"],
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture()
def embeddings_server() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _FakeEmbeddings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_openai_compatible_embeddings(tmp_path: Path, embeddings_server: str, no_chroma_onnx: None) -> None:
    _FakeEmbeddings.calls.clear()
    lib = load_library(DEMO)
    index = ClaimIndex.open(
        tmp_path, lib, embeddings="openai:fake-embed", base_url=embeddings_server, api_key="k"
    )
    result = index.ingest()
    assert result.added == len(lib.claims) and index.collection.name.endswith("openai-fake-embed")
    assert (
        _FakeEmbeddings.calls[0]["model"] == "fake-embed" and _FakeEmbeddings.calls[0]["auth"] == "Bearer k"
    )
    assert index.search("lead", region="US", on=TODAY, k=2)
    with pytest.raises(ValueError, match="unknown embeddings spec"):
        ClaimIndex.open(tmp_path, lib, embeddings="word2vec")


def test_chroma_host_selects_the_http_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import chromadb

    seen: dict[str, object] = {}

    class Stop(Exception):
        pass

    def fake_http_client(host: str, port: int, settings: object) -> object:
        seen.update(host=host, port=port, telemetry=settings.anonymized_telemetry)  # type: ignore[attr-defined]
        raise Stop

    monkeypatch.setattr(chromadb, "HttpClient", fake_http_client)
    with pytest.raises(Stop):
        ClaimIndex.open(tmp_path, load_library(DEMO), chroma_host="127.0.0.1", chroma_port=8123)
    assert seen == {"host": "127.0.0.1", "port": 8123, "telemetry": False}
    assert not (tmp_path / "chroma").exists()
