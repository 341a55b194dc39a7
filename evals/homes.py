"""Seeded template state directories, cloned per case so isolation does not cost a CRM seed and an index build.

Every brief case runs in its own state directory. Seeding the synthetic CRM and embedding a brand's claims
into Chroma take a few seconds per directory, the same work every time; a template directory is prepared once
per run (per CRM size), its stores closed, and copied for each case: the clone opens with the library's version
already indexed and the CRM already seeded.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.runtime.services import Services, release
from graph.runtime.settings import Settings


class TemplateHomes:
    """Template state directories under a work directory, one per CRM size."""

    def __init__(self, work_dir: Path, base: Settings) -> None:
        """Bind to the run's work directory and base settings (library dir, embeddings, seed)."""
        self.work_dir = work_dir
        self.base = base
        self._lock = threading.Lock()
        self._ready: dict[tuple[int, Path], Path] = {}

    def prepare(self, crm_contacts: int, brands: Iterable[str], library_dir: Path | None = None) -> Path:
        """Build (once) the template for a CRM size and library directory (default: the run's), with the claim
        index of every brand that loads."""
        library_dir = library_dir or self.base.brand_library_dir
        key = (crm_contacts, library_dir)
        with self._lock:
            if key in self._ready:
                return self._ready[key]
            home = self.work_dir / f"template-crm{crm_contacts}-{len(self._ready)}"
            settings = Settings(
                home=home,
                brand_library_dir=library_dir,
                embeddings=self.base.embeddings,
                seed=self.base.seed,
                crm_contacts=crm_contacts,
            )
            svc = Services(settings)
            try:
                for brand in sorted(set(brands)):
                    try:
                        svc.claim_index(brand)
                    except Exception:  # noqa: BLE001, S112 - a bad brand fails its own cases, with their reason
                        continue
                _ = svc.crm
            finally:
                release_services(settings, svc)
            self._ready[key] = home
            return home

    def clone(self, crm_contacts: int, dest: Path, library_dir: Path | None = None) -> None:
        """Copy the template prepared for a CRM size and library directory to ``dest`` (which must not exist)."""
        shutil.copytree(self._ready[(crm_contacts, library_dir or self.base.brand_library_dir)], dest)


def release_services(settings: Settings, svc: Any = None) -> None:
    """Close and forget the services of a finished case (they hold open stores).

    Args:
        settings: The case's settings (their process-wide services are dropped from the registry).
        svc: Services created directly (not through the registry) to close as well.
    """
    released = release(settings)
    if svc is not None and svc is not released:
        svc.close()
