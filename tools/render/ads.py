"""Ad previews: each platform's fields and character limits for a paid-social, paid-search or display asset.

Limits are the platforms' published ones for the formats Liftoff writes (responsive search ads, Meta and
LinkedIn single-image ads, responsive display ads). A field over a limit is reported with its length: the
platform would reject it (hard limit) or cut it off in the feed (truncation).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldLimit:
    """One ad field: where the asset's text goes and its limit on the platform."""

    label: str
    source: str
    """Asset field: 'headline', 'body' or 'cta'."""
    limit: int
    kind: str
    """'hard' (the platform refuses longer text) or 'truncated' (shown cut off)."""


PLATFORMS: dict[str, dict[str, tuple[FieldLimit, ...]]] = {
    "paid_search": {
        "Google Ads (responsive search ad)": (
            FieldLimit("Headline", "headline", 30, "hard"),
            FieldLimit("Description", "body", 90, "hard"),
        ),
        "Microsoft Advertising (responsive search ad)": (
            FieldLimit("Headline", "headline", 30, "hard"),
            FieldLimit("Description", "body", 90, "hard"),
        ),
    },
    "paid_social": {
        "Meta (Facebook/Instagram feed)": (
            FieldLimit("Primary text", "body", 125, "truncated"),
            FieldLimit("Headline", "headline", 40, "truncated"),
            FieldLimit("Call to action", "cta", 30, "hard"),
        ),
        "LinkedIn (single image ad)": (
            FieldLimit("Introductory text", "body", 150, "truncated"),
            FieldLimit("Headline", "headline", 70, "truncated"),
        ),
    },
    "display": {
        "Google Display (responsive display ad)": (
            FieldLimit("Short headline", "headline", 30, "hard"),
            FieldLimit("Description", "body", 90, "hard"),
            FieldLimit("Call to action", "cta", 20, "hard"),
        ),
    },
}


@dataclass(frozen=True)
class AdField:
    """One field of an ad preview."""

    label: str
    text: str
    length: int
    limit: int
    kind: str

    @property
    def over(self) -> bool:
        """True when the text exceeds the platform limit."""
        return self.length > self.limit

    @property
    def shown(self) -> str:
        """The text as the platform shows it (cut with an ellipsis when a truncating field overflows)."""
        return (
            self.text if not self.over or self.kind == "hard" else self.text[: self.limit - 1].rstrip() + "…"
        )


@dataclass(frozen=True)
class AdPreview:
    """One asset as one platform shows it."""

    platform: str
    fields: tuple[AdField, ...]
    url: str | None

    @property
    def problems(self) -> list[str]:
        """One line per field over its limit."""
        return [
            f"{f.label}: {f.length}/{f.limit} characters ("
            f"{'rejected by the platform' if f.kind == 'hard' else 'cut off in the feed'})"
            for f in self.fields
            if f.over
        ]


def ad_previews(channel: str, fields: dict[str, str | None], url: str | None = None) -> list[AdPreview]:
    """Previews of an asset on every platform of its channel (empty for channels that are not ads)."""
    out = []
    for platform, limits in PLATFORMS.get(channel, {}).items():
        shown = tuple(
            AdField(lim.label, text := (fields.get(lim.source) or ""), len(text), lim.limit, lim.kind)
            for lim in limits
            if fields.get(lim.source)
        )
        out.append(AdPreview(platform, shown, url))
    return out
