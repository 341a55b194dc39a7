"""SMS preview: the message as sent (body and call to action) and how many segments it costs.

GSM 03.38: a message in the GSM-7 alphabet fits 160 septets in one segment, 153 per segment when split
(the rest carries the concatenation header); the extension table (``^{}\\[~]|€`` and form feed) costs two
septets. Any other character switches the whole message to UCS-2: 70 characters in one segment, 67 when split
(characters outside the Basic Multilingual Plane, e.g. most emoji, take two UTF-16 code units).
"""

from __future__ import annotations

from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SmsPreview:
    """One SMS as the phone shows it, with its cost in segments."""

    text: str
    encoding: str
    """'GSM-7' or 'UCS-2'."""
    units: int
    """Septets (GSM-7) or UTF-16 code units (UCS-2)."""
    segments: int
    per_segment: int
    """Capacity of one segment for this message (single or split)."""
    non_gsm: tuple[str, ...]
    """The characters that forced UCS-2 (empty for GSM-7)."""


def sms_text(body: str, cta: str | None) -> str:
    """The message as sent: body then call to action (what the channel limit measures)."""
    return " ".join(p.strip() for p in (body, cta or "") if p and p.strip())


def segments(text: str) -> SmsPreview:
    """Encoding, length in units and segment count of a message."""
    non_gsm = tuple(dict.fromkeys(c for c in text if c not in GSM7_BASIC and c not in GSM7_EXTENSION))
    if not non_gsm:
        units = sum(2 if c in GSM7_EXTENSION else 1 for c in text)
        single, split, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, split, encoding = 70, 67, "UCS-2"
    if units <= single:
        return SmsPreview(text, encoding, units, 1 if units else 0, single, non_gsm)
    return SmsPreview(text, encoding, units, -(-units // split), split, non_gsm)
