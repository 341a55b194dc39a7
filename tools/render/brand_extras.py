"""Optional brand-library keys the previews need: ``sender``, ``postal_address``, ``landing_url``,
``unsubscribe_url``.

Read tolerantly from ``brand.yaml`` (every key optional, unknown keys ignored) so older libraries keep loading:

    sender: {name: Brightwell, email: hello@brightwell.example}   # or "Brightwell <hello@brightwell.example>"
    postal_address: "Brightwell Inc., 100 Spring St, Portland, OR 97201, USA"   # or {US: "...", UK: "..."}
    landing_url: https://brightwell.example/maxflow
    unsubscribe_url: https://brightwell.example/unsubscribe        # default: <landing origin>/unsubscribe
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml


@dataclass(frozen=True)
class BrandExtras:
    """What the brand library says about sending: who it is from, where the brand is, where CTAs go."""

    sender_name: str | None = None
    sender_email: str | None = None
    postal_address: dict[str, str] | None = None
    """Region code (or '*' for every region) -> postal address."""
    landing_url: str | None = None
    unsubscribe_url: str | None = None

    def address_for(self, region: str) -> str | None:
        """The postal address for a region (its own, else the brand-wide one)."""
        book = self.postal_address or {}
        return book.get(region) or book.get("*")

    def unsubscribe_for(self, landing_url: str | None) -> str | None:
        """The unsubscribe link: the library's, else ``/unsubscribe`` on the landing page's site."""
        if self.unsubscribe_url:
            return self.unsubscribe_url
        url = landing_url or self.landing_url
        if not url:
            return None
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}/unsubscribe" if parts.scheme and parts.netloc else None


_ADDR = re.compile(r"^\s*(?P<name>[^<]*?)\s*<(?P<email>[^>]+)>\s*$")


def read_extras(library_dir: Path | str) -> BrandExtras:
    """Read the optional sending keys of a brand library; missing or malformed keys read as absent."""
    try:
        raw = yaml.safe_load((Path(library_dir) / "brand.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return BrandExtras()
    if not isinstance(raw, dict):
        return BrandExtras()
    name, email = _sender(raw.get("sender"), str(raw.get("name") or "") or None)
    return BrandExtras(
        sender_name=name,
        sender_email=email,
        postal_address=_address(raw.get("postal_address")),
        landing_url=_url(raw.get("landing_url")),
        unsubscribe_url=_url(raw.get("unsubscribe_url")),
    )


def _sender(value: Any, brand: str | None) -> tuple[str | None, str | None]:
    if isinstance(value, dict):
        return (str(value.get("name") or brand or "") or None), (str(value.get("email") or "") or None)
    if isinstance(value, str):
        m = _ADDR.match(value)
        if m:
            return m["name"] or brand, m["email"]
        return (brand, value.strip()) if "@" in value else (value.strip() or brand, None)
    return brand, None


def _address(value: Any) -> dict[str, str] | None:
    if isinstance(value, str) and value.strip():
        return {"*": " ".join(value.split())}
    if isinstance(value, dict):
        out = {str(k): " ".join(str(v).split()) for k, v in value.items() if isinstance(v, str) and v.strip()}
        return out or None
    return None


def _url(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None
