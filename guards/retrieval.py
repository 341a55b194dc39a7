"""The claim index: approved claims in Chroma, re-ingested by content hash, searched by region and date.

Embedded ``PersistentClient`` under ``<home>/chroma`` by default; ``HttpClient`` when a Chroma server host is
given (the scale path). Chroma's own default embedding function (an ONNX model it would download) is never
used: the collection gets our embedding function and every add/query passes vectors we computed. Chroma
product telemetry is off (``anonymized_telemetry=False``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from guards.chroma_retry import RetryingCollection, with_retries
from guards.embeddings import Embedder, make_embedder
from guards.library import BrandLibrary, Claim

_NEVER = 99991231


@dataclass(frozen=True)
class IngestResult:
    """What an ingest changed.

    Attributes:
        library_version: Version of the library now indexed.
        added: Claims new to the index.
        updated: Claims whose content changed.
        removed: Claims no longer in the library.
        unchanged: Claims left as they were.
        ids: The claim ids per outcome ('added', 'updated', 'removed').
    """

    library_version: str
    added: int
    updated: int
    removed: int
    unchanged: int
    ids: dict[str, list[str]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """True when anything was written."""
        return bool(self.added or self.updated or self.removed)


class ClaimIndex:
    """A brand library's claims in one Chroma collection."""

    def __init__(
        self, client: Any, collection: Any, library: BrandLibrary, embedder: Embedder, location: str
    ) -> None:
        """Use :meth:`open`."""
        self.client = client
        self.collection = collection
        self.library = library
        self.embedder = embedder
        self.location = location

    @classmethod
    def open(
        cls,
        home: Path,
        library: BrandLibrary,
        *,
        chroma_host: str | None = None,
        chroma_port: int = 8000,
        embeddings: str = "local",
        base_url: str | None = None,
        api_key: str | None = None,
    ) -> ClaimIndex:
        """Open (or create) the claim collection of a library.

        Args:
            home: State directory (the embedded store lives in ``home/'chroma'``).
            library: The brand library.
            chroma_host: Chroma server host; None for the embedded store.
            chroma_port: Chroma server port.
            embeddings: 'local' or 'openai:<model>'.
            base_url: OpenAI-compatible base URL (for 'openai:<model>').
            api_key: API key for that endpoint.
        """
        import chromadb  # lazy: start-up (chromadb)
        from chromadb.config import Settings  # lazy: start-up (chromadb)

        embedder = make_embedder(embeddings, base_url=base_url, api_key=api_key)
        settings = Settings(anonymized_telemetry=False, allow_reset=False)
        if chroma_host:  # a server: every call retried on connection failures (guards.chroma_retry)
            location = f"http://{chroma_host}:{chroma_port}"
            client = with_retries(
                lambda: chromadb.HttpClient(host=chroma_host, port=chroma_port, settings=settings),
                location=location,
                what="connect",
            )
            name = f"claims-{library.slug}-{embedder.tag}"[:120]
            remote = with_retries(
                lambda: client.get_or_create_collection(
                    name=name,
                    embedding_function=_chroma_embedding_function(embeddings, base_url, embedder),
                    configuration={"hnsw": {"space": "cosine"}},
                ),
                location=location,
                what="open collection",
            )
            return cls(client, RetryingCollection(remote, location), library, embedder, location)
        else:
            path = Path(home) / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(path), settings=settings)
            location = str(path)
        slug = (
            re.sub(r"[^A-Za-z0-9_.-]+", "-", library.slug).strip("-._") or "brand"
        )  # a library dir may be any name
        name = f"claims-{slug}-{embedder.tag}"[:120]
        collection = client.get_or_create_collection(
            name=name,
            embedding_function=_chroma_embedding_function(embeddings, base_url, embedder),
            configuration={"hnsw": {"space": "cosine"}},
        )
        return cls(client, collection, library, embedder, location)

    def ingest(self) -> IngestResult:
        """Bring the index in line with the library, embedding only new or changed claims.

        Idempotent: a second ingest of the same library changes nothing; editing one claim re-embeds one.
        """
        existing = self.collection.get(include=["metadatas"])
        stored = {
            cid: (meta or {}).get("claim_hash")
            for cid, meta in zip(existing["ids"], existing["metadatas"], strict=True)
        }
        current = {c.id: c for c in self.library.claims}
        added = [cid for cid in current if cid not in stored]
        updated = [cid for cid in current if cid in stored and stored[cid] != current[cid].content_hash()]
        removed = [cid for cid in stored if cid not in current]
        if removed:
            self.collection.delete(ids=removed)
        todo = [current[cid] for cid in added + updated]
        if todo:
            self.collection.upsert(
                ids=[c.id for c in todo],
                documents=[c.text for c in todo],
                embeddings=self.embedder.embed([c.text for c in todo]),
                metadatas=[_metadata(c) for c in todo],
            )
        if todo or removed or (self.collection.metadata or {}).get("library_version") != self.library.version:
            self.collection.modify(
                metadata={"library_version": self.library.version, "slug": self.library.slug}
            )
        return IngestResult(
            library_version=self.library.version,
            added=len(added),
            updated=len(updated),
            removed=len(removed),
            unchanged=len(current) - len(added) - len(updated),
            ids={"added": added, "updated": updated, "removed": removed},
        )

    @property
    def indexed_version(self) -> str | None:
        """Library version recorded by the last ingest (None before any)."""
        return (self.collection.metadata or {}).get("library_version")

    def count(self) -> int:
        """Claims in the index."""
        return int(self.collection.count())

    def search(self, query: str, *, region: str | None, on: date, k: int = 5) -> list[Claim]:
        """Return up to ``k`` claims nearest to ``query`` that are approved in ``region`` on ``on``.

        Args:
            query: Free text (a brief, a key message, a sentence).
            region: Region code (None: only claims approved everywhere).
            on: Date the claims must be unexpired on.
            k: How many.
        """
        where: dict[str, Any] = {
            "$and": [
                {"expires": {"$gte": _day(on)}},
                {"$or": [{"all_regions": True}, {f"r_{region}": True}]} if region else {"all_regions": True},
            ]
        }
        ids = self._query([query], k, where)[0]
        claims = [self._claim(cid) for cid in ids]
        return [c for c in claims if c is not None and c.approved(region, on)]

    def candidates_many(self, queries: list[str], k: int = 5) -> list[list[Claim]]:
        """Nearest claims for each query, approved or not (the claims check reports why one is not)."""
        return [
            [c for c in (self._claim(cid) for cid in ids) if c is not None]
            for ids in self._query(queries, k, None)
        ]

    def _query(self, queries: list[str], k: int, where: dict[str, Any] | None) -> list[list[str]]:
        if not queries:
            return []
        n = min(k, self.count())
        if n <= 0:
            return [[] for _ in queries]
        result = self.collection.query(
            query_embeddings=self.embedder.embed(queries), n_results=n, where=where, include=[]
        )
        return [list(ids) for ids in result["ids"]]

    def _claim(self, claim_id: str) -> Claim | None:
        try:
            return self.library.claim(claim_id)
        except KeyError:
            return None  # indexed from an older library version; the next ingest removes it


def _metadata(claim: Claim) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "claim_hash": claim.content_hash(),
        "all_regions": not claim.regions,
        "expires": _day(claim.expires) if claim.expires else _NEVER,
    }
    meta.update({f"r_{r}": True for r in claim.regions})
    return meta


def _day(d: date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


_EF_CLASS: Any = None


def register_embedding_function() -> None:
    """Register Liftoff's embedding function ("liftoff") with Chroma in this process.

    Another Chroma client (a notebook, a service) calls this before ``client.get_collection(name)``: Chroma then
    rebuilds the function from the collection's stored config and embeds queries the way Liftoff ingested.
    """
    _chroma_embedding_function("local", None, None)


def _chroma_embedding_function(spec: str, base_url: str | None, embedder: Embedder | None) -> Any:
    """Our embedding function as a registered Chroma EmbeddingFunction (built and registered on first use)."""
    global _EF_CLASS
    if _EF_CLASS is None:
        from chromadb.api.types import Documents, EmbeddingFunction, Embeddings  # lazy: start-up (chromadb)
        from chromadb.utils.embedding_functions import (  # lazy: start-up (chromadb)
            known_embedding_functions,
            register_embedding_function,
        )  # lazy: start-up (chromadb)

        class LiftoffEmbeddingFunction(EmbeddingFunction[Documents]):
            """Delegates to :mod:`guards.embeddings` (never Chroma's default ONNX download)."""

            def __init__(
                self, spec: str = "local", base_url: str | None = None, embedder: Any = None
            ) -> None:
                self.spec = spec
                self.base_url = base_url
                self._embedder = embedder

            def __call__(self, input: Documents) -> Embeddings:  # noqa: A002 - Chroma's protocol name

                if self._embedder is None:
                    self._embedder = make_embedder(self.spec, base_url=self.base_url)
                return [np.asarray(v, dtype=np.float32) for v in self._embedder.embed(list(input))]

            @staticmethod
            def name() -> str:
                return "liftoff"

            def get_config(self) -> dict[str, Any]:
                return {"spec": self.spec, "base_url": self.base_url}

            @staticmethod
            def build_from_config(config: dict[str, Any]) -> LiftoffEmbeddingFunction:
                return LiftoffEmbeddingFunction(config.get("spec", "local"), config.get("base_url"))

            def default_space(self) -> str:  # type: ignore[override]
                return "cosine"

        if "liftoff" not in known_embedding_functions:
            # chromadb's register_embedding_function is an unannotated decorator
            register_embedding_function(LiftoffEmbeddingFunction)  # type: ignore[no-untyped-call]
        _EF_CLASS = LiftoffEmbeddingFunction
    return _EF_CLASS(spec, base_url, embedder)
