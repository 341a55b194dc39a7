"""The tools and stores one process uses, built lazily from :class:`Settings` (nothing opens at import)."""

from __future__ import annotations

import contextlib
import threading
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from graph.review.autonomy import Autonomy
from graph.runtime.brands import resolve_brand
from graph.runtime.settings import Settings
from guards.library import load_library
from guards.retrieval import ClaimIndex
from tools.channels.publisher import Publisher
from tools.channels.registry import connectors_from_config
from tools.crm.export_store import ExportStore
from tools.crm.store import CRMStore
from tools.events import EventLog
from tools.killswitch import KillSwitch
from tools.spend import SpendLedger

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from guards.library import BrandLibrary


class Services:
    """Lazily opened stores, tools and models for one :class:`Settings`."""

    def __init__(self, settings: Settings) -> None:
        """Bind to settings; nothing is opened until first use."""
        self.settings = settings
        self._lock = threading.RLock()
        self._models: dict[str, BaseChatModel] = {}
        self._indexes: dict[str, ClaimIndex] = {}

    @cached_property
    def autonomy(self) -> Autonomy:
        """The autonomy dial."""
        return Autonomy.parse(self.settings.autonomy)

    @cached_property
    def events(self) -> EventLog:
        """The append-only event log."""
        return EventLog(self.settings.store("events.db"))

    @cached_property
    def kill_switch(self) -> KillSwitch:
        """The kill-switch store."""
        return KillSwitch(self.settings.store("control.db"))

    @cached_property
    def crm(self) -> CRMStore:
        """The embedded CRM store, seeded with the synthetic dataset on first use."""
        with self._lock:
            store = CRMStore(self.settings.store("crm.duckdb"))
            store.ensure_seeded(self.settings.crm_contacts, self.settings.seed)
            return store

    @cached_property
    def exports(self) -> ExportStore | None:
        """The shared export table (``LIFTOFF_DATABASE_URL``), or None: exports are files under the home."""
        return ExportStore(self.settings.database_url) if self.settings.database_url else None

    @cached_property
    def ledger(self) -> SpendLedger:
        """The append-only spend ledger (caps and kill-switch enforced inside)."""
        return SpendLedger(self.settings.store("ledger.db"), events=self.events, kill_switch=self.kill_switch)

    @cached_property
    def publisher(self) -> Publisher:
        """The channel publisher (idempotency, retries, breakers, SLA, kill-switch inside)."""
        outbox = self.settings.store("outbox.db")
        connectors = connectors_from_config(
            dict(getattr(self.settings, "connectors", {}) or {}),
            outbox_path=outbox,
            state_dir=self.settings.home,
        )
        # Spend is committed day by day by the optimizer cycle through the ledger (caps enforced there); a
        # publish-time commit of the whole flight budget would count it twice. The publisher still refuses every
        # side effect a kill-switch covers.
        return Publisher(
            store_path=self.settings.store("programs.db"),
            connectors=connectors,
            kill_switch=self.kill_switch,
            events=self.events,
            ledger=None,
        )

    def library(self, slug: str) -> BrandLibrary:
        """Load a brand library by slug or directory path (cached by file mtime in the loader)."""
        return load_library(resolve_brand(slug, self.settings), max_bytes=self.settings.library_max_bytes)

    def claim_index(self, slug: str) -> ClaimIndex:
        """Return the Chroma claim index of a brand, ingested (incrementally) on first use in this process."""
        with self._lock:
            library = self.library(slug)
            index = self._indexes.get(slug)
            if index is None or index.library.version != library.version:
                index = ClaimIndex.open(
                    self.settings.home,
                    library,
                    chroma_host=self.settings.chroma_host,
                    chroma_port=self.settings.chroma_port,
                    embeddings=self.settings.embeddings,
                )
                index.ingest()
                self._indexes[slug] = index
            return index

    def model(self, agent: str) -> BaseChatModel:
        """Return the chat model an agent uses (resolved once per spec)."""
        from graph.models.registry import resolve_model  # lazy: start-up (langchain_core)

        spec = self.settings.model_for(agent)
        loaded = self._models.get(spec)
        if (
            loaded is not None
        ):  # no lock once loaded: a long first-run ingest holding the lock never delays it
            return loaded
        with self._lock:
            if spec not in self._models:
                # The model layer owns retries (CallPolicy): the client makes one request per attempt.
                self._models[spec] = resolve_model(
                    spec,
                    base_url=self.settings.openai_base_url,
                    timeout=self.settings.model_policy.timeout_s,
                    max_retries=0,
                )
            return self._models[spec]

    def check_date(self) -> date:
        """The date claims are checked against (settings override, else today)."""
        return date.fromisoformat(self.settings.check_date) if self.settings.check_date else date.today()

    def close(self) -> None:
        """Close every store this process opened for these settings (best effort; for teardown)."""
        for index in list(self._indexes.values()):
            close_client = getattr(getattr(index, "client", None), "close", None)
            if callable(close_client):  # stops the embedded Chroma system of this directory
                with contextlib.suppress(Exception):
                    close_client()
        for name in ("crm", "ledger", "events", "publisher", "kill_switch"):
            close = getattr(self.__dict__.get(name), "close", None)
            if callable(close):
                with contextlib.suppress(Exception):
                    close()


_REGISTRY: dict[str, Services] = {}
_REGISTRY_LOCK = threading.Lock()


def services_for(settings: Settings) -> Services:
    """Return the process-wide :class:`Services` for these settings (one per distinct settings)."""
    key = repr(settings)
    with _REGISTRY_LOCK:
        if key not in _REGISTRY:
            _REGISTRY[key] = Services(settings)
        return _REGISTRY[key]


def release(settings: Settings) -> Services | None:
    """Forget the process-wide services of these settings and close their stores; return them (None if none)."""
    with _REGISTRY_LOCK:
        svc = _REGISTRY.pop(repr(settings), None)
    if svc is not None:
        svc.close()
    return svc
