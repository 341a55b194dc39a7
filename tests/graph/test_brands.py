"""``--brand``: a slug (LIFTOFF_BRAND_LIBRARY, then $LIFTOFF_HOME/brands) or a directory path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.runtime.brands import BrandNotFoundError, canonical_ref, list_brands, resolve_brand, validate_slug
from graph.runtime.settings import REPO_ROOT, Settings
from guards.library import BrandLibraryError

DEMO = REPO_ROOT / "brand_library" / "brightwell"


@pytest.fixture
def settings(tmp_path: Path, liftoff_home: Path) -> Settings:
    root = tmp_path / "libs"
    for slug in ("brightwell", "trailfox"):
        shutil.copytree(REPO_ROOT / "brand_library" / slug, root / slug)
    (root / "not-a-brand").mkdir()
    return Settings.from_env({"LIFTOFF_BRAND_LIBRARY": str(root), "LIFTOFF_HOME": str(liftoff_home)})


def test_setting_is_read_once_into_settings(tmp_path: Path) -> None:
    s = Settings.from_env({"LIFTOFF_BRAND_LIBRARY": str(tmp_path), "LIFTOFF_LIBRARY_MAX_BYTES": "1000"})
    assert s.brand_library_dir == tmp_path and s.library_max_bytes == 1000
    assert Settings.from_env({}).brand_library_dir == REPO_ROOT / "brand_library"


def test_slug_and_path_resolve_to_the_library(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_brand("trailfox", settings) == (settings.brand_library_dir / "trailfox").resolve()
    elsewhere = tmp_path / "elsewhere" / "acme"
    shutil.copytree(DEMO, elsewhere)
    assert resolve_brand(str(elsewhere), settings) == elsewhere.resolve()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert resolve_brand("./acme", settings) == elsewhere.resolve()
    assert canonical_ref("./acme", settings) == str(elsewhere.resolve())  # absolute: resumes from anywhere
    assert canonical_ref(str(settings.brand_library_dir / "trailfox"), settings) == "trailfox"


def test_added_brands_are_found_after_the_library_dir(settings: Settings) -> None:
    added = settings.home / "brands" / "acme"
    shutil.copytree(DEMO, added)
    assert resolve_brand("acme", settings) == added.resolve()
    assert [(e.slug, e.source) for e in list_brands(settings)] == [
        ("brightwell", "library"),
        ("acme", "added"),
        ("trailfox", "library"),
    ]


def test_unknown_slug_lists_the_brands_with_a_did_you_mean(settings: Settings) -> None:
    with pytest.raises(BrandNotFoundError) as err:
        resolve_brand("trailfx", settings)
    message = str(err.value)
    assert "did you mean 'trailfox'?" in message and "brands found: brightwell, trailfox" in message
    assert "\n" not in message and isinstance(err.value, BrandLibraryError)
    with pytest.raises(BrandNotFoundError, match="directory not found"):
        resolve_brand("./nowhere", settings)
    with pytest.raises(BrandNotFoundError, match="no brand given"):
        resolve_brand(" ", settings)


def test_services_and_campaign_input_take_a_path(settings: Settings, tmp_path: Path) -> None:
    from graph.runtime.services import Services

    elsewhere = tmp_path / "acme"
    shutil.copytree(DEMO, elsewhere)
    svc = Services(settings)
    assert svc.library(str(elsewhere)).path == elsewhere.resolve()
    with pytest.raises(BrandLibraryError, match="did you mean 'brightwell'"):
        svc.library("brightwel")


@pytest.mark.parametrize(
    "slug, ok",
    [
        ("acme", True),
        ("acme-skin-2", True),
        ("a", True),
        ("Acme", False),
        ("-acme", False),
        ("acme_skin", False),
        ("../etc", False),
        ("", False),
    ],
)
def test_slug_rule(slug: str, ok: bool) -> None:
    if ok:
        assert validate_slug(slug) == slug
    else:
        with pytest.raises(ValueError, match="not a brand slug"):
            validate_slug(slug)


def test_a_library_directory_with_any_name_runs_through_the_claim_index(
    settings: Settings, tmp_path: Path
) -> None:
    from graph.runtime.services import Services

    odd = tmp_path / "My Brand (copy)"
    shutil.copytree(REPO_ROOT / "brand_library" / "trailfox", odd)
    svc = Services(settings)
    try:
        index = svc.claim_index(str(odd))
        assert index.library.path == odd.resolve() and index.count() == len(index.library.claims)
    finally:
        svc.close()
