"""Brand library loading: the demo library, the format's errors, approval by region and date, caching."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from graph.runtime.settings import REPO_ROOT
from guards.disclaimers import required_disclaimers
from guards.library import BrandLibraryError, load_library

DEMO = REPO_ROOT / "brand_library" / "brightwell"
TODAY = date(2026, 11, 25)


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "brightwell"
    shutil.copytree(DEMO, dest)
    return dest


def _write(path: Path, brand: str, claims: str) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "brand.yaml").write_text(brand)
    (path / "claims.yaml").write_text(claims)
    return path


BRAND = "name: Acme\n"
ONE_CLAIM = "claims:\n  - id: a\n    text: Acme kettles boil 1 litre in under 3 minutes.\n"


def test_demo_library_is_complete_and_valid_today() -> None:
    lib = load_library(DEMO)
    assert lib.name == "Brightwell" and lib.slug == "brightwell"
    assert len(lib.claims) >= 20 and all(c.evidence for c in lib.claims)
    assert len({c.id for c in lib.claims}) == len(lib.claims)
    assert {"US", "UK", "EU", "CA"} <= set(lib.regions)
    assert lib.banned_terms and len(lib.competitors) == 3 and lib.voice["tone"] and lib.voice["avoid"]
    assert any(c.regions for c in lib.claims)
    expired = [c for c in lib.claims if c.expired(TODAY)]
    assert [c.id for c in expired] == ["launch-offer-20"]
    assert expired[0].expires is not None and expired[0].expires < date(2026, 11, 1)


def test_approved_claims_by_region_and_date() -> None:
    lib = load_library(DEMO)
    us = {c.id for c in lib.approved_claims("US", TODAY)}
    uk = {c.id for c in lib.approved_claims("UK", TODAY)}
    anywhere = {c.id for c in lib.approved_claims(None, TODAY)}
    assert "free-shipping-us" in us and "free-shipping-us" not in uk
    assert "award-2026" in uk and "award-2026" not in us
    assert "launch-offer-20" not in us | uk | anywhere
    assert anywhere == {c.id for c in lib.claims if not c.regions and not c.expired(TODAY)}
    holiday = lib.claim("holiday-offer-25")
    assert holiday.approved("US", date(2026, 12, 31)) and not holiday.approved("US", date(2027, 1, 1))
    assert "expired on 2026-12-31" in holiday.why_not("US", date(2027, 1, 1))
    assert "only in UK" in lib.claim("award-2026").why_not("US", TODAY)
    with pytest.raises(KeyError, match="no claim 'nope'"):
        lib.claim("nope")


def test_disclaimers_always_channel_and_conditional() -> None:
    lib = load_library(DEMO)
    assert lib.disclaimers("US") == ["Results vary with local water conditions."]
    assert "Reply STOP to opt out." in lib.disclaimers("US", channel="sms")
    assert lib.disclaimers("UK") == []
    assert required_disclaimers(lib, "UK", text="Free UK delivery on orders over £30.") == ["T&Cs apply."]
    assert "T&Cs apply." not in required_disclaimers(
        lib, "UK", text="Classic cartridges fit all Brightwell pitchers."
    )
    us_health = required_disclaimers(
        lib, "US", text="Brightwell cartridges remove up to 99% of lead from tap water."
    )
    assert any("NSF/ANSI 53" in d for d in us_health)
    assert lib.disclaimers("APAC") == []


def test_version_is_a_content_hash_and_loads_are_cached(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    first = load_library(path)
    assert load_library(path) is first  # cached by (path, mtime)
    assert first.version == load_library(DEMO).version
    time.sleep(0.01)
    claims = path / "claims.yaml"
    claims.write_text(claims.read_text().replace("up to 97%", "up to 96%"))
    second = load_library(path)
    assert second is not first and second.version != first.version
    assert second.claim("chlorine-97").text.endswith("up to 96%.")


@pytest.mark.parametrize(
    "claims, message",
    [
        (ONE_CLAIM + "  - id: a\n    text: Again.\n", "duplicate claim id 'a'"),
        (ONE_CLAIM.replace("text: Acme", "expires: 2026-13-01\n    text: Acme"), "bad date"),
        (
            ONE_CLAIM.replace("text: Acme", "expires: '2026-02-30'\n    text: Acme"),
            "expires must be a date YYYY-MM-DD",
        ),
        (
            ONE_CLAIM.replace("text: Acme", "expires: next year\n    text: Acme"),
            "expires must be a date YYYY-MM-DD",
        ),
        (ONE_CLAIM.replace("text: Acme", "regions: US\n    text: Acme"), "regions must be a list"),
        (ONE_CLAIM.replace("text: Acme", "regions: [Mars]\n    text: Acme"), "unknown region 'Mars'"),
        ("claims:\n  - id: a\n    text: 42\n", "text must be a non-empty string"),
        ("claims:\n  - text: No id.\n", "id must be a non-empty string"),
        ("claims: []\n", "'claims' must be a non-empty list"),
        ("claims:\n  - id: a\n    text: [unclosed\n", "invalid YAML"),
        (ONE_CLAIM.replace("text: Acme", "evidence: [1, 2]\n    text: Acme"), "evidence must be a string"),
    ],
)
def test_bad_claims_file_is_refused_with_a_clear_message(tmp_path: Path, claims: str, message: str) -> None:
    path = _write(tmp_path / "acme", BRAND, claims)
    with pytest.raises(BrandLibraryError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_library(path)


@pytest.mark.parametrize(
    "brand, message",
    [
        ("voice: warm\nname: Acme\n", "voice must be a mapping"),
        ("name: Acme\nbanned_terms: cure\n", "banned_terms must be a list"),
        ("name: Acme\nregions:\n  Mars: {}\n", "unknown region 'Mars'"),
        (
            "name: Acme\nregions:\n  US:\n    disclaimers: [1]\n",
            "disclaimers\\[0\\] must be a non-empty string",
        ),
        ("name: Acme\nregions:\n  US:\n    comparison_requires_target: maybe\n", "must be true or false"),
        (
            "name: Acme\nregions:\n  US:\n    conditional_disclaimers: [{topic: weather, text: x}]\n",
            "unknown topic",
        ),
        ("name: Acme\nregions:\n  US:\n    channel_disclaimers: {fax: [x]}\n", "unknown channel 'fax'"),
        ("competitors: [A]\n", "name must be a non-empty string"),
        ("- just\n- a list\n", "top level must be a mapping"),
    ],
)
def test_bad_brand_file_is_refused_with_a_clear_message(tmp_path: Path, brand: str, message: str) -> None:
    path = _write(tmp_path / "acme", brand, ONE_CLAIM)
    with pytest.raises(BrandLibraryError, match=message):
        load_library(path)


def test_missing_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(BrandLibraryError, match="directory not found"):
        load_library(tmp_path / "nothing")
    path = _write(tmp_path / "acme", BRAND, ONE_CLAIM)
    (path / "claims.yaml").unlink()
    with pytest.raises(BrandLibraryError, match="lacks claims.yaml"):
        load_library(path)


def test_brand_library_error_is_a_value_error() -> None:
    assert issubclass(BrandLibraryError, ValueError)


def test_extra_fields_are_ignored(tmp_path: Path) -> None:
    brand = "name: Acme\nmascot: a fox\nregions:\n  US:\n    disclaimers: [Hot.]\n    favourite_colour: red\n"
    claims = ONE_CLAIM + "    reviewer: legal\n"
    lib = load_library(_write(tmp_path / "acme", brand, claims))
    assert lib.disclaimers("US") == ["Hot."] and lib.claim("a").text.startswith("Acme kettles")
