"""Brand libraries for guard tests, by slug: the bundled ones (`brand_library/`) and the unseen brands of the
claims benchmark (`evals/datasets/claims_brands/`)."""

from __future__ import annotations

from graph.runtime.settings import REPO_ROOT
from guards.library import BrandLibrary, load_library


def library_of(slug: str) -> BrandLibrary:
    """The library named ``slug``, bundled or from the claims benchmark's brands."""
    root = REPO_ROOT / "brand_library" / slug
    if not root.is_dir():
        root = REPO_ROOT / "evals" / "datasets" / "claims_brands" / slug
    return load_library(root)
